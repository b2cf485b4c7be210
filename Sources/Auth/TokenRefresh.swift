import Basics
import Cognito

/// Which API refreshes tokens for an app client.
public enum RefreshAPI: String, Codable, Sendable {
  /// InitiateAuth with REFRESH_TOKEN_AUTH: clients that do not rotate refresh tokens.
  case initiateAuth = "REFRESH_TOKEN_AUTH"
  /// GetTokensFromRefreshToken: the only way for a client that rotates them (AWS: rotation "must be
  /// completed with GetTokensFromRefreshToken"), and what Amplify v6 always uses.
  case getTokens = "GetTokensFromRefreshToken"
}

/// Refreshing tokens as Cognito wants it: REFRESH_TOKEN_AUTH with SECRET_HASH over the internal
/// username and the device key, or GetTokensFromRefreshToken for a client that rotates tokens.
public enum TokenRefresh {
  /// What a refresh produced, and what the user should know about how.
  public struct Result: Sendable {
    public var tokens: Tokens
    /// The claims whose values changed between the old and the new (id, else access) token.
    public var changedClaims: [String]
    public var rotated: Bool
    /// Set when the service refused the hash over the internal username but took the typed name.
    public var note: String?
    /// The API that worked, to remember for this client.
    public var api: RefreshAPI
  }

  /// Refreshes `user`'s tokens. `deviceKey` is the remembered device, if any. `known` is the API
  /// learned for this client before, else `rotates` says what DescribeUserPoolClient says (nil when
  /// it cannot be read). Without either, REFRESH_TOKEN_AUTH is tried first, and any refusal of it
  /// — whatever its words — is followed by GetTokensFromRefreshToken.
  public static func refresh(
    client: ServiceClient, settings: ClientSettings, user: SignedInUser, deviceKey: String?, now: Double,
    known: RefreshAPI? = nil, rotates: () -> Bool? = { nil }
  ) throws -> Result {
    guard let refreshToken = user.tokens.refreshToken else { throw RefreshError.noRefreshToken(user.username) }
    let deviceKey =
      deviceKey ?? (try? DecodedJWT.decode(user.tokens.accessToken)).flatMap(CognitoClaims.init)?.deviceKey
    let api = known ?? (rotates() == true ? .getTokens : nil)
    var note: String?
    let response: CognitoResponse
    let used: RefreshAPI
    if api == .getTokens {
      response = try getTokens(client, settings, refreshToken, deviceKey: deviceKey)
      used = .getTokens
    } else {
      do {
        (response, note) = try initiateAuth(client, settings, user, refreshToken, deviceKey: deviceKey)
        used = .initiateAuth
      } catch CognitoError.service(let first) where api == nil && !isSecretHashRefusal(first) {
        do {
          response = try getTokens(client, settings, refreshToken, deviceKey: deviceKey)
          used = .getTokens
          note =
            "REFRESH_TOKEN_AUTH was refused (\(first.code)) and GetTokensFromRefreshToken accepted: "
            + "this client is taken to rotate refresh tokens, and is refreshed that way from now on"
        } catch let second {
          // A refusal of the second API (or an emulator without it) says less than the first one did.
          if case CognitoError.service = second { throw second }
          throw CognitoError.service(first)
        }
      }
    }
    guard let result = response.body["AuthenticationResult"],
      let tokens = try Tokens.from(authenticationResult: result, now: now, previous: user.tokens)
    else { throw CognitoError.badResponse(action: used.rawValue, detail: "no AuthenticationResult") }
    return Result(
      tokens: tokens,
      changedClaims: changedClaims(
        old: user.tokens.idToken ?? user.tokens.accessToken, new: tokens.idToken ?? tokens.accessToken),
      rotated: tokens.refreshToken != user.tokens.refreshToken, note: note, api: used)
  }

