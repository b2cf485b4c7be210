import Auth
import Basics
import Cognito

/// The AdminXxx user commands and the pool's list/describe commands, declared as one table:
/// each entry names the action, how its words become the request, and how the answer reads.
enum PoolAdminCommands {
  static let all: [CommandSpec] = [
    user(
      "admin-get-user", "AdminGetUser", "a user's status and attributes",
      text: { r, _ in UserText.user(r) }),
    user(
      "admin-delete-user", "AdminDeleteUser", "delete a user", text: { _, a in "deleted \(try a.required("USERNAME"))" }
    ),
    user(
      "admin-set-user-password", "AdminSetUserPassword", "set a user's password (temporary unless --permanent)",
      params: [Param("PASSWORD", optional: true, secret: .value)],
      flags: [Flag("permanent", help: "the user need not change it at the next sign-in")],
      extra: { a, ctx in
        let password = try ctx.secret(
          a["PASSWORD"], prompt: "New password for \(try a.required("USERNAME")): ", what: "PASSWORD",
          command: "admin-set-user-password", usage: "admin-set-user-password USERNAME PASSWORD [--permanent]")
        return ["Password": .string(password), "Permanent": .bool(a.has("permanent"))]
      },
      text: { _, a in
        "password set for \(try a.required("USERNAME"))" + (a.has("permanent") ? " (permanent)" : " (temporary)")
      }),
    user(
      "admin-confirm-sign-up", "AdminConfirmSignUp", "confirm a user's sign-up without a code",
      text: { _, a in "confirmed \(try a.required("USERNAME"))" }),
    user(
      "admin-disable-user", "AdminDisableUser", "disable a user",
      text: { _, a in "disabled \(try a.required("USERNAME"))" }),
    user(
      "admin-enable-user", "AdminEnableUser", "enable a user", text: { _, a in "enabled \(try a.required("USERNAME"))" }
    ),
    user(
      "admin-reset-user-password", "AdminResetUserPassword", "require a password reset (a code is sent)",
      text: { _, a in "password reset required for \(try a.required("USERNAME"))" }),
    user(
      "admin-user-global-sign-out", "AdminUserGlobalSignOut", "sign a user out of every device",
      text: { _, a in "signed out \(try a.required("USERNAME")) everywhere" }),
    user(
      "admin-add-user-to-group", "AdminAddUserToGroup", "add a user to a group", params: [Param("GROUP")],
      extra: { a, _ in ["GroupName": .string(try a.required("GROUP"))] },
      text: { _, a in "added \(try a.required("USERNAME")) to \(try a.required("GROUP"))" }),
    user(
      "admin-remove-user-from-group", "AdminRemoveUserFromGroup", "remove a user from a group",
      params: [Param("GROUP")], extra: { a, _ in ["GroupName": .string(try a.required("GROUP"))] },
      text: { _, a in "removed \(try a.required("USERNAME")) from \(try a.required("GROUP"))" }),
    user(
      "admin-list-groups-for-user", "AdminListGroupsForUser", "the groups a user belongs to",
      text: { r, _ in UserText.groups(r) }),
    listUsers,
    pool("list-groups", "ListGroups", "the pool's groups", text: { r in UserText.groups(r) }),
    pool("describe-user-pool", "DescribeUserPool", "the pool's settings", text: { r in r.serialized(pretty: true) }),
    pool(
      "describe-user-pool-client", "DescribeUserPoolClient", "the app client's settings",
      extra: { ctx in ["ClientId": .string(try ctx.configuration.clientId())] },
      text: { r in r.serialized(pretty: true) }),
  ]

  /// A command on one user of the current pool: `NAME USERNAME [more]`.
  static func user(
    _ name: String, _ action: String, _ summary: String, params: [Param] = [], flags: [Flag] = [],
    extra: @escaping @Sendable (Arguments, ShellContext) throws -> [String: JSON] = { _, _ in [:] },
    text: @escaping @Sendable (JSON, Arguments) throws -> String
  ) -> CommandSpec {
    CommandSpec(
      name: name, group: "Administration", summary: "\(summary) (\(action))",
      params: [Param("USERNAME", completion: .users)] + params,
      flags: flags + (Operations.takesClientMetadata.contains(action) ? [.clientMetadata] : []),
      handler: { args, ctx in
        var body: [String: JSON] = [
          "UserPoolId": .string(try ctx.configuration.poolId()), "Username": .string(try args.required("USERNAME")),
        ]
        for (k, v) in try extra(args, ctx) { body[k] = v }
        let response = try ctx.account.call(Action(action), .object(body))
        let shown = try text(response, args)
        ctx.printer.result(response) { shown }
        return .proceed
      })
  }

