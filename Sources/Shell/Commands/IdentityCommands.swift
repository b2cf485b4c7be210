import Auth
import Basics
import Foundation

/// `identity id|credentials|describe|whoami`: from a user-pool token to AWS credentials.
enum IdentityCommands {
  static let guest = Flag("guest", help: "as a guest (an unauthenticated identity), without the user's id token")

  static let identity = CommandSpec(
    name: "identity", group: "Tokens", summary: "the identity pool: an identity id, AWS credentials, who AWS sees",
    subcommands: [
      CommandSpec(
        "identity", "id", summary: "GetId: the identity of the current user (Logins: the id token) or of a guest",
        flags: [guest],
        handler: { args, ctx in
          let id = try ctx.account.identityId(guest: args.has("guest"))
          ctx.printer.result(.object(["IdentityId": .string(id)])) { "identity \(id)" }
          return .proceed
        }),
      CommandSpec(
        "identity", "credentials",
        summary: "AWS credentials for the identity: GetCredentialsForIdentity, or --basic (GetOpenIdToken + STS)",
        flags: [
          Flag("role-arn", value: "ARN", help: "the role to ask for (CustomRoleArn; with --basic, the role assumed)"),
          Flag("basic", help: "the basic flow: GetOpenIdToken, then STS AssumeRoleWithWebIdentity"), guest,
        ],
        details: "The credentials are kept beside the tokens; `export --aws` prints them for the AWS CLI and SDKs.",
        handler: { args, ctx in
          let r = try ctx.account.identityCredentials(
            roleArn: args.flag("role-arn"), basic: args.has("basic"), guest: args.has("guest"))
          show(r, ctx: ctx)
          return .proceed
        }),
      CommandSpec(
        "identity", "describe", summary: "DescribeIdentityPool and GetIdentityPoolRoles (needs AWS credentials)",
        handler: { _, ctx in
          let pool = try ctx.account.describeIdentityPool()
          ctx.printer.result(pool.raw) {
            var rows: [(String, String)] = [
              ("pool", pool.id), ("name", pool.name ?? "-"), ("guests", pool.allowsGuests ? "allowed" : "not allowed"),
            ]
            for p in pool.providers { rows.append(("provider", "\(p.name) (client \(p.clientId))")) }
            for (kind, arn) in pool.roles ?? [] { rows.append(("role (\(kind))", arn)) }
            if pool.roles == nil { rows.append(("roles", "not read (GetIdentityPoolRoles refused or not served)")) }
            return Table.render(rows)
          }
          return .proceed
        }),
      CommandSpec(
        "identity", "whoami", summary: "STS GetCallerIdentity with the identity's credentials: the ARN AWS sees",
        flags: [guest],
        handler: { args, ctx in
          let who = try ctx.account.identityWhoAmI(guest: args.has("guest"))
          ctx.printer.result(
            .object([
              "Arn": .string(who.arn), "Account": who.account.map { .string($0) } ?? .null,
              "UserId": who.userId.map { .string($0) } ?? .null,
            ])
          ) { Table.render([("arn", who.arn), ("account", who.account ?? "-"), ("user id", who.userId ?? "-")]) }
          return .proceed
        }),
    ])

  static func show(_ r: IdentityReport, ctx: ShellContext) {
    let c = r.credentials
    let now = ctx.clock()
    let why: String
    if let role = c.roleArn, c.basic {
      why = "\(role) (assumed with STS AssumeRoleWithWebIdentity)"
    } else if let role = c.roleArn {
      why = "\(role) (asked for as CustomRoleArn; it must be among the token's cognito:roles)"
    } else if let preferred = r.preferredRole {
      why = "\(preferred) (cognito:preferred_role: the user's group with the highest precedence)"
    } else {
      why = c.guest ? "the pool's unauthenticated role" : "the pool's authenticated role (or its rules)"
    }
    ctx.printer.result(
      .object([
        "IdentityId": .string(c.identityId), "AccessKeyId": .string(c.accessKeyId),
        "Expiration": .number(c.expiration), "Role": c.roleArn.map { .string($0) } ?? .null,
        "Flow": .string(c.basic ? "basic" : "enhanced"),
      ])
    ) {
      var rows = [
        ("identity", c.identityId + (c.guest ? " (guest)" : "")), ("flow", c.basic ? "basic" : "enhanced"),
        ("role", why), ("access key", c.accessKeyId), ("expires", TimeText.expiry(c.expiration, now: now)),
      ]
      if !r.offeredRoles.isEmpty { rows.insert(("cognito:roles", r.offeredRoles.joined(separator: ", ")), at: 3) }
      if let arn = r.assumedRole { rows.append(("assumed", arn)) }
      return Table.render(rows) + "\nnext: identity whoami, or export --aws"
    }
  }

  /// `export --aws`: the identity's credentials for the AWS CLI and SDKs, renewed when near expiry.
  static func exportAWS(format: String, guest: Bool, ctx: ShellContext) throws {
    let c = try ctx.account.freshIdentity(guest: guest)
    let expiration = CivilDate.iso8601(epochSeconds: c.expiration)
    var values = [("AWS_ACCESS_KEY_ID", c.accessKeyId), ("AWS_SECRET_ACCESS_KEY", c.secretAccessKey)]
    if let token = c.sessionToken { values.append(("AWS_SESSION_TOKEN", token)) }
    switch format {
    case "sh":
      ctx.printer.plain(
        values.map { "export \($0.0)='\($0.1.replacingOccurrences(of: "'", with: "'\\''"))'" }.joined(separator: "\n"))
    case "dotenv": ctx.printer.plain(values.map { "\($0.0)=\($0.1)" }.joined(separator: "\n"))
    case "json":
      ctx.printer.json(
        JSON.object(
          Dictionary(values.map { ($0.0, JSON.string($0.1)) }) { a, _ in a }.merging([
            "AWS_CREDENTIAL_EXPIRATION": .string(expiration)
          ]) { a, _ in a }))
    case "credential-process":
      // The AWS CLI's credential_process contract: Version 1, the keys, and when they expire.
      var doc: [String: JSON] = [
        "Version": 1, "AccessKeyId": .string(c.accessKeyId), "SecretAccessKey": .string(c.secretAccessKey),
        "Expiration": .string(expiration),
      ]
      if let token = c.sessionToken { doc["SessionToken"] = .string(token) }
      ctx.printer.json(.object(doc))
    default:
      throw UsageError.invalidChoice(format, for: "format", choices: ["sh", "dotenv", "json", "credential-process"])
    }
  }
}
