import Basics
import Cognito

/// A JSON Web Key Set: the pool's RS256 public keys by `kid`.
public struct JWKS: Sendable {
  public struct Key: Sendable {
    public var kid: String
    public var kty: String
    public var alg: String?
    public var use: String?
    public var publicKey: RSAPublicKey?
    /// Why the key cannot be used, when it cannot.
    public var problem: String?
  }

  public var keys: [String: Key]

  /// The members of the document that made each usable key, for a cache that keeps only those.
  public var usableKeyDocuments: [JSON]

  /// Reads `{"keys": [...]}`; a key that is not a fit RSA key keeps a nil key and says why.
  public static func parse(_ json: JSON) throws -> JWKS {
    guard let list = json["keys"]?.arrayValue else { throw JWKSError.noKeys }
    var keys: [String: Key] = [:]
    var usable: [JSON] = []
    for k in list {
      guard let kid = k["kid"]?.stringValue else { continue }
      var publicKey: RSAPublicKey?
      var problem: String?
      if k["kty"]?.stringValue != "RSA" {
        problem = "not an RSA key (kty \(k["kty"]?.stringValue ?? "missing"))"
      } else if let n = k["n"]?.stringValue.flatMap(Encoding.bytes(base64:)),
        let e = k["e"]?.stringValue.flatMap(Encoding.bytes(base64:))
      {
        problem = RSAPublicKey.problem(modulus: n, exponent: e)
        if problem == nil {
          publicKey = RSAPublicKey(modulus: n, exponent: e)
          if publicKey == nil { problem = "OpenSSL refused its numbers" }
        }
      } else {
        problem = "n or e is missing or not base64url"
      }
      if publicKey != nil {
        usable.append(
          .object(k.objectValue?.filter { ["kid", "kty", "alg", "use", "n", "e"].contains($0.key) } ?? [:]))
      }
      keys[kid] = Key(
        kid: kid, kty: k["kty"]?.stringValue ?? "?", alg: k["alg"]?.stringValue, use: k["use"]?.stringValue,
        publicKey: publicKey, problem: problem)
    }
    return JWKS(keys: keys, usableKeyDocuments: usable)
  }
}

/// Why a key set could not be used.
public enum JWKSError: UserFacingError, Equatable {
  case noKeys
  case unreadable(String)

  public var message: String {
    switch self {
    case .noKeys: return "the JWKS has no \"keys\" array"
    case .unreadable(let source): return "cannot read the JWKS from \(source)"
    }
  }
}

/// What a backend expects of a token.
public struct VerifyExpectations: Sendable {
  /// The issuer expected; a Cognito issuer's other form (ORIGINAL or UPDATED) is accepted too, unless
  /// `issuerFormKnown`. Nil when nothing says which pool the token should come from: the check is then
  /// skipped, visibly.
  public var issuer: String?
  /// Whether `issuer` is the one form the pool is set to (read from its IssuerConfiguration).
  public var issuerFormKnown = false
  /// The checks the user left out on purpose (`--any-issuer`, `--any-client`, `--token-use any`): skipped,
  /// and still valid.
  public var leftOutOnPurpose: Set<CheckName> = []

  /// Leaves out the issuer, the client or the kind, as the flags that say so on purpose.
  public mutating func leaveOut(issuer: Bool, client: Bool, tokenUse: Bool) {
    if issuer { leftOutOnPurpose.insert(.iss) }
    if client { leftOutOnPurpose.formUnion([.aud, .clientId]) }
    if tokenUse { leftOutOnPurpose.insert(.tokenUse) }
  }
  /// The app clients the token may be for (aws-jwt-verify takes a list); nil leaves the check out.
  public var clientIds: [String]?
  /// The kind required; nil when none was asked for (the check is then skipped, visibly).
  public var tokenUse: TokenUse?
  public var groups: [String]
  public var scopes: [String]
  /// Every group and scope required, rather than one of each list (aws-jwt-verify's rule).
  public var requireAll: Bool
  public var graceSeconds: Double

  public init(
    issuer: String?, clientId: String?, tokenUse: String?, groups: [String] = [], scopes: [String] = [],
    graceSeconds: Double = 0
  ) {
    self.init(
      issuer: issuer, clientIds: clientId.map { [$0] }, tokenUse: tokenUse, groups: groups, scopes: scopes,
      graceSeconds: graceSeconds)
  }

  public init(
    issuer: String?, clientIds: [String]?, tokenUse: String?, groups: [String] = [], scopes: [String] = [],
    requireAll: Bool = false, graceSeconds: Double = 0
  ) {
    self.requireAll = requireAll
    self.issuer = issuer
    self.clientIds = clientIds
    self.tokenUse = tokenUse.flatMap(TokenUse.init(rawValue:))
    self.groups = groups
    self.scopes = scopes
    self.graceSeconds = graceSeconds
  }

