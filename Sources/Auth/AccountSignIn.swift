import Basics
import Cognito

/// What a sign-in step came to, for the shell to show.
public struct SignInReport: Sendable {
  public var step: SignInStep
  /// What each SRP step computed (for an explanation).
  public var srpTraces: [SignIn.SRPTrace]
  /// A device the pool offered, confirmed and remembered; `needsConsent` when users must opt in.
  public var confirmedDevice: (key: String, needsConsent: Bool)?
  /// What the passkey signed, when a WEB_AUTHN challenge was answered here.
  public var passkeyTrace: PasskeyTrace?
}

/// What `setUpTOTP` produced.
public struct TOTPSetup: Sendable {
  public var secret: String
  /// The name the authenticator shows (the user, or the one signing in).
  public var account: String
  public var issuer: String
  /// The `otpauth://` URI an authenticator scans.
  public var uri: String { TOTP.uri(secret: secret, account: account, issuer: issuer) }
}

/// A TOTP code now, and how many seconds it has left.
public struct TOTPCode: Sendable {
  public var code: String
  public var secondsLeft: Int

  /// The code for `secret` at `now` (RFC 6238, 30-second steps, six digits).
  public init(secret: String, now: Double) throws {
    code = try TOTP.code(secret: secret, epochSeconds: Int(now))
    secondsLeft = TOTP.secondsLeft(epochSeconds: Int(now))
  }
}

/// Where verifying a TOTP code led: verified for a signed-in user, or the MFA_SETUP sign-in finished.
public enum TOTPVerification: Sendable {
  case verified(Acknowledgement)
  case signedIn(SignInReport)
}

/// The second factors SetUserMFAPreference turns on.
public enum MFAKind: String, CaseIterable, Sendable {
  case totp, sms, email
}

extension Account {
  /// Signs `username` in with `flow`, answers what cogsh can answer itself, and stores where it stopped.
  /// A remembered device the pool forgot is dropped once and the sign-in made without it, as Amplify does.
  public func signIn(_ username: String, flow: InitiateFlow, password: String?) throws -> SignInReport {
    let device = try state().devices?[username]
    func attempt(_ device: DeviceRecord?) throws -> SignInOutcome {
      try SignIn.initiate(
        client: try client(), settings: try configuration.clientSettings(), flow: flow, username: username,
        secrets: SignInSecrets(password: password, device: device, randomA: drawA), now: clock())
    }
    let outcome: SignInOutcome
    do {
      outcome = try attempt(device)
    } catch CognitoError.service(let e) where flow == .srp && Self.isUnknownUserOrPassword(e) && hasMigrationTrigger() {
      throw AccountError.notMigrated(e, username: username)
    } catch CognitoError.service(let e) where device != nil && Self.isUnknownDevice(e) {
      guard let stale = device else { throw CognitoError.service(e) }
      try update { s in
        if s.devices?[username]?.deviceKey == stale.deviceKey { s.devices?[username] = nil }
      }
      notice(
        "note: the pool no longer knows device \(stale.deviceKey) (\(e.serviceMessage)); "
          + "forgot it here and signing in without it")
      outcome = try attempt(nil)
    }
    return try settle(outcome)
  }

  /// The pending challenge, when it is `name` (any, when nil).
  public func pendingChallenge(_ name: String? = nil) throws -> PendingChallenge {
    guard let pending = try state().challenge else { throw AccountError.noChallenge }
    if let name, pending.name != ChallengeName(name) { throw AccountError.otherChallenge(pending, asked: name) }
    return pending
  }

  /// The pending challenge that takes a one-time code, and the key the code goes under.
  public func pendingCodeChallenge() throws -> (PendingChallenge, key: String) {
    guard let pending = try state().challenge, let key = pending.kind.codeKey else {
      throw AccountError.noCodeChallenge
    }
    return (pending, key)
  }

