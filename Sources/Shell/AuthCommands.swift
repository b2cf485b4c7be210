import Cognito
import Session

/// login, respond, new-password, whoami, logout.
enum AuthCommands {
  static let all: [CommandSpec] = [login, respond, newPassword, whoami, logout]

  static let login = CommandSpec(
    name: "login", aliases: ["signin"], group: "Sign-in",
    summary: "sign in (InitiateAuth; --flow admin uses AdminInitiateAuth)",
    params: [Param("USERNAME", completion: .users)],
    flags: [
      Flag("password", value: "P", secret: true, help: "the password; prompted for without echo when left out"),
      Flag(
        "flow", value: "FLOW",
        help:
          "srp (USER_SRP_AUTH), password (USER_PASSWORD_AUTH), admin, custom (CUSTOM_AUTH) or user-auth (USER_AUTH); default: the profile's flow (`set flow`), else srp on a real pool and password on the sandbox (`status` shows it)",
        completion: .choices(LoginFlow.allCases.map(\.rawValue))),
      Flag(
        "preferred", value: "FACTOR",
        help: "with user-auth: PREFERRED_CHALLENGE (PASSWORD, PASSWORD_SRP, EMAIL_OTP, SMS_OTP)",
        completion: .choices(["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP"])),
      Flag("srp", help: "with custom: start with SRP (CHALLENGE_NAME=SRP_A)"),
      Flag("explain", help: "show the SRP values: A, B, salt, u and the signed message (secrets masked)"),
      .clientMetadata,
    ],
    details: """
      A challenge is stored with its Session; cogsh says which command answers it. PASSWORD_VERIFIER and the
      device challenges (DEVICE_SRP_AUTH) are answered automatically. Success stores the tokens; a device
      offered by the pool (NewDeviceMetadata) is confirmed and remembered for later sign-ins.
      """,
    handler: { args, ctx in
      let username = (try args.required("USERNAME"))
      let settings = try ctx.settings()
      let flowName = args.flag("flow") ?? settings.flow ?? LoginFlow.defaultFlow(for: settings).rawValue
      guard let loginFlow = LoginFlow(rawValue: flowName) else {
        throw UsageError.invalidChoice(flowName, for: "flow", choices: LoginFlow.allCases.map(\.rawValue))
      }
      let flow: InitiateFlow
      switch loginFlow {
      case .srp: flow = .srp
      case .password: flow = .password
      case .admin: flow = .admin
      case .custom: flow = .custom(srp: args.has("srp"))
      case .userAuth: flow = .userAuth(preferred: args.flag("preferred"))
      }
      let needsPassword: Bool
      switch flow {
      case .custom(let srp): needsPassword = srp
      case .userAuth(let preferred): needsPassword = preferred == "PASSWORD" || preferred == "PASSWORD_SRP"
      default: needsPassword = true
      }
      let password =
        needsPassword
        ? try ctx.secret(
          args.flag("password"), prompt: "Password for \(username): ", what: "--password", command: "login",
          usage: Registry.find("login")?.usage ?? "login USERNAME") : args.flag("password")
      if settings.isSandbox == true && (flow == .srp || flow == .custom(srp: true)) && !ctx.toldSRPIsUnchecked {
        ctx.toldSRPIsUnchecked = true
        ctx.printer.note(
          "note: the sandbox (moto) does not check SRP proofs or device verifiers; any password passes this step")
      }
      let device = try ctx.session().devices?[username]
      func signIn(with device: DeviceRecord?) throws -> SignInOutcome {
        try SignIn.initiate(
          client: try ctx.client(), settings: try clientSettings(ctx), flow: flow, username: username,
          secrets: SignInSecrets(password: password, device: device), now: ctx.clock())
      }
      let outcome: SignInOutcome
      do {
        outcome = try signIn(with: device)
      } catch CognitoError.service(let e)
        where flow == .srp && isUnknownUserOrPassword(e) && hasMigrationTrigger(ctx)
      {
        throw CommandError(
          CognitoError.service(e).message,
          hint: "The pool has a user-migration trigger, and Cognito runs it only on USER_PASSWORD_AUTH: a user "
            + "not migrated yet signs in with `login \(username) --flow password`.",
          detail: CognitoError.service(e).detail)
      } catch CognitoError.service(let e) where device != nil && isUnknownDevice(e) {
        // As Amplify and amazon-cognito-identity-js do: a device the pool forgot is dropped, once.
        guard let stale = device else { throw CognitoError.service(e) }
        try forgetDeviceLocally(stale, of: username, ctx: ctx)
        ctx.printer.diagnostic(
          "note: the pool no longer knows device \(stale.deviceKey) (\(e.serviceMessage)); "
            + "forgot it here and signing in without it")
        outcome = try signIn(with: nil)
      }
      if args.has("explain") {
        for trace in outcome.srpTraces { ctx.printer.note(SRPExplanation.text(trace, pool: settings.poolId ?? "")) }
      }
      try record(outcome, ctx: ctx)
      return .proceed
    })

