import Auth
import Basics
import Cognito

/// login, respond, new-password, whoami, logout.
enum AuthCommands {
  static let all: [CommandSpec] = [login, respond, newPassword, whoami, logout]

  static let login = CommandSpec(
    name: "login", aliases: ["signin"], group: "Sign-in",
    summary: "sign in (InitiateAuth; --flow admin uses AdminInitiateAuth)",
    params: [Param("USERNAME", optional: true, completion: .users)],
    flags: [
      .password,
      Flag(
        "flow", value: "FLOW",
        help:
          "srp (USER_SRP_AUTH), password (USER_PASSWORD_AUTH), admin, custom (CUSTOM_AUTH) or user-auth (USER_AUTH); default: the profile's flow (`set flow`), else srp on a real pool and password on the sandbox (`status` shows it)",
        completion: .choices(LoginFlow.allCases.map(\.rawValue))),
      Flag(
        "preferred", value: "FACTOR",
        help: "with user-auth: PREFERRED_CHALLENGE (\(preferable.joined(separator: ", ")))",
        completion: .choices(preferable)),
      Flag("srp", help: "with custom: start with SRP (CHALLENGE_NAME=SRP_A)"),
      Flag("explain", help: "show the SRP values, or each managed-login step (secrets masked)"),
      .clientMetadata,
    ] + HostedCommands.loginFlags,
    details: """
      A challenge is stored with its Session; cogsh says which command answers it. PASSWORD_VERIFIER and the
      device challenges (DEVICE_SRP_AUTH) are answered automatically. Success stores the tokens; a device
      offered by the pool (NewDeviceMetadata) is confirmed and remembered for later sign-ins.
      """,
    handler: { args, ctx in
      if args.has("hosted") {
        try HostedCommands.login(args, ctx: ctx)
        return .proceed
      }
      guard let username = args["USERNAME"] else {
        throw UsageError.missingArgument(
          "USERNAME", command: "login", usage: "login USERNAME [--flow FLOW] ..., or login --hosted [...]")
      }
      let settings = try ctx.configuration.settings()
      var loginFlow = settings.flow ?? LoginFlow.defaultFlow(for: settings)
      if let flowName = args.flag("flow") {
        guard let named = LoginFlow(rawValue: flowName) else {
          throw UsageError.invalidChoice(flowName, for: "flow", choices: LoginFlow.allCases.map(\.rawValue))
        }
        loginFlow = named
      }
      let flow = loginFlow.initiateFlow(preferred: args.flag("preferred"), srp: args.has("srp"))
      let password =
        flow.needsPassword
        ? try ctx.secret(
          args.flag("password"), prompt: "Password for \(username): ", what: "--password", command: "login",
          usage: Registry.find("login")?.usage ?? "login USERNAME") : args.flag("password")
      if settings.isSandbox == true && (flow == .srp || flow == .custom(srp: true)) && !ctx.toldSRPIsUnchecked {
        ctx.toldSRPIsUnchecked = true
        ctx.printer.note(
          "note: the sandbox (moto) does not check SRP proofs or device verifiers; any password passes this step")
      }
      let report: SignInReport
      do {
        report = try ctx.account.signIn(username, flow: flow, password: password)
      } catch CognitoError.service(let e)
        where ["UserNotFoundException", "NotAuthorizedException"].contains(e.code) && !username.contains("@")
        && (ctx.account.usernameAttributes() ?? []).contains("email")
      {
        // A pool that signs users in by email address: a name without an @ is never found.
        throw CommandError(
          CognitoError.service(e).message,
          hint: "This pool signs users in by email address (its UsernameAttributes include email); "
            + "\"\(username)\" is not one: log in with the user's email.",
          detail: CognitoError.service(e).detail)
      } catch CognitoError.badResponse(let action, let detail)
        where flow == .custom(srp: false) || flow == .custom(srp: true)
      {
        // CUSTOM_AUTH asks the pool's DefineAuthChallenge trigger what comes next: an empty answer means
        // it said nothing, or (moto, on a sandbox pool without the trio) there is no trigger at all.
        throw CommandError(
          "CUSTOM_AUTH got neither tokens nor a challenge (\(action): \(detail))",
          hint: settings.isSandbox == true
            ? "CUSTOM_AUTH is driven by the pool's DefineAuthChallenge Lambda trigger, and this pool has none: give it "
              + "the trio, e.g. `sandbox trigger set DefineAuthChallenge example:define_auth_challenge` (and Create, "
              + "Verify), or walk through it: `walkthrough custom-auth`."
            : "CUSTOM_AUTH is driven by the pool's DefineAuthChallenge Lambda trigger: check that the pool has one and "
              + "that its response sets challengeName, or issueTokens, or failAuthentication.")
      }
      if args.has("explain") {
        for trace in report.srpTraces { ctx.printer.note(SRPExplanation.text(trace, pool: settings.poolId ?? "")) }
      }
      show(report, ctx: ctx)
      return .proceed
    })

  static let respond = CommandSpec(
    name: "respond", group: "Sign-in",
    summary: "answer the pending challenge; Session, USERNAME and SECRET_HASH are filled in",
    params: [
      Param("CHALLENGE", completion: .challenges),
      Param("NAME=VALUE", optional: true, variadic: true, secret: .answer, completion: .answers),
    ],
    flags: [.clientMetadata, Flag("explain", help: "with WEB_AUTHN: what the passkey signed")],
    details: "Example: respond NEW_PASSWORD_REQUIRED NEW_PASSWORD=Secret123 userAttributes.name=Alice",
    handler: { args, ctx in
      let name = (try args.required("CHALLENGE"))
      let pairs = try NameValuePairs.parse(args.list("NAME=VALUE"), what: "answer")
      try answer(name, Dictionary(pairs, uniquingKeysWith: { _, b in b }), ctx: ctx, explain: args.has("explain"))
      return .proceed
    })

