import Basics
import Cognito

/// The app-client settings a sign-in needs.
public struct ClientSettings: Sendable {
  public var poolId: String?
  public var clientId: String
  public var clientSecret: String?

  public init(poolId: String?, clientId: String, clientSecret: String?) {
    self.poolId = poolId
    self.clientId = clientId
    self.clientSecret = clientSecret
  }

  /// SECRET_HASH over `username`, when the client has a secret.
  public func secretHash(_ username: String) -> String? {
    guard let s = clientSecret, !s.isEmpty else { return nil }
    return SecretHash.compute(username: username, clientId: clientId, clientSecret: s)
  }
}

/// Where a sign-in step left us: tokens, or another challenge to answer.
public enum SignInStep: Equatable, Sendable {
  case signedIn(SignedInUser)
  case challenge(PendingChallenge)
}

/// How `login` starts.
public enum InitiateFlow: Equatable, Sendable {
  /// USER_PASSWORD_AUTH
  case password
  /// ADMIN_USER_PASSWORD_AUTH through AdminInitiateAuth
  case admin
  /// USER_SRP_AUTH
  case srp
  /// USER_AUTH, optionally with a PREFERRED_CHALLENGE
  case userAuth(preferred: String?)
  /// CUSTOM_AUTH, optionally starting with SRP (CHALLENGE_NAME=SRP_A)
  case custom(srp: Bool)

  /// Whether the flow sends or proves the password at its start.
  public var needsPassword: Bool {
    switch self {
    case .custom(let srp): return srp
    case .userAuth(let preferred): return preferred.flatMap(SignInFactor.init(rawValue:))?.needsPassword ?? false
    default: return true
    }
  }
}

/// What the automatic steps of a sign-in may use.
public struct SignInSecrets: Sendable {
  /// For PASSWORD_VERIFIER (and the PASSWORD factor of USER_AUTH).
  public var password: String?
  /// The remembered device of this user, for DEVICE_KEY and DEVICE_SRP_AUTH.
  public var device: DeviceRecord?
  /// Draws a fresh SRP private value.
  public var randomA: @Sendable () -> BigNum

  public init(
    password: String?, device: DeviceRecord?,
    randomA: @escaping @Sendable () -> BigNum = { SRP.randomPrivateValue() }
  ) {
    self.password = password
    self.device = device
    self.randomA = randomA
  }
}

/// The result of a sign-in exchange: where it stopped, what SRP computed, and any new device.
public struct SignInOutcome: Sendable {
  public var step: SignInStep
  public var srpTraces: [SignIn.SRPTrace] = []
  /// `NewDeviceMetadata` from the tokens: a device to confirm.
  public var newDevice: (key: String, groupKey: String)?
}

/// The sign-in flows: request bodies built from the settings, responses read into steps, and
/// the challenges cogsh can answer by itself (PASSWORD_VERIFIER, DEVICE_SRP_AUTH) answered.
public enum SignIn {
  /// What an SRP step computed, for `login --explain`.
  public struct SRPTrace: Sendable {
    public var challenge: String
    public var parameters: [String: String]
    public var timestamp: String
    public var claim: SRP.Claim
  }

  /// Starts a sign-in and carries it as far as it can go without the user.
  public static func initiate(
    client: ServiceClient, settings: ClientSettings, flow: InitiateFlow, username: String, secrets: SignInSecrets,
    now: Double
  ) throws -> SignInOutcome {
    var params = ["USERNAME": username]
    var a: BigNum?
    func addSRP() throws {
      let value = secrets.randomA()
      a = value
      params["SRP_A"] = try SRP.publicValue(a: value).hex
    }
    let authFlow: String
    switch flow {
    case .password, .admin:
      guard let password = secrets.password else { throw SignInError.missingPassword }
      params["PASSWORD"] = password
      authFlow = flow == .admin ? "ADMIN_USER_PASSWORD_AUTH" : "USER_PASSWORD_AUTH"
    case .srp:
      try addSRP()
      authFlow = "USER_SRP_AUTH"
    case .userAuth(let preferred):
      authFlow = "USER_AUTH"
      if let preferred {
        params["PREFERRED_CHALLENGE"] = preferred
        switch SignInFactor(rawValue: preferred) {
        case .password:
          guard let password = secrets.password else { throw SignInError.missingPassword }
          params["PASSWORD"] = password
        case .passwordSRP: try addSRP()
        default: break
        }
      }
    case .custom(let srp):
      authFlow = "CUSTOM_AUTH"
      if srp {
        params["CHALLENGE_NAME"] = "SRP_A"
        try addSRP()
      }
    }
    if let hash = settings.secretHash(username) { params["SECRET_HASH"] = hash }
    if let device = secrets.device, flow != .admin { params["DEVICE_KEY"] = device.deviceKey }
    var body: [String: JSON] = [
      "AuthFlow": .string(authFlow), "ClientId": .string(settings.clientId), "AuthParameters": .strings(params),
    ]
    if flow == .admin {
      guard let pool = settings.poolId else { throw SignInError.missingPool }
      body["UserPoolId"] = .string(pool)
    }
    let response = try client.call(flow == .admin ? .adminInitiateAuth : .initiateAuth, .object(body))
    return try drive(
      client: client, settings: settings, response: response.body, loginName: username, isAdmin: flow == .admin,
      secrets: secrets, a: a, now: now)
  }

