import Auth
import Basics
import Foundation

/// status, set, unset, profile.
enum ContextCommands {
  static let all: [CommandSpec] = [status, SettingCommands.set, SettingCommands.unset, profile]

  /// What the status row adds to a region chosen over another.
  static func regionRemark(_ choice: RegionChoice) -> String {
    switch choice {
    case .poolsOwn(_, _, let configured): return " (the pool's; not the configured \(configured))"
    case .replica(_, _, let home): return " (a replica: the pool's own is \(home))"
    }
  }

  static let status = CommandSpec(
    name: "status", group: "Context",
    summary: "profile, endpoint, pool, client, current user, pending challenge, token lifetimes",
    handler: { _, ctx in
      let s = try ctx.configuration.settings()
      let name = try ctx.configuration.profileName()
      let state = try ctx.account.state()
      let now = ctx.clock()
      // Said here in the region's row, not as a note: status sends nothing.
      let endpoint = try? ctx.configuration.endpoint(quietly: true)
      let choice = try? ctx.configuration.regionChoice()
      // Which source supplied the credentials and until when, as `aws configure list` tells it.
      let found = Result { try ctx.configuration.requireCredentials() }
      let creds = try? found.get()
      let credentialText: String
      switch found {
      case .success(let c?):
        credentialText = c.source + (c.expiration.map { ", " + TimeText.expiry($0, now: now) } ?? "")
      case .success(nil): credentialText = "none (admin commands need them)"
      case .failure(let error): credentialText = Printer.describe(error).0
      }
      var json: [String: JSON] = [
        "profile": .string(name),
        "endpoint": endpoint.map { .string($0.url) } ?? .null,
        "region": s.region.map { .string($0) } ?? .null,
        "poolRegion": (choice.flatMap { $0 }?.poolRegion ?? s.region).map { .string($0) } ?? .null,
        "poolId": s.poolId.map { .string($0) } ?? .null,
        "clientId": s.clientId.map { .string($0) } ?? .null,
        "clientSecret": .bool(s.clientSecret != nil),
        "credentials": creds.map { .string($0.source) } ?? .null,
        "credentialsExpireAt": creds?.expiration.map { .number($0) } ?? .null,
        "sandbox": .bool(s.isSandbox == true),
        "domain": s.domain.map { .string($0) } ?? .null,
        "identityPoolId": s.identityPoolId.map { .string($0) } ?? .null,
        "users": .array(state.users.keys.sorted().map { .string($0) }),
        "currentUser": state.currentUser.map { .string($0) } ?? .null,
      ]
      if let c = state.challenge {
        json["challenge"] = .object([
          "name": .string(c.name.rawValue), "username": .string(c.username),
          "secondsLeft": .number(Double(c.secondsLeft(now: now))),
          "availableChallenges": c.availableChallenges.map { .array($0.map { .string($0) }) } ?? .null,
        ])
      }
      if let u = state.current {
        json["accessTokenSecondsLeft"] = .number((u.tokens.expiresAt - now).rounded(.down))
      }
      ctx.printer.result(.object(json)) {
        var rows: [(String, String)] = [
          ("profile", name + (s.isSandbox == true ? " (sandbox)" : "")),
          ("endpoint", endpoint.map { "\($0.url)" } ?? "-"),
          (
            "region",
            (s.region ?? "-") + (choice.flatMap { $0 }.map(Self.regionRemark) ?? "")
          ),
          ("pool", s.poolId ?? "- (set pool-id ID)"),
          ("client", (s.clientId ?? "- (set client-id ID)") + (s.clientSecret != nil ? " (with secret)" : "")),
          ("credentials", credentialText),
          ("domain", s.domain ?? "- (set domain URL, or found in the pool's OpenID discovery at login --hosted)"),
          ("id pool", s.identityPoolId ?? "- (set identity-pool-id REGION:GUID)"),
          (
            "flow",
            (s.flow ?? LoginFlow.defaultFlow(for: s)).rawValue + (s.flow == nil ? " (login's default here)" : "")
          ),
        ]
        if let client = s.clientId, let api = state.refreshAPIs?[client] {
          rows.append(
            ("refresh", api.rawValue + (api == .getTokens ? " (the client rotates refresh tokens)" : " (no rotation)")))
        }
        if let u = state.current {
          rows.append(("user", u.username + (u.sub.map { " (sub \($0))" } ?? "")))
          rows.append(("tokens", "access " + TimeText.expiry(u.tokens.expiresAt, now: now)))
        } else {
          rows.append(("user", "nobody signed in"))
        }
        if state.users.count > 5 {
          rows.append(("users", "\(state.users.count) signed in here (`users` lists them)"))
        } else if state.users.count > 1 {
          rows.append(("users", state.users.keys.sorted().joined(separator: ", ")))
        }
        if let c = state.challenge {
          let left = c.secondsLeft(now: now)
          rows.append(
            (
              "challenge",
              left > 0
                ? "\(c.name) for \(c.loginName), \(left)s left of its Session; answer with `\(ChallengeHints.answeringCommand(c))`"
                : "\(c.name) for \(c.loginName), Session expired \(TimeText.duration(Double(-left))) ago; "
                  + "start again with `login \(c.loginName)`"
            ))
          if let offered = c.availableChallenges, !offered.isEmpty {
            rows.append(("offered", offered.joined(separator: ", ") + " (AvailableChallenges)"))
          }
        } else {
          rows.append(("challenge", "none"))
        }
        return Table.render(rows)
      }
      return .proceed
    })