  /// REFRESH_TOKEN_AUTH. Cognito checks SECRET_HASH here over the internal username (the sub in an
  /// email pool); moto over the name typed at sign-in. Try the first, fall back to the second, say so.
  static func initiateAuth(
    _ client: ServiceClient, _ settings: ClientSettings, _ user: SignedInUser, _ token: String, deviceKey: String?
  ) throws -> (CognitoResponse, String?) {
    let internalName = user.internalUsername ?? user.sub ?? user.username
    do {
      return (try call(client, settings, token, hashName: internalName, deviceKey: deviceKey), nil)
    } catch CognitoError.service(let e) where isSecretHashRefusal(e) && internalName != user.username {
      do {
        let response = try call(client, settings, token, hashName: user.username, deviceKey: deviceKey)
        return (
          response,
          "SECRET_HASH over the internal username \"\(internalName)\" was refused and over \"\(user.username)\" "
            + "accepted; Cognito itself expects the internal username"
        )
      } catch CognitoError.service(let again) where isSecretHashRefusal(again) {
        throw RefreshError.secretHash(e, tried: [internalName, user.username])
      }
    }
  }

  static func call(
    _ client: ServiceClient, _ settings: ClientSettings, _ token: String, hashName: String, deviceKey: String?
  ) throws -> CognitoResponse {
    var params = ["REFRESH_TOKEN": token]
    if let hash = settings.secretHash(hashName) { params["SECRET_HASH"] = hash }
    // With device tracking on, Cognito refuses a refresh without the device ("Invalid Refresh Token").
    if let deviceKey { params["DEVICE_KEY"] = deviceKey }
    return try client.call(
      .initiateAuth,
      [
        "AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": .string(settings.clientId), "AuthParameters": .strings(params),
      ])
  }

  /// GetTokensFromRefreshToken: the client secret itself, not a hash; the device key when there is one.
  static func getTokens(
    _ client: ServiceClient, _ settings: ClientSettings, _ token: String, deviceKey: String?
  ) throws -> CognitoResponse {
    var body: [String: JSON] = ["RefreshToken": .string(token), "ClientId": .string(settings.clientId)]
    if let secret = settings.clientSecret { body["ClientSecret"] = .string(secret) }
    if let deviceKey { body["DeviceKey"] = .string(deviceKey) }
    return try client.call(.getTokensFromRefreshToken, .object(body))
  }

  /// Cognito says "Unable to verify secret hash…"; the sandbox words it its own way.
  static func isSecretHashRefusal(_ e: ServiceError) -> Bool {
    guard e.code == "NotAuthorizedException" else { return false }
    return e.serviceMessage.lowercased().contains("secret") || SandboxQuirks.isMotoSecretHashRefusal(e.serviceMessage)
  }

  /// The claims whose values differ between two tokens.
  public static func changedClaims(old: String, new: String) -> [String] {
    guard let a = try? DecodedJWT.decode(old), let b = try? DecodedJWT.decode(new) else { return [] }
    return Set(a.claims.keys).union(b.claims.keys).filter { a.claims[$0] != b.claims[$0] }.sorted()
  }
}

/// Why a refresh could not be made.
public enum RefreshError: UserFacingError, Equatable {
  case noRefreshToken(String)
  case secretHash(ServiceError, tried: [String])

  public var message: String {
    switch self {
    case .noRefreshToken(let user): return "no refresh token is stored for \(user)"
    case .secretHash(let e, _): return CognitoError.service(e).message
    }
  }

  public var detail: String? {
    if case .secretHash(let e, _) = self { return CognitoError.service(e).detail }
    return nil
  }

  public var hint: String? {
    switch self {
    case .noRefreshToken: return "Sign in again: a new sign-in brings a refresh token."
    case .secretHash(_, let tried):
      return "SECRET_HASH was computed over \(tried.map { "\"\($0)\"" }.joined(separator: " and ")); Cognito expects "
        + "the internal username (cognito:username) and the app client's secret."
    }
  }
}
