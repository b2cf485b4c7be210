import Cognito
import Session

/// Sign-up, confirmation, password recovery and change, attributes, refresh, revoke, and the
/// several-users commands.
enum AccountCommands {
  static let all: [CommandSpec] = [
    signUp, confirmSignUp, resendCode, forgotPassword, confirmForgotPassword, changePassword, updateAttributes,
    verifyAttribute, refresh, revoke, users, switchUser, forget, devices, forgetDevice, deleteUser,
  ]

  static let devices = CommandSpec(
    name: "devices", group: "Sign-in", summary: "the signed-in user's remembered devices (ListDevices)",
    handler: { _, ctx in
      let user = try ctx.userForAccessToken()
      let r = try ctx.client().call(.listDevices, ["AccessToken": .string(user.tokens.accessToken)]).body
      let mine = try ctx.session().devices?[user.username]?.deviceKey
      ctx.printer.result(r) {
        let list = r["Devices"]?.arrayValue ?? []
        if list.isEmpty { return "no remembered devices" }
        let rows = list.map { d -> [String] in
          let key = d["DeviceKey"]?.stringValue ?? "?"
          let name = d["DeviceAttributes"]?.arrayValue?.first { $0["Name"]?.stringValue == "device_name" }?["Value"]?
            .stringValue
          return [(key == mine ? "* " : "  ") + key, name ?? ""]
        }
        return Table.columns(rows) + "\n\(Table.count(list.count, "device"))"
      }
      return .proceed
    })

  static let forgetDevice = CommandSpec(
    name: "forget-device", group: "Sign-in", summary: "forget a remembered device (this one by default)",
    params: [Param("DEVICE_KEY", optional: true)],
    handler: { args, ctx in
      let user = try ctx.userForAccessToken()
      let state = try ctx.session()
      guard let key = args["DEVICE_KEY"] ?? state.devices?[user.username]?.deviceKey else {
        throw CommandError("no device is remembered for \(user.username)", hint: "`devices` lists the user's devices.")
      }
      do {
        try ctx.client().call(
          .forgetDevice, ["AccessToken": .string(user.tokens.accessToken), "DeviceKey": .string(key)])
        ctx.printer.note("forgot device \(key)")
      } catch CognitoError.service(let e) {
        // The device is useless here once the pool refuses it: forget it anyway, and say what the pool said.
        ctx.printer.note("forgot device \(key) here; the pool said \(e.code): \(e.serviceMessage)")
      }
      try ctx.updateSession { s in
        if s.devices?[user.username]?.deviceKey == key { s.devices?[user.username] = nil }
      }
      return .proceed
    })

  static let deleteUser = CommandSpec(
    name: "delete-user", group: "Sign-in", summary: "delete the signed-in user's own account (DeleteUser)",
    flags: [Flag("yes", help: "confirm; required, since this cannot be undone")],
    handler: { args, ctx in
      let user = try ctx.userForAccessToken()
      guard args.has("yes") else {
        throw CommandError("delete-user deletes \(user.username) for good", hint: "Run `delete-user --yes` to confirm.")
      }
      try ctx.client().call(.deleteUser, ["AccessToken": .string(user.tokens.accessToken)])
      let others = try ctx.updateSession { s in
        s.remove(user: user.username)
        return s.users.keys.sorted()
      }
      ctx.printer.note("deleted \(user.username)")
      noteOthers(others, ctx: ctx)
      return .proceed
    })

  /// After the current user went: say who is still signed in, and that `switch` picks one.
  static func noteOthers(_ others: [String], ctx: ShellContext) {
    guard !others.isEmpty else { return }
    ctx.printer.note(
      "nobody is current now; still signed in here: \(others.joined(separator: ", ")) (`switch NAME` to use one)")
  }

  /// `SecretHash` for a request about `username`, when the client has a secret.
  static func withSecretHash(_ body: [String: JSON], username: String, ctx: ShellContext) throws -> JSON {
    var b = body
    if let hash = try ctx.secretHash(for: username) { b["SecretHash"] = .string(hash) }
    return .object(b)
  }

  static func delivery(_ r: JSON) -> String? {
    let d = r["CodeDeliveryDetails"]
    guard let medium = d?["DeliveryMedium"]?.stringValue else { return nil }
    return "code sent by \(medium.lowercased()) to \(d?["Destination"]?.stringValue ?? "?")"
  }