  static let newPassword = CommandSpec(
    name: "new-password", group: "Sign-in", summary: "answer NEW_PASSWORD_REQUIRED with a new password",
    params: [Param("PASSWORD", optional: true, secret: .value)],
    flags: [
      Flag(
        "attribute", value: "NAME=VALUE", repeatable: true,
        help: "a required attribute, sent as userAttributes.NAME"),
      .clientMetadata,
    ],
    handler: { args, ctx in
      // Checked before asking for a password that would have no use.
      _ = try ctx.account.pendingChallenge(ChallengeName.newPasswordRequired.rawValue)
      let password = try ctx.secret(
        args["PASSWORD"], prompt: "New password: ", what: "PASSWORD", command: "new-password",
        usage: Registry.find("new-password")?.usage ?? "new-password [PASSWORD]")
      var answers = ["NEW_PASSWORD": password]
      for (k, v) in try NameValuePairs.parse(args.flagList("attribute"), what: "attribute") {
        answers["userAttributes.\(k)"] = v
      }
      try answer(ChallengeName.newPasswordRequired.rawValue, answers, ctx: ctx)
      return .proceed
    })

  static let whoami = CommandSpec(
    name: "whoami", group: "Sign-in", summary: "the signed-in user's attributes (GetUser)",
    handler: { _, ctx in
      let profile = try ctx.account.getUser()
      ctx.printer.result(profile.raw) { Table.render([("username", profile.username)] + profile.attributes) }
      return .proceed
    })

  static let logout = CommandSpec(
    name: "logout", aliases: ["signout"], group: "Sign-in",
    summary: "sign out everywhere (GlobalSignOut) and forget the tokens; --local only forgets them",
    flags: [
      Flag("local", help: "only forget the tokens here; do not call GlobalSignOut"),
      Flag(
        "hosted",
        help:
          "end the managed-login session: open (or print) the pool domain's /logout URL, and revoke the refresh token at /oauth2/revoke (with --local, only forget it)"
      ),
      Flag(
        "logout-uri", value: "URI",
        help: "with --hosted: where /logout returns (a sign-out URL registered on the client)"),
      Flag("no-browser", help: "with --hosted: print the URL instead of opening it"),
    ],
    handler: { args, ctx in
      if args.has("hosted") {
        try HostedCommands.logout(args, ctx: ctx)
        return .proceed
      }
      let gone = try ctx.account.signOut(everywhere: !args.has("local"))
      ctx.printer.note(
        args.has("local") ? "forgot the tokens of \(gone.username)" : "signed out \(gone.username) everywhere")
      AccountCommands.noteOthers(gone.others, ctx: ctx)
      return .proceed
    })

  /// The factors `login --preferred` offers: those cogsh can answer.
  static let preferable = SignInFactor.allCases.filter(\.answeredHere).map(\.rawValue)

  /// Answers the pending challenge `name` and shows where that leads. With PASSWORD_SRP the password
  /// stays here: it only feeds the verifier cogsh answers next.
  static func answer(_ name: String, _ given: [String: String], ctx: ShellContext, explain: Bool = false) throws {
    let pending = try ctx.account.pendingChallenge(name)
    var answers = given
    var password: String?
    if SignInFactor.chosen(answering: pending.name, answers) == .passwordSRP {
      password = try ctx.secret(
        answers.removeValue(forKey: "PASSWORD"), prompt: "Password for \(pending.loginName): ", what: "PASSWORD=…",
        command: "respond", usage: "respond SELECT_CHALLENGE ANSWER=PASSWORD_SRP PASSWORD=…")
    }
    let report = try ctx.account.answer(name, answers, password: password)
    if explain, let trace = report.passkeyTrace { ctx.printer.note(PasskeyExplanation.text(trace)) }
    show(report, ctx: ctx)
  }

  /// Tells the user what a sign-in step came to and what to do next.
  static func show(_ report: SignInReport, ctx: ShellContext) {
    switch report.step {
    case .signedIn(let user):
      let now = ctx.clock()
      ctx.printer.result(
        .object([
          "signedIn": .string(user.username), "sub": user.sub.map { .string($0) } ?? .null,
          "expiresIn": .number((user.tokens.expiresAt - now).rounded()),
        ])
      ) {
        "signed in as \(user.username); access token \(TimeText.expiry(user.tokens.expiresAt, now: now))"
      }
      if let device = report.confirmedDevice {
        ctx.printer.note(
          "device \(device.key) confirmed and remembered"
            + (device.needsConsent ? " (the pool asks users to opt in: UpdateDeviceStatus)" : ""))
      }
    case .challenge(let c):
      var json: [String: JSON] = [
        "ChallengeName": .string(c.name.rawValue), "ChallengeParameters": .strings(c.parameters),
      ]
      json["username"] = .string(c.username)
      ctx.printer.result(.object(json)) {
        var lines = ["challenge \(c.name) for \(c.loginName) (Session valid for \(ChallengeHints.lifetime(c)))"]
        if let row = c.kind.row { lines.append("it asks for: \(row.explanation)") }
        if let offered = c.availableChallenges, !offered.isEmpty {
          lines.append("available challenges: \(offered.joined(separator: ", "))")
        }
        if c.name == .customChallenge {
          // The public parameters the CreateAuthChallenge trigger chose to show (never its private ones).
          let shown = c.parameters.filter { $0.key != "USERNAME" }.sorted { $0.key < $1.key }
          if !shown.isEmpty {
            lines.append("parameters: " + shown.map { "\($0.key)=\($0.value)" }.joined(separator: ", "))
          }
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
