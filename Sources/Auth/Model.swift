import Basics
import Cognito

/// A named set of connection settings: which pool and app client, where, and how to sign in.
public struct Profile: Codable, Equatable, Sendable {
  public var poolId: String?
  public var clientId: String?
  /// Stored so SECRET_HASH can be computed; the file is 0600 like ~/.aws/credentials.
  public var clientSecret: String?
  public var region: String?
  public var endpointURL: String?
  /// The default sign-in flow for `login`.
  public var flow: LoginFlow?
  public var output: OutputMode?
  /// Whether tokens with under a minute left are refreshed before a command that sends the access token.
  public var autoRefresh: Bool?
  /// Whether this profile points at the local moto sandbox.
  public var isSandbox: Bool?
  /// The pool's domain for managed login and the OAuth2 endpoints (`https://PREFIX.auth.REGION.amazoncognito.com`).
  public var domain: String?
  /// Where managed login sends the browser back (a callback URL registered on the app client).
  public var redirectURI: String?
  /// The identity pool that trades the user's id token for AWS credentials (`REGION:GUID`).
  public var identityPoolId: String?

  public init(
    poolId: String? = nil, clientId: String? = nil, clientSecret: String? = nil, region: String? = nil,
    endpointURL: String? = nil, flow: LoginFlow? = nil, output: OutputMode? = nil, autoRefresh: Bool? = nil,
    isSandbox: Bool? = nil, domain: String? = nil, redirectURI: String? = nil, identityPoolId: String? = nil
  ) {
    self.identityPoolId = identityPoolId
    self.domain = domain
    self.redirectURI = redirectURI
    self.poolId = poolId
    self.clientId = clientId
    self.clientSecret = clientSecret
    self.region = region
    self.endpointURL = endpointURL
    self.flow = flow
    self.output = output
    self.autoRefresh = autoRefresh
    self.isSandbox = isSandbox
  }

  /// `other`'s values where it has them, ours elsewhere.
  public func overlaid(with other: Profile) -> Profile {
    var p = self
    for s in Setting.all { s.overlay(other, onto: &p) }
    p.isSandbox = other.isSandbox ?? isSandbox
    return p
  }

  /// The field that is not a setting: the sandbox's profile is made by the sandbox, not by `set`.
  static let sandboxField = "isSandbox"

  struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// Each setting is stored as the text `set` takes (`"autoRefresh": "on"`), so the file reads as the
  /// commands that made it. A value no setting takes (edited by hand) reads as unset: the rest of the
  /// file, every other profile with it, is not lost over one word.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: Key.self)
    self.init()
    for s in Setting.all {
      guard let text = try? c.decodeIfPresent(String.self, forKey: Key(stringValue: s.stored)) else { continue }
      try? s.load(text, into: &self)
    }
    isSandbox = try? c.decodeIfPresent(Bool.self, forKey: Key(stringValue: Self.sandboxField))
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.container(keyedBy: Key.self)
    for s in Setting.all {
      if let text = s.value(in: self) { try c.encode(text, forKey: Key(stringValue: s.stored)) }
    }
    if let isSandbox { try c.encode(isSandbox, forKey: Key(stringValue: Self.sandboxField)) }
  }
}

/// How results are written.
public enum OutputMode: String, Sendable, CaseIterable {
  case text
  case json
  /// The JSON result laid out as a table: an object's members as rows, a list of objects as columns.
  case table
}

/// Sign-in flows `login` knows.
public enum LoginFlow: String, CaseIterable, Sendable {
  case srp
  case password
  case admin
  case custom
  case userAuth = "user-auth"

  /// SRP on a real pool (the password never leaves the machine); the sandbox keeps to password,
  /// since moto does not check SRP proofs and the article's flow is USER_PASSWORD_AUTH.
  public static func defaultFlow(for profile: Profile) -> LoginFlow { profile.isSandbox == true ? .password : .srp }

  /// The flow as a sign-in starts it; `preferred` is the USER_AUTH factor asked for first.
  public func initiateFlow(preferred: String?, srp: Bool) -> InitiateFlow {
    switch self {
    case .srp: return .srp
    case .password: return .password
    case .admin: return .admin
    case .custom: return .custom(srp: srp)
    case .userAuth: return .userAuth(preferred: preferred)
    }
  }
}

/// The profiles file: every profile and which one is selected.
public struct ProfileBook: Codable, Equatable, Sendable {
  public var current: String
  public var profiles: [String: Profile]

  public init(current: String = "default", profiles: [String: Profile] = [:]) {
    self.current = current
    self.profiles = profiles
  }
}

/// The tokens of one signed-in user.
public struct Tokens: Codable, Equatable, Sendable {
  public var idToken: String?
  public var accessToken: String
  public var refreshToken: String?
  public var tokenType: String?
  /// Seconds since 1970 when the access token expires.
  public var expiresAt: Double
  public var obtainedAt: Double

