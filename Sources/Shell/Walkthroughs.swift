import Cognito
import Foundation

/// A guided flow: steps that each say what happens and why, then run one command.
struct Walkthrough: Sendable {
  struct Step: Sendable {
    var why: String
    /// The command, with {user}, {temp} and {password} filled in when the walkthrough starts.
    var command: String
  }

  var name: String
  var summary: String
  /// Whether it changes pool settings, so belongs on the sandbox only.
  var sandboxOnly = false
  var steps: [Step]
}

/// The walkthroughs, declared as data; `walkthrough` lists and runs them.
enum Walkthroughs {
  static let all: [Walkthrough] = [
    Walkthrough(
      name: "article", summary: "the seed article: admin-created user, first sign-in, NEW_PASSWORD_REQUIRED",
      steps: [
        .init(
          why: "An administrator creates the user with a temporary password (AdminCreateUser, SigV4-signed). "
            + "Cognito marks the user FORCE_CHANGE_PASSWORD.",
          command: "admin-create-user {user} --temporary-password {temp} --attribute email={user} --suppress-message"),
        .init(
          why: "The user signs in with USER_PASSWORD_AUTH. Instead of tokens, Cognito answers with the "
            + "NEW_PASSWORD_REQUIRED challenge and a Session string.",
          command: "login {user} --flow password --password {temp}"),
        .init(
          why: "cogsh keeps the challenge and its Session; status shows how many seconds the Session has left.",
          command: "status"),
        .init(
          why: "RespondToAuthChallenge with the Session, the USERNAME Cognito expects and the new password. "
            + "This time the answer holds the tokens.",
          command: "new-password {password}"),
        .init(why: "The three tokens, their kinds and lifetimes.", command: "tokens"),
        .init(why: "The id token's claims: who the user is.", command: "jwt decode id"),
        .init(
          why: "The access token checked as an API would check it: signature against the pool's JWKS, then the claims.",
          command: "jwt verify access"),
      ]),
    Walkthrough(
      name: "srp", summary: "USER_SRP_AUTH: the password never leaves the machine",
      steps: userWithPassword(why: "A user with a permanent password (AdminCreateUser, then AdminSetUserPassword).")
        + [
          .init(
            why: "SRP: cogsh sends A = g^a mod N, Cognito answers PASSWORD_VERIFIER with B, a salt and a secret "
              + "block, and cogsh proves it knows the password with a signature. --explain shows the values.",
            command: "login {user} --flow srp --password {password} --explain"),
          .init(why: "Signed in: the attributes Cognito holds.", command: "whoami"),
        ]),
    Walkthrough(
      name: "mfa", summary: "TOTP MFA: set-up with a QR code, then a sign-in that asks for the code", sandboxOnly: true,
      steps: [
        .init(
          why: "Turn on optional TOTP MFA for the pool (SetUserPoolMfaConfig).",
          command:
            "call SetUserPoolMfaConfig \"{\\\"UserPoolId\\\":\\\"$POOL_ID\\\",\\\"SoftwareTokenMfaConfiguration\\\":{\\\"Enabled\\\":true},\\\"MfaConfiguration\\\":\\\"OPTIONAL\\\"}\""
        )
      ] + userWithPassword(why: "A signed-in user.") + [
        .init(
          why: "Sign in (USER_PASSWORD_AUTH): MFA is not set up yet, so the tokens come at once.",
          command: "login {user} --flow password --password {password}"),
        .init(
          why: "AssociateSoftwareToken: the shared secret, as a QR code an authenticator app scans.",
          command: "mfa setup"),
        .init(
          why: "VerifySoftwareToken with the current code ($TOTP is the code cogsh computes).",
          command: "mfa verify $TOTP"),
        .init(why: "Make TOTP the user's MFA.", command: "mfa enable totp"),
        .init(
          why: "Sign in again: now Cognito asks for the code.",
          command: "login {user} --flow password --password {password}"),
        .init(why: "Answer SOFTWARE_TOKEN_MFA.", command: "mfa-code $TOTP"),
      ]),
    Walkthrough(
      name: "hosted", summary: "managed login in a browser: authorization code with PKCE, the token endpoint",
      steps: userWithPassword(why: "A user who can sign in.") + [
        .init(
          why: "Managed login: cogsh makes a random state, a nonce and a PKCE verifier, opens the browser at "
            + "/oauth2/authorize with the verifier's SHA-256 (the challenge), and listens on the callback URL. "
            + "Sign in there as {user} with the password {password}. The browser comes back with a code; cogsh "
            + "sends it to /oauth2/token with the verifier, which only it knows.",
          command: "login --hosted --scope openid --scope email --explain"),
        .init(why: "The tokens are the user's, as after any other sign-in.", command: "tokens"),
        .init(
          why: "The id token: who signed in (a real pool puts the nonce cogsh sent in it; cogsh checks it).",
          command: "jwt decode id"),
        .init(why: "/oauth2/userInfo with the access token: the openid scope allows it.", command: "oauth userinfo"),
        .init(
          why: "Tokens from managed login are refreshed at /oauth2/token (grant_type=refresh_token).",
          command: "refresh"),
        .init(
          why: "/logout ends the managed-login session (the browser's cookie); the tokens here are forgotten.",
          command: "logout --hosted --no-browser"),
      ]),
    Walkthrough(
      name: "identity", summary: "an identity pool: id token → identity id → AWS credentials → who AWS sees",
      steps: userWithPassword(why: "A user who can sign in.") + [
        .init(
          why: "Sign in: the id token is what the identity pool takes.",
          command: "login {user} --flow password --password {password}"),
        .init(
          why: "GetId with Logins = {cognito-idp.REGION.amazonaws.com/POOL_ID: the id token}: the user's identity "
            + "in the identity pool, the same one each time.",
          command: "identity id"),
        .init(
          why: "The identity pool's providers (this user pool and app client) and whether guests are allowed "
            + "(DescribeIdentityPool, with AWS credentials).",
          command: "identity describe"),
        .init(
          why: "The enhanced flow, GetCredentialsForIdentity: Cognito checks the id token against the pool's "
            + "providers, picks the role (the pool's, its rules', or cognito:preferred_role) and returns AWS keys.",
          command: "identity credentials"),
        .init(
          why: "STS GetCallerIdentity signed with those keys: the ARN AWS sees for this user.",
          command: "identity whoami"),
        .init(
          why: "The basic flow: GetOpenIdToken, then STS AssumeRoleWithWebIdentity with a role the app names.",
          command: "identity credentials --basic --role-arn arn:aws:iam::123456789012:role/trainee"),
        .init(why: "Now AWS sees the assumed role.", command: "identity whoami"),
        .init(
          why: "The keys for the AWS CLI and SDKs (credential_process = cogsh -c \"export --aws --format "
            + "credential-process\" in ~/.aws/config uses them directly).",
          command: "export --aws --format dotenv"),
      ]),
  ]