  /// Answers `challenge` with `answers`; USERNAME, SECRET_HASH and Session come from the context.
  /// Choosing PASSWORD_SRP at SELECT_CHALLENGE adds SRP_A and answers the verifier that follows.
  public static func respond(
    client: ServiceClient, settings: ClientSettings, challenge: PendingChallenge, answers: [String: String],
    secrets: SignInSecrets, now: Double
  ) throws -> SignInOutcome {
    var responses = answers
    var a: BigNum?
    if SignInFactor.chosen(answering: challenge.name, responses) == .passwordSRP && responses["SRP_A"] == nil {
      let value = secrets.randomA()
      a = value
      responses["SRP_A"] = try SRP.publicValue(a: value).hex
    }
    if responses["USERNAME"] == nil { responses["USERNAME"] = challenge.username }
    if responses["SECRET_HASH"] == nil, let name = responses["USERNAME"], let hash = settings.secretHash(name) {
      responses["SECRET_HASH"] = hash
    }
    if let device = secrets.device, responses["DEVICE_KEY"] == nil { responses["DEVICE_KEY"] = device.deviceKey }
    let response = try client.call(
      challenge.isAdmin ? .adminRespondToAuthChallenge : .respondToAuthChallenge,
      challengeBody(
        challenge.name.rawValue, session: challenge.session, responses: responses, settings: settings,
        admin: challenge.isAdmin))
    return try drive(
      client: client, settings: settings, response: response.body, loginName: challenge.loginName,
      isAdmin: challenge.isAdmin, secrets: secrets, a: a, now: now, userId: challenge.username)
  }

  static func challengeBody(
    _ name: String, session: String?, responses: [String: String], settings: ClientSettings, admin: Bool
  ) throws -> JSON {
    var body: [String: JSON] = [
      "ChallengeName": .string(name), "ClientId": .string(settings.clientId), "ChallengeResponses": .strings(responses),
    ]
    if let session { body["Session"] = .string(session) }
    if admin {
      guard let pool = settings.poolId else { throw SignInError.missingPool }
      body["UserPoolId"] = .string(pool)
    }
    return .object(body)
  }