  static let respond = CommandSpec(
    name: "respond", group: "Sign-in",
    summary: "answer the pending challenge; Session, USERNAME and SECRET_HASH are filled in",
    params: [
      Param("CHALLENGE", completion: .challenges),
      Param("NAME=VALUE", optional: true, variadic: true, completion: .answers),
    ],
    flags: [.clientMetadata],
    details: "Example: respond NEW_PASSWORD_REQUIRED NEW_PASSWORD=Secret123 userAttributes.name=Alice",
    secretWords: { $0.count > 1 },  // every challenge answer may be a secret: a password, a code, an ANSWER
    handler: { args, ctx in
      let name = (try args.required("CHALLENGE"))
      let pairs = try Pairs.parse(args.list("NAME=VALUE"), what: "answer")
      try answer(name, Dictionary(pairs, uniquingKeysWith: { _, b in b }), ctx: ctx)
      return .proceed
    })

  static let newPassword = CommandSpec(
    name: "new-password", group: "Sign-in", summary: "answer NEW_PASSWORD_REQUIRED with a new password",
    params: [Param("PASSWORD", optional: true, secret: true)],
    flags: [
      Flag(
        "attribute", value: "NAME=VALUE", repeatable: true,
        help: "a required attribute, sent as userAttributes.NAME"),
      .clientMetadata,
    ],
    handler: { args, ctx in
      // Checked before asking for a password that would have no use.
      _ = try pending(ChallengeName.newPasswordRequired.rawValue, ctx: ctx)
      let password = try ctx.secret(
        args["PASSWORD"], prompt: "New password: ", what: "PASSWORD", command: "new-password",
        usage: Registry.find("new-password")?.usage ?? "new-password [PASSWORD]")
      var answers = ["NEW_PASSWORD": password]
      for (k, v) in try Pairs.parse(args.flagList("attribute"), what: "attribute") {
        answers["userAttributes.\(k)"] = v
      }
      try answer(ChallengeName.newPasswordRequired.rawValue, answers, ctx: ctx)
      return .proceed
    })

  static let whoami = CommandSpec(
    name: "whoami", group: "Sign-in", summary: "the signed-in user's attributes (GetUser)",
    handler: { _, ctx in
      let user = try ctx.userForAccessToken()
      let response = try ctx.client().call(.getUser, ["AccessToken": .string(user.tokens.accessToken)])
      let attrs = (response.body["UserAttributes"]?.arrayValue ?? []).compactMap { a -> (String, String)? in
        guard let n = a["Name"]?.stringValue, let v = a["Value"]?.stringValue else { return nil }
        return (n, v)
      }
      let internalName = response.body["Username"]?.stringValue
      if let internalName, internalName != user.internalUsername {
        try ctx.updateSession { s in s.users[user.username]?.internalUsername = internalName }
      }
      ctx.printer.result(response.body) {
        Table.render([("username", internalName ?? user.username)] + attrs)
      }
      return .proceed
    })

  static let logout = CommandSpec(
    name: "logout", aliases: ["signout"], group: "Sign-in",
    summary: "sign out everywhere (GlobalSignOut) and forget the tokens; --local only forgets them",
    flags: [Flag("local", help: "only forget the tokens here; do not call GlobalSignOut")],
    handler: { args, ctx in
      let user = try ctx.userForAccessToken()
      if !args.has("local") {
        try ctx.client().call(.globalSignOut, ["AccessToken": .string(user.tokens.accessToken)])
      }
      let others = try ctx.updateSession { s in
        s.remove(user: user.username)
        return s.users.keys.sorted()
      }
      ctx.printer.note(
        args.has("local") ? "forgot the tokens of \(user.username)" : "signed out \(user.username) everywhere")
      AccountCommands.noteOthers(others, ctx: ctx)
      return .proceed
    })

