import Auth
import Basics
import Cognito

/// admin-create-user and the generic `call`.
enum AdminCommands {
  static let all: [CommandSpec] = [adminCreateUser, call]

  static let adminCreateUser = CommandSpec(
    name: "admin-create-user", group: "Administration", summary: "create a user as an administrator (AdminCreateUser)",
    params: [Param("USERNAME", completion: .users)],
    flags: [
      Flag("temporary-password", value: "P", secret: .value, help: "the temporary password (else Cognito makes one)"),
      .userAttribute,
      Flag("suppress-message", help: "do not send the invitation message"),
      .clientMetadata,
    ],
    handler: { args, ctx in
      let username = try args.required("USERNAME")
      var body: [String: JSON] = ["UserPoolId": .string(try ctx.configuration.poolId()), "Username": .string(username)]
      if let p = args.flag("temporary-password") { body["TemporaryPassword"] = .string(p) }
      let attributes = try NameValuePairs.attributes(args)
      if !attributes.isEmpty { body["UserAttributes"] = Attributes.list(attributes) }
      if args.has("suppress-message") { body["MessageAction"] = "SUPPRESS" }
      let response = try ctx.account.call(.adminCreateUser, .object(body))
      if args.flag("temporary-password") != nil {
        // The invitation a real pool sends (unless suppressed) carries the temporary password. It was typed
        // here, and a password is never written to a file, so the mailbox says which one it is.
        try ctx.account.deliver(
          MailMessage(
            to: username, subject: "temporary password", code: "(the one given with --temporary-password)",
            at: ctx.clock(), note: args.has("suppress-message") ? "suppressed: a real pool would not have sent it" : nil
          ))
      }
      ctx.printer.result(response) {
        let user = response["User"]
        let status = user?["UserStatus"]?.stringValue ?? "?"
        let sub = user?["Attributes"]?.arrayValue?.first { $0["Name"]?.stringValue == "sub" }?["Value"]?.stringValue
        return "created \(username) (\(status))" + (sub.map { ", sub \($0)" } ?? "")
      }
      if args.flag("temporary-password") == nil {
        ctx.printer.note(
          "note: Cognito made the temporary password and "
            + (args.has("suppress-message") ? "sent it to nobody" : "sent it in the invitation")
            + "; cogsh cannot see it. Set one with `admin-set-user-password \(username) PASSWORD`.")
      }
      return .proceed
    })

  static let call = CommandSpec(
    name: "call", group: "Administration",
    summary: "call any cognito-idp action with a JSON body; signed when the action needs it",
    params: [Param("ACTION", completion: .actions), Param("JSON", optional: true)],
    details:
      "Example: call DescribeUserPool \"{\\\"UserPoolId\\\":\\\"$POOL_ID\\\"}\" — in double quotes $VARIABLES expand (escape the inner quotes); in single quotes nothing does: call DescribeUserPool '{\"UserPoolId\":\"us-east-1_AbC\"}'.",
    secretWords: { $0.count > 1 },  // any body may hold a password, code, token or answer
    handler: { args, ctx in
      let action = try args.required("ACTION")
      guard Operations.isWellFormed(action) else {
        throw UsageError.invalidOption("call: \"\(action)\" is not an action name (PascalCase, e.g. DescribeUserPool)")
      }
      // Not sent: the service would answer an unknown action with an HTTP 500 that is retried.
      guard Operations.all.contains(action) else {
        throw UsageError.unknownOperation(action, suggestion: Registry.nearest(action, in: Operations.all))
      }
      let body: JSON
      do {
        body = try JSON.parse(args["JSON"] ?? "{}")
      } catch {
        throw CommandError(
          "call: the body is not JSON (\(Printer.describe(error).0))",
          hint: "The shell takes the quotes off unquoted JSON: put it in single quotes, '{\"Key\":\"value\"}', "
            + "or in double quotes with \\\" inside to expand $VARIABLES.")
      }
      guard case .object(var members) = body else { throw CommandError("call: the body must be a JSON object") }
      // What the action requires and the profile knows is filled in when left out, and said.
      var filled: [String] = []
      if Operations.requiresPool.contains(action), members["UserPoolId"] == nil,
        let pool = try? ctx.configuration.poolId()
      {
        members["UserPoolId"] = .string(pool)
        filled.append("UserPoolId")
      }
      if Operations.requiresPoolAndClient.contains(action), members["ClientId"] == nil,
        let client = try? ctx.configuration.clientSettings().clientId
      {
        members["ClientId"] = .string(client)
        filled.append("ClientId")
      }
      if !filled.isEmpty { ctx.printer.diagnostic("note: \(filled.joined(separator: " and ")) from the profile") }
      let response = try ctx.account.call(Action(action), .object(members))
      ctx.printer.result(response) { response.serialized(pretty: true) }
      return .proceed
    })
}