  /// Answers the challenges cogsh can answer itself, then reads where the exchange stopped.
  static func drive(
    client: ServiceClient, settings: ClientSettings, response first: JSON, loginName: String, isAdmin: Bool,
    secrets: SignInSecrets, a firstA: BigNum?, now: Double, userId knownUserId: String? = nil
  ) throws -> SignInOutcome {
    var response = first
    var a = firstA
    var traces: [SRPTrace] = []
    // The internal username from an earlier challenge: the device challenges carry none, and Cognito
    // wants it there, as Amplify carries USER_ID_FOR_SRP forward.
    var userId = knownUserId
    for _ in 0..<6 {
      let params = response["ChallengeParameters"]?.stringMap ?? [:]
      userId = params["USER_ID_FOR_SRP"] ?? params["USERNAME"] ?? userId
      guard let name = response["ChallengeName"]?.stringValue,
        let answer = try automaticAnswer(
          name, params: params, settings: settings, loginName: userId ?? loginName, secrets: secrets, a: a, now: now)
      else {
        var outcome = SignInOutcome(step: try interpret(response, loginName: loginName, isAdmin: isAdmin, now: now))
        outcome.srpTraces = traces
        if let meta = response["AuthenticationResult"]?["NewDeviceMetadata"], let key = meta["DeviceKey"]?.stringValue,
          let group = meta["DeviceGroupKey"]?.stringValue
        {
          outcome.newDevice = (key, group)
        }
        return outcome
      }
      var responses = answer.responses
      a = answer.nextA
      if let trace = answer.trace { traces.append(trace) }
      if let device = secrets.device { responses["DEVICE_KEY"] = device.deviceKey }
      // SECRET_HASH over the USERNAME actually sent: the internal name after SRP.
      if let hash = settings.secretHash(responses["USERNAME"] ?? loginName) { responses["SECRET_HASH"] = hash }
      response = try client.call(
        isAdmin ? .adminRespondToAuthChallenge : .respondToAuthChallenge,
        challengeBody(
          name, session: response["Session"]?.stringValue, responses: responses, settings: settings, admin: isAdmin)
      ).body
    }
    throw CognitoError.badResponse(action: "RespondToAuthChallenge", detail: "too many challenges in a row")
  }

  /// The answer to a challenge cogsh answers without asking (its row says how), or nil when the user must.
  static func automaticAnswer(
    _ name: String, params: [String: String], settings: ClientSettings, loginName: String, secrets: SignInSecrets,
    a: BigNum?, now: Double
  ) throws -> (responses: [String: String], nextA: BigNum?, trace: SRPTrace?)? {
    guard let answer = ChallengeName(name).row?.automaticAnswer else { return nil }
    return try answer(
      AutomaticInput(params: params, settings: settings, loginName: loginName, secrets: secrets, a: a, now: now))
  }

  /// PASSWORD_VERIFIER: the SRP proof of the password.
  @Sendable static func passwordVerifierAnswer(_ i: AutomaticInput) throws -> (
    responses: [String: String], nextA: BigNum?, trace: SRPTrace?
  )? {
    guard let a = i.a, let password = i.secrets.password, let pool = i.settings.poolId,
      let underscore = pool.firstIndex(of: "_")
    else { return nil }
    let userId = i.params["USER_ID_FOR_SRP"] ?? i.params["USERNAME"] ?? i.loginName
    let trace = try verifierTrace(
      "PASSWORD_VERIFIER", params: i.params, a: a, namePart: String(pool[pool.index(after: underscore)...]),
      userId: userId, password: password, now: i.now)
    // USER_ID_FOR_SRP, the name the proof was made for, as the SDKs send it (amazon-cognito-identity-js,
    // Amplify, pycognito): the challenge's USERNAME may be the alias typed.
    return (verifierResponses(trace, username: userId), nil, trace)
  }

  /// DEVICE_SRP_AUTH: a remembered device starts its own SRP exchange with a fresh private value.
  @Sendable static func deviceSRPAnswer(_ i: AutomaticInput) throws -> (
    responses: [String: String], nextA: BigNum?, trace: SRPTrace?
  )? {
    guard i.secrets.device != nil else { return nil }
    let fresh = i.secrets.randomA()
    return (["USERNAME": i.params["USERNAME"] ?? i.loginName, "SRP_A": try SRP.publicValue(a: fresh).hex], fresh, nil)
  }

  /// DEVICE_PASSWORD_VERIFIER: the SRP proof of the device's secret.
  @Sendable static func devicePasswordVerifierAnswer(_ i: AutomaticInput) throws -> (
    responses: [String: String], nextA: BigNum?, trace: SRPTrace?
  )? {
    guard let a = i.a, let device = i.secrets.device else { return nil }
    let trace = try verifierTrace(
      "DEVICE_PASSWORD_VERIFIER", params: i.params, a: a, namePart: device.groupKey, userId: device.deviceKey,
      password: device.password, now: i.now)
    return (verifierResponses(trace, username: i.params["USERNAME"] ?? i.loginName), nil, trace)
  }