  static func clientSettings(_ ctx: ShellContext) throws -> ClientSettings {
    let s = try ctx.settings()
    return ClientSettings(poolId: s.poolId, clientId: try ctx.clientId(), clientSecret: s.clientSecret)
  }

  /// The app client's AuthSessionValidity in seconds, when AWS credentials allow reading it; read
  /// once per client and remembered.
  static func sessionValidity(_ ctx: ShellContext) -> Double? {
    guard let clientId = try? ctx.clientId() else { return nil }
    if let known = (try? ctx.session())?.sessionLifetimes?[clientId] { return known }
    guard let pool = try? ctx.poolId(),
      let minutes = ctx.ownCall(
        .describeUserPoolClient, ["UserPoolId": .string(pool), "ClientId": .string(clientId)],
        purpose: "for the Session's lifetime")?["UserPoolClient"]?["AuthSessionValidity"]?.numberValue,
      PendingChallenge.lifetimeBounds.contains(minutes * 60)
    else { return nil }
    try? ctx.updateSession { s in
      s.sessionLifetimes = (s.sessionLifetimes ?? [:]).merging([clientId: minutes * 60]) { _, new in new }
    }
    return minutes * 60
  }

  /// The refusals a not-yet-migrated user meets: no such user, or (with PreventUserExistenceErrors)
  /// the same words as a wrong password. Other NotAuthorizedExceptions (a secret hash) have causes of their own.
  static func isUnknownUserOrPassword(_ e: ServiceError) -> Bool {
    e.code == "UserNotFoundException"
      || (e.code == "NotAuthorizedException" && e.serviceMessage.hasPrefix("Incorrect username or password"))
  }

  /// Whether the pool has a user-migration Lambda trigger, when AWS credentials allow reading it.
  static func hasMigrationTrigger(_ ctx: ShellContext) -> Bool {
    guard let pool = try? ctx.poolId() else { return false }
    let described = ctx.ownCall(.describeUserPool, ["UserPoolId": .string(pool)], purpose: "for the hint")
    return described?["UserPool"]?["LambdaConfig"]?["UserMigration"]?.stringValue != nil
  }

  /// Cognito's answer for a DEVICE_KEY it does not know (any more).
  static func isUnknownDevice(_ e: ServiceError) -> Bool {
    e.code == "ResourceNotFoundException" && e.serviceMessage.lowercased().contains("device")
  }

  /// Forgets a remembered device here, if it is still the one remembered.
  static func forgetDeviceLocally(_ device: DeviceRecord, of username: String, ctx: ShellContext) throws {
    try ctx.updateSession { s in
      if s.devices?[username]?.deviceKey == device.deviceKey { s.devices?[username] = nil }
    }
  }

  /// The pending challenge, when it is `name`; otherwise an error saying what is pending, if anything.
  static func pending(_ name: String, ctx: ShellContext) throws -> PendingChallenge {
    guard let pending = try ctx.session().challenge else {
      throw CommandError("no challenge is pending", hint: "Start with `login USERNAME`.")
    }
    guard pending.name == name else {
      throw CommandError(
        "the pending challenge is \(pending.name), not \(name)",
        hint: "Answer it with `\(ChallengeHints.answeringCommand(pending))`.")
    }
    return pending
  }

  /// Whether the service said the challenge's Session can no longer be used.
  static func isDeadSession(_ e: ServiceError, _ pending: PendingChallenge, now: Double) -> Bool {
    guard e.code == "NotAuthorizedException" else { return false }
    let m = e.serviceMessage.lowercased()
    return m.contains("session is expired") || m.contains("invalid session") || pending.secondsLeft(now: now) <= 0
  }