  static func find(_ name: String) -> Walkthrough? { all.first { $0.name == name } }

  /// Two steps several walkthroughs start with: a user whose password is already permanent.
  static func userWithPassword(why: String) -> [Walkthrough.Step] {
    [
      .init(
        why: why,
        command: "admin-create-user {user} --temporary-password {temp} --attribute email={user} --suppress-message"),
      .init(
        why: "AdminSetUserPassword with --permanent: the user skips NEW_PASSWORD_REQUIRED and can sign in at once.",
        command: "admin-set-user-password {user} {password} --permanent"),
    ]
  }
}

/// `walkthrough [NAME] [--auto]`.
enum WalkthroughCommand {
  enum Answer { case run, skip, quit }

  /// Asks what to do with a step until the answer is one of the three. Ctrl-C cancels back to the
  /// shell's prompt; end of input quits.
  static func ask() throws -> Answer {
    while true {
      Printer.write("[Enter] run  [s] skip  [q] quit: ", fd: STDOUT_FILENO)
      guard let line = try BoundedInput.line(fd: STDIN_FILENO, what: "the answer") else {
        Printer.write("\n", fd: STDOUT_FILENO)
        if Interrupt.isRaised { throw CognitoError.interrupted }
        return .quit
      }
      switch line.trimmingCharacters(in: .whitespaces).lowercased() {
      case "": return .run
      case "s", "skip": return .skip
      case "q", "quit": return .quit
      default: Printer.write("Enter runs the step; s skips it; q leaves the walkthrough.\n", fd: STDOUT_FILENO)
      }
    }
  }

  static let spec = CommandSpec(
    name: "walkthrough", group: "Shell", summary: "guided flows, step by step (list them with no name)",
    params: [Param("NAME", optional: true, completion: .choices(Walkthroughs.all.map(\.name)))],
    flags: [
      Flag("auto", help: "run every step without waiting (the default in a script)"),
      Flag("user", value: "NAME", help: "the trainee's username (default: a new trainee-…@example.com)"),
      Flag("password", value: "P", secret: true, help: "the trainee's password (default: a new one)"),
    ],
    handler: { args, ctx in
      guard let name = args["NAME"] else {
        ctx.printer.result(.array(Walkthroughs.all.map { .string($0.name) })) {
          Table.render(Walkthroughs.all.map { ($0.name, $0.summary) })
        }
        return .proceed
      }
      guard let w = Walkthroughs.find(name) else {
        throw UsageError.invalidChoice(name, for: "walkthrough", choices: Walkthroughs.all.map(\.name))
      }
      if w.sandboxOnly, try ctx.configuration.settings().isSandbox != true {
        throw CommandError(
          "the \(name) walkthrough changes the pool's settings", hint: "Run it on the sandbox: cogsh --sandbox.")
      }
      let tag = String(UUID().uuidString.prefix(6)).lowercased()
      let values = [
        "{user}": args.flag("user") ?? "trainee-\(tag)@example.com", "{temp}": "temporary-\(tag)",
        "{password}": args.flag("password") ?? "password-\(tag)",
      ]
      let auto = args.has("auto") || !ctx.interactive
      let runner = Runner(ctx: ctx)
      for (n, step) in w.steps.enumerated() {
        let command = values.reduce(step.command) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        ctx.printer.note("")
        ctx.printer.note("step \(n + 1)/\(w.steps.count)" + (step.why.isEmpty ? "" : ": \(step.why)"))
        ctx.printer.note("  > \(command)")
        if !auto {
          switch try WalkthroughCommand.ask() {
          case .run: break
          case .skip: continue
          case .quit:
            ctx.printer.note("walkthrough \(name) left at step \(n + 1)")
            return .proceed
          }
        }
        switch runner.run(command) {
        case .ok: continue
        case .quit: return .quit
        case .failed:
          throw CommandError(
            "the walkthrough stopped at step \(n + 1)", hint: "Fix what the error says and run it again.")
        }
      }
      ctx.printer.note("")
      ctx.printer.note("walkthrough \(name) done")
      return .proceed
    })
}
