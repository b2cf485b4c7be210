import Auth
import Basics
import Foundation

/// tokens, jwt decode.
enum TokenCommands {
  static let all: [CommandSpec] = [tokens, jwt, export]

  static let tokens = CommandSpec(
    name: "tokens", group: "Tokens", summary: "the current user's tokens: kind, expiry, remaining lifetime",
    handler: { _, ctx in
      let user = try ctx.account.currentUser()
      let now = ctx.clock()
      var rows: [(String, String)] = [("user", user.username)]
      var json: [String: JSON] = ["username": .string(user.username)]
      for (kind, token) in [("id", user.tokens.idToken), ("access", user.tokens.accessToken)] {
        guard let token, let jwt = try? DecodedJWT.decode(token) else { continue }
        let exp = jwt.time("exp").value ?? user.tokens.expiresAt
        rows.append((kind, "\(TimeText.utc(exp))  (\(TimeText.expiry(exp, now: now)))"))
        json[kind] = .object([
          "expiresAt": .number(exp), "secondsLeft": .number((exp - now).rounded(.down)),
          "tokenUse": jwt.string("token_use").map { .string($0) } ?? .null,
        ])
      }
      rows.append(("refresh", user.tokens.refreshToken == nil ? "none" : "present (opaque; use `refresh`)"))
      json["refresh"] = .bool(user.tokens.refreshToken != nil)
      if let aws = ctx.account.keptIdentity(of: user.username) {
        rows.append(
          ("aws", "\(aws.accessKeyId) from identity \(aws.identityId) (\(TimeText.expiry(aws.expiration, now: now)))"))
        json["aws"] = .object([
          "accessKeyId": .string(aws.accessKeyId), "identityId": .string(aws.identityId),
          "expiresAt": .number(aws.expiration),
        ])
      }
      ctx.printer.result(.object(json)) { Table.render(rows) }
      return .proceed
    })

  /// A pasted token is a bearer credential: such a line stays out of the history.
  static let token = Param("TOKEN", optional: true, secret: .jwt, completion: .suggestions(["id", "access", "-"]))
  static let tokenHelp = "TOKEN is id or access (the current user's; id by default), a JWT, $ID_TOKEN, or - for stdin."

  /// What a reader of a decoded token should not miss: it expired, it is unsigned, it is not valid
  /// yet, or it was issued in the future (the clocks disagree).
  static func decodeWarnings(_ decoded: DecodedJWT, now: Double) -> [String] {
    var out: [String] = []
    let alg = decoded.header["alg"]?.stringValue ?? "none"
    if alg.lowercased() == "none" || decoded.signature.isEmpty {
      out.append("this token is unsigned (alg \(alg)): anyone could have written it, and no backend should accept it")
    }
    if let exp = decoded.time("exp").value, exp < now {
      out.append("this token expired \(TimeText.duration(now - exp)) ago")
    }
    if let nbf = decoded.time("nbf").value, nbf > now {
      out.append("this token is not valid for another \(TimeText.duration(nbf - now)) (nbf)")
    }
    if let iat = decoded.time("iat").value, iat > now + 60 {
      out.append("this token says it was issued \(TimeText.duration(iat - now)) from now (iat): the clocks disagree")
    }
    return out
  }

