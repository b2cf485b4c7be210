import Cognito
import Foundation
import Session

/// mfa setup|verify|enable|disable, mfa-code, totp.
enum MFACommands {
  static let all: [CommandSpec] = [mfa, mfaCode, totp]

  static let mfa = CommandSpec(
    name: "mfa", group: "Sign-in", summary: "set up, verify, enable or disable MFA for the signed-in user",
    params: [
      Param("ACTION", completion: .choices(["setup", "verify", "enable", "disable"])),
      Param("ARG", optional: true, completion: .suggestions(["totp", "sms", "email"])),
    ],
    flags: [Flag("device-name", value: "NAME", help: "with verify: the authenticator's name (FriendlyDeviceName)")],
    details: """
      mfa setup            AssociateSoftwareToken: the secret, its otpauth:// URI and a QR code
      mfa verify CODE      VerifySoftwareToken with a code from the authenticator ($TOTP works too)
      mfa setup email      email MFA needs no set-up step: the codes go to the verified email; enables it
      mfa enable totp|sms|email   SetUserMFAPreference: enable it and make it preferred
      mfa disable          SetUserMFAPreference: turn TOTP, SMS and email MFA off
      During an MFA_SETUP challenge, setup and verify use the challenge's Session and finish the sign-in.
      The secret is kept in the session store (0600) so that `totp` can show the current code.
      """,
    secretWords: { $0.first == "verify" && $0.count > 1 },
    handler: { args, ctx in
      switch (try args.required("ACTION")) {
      case "setup" where args["ARG"] == "email":
        ctx.printer.note("email MFA has no secret to set up: the codes go to the user's verified email address")
        try preference(enable: "email", ctx)
      case "setup": try setup(ctx)
      case "verify":
        guard let code = args["ARG"] else {
          throw UsageError.missingArgument("CODE", command: "mfa verify", usage: "mfa verify CODE [--device-name NAME]")
        }
        try verify(code, deviceName: args.flag("device-name"), ctx)
      case "enable":
        guard let kind = args["ARG"], ["totp", "sms", "email"].contains(kind) else {
          throw UsageError.invalidChoice(args["ARG"] ?? "", for: "MFA kind", choices: ["totp", "sms", "email"])
        }
        try preference(enable: kind, ctx)
      default: try preference(enable: nil, ctx)
      }
      return .proceed
    })

  static func setup(_ ctx: ShellContext) throws {
    let state = try ctx.session()
    var body: [String: JSON] = [:]
    let account: String
    if let c = state.challenge, c.kind == .mfaSetup {
      body["Session"] = c.session.map { .string($0) } ?? .null
      account = c.loginName
    } else {
      let user = try ctx.userForAccessToken()
      body["AccessToken"] = .string(user.tokens.accessToken)
      account = user.username
    }
    let response = try ctx.client().call(.associateSoftwareToken, .object(body)).body
    guard let secret = response["SecretCode"]?.stringValue else {
      throw CognitoError.badResponse(action: "AssociateSoftwareToken", detail: "no SecretCode")
    }
    try ctx.updateSession { s in
      s.totpSecrets = (s.totpSecrets ?? [:]).merging([account: secret]) { _, new in new }
      if let newSession = response["Session"]?.stringValue, s.challenge?.kind == .mfaSetup {
        s.challenge?.session = newSession
      }
    }
    let issuer = (try? ctx.poolId()) ?? "Cognito"
    let uri = TOTP.uri(secret: secret, account: account, issuer: issuer)
    ctx.printer.result(.object(["SecretCode": .string(secret), "uri": .string(uri)])) {
      var lines = ["secret  \(secret)", "uri     \(uri)"]
      if let qr = QRCode.forTerminal(uri, columns: Terminal.size()?.columns) { lines += ["", qr, ""] }
      lines.append("next: mfa verify CODE (a code from the authenticator, or $TOTP)")
      return lines.joined(separator: "\n")
    }
  }