  /// A command on the current pool itself.
  static func pool(
    _ name: String, _ action: String, _ summary: String,
    extra: @escaping @Sendable (ShellContext) throws -> [String: JSON] = { _ in [:] },
    text: @escaping @Sendable (JSON) -> String
  ) -> CommandSpec {
    CommandSpec(
      name: name, group: "Administration", summary: "\(summary) (\(action))",
      handler: { _, ctx in
        var body: [String: JSON] = ["UserPoolId": .string(try ctx.configuration.poolId())]
        for (k, v) in try extra(ctx) { body[k] = v }
        let response = try ctx.account.call(Action(action), .object(body))
        ctx.printer.result(response) { text(response) }
        return .proceed
      })
  }

  static let listUsers = CommandSpec(
    name: "list-users", group: "Administration", summary: "the pool's users, page by page (ListUsers)",
    flags: [
      Flag("filter", value: "EXPR", help: "a ListUsers filter, e.g. 'email ^= \"taro\"'"),
      Flag("limit", value: "N", help: "at most N users (default: all)"),
    ],
    handler: { args, ctx in
      var limit = Int.max
      if let l = args.flag("limit") {
        guard let n = Int(l), n > 0 else {
          throw UsageError.invalidOption("list-users: --limit takes a positive number")
        }
        limit = n
      }
      // Text for a person streams, each page printed as it arrives, so 10,000 users show at once and are
      // not all held; json, table, --query and filters need the whole list, so they collect it.
      let streaming = ctx.printer.mode == .text && ctx.printer.capture == nil
      let progress = ProgressLine.onStderr()
      defer { progress.clear() }
      var users: [JSON] = []
      var (count, pages, widths) = (0, 0, [Int]())
      var token: String?
      repeat {
        if Interrupt.isRaised { throw CognitoError.interrupted }
        var body: [String: JSON] = [
          "UserPoolId": .string(try ctx.configuration.poolId()), "Limit": .number(Double(min(60, limit - count))),
        ]
        if let f = args.flag("filter") { body["Filter"] = .string(f) }
        if let token { body["PaginationToken"] = .string(token) }
        let page = try ctx.account.call(.listUsers, .object(body))
        let got = Array((page["Users"]?.arrayValue ?? []).prefix(limit - count))
        (count, pages) = (count + got.count, pages + 1)
        token = page["PaginationToken"]?.stringValue
        if streaming {
          progress.clear()
          if !got.isEmpty {
            ctx.printer.plain(
              Table.columns((pages == 1 ? [UserText.header] : []) + got.map(UserText.row), widths: &widths))
          }
        } else {
          users += got
        }
        if token != nil && count < limit { progress.show("listing users: \(count) so far, page \(pages)") }
      } while token != nil && count < limit
      progress.clear()
      if streaming {
        ctx.printer.plain(count == 0 ? "no users" : Table.count(count, "user"))
      } else {
        ctx.printer.result(.object(["Users": .array(users)])) { UserText.userList(users, width: ctx.printer.columns()) }
      }
      return .proceed
    })
}

/// How user records read as text.
enum UserText {
  static func attributes(_ list: JSON?) -> [(String, String)] {
    (list?.arrayValue ?? []).compactMap { a in
      guard let n = a["Name"]?.stringValue, let v = a["Value"]?.stringValue else { return nil }
      return ("  " + n, v)
    }
  }

  static func user(_ r: JSON) -> String {
    var rows: [(String, String)] = [
      ("username", r["Username"]?.stringValue ?? "?"), ("status", r["UserStatus"]?.stringValue ?? "?"),
      ("enabled", r["Enabled"].map { $0 == .bool(true) ? "yes" : "no" } ?? "?"),
    ]
    if let mfa = r["UserMFASettingList"]?.arrayValue, !mfa.isEmpty {
      rows.append(("mfa", mfa.compactMap(\.stringValue).joined(separator: ", ")))
    }
    rows.append(("attributes", ""))
    return Table.render(rows + attributes(r["UserAttributes"]))
  }

  static func userList(_ users: [JSON], width: Int? = nil) -> String {
    if users.isEmpty { return "no users" }
    return Table.columns([header] + users.map(row), fit: width, flexible: [0, 2]) + "\n"
      + Table.count(users.count, "user")
  }

  /// The list's column names.
  static let header = ["username", "status", "email"]

  /// A user as a row of the list: username, status, email.
  static func row(_ u: JSON) -> [String] {
    let email = u["Attributes"]?.arrayValue?.first { $0["Name"]?.stringValue == "email" }?["Value"]?.stringValue
    return [u["Username"]?.stringValue ?? "?", u["UserStatus"]?.stringValue ?? "?", email ?? ""]
  }

  static func groups(_ r: JSON) -> String {
    let names = (r["Groups"]?.arrayValue ?? []).compactMap { $0["GroupName"]?.stringValue }
    return names.isEmpty ? "no groups" : names.joined(separator: "\n") + "\n" + Table.count(names.count, "group")
  }
}