  static let jwt = CommandSpec(
    name: "jwt", group: "Tokens", summary: "decode or verify a JWT, or compare the current user's tokens",
    subcommands: [
      CommandSpec(
        "jwt", "decode", summary: "the header and claims, explained; the signature is not checked",
        params: [token], details: tokenHelp,
        handler: { args, ctx in
          let decoded = try DecodedJWT.decode(try resolveToken(args["TOKEN"] ?? "id", ctx: ctx))
          let now = ctx.clock()
          ctx.printer.result(
            .object([
              "header": .object(decoded.header), "claims": .object(decoded.claims), "signatureChecked": .bool(false),
            ])
          ) {
            describe(
              decoded, now: now, sandbox: (try? ctx.configuration.settings().isSandbox) == true,
              added: addedByTrigger(decoded, recorder: ctx.account.recorder))
          }
          for warning in decodeWarnings(decoded, now: now) { ctx.printer.diagnostic("warning: " + warning) }
          return .proceed
        }),
      CommandSpec(
        "jwt", "verify",
        summary: "the signature against the pool's JWKS and a backend's claim checks, each printed; 1 if any fails",
        params: [token],
        flags: [
          Flag(
            "client-id", value: "ID", repeatable: true,
            help: "an app client the token may be for; give several to accept any of them (default: the profile's)"),
          Flag(
            "token-use", value: "USE",
            help: "id or access (default: the kind TOKEN names); any leaves the check out on purpose",
            completion: .choices(["id", "access", "any"])),
          Flag(
            "group", value: "G", repeatable: true,
            help: "require membership of G (cognito:groups); given several, of at least one, as aws-jwt-verify"),
          Flag(
            "scope", value: "S", repeatable: true,
            help: "require scope S; given several, at least one, as aws-jwt-verify"),
          Flag("all", help: "require every --group and every --scope given, not one of them"),
          Flag("grace", value: "SECONDS", help: "clock skew allowed for exp and nbf (iat is shown, not checked)"),
          Flag(
            "jwks", value: "FILE|URL", help: "the key set (default: the pool's, fetched and cached)",
            completion: .files),
          Flag(
            "issuer", value: "ISS",
            help: "the expected issuer (default: the pool's, in its ORIGINAL or UPDATED form); its JWKS is used"),
          Flag("any-issuer", help: "do not check iss, on purpose (else an unchecked iss fails the verdict)"),
          Flag("any-client", help: "do not check aud/client_id, on purpose (likewise)"),
        ],
        details: tokenHelp
          + "\nA check with nothing to compare with is shown as skipped and fails the verdict, unless left out on purpose.",
        handler: { args, ctx in
          try JWTVerifyCommand.run(args, ctx: ctx)
          return .proceed
        }),
      JWTMintCommand.spec,
      CommandSpec(
        "jwt", "compare",
        summary: "do the current user's id and access tokens belong together; which authorizer takes which",
        handler: { _, ctx in
          try JWTCompare.run(ctx: ctx)
          return .proceed
        }),
    ])

  static func resolveToken(_ word: String, ctx: ShellContext) throws -> String {
    switch word {
    case "id":
      guard let t = try ctx.account.currentUser().tokens.idToken else {
        throw CommandError("the current user has no id token")
      }
      return t
    case "access": return try ctx.account.currentUser().tokens.accessToken
    case "-":
      let text = try BoundedInput.all(
        fd: STDIN_FILENO, what: "the token on standard input", limit: BoundedInput.lineLimit)
      return text.split(whereSeparator: \.isNewline).joined().trimmingCharacters(in: .whitespacesAndNewlines)
    default: return word
    }
  }

  static let timeClaims: Set<String> = ["exp", "iat", "nbf", "auth_time"]

  /// One line on what each Cognito claim means.
  static let explanations: [String: String] = [
    "token_use": "id: who the user is; access: what the bearer may do",
    "cognito:username": "the internal username (the sub in an email pool); SECRET_HASH uses it on refresh",
    "username": "the internal username (access tokens)",
    "cognito:groups": "the user's groups; an API can authorize on them",
    "scope": "what the access token allows; API sign-in gives aws.cognito.signin.user.admin",
    "auth_time": "when the user signed in; refreshing does not change it",
    "origin_jti": "shared by the tokens of one sign-in; revocation follows it",
    "event_id": "the sign-in event the tokens belong to",
    "client_id": "the app client (access tokens have no aud)",
    "aud": "the app client (id tokens)",
    "sub": "the user's unique, permanent id",
    "iss": "the pool that issued it; its keys are at iss/.well-known/jwks.json",
    "exp": "expiry",
    "iat": "issued at",
    "jti": "this token's unique id",
    "device_key": "the remembered device this sign-in used",
  ]

  /// The claims of `jwt` that this session's last PreTokenGeneration run for its user added or overrode.
  static func addedByTrigger(_ jwt: DecodedJWT, recorder: FlightRecorder) -> Set<String> {
    guard let use = jwt.string("token_use"),
      let user = jwt.string("cognito:username") ?? jwt.string("username") ?? jwt.string("sub")
    else { return [] }
    let run = recorder.exchanges.reversed().lazy.flatMap { $0.event.invocations.reversed() }.first {
      $0.trigger == "PreTokenGeneration" && $0.event["userName"]?.stringValue == user
    }
    return Set(run?.addedClaims(use) ?? [])
  }