  public init(
    idToken: String?, accessToken: String, refreshToken: String?, tokenType: String?, expiresAt: Double,
    obtainedAt: Double
  ) {
    self.idToken = idToken
    self.accessToken = accessToken
    self.refreshToken = refreshToken
    self.tokenType = tokenType
    self.expiresAt = expiresAt
    self.obtainedAt = obtainedAt
  }

  /// Tokens from an `AuthenticationResult`; a refresh keeps the refresh token it did not replace.
  /// An `ExpiresIn` that is not a plausible lifetime is refused here, before it can be stored.
  public static func from(authenticationResult r: JSON, now: Double, previous: Tokens? = nil) throws -> Tokens? {
    guard let access = r["AccessToken"]?.stringValue else { return nil }
    let expiresIn = r["ExpiresIn"]?.numberValue ?? 3600
    guard EpochSeconds.isLifetime(expiresIn), EpochSeconds.isTime(now + expiresIn) else {
      throw CognitoError.badResponse(
        action: "sign-in",
        detail:
          "ExpiresIn \(EpochSeconds.describe(expiresIn)): out of range (1 to \(Int(EpochSeconds.longestLifetime)) s)")
    }
    return Tokens(
      idToken: r["IdToken"]?.stringValue ?? previous?.idToken, accessToken: access,
      refreshToken: r["RefreshToken"]?.stringValue ?? previous?.refreshToken,
      tokenType: r["TokenType"]?.stringValue, expiresAt: now + expiresIn, obtainedAt: now)
  }
}

extension Tokens {
  /// Reads stored tokens; a time that is out of range (a hand-edited or damaged file) reads as long
  /// expired, so nothing downstream has to cope with it.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    idToken = try c.decodeIfPresent(String.self, forKey: .idToken)
    accessToken = try c.decode(String.self, forKey: .accessToken)
    refreshToken = try c.decodeIfPresent(String.self, forKey: .refreshToken)
    tokenType = try c.decodeIfPresent(String.self, forKey: .tokenType)
    expiresAt = Self.storedTime(try? c.decode(Double.self, forKey: .expiresAt))
    obtainedAt = Self.storedTime(try? c.decode(Double.self, forKey: .obtainedAt))
  }

  static func storedTime(_ t: Double?) -> Double {
    guard let t, EpochSeconds.isTime(t) else { return 0 }
    return t
  }
}

/// A user signed in under a profile.
public struct SignedInUser: Codable, Equatable, Sendable {
  /// The name the user signed in with (an email in the article's pool).
  public var username: String
  /// Cognito's internal username (`cognito:username`, the `sub` in an email pool).
  public var internalUsername: String?
  public var sub: String?
  public var tokens: Tokens
  /// Set when the tokens came from managed login: they are refreshed and revoked at the OAuth2 endpoints.
  public var hosted: Bool?
  /// Where the tokens came from: the user-pool endpoint and the pool id, as `URL POOL`. They are sent
  /// nowhere else without the user's say-so (nil for tokens stored before cogsh remembered it).
  public var issuedBy: String?

  public init(username: String, internalUsername: String?, sub: String?, tokens: Tokens, hosted: Bool? = nil) {
    self.hosted = hosted
    self.username = username
    self.internalUsername = internalUsername
    self.sub = sub
    self.tokens = tokens
  }
}

/// A challenge the service asked and nobody has answered yet.
public struct PendingChallenge: Codable, Equatable, Sendable {
  public var name: ChallengeName
  public var session: String?
  public var parameters: [String: String]
  /// The USERNAME to answer with.
  public var username: String
  /// The name typed at `login`, under which the tokens will be stored.
  public var loginName: String
  /// Whether it came from AdminInitiateAuth (answered with AdminRespondToAuthChallenge).
  public var isAdmin: Bool
  public var receivedAt: Double
  /// What USER_AUTH offers to choose from (`AvailableChallenges`), when it said.
  public var availableChallenges: [String]?
  /// The Session's lifetime in seconds: the app client's AuthSessionValidity, when it could be read.
  public var lifetime: Double?

  public init(
    name: ChallengeName, session: String?, parameters: [String: String], username: String, loginName: String,
    isAdmin: Bool, receivedAt: Double, availableChallenges: [String]? = nil, lifetime: Double? = nil
  ) {
    self.availableChallenges = availableChallenges
    self.lifetime = lifetime
    self.name = name
    self.session = session
    self.parameters = parameters
    self.username = username
    self.loginName = loginName
    self.isAdmin = isAdmin
    self.receivedAt = receivedAt
  }

  /// Cognito's default session lifetime; app clients may set 3–15 minutes.
  public static let defaultLifetime: Double = 180

