import Basics
import Cognito

/// The sandbox's pool and app client, as created on a fresh moto server.
public struct SandboxPool: Codable, Sendable, Equatable {
  public var poolId: String
  public var clientId: String
  public var clientSecret: String?
  /// The identity pool created beside it, with this pool and client as its provider.
  public var identityPoolId: String?
  /// A callback URL registered for this sandbox alone, beside the seed's http://localhost:3333, so that
  /// two sandboxes (two trainees, or tests) never wait for a browser on the same port.
  public var callbackURL: String?
  /// A second app client like the first, with a client secret: for SECRET_HASH.
  public var secretClientId: String?
  public var secretClientSecret: String?
}

extension Account {
  /// Creates the pool and app client `description` holds (CreateUserPool and CreateUserPoolClient
  /// request bodies) on the moto server at `url`, with the dummy credentials moto accepts.
  public func createSandboxPool(description: JSON, url: String, region: String) throws -> SandboxPool {
    let client = ServiceClient(
      endpoint: Endpoint(url: url, region: region, isCustom: true), transport: transport,
      credentials: { AWSCredentials(accessKeyId: "sandbox", secretAccessKey: "sandbox", source: "sandbox") })
    client.trace = observe
    guard let poolRequest = description["CreateUserPool"],
      var clientRequest = description["CreateUserPoolClient"]?.objectValue
    else { throw CognitoError.badResponse(action: "CreateUserPool", detail: "no request body in the description") }
    let pool = try client.call(.createUserPool, poolRequest)
    guard let poolId = pool.body["UserPool"]?["Id"]?.stringValue else {
      throw CognitoError.badResponse(action: "CreateUserPool", detail: "no UserPool.Id")
    }
    clientRequest["UserPoolId"] = .string(poolId)
    let callback = (try? LoopbackListener(port: 0).port).map { "http://localhost:\($0)" }
    if let callback {
      for key in ["CallbackURLs", "LogoutURLs"] {
        clientRequest[key] = .array((clientRequest[key]?.arrayValue ?? []) + [.string(callback)])
      }
    }
    let appClient = try client.call(.createUserPoolClient, .object(clientRequest))
    guard let clientId = appClient.body["UserPoolClient"]?["ClientId"]?.stringValue else {
      throw CognitoError.badResponse(action: "CreateUserPoolClient", detail: "no UserPoolClient.ClientId")
    }
    // The same client again, with a secret, for the walkthrough on SECRET_HASH.
    var secretRequest = clientRequest
    secretRequest["ClientName"] = "dev-secret"
    secretRequest["GenerateSecret"] = true
    let secretClient = try? client.call(.createUserPoolClient, .object(secretRequest)).body["UserPoolClient"]
    let identity = ServiceClient(
      service: .identityPools, endpoint: Endpoint(url: url, region: region, isCustom: true), transport: transport,
      credentials: { AWSCredentials(accessKeyId: "sandbox", secretAccessKey: "sandbox", source: "sandbox") })
    identity.trace = observe
    let identityPool = try identity.call(
      Action("CreateIdentityPool"),
      [
        "IdentityPoolName": "dev", "AllowUnauthenticatedIdentities": true,
        "CognitoIdentityProviders": [
          ["ProviderName": .string(IdentityRequests.loginsKey(poolId: poolId)), "ClientId": .string(clientId)]
        ],
      ]
    ).body["IdentityPoolId"]?.stringValue
    return SandboxPool(
      poolId: poolId, clientId: clientId, clientSecret: appClient.body["UserPoolClient"]?["ClientSecret"]?.stringValue,
      identityPoolId: identityPool, callbackURL: callback, secretClientId: secretClient?["ClientId"]?.stringValue,
      secretClientSecret: secretClient?["ClientSecret"]?.stringValue)
  }
}

/// The sandbox's server refused to move its clock.
public struct SandboxClockError: UserFacingError {
  public var status: Int
  public var detail: String?
  public var message: String { "the sandbox did not move its clock (HTTP \(status))" }
  public var hint: String? {
    "The profile's endpoint may not be a sandbox cogsh started: only its server keeps a clock."
  }
}

extension Account {
  /// Moves the sandbox's clock on by `seconds`: its challenge Sessions expire as they would after that
  /// long (moto's token times keep the machine's). Returns how far the sandbox is now ahead.
  public func advanceSandboxClock(url: String, seconds: Int) throws -> Double {
    let response = try client(.oauth2, url: url).post(
      path: "/sandbox-api/clock", form: [("advanceSeconds", String(seconds))], label: "the sandbox's clock")
    guard response.status == 200, let ahead = (try? JSON.parse(bytes: response.body))?["offsetSeconds"]?.numberValue
    else { throw SandboxClockError(status: response.status, detail: String(decoding: response.body, as: UTF8.self)) }
    return ahead
  }
}

extension Account {
  /// On the sandbox, the newest message its server "sent" to `username` (kept in its outbox); nil
  /// elsewhere, when there is none, and when the outbox cannot be read.
  func lastSandboxMessage(to username: String) -> JSON? {
    guard let settings = try? configuration.settings(), settings.isSandbox == true, let endpoint = settings.endpointURL
    else { return nil }
    let url = Self.trimmed(endpoint) + "/sandbox-api/outbox?" + FormEncoding.encode([("to", username)])
    guard let response = try? client(.oauth2, url: url).get(url, label: "the sandbox's outbox"), response.status == 200
    else { return nil }
    return (try? JSON.parse(bytes: response.body))?["messages"]?.arrayValue?.last
  }

  /// On the sandbox, the message its pool's CustomMessage trigger wrote last for `username`, when it is
  /// not in the mailbox yet; nil elsewhere and when there is none.
  func sandboxCustomMessage(to username: String) -> MailMessage? {
    guard let last = lastSandboxMessage(to: username), let text = last["text"]?.stringValue,
      let code = last["code"]?.stringValue
    else { return nil }
    let message = MailMessage(
      to: username, subject: last["subject"]?.stringValue ?? "message", code: code, at: clock(),
      note: "written by the CustomMessage trigger", text: text)
    let kept = (try? state())?.mailbox ?? []
    return kept.contains { $0.code == code && $0.text == text } ? nil : message
  }

  /// On the sandbox, the latest code its server "sent" for `challenge` (an EMAIL_OTP or SMS_OTP sign-in
  /// code, kept in its outbox) goes into the mailbox; elsewhere, and when there is none, nothing.
  func collectSandboxCode(for challenge: PendingChallenge) throws {
    guard let last = lastSandboxMessage(to: challenge.loginName), let code = last["code"]?.stringValue else { return }
    try deliver(
      MailMessage(
        to: challenge.loginName, subject: last["subject"]?.stringValue ?? "sign-in code", code: code, at: clock(),
        text: last["text"]?.stringValue))
  }
}
