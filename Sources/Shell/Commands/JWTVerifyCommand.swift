import Auth
import Basics
import Foundation

/// `jwt verify`: the signature against the pool's JWKS and a backend's claim checks.
enum JWTVerifyCommand {
  /// What to do when a token names its pool's Region other than the expected one: it came from a replica.
  static func issuerHint(_ got: String?, expected: String?) -> String? {
    guard let got, let expected, let pool = expected.split(separator: "/").last, got.hasSuffix("/" + pool),
      got.hasPrefix("https://cognito-idp."), let home = pool.split(separator: "_").first,
      !got.hasPrefix("https://cognito-idp.\(home).")
    else { return nil }
    return "The token comes from a replica of the pool in another Region: with IssuerConfiguration ORIGINAL each "
      + "Region issues under its own name. A backend that takes both gives both, or the pool uses the UPDATED "
      + "issuer (https://issuer-cognito-idp.PRIMARY.amazonaws.com/POOL), the same in every Region, as AWS "
      + "recommends for multi-Region replication."
  }

  static func run(_ args: Arguments, ctx: ShellContext) throws {
    let word = args["TOKEN"] ?? "id"
    let jwt = try DecodedJWT.decode(try TokenCommands.resolveToken(word, ctx: ctx))
    let settings = try ctx.configuration.settings()
    let now = ctx.clock()
    var grace = 0.0
    if let g = args.flag("grace") {
      guard let v = Double(g), v >= 0 else { throw UsageError.invalidOption("jwt verify: --grace takes seconds") }
      grace = v
    }
    let tokenUse = args.flag("token-use") ?? (word == "id" || word == "access" ? word : nil)
    if let use = tokenUse, use != "any", TokenUse(rawValue: use) == nil {
      throw UsageError.invalidChoice(use, for: "token-use", choices: ["id", "access", "any"])
    }
    // As aws-jwt-verify asks: the issuer and the client are checked, or left out on purpose.
    let anyIssuer = args.has("any-issuer")
    let anyClient = args.has("any-client")
    // The pool's own issuer form when it can be read (IssuerConfiguration), else both forms of its id.
    let known = anyIssuer || args.flag("issuer") != nil || settings.poolId == nil ? nil : ctx.account.poolIssuer()
    let issuer =
      anyIssuer ? nil : args.flag("issuer") ?? known ?? settings.poolId.map { VerifyExpectations.issuer(poolId: $0) }
    var expect = VerifyExpectations(
      issuer: issuer,
      clientIds: anyClient
        ? nil : args.flagList("client-id").isEmpty ? settings.clientId.map { [$0] } : args.flagList("client-id"),
      tokenUse: tokenUse == "any" ? nil : tokenUse,
      groups: args.flagList("group"), scopes: args.flagList("scope"), requireAll: args.has("all"),
      graceSeconds: grace)
    expect.issuerFormKnown = known != nil
    expect.leaveOut(issuer: anyIssuer, client: anyClient, tokenUse: tokenUse == "any")
    let kid = jwt.header["kid"]?.stringValue ?? ""
    if !kid.isEmpty, kid == ctx.account.mintedKid() {
      ctx.printer.note("note: this token was minted by cogsh (jwt mint) with its own key, not issued by a user pool")
    }
    let key = try lookup(
      kid: kid, jwksFlag: args.flag("jwks"), settings: settings, issuer: args.flag("issuer"),
      tokenIssuer: jwt.string("iss"), ctx: ctx)
    let source = args.flag("jwks").map { $0.hasPrefix("http") ? "the JWKS at \($0)" : $0 } ?? "the pool's JWKS"
    let results = JWTVerifier.verify(
      jwt, key: { $0 == kid ? key : nil }, expect: expect, now: now, keySource: source)
    let verdict = JWTVerifier.verdict(results, expect: expect)
    ctx.printer.result(
      .object([
        "valid": .bool(verdict.valid),
        "unchecked": .array(verdict.unchecked.map { .string($0.rawValue) }),
        "checks": .array(
          results.map {
            ["name": .string($0.name.rawValue), "status": .string($0.status.rawValue), "detail": .string($0.detail)]
          }),
      ])
    ) {
      Table.render(
        results.map {
          ("\(label($0.status))  \($0.name.rawValue)", $0.detail)
        })
    }
    if !verdict.failed.isEmpty {
      // The FAIL lines say what failed; a hint says only what to do about it.
      throw CommandError(
        "verification failed: \(StatementLexer.list(verdict.failed.map(\.rawValue).sorted()))",
        hint: verdict.failed.contains(.exp)
          ? "Get fresh tokens with `refresh`; --grace SECONDS allows for clock skew."
          : verdict.failed.contains(.iss) ? issuerHint(jwt.string("iss"), expected: issuer) : nil)
    }
    if verdict.unchecked == [.tokenUse], word != "id", word != "access" {
      throw CommandError(
        "not verified: token_use not checked",
        hint: "cogsh knows a token's kind only for the ones it keeps (`jwt verify id`, `jwt verify access`); "
          + "for this one give --token-use \(jwt.string("token_use") ?? "id|access"), or --token-use any on purpose.")
    }
    if !verdict.unchecked.isEmpty {
      throw CommandError(
        "not verified: \(StatementLexer.list(verdict.unchecked.map(\.rawValue))) not checked; the signature alone "
          + "does not say the token is for this app",
        hint: "Give --issuer, --client-id and --token-use (or set pool-id and client-id), or --any-issuer, "
          + "--any-client, --token-use any to leave them out on purpose.")
    }
  }