  /// Answers the pending challenge `name` and records where that leads.
  static func answer(_ name: String, _ given: [String: String], ctx: ShellContext) throws {
    let pending = try pending(name, ctx: ctx)
    if pending.kind == .webAuthn {
      throw CommandError(
        "cogsh cannot answer WEB_AUTHN: it holds no passkey",
        hint: "Answer it in \(ChallengeHints.webAuthnAdvice).")
    }
    var answers = given
    var password: String?
    // With PASSWORD_SRP the password stays here: it only feeds the verifier cogsh answers next.
    if pending.kind == .selectChallenge && answers["ANSWER"] == "PASSWORD_SRP" {
      password = try ctx.secret(
        answers.removeValue(forKey: "PASSWORD"), prompt: "Password for \(pending.loginName): ", what: "PASSWORD=…",
        command: "respond", usage: "respond SELECT_CHALLENGE ANSWER=PASSWORD_SRP PASSWORD=…")
    }
    let outcome: SignInOutcome
    do {
      outcome = try SignIn.respond(
        client: try ctx.client(), settings: try clientSettings(ctx), challenge: pending, answers: answers,
        secrets: SignInSecrets(password: password, device: try ctx.session().devices?[pending.loginName]),
        now: ctx.clock())
    } catch CognitoError.service(let e) where isDeadSession(e, pending, now: ctx.clock()) {
      // The Session cannot be answered again: forget it, unless a newer sign-in already replaced it.
      try ctx.updateSession { s in
        if s.challenge == pending { s.challenge = nil }
      }
      throw CommandError(
        "\(e.code): \(e.serviceMessage)",
        hint:
          "The challenge's Session is no longer valid (it lasts 3 minutes by default, and answers once); "
          + "it is forgotten. Sign in again with `login \(pending.loginName)`.",
        detail: CognitoError.service(e).detail)
    }
    try record(outcome, ctx: ctx)
  }

  /// Stores an outcome: the step, and a new device confirmed and remembered.
  static func record(_ outcome: SignInOutcome, ctx: ShellContext) throws {
    try record(outcome.step, ctx: ctx)
    guard case .signedIn(let user) = outcome.step, let device = outcome.newDevice else { return }
    let (record, needsConsent) = try DeviceConfirmation.confirm(
      client: try ctx.client(), accessToken: user.tokens.accessToken, key: device.key, groupKey: device.groupKey,
      deviceName: "cogsh")
    try ctx.updateSession { s in
      s.devices = (s.devices ?? [:]).merging([user.username: record]) { _, new in new }
    }
    ctx.printer.note(
      "device \(device.key) confirmed and remembered"
        + (needsConsent ? " (the pool asks users to opt in: UpdateDeviceStatus)" : ""))
  }

  /// Stores a sign-in step and tells the user what happened and what to do next.
  static func record(_ step: SignInStep, ctx: ShellContext) throws {
    switch step {
    case .signedIn(let user):
      try ctx.updateSession { s in
        s.users[user.username] = user
        s.currentUser = user.username
        s.challenge = nil
      }
      let now = ctx.clock()
      ctx.printer.result(
        .object([
          "signedIn": .string(user.username), "sub": user.sub.map { .string($0) } ?? .null,
          "expiresIn": .number((user.tokens.expiresAt - now).rounded()),
        ])
      ) {
        "signed in as \(user.username); access token \(TimeText.expiry(user.tokens.expiresAt, now: now))"
      }
    case .challenge(let arrived):
      var c = arrived
      c.lifetime = sessionValidity(ctx)
      try ctx.updateSession { s in s.challenge = c }
      var json: [String: JSON] = ["ChallengeName": .string(c.name), "ChallengeParameters": .strings(c.parameters)]
      json["username"] = .string(c.username)
      ctx.printer.result(.object(json)) {
        var lines = ["challenge \(c.name) for \(c.loginName) (Session valid for \(ChallengeHints.lifetime(c)))"]
        if let offered = c.availableChallenges, !offered.isEmpty {
          lines.append("available challenges: \(offered.joined(separator: ", "))")
        }
        if let required = c.parameters["requiredAttributes"], required != "[]" {
          lines.append("required attributes: \(required)")
        }
        lines.append("answer with: \(ChallengeHints.answeringCommand(c))")
        return lines.joined(separator: "\n")
      }
    }
  }
}
