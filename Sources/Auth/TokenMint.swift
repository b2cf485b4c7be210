import Basics
import Cognito
import Foundation

/// What a Cognito-shaped token made by cogsh says: for a backend's tests, whose verifier must take it as
/// it takes a user pool's.
public struct MintRequest: Sendable {
  public var tokenUse: TokenUse
  /// The `iss` claim: the pool's issuer in its ORIGINAL or UPDATED form, or an issuer URL given outright.
  public var issuer: String
  public var clientId: String
  public var username: String
  public var sub: String
  public var groups: [String] = []
  public var scopes: [String] = []
  /// More claims, in the order given, after Cognito's own (a PreTokenGeneration's, a user attribute).
  public var claims: [(String, JSON)] = []
  public var issuedAt: Double
  public var expiresIn: Double

  public init(
    tokenUse: TokenUse, issuer: String, clientId: String, username: String, sub: String, issuedAt: Double,
    expiresIn: Double
  ) {
    self.tokenUse = tokenUse
    self.issuer = issuer
    self.clientId = clientId
    self.username = username
    self.sub = sub
    self.issuedAt = issuedAt
    self.expiresIn = expiresIn
  }
}

/// Cognito-shaped tokens: the claims in the order Cognito's own tokens carry them (the developer guide's
/// sample payloads, amazon-cognito-user-pools-using-the-id-token.html and …-access-token.html), signed
/// RS256 with a key whose `kid` is its RFC 7638 thumbprint.
public enum TokenMint {
  /// The payload's members, in order. Claims given with `--claim` that Cognito sets itself replace its
  /// value in place; the others follow.
  static func members(_ r: MintRequest, jti: String, originJti: String, eventId: String) -> [(String, JSON)] {
    let time = r.issuedAt.rounded(.down)
    var base: [(String, JSON)] = [("sub", .string(r.sub))]
    if !r.groups.isEmpty { base.append(("cognito:groups", .array(r.groups.map { .string($0) }))) }
    switch r.tokenUse {
    case .id:
      base += [
        ("iss", .string(r.issuer)), ("cognito:username", .string(r.username)), ("origin_jti", .string(originJti)),
        ("aud", .string(r.clientId)), ("event_id", .string(eventId)), ("token_use", "id"),
        ("auth_time", .number(time)), ("exp", .number(time + r.expiresIn)), ("iat", .number(time)),
        ("jti", .string(jti)),
      ]
    case .access:
      base += [
        ("iss", .string(r.issuer)), ("version", 2), ("client_id", .string(r.clientId)),
        ("origin_jti", .string(originJti)), ("event_id", .string(eventId)), ("token_use", "access"),
        ("scope", .string((r.scopes.isEmpty ? ["aws.cognito.signin.user.admin"] : r.scopes).joined(separator: " "))),
        ("auth_time", .number(time)), ("exp", .number(time + r.expiresIn)), ("iat", .number(time)),
        ("jti", .string(jti)), ("username", .string(r.username)),
      ]
    }
    for (name, value) in r.claims {
      if let i = base.firstIndex(where: { $0.0 == name }) { base[i].1 = value } else { base.append((name, value)) }
    }
    return base
  }

  /// `members` as JSON text, in their order.
  static func text(_ members: [(String, JSON)]) -> String {
    "{" + members.map { JSON.string($0.0).serialized() + ":" + $0.1.serialized() }.joined(separator: ",") + "}"
  }

  /// What the tokens of one sign-in share: Cognito gives its ID and access tokens one origin_jti (which
  /// revocation follows) and one event_id.
  public struct SignIn: Sendable {
    public var originJti = UUID().uuidString.lowercased()
    public var eventId = UUID().uuidString.lowercased()
    public init() {}
  }

  /// A signed token for `r`, with a fresh jti, as a token of the sign-in `signIn` (a new one by default).
  public static func mint(_ r: MintRequest, key: RSAPrivateKey, signIn: SignIn = SignIn()) throws -> String {
    let jwk = try key.publicJWK()
    let header = text([("kid", jwk["kid"] ?? .null), ("alg", "RS256")])
    let payload = text(
      members(r, jti: UUID().uuidString.lowercased(), originJti: signIn.originJti, eventId: signIn.eventId))
    let signingInput = Base64URL.encode(Array(header.utf8)) + "." + Base64URL.encode(Array(payload.utf8))
    let (signature, _, _) = try key.sign(Array(signingInput.utf8))
    return signingInput + "." + Base64URL.encode(signature)
  }

  /// Whether `word` names a user pool as its id does (`REGION_ID`): the issuer is made from it.
  public static func isPoolId(_ word: String) -> Bool {
    Endpoint.region(fromPoolId: word) != nil && !word.hasSuffix("_") && !word.contains("/")
  }

  /// The JWKS that verifies tokens signed with `key`.
  public static func jwks(_ key: RSAPrivateKey) throws -> JSON { .object(["keys": .array([try key.publicJWK()])]) }
}

extension Account {
  /// The key `jwt mint` signs with: `file` (a PEM of the user's), else the one kept 0600 under
  /// $COGSH_HOME, made on first use.
  public func mintKey(file: String?) throws -> RSAPrivateKey {
    if let file {
      guard let data = FileManager.default.contents(atPath: file) else { throw MintKeyError.unreadable(file) }
      guard let key = RSAPrivateKey(pem: String(decoding: data, as: UTF8.self)) else {
        throw MintKeyError.notAKey(file)
      }
      return key
    }
    let name = "mint-key.pem"
    if let data = try store.files.read(name) {
      guard let key = RSAPrivateKey(pem: String(decoding: data, as: UTF8.self)) else {
        throw MintKeyError.notAKey(store.files.path(name))
      }
      return key
    }
    let key = try RSAPrivateKey.generate()
    try store.files.locked { try store.files.write(name, Data(key.pem.utf8)) }
    return key
  }
}

extension Account {
  /// The `kid` of the key `jwt mint` keeps, when it has made one (nothing is made here).
  public func mintedKid() -> String? {
    guard let data = try? store.files.read("mint-key.pem"),
      let key = RSAPrivateKey(pem: String(decoding: data, as: UTF8.self))
    else { return nil }
    return (try? key.publicJWK())?["kid"]?.stringValue
  }
}

/// The key to sign minted tokens with could not be used.
public enum MintKeyError: UserFacingError, Equatable {
  case unreadable(String)
  case notAKey(String)

  public var message: String {
    switch self {
    case .unreadable(let f): return "cannot read the key file \(f)"
    case .notAKey(let f): return "\(f) is not an RSA private key of 2048 bits or more (PEM)"
    }
  }
  public var hint: String? { "A key is made with: openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048" }
  public var detail: String? { nil }
}
