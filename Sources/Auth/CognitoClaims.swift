import Basics
import Cognito

/// Which kind of Cognito token: `token_use`.
public enum TokenUse: String, Sendable, CaseIterable {
  case id, access
}

/// The claims of a Cognito id or access token, typed, as jwt-kit types a payload: what cogsh reads,
/// shows and checks. Time claims keep their range check (`TimeClaim`).
public struct CognitoClaims: Sendable, Equatable {
  /// `token_use` as the token says it; `tokenUse` is nil when it is neither id nor access.
  public var rawTokenUse: String?
  public var tokenUse: TokenUse? { rawTokenUse.flatMap(TokenUse.init(rawValue:)) }
  public var subject: String?
  public var issuer: String?
  /// `aud`: the app client of an id token; RFC 7519 lets it be a list, any of which may match.
  public var audiences: [String]
  /// The first of `audiences`, as shown.
  public var audience: String? { audiences.first }
  /// `client_id`: the app client of an access token.
  public var clientId: String?
  /// `cognito:username` (id token) or `username` (access token): the internal username.
  public var username: String?
  public var groups: [String]
  public var scopes: [String]
  public var deviceKey: String?
  public var expiration: TimeClaim
  public var notBefore: TimeClaim
  public var issuedAt: TimeClaim
  public var authTime: TimeClaim

  public init(_ jwt: DecodedJWT) {
    rawTokenUse = jwt.string("token_use")
    subject = jwt.string("sub")
    issuer = jwt.string("iss")
    audiences = jwt.string("aud").map { [$0] } ?? jwt.claims["aud"]?.arrayValue?.compactMap(\.stringValue) ?? []
    clientId = jwt.string("client_id")
    username = jwt.string("cognito:username") ?? jwt.string("username")
    groups = jwt.claims["cognito:groups"]?.arrayValue?.compactMap(\.stringValue) ?? []
    scopes = (jwt.string("scope") ?? "").split(separator: " ").map(String.init)
    deviceKey = jwt.string("device_key")
    expiration = jwt.time("exp")
    notBefore = jwt.time("nbf")
    issuedAt = jwt.time("iat")
    authTime = jwt.time("auth_time")
  }

  /// The claim that names the app client: `client_id` in an access token, `aud` otherwise.
  public var clientClaim: CheckName { tokenUse == .access ? .clientId : .aud }

  /// The app client the token is for.
  public var client: String? { tokenUse == .access ? clientId : audience }

  /// Every app client the token names (an `aud` list has several).
  public var clients: [String] { tokenUse == .access ? (clientId.map { [$0] } ?? []) : audiences }

  /// The time checks, each named: exp (required), nbf and iat (when present), with `grace` seconds
  /// of clock skew. An iat in the future is a warning: aws-jwt-verify does not check iat.
  public func verify(now: Double, grace: Double = 0) -> [CheckResult] {
    var out: [CheckResult] = []
    switch expiration {
    case .time(let exp):
      let ok = exp + grace >= now
      let detail =
        exp >= now
        ? "expires \(Relative.text(exp, now))"
        : "expired \(Relative.text(exp, now))" + (ok ? ", within the grace of \(Int(grace)) s" : "")
      out.append(.init(ok, .exp, detail))
    case .invalid(let why): out.append(.init(false, .exp, "exp \(why)"))
    case .absent: out.append(.init(false, .exp, "no exp claim"))
    }
    switch notBefore {
    case .time(let nbf):
      let ok = nbf - grace <= now
      out.append(
        .init(ok, .nbf, ok ? "valid since \(Relative.text(nbf, now))" : "not valid before \(Relative.text(nbf, now))"))
    case .invalid(let why): out.append(.init(false, .nbf, "nbf \(why)"))
    case .absent: break
    }
    switch issuedAt {
    case .time(let iat):
      out.append(
        iat - grace <= now
          ? .init(true, .iat, "issued \(Relative.text(iat, now))")
          : CheckResult(
            name: .iat, status: .warning,
            detail: "issued in the future (\(Relative.text(iat, now))): the clocks disagree; not a failure"))
    case .invalid(let why): out.append(.init(false, .iat, "iat \(why)"))
    case .absent: break
    }
    return out
  }
}

extension CheckResult {
  /// A check that passed or failed.
  init(_ ok: Bool, _ name: CheckName, _ detail: String) {
    self.init(name: name, status: ok ? .passed : .failed, detail: detail)
  }

  /// A check with nothing to compare with: shown as skipped, never counted as passed.
  static func skipped(_ name: CheckName, _ detail: String) -> CheckResult {
    CheckResult(name: name, status: .skipped, detail: detail)
  }
}

/// "in 5m", "2h ago": a time relative to now, as the checks word it.
enum Relative {
  static func text(_ t: Double, _ now: Double) -> String {
    let d = Int(min(abs(t - now), EpochSeconds.latest * 2))
    let text = d < 120 ? "\(d)s" : d < 7200 ? "\(d / 60)m" : d < 172_800 ? "\(d / 3600)h" : "\(d / 86400)d"
    return t >= now ? "in \(text)" : "\(text) ago"
  }
}