  /// Seconds left of the Session at `now` (negative once expired).
  /// The app client's bounds for AuthSessionValidity: 3 to 15 minutes.
  public static let lifetimeBounds: ClosedRange<Double> = 180...900

  public func secondsLeft(now: Double) -> Int {
    let life =
      lifetime.map { min(max($0, Self.lifetimeBounds.lowerBound), Self.lifetimeBounds.upperBound) }
      ?? Self.defaultLifetime
    let left = receivedAt + life - now
    // The store's times are checked on load; clamp anyway, since an Int conversion must never trap.
    return Int(max(min(left, life), -EpochSeconds.latest).rounded(.down))
  }
}

extension PendingChallenge {
  /// Reads a stored challenge; an out-of-range time reads as long expired.
  public init(from decoder: Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    name = try c.decode(ChallengeName.self, forKey: .name)
    session = try c.decodeIfPresent(String.self, forKey: .session)
    parameters = try c.decode([String: String].self, forKey: .parameters)
    username = try c.decode(String.self, forKey: .username)
    loginName = try c.decode(String.self, forKey: .loginName)
    isAdmin = try c.decode(Bool.self, forKey: .isAdmin)
    receivedAt = Tokens.storedTime(try? c.decode(Double.self, forKey: .receivedAt))
    availableChallenges = try? c.decodeIfPresent([String].self, forKey: .availableChallenges)
    lifetime = (try? c.decodeIfPresent(Double.self, forKey: .lifetime)).flatMap { $0 }.flatMap {
      Self.lifetimeBounds.contains($0) ? $0 : nil
    }
  }
}

/// A message a real pool would have emailed or texted, kept by the sandbox for `mailbox` and `$CODE`.
public struct MailMessage: Codable, Equatable, Sendable {
  public var to: String
  /// What it is: "password reset code", "temporary password", "sign-up confirmation code".
  public var subject: String
  public var code: String
  public var at: Double
  /// Where the sandbox differs from a real pool in this message.
  public var note: String?
  /// The message's words, when the pool's CustomMessage trigger wrote them.
  public var text: String?

  public init(to: String, subject: String, code: String, at: Double, note: String? = nil, text: String? = nil) {
    self.to = to
    self.subject = subject
    self.code = code
    self.at = at
    self.note = note
    self.text = text
  }
}

/// What is stored per profile: the users signed in, which is current, and any pending challenge.
public struct SessionState: Codable, Equatable, Sendable {
  public var currentUser: String?
  public var users: UserTable
  public var challenge: PendingChallenge?
  /// TOTP secrets from `mfa setup`, by sign-in name, so `totp` and `$TOTP` can give the code.
  public var totpSecrets: [String: String]?
  /// Remembered devices by sign-in name; they outlive sign-out, as a device does.
  public var devices: [String: DeviceRecord]?
  /// The refresh API each app client was found to take, by client id.
  public var refreshAPIs: [String: RefreshAPI]?
  /// Each app client's AuthSessionValidity in seconds, once read: a sign-in should not pay for it twice.
  public var sessionLifetimes: [String: Double]?
  /// Access tokens of machine-to-machine clients (client credentials), by client id: no user holds them.
  public var clientTokens: [String: Tokens]?
  /// AWS credentials from an identity pool, by `Account.identityKey` (the pool and the username, or
  /// `IdentityCredentials.guestKey` for a guest).
  public var identities: [String: IdentityCredentials]?
  /// Identity ids from GetId, by the same key: an identity is the user's, or this guest's, for good, as
  /// Amplify keeps it; asking GetId again as a guest would make another identity each time.
  public var identityIds: [String: String]?
  /// On the sandbox: the messages a real pool would have sent (codes, temporary passwords), oldest first.
  public var mailbox: [MailMessage]?

  public init(
    currentUser: String? = nil, users: [String: SignedInUser] = [:], challenge: PendingChallenge? = nil,
    totpSecrets: [String: String]? = nil
  ) {
    self.currentUser = currentUser
    self.users = UserTable(users)
    self.challenge = challenge
    self.totpSecrets = totpSecrets
  }

  /// The TOTP secret of the current user, or of the user in the middle of signing in.
  public var totpSecret: String? {
    guard let name = currentUser ?? challenge?.loginName else { return nil }
    return totpSecrets?[name]
  }

  /// The current user, if one is signed in.
  public var current: SignedInUser? { currentUser.flatMap { users[$0] } }

  /// Forgets `name`'s tokens. If that was the current user, nobody is current afterwards: another
  /// user is never made current silently, since the next command would act with their tokens.
  /// Returns whether the user was signed in here.
  @discardableResult
  public mutating func remove(user name: String) -> Bool {
    guard users.removeValue(forKey: name) != nil else { return false }
    if currentUser == name { currentUser = nil }
    return true
  }
}
