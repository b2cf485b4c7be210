import Basics
import Cognito

/// One value a profile holds, declared once: `set` and `unset`, the command line's options, the
/// environment variables, completion, the manual page and profiles.json all derive from its row.
public struct Setting: Sendable {
  /// The word `set` takes and, with `--` before it, the command line's option.
  public let key: String
  /// The field's name in profiles.json.
  public let stored: String
  /// What the value looks like (`ID`, `URL`), for usage lines.
  public let placeholder: String
  public let summary: String
  /// Variables that give the value beneath the command line, in the order they are looked at.
  public let environment: [String]
  /// Kept out of history and recordings, and shown only as "(set)".
  public let isSecret: Bool
  /// The values there are, when they are few.
  public let choices: [String]?
  private let read: @Sendable (Profile) -> String?
  private let write: @Sendable (inout Profile, String?, _ checked: Bool) throws -> Void
  private let copy: @Sendable (Profile, inout Profile) -> Void

  /// A setting held in `field`, read from text by `parse` and written back by `show`.
  public init<Value: Sendable>(
    _ key: String, stored: String, _ field: WritableKeyPath<Profile, Value?> & Sendable, placeholder: String,
    summary: String, environment: [String]? = nil, isSecret: Bool = false, choices: [String]? = nil,
    parse: @escaping @Sendable (String) throws -> Value, show: @escaping @Sendable (Value) -> String,
    check: @escaping @Sendable (Value) throws -> Void = { _ in }
  ) {
    self.key = key
    self.stored = stored
    self.placeholder = placeholder
    self.summary = summary
    self.environment = environment ?? [Self.variable(for: key)]
    self.isSecret = isSecret
    self.choices = choices
    read = { p in p[keyPath: field].map(show) }
    write = { p, text, checked in
      p[keyPath: field] = try text.map { t in
        let v = try parse(t)
        if checked { try check(v) }
        return v
      }
    }
    copy = { from, to in if let v = from[keyPath: field] { to[keyPath: field] = v } }
  }

  /// A setting whose value is any text that `check` accepts.
  public init(
    _ key: String, stored: String, _ field: WritableKeyPath<Profile, String?> & Sendable, placeholder: String,
    summary: String, environment: [String]? = nil, isSecret: Bool = false,
    check: @escaping @Sendable (String) throws -> Void = { _ in }
  ) {
    self.init(
      key, stored: stored, field, placeholder: placeholder, summary: summary, environment: environment,
      isSecret: isSecret, parse: { $0 }, show: { $0 }, check: check)
  }

  /// A setting whose value is one of an enumeration's raw values.
  public init<Value: RawRepresentable & CaseIterable & Sendable>(
    _ key: String, stored: String, _ field: WritableKeyPath<Profile, Value?> & Sendable, placeholder: String,
    summary: String, environment: [String]? = nil
  ) where Value.RawValue == String {
    let names = Value.allCases.map(\.rawValue)
    self.init(
      key, stored: stored, field, placeholder: placeholder, summary: summary,
      environment: environment, choices: names,
      parse: { text in
        guard let v = Value(rawValue: text) else { throw SettingError.invalidChoice(text, key: key, choices: names) }
        return v
      }, show: \.rawValue)
  }

  /// The value in `profile`, as `set` takes it.
  public func value(in profile: Profile) -> String? { read(profile) }

  /// Puts `text` (checked) into `profile`, or takes the value out when nil.
  public func assign(_ text: String?, to profile: inout Profile) throws { try write(&profile, text, true) }

  /// Puts `text` as stored into `profile`: typed, but not held to the checks of a value typed now, so a
  /// file written before a check existed still reads.
  func load(_ text: String, into profile: inout Profile) throws { try write(&profile, text, false) }

  /// Copies the value from `source` into `target` when `source` has one.
  func overlay(_ source: Profile, onto target: inout Profile) { copy(source, &target) }

  /// `COGSH_POOL_ID` for `pool-id`.
  static func variable(for key: String) -> String {
    "COGSH_" + key.uppercased().replacingOccurrences(of: "-", with: "_")
  }
}

