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

/// The sign-in flows: request bodies built from the settings, responses read into steps.
public enum SignIn {
  /// USER_PASSWORD_AUTH (InitiateAuth), or ADMIN_USER_PASSWORD_AUTH (AdminInitiateAuth) when `admin`.
  public static func password(
    client: CognitoClient, settings: ClientSettings, username: String, password: String, admin: Bool, now: Double
  ) throws -> SignInStep {
    var params = ["USERNAME": username, "PASSWORD": password]
    if let hash = settings.secretHash(username) { params["SECRET_HASH"] = hash }
    var body: [String: JSON] = [
      "AuthFlow": .string(admin ? "ADMIN_USER_PASSWORD_AUTH" : "USER_PASSWORD_AUTH"),
      "ClientId": .string(settings.clientId),
      "AuthParameters": .strings(params),
    ]
    if admin {
      guard let pool = settings.poolId else { throw SignInError.missingPool }
      body["UserPoolId"] = .string(pool)
    }
    let response = try client.call(admin ? "AdminInitiateAuth" : "InitiateAuth", .object(body))
    return try interpret(response.body, loginName: username, isAdmin: admin, now: now)
  }

  /// What an SRP sign-in computed, for `login --explain`.
  public struct SRPTrace: Sendable {
    public var parameters: [String: String]
    public var timestamp: String
    public var claim: SRP.Claim
  }

  /// USER_SRP_AUTH: sends SRP_A, answers PASSWORD_VERIFIER with the claim signature, and returns
  /// whatever comes next. `a` is the private value (random in use, fixed in tests).
  public static func srp(
    client: CognitoClient, settings: ClientSettings, username: String, password: String, a: BigNum, now: Double
  ) throws -> (SignInStep, SRPTrace?) {
    guard let pool = settings.poolId, let underscore = pool.firstIndex(of: "_") else { throw SignInError.missingPool }
    let bigA = try SRP.publicValue(a: a)
    var params = ["USERNAME": username, "SRP_A": bigA.hex]
    if let hash = settings.secretHash(username) { params["SECRET_HASH"] = hash }
    let first = try client.call(
      "InitiateAuth",
      ["AuthFlow": "USER_SRP_AUTH", "ClientId": .string(settings.clientId), "AuthParameters": .strings(params)])
    guard first.body["ChallengeName"]?.stringValue == "PASSWORD_VERIFIER" else {
      return (try interpret(first.body, loginName: username, isAdmin: false, now: now), nil)
    }
    let challenge = first.body["ChallengeParameters"]?.stringMap ?? [:]
    guard let userId = challenge["USER_ID_FOR_SRP"], let srpB = challenge["SRP_B"], let salt = challenge["SALT"],
      let block = challenge["SECRET_BLOCK"]
    else { throw CognitoError.badResponse(action: "InitiateAuth", detail: "PASSWORD_VERIFIER without its parameters") }
    let timestamp = SRP.timestamp(epochSeconds: Int(now))
    let claim = try SRP.claim(
      a: a, namePart: String(pool[pool.index(after: underscore)...]), userId: userId, password: password, srpB: srpB,
      salt: salt, secretBlock: block, timestamp: timestamp)
    let answerName = challenge["USERNAME"] ?? userId
    var responses = [
      "USERNAME": answerName, "PASSWORD_CLAIM_SECRET_BLOCK": block, "PASSWORD_CLAIM_SIGNATURE": claim.signature,
      "TIMESTAMP": timestamp,
    ]
    // The hash must be over the USERNAME sent here: the internal name, not the alias typed.
    if let hash = settings.secretHash(answerName) { responses["SECRET_HASH"] = hash }
    var body: [String: JSON] = [
      "ChallengeName": "PASSWORD_VERIFIER", "ClientId": .string(settings.clientId),
      "ChallengeResponses": .strings(responses),
    ]
    if let session = first.body["Session"]?.stringValue { body["Session"] = .string(session) }
    let second = try client.call("RespondToAuthChallenge", .object(body))
    let step = try interpret(second.body, loginName: username, isAdmin: false, now: now)
    return (step, SRPTrace(parameters: challenge, timestamp: timestamp, claim: claim))
  }

  /// Answers `challenge` with `answers`; USERNAME, SECRET_HASH and Session come from the context.
  public static func respond(
    client: CognitoClient, settings: ClientSettings, challenge: PendingChallenge, answers: [String: String],
    now: Double
  ) throws -> SignInStep {
    var responses = answers
    if responses["USERNAME"] == nil { responses["USERNAME"] = challenge.username }
    if responses["SECRET_HASH"] == nil, let hash = settings.secretHash(responses["USERNAME"]!) {
      responses["SECRET_HASH"] = hash
    }
    var body: [String: JSON] = [
      "ChallengeName": .string(challenge.name),
      "ClientId": .string(settings.clientId),
      "ChallengeResponses": .strings(responses),
    ]
    if let session = challenge.session { body["Session"] = .string(session) }
    if challenge.isAdmin {
      guard let pool = settings.poolId else { throw SignInError.missingPool }
      body["UserPoolId"] = .string(pool)
    }
    let response = try client.call(
      challenge.isAdmin ? "AdminRespondToAuthChallenge" : "RespondToAuthChallenge", .object(body))
    return try interpret(response.body, loginName: challenge.loginName, isAdmin: challenge.isAdmin, now: now)
  }

  /// Reads an InitiateAuth / RespondToAuthChallenge response.
  public static func interpret(_ body: JSON, loginName: String, isAdmin: Bool, now: Double) throws -> SignInStep {
    if let result = body["AuthenticationResult"], let tokens = Tokens.from(authenticationResult: result, now: now) {
      let claims = tokens.idToken.flatMap { try? DecodedJWT.decode($0) }
      let access = try? DecodedJWT.decode(tokens.accessToken)
      return .signedIn(
        SignedInUser(
          username: loginName,
          internalUsername: claims?.string("cognito:username") ?? access?.string("username"),
          sub: claims?.string("sub") ?? access?.string("sub"), tokens: tokens))
    }
    guard let name = body["ChallengeName"]?.stringValue else {
      throw CognitoError.badResponse(action: "sign-in", detail: "neither tokens nor a challenge")
    }
    let params = body["ChallengeParameters"]?.stringMap ?? [:]
    // Cognito wants the internal username in challenge answers; an alias works only at InitiateAuth.
    let username = params["USER_ID_FOR_SRP"] ?? params["USERNAME"] ?? loginName
    return .challenge(
      PendingChallenge(
        name: name, session: body["Session"]?.stringValue, parameters: params, username: username,
        loginName: loginName, isAdmin: isAdmin, receivedAt: now))
  }

  /// Which command answers a challenge, for the message after it arrives.
  public static func answeringCommand(_ challenge: String) -> String {
    switch challenge {
    case "NEW_PASSWORD_REQUIRED": return "new-password"
    case "SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP", "SMS_OTP": return "mfa-code CODE"
    case "MFA_SETUP": return "mfa setup, then mfa verify CODE"
    default: return "respond \(challenge) NAME=VALUE ..."
    }
  }
}

/// Sign-in mistakes found before anything is sent.
public enum SignInError: UserFacingError, Equatable {
  case missingPool

  public var message: String { "the admin flow needs a user pool id" }
  public var hint: String? { "Set one with `set pool-id ID`." }
}