  static func describe(_ jwt: DecodedJWT, now: Double, sandbox: Bool = false, added: Set<String> = []) -> String {
    func rows(_ members: [String: JSON], times: Bool) -> [(String, String)] {
      members.sorted { $0.key < $1.key }.map { key, value in
        if times, timeClaims.contains(key), case .invalid(let why) = jwt.time(key) {
          return ("  " + key, why)
        }
        if times, timeClaims.contains(key), let n = jwt.time(key).value {
          let rel = key == "exp" ? TimeText.expiry(n, now: now) : TimeText.relative(n, now: now)
          return (
            "  " + key,
            "\(EpochSeconds.describe(n))  \(TimeText.utc(n))  (\(rel))"
              + (key == "auth_time" ? "   # \(explanations[key] ?? "")" : "")
          )
        }
        let text = value.stringValue ?? value.serialized()
        if sandbox, key == "email", SandboxQuirks.emailIsSub(jwt) {
          return ("  " + key, text + "   # moto puts the sub here; Cognito gives the email address")
        }
        if added.contains(key) { return ("  " + key, text + "   # added by the PreTokenGeneration trigger") }
        return ("  " + key, text + (explanations[key].map { "   # \($0)" } ?? ""))
      }
    }
    let header = Table.render(rows(decoded: jwt.header))
    let claims = Table.render(rows(jwt.claims, times: true))
    return "header\n\(header)\nclaims\n\(claims)\nsignature not checked: decoding does not verify it (use `jwt verify`)"
    func rows(decoded: [String: JSON]) -> [(String, String)] { rows(decoded, times: false) }
  }

  static let export = CommandSpec(
    name: "export", group: "Tokens", summary: "the current user's tokens for curl and other tools",
    flags: [
      Flag(
        "format", value: "FORMAT",
        help: "sh (export lines, the default), dotenv or json; with --aws also credential-process",
        completion: .choices(["sh", "dotenv", "json", "credential-process"])),
      Flag("refresh", help: "include the refresh token (a long-lived secret)"),
      Flag("aws", help: "the identity pool's AWS credentials instead (renewed first when near expiry)"),
      IdentityCommands.guest,
    ],
    details: """
      Example: eval "$(cogsh -c export)"; curl -H "Authorization: Bearer $COGNITO_ACCESS_TOKEN" …
      For the AWS CLI, in ~/.aws/config: credential_process = cogsh -c "export --aws --format credential-process"
      """,
    handler: { args, ctx in
      if args.has("aws") {
        try IdentityCommands.exportAWS(
          format: args.flag("format") ?? (ctx.printer.mode == .json ? "json" : "sh"), guest: args.has("guest"),
          ctx: ctx)
        return .proceed
      }
      let user = try ctx.account.currentUser()
      var values: [(String, String)] = []
      if let id = user.tokens.idToken { values.append(("COGNITO_ID_TOKEN", id)) }
      values.append(("COGNITO_ACCESS_TOKEN", user.tokens.accessToken))
      if args.has("refresh"), let r = user.tokens.refreshToken { values.append(("COGNITO_REFRESH_TOKEN", r)) }
      // --output json asks for JSON here as everywhere; --format still wins.
      let format = args.flag("format") ?? (ctx.printer.mode == .json ? "json" : "sh")
      switch format {
      case "sh":
        // Quoted for eval: a token from a hostile server may hold a quote.
        ctx.printer.plain(
          values.map { "export \($0.0)='\($0.1.replacingOccurrences(of: "'", with: "'\\''"))'" }.joined(separator: "\n")
        )
      case "dotenv": ctx.printer.plain(values.map { "\($0.0)=\($0.1)" }.joined(separator: "\n"))
      case "json":
        ctx.printer.json(JSON.object(Dictionary(values.map { ($0.0, JSON.string($0.1)) }) { a, _ in a }))
      default:
        throw UsageError.invalidChoice(format, for: "format", choices: ["sh", "dotenv", "json"])
      }
      return .proceed
    })
}
