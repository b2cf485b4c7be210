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
  /// The issuer in its standard form; the multi-region form of the same pool is accepted too.
  /// Nil when nothing says which pool the token should come from: the check is then skipped, visibly.
  public var issuer: String?
  /// The app clients the token may be for (aws-jwt-verify takes a list); nil leaves the check out.
  public var clientIds: [String]?
  public var tokenUse: String?
  public var groups: [String]
  public var scopes: [String]
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
    graceSeconds: Double = 0
  ) {
    self.issuer = issuer
    self.clientIds = clientIds
    self.tokenUse = tokenUse
    self.groups = groups
    self.scopes = scopes
    self.graceSeconds = graceSeconds
  }

  /// `https://cognito-idp.REGION.amazonaws.com/POOL` for a pool id.
  public static func issuer(poolId: String) -> String {
    let region = poolId.split(separator: "_").first.map(String.init) ?? ""
    return "https://cognito-idp.\(region).amazonaws.com/\(poolId)"
  }
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

  public var name: String
  public var status: Status
  public var detail: String
}

/// The checks aws-jwt-verify applies to Cognito tokens, each reported by name. Pure: keys and the
/// time come in.
public enum JWTVerifier {
  public static func verify(
    _ jwt: DecodedJWT, key: (String) -> JWKS.Key?, expect: VerifyExpectations, now: Double
  ) -> [CheckResult] {
    var out: [CheckResult] = []
    func add(_ name: String, _ ok: Bool, _ detail: String) {
      out.append(CheckResult(name: name, status: ok ? .passed : .failed, detail: detail))
    }
    func skip(_ name: String, _ detail: String) {
      out.append(CheckResult(name: name, status: .skipped, detail: detail))
    }

    let alg = jwt.header["alg"]?.stringValue ?? "(none)"
    add("alg", alg == "RS256", alg == "RS256" ? "RS256" : "algorithm \(alg) is not accepted; Cognito signs with RS256")

    let kid = jwt.header["kid"]?.stringValue
    let found = kid.flatMap(key)
    if let kid, let found {
      if let problem = found.problem {
        add("kid", false, "key \(kid) is in the JWKS but refused: \(problem)")
      } else {
        add("kid", (found.use ?? "sig") == "sig", "key \(kid) found in the JWKS")
      }
    } else {
      add("kid", false, kid.map { "unknown kid \($0): not in the pool's JWKS" } ?? "the header has no kid")
    }
    if alg == "RS256", let publicKey = found?.publicKey {
      let ok = publicKey.verifyRS256(message: Array(jwt.signingInput.utf8), signature: jwt.signature)
      add("signature", ok, ok ? "RS256 signature valid" : "the signature does not match the header and payload")
    } else {
      add("signature", false, "not checked: no usable RS256 key for this token")
    }

    let iss = jwt.string("iss")
    if let expected = expect.issuer {
      let multiRegion = expected.replacingOccurrences(of: "https://cognito-idp.", with: "https://issuer.cognito-idp.")
      let ok = iss == expected || iss == multiRegion
      add("iss", ok, ok ? expected : "issuer \(iss ?? "(none)") is not \(expected)")
    } else {
      skip("iss", "no pool to compare with (give --issuer or set pool-id); the token says \(iss ?? "nothing")")
    }

    let use = jwt.string("token_use")
    if let expected = expect.tokenUse {
      add(
        "token_use", use == expected, use == expected ? expected : "token use \(use ?? "(none)"), expected \(expected)")
    } else {
      add("token_use", use == "id" || use == "access", "token use \(use ?? "(none)")")
    }

    if let clients = expect.clientIds, !clients.isEmpty {
      let name = use == "access" ? "client_id" : "aud"
      let got = jwt.string(name)
      let ok = got.map(clients.contains) ?? false
      add(
        name, ok,
        ok
          ? (got ?? "")
          : "\(name) \(got ?? "(none)"), expected \(clients.count == 1 ? clients[0] : "one of " + clients.joined(separator: ", "))"
      )
    } else {
      skip(use == "access" ? "client_id" : "aud", "no client id to compare with (give --client-id)")
    }

    switch jwt.time("exp") {
    case .time(let exp):
      let ok = exp + expect.graceSeconds >= now
      add("exp", ok, ok ? "expires \(relative(exp, now))" : "expired \(relative(exp, now))")
    case .invalid(let why): add("exp", false, "exp \(why)")
    case .absent: add("exp", false, "no exp claim")
    }
    switch jwt.time("nbf") {
    case .time(let nbf):
      let ok = nbf - expect.graceSeconds <= now
      add("nbf", ok, ok ? "valid since \(relative(nbf, now))" : "not valid before \(relative(nbf, now))")
    case .invalid(let why): add("nbf", false, "nbf \(why)")
    case .absent: break
    }
    // aws-jwt-verify does not check iat; a time in the future only says the clocks disagree.
    switch jwt.time("iat") {
    case .time(let iat):
      if iat - expect.graceSeconds <= now {
        add("iat", true, "issued \(relative(iat, now))")
      } else {
        out.append(
          CheckResult(
            name: "iat", status: .warning,
            detail: "issued in the future (\(relative(iat, now))): the clocks disagree; not a failure"))
      }
    case .invalid(let why): add("iat", false, "iat \(why)")
    case .absent: break
    }

    // Each group and scope asked for is required: `--group a --group b` means a and b.
    if !expect.groups.isEmpty {
      let groups = jwt.claims["cognito:groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
      let missing = expect.groups.filter { !groups.contains($0) }
      add(
        "group", missing.isEmpty,
        missing.isEmpty ? "in \(expect.groups.joined(separator: ", "))" : "not in \(missing.joined(separator: ", "))")
    }
    if !expect.scopes.isEmpty {
      let scopes = (jwt.string("scope") ?? "").split(separator: " ").map(String.init)
      let missing = expect.scopes.filter { !scopes.contains($0) }
      add(
        "scope", missing.isEmpty,
        missing.isEmpty ? "has \(expect.scopes.joined(separator: " "))" : "lacks \(missing.joined(separator: ", "))")
    }
    return out
  }

  static func relative(_ t: Double, _ now: Double) -> String {
    let d = Int(min(abs(t - now), EpochSeconds.latest * 2))
    let text = d < 120 ? "\(d)s" : d < 7200 ? "\(d / 60)m" : d < 172_800 ? "\(d / 3600)h" : "\(d / 86400)d"
    return t >= now ? "in \(text)" : "\(text) ago"
  }
}
