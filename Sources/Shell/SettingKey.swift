import Session

/// The keys `set` and `unset` take, each mapped to a profile field.
public enum SettingKey: String, CaseIterable, Sendable {
  /// The key named `name`, or a usage error listing the keys there are.
  static func named(_ name: String) throws -> SettingKey {
    guard let key = SettingKey(rawValue: name) else {
      throw UsageError.invalidChoice(name, for: "setting", choices: allCases.map(\.rawValue))
    }
    return key
  }

  case poolId = "pool-id"
  case clientId = "client-id"
  case clientSecret = "client-secret"
  case region
  case endpointURL = "endpoint-url"
  case flow
  case output
  case autoRefresh = "auto-refresh"
  case domain
  case redirectURI = "redirect-uri"
  case identityPoolId = "identity-pool-id"

  var isSecret: Bool { self == .clientSecret }

  func get(_ p: Profile) -> String? {
    switch self {
    case .poolId: return p.poolId
    case .clientId: return p.clientId
    case .clientSecret: return p.clientSecret
    case .region: return p.region
    case .endpointURL: return p.endpointURL
    case .flow: return p.flow
    case .output: return p.output
    case .autoRefresh: return p.autoRefresh
    case .domain: return p.domain
    case .redirectURI: return p.redirectURI
    case .identityPoolId: return p.identityPoolId
    }
  }

  func set(_ p: inout Profile, _ value: String?) {
    switch self {
    case .poolId: p.poolId = value
    case .clientId: p.clientId = value
    case .clientSecret: p.clientSecret = value
    case .region: p.region = value
    case .endpointURL: p.endpointURL = value
    case .flow: p.flow = value
    case .output: p.output = value
    case .autoRefresh: p.autoRefresh = value
    case .domain: p.domain = value
    case .redirectURI: p.redirectURI = value
    case .identityPoolId: p.identityPoolId = value
    }
  }
}

/// Sign-in flows `login --flow` knows.
public enum LoginFlow: String, CaseIterable, Sendable {
  case srp
  case password
  case admin
  case custom
  case userAuth = "user-auth"

  /// SRP on a real pool (the password never leaves the machine); the sandbox keeps to password,
  /// since moto does not check SRP proofs and the article's flow is USER_PASSWORD_AUTH.
  static func defaultFlow(for profile: Profile) -> LoginFlow { profile.isSandbox == true ? .password : .srp }

  /// The flow as Session starts it; `preferred` and `srp` are login's --preferred and --srp.
  func initiateFlow(preferred: String?, srp: Bool) -> InitiateFlow {
    switch self {
    case .srp: return .srp
    case .password: return .password
    case .admin: return .admin
    case .custom: return .custom(srp: srp)
    case .userAuth: return .userAuth(preferred: preferred)
    }
  }
}
