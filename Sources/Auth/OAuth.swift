import Basics
import Cognito
import Foundation

/// PKCE (RFC 7636): a random verifier and its S256 challenge.
public struct PKCE: Sendable, Equatable {
  public var verifier: String
  public var challenge: String

  /// The challenge for `verifier`: BASE64URL(SHA256(verifier)), unpadded.
  public static func challenge(for verifier: String) -> String { Base64URL.encode(Digest.sha256(verifier)) }

  /// 32 random bytes, base64url: 43 characters of the unreserved set the RFC allows.
  public static func random(bytes: [UInt8] = SecureRandom.bytes(32)) -> PKCE {
    let verifier = Base64URL.encode(bytes)
    return PKCE(verifier: verifier, challenge: challenge(for: verifier))
  }
}

/// What `login --hosted` asks managed login for.
public struct HostedOptions: Sendable, Equatable {
  public var scopes: [String]
  public var redirectURI: String
  public var identityProvider: String?
  /// `login` to ask for the password again, `none` for a silent sign-in.
  public var prompt: String?
  /// The implicit grant: tokens in the URL fragment, no code, no refresh token.
  public var implicit: Bool

  public init(
    scopes: [String] = [], redirectURI: String = HostedOptions.defaultRedirectURI, identityProvider: String? = nil,
    prompt: String? = nil, implicit: Bool = false
  ) {
    self.scopes = scopes
    self.redirectURI = redirectURI
    self.identityProvider = identityProvider
    self.prompt = prompt
    self.implicit = implicit
  }

  /// The seed's callback URL.
  public static let defaultRedirectURI = "http://localhost:3333"
}

/// A managed-login sign-in begun: the URL to open and the values its callback is checked against.
public struct HostedLogin: Sendable, Equatable {
  public var domain: String
  public var clientId: String
  public var options: HostedOptions
  public var state: String
  public var nonce: String?
  /// Absent for the implicit grant.
  public var pkce: PKCE?
  /// When the sign-in began (seconds since 1970): the browser's part is timed from it.
  public var startedAt: Double = 0

  /// `/oauth2/authorize` with every parameter, in a fixed order so an explanation reads the same each time.
  public var authorizeURL: String {
    var query: [(String, String)] = [
      ("response_type", options.implicit ? "token" : "code"), ("client_id", clientId),
      ("redirect_uri", options.redirectURI), ("state", state),
    ]
    if !options.scopes.isEmpty { query.append(("scope", options.scopes.joined(separator: " "))) }
    if let pkce { query += [("code_challenge_method", "S256"), ("code_challenge", pkce.challenge)] }
    if let nonce { query.append(("nonce", nonce)) }
    if let idp = options.identityProvider { query.append(("identity_provider", idp)) }
    if let prompt = options.prompt { query.append(("prompt", prompt)) }
    return domain + "/oauth2/authorize?" + FormEncoding.encode(query)
  }
}

/// What came back on the redirect URI: the query (code flow) or the fragment (implicit), as pairs.
public struct OAuthCallback: Sendable, Equatable {
  public var parameters: [String: String]

  public init(parameters: [String: String]) { self.parameters = parameters }

  /// The parameters of a pasted callback URL: its query and its fragment.
  public init(url: String) throws {
    guard let parts = URLComponents(string: url.trimmingCharacters(in: .whitespacesAndNewlines)),
      parts.scheme != nil
    else { throw OAuthError.notACallback(url) }
    var found: [String: String] = [:]
    for (k, v) in FormEncoding.decode(parts.percentEncodedQuery ?? "") where !k.isEmpty { found[k] = v }
    for (k, v) in FormEncoding.decode(parts.percentEncodedFragment ?? "") where !k.isEmpty { found[k] = v }
    parameters = found
  }
}

/// An OAuth2 endpoint's refusal, or a callback that does not belong to this sign-in.
public enum OAuthError: UserFacingError, Equatable {
  /// The endpoint's `error` and `error_description`, and the HTTP status.
  case endpoint(endpoint: String, error: String, description: String?, status: Int)
  /// The callback carried `error=` (the user denied, the client may not use the flow, …).
  case callback(error: String, description: String?)
  case stateMismatch
  case nonceMismatch
  case noCode
  case notACallback(String)
  case noDomain
  /// The client-credentials grant authenticates with the client's secret.
  case needsSecret
  /// What the app client's registration (DescribeUserPoolClient) does not allow.
  case redirectNotRegistered(String, registered: [String])
  case flowNotAllowed(String, allowed: [String])
  case scopesNotAllowed([String], allowed: [String])
  case listenerTimedOut(Int)
  case cannotListen(String, String)
  case badResponse(String)

  public var message: String {
    switch self {
    case .endpoint(let endpoint, let error, let description, let status):
      return "\(endpoint): \(error)" + (description.map { ": \($0)" } ?? "") + " (HTTP \(status))"
    case .callback(let error, let description):
      return "managed login returned \(error)" + (description.map { ": \($0)" } ?? "")
    case .stateMismatch:
      return "the callback's state does not match this sign-in's: it was not the answer to this request"
    case .nonceMismatch: return "the id token's nonce does not match this sign-in's"
    case .noCode: return "the callback carries neither a code nor an error"
    case .notACallback(let text): return "not a callback URL: \(SafeText.truncated(text, to: 80))"
    case .noDomain: return "no managed-login domain is known for this pool"
    case .needsSecret: return "the client-credentials grant needs the app client's secret"
    case .redirectNotRegistered(let uri, let registered):
      return "\(uri) is not a callback URL of this app client"
        + (registered.isEmpty ? " (it has none)" : " (it has \(registered.joined(separator: ", ")))")
    case .flowNotAllowed(let flow, let allowed):
      return "the app client does not allow the \(flow) grant"
        + (allowed.isEmpty ? " (it allows no OAuth flow)" : " (it allows \(allowed.joined(separator: ", ")))")
    case .scopesNotAllowed(let scopes, let allowed):
      return "the app client does not allow the scope \(scopes.joined(separator: ", "))"
        + " (it allows \(allowed.joined(separator: " ")))"
    case .listenerTimedOut(let seconds): return "no callback arrived within \(seconds) s"
    case .cannotListen(let address, let why): return "cannot listen on \(address): \(why)"
    case .badResponse(let why): return "the token endpoint's answer is unusable: \(why)"
    }
  }
}

/// Tokens as the OAuth2 token endpoint (or an implicit callback) gives them.
public enum OAuthTokens {
  /// Reads `{id_token, access_token, refresh_token, expires_in, token_type}`; `previous` fills what
  /// a refresh does not return.
  public static func tokens(_ fields: [String: JSON], now: Double, previous: Tokens? = nil) throws -> Tokens {
    guard let access = fields["access_token"]?.stringValue else { throw OAuthError.badResponse("no access_token") }
    let expiresIn = fields["expires_in"]?.numberValue ?? fields["expires_in"]?.stringValue.flatMap(Double.init) ?? 3600
    guard EpochSeconds.isLifetime(expiresIn) else {
      throw OAuthError.badResponse("expires_in \(EpochSeconds.describe(expiresIn)): out of range")
    }
    return Tokens(
      idToken: fields["id_token"]?.stringValue ?? previous?.idToken, accessToken: access,
      refreshToken: fields["refresh_token"]?.stringValue ?? previous?.refreshToken,
      tokenType: fields["token_type"]?.stringValue, expiresAt: now + expiresIn, obtainedAt: now)
  }
}