  /// `https://cognito-idp.REGION.amazonaws.com/POOL` for a pool id.
  public static func issuer(poolId: String) -> String {
    let region = poolId.split(separator: "_").first.map(String.init) ?? ""
    return "https://cognito-idp.\(region).\(Endpoint.dnsSuffix(region: region))/\(poolId)"
  }

  /// The other form of a Cognito issuer: a pool's IssuerConfiguration is ORIGINAL
  /// (`https://cognito-idp.REGION.amazonaws.com/POOL`) or UPDATED
  /// (`https://issuer-cognito-idp.REGION.amazonaws.com/POOL`, recommended by AWS, needed for
  /// multi-Region replication; API reference, IssuerConfigurationType). Nil for any other issuer.
  public static func otherForm(of issuer: String) -> String? {
    let (original, updated) = ("https://cognito-idp.", "https://issuer-cognito-idp.")
    if issuer.hasPrefix(original) { return updated + issuer.dropFirst(original.count) }
    if issuer.hasPrefix(updated) { return original + issuer.dropFirst(updated.count) }
    return nil
  }
}

/// The checks `jwt verify` makes, named as the claim or header each looks at.
public enum CheckName: String, Sendable, CaseIterable {
  case alg, encoding, crit, kid, signature, iss
  case tokenUse = "token_use"
  case aud
  case clientId = "client_id"
  case exp, nbf, iat, group, scope
}

/// What the checks add up to: valid only when nothing failed and nothing was left unchecked but what
/// was left out on purpose (aws-jwt-verify's rule: an unchecked issuer, client or kind is not a pass).
public struct Verdict: Equatable, Sendable {
  public var failed: [CheckName]
  public var unchecked: [CheckName]
  public var valid: Bool { failed.isEmpty && unchecked.isEmpty }
}

/// One named check and how it went.
public struct CheckResult: Equatable, Sendable {
  public enum Status: String, Sendable {
    case passed
    case failed
    /// Not applicable or not asked for; never counted as passed silently: it is printed.
    case skipped
    /// Worth a look, but not a failure (an iat in the future: clock skew).
    case warning
  }

  public var name: CheckName
  public var status: Status
  public var detail: String
}

/// The checks aws-jwt-verify applies to Cognito tokens, each a small named function reporting by
/// name; a check with no expectation says it was skipped. Pure: keys and the time come in.
public enum JWTVerifier {
  /// What every check sees.
  struct Input {
    var jwt: DecodedJWT
    var claims: CognitoClaims
    var key: (String) -> JWKS.Key?
    var expect: VerifyExpectations
    var now: Double
    /// Where the keys came from, as a message names it ("the pool's JWKS", "keys.json").
    var keySource: String
    var algorithm: String { jwt.header["alg"]?.stringValue ?? "(none)" }
    var kid: String? { jwt.header["kid"]?.stringValue }
    var found: JWKS.Key? { kid.flatMap(key) }
  }

  /// The checks in the order they are shown; each returns its results (none when it does not apply).
  static let checks: [@Sendable (Input) -> [CheckResult]] = [
    { [algorithm($0)] }, encoding, critical, { [keyId($0)] }, { [signature($0)] }, { [issuer($0)] }, { [tokenUse($0)] },
    { [client($0)] }, { $0.claims.verify(now: $0.now, grace: $0.expect.graceSeconds) }, groups, scopes,
  ]

  public static func verify(
    _ jwt: DecodedJWT, key: @escaping (String) -> JWKS.Key?, expect: VerifyExpectations, now: Double,
    keySource: String = "the pool's JWKS"
  ) -> [CheckResult] {
    let input = Input(jwt: jwt, claims: CognitoClaims(jwt), key: key, expect: expect, now: now, keySource: keySource)
    return checks.flatMap { $0(input) }
  }

  /// The verdict of `results`: the failures, and the checks skipped that were not left out on purpose.
  public static func verdict(_ results: [CheckResult], expect: VerifyExpectations) -> Verdict {
    var failed: [CheckName] = []
    for r in results where r.status == .failed && !failed.contains(r.name) { failed.append(r.name) }
    let unchecked = results.filter { $0.status == .skipped && !expect.leftOutOnPurpose.contains($0.name) }.map(\.name)
    return Verdict(failed: failed, unchecked: unchecked)
  }

  static func algorithm(_ i: Input) -> CheckResult {
    let alg = i.algorithm
    return .init(
      alg == "RS256", .alg, alg == "RS256" ? "RS256" : "algorithm \(alg) is not accepted; Cognito signs with RS256")
  }

  /// RFC 7515 §2 writes each segment in base64url without padding; another spelling (padding,
  /// standard base64, stray bits) is refused, not decoded leniently. Shown only when it fails.
  static func encoding(_ i: Input) -> [CheckResult] {
    i.jwt.strictlyEncoded
      ? [] : [.init(false, .encoding, "a segment is not strict base64url (padding, + or /, or stray bits)")]
  }