  /// Answers the pending challenge `name`; `password` feeds the SRP verifier after choosing PASSWORD_SRP.
  /// A Session the service calls dead is forgotten, unless a newer sign-in already replaced it.
  public func answer(_ name: String, _ answers: [String: String], password: String? = nil) throws -> SignInReport {
    let pending = try pendingChallenge(name)
    var answers = answers
    var usedPasskey: PasskeyCredential?
    var passkeyTrace: PasskeyTrace?
    if pending.kind == .webAuthn && answers["CREDENTIAL"] == nil {
      let (assertion, used, trace) = try passkeyAnswer(pending)
      answers.merge(assertion) { given, _ in given }
      (usedPasskey, passkeyTrace) = (used, trace)
    }
    let outcome: SignInOutcome
    do {
      outcome = try SignIn.respond(
        client: try client(), settings: try configuration.clientSettings(), challenge: pending, answers: answers,
        secrets: SignInSecrets(password: password, device: try state().devices?[pending.loginName], randomA: drawA),
        now: clock())
    } catch CognitoError.service(let e) where Self.isDeadSession(e, pending, now: clock()) {
      try update { s in
        if s.challenge == pending { s.challenge = nil }
      }
      throw AccountError.deadSession(e, loginName: pending.loginName)
    }
    if let usedPasskey { try keepPasskey(usedPasskey) }
    var report = try settle(outcome)
    report.passkeyTrace = passkeyTrace
    return report
  }

  /// AssociateSoftwareToken: for the signed-in user, or with the Session of a pending MFA_SETUP (whose
  /// new Session is kept). The secret is stored so that the current code can be shown.
  public func setUpTOTP() throws -> TOTPSetup {
    let state = try state()
    var body: [String: JSON] = [:]
    let account: String
    if let c = state.challenge, c.kind == .mfaSetup {
      body["Session"] = c.session.map { .string($0) } ?? .null
      account = c.loginName
    } else {
      let user = try userForAccessToken()
      body["AccessToken"] = .string(user.tokens.accessToken)
      account = user.username
    }
    let response = try client().call(.associateSoftwareToken, .object(body)).body
    guard let secret = response["SecretCode"]?.stringValue else {
      throw CognitoError.badResponse(action: "AssociateSoftwareToken", detail: "no SecretCode")
    }
    try update { s in
      s.totpSecrets = (s.totpSecrets ?? [:]).merging([account: secret]) { _, new in new }
      if let newSession = response["Session"]?.stringValue, s.challenge?.kind == .mfaSetup {
        s.challenge?.session = newSession
      }
    }
    return TOTPSetup(secret: secret, account: account, issuer: (try? configuration.poolId()) ?? "Cognito")
  }

  /// VerifySoftwareToken; during MFA_SETUP the challenge is then answered with the Session it returned.
  public func verifyTOTP(code: String, deviceName: String?) throws -> TOTPVerification {
    let state = try state()
    var body: [String: JSON] = ["UserCode": .string(code)]
    if let deviceName { body["FriendlyDeviceName"] = .string(deviceName) }
    let pending = state.challenge?.kind == .mfaSetup ? state.challenge : nil
    if let pending {
      body["Session"] = pending.session.map { .string($0) } ?? .null
    } else {
      body["AccessToken"] = .string(try userForAccessToken().tokens.accessToken)
    }
    let response = try client().call(.verifySoftwareToken, .object(body)).body
    guard response["Status"]?.stringValue == "SUCCESS" else {
      throw AccountError.codeRefused(status: response["Status"]?.stringValue ?? "?")
    }
    guard var challenge = pending else { return .verified(Acknowledgement(raw: response)) }
    if let newSession = response["Session"]?.stringValue { challenge.session = newSession }
    let outcome = try SignIn.respond(
      client: try client(), settings: try configuration.clientSettings(), challenge: challenge, answers: [:],
      secrets: SignInSecrets(password: nil, device: state.devices?[challenge.loginName], randomA: drawA),
      now: clock())
    return .signedIn(try settle(outcome))
  }