  static func verify(_ code: String, deviceName: String?, _ ctx: ShellContext) throws {
    let state = try ctx.session()
    var body: [String: JSON] = ["UserCode": .string(code)]
    if let deviceName { body["FriendlyDeviceName"] = .string(deviceName) }
    let pending = state.challenge?.kind == .mfaSetup ? state.challenge : nil
    if let pending {
      body["Session"] = pending.session.map { .string($0) } ?? .null
    } else {
      body["AccessToken"] = .string(try ctx.userForAccessToken().tokens.accessToken)
    }
    let response = try ctx.client().call(.verifySoftwareToken, .object(body)).body
    guard response["Status"]?.stringValue == "SUCCESS" else {
      throw CommandError("the code was not accepted (Status \(response["Status"]?.stringValue ?? "?"))")
    }
    guard var challenge = pending else {
      ctx.printer.result(response) { "TOTP verified; turn it on with `mfa enable totp`" }
      return
    }
    // MFA_SETUP is finished by answering it with the Session VerifySoftwareToken returned.
    if let newSession = response["Session"]?.stringValue { challenge.session = newSession }
    let outcome = try SignIn.respond(
      client: try ctx.client(), settings: try AuthCommands.clientSettings(ctx), challenge: challenge, answers: [:],
      secrets: SignInSecrets(password: nil, device: state.devices?[challenge.loginName]), now: ctx.clock())
    try AuthCommands.record(outcome, ctx: ctx)
  }

  static func preference(enable kind: String?, _ ctx: ShellContext) throws {
    let user = try ctx.userForAccessToken()
    var body: [String: JSON] = ["AccessToken": .string(user.tokens.accessToken)]
    let on: JSON = ["Enabled": true, "PreferredMfa": true]
    switch kind {
    case "totp": body["SoftwareTokenMfaSettings"] = on
    case "sms": body["SMSMfaSettings"] = on
    case "email": body["EmailMfaSettings"] = on
    default:
      body["SoftwareTokenMfaSettings"] = ["Enabled": false, "PreferredMfa": false]
      body["SMSMfaSettings"] = ["Enabled": false, "PreferredMfa": false]
      body["EmailMfaSettings"] = ["Enabled": false, "PreferredMfa": false]
    }
    let response = try ctx.client().call(.setUserMFAPreference, .object(body)).body
    ctx.printer.result(response) { kind.map { "\($0) MFA enabled and preferred" } ?? "MFA disabled" }
  }

  static let mfaCode = CommandSpec(
    name: "mfa-code", group: "Sign-in",
    summary: "answer SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP or SMS_OTP, whichever is pending",
    params: [Param("CODE", secret: true)],
    flags: [.clientMetadata],
    handler: { args, ctx in
      guard let pending = try ctx.session().challenge, let key = pending.kind.codeKey else {
        throw CommandError(
          "no MFA or OTP challenge is pending",
          hint: "mfa-code answers \(ChallengeName.codeChallenges.map(\.rawValue).sorted().joined(separator: ", ")).")
      }
      try AuthCommands.answer(pending.name, [key: (try args.required("CODE"))], ctx: ctx)
      return .proceed
    })

  static let totp = CommandSpec(
    name: "totp", group: "Sign-in", summary: "the current TOTP code for SECRET, or for the secret from `mfa setup`",
    params: [Param("SECRET", optional: true, secret: true)],
    handler: { args, ctx in
      let secret = try args["SECRET"] ?? storedSecret(ctx)
      let now = Int(ctx.clock())
      let code = try TOTP.code(secret: secret, epochSeconds: now)
      let left = TOTP.secondsLeft(epochSeconds: now)
      ctx.printer.result(.object(["code": .string(code), "secondsLeft": .number(Double(left))])) {
        "\(code)  (valid for \(left)s)"
      }
      return .proceed
    })

  static func storedSecret(_ ctx: ShellContext) throws -> String {
    guard let s = try ctx.session().totpSecret else {
      throw CommandError(
        "no TOTP secret is known for this user", hint: "Run `mfa setup`, or give the secret: totp SECRET.")
    }
    return s
  }

  /// `$TOTP`: the code for the stored secret. A code about to roll over is not worth sending (the
  /// service checks the current 30-second window), so wait for the next one in that case.
  static func currentCode(_ ctx: ShellContext) throws -> String {
    let secret = try storedSecret(ctx)
    var now = ctx.clock()
    if TOTP.secondsLeft(epochSeconds: Int(now)) <= 1 {
      let next = (now / 30).rounded(.down) * 30 + 30
      usleep(useconds_t(max(0, next - now) * 1_000_000) + 50_000)
      now = ctx.clock()
    }
    return try TOTP.code(secret: secret, epochSeconds: Int(now))
  }
}