  static let signUp = CommandSpec(
    name: "sign-up", group: "Sign-in", summary: "register a user through the app client (SignUp)",
    params: [Param("USERNAME", completion: .users)],
    flags: [
      Flag("password", value: "P", secret: true, help: "the password; prompted for without echo when left out"),
      Flag("attribute", value: "NAME=VALUE", repeatable: true, help: "a user attribute, e.g. email=a@example.com"),
      .clientMetadata,
    ],
    handler: { args, ctx in
      let username = (try args.required("USERNAME"))
      let password = try ctx.secret(
        args.flag("password"), prompt: "Password for \(username): ", what: "--password", command: "sign-up",
        usage: "sign-up USERNAME [--password P] [--attribute NAME=VALUE ...]")
      var body: [String: JSON] = [
        "ClientId": .string(try ctx.clientId()), "Username": .string(username), "Password": .string(password),
      ]
      if let attributes = try Pairs.userAttributes(args) { body["UserAttributes"] = attributes }
      let r = try ctx.client().call(.signUp, try withSecretHash(body, username: username, ctx: ctx)).body
      ctx.printer.result(r) {
        let confirmed = r["UserConfirmed"] == .bool(true)
        return "signed up \(username)" + (r["UserSub"]?.stringValue.map { ", sub \($0)" } ?? "")
          + (confirmed ? " (confirmed)" : "; next: confirm-sign-up \(username) CODE")
          + (delivery(r).map { "\n\($0)" } ?? "")
      }
      return .proceed
    })

