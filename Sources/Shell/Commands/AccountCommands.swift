import Auth
import Basics

/// Sign-up, confirmation, password recovery and change, attributes, refresh, revoke, and the
/// several-users commands.
enum AccountCommands {
  static let all: [CommandSpec] = [
    DebugCommands.mailbox,
    signUp, confirmSignUp, resendCode, forgotPassword, confirmForgotPassword, changePassword, updateAttributes,
    verifyAttribute, refresh, revoke, users, switchUser, forget, devices, forgetDevice, deleteUser,
  ]

  static let devices = CommandSpec(
    name: "devices", group: "Sign-in", summary: "the signed-in user's remembered devices (ListDevices)",
    handler: { _, ctx in
      let list = try ctx.account.devices()
      ctx.printer.result(list.raw) {
        if list.devices.isEmpty { return "no remembered devices" }
        let rows = list.devices.map { d in [(d.key == list.mine ? "* " : "  ") + d.key, d.name ?? ""] }
        return Table.columns(rows) + "\n\(Table.count(list.devices.count, "device"))"
      }
      return .proceed
    })

  static let forgetDevice = CommandSpec(
    name: "forget-device", group: "Sign-in", summary: "forget a remembered device (this one by default)",
    params: [Param("DEVICE_KEY", optional: true)],
    handler: { args, ctx in
      let forgotten = try ctx.account.forgetDevice(args["DEVICE_KEY"])
      if let e = forgotten.refusal {
        // The device is useless here once the pool refuses it: forgotten anyway; say what the pool said.
        ctx.printer.note("forgot device \(forgotten.key) here; the pool said \(e.code): \(e.serviceMessage)")
      } else {
        ctx.printer.note("forgot device \(forgotten.key)")
      }
      return .proceed
    })

  static let deleteUser = CommandSpec(
    name: "delete-user", group: "Sign-in", summary: "delete the signed-in user's own account (DeleteUser)",
    flags: [Flag("yes", help: "confirm; required, since this cannot be undone")],
    handler: { args, ctx in
      guard args.has("yes") else {
        let user = try ctx.account.currentUser()
        throw CommandError("delete-user deletes \(user.username) for good", hint: "Run `delete-user --yes` to confirm.")
      }
      let gone = try ctx.account.deleteUser()
      ctx.printer.note("deleted \(gone.username)")
      noteOthers(gone.others, ctx: ctx)
      return .proceed
    })

  /// After the current user went: say who is still signed in, and that `switch` picks one.
  static func noteOthers(_ others: [String], ctx: ShellContext) {
    guard !others.isEmpty else { return }
    ctx.printer.note(
      "nobody is current now; still signed in here: \(others.joined(separator: ", ")) (`switch NAME` to use one)")
  }

  static func delivery(_ d: CodeDelivery?) -> String? {
    d.map { "code sent by \($0.medium.lowercased()) to \($0.destination)" }
  }

  static let signUp = CommandSpec(
    name: "sign-up", group: "Sign-in", summary: "register a user through the app client (SignUp)",
    params: [Param("USERNAME", completion: .users)],
    flags: [
      .password,
      .userAttribute,
      .clientMetadata,
    ],
    handler: { args, ctx in
      let username = (try args.required("USERNAME"))
      let password = try ctx.secret(
        args.flag("password"), prompt: "Password for \(username): ", what: "--password", command: "sign-up",
        usage: "sign-up USERNAME [--password P] [--attribute NAME=VALUE ...]")
      let r = try ctx.account.signUp(username, password: password, attributes: try NameValuePairs.attributes(args))
      ctx.printer.result(r.raw) {
        "signed up \(username)" + (r.userSub.map { ", sub \($0)" } ?? "")
          + (r.confirmed ? " (confirmed)" : "; next: confirm-sign-up \(username) CODE")
          + (delivery(r.delivery).map { "\n\($0)" } ?? "")
      }
      return .proceed
    })