  /// SetUserMFAPreference: `kind` enabled and preferred, or (nil) every kind off.
  public func setMFAPreference(_ kind: MFAKind?) throws -> Acknowledgement {
    let user = try userForAccessToken()
    var body: [String: JSON] = ["AccessToken": .string(user.tokens.accessToken)]
    let on: JSON = ["Enabled": true, "PreferredMfa": true]
    let off: JSON = ["Enabled": false, "PreferredMfa": false]
    let members: [MFAKind: String] = [
      .totp: "SoftwareTokenMfaSettings", .sms: "SMSMfaSettings", .email: "EmailMfaSettings",
    ]
    for (k, member) in members where kind == nil || kind == k { body[member] = kind == nil ? off : on }
    return Acknowledgement(raw: try client().call(.setUserMFAPreference, .object(body)).body)
  }

  /// The TOTP secret stored for the current user (or the one signing in).
  public func storedTOTPSecret() throws -> String {
    guard let s = try state().totpSecret else { throw AccountError.noTOTPSecret }
    return s
  }

  /// The current code for the stored secret. A code about to roll over is not worth sending (the
  /// service checks the current 30-second window), so wait for the next one in that case.
  public func currentTOTPCode() throws -> String {
    let secret = try storedTOTPSecret()
    var now = clock()
    if TOTP.secondsLeft(epochSeconds: Int(now)) <= 1 {
      let next = (now / 30).rounded(.down) * 30 + 30
      wait(next - now + 0.05)
      now = clock()
    }
    return try TOTP.code(secret: secret, epochSeconds: Int(now))
  }

  /// Where a sign-in exchange ended, settled: the tokens stored, then a new device confirmed (ConfirmDevice,
  /// the flow's last request) and remembered; or the next challenge stored with its Session and lifetime.
  func settle(_ outcome: SignInOutcome) throws -> SignInReport {
    var report = SignInReport(step: outcome.step, srpTraces: outcome.srpTraces)
    switch outcome.step {
    case .signedIn(var user):
      user.issuedBy = issuer()
      try store(signedIn: user)
      guard let device = outcome.newDevice else { return report }
      let (record, needsConsent) = try DeviceConfirmation.confirm(
        client: try client(), accessToken: user.tokens.accessToken, key: device.key, groupKey: device.groupKey,
        deviceName: "cogsh")
      try store(device: record, of: user.username)
      report.confirmedDevice = (device.key, needsConsent)
    case .challenge(let arrived):
      var c = arrived
      c.lifetime = knownSessionValidity()
      try store(challenge: c)
      // A code the sandbox's server sent reaches the mailbox, as a real pool's reaches the inbox.
      // A code the pool "sent": a passwordless sign-in's, or one a custom challenge's trigger sent.
      if c.name.codeKey != nil || c.name == .customChallenge { try collectSandboxCode(for: c) }
      report.step = .challenge(c)
    }
    return report
  }

  // Storing is storing: these write the session state and send nothing.

  private func store(signedIn user: SignedInUser) throws {
    try update { s in
      s.users[user.username] = user
      s.currentUser = user.username
      s.challenge = nil
    }
  }

  private func store(device: DeviceRecord, of username: String) throws {
    try update { s in s.devices = (s.devices ?? [:]).merging([username: device]) { _, new in new } }
  }

  private func store(challenge: PendingChallenge) throws {
    try update { s in s.challenge = challenge }
  }

  /// The refusals a not-yet-migrated user meets: no such user, or (with PreventUserExistenceErrors)
  /// the same words as a wrong password. Other NotAuthorizedExceptions (a secret hash) have causes of their own.
  static func isUnknownUserOrPassword(_ e: ServiceError) -> Bool {
    e.code == "UserNotFoundException"
      || (e.code == "NotAuthorizedException" && e.serviceMessage.hasPrefix("Incorrect username or password"))
  }

  /// Cognito's answer for a DEVICE_KEY it does not know (any more).
  static func isUnknownDevice(_ e: ServiceError) -> Bool {
    e.code == "ResourceNotFoundException" && e.serviceMessage.lowercased().contains("device")
  }

  /// Whether the service said the challenge's Session can no longer be used.
  static func isDeadSession(_ e: ServiceError, _ pending: PendingChallenge, now: Double) -> Bool {
    guard e.code == "NotAuthorizedException" else { return false }
    let m = e.serviceMessage.lowercased()
    return m.contains("session is expired") || m.contains("invalid session") || pending.secondsLeft(now: now) <= 0
  }
}
