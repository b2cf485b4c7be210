import Cognito
import Session

/// admin-create-user and the generic `call`.
enum AdminCommands {
  static let all: [CommandSpec] = [adminCreateUser, call]

  static let adminCreateUser = CommandSpec(
    name: "admin-create-user", group: "Administration", summary: "create a user as an administrator (AdminCreateUser)",
    params: [Param("USERNAME")],
    flags: [
      Flag("temporary-password", value: "P", secret: true, help: "the temporary password (else Cognito makes one)"),
      Flag("attribute", value: "NAME=VALUE", repeatable: true, help: "a user attribute, e.g. email=a@example.com"),
      Flag("suppress-message", help: "do not send the invitation message"),
    ],
    handler: { args, ctx in
      var body: [String: JSON] = ["UserPoolId": .string(try ctx.poolId()), "Username": .string(args["USERNAME"]!)]
      if let p = args.flag("temporary-password") { body["TemporaryPassword"] = .string(p) }
      if let attributes = try Pairs.userAttributes(args) { body["UserAttributes"] = attributes }
      if args.has("suppress-message") { body["MessageAction"] = "SUPPRESS" }
      let response = try ctx.client().call("AdminCreateUser", .object(body))
      ctx.printer.result(response.body) {
        let user = response.body["User"]
        let status = user?["UserStatus"]?.stringValue ?? "?"
        let sub = user?["Attributes"]?.arrayValue?.first { $0["Name"]?.stringValue == "sub" }?["Value"]?.stringValue
        return "created \(args["USERNAME"]!) (\(status))" + (sub.map { ", sub \($0)" } ?? "")
      }
      return .proceed
    })

  static let call = CommandSpec(
    name: "call", group: "Administration",
    summary: "call any cognito-idp action with a JSON body; signed when the action needs it",
    params: [Param("ACTION"), Param("JSON", optional: true)],
    details:
      "Example: call DescribeUserPool '{\"UserPoolId\":\"$POOL_ID\"}' — quote JSON in single quotes, or double quotes to expand variables.",
    secretWords: { $0.count > 1 },  // any body may hold a password, code, token or answer
    handler: { args, ctx in
      let action = args["ACTION"]!
      guard Operations.isWellFormed(action) else {
        throw UsageError.invalidOption("call: \"\(action)\" is not an action name (PascalCase, e.g. DescribeUserPool)")
      }
      let body = try JSON.parse(args["JSON"] ?? "{}")
      guard case .object = body else { throw CommandError("call: the body must be a JSON object") }
      let response = try ctx.client().call(action, body)
      ctx.printer.result(response.body) { response.body.serialized(pretty: true) }
      return .proceed
    })
}