  static func label(_ s: CheckResult.Status) -> String {
    switch s {
    case .passed: return "pass"
    case .failed: return "FAIL"
    case .skipped: return "skip"
    case .warning: return "warn"
    }
  }

  /// The key for `kid`: from a file, a URL, or the pool's JWKS through the cache.
  static func lookup(
    kid: String, jwksFlag: String?, settings: Profile, issuer: String?, tokenIssuer: String?, ctx: ShellContext
  ) throws -> JWKS.Key? {
    if let flag = jwksFlag, !flag.hasPrefix("http://"), !flag.hasPrefix("https://") {
      let text: String
      do {
        text = try Program.readScript(flag)
      } catch {
        throw JWKSError.unreadable("\(flag): \(Printer.describe(error).0)")
      }
      return try JWKS.parse(JSON.parse(text)).keys[kid]
    }
    let url = try jwksFlag ?? defaultURL(settings: settings, issuer: issuer, tokenIssuer: tokenIssuer)
    return try ctx.account.signingKey(kid: kid, url: url)
  }

  /// Where the keys are: `<endpoint>/<pool>/.well-known/jwks.json` on an emulator; else the
  /// `.well-known/jwks.json` of the issuer given, or of the pool's issuer in the form the token names
  /// (ORIGINAL or UPDATED, each serving the pool's keys). Never from the token's own `iss` alone: anyone
  /// can mint a token naming a host whose keys they hold (aws-jwt-verify asks for the JWKS then too).
  static func defaultURL(settings: Profile, issuer: String?, tokenIssuer: String?) throws -> String {
    if let endpoint = settings.endpointURL, let pool = settings.poolId {
      return endpoint.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/\(pool)/.well-known/jwks.json"
    }
    guard let expected = issuer ?? settings.poolId.map(VerifyExpectations.issuer(poolId:)) else {
      throw CommandError(
        "no pool to fetch keys from, and the token's own iss is not trusted to name them",
        hint: "Set pool-id, or give --issuer ISS or --jwks FILE|URL.")
    }
    let base = tokenIssuer.flatMap { $0 == VerifyExpectations.otherForm(of: expected) ? $0 : nil } ?? expected
    return base.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/.well-known/jwks.json"
  }
}

/// `jwt compare`: do the current user's id and access tokens belong together, and which
/// API Gateway authorizer takes which.
enum JWTCompare {
  static func run(ctx: ShellContext) throws {
    let user = try ctx.account.currentUser()
    guard let idText = user.tokens.idToken else { throw CommandError("the current user has no id token") }
    let id = try DecodedJWT.decode(idText)
    let access = try DecodedJWT.decode(user.tokens.accessToken)
    var rows: [(String, String)] = []
    var json: [String: JSON] = [:]
    for claim in ["sub", "origin_jti", "event_id", "auth_time"] {
      let a = id.claims[claim]
      let b = access.claims[claim]
      let same = a != nil && a == b
      rows.append((claim, a == nil && b == nil ? "absent in both" : same ? "same" : "DIFFERENT"))
      json[claim] = .bool(same)
    }
    rows.append(("HTTP API JWT authorizer", "access token (checks client_id \(access.string("client_id") ?? "?"))"))
    rows.append(("REST API Cognito authorizer", "id token (checks aud \(id.string("aud") ?? "?"))"))
    ctx.printer.result(.object(json)) { Table.render(rows) }
  }
}