  static let confirmSignUp = CommandSpec(
    name: "confirm-sign-up", group: "Sign-in", summary: "confirm a sign-up with the emailed or texted code",
    params: [Param("USERNAME", completion: .users), Param("CODE", secret: .value)],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let username = (try args.required("USERNAME"))
      let r = try ctx.account.confirmSignUp(username, code: try args.required("CODE"))
      ctx.printer.result(r.raw) { "confirmed \(username); sign in with `login \(username)`" }
      return .proceed
    })

  static let resendCode = CommandSpec(
    name: "resend-confirmation-code", group: "Sign-in", summary: "send the sign-up code again",
    params: [Param("USERNAME", completion: .users)],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let username = (try args.required("USERNAME"))
      let r = try ctx.account.resendConfirmationCode(username)
      ctx.printer.result(r.raw) { delivery(r.delivery) ?? "code sent" }
      return .proceed
    })

  static let forgotPassword = CommandSpec(
    name: "forgot-password", group: "Sign-in", summary: "start a password reset: a code is sent (ForgotPassword)",
    params: [Param("USERNAME", completion: .users)],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let username = (try args.required("USERNAME"))
      let sent = try ctx.account.forgotPassword(username)
      let sandboxCode = sent.sandboxCode
      var json = sent.raw.objectValue ?? [:]
      if let sandboxCode { json["SandboxConfirmationCode"] = .string(sandboxCode) }
      ctx.printer.result(.object(json)) {
        var lines = [delivery(sent.delivery) ?? "code sent"]
        if let sandboxCode { lines.append("sandbox: the code is \(sandboxCode) (moto sends no mail)") }
        lines.append("next: confirm-forgot-password \(username) CODE")
        return lines.joined(separator: "\n")
      }
      return .proceed
    })

  static let confirmForgotPassword = CommandSpec(
    name: "confirm-forgot-password", group: "Sign-in", summary: "set a new password with the reset code",
    params: [
      Param("USERNAME", completion: .users), Param("CODE", secret: .value),
      Param("PASSWORD", optional: true, secret: .value),
    ],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let username = (try args.required("USERNAME"))
      let password = try ctx.secret(
        args["PASSWORD"], prompt: "New password for \(username): ", what: "PASSWORD",
        command: "confirm-forgot-password", usage: "confirm-forgot-password USERNAME CODE [PASSWORD]")
      let r = try ctx.account.confirmForgotPassword(username, code: try args.required("CODE"), password: password)
      ctx.printer.result(r.raw) { "password changed for \(username)" }
      return .proceed
    })

  static let changePassword = CommandSpec(
    name: "change-password", group: "Sign-in", summary: "change the signed-in user's password (ChangePassword)",
    params: [Param("OLD", optional: true, secret: .value), Param("NEW", optional: true, secret: .value)],
    handler: { args, ctx in
      _ = try ctx.account.currentUser()  // checked before asking for passwords that would have no use
      let usage = "change-password [OLD NEW]"
      let old = try ctx.secret(
        args["OLD"], prompt: "Current password: ", what: "OLD", command: "change-password", usage: usage)
      let new = try ctx.secret(
        args["NEW"], prompt: "New password: ", what: "NEW", command: "change-password", usage: usage)
      let (r, username) = try ctx.account.changePassword(old: old, new: new)
      ctx.printer.result(r.raw) { "password changed for \(username)" }
      return .proceed
    })

  static let updateAttributes = CommandSpec(
    name: "update-attributes", group: "Sign-in", summary: "change the signed-in user's attributes",
    params: [Param("NAME=VALUE", variadic: true)],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let pairs = try NameValuePairs.parse(args.list("NAME=VALUE"), what: "attribute")
      let r = try ctx.account.updateAttributes(pairs)
      ctx.printer.result(r.raw) {
        let names = pairs.map(\.0).joined(separator: ", ")
        let pending = r.awaitingVerification
        return "updated \(names)"
          + (pending.isEmpty ? "" : "; verify \(pending.joined(separator: ", ")) with `verify-attribute NAME CODE`")
      }
      return .proceed
    })

  static let verifyAttribute = CommandSpec(
    name: "verify-attribute", group: "Sign-in",
    summary: "verify an attribute: without CODE a code is sent, with CODE it is checked (VerifyUserAttribute)",
    params: [Param("NAME"), Param("CODE", optional: true, secret: .value)],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let name = try args.required("NAME")
      guard let code = args["CODE"] else {
        let r = try ctx.account.requestAttributeCode(name)
        ctx.printer.result(r.raw) { (delivery(r.delivery) ?? "code sent") + "\nnext: verify-attribute \(name) CODE" }
        return .proceed
      }
      let r = try ctx.account.verifyAttribute(name, code: code)
      ctx.printer.result(r.raw) { "verified \(name)" }
      return .proceed
    })

  static let refresh = CommandSpec(
    name: "refresh", group: "Sign-in",
    summary: "new tokens from the refresh token (REFRESH_TOKEN_AUTH, or GetTokensFromRefreshToken when it rotates)",
    flags: [.clientMetadata],
    handler: { _, ctx in
      let r = try ctx.account.refresh()
      let now = ctx.clock()
      ctx.printer.result(
        .object([
          "refreshed": .string(r.username), "changedClaims": .array(r.changedClaims.map { .string($0) }),
          "refreshTokenRotated": .bool(r.rotated),
        ])
      ) {
        "refreshed \(r.username); access token \(TimeText.expiry(r.tokens.expiresAt, now: now))"
          + "\nclaims changed: \(r.changedClaims.isEmpty ? "none" : r.changedClaims.joined(separator: ", "))"
          + (r.rotated ? "\nthe refresh token was rotated; the new one is kept" : "")
      }
      return .proceed
    })

  static let revoke = CommandSpec(
    name: "revoke", group: "Sign-in", summary: "revoke the refresh token and its access tokens (RevokeToken)",
    handler: { _, ctx in
      let gone = try ctx.account.revoke()
      ctx.printer.note("revoked the refresh token of \(gone.username) and forgot its tokens")
      noteOthers(gone.others, ctx: ctx)
      return .proceed
    })

  static let users = CommandSpec(
    name: "users", group: "Sign-in", summary: "the users signed in under this profile; * marks the current one",
    handler: { _, ctx in
      let state = try ctx.account.state()
      let now = ctx.clock()
      let names = state.users.keys.sorted()
      ctx.printer.result(
        .object([
          "current": state.currentUser.map { .string($0) } ?? .null, "users": .array(names.map { .string($0) }),
        ])
      ) {
        names.isEmpty
          ? "nobody is signed in"
          : Table.columns(
            names.map { n in
              [
                (n == state.currentUser ? "* " : "  ") + n,
                "(access " + TimeText.expiry(state.users[n]?.tokens.expiresAt ?? 0, now: now) + ")",
              ]
            }) + "\n" + Table.count(names.count, "user")
      }
      return .proceed
    })

  static let switchUser = CommandSpec(
    name: "switch", group: "Sign-in", summary: "make another signed-in user the current one",
    params: [Param("USERNAME", completion: .users)],
    handler: { args, ctx in
      let name = (try args.required("USERNAME"))
      try ctx.account.switchUser(to: name)
      ctx.printer.note("current user: \(name)")
      return .proceed
    })

  static let forget = CommandSpec(
    name: "forget", group: "Sign-in", summary: "forget a user's tokens here (the current user by default)",
    params: [Param("USERNAME", optional: true, completion: .users)],
    handler: { args, ctx in
      let (gone, wasCurrent) = try ctx.account.forget(args["USERNAME"])
      ctx.printer.note("forgot \(gone.username)")
      if wasCurrent { noteOthers(gone.others, ctx: ctx) }
      return .proceed
    })
}