  static let profileName = Param("NAME", completion: .profiles)

  /// NAME, checked as a profile name (it becomes part of a file name).
  static func name(_ args: Arguments) throws -> String {
    let n = try args.required("NAME")
    guard SessionStore.isValidProfileName(n) else { throw StoreError.invalidProfileName(n) }
    return n
  }

  /// NAME, which must be a saved profile.
  static func saved(_ args: Arguments, _ ctx: ShellContext) throws -> String {
    let name = try name(args)
    guard try ctx.store.profileBook().profiles[name] != nil else { throw StoreError.unknownProfile(name) }
    return name
  }

  static let profile = CommandSpec(
    name: "profile", group: "Context", summary: "list, show, save, use or delete named profiles",
    subcommands: [
      CommandSpec(
        "profile", "list", summary: "the saved profiles; * marks the one in use",
        handler: { _, ctx in
          let current = try ctx.configuration.profileName()
          let book = try ctx.store.profileBook()
          let names = Set(book.profiles.keys).union([current]).sorted()
          ctx.printer.result(.object(["current": .string(current), "profiles": .array(names.map { .string($0) })])) {
            // In columns: the name, then where it points (the pool, or the sandbox).
            Table.columns(
              names.map { n in
                let p = book.profiles[n]
                return [
                  (n == current ? "* " : "  ") + n,
                  p?.isSandbox == true ? "sandbox" : p?.poolId ?? (p == nil ? "(not saved)" : "-"),
                ]
              }) + "\n" + Table.count(names.count, "profile")
          }
          return .proceed
        }),
      CommandSpec(
        "profile", "show", summary: "a profile's values (the client secret is not shown)",
        params: [Param("NAME", optional: true, completion: .profiles)],
        handler: { args, ctx in
          let current = try ctx.configuration.profileName()
          let name = args["NAME"] ?? current
          let book = try ctx.store.profileBook()
          guard let p = book.profiles[name] ?? (name == current ? Profile() : nil) else {
            throw StoreError.unknownProfile(name)
          }
          let rows = Setting.all.map { k -> (String, String) in
            (k.key, k.isSecret ? (k.value(in: p) == nil ? "-" : "(set)") : k.value(in: p) ?? "-")
          }
          var json: [String: JSON] = ["name": .string(name)]
          for (k, v) in rows where v != "-" { json[k] = .string(v) }
          ctx.printer.result(.object(json)) { Table.render([("name", name)] + rows) }
          return .proceed
        }),
      CommandSpec(
        "profile", "save", summary: "save the settings in effect now under NAME", params: [profileName],
        handler: { args, ctx in
          let name = try name(args)
          let effective = try ctx.configuration.storedProfile().overlaid(with: ctx.configuration.overrides)
          try ctx.store.updateProfiles { $0.profiles[name] = effective }
          ctx.printer.note("saved profile \(name)")
          return .proceed
        }),
      CommandSpec(
        "profile", "use", summary: "switch to NAME (and make it the default for later runs)", params: [profileName],
        handler: { args, ctx in
          let name = try saved(args, ctx)
          try ctx.store.updateProfiles { $0.current = name }
          ctx.configuration.explicitProfile = nil
          ctx.configuration.overrides = Profile(output: ctx.configuration.overrides.output)
          ctx.printer.note("using profile \(name)")
          return .proceed
        }),
      CommandSpec(
        "profile", "delete", summary: "delete NAME and its stored session", params: [profileName],
        handler: { args, ctx in
          let name = try saved(args, ctx)
          try ctx.store.updateProfiles { b in
            b.profiles[name] = nil
            if b.current == name { b.current = "default" }
          }
          try ctx.store.deleteSession(name)
          if ctx.configuration.explicitProfile == name { ctx.configuration.explicitProfile = nil }
          ctx.printer.note("deleted profile \(name)")
          return .proceed
        }),
    ])
}
