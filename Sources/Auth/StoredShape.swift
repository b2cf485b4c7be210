import Basics
import Cognito

/// Which members of a stored JSON document are cogsh's own. A rewrite keeps the others — fields a
/// newer cogsh or a person added — as git keeps config it does not understand.
public indirect enum StoredShape: Sendable {
  /// A struct: these members are ours; any other member is kept as it was.
  case record([String: StoredShape])
  /// A dictionary keyed by data (users, profiles): entries removed are removed, entries kept are merged.
  case map(StoredShape)
  /// A plain value: ours entirely.
  case value

  /// `new`, plus what `old` has that this shape does not know.
  public func merge(old: JSON, new: JSON) -> JSON {
    switch (self, old, new) {
    case (.record(let fields), .object(let o), .object(var n)):
      for (key, value) in o {
        if let shape = fields[key] {
          if let mine = n[key] { n[key] = shape.merge(old: value, new: mine) }
        } else if n[key] == nil {
          n[key] = value
        }
      }
      return .object(n)
    case (.map(let entry), .object(let o), .object(var n)):
      for (key, value) in n { if let before = o[key] { n[key] = entry.merge(old: before, new: value) } }
      return .object(n)
    default:
      return new
    }
  }

  static func fields(_ names: [String], _ nested: [String: StoredShape] = [:]) -> StoredShape {
    .record(Dictionary(uniqueKeysWithValues: names.map { ($0, nested[$0] ?? .value) }))
  }

  /// `profiles.json`.
  public static let profileBook = fields(["current", "profiles"], ["profiles": .map(profile)])
  public static let profile = fields(Setting.all.map(\.stored) + [Profile.sandboxField])
  /// `sessions/NAME.json`.
  public static let sessionState = fields(
    [
      "currentUser", "users", "challenge", "totpSecrets", "devices", "refreshAPIs", "sessionLifetimes", "clientTokens",
      "identities", "identityIds", "mailbox",
    ],
    [
      "users": .map(user), "challenge": challenge, "devices": .map(device), "clientTokens": .map(tokens),
      "identities": .map(identity), "identityIds": .value, "mailbox": .value,
    ])
  public static let identity = fields([
    "identityId", "accessKeyId", "secretAccessKey", "sessionToken", "expiration", "roleArn", "basic", "guest",
  ])
  public static let user = fields(
    ["username", "internalUsername", "sub", "tokens", "hosted", "issuedBy"], ["tokens": tokens])
  public static let tokens = fields(["idToken", "accessToken", "refreshToken", "tokenType", "expiresAt", "obtainedAt"])
  public static let challenge = fields([
    "name", "session", "parameters", "username", "loginName", "isAdmin", "receivedAt", "availableChallenges",
    "lifetime",
  ])
  public static let device = fields(["deviceKey", "groupKey", "password"])
}
