import Basics
import Cognito

/// What a refresh did.
public struct RefreshReport: Sendable {
  public var username: String
  public var tokens: Tokens
  public var changedClaims: [String]
  public var rotated: Bool
}

/// Who went, and who is still signed in here.
public struct Departure: Sendable, Equatable {
  public var username: String
  public var others: [String]
}

extension Account {
  /// Refreshes the current user's tokens. They are stored only over the tokens this refresh started
  /// from: a sign-in that finished meanwhile is newer and is kept.
  @discardableResult
  public func refresh() throws -> RefreshReport {
    let user = try currentUser()
    try checkIssuer(user)
    if user.hosted == true { return try refreshHostedUser(user) }
    let now = clock()
    let settings = try configuration.clientSettings()
    let state = try state()
    let r = try TokenRefresh.refresh(
      client: try client(), settings: settings, user: user, deviceKey: state.devices?[user.username]?.deviceKey,
      now: now, known: state.refreshAPIs?[settings.clientId], rotates: { clientRotates(settings.clientId) })
    if let note = r.note { notice("note: \(note)") }
    if try configuration.settings().isSandbox == true,
      let quirk = SandboxQuirks.refreshNote(changedClaims: r.changedClaims)
    {
      notice(quirk)
    }
    let stored = try update { s -> Bool in
      s.refreshAPIs = (s.refreshAPIs ?? [:]).merging([settings.clientId: r.api]) { _, new in new }
      guard s.users[user.username]?.tokens == user.tokens else { return false }
      s.users[user.username]?.tokens = r.tokens
      return true
    }
    if !stored { throw AccountError.refreshOvertaken(user.username) }
    return RefreshReport(username: user.username, tokens: r.tokens, changedClaims: r.changedClaims, rotated: r.rotated)
  }

  /// A managed-login user's refresh, at the token endpoint; stored only over the tokens it started from.
  private func refreshHostedUser(_ user: SignedInUser) throws -> RefreshReport {
    guard let refreshToken = user.tokens.refreshToken else { throw RefreshError.noRefreshToken(user.username) }
    let tokens = try refreshHosted(user, refreshToken: refreshToken)
    let stored = try update { s -> Bool in
      guard s.users[user.username]?.tokens == user.tokens else { return false }
      s.users[user.username]?.tokens = tokens
      return true
    }
    if !stored { throw AccountError.refreshOvertaken(user.username) }
    return RefreshReport(
      username: user.username, tokens: tokens,
      changedClaims: TokenRefresh.changedClaims(
        old: user.tokens.idToken ?? user.tokens.accessToken, new: tokens.idToken ?? tokens.accessToken),
      rotated: tokens.refreshToken != user.tokens.refreshToken)
  }

  /// RevokeToken on the current user's refresh token, then forgets those tokens (only those: a sign-in
  /// that finished meanwhile has tokens of its own).
  public func revoke(atOAuthEndpoint: Bool = false) throws -> Departure {
    let user = try currentUser()
    try checkIssuer(user)
    guard let refreshToken = user.tokens.refreshToken else { throw RefreshError.noRefreshToken(user.username) }
    if user.hosted == true || atOAuthEndpoint {
      try revokeHosted(refreshToken)
    } else {
      let settings = try configuration.clientSettings()
      var body: [String: JSON] = ["Token": .string(refreshToken), "ClientId": .string(settings.clientId)]
      if let secret = settings.clientSecret { body["ClientSecret"] = .string(secret) }
      try client().call(.revokeToken, .object(body))
    }
    let others = try update { s -> [String] in
      guard s.users[user.username]?.tokens.refreshToken == refreshToken else { return [] }
      s.remove(user: user.username)
      return s.users.keys.sorted()
    }
    return Departure(username: user.username, others: others)
  }

  /// Forgets the current user's tokens, after GlobalSignOut when `everywhere`.
  public func signOut(everywhere: Bool) throws -> Departure {
    let user = try userForAccessToken()
    if everywhere { try client().call(.globalSignOut, ["AccessToken": .string(user.tokens.accessToken)]) }
    return Departure(username: user.username, others: try remove(user.username))
  }

  /// DeleteUser: the current user deletes their own account; their tokens are forgotten.
  public func deleteUser() throws -> Departure {
    let user = try userForAccessToken()
    try client().call(.deleteUser, ["AccessToken": .string(user.tokens.accessToken)])
    return Departure(username: user.username, others: try remove(user.username))
  }

  /// GetUser for the current user; the internal username it names is remembered.
  public func getUser() throws -> UserProfile {
    let user = try userForAccessToken()
    let profile = UserProfile(
      try client().call(.getUser, ["AccessToken": .string(user.tokens.accessToken)]).body,
      fallbackName: user.username)
    if profile.raw["Username"] != nil, profile.username != user.internalUsername {
      try update { s in s.users[user.username]?.internalUsername = profile.username }
    }
    return profile
  }

  /// Makes another signed-in user the current one.
  public func switchUser(to name: String) throws {
    try update { s in
      guard s.users[name] != nil else { throw AccountError.notSignedInHere(name, switching: true) }
      s.currentUser = name
    }
  }

  /// Forgets `name`'s tokens here (the current user's when nil); `wasCurrent` when it was the current one.
  public func forget(_ name: String?) throws -> (Departure, wasCurrent: Bool) {
    let state = try state()
    guard let name = name ?? state.currentUser else { throw AccountError.nobodySignedIn }
    let others = try update { s in
      guard s.remove(user: name) else { throw AccountError.notSignedInHere(name, switching: false) }
      return s.users.keys.sorted()
    }
    return (Departure(username: name, others: others), state.currentUser == name)
  }
}