  static func verifierTrace(
    _ name: String, params: [String: String], a: BigNum, namePart: String, userId: String, password: String,
    now: Double
  ) throws -> SRPTrace {
    guard let srpB = params["SRP_B"], let salt = params["SALT"], let block = params["SECRET_BLOCK"] else {
      throw CognitoError.badResponse(action: name, detail: "the challenge lacks SRP_B, SALT or SECRET_BLOCK")
    }
    let timestamp = SRP.timestamp(epochSeconds: Int(now))
    let claim = try SRP.claim(
      a: a, namePart: namePart, userId: userId, password: password, srpB: srpB, salt: salt, secretBlock: block,
      timestamp: timestamp)
    return SRPTrace(challenge: name, parameters: params, timestamp: timestamp, claim: claim)
  }

  static func verifierResponses(_ t: SRPTrace, username: String) -> [String: String] {
    [
      "USERNAME": username, "PASSWORD_CLAIM_SECRET_BLOCK": t.parameters["SECRET_BLOCK"] ?? "",
      "PASSWORD_CLAIM_SIGNATURE": t.claim.signature, "TIMESTAMP": t.timestamp,
    ]
  }

  /// Reads an InitiateAuth / RespondToAuthChallenge response.
  public static func interpret(_ body: JSON, loginName: String, isAdmin: Bool, now: Double) throws -> SignInStep {
    if let result = body["AuthenticationResult"], let tokens = try Tokens.from(authenticationResult: result, now: now) {
      let id = tokens.idToken.flatMap { try? DecodedJWT.decode($0) }.map(CognitoClaims.init)
      let access = (try? DecodedJWT.decode(tokens.accessToken)).map(CognitoClaims.init)
      return .signedIn(
        SignedInUser(
          username: loginName, internalUsername: id?.username ?? access?.username,
          sub: id?.subject ?? access?.subject, tokens: tokens))
    }
    guard let name = body["ChallengeName"]?.stringValue else {
      throw CognitoError.badResponse(action: "sign-in", detail: "neither tokens nor a challenge")
    }
    let params = body["ChallengeParameters"]?.stringMap ?? [:]
    // Cognito wants the internal username in challenge answers; an alias works only at InitiateAuth.
    let username = params["USER_ID_FOR_SRP"] ?? params["USERNAME"] ?? loginName
    return .challenge(
      PendingChallenge(
        name: ChallengeName(name), session: body["Session"]?.stringValue, parameters: params, username: username,
        loginName: loginName, isAdmin: isAdmin, receivedAt: now,
        availableChallenges: body["AvailableChallenges"]?.arrayValue?.compactMap(\.stringValue)))
  }
}

/// Sign-in mistakes found before anything is sent.
public enum SignInError: UserFacingError, Equatable {
  case missingPool
  case missingPassword

  public var message: String {
    switch self {
    case .missingPool: return "this flow needs a user pool id"
    case .missingPassword: return "this flow needs the password"
    }
  }

  public var hint: String? {
    switch self {
    case .missingPool: return "The admin flows need the user pool's id."
    case .missingPassword: return "Give it with --password, or type it when asked."
    }
  }
}

/// A device remembered after sign-in: what DEVICE_SRP_AUTH needs. Kept in the 0600 session store.
public struct DeviceRecord: Codable, Equatable, Sendable {
  public var deviceKey: String
  public var groupKey: String
  /// The random device password whose verifier ConfirmDevice registered.
  public var password: String
}

/// ConfirmDevice: a random device password, its salt and verifier, registered for the new device.
public enum DeviceConfirmation {
  public static func confirm(
    client: ServiceClient, accessToken: String, key: String, groupKey: String, deviceName: String
  ) throws -> (DeviceRecord, userConfirmationNecessary: Bool) {
    let password = Encoding.base64(SecureRandom.bytes(40))
    let verifier = SRP.deviceVerifier(
      groupKey: groupKey, deviceKey: key, password: password, salt: SecureRandom.bytes(16))
    let response = try client.call(
      .confirmDevice,
      [
        "AccessToken": .string(accessToken), "DeviceKey": .string(key), "DeviceName": .string(deviceName),
        "DeviceSecretVerifierConfig": [
          "PasswordVerifier": .string(verifier.passwordVerifier), "Salt": .string(verifier.salt),
        ],
      ])
    return (
      DeviceRecord(deviceKey: key, groupKey: groupKey, password: password),
      response.body["UserConfirmationNecessary"] == .bool(true)
    )
  }
}