extension Setting {
  /// Every setting, in the order `profile show` lists them.
  public static let all: [Setting] = [
    Setting(
      "pool-id", stored: "poolId", \.poolId, placeholder: "ID", summary: "the user pool ID",
      environment: ["COGSH_POOL_ID", "COGNITO_USER_POOL_ID"],
      check: { v in
        guard v.contains("_") else {
          throw SettingError.invalid(
            "invalid pool id \"\(v)\"", hint: "A pool id looks like eu-west-1_AbCdEf123.")
        }
      }),
    Setting(
      "client-id", stored: "clientId", \.clientId, placeholder: "ID", summary: "the app client ID",
      environment: ["COGSH_CLIENT_ID", "COGNITO_CLIENT_ID"]),
    Setting(
      "client-secret", stored: "clientSecret", \.clientSecret, placeholder: "S",
      summary: "the app client's secret, when it has one (kept out of the history)",
      environment: ["COGSH_CLIENT_SECRET", "COGNITO_CLIENT_SECRET"], isSecret: true),
    Setting(
      "region", stored: "region", \.region, placeholder: "R",
      summary:
        "the AWS region to address; the pool id's own when unset, another one addresses the pool's replica there"),
    Setting(
      "endpoint-url", stored: "endpointURL", \.endpointURL, placeholder: "URL",
      summary:
        "the user pool endpoint, when not AWS's (moto, a proxy); identity pools and STS use AWS_ENDPOINT_URL_COGNITO_IDENTITY, AWS_ENDPOINT_URL_STS or AWS_ENDPOINT_URL (the sandbox serves all three)",
      check: Endpoint.validate),
    Setting(
      "flow", stored: "flow", \.flow, placeholder: "FLOW",
      summary: "the sign-in flow login uses when given none: srp, password, admin, custom or user-auth"),
    Setting(
      "output", stored: "output", \.output, placeholder: "MODE",
      summary: "text, json or table (default: the profile's, else text)"),
    Setting(
      "auto-refresh", stored: "autoRefresh", \.autoRefresh, placeholder: "on|off",
      summary: "on: tokens with under a minute left are refreshed before a command that sends them",
      choices: ["on", "off"],
      parse: { text in
        guard text == "on" || text == "off" else {
          throw SettingError.invalidChoice(text, key: "auto-refresh", choices: ["on", "off"])
        }
        return text == "on"
      }, show: { $0 ? "on" : "off" }),
    Setting(
      "domain", stored: "domain", \.domain, placeholder: "URL",
      summary: "the pool's managed-login domain, for login --hosted", environment: ["COGSH_DOMAIN", "COGNITO_DOMAIN"],
      check: Endpoint.validate),
    Setting(
      "redirect-uri", stored: "redirectURI", \.redirectURI, placeholder: "URL",
      summary: "where managed login sends the browser back (a callback URL of the app client)",
      check: Endpoint.validate),
    Setting(
      "identity-pool-id", stored: "identityPoolId", \.identityPoolId, placeholder: "ID",
      summary: "the identity pool ID, for identity commands",
      environment: ["COGSH_IDENTITY_POOL_ID", "COGNITO_IDENTITY_POOL_ID"],
      check: { v in
        guard v.split(separator: ":").count == 2 else {
          throw SettingError.invalid(
            "invalid identity pool id \"\(v)\"", hint: "An identity pool id looks like eu-west-1:0a1b2c3d-….")
        }
      }),
  ]

  /// The setting `key` names, or an error listing the keys there are.
  public static func named(_ key: String, in table: [Setting] = all) throws -> Setting {
    guard let s = table.first(where: { $0.key == key }) else {
      throw SettingError.invalidChoice(key, key: "setting", choices: table.map(\.key))
    }
    return s
  }

  /// The values the environment gives, beneath the command line's: for each setting, the first of
  /// its variables that is set and not empty.
  public static func fromEnvironment(_ env: [String: String], table: [Setting] = all) throws -> Profile {
    var p = Profile()
    for s in table {
      guard let name = s.environment.first(where: { env[$0]?.isEmpty == false }), let v = env[name] else { continue }
      // The refusal names the variable: nothing on the command line shows where the value came from.
      do {
        try s.assign(v, to: &p)
      } catch SettingError.invalidChoice(let value, _, let choices) {
        throw SettingError.invalidChoice(value, key: name, choices: choices)
      } catch SettingError.invalid(let message, let hint) {
        throw SettingError.invalid("\(name): \(message)", hint: hint)
      }
    }
    return p
  }
}

/// A value a setting does not take: the words are the user's, and `set`, the command line and the
/// environment say them alike.
public enum SettingError: UserFacingError, Equatable {
  /// A value not among `choices` (a usage mistake).
  case invalidChoice(String, key: String, choices: [String])
  /// A value of the wrong shape, with what the right one looks like.
  case invalid(String, hint: String)

  public var message: String {
    switch self {
    case .invalidChoice(let v, let key, let choices):
      return "invalid \(key) \"\(v)\" (expected \(choices.joined(separator: ", ")))"
    case .invalid(let message, _): return message
    }
  }

  public var hint: String? {
    if case .invalid(_, let hint) = self { return hint }
    return nil
  }
}