  /// RFC 7515 §4.1.11: a header `crit` lists extensions the recipient must understand, or reject the
  /// token. cogsh understands none, so any `crit` fails.
  static func critical(_ i: Input) -> [CheckResult] {
    guard let crit = i.jwt.header["crit"] else { return [] }
    let names = crit.arrayValue?.compactMap(\.stringValue) ?? []
    return [
      .init(
        false, .crit,
        names.isEmpty
          ? "crit is not a list of extension names"
          : "extensions cogsh does not support: \(names.joined(separator: ", "))")
    ]
  }

  static func keyId(_ i: Input) -> CheckResult {
    guard let kid = i.kid else { return .init(false, .kid, "the header has no kid") }
    guard let found = i.found else { return .init(false, .kid, "unknown kid \(kid): not in \(i.keySource)") }
    if let problem = found.problem { return .init(false, .kid, "key \(kid) is in the JWKS but refused: \(problem)") }
    return .init((found.use ?? "sig") == "sig", .kid, "key \(kid) found in the JWKS")
  }

  static func signature(_ i: Input) -> CheckResult {
    if i.algorithm.lowercased() == "none" || i.jwt.signature.isEmpty {
      return .init(false, .signature, "unsigned (alg \(i.algorithm)): there is no signature to check")
    }
    guard i.algorithm == "RS256", let publicKey = i.found?.publicKey else {
      return .init(false, .signature, "not checked: no usable RS256 key for this token")
    }
    let ok = publicKey.verifyRS256(message: Array(i.jwt.signingInput.utf8), signature: i.jwt.signature)
    return .init(ok, .signature, ok ? "RS256 signature valid" : "the signature does not match the header and payload")
  }

  /// The pool's issuer, in its ORIGINAL or its UPDATED form (IssuerConfigurationType).
  static func issuer(_ i: Input) -> CheckResult {
    let iss = i.claims.issuer
    guard let expected = i.expect.issuer else {
      return .skipped(
        .iss, "no pool to compare with (give --issuer or set pool-id); the token says \(iss ?? "nothing")")
    }
    let ok =
      iss == expected || (!i.expect.issuerFormKnown && iss != nil && iss == VerifyExpectations.otherForm(of: expected))
    return .init(ok, .iss, ok ? expected : "issuer \(iss ?? "(none)") is not \(expected)")
  }

  /// The kind asked for; with none asked, either kind is only said to be unchecked, as aws-jwt-verify
  /// makes tokenUse a required choice (null to accept both on purpose).
  static func tokenUse(_ i: Input) -> CheckResult {
    let use = i.claims.rawTokenUse
    guard let expected = i.expect.tokenUse else {
      return .skipped(.tokenUse, "no kind asked for (give --token-use id|access); the token says \(use ?? "nothing")")
    }
    let ok = use == expected.rawValue
    return .init(
      ok, .tokenUse, ok ? expected.rawValue : "token use \(use ?? "(none)"), expected \(expected.rawValue)")
  }

  static func client(_ i: Input) -> CheckResult {
    let name = i.claims.clientClaim
    guard let clients = i.expect.clientIds, !clients.isEmpty else {
      return .skipped(name, "no client id to compare with (give --client-id)")
    }
    let named = i.claims.clients
    let ok = named.contains(where: clients.contains)
    let got = ok ? named.first(where: clients.contains) : named.isEmpty ? nil : named.joined(separator: ", ")
    let wanted = clients.count == 1 ? clients[0] : "one of " + clients.joined(separator: ", ")
    return .init(ok, name, ok ? (got ?? "") : "\(name.rawValue) \(got ?? "(none)"), expected \(wanted)")
  }

  /// Membership of one group asked for is enough, as aws-jwt-verify has it; with `requireAll`, of each.
  static func groups(_ i: Input) -> [CheckResult] {
    guard !i.expect.groups.isEmpty else { return [] }
    let held = i.expect.groups.filter { i.claims.groups.contains($0) }
    if i.expect.requireAll {
      // One line a group, so that a passing one shows beside a failing one.
      return i.expect.groups.map { g in
        let member = i.claims.groups.contains(g)
        return .init(member, .group, member ? "in \(g)" : "not in \(g)")
      }
    }
    let wanted = i.expect.groups.joined(separator: ", ")
    return [
      .init(
        !held.isEmpty, .group,
        held.isEmpty
          ? "in none of \(wanted)"
          : "in \(held.joined(separator: ", "))"
            + (held.count < i.expect.groups.count ? " (one of \(wanted) is enough)" : ""))
    ]
  }

  static func scopes(_ i: Input) -> [CheckResult] {
    guard !i.expect.scopes.isEmpty else { return [] }
    let held = i.expect.scopes.filter { i.claims.scopes.contains($0) }
    let missing = i.expect.scopes.filter { !i.claims.scopes.contains($0) }
    let ok = i.expect.requireAll ? missing.isEmpty : !held.isEmpty
    let detail =
      ok
      ? "has \(held.joined(separator: " "))"
      : i.expect.requireAll
        ? "lacks \(missing.joined(separator: ", "))" : "has none of \(i.expect.scopes.joined(separator: ", "))"
    return [.init(ok, .scope, detail)]
  }
}
