import Auth
import Basics
import Foundation

/// `jwt mint`: Cognito-shaped ID and access tokens for a backend's tests, signed with a key cogsh keeps.
enum JWTMintCommand {
  static let spec = CommandSpec(
    "jwt", "mint",
    summary: "make a Cognito-shaped token for a backend's tests, signed with cogsh's own key (not the pool's)",
    flags: [
      Flag(
        "token-use", value: "USE",
        help: "id (default), access, or both (an ID and an access token of one sign-in: one origin_jti and event_id)",
        completion: .choices(["id", "access", "both"])),
      Flag("pool-id", value: "ID", help: "the pool whose issuer the tokens name (default: the profile's)"),
      Flag("client-id", value: "ID", help: "aud / client_id (default: the profile's app client)"),
      Flag(
        "issuer-form", value: "FORM", help: "the pool's issuer as ORIGINAL (default) or UPDATED gives it",
        completion: .choices(["original", "updated"])),
      Flag("issuer-url", value: "URL", help: "the issuer outright (the one `issuer serve` serves)"),
      Flag("username", value: "NAME", help: "cognito:username / username (default: test-user)"),
      Flag("sub", value: "UUID", help: "the user's sub (default: a new one)"),
      Flag("group", value: "G", repeatable: true, help: "a group in cognito:groups"),
      Flag("scope", value: "S", repeatable: true, help: "a scope of the access token"),
      Flag("claim", value: "NAME=VALUE", repeatable: true, help: "a claim (VALUE as JSON when it is a JSON value)"),
      Flag("claims", value: "FILE", help: "claims from a JSON object in FILE", completion: .files),
      Flag("expires-in", value: "DURATION", help: "from the issue time to exp: 90, 90s, 5m, 2h (default 1h)"),
      Flag("issued-at", value: "TIME", help: "iat and auth_time: epoch seconds, or -DURATION ago (default now)"),
      Flag("key", value: "FILE", help: "an RSA private key (PEM) to sign with, instead of cogsh's", completion: .files),
      Flag("jwks", value: "FILE", help: "also write the JWKS that verifies the token to FILE", completion: .files),
    ],
    details: """
      The claims are those of a user pool's tokens, in the order Cognito writes them; iss is the profile's pool
      (its ORIGINAL or UPDATED form) unless --issuer-url gives it, aud or client_id the profile's app client.
      The key is kept 0600 under $COGSH_HOME (made on first use); `jwt verify TOKEN --jwks FILE` checks a minted
      token as a backend would, and says when a token is one cogsh minted.
      """,
    handler: { args, ctx in
      let settings = try ctx.configuration.settings()
      let use = args.flag("token-use") ?? "id"
      let uses: [TokenUse] = use == "both" ? [.id, .access] : TokenUse(rawValue: use).map { [$0] } ?? []
      guard !uses.isEmpty else {
        throw UsageError.invalidChoice(use, for: "token-use", choices: ["id", "access", "both"])
      }
      if let pool = args.flag("pool-id"), !TokenMint.isPoolId(pool) {
        throw UsageError.invalidOption(
          "jwt mint: --pool-id \(UsageError.shown(pool)) is not a user pool id (REGION_ID: eu-west-1_AbC123)")
      }
      let issuer = try JWTMintCommand.issuer(args, poolId: args.flag("pool-id") ?? settings.poolId)
      let now = ctx.clock()
      var request = MintRequest(
        tokenUse: uses[0], issuer: issuer, clientId: try args.flag("client-id") ?? ctx.configuration.clientId(),
        username: args.flag("username") ?? "test-user", sub: args.flag("sub") ?? UUID().uuidString.lowercased(),
        issuedAt: try issuedAt(args.flag("issued-at"), now: now),
        expiresIn: try Double(duration(args.flag("expires-in") ?? "1h", flag: "--expires-in")))
      request.groups = args.flagList("group")
      request.scopes = args.flagList("scope").flatMap { $0.split(separator: " ").map(String.init) }
      request.claims = try claims(args)
      let key = try ctx.account.mintKey(file: args.flag("key"))
      let signIn = TokenMint.SignIn()
      let tokens = try uses.map { use in
        request.tokenUse = use
        return try TokenMint.mint(request, key: key, signIn: signIn)
      }
      if let file = args.flag("jwks") {
        try UserFile.write(try TokenMint.jwks(key).serialized(pretty: true) + "\n", to: file, mode: 0o644)
      }
      let shown = try tokens.map {
        JSON.object(["token": .string($0), "claims": .object(try DecodedJWT.decode($0).claims)])
      }
      // One token as before; both, under their uses. A token a line, the ID token first.
      ctx.printer.result(uses.count == 1 ? shown[0] : .object(["id": shown[0], "access": shown[1]])) {
        tokens.joined(separator: "\n")
      }
      return .proceed
    })

  static func issuer(_ args: Arguments, poolId: String?) throws -> String {
    if let url = args.flag("issuer-url") { return url }
    guard let pool = poolId else { throw ConfigurationError.noPool }
    let original = VerifyExpectations.issuer(poolId: pool)
    switch args.flag("issuer-form") ?? "original" {
    case "original": return original
    case "updated": return VerifyExpectations.otherForm(of: original) ?? original
    case let other: throw UsageError.invalidChoice(other, for: "issuer-form", choices: ["original", "updated"])
    }
  }

  static func duration(_ word: String, flag: String) throws -> Int {
    guard let seconds = Sandbox.seconds(word) else {
      throw UsageError.invalidOption("jwt mint: \(flag) \(UsageError.shown(word)) is not a duration (90, 90s, 5m, 2h)")
    }
    return seconds
  }

  static func issuedAt(_ word: String?, now: Double) throws -> Double {
    guard let word else { return now }
    if word.hasPrefix("-") { return now - Double(try duration(String(word.dropFirst()), flag: "--issued-at")) }
    guard let epoch = Double(word), epoch >= 0, epoch < 1e11 else {
      throw UsageError.invalidOption(
        "jwt mint: --issued-at \(UsageError.shown(word)) is not epoch seconds or -DURATION (-2h)")
    }
    return epoch
  }

  static func claims(_ args: Arguments) throws -> [(String, JSON)] {
    var out: [(String, JSON)] = []
    if let file = args.flag("claims") {
      guard let text = try? Program.readScript(file), let object = try? JSON.parse(text).objectValue
      else { throw CommandError("jwt mint: \(file) is not a readable JSON object of claims") }
      out += object.keys.sorted().map { ($0, object[$0] ?? .null) }
    }
    for pair in args.flagList("claim") {
      guard let eq = pair.firstIndex(of: "="), eq != pair.startIndex else {
        throw UsageError.invalidOption("jwt mint: --claim takes NAME=VALUE, not \(UsageError.shown(pair))")
      }
      let value = String(pair[pair.index(after: eq)...])
      // A JSON value (a number, true, a list) as itself; any other text as a string.
      let parsed = (try? JSON.parse(value)).flatMap { $0.stringValue == nil ? $0 : nil }
      out.append((String(pair[..<eq]), parsed ?? .string(value)))
    }
    return out
  }
}
