import Auth
import Basics
import Foundation

/// mfa setup|verify|enable|disable, mfa-code, totp.
enum MFACommands {
  static let all: [CommandSpec] = [mfa, mfaCode, totp]

  static let mfa = CommandSpec(
    name: "mfa", group: "Sign-in", summary: "set up, verify, enable or disable MFA for the signed-in user",
    subcommands: [
      CommandSpec(
        "mfa", "setup",
        summary: "AssociateSoftwareToken: the secret, its otpauth:// URI and a QR code (email: nothing to set up)",
        params: [Param("KIND", optional: true, completion: .choices(["totp", "email"]))],
        details: """
          During an MFA_SETUP challenge the challenge's Session is used, and `mfa verify` finishes the sign-in.
          The secret is kept in the session store (0600) so that `totp` can show the current code.
          `mfa setup email` needs no set-up step: the codes go to the verified email; it enables email MFA.
          """,
        handler: { args, ctx in
          if args["KIND"] == "email" {
            ctx.printer.note("email MFA has no secret to set up: the codes go to the user's verified email address")
            try preference(enable: .email, ctx)
          } else {
            try setup(ctx)
          }
          return .proceed
        }),
      CommandSpec(
        "mfa", "verify", summary: "VerifySoftwareToken with a code from the authenticator ($TOTP works too)",
        params: [Param("CODE", secret: .oneTimeCode)],
        flags: [Flag("device-name", value: "NAME", help: "the authenticator's name (FriendlyDeviceName)")],
        handler: { args, ctx in
          try verify(try args.required("CODE"), deviceName: args.flag("device-name"), ctx)
          return .proceed
        }),
      CommandSpec(
        "mfa", "enable", summary: "SetUserMFAPreference: enable a kind of MFA and make it preferred",
        params: [Param("KIND", completion: .choices(MFAKind.allCases.map(\.rawValue)))],
        handler: { args, ctx in
          guard let kind = MFAKind(rawValue: try args.required("KIND")) else {
            throw UsageError.invalidChoice(
              args["KIND"] ?? "", for: "MFA kind", choices: MFAKind.allCases.map(\.rawValue))
          }
          try preference(enable: kind, ctx)
          return .proceed
        }),
      CommandSpec(
        "mfa", "disable", summary: "SetUserMFAPreference: turn TOTP, SMS and email MFA off",
        handler: { _, ctx in
          try preference(enable: nil, ctx)
          return .proceed
        }),
    ])

  static func setup(_ ctx: ShellContext) throws {
    let setup = try ctx.account.setUpTOTP()
    let uri = setup.uri
    // The service's own member as it named it; what cogsh adds, in one object of its own.
    let json: JSON = .object([
      "SecretCode": .string(setup.secret),
      "otpauth": .object(["uri": .string(uri), "issuer": .string(setup.issuer), "account": .string(setup.account)]),
    ])
    let sandbox = (try? ctx.configuration.settings().isSandbox) == true
    ctx.printer.result(json) {
      var lines = ["secret  \(setup.secret)", "uri     \(uri)"]
      if let qr = QRCode.forTerminal(uri, columns: Terminal.size()?.columns) { lines += ["", qr, ""] }
      lines.append(
        "the authenticator lists it as \(setup.issuer) (the issuer: the user pool's id) and \(setup.account)")
      if sandbox {
        lines.append(
          "on the sandbox, moto hands every user this same secret and checks codes against it; Cognito makes one a user"
        )
      }
      lines.append("next: mfa verify CODE (a code from the authenticator, or $TOTP)")
      return lines.joined(separator: "\n")
    }
  }

  static func verify(_ code: String, deviceName: String?, _ ctx: ShellContext) throws {
    switch try ctx.account.verifyTOTP(code: code, deviceName: deviceName) {
    case .verified(let response):
      ctx.printer.result(response.raw) { "TOTP verified; turn it on with `mfa enable totp`" }
    case .signedIn(let report):
      AuthCommands.show(report, ctx: ctx)
    }
  }

  static func preference(enable kind: MFAKind?, _ ctx: ShellContext) throws {
    let response = try ctx.account.setMFAPreference(kind)
    ctx.printer.result(response.raw) { kind.map { "\($0.rawValue) MFA enabled and preferred" } ?? "MFA disabled" }
  }

  static let mfaCode = CommandSpec(
    name: "mfa-code", group: "Sign-in",
    summary: "answer SOFTWARE_TOKEN_MFA, SMS_MFA, EMAIL_OTP or SMS_OTP, whichever is pending",
    params: [Param("CODE", secret: .oneTimeCode)],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let (pending, key) = try ctx.account.pendingCodeChallenge()
      try AuthCommands.answer(pending.name.rawValue, [key: (try args.required("CODE"))], ctx: ctx)
      return .proceed
    })

  static let totp = CommandSpec(
    name: "totp", group: "Sign-in", summary: "the current TOTP code for SECRET, or for the secret from `mfa setup`",
    params: [Param("SECRET", optional: true, secret: .value)],
    handler: { args, ctx in
      let secret = try args["SECRET"] ?? ctx.account.storedTOTPSecret()
      let totp = try TOTPCode(secret: secret, now: ctx.clock())
      let (code, left) = (totp.code, totp.secondsLeft)
      ctx.printer.result(.object(["code": .string(code), "secondsLeft": .number(Double(left))])) {
        "\(code)  (valid for \(left)s)"
      }
      return .proceed
    })
}