  static let confirmSignUp = CommandSpec(
    name: "confirm-sign-up", group: "Sign-in", summary: "confirm a sign-up with the emailed or texted code",
    params: [Param("USERNAME", completion: .users), Param("CODE", secret: true)],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let username = (try args.required("USERNAME"))
      let body: [String: JSON] = [
        "ClientId": .string(try ctx.clientId()), "Username": .string(username),
        "ConfirmationCode": .string(try args.required("CODE")),
      ]
      let r = try ctx.client().call(.confirmSignUp, try withSecretHash(body, username: username, ctx: ctx)).body
      ctx.printer.result(r) { "confirmed \(username); sign in with `login \(username)`" }
      return .proceed
    })

  static let resendCode = CommandSpec(
    name: "resend-confirmation-code", group: "Sign-in", summary: "send the sign-up code again",
    params: [Param("USERNAME", completion: .users)],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let username = (try args.required("USERNAME"))
      let body: [String: JSON] = ["ClientId": .string(try ctx.clientId()), "Username": .string(username)]
      let r = try ctx.client().call(.resendConfirmationCode, try withSecretHash(body, username: username, ctx: ctx))
        .body
      ctx.printer.result(r) { delivery(r) ?? "code sent" }
      return .proceed
    })

  static let forgotPassword = CommandSpec(
    name: "forgot-password", group: "Sign-in", summary: "start a password reset: a code is sent (ForgotPassword)",
    params: [Param("USERNAME", completion: .users)],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let username = (try args.required("USERNAME"))
      let body: [String: JSON] = ["ClientId": .string(try ctx.clientId()), "Username": .string(username)]
      let response = try ctx.client().call(.forgotPassword, try withSecretHash(body, username: username, ctx: ctx))
      // moto sends no mail; it hands the code back in a header instead.
      let sandboxCode = response.header("x-moto-forgot-password-confirmation-code")
      var json = response.body.objectValue ?? [:]
      if let sandboxCode { json["SandboxConfirmationCode"] = .string(sandboxCode) }
      ctx.printer.result(.object(json)) {
        var lines = [delivery(response.body) ?? "code sent"]
        if let sandboxCode { lines.append("sandbox: the code is \(sandboxCode) (moto sends no mail)") }
        lines.append("next: confirm-forgot-password \(username) CODE")
        return lines.joined(separator: "\n")
      }
      return .proceed
    })

  static let confirmForgotPassword = CommandSpec(
    name: "confirm-forgot-password", group: "Sign-in", summary: "set a new password with the reset code",
    params: [
      Param("USERNAME", completion: .users), Param("CODE", secret: true),
      Param("PASSWORD", optional: true, secret: true),
    ],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let username = (try args.required("USERNAME"))
      let password = try ctx.secret(
        args["PASSWORD"], prompt: "New password for \(username): ", what: "PASSWORD",
        command: "confirm-forgot-password", usage: "confirm-forgot-password USERNAME CODE [PASSWORD]")
      let body: [String: JSON] = [
        "ClientId": .string(try ctx.clientId()), "Username": .string(username),
        "ConfirmationCode": .string(try args.required("CODE")), "Password": .string(password),
      ]
      let r = try ctx.client().call(.confirmForgotPassword, try withSecretHash(body, username: username, ctx: ctx))
        .body
      ctx.printer.result(r) { "password changed for \(username)" }
      return .proceed
    })

  static let changePassword = CommandSpec(
    name: "change-password", group: "Sign-in", summary: "change the signed-in user's password (ChangePassword)",
    params: [Param("OLD", optional: true, secret: true), Param("NEW", optional: true, secret: true)],
    handler: { args, ctx in
      let user = try ctx.userForAccessToken()
      let usage = "change-password [OLD NEW]"
      let old = try ctx.secret(
        args["OLD"], prompt: "Current password: ", what: "OLD", command: "change-password", usage: usage)
      let new = try ctx.secret(
        args["NEW"], prompt: "New password: ", what: "NEW", command: "change-password", usage: usage)
      let r = try ctx.client().call(
        .changePassword,
        [
          "AccessToken": .string(user.tokens.accessToken), "PreviousPassword": .string(old),
          "ProposedPassword": .string(new),
        ]
      ).body
      ctx.printer.result(r) { "password changed for \(user.username)" }
      return .proceed
    })

  static let updateAttributes = CommandSpec(
    name: "update-attributes", group: "Sign-in", summary: "change the signed-in user's attributes",
    params: [Param("NAME=VALUE", variadic: true)],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let user = try ctx.userForAccessToken()
      let pairs = try Pairs.parse(args.list("NAME=VALUE"), what: "attribute")
      let r = try ctx.client().call(
        .updateUserAttributes,
        ["AccessToken": .string(user.tokens.accessToken), "UserAttributes": Pairs.attributeList(pairs)]
      ).body
      ctx.printer.result(r) {
        let names = pairs.map(\.0).joined(separator: ", ")
        let pending = (r["CodeDeliveryDetailsList"]?.arrayValue ?? []).compactMap { $0["AttributeName"]?.stringValue }
        return "updated \(names)"
          + (pending.isEmpty ? "" : "; verify \(pending.joined(separator: ", ")) with `verify-attribute NAME CODE`")
      }
      return .proceed
    })

  static let verifyAttribute = CommandSpec(
    name: "verify-attribute", group: "Sign-in",
    summary: "verify an attribute: without CODE a code is sent, with CODE it is checked (VerifyUserAttribute)",
    params: [Param("NAME"), Param("CODE", optional: true, secret: true)],
    flags: [.clientMetadata],
    handler: { args, ctx in
      let user = try ctx.userForAccessToken()
      let name = try args.required("NAME")
      guard args["CODE"] != nil else {
        let r = try ctx.client().call(
          .getUserAttributeVerificationCode,
          ["AccessToken": .string(user.tokens.accessToken), "AttributeName": .string(name)]
        ).body
        ctx.printer.result(r) { (delivery(r) ?? "code sent") + "\nnext: verify-attribute \(name) CODE" }
        return .proceed
      }
      let r = try ctx.client().call(
        .verifyUserAttribute,
        [
          "AccessToken": .string(user.tokens.accessToken), "AttributeName": .string(name),
          "Code": .string(try args.required("CODE")),
        ]
      ).body
      ctx.printer.result(r) { "verified \(name)" }
      return .proceed
    })

  static let refresh = CommandSpec(
    name: "refresh", group: "Sign-in",
    summary: "new tokens from the refresh token (REFRESH_TOKEN_AUTH, or GetTokensFromRefreshToken when it rotates)",
    flags: [.clientMetadata],
    handler: { _, ctx in
      try refreshNow(ctx)
      return .proceed
    })

  /// Whether the app client rotates refresh tokens, from DescribeUserPoolClient; nil when that cannot
  /// be read (no AWS credentials, no permission): the refresh then learns it from the service.
  static func clientRotates(_ ctx: ShellContext, clientId: String) -> Bool? {
    guard let pool = try? ctx.poolId(),
      let r = ctx.ownCall(
        .describeUserPoolClient, ["UserPoolId": .string(pool), "ClientId": .string(clientId)],
        purpose: "to choose the refresh API")
    else { return nil }
    return r["UserPoolClient"]?["RefreshTokenRotation"]?["Feature"]?.stringValue == "ENABLED"
  }

  /// What a refresh on moto shows that Cognito would not, said so that nobody learns it as Cognito's.
  static func sandboxQuirk(changedClaims: [String], isSandbox: Bool) -> String? {
    guard isSandbox, changedClaims.contains("auth_time") else { return nil }
    return "note: moto gives a new auth_time on refresh; Cognito keeps the time of the sign-in"
  }

  /// Refreshes the current user's tokens and says which claims changed.
  static func refreshNow(_ ctx: ShellContext) throws {
    let user = try ctx.currentUser()
    let now = ctx.clock()
    let settings = try AuthCommands.clientSettings(ctx)
    let state = try ctx.session()
    let r = try TokenRefresh.refresh(
      client: try ctx.client(), settings: settings, user: user,
      deviceKey: state.devices?[user.username]?.deviceKey, now: now,
      known: state.refreshAPIs?[settings.clientId], rotates: { clientRotates(ctx, clientId: settings.clientId) })
    if let note = r.note { ctx.printer.diagnostic("note: \(note)") }
    if let quirk = sandboxQuirk(changedClaims: r.changedClaims, isSandbox: try ctx.settings().isSandbox == true) {
      ctx.printer.diagnostic(quirk)
    }
    // Stored only over the tokens this refresh started from: a sign-in that finished meanwhile is newer.
    let stored = try ctx.updateSession { s -> Bool in
      s.refreshAPIs = (s.refreshAPIs ?? [:]).merging([settings.clientId: r.api]) { _, new in new }
      guard s.users[user.username]?.tokens == user.tokens else { return false }
      s.users[user.username]?.tokens = r.tokens
      return true
    }
    if !stored {
      throw CommandError(
        "\(user.username) signed in again while this refresh was in flight; the newer tokens are kept",
        hint: "Nothing to do: `tokens` shows the ones in use.")
    }
    ctx.printer.result(
      .object([
        "refreshed": .string(user.username), "changedClaims": .array(r.changedClaims.map { .string($0) }),
        "refreshTokenRotated": .bool(r.rotated),
      ])
    ) {
      "refreshed \(user.username); access token \(TimeText.expiry(r.tokens.expiresAt, now: now))"
        + "\nclaims changed: \(r.changedClaims.isEmpty ? "none" : r.changedClaims.joined(separator: ", "))"
        + (r.rotated ? "\nthe refresh token was rotated; the new one is kept" : "")
    }
  }

  static let revoke = CommandSpec(
    name: "revoke", group: "Sign-in", summary: "revoke the refresh token and its access tokens (RevokeToken)",
    handler: { _, ctx in
      let user = try ctx.currentUser()
      guard let refreshToken = user.tokens.refreshToken else { throw CommandError("no refresh token is stored") }
      var body: [String: JSON] = ["Token": .string(refreshToken), "ClientId": .string(try ctx.clientId())]
      if let secret = try ctx.settings().clientSecret { body["ClientSecret"] = .string(secret) }
      try ctx.client().call(.revokeToken, .object(body))
      let others = try ctx.updateSession { s -> [String] in
        // Only the revoked tokens go: a sign-in that finished meanwhile has tokens of its own.
        guard s.users[user.username]?.tokens.refreshToken == refreshToken else { return [] }
        s.remove(user: user.username)
        return s.users.keys.sorted()
      }
      ctx.printer.note("revoked the refresh token of \(user.username) and forgot its tokens")
      noteOthers(others, ctx: ctx)
      return .proceed
    })

  static let users = CommandSpec(
    name: "users", group: "Sign-in", summary: "the users signed in under this profile; * marks the current one",
    handler: { _, ctx in
      let state = try ctx.session()
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
            })
      }
      return .proceed
    })

  static let switchUser = CommandSpec(
    name: "switch", group: "Sign-in", summary: "make another signed-in user the current one",
    params: [Param("USERNAME", completion: .users)],
    handler: { args, ctx in
      let name = (try args.required("USERNAME"))
      try ctx.updateSession { s in
        guard s.users[name] != nil else {
          throw CommandError("\(name) is not signed in here", hint: "`users` lists who is; `login \(name)` signs in.")
        }
        s.currentUser = name
      }
      ctx.printer.note("current user: \(name)")
      return .proceed
    })

  static let forget = CommandSpec(
    name: "forget", group: "Sign-in", summary: "forget a user's tokens here (the current user by default)",
    params: [Param("USERNAME", optional: true, completion: .users)],
    handler: { args, ctx in
      let state = try ctx.session()
      guard let name = args["USERNAME"] ?? state.currentUser else { throw CommandError("nobody is signed in") }
      let others = try ctx.updateSession { s in
        guard s.remove(user: name) else { throw CommandError("\(name) is not signed in here") }
        return s.users.keys.sorted()
      }
      ctx.printer.note("forgot \(name)")
      if state.currentUser == name { noteOthers(others, ctx: ctx) }
      return .proceed
    })
}
