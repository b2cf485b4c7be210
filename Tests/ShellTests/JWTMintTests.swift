import Basics
import Cognito
import Foundation
import Testing

/// `jwt mint`: Cognito-shaped tokens, checked by cogsh's verifier and by an independent one (joserfc).
@Suite("jwt mint")
struct JWTMintTests {
  static let profile = ["--pool-id", "eu-west-1_Mint", "--client-id", "client-a"]

  static func payload(_ token: String) throws -> String {
    let part = token.split(separator: ".").dropFirst().first.map(String.init) ?? ""
    return String(decoding: try #require(Base64URL.decode(part)), as: UTF8.self)
  }

  @Test("the claims in Cognito's order, for an ID and an access token; the key kept 0600")
  func shape() throws {
    let cogsh = Cogsh()
    let id = try cogsh.run(
      Self.profile + ["-c", "jwt mint --username taro --group admins --claim email=taro@example.com"])
    #expect(id.status == 0, "\(id.stderr)")
    let idText = try Self.payload(id.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    let idOrder = [
      "sub", "cognito:groups", "iss", "cognito:username", "origin_jti", "aud", "event_id", "token_use",
      "auth_time", "exp", "iat", "jti", "email",
    ]
    #expect(Self.keys(idText) == idOrder, "\(idText)")
    let access = try cogsh.run(
      Self.profile + ["-c", "jwt mint --token-use access --scope orders/read --issuer-form updated"])
    let accessText = try Self.payload(access.stdout.trimmingCharacters(in: .whitespacesAndNewlines))
    #expect(
      Self.keys(accessText) == [
        "sub", "iss", "version", "client_id", "origin_jti", "event_id", "token_use", "scope", "auth_time", "exp",
        "iat", "jti", "username",
      ], "\(accessText)")
    #expect(accessText.contains(#""iss":"https://issuer-cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Mint""#))
    #expect(fileMode(cogsh.cogshHome + "/mint-key.pem") == 0o600)
    // Minted together, the ID and the access token are one sign-in's: one origin_jti, event_id, sub, auth_time.
    let both = try cogsh.run(Self.profile + ["-c", "jwt mint --token-use both --pool-id ap-northeast-1_Both"])
    let pair = try both.stdout.split(separator: "\n").map { try JSON.parse(Self.payload(String($0))) }
    try #require(pair.count == 2, "\(both.stdout)\(both.stderr)")
    #expect(pair[0]["token_use"]?.stringValue == "id" && pair[1]["token_use"]?.stringValue == "access")
    for claim in ["origin_jti", "event_id", "sub", "auth_time"] {
      #expect(pair[0][claim] != nil && pair[0][claim] == pair[1][claim], "\(claim)")
    }
    #expect(pair[0]["jti"] != pair[1]["jti"])
    #expect(pair[0]["iss"]?.stringValue == "https://cognito-idp.ap-northeast-1.amazonaws.com/ap-northeast-1_Both")
    let bad = try cogsh.run(Self.profile + ["-c", "jwt mint --pool-id nopool"])
    #expect(bad.status == 2 && bad.stderr.contains("is not a user pool id"), "\(bad.stderr)")
  }

  /// The top-level keys of a JSON object's text, in order.
  static func keys(_ text: String) -> [String] {
    var keys: [String] = []
    var depth = 0
    var i = text.startIndex
    while i < text.endIndex {
      let c = text[i]
      if c == "{" || c == "[" { depth += 1 } else if c == "}" || c == "]" { depth -= 1 }
      if c == "\"" {
        let start = text.index(after: i)
        var end = start
        while text[end] != "\"" { end = text.index(end, offsetBy: text[end] == "\\" ? 2 : 1) }
        let next = text.index(after: end)
        if depth == 1, next < text.endIndex, text[next] == ":", text[text.index(before: i)] != ":" {
          keys.append(String(text[start..<end]))
        }
        i = next
        continue
      }
      i = text.index(after: i)
    }
    return keys
  }

  @Test(
    "verified by cogsh and by joserfc with the JWKS; refused expired, not yet valid, of the wrong use, for another client"
  )
  func verifiers() throws {
    let cogsh = Cogsh()
    let jwks = cogsh.home.path + "/jwks.json"
    func mint(_ options: String) throws -> String {
      let r = try cogsh.run(Self.profile + ["-c", "jwt mint \(options) --jwks \(jwks)"])
      #expect(r.status == 0, "\(r.stderr)")
      return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let good = try mint("--token-use access --group admins --scope orders/read")
    let verified = try cogsh.run(
      Self.profile + ["-c", "jwt verify \(good) --jwks \(jwks) --token-use access --scope orders/read"])
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    #expect((verified.stdout + verified.stderr).contains("minted by cogsh (jwt mint)"))
    let now = Int(Date().timeIntervalSince1970)
    let cases: [(String, String, String)] = [
      ("--issued-at -2h --expires-in 1h", "--token-use id", "FAIL  exp"),
      // Not yet valid: an nbf to come (a future iat is a clock disagreement, which cogsh only warns of).
      ("--claim nbf=\(now + 3600)", "--token-use id", "FAIL  nbf"),
      ("--token-use access", "--token-use id", "FAIL  token_use"),
      ("", "--token-use id --client-id client-b", "FAIL  aud"),
    ]
    for (options, check, failure) in cases {
      let token = try mint(options)
      let r = try cogsh.run(Self.profile + ["-c", "jwt verify \(token) --jwks \(jwks) \(check)"])
      #expect(r.status == 1 && r.stdout.contains(failure), "\(options): \(r.stdout)")
    }
    // joserfc (moto's JOSE library, an implementation of its own) with the same JWKS and claim checks.
    let check = """
      import json, sys, time
      from joserfc import jwt
      from joserfc.jwk import KeySet
      keys = KeySet.import_key_set(json.load(open(sys.argv[1])))
      for line in sys.stdin:
          token, use, client = line.split()
          try:
              t = jwt.decode(token, keys, algorithms=["RS256"])
              c = t.claims
              ok = (c["iss"] == "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Mint" and c["token_use"] == use
                    and c.get("client_id", c.get("aud")) == client and c.get("nbf", 0) <= time.time() < c["exp"])
              print("accepted" if ok else "refused")
          except Exception as e:
              print("refused", type(e).__name__)
      """
    let lines = [
      "\(good) access client-a", "\(try mint("--issued-at -2h --expires-in 1h")) id client-a",
      "\(try mint("")) access client-a", "\(try mint("")) id client-b", "\(try mint("")) id client-a",
      "\(try mint("--claim nbf=\(now + 3600)")) id client-a",
    ]
    let input = cogsh.home.path + "/tokens.txt"
    try (lines.joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
    let r = try runProgram(
      "/bin/sh", ["-c", "\(try HelperServer.python()) -c '\(check)' \(jwks) < \(input)"], environment: [:])
    #expect(
      r.stdout.split(separator: "\n").map { String($0.split(separator: " ")[0]) } == [
        "accepted", "refused", "refused", "refused", "accepted", "refused",
      ], "\(r.stdout)\(r.stderr)")
  }

  @Test("--key signs with a key of the user's; a file that is not one is refused by name")
  func ownKey() throws {
    let cogsh = Cogsh()
    let key = try RSAPrivateKey.generate()
    let file = cogsh.home.path + "/mine.pem"
    try key.pem.write(toFile: file, atomically: true, encoding: .utf8)
    let r = try cogsh.run(Self.profile + ["-c", "jwt mint --key \(file)"])
    #expect(r.status == 0 && !FileManager.default.fileExists(atPath: cogsh.cogshHome + "/mint-key.pem"))
    let kid = try JSON.parse(
      Data(
        String(decoding: try #require(Base64URL.decode(String(r.stdout.split(separator: ".")[0]))), as: UTF8.self).utf8)
    )["kid"]
    #expect(kid?.stringValue == (try key.publicJWK())["kid"]?.stringValue)
    let bad = try cogsh.run(Self.profile + ["-c", "jwt mint --key \(cogsh.home.path)/nothing.pem"])
    #expect(bad.status == 1 && bad.stderr.contains("cannot read the key file"))
  }
}

/// `issuer serve` ended or printed something other than its issuer.
struct ServeFailed: Error, CustomStringConvertible {
  var printed: String
  var description: String { "issuer serve printed no issuer: \(printed)" }
}

/// `issuer serve`: the minting key's JWKS over HTTP, for a backend's verifier.
@Suite("issuer serve")
struct IssuerServeTests {
  /// `issuer serve OPTIONS` running in `cogsh`'s home, and the issuer URL it serves.
  static func serve(_ cogsh: Cogsh, _ options: String = "") throws -> (Process, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Project.cogsh)
    process.arguments = JWTMintTests.profile + ["-c", "issuer serve \(options)"]
    process.environment = [
      "PATH": "/usr/bin:/bin", "HOME": cogsh.home.path, "COGSH_HOME": cogsh.cogshHome, "NO_COLOR": "1",
    ]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    // The issuer URL is the first line it prints; the read waits on the pipe, not on a clock.
    var printed = ""
    while !printed.contains("\n"), case let chunk = out.fileHandleForReading.availableData, !chunk.isEmpty {
      printed += String(decoding: chunk, as: UTF8.self)
    }
    let issuer = printed.split(separator: " ").dropFirst().first.map {
      String($0).replacingOccurrences(of: "/.well-known/jwks.json", with: "")
    }
    guard let issuer else {
      process.terminate()
      throw ServeFailed(printed: printed)
    }
    return (process, issuer)
  }

  @Test(
    "a backend-style verifier fetches the served JWKS and takes a token with the group and scope, refuses one without; Ctrl-C stops it"
  )
  func backend() throws {
    let cogsh = Cogsh()
    let (process, issuer) = try Self.serve(cogsh)
    defer { if process.isRunning { process.terminate() } }
    #expect(issuer.hasPrefix("http://127.0.0.1:") && issuer.hasSuffix("/eu-west-1_Mint"), "\(issuer)")
    func mint(_ options: String) throws -> String {
      let r = try cogsh.run(
        JWTMintTests.profile + ["-c", "jwt mint --token-use access --issuer-url \(issuer) \(options)"])
      #expect(r.status == 0, "\(r.stderr)")
      return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }
    let good = try mint("--group admins --scope orders/read")
    let plain = try mint("")
    // A backend's verifier written with PyJWT: the keys from the issuer's JWKS URL over HTTP (found in its
    // openid-configuration), then the checks an API makes.
    let backend = """
      import json, sys, urllib.request
      import jwt
      issuer = sys.argv[1]
      config = json.load(urllib.request.urlopen(issuer + "/.well-known/openid-configuration"))
      keys = jwt.PyJWKClient(config["jwks_uri"])
      for token in sys.argv[2:]:
          key = keys.get_signing_key_from_jwt(token).key
          c = jwt.decode(token, key, algorithms=["RS256"], issuer=issuer, options={"require": ["exp", "iss"]})
          ok = (c["token_use"] == "access" and c["client_id"] == "client-a" and "admins" in c.get("cognito:groups", [])
                and "orders/read" in c["scope"].split())
          print("allowed" if ok else "denied")
      """
    let r = try runProgram(try HelperServer.python(), ["-c", backend, issuer, good, plain], environment: [:])
    #expect(r.stdout == "allowed\ndenied\n", "\(r.stdout)\(r.stderr)")
    // cogsh's own verifier takes the keys from the same issuer.
    let verified = try cogsh.run(
      JWTMintTests.profile + ["-c", "jwt verify \(good) --issuer \(issuer) --token-use access --group admins"])
    #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit, "Ctrl-C ends the serving, and cogsh, normally")
  }
}

/// A walkthrough previews each step before it runs it: `jwt mint --jwks FILE` and `issuer serve` are
/// previewed by what they would do first, without writing the file or serving.
@Suite("jwt mint and issuer serve in a walkthrough's preview", .serialized)
struct MintPreviewTests {
  @Test(
    "the preview says the file it would write and the address it would listen on; neither happens",
    .enabled(if: REPLTests.ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func preview() throws {
    let cogsh = Cogsh()
    _ = try cogsh.run(JWTMintTests.profile + ["-c", "jwt mint"])  // the key, made before the walkthrough
    let out = cogsh.home.path + "/jwks-from-preview.json"
    let walk = cogsh.home.path + "/mint.walk"
    try """
    name: mint
    summary: tokens for a backend

    step: jwt mint --jwks \(out)
    why: a token, and the key set that verifies it
    step: issuer serve --port 47999
    why: the key set, served
    """.write(toFile: walk, atomically: true, encoding: .utf8)
    let t = try REPLTests.Terminal(home: cogsh.cogshHome, arguments: JWTMintTests.profile.joined(separator: " "))
    #expect(t.wait(for: "> ") && t.ready())
    t.type("walkthrough \(walk)\r")
    #expect(t.wait(for: "[s] skip"), "\(t.seen)")
    #expect(t.seen.contains("sends no request first: it writes \(out)"), "\(t.seen)")
    t.type("s\r")
    #expect(t.wait(for: "[s] skip", times: 2), "\(t.seen)")
    #expect(t.seen.contains("it first listens on 127.0.0.1:47999"), "\(t.seen)")
    t.type("q\r")
    #expect(t.wait(for: "left at step 2"), "\(t.seen)")
    #expect(t.ready())
    t.type("\u{04}")
    #expect(t.finish() == 0)
    #expect(!FileManager.default.fileExists(atPath: out), "the preview wrote the file")
  }
}

/// Every combination of token use (id, access, both), issuer (ORIGINAL, UPDATED, a served URL) and key
/// (cogsh's, the user's), each with every other option of `jwt mint`: all verified by PyJWT with the served
/// JWKS and by `jwt verify` (aws-jwt-verify's rules), and all refused by both when expired, not yet valid, of
/// the wrong token_use, or for another client.
@Suite("jwt mint, every combination", .serialized)
struct MintMatrixTests {
  /// What a verifier is told to expect of one token.
  struct Case {
    var token: String
    var use: String
    var client: String
    var issuer: String
    var jwks: String
    /// Whether a verifier must accept it.
    var good: Bool
    var label: String
  }

  @Test("minted every way, accepted by PyJWT and jwt verify; expired, not yet valid, wrong use, other client refused")
  func matrix() throws {
    let cogsh = Cogsh()
    let mine = cogsh.home.path + "/mine.pem"
    try (try RSAPrivateKey.generate()).pem.write(toFile: mine, atomically: true, encoding: .utf8)
    let claimsFile = cogsh.home.path + "/claims.json"
    try #"{"custom:tier": "gold", "email": "hana@example.com"}"#.write(
      toFile: claimsFile, atomically: true, encoding: .utf8)
    // The first mint makes cogsh's key, which the first server then serves.
    _ = try cogsh.run(JWTMintTests.profile + ["-c", "jwt mint"])
    let (ours, oursURL) = try IssuerServeTests.serve(cogsh)
    defer { ours.terminate() }
    let (theirs, theirsURL) = try IssuerServeTests.serve(cogsh, "--key \(mine) --name mine")
    defer { theirs.terminate() }
    let pool = "eu-west-1_Mint"
    let now = Int(Date().timeIntervalSince1970)
    let extras: [(options: String, pool: String, client: String)] = [
      ("", pool, "client-a"), ("--username hana --sub 0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", pool, "client-a"),
      ("--group admins --group staff", pool, "client-a"),
      ("--scope orders/read --scope orders/write", pool, "client-a"),
      ("--claim custom:tier=gold --claim email_verified=true --claims \(claimsFile)", pool, "client-a"),
      ("--expires-in 5m", pool, "client-a"), ("--issued-at -10m --expires-in 1h", pool, "client-a"),
      ("--pool-id ap-northeast-1_Other --client-id client-z", "ap-northeast-1_Other", "client-z"),
    ]
    let refusals: [(options: String, verifyUse: String?, verifyClient: String?, label: String)] = [
      ("--issued-at -2h --expires-in 1h", nil, nil, "expired"),
      ("--claim nbf=\(now + 3600)", nil, nil, "not yet valid"),
      ("", "swap", nil, "wrong token_use"),
      ("", nil, "client-b", "another client"),
    ]
    var statements: [String] = []
    var cases: [Case] = []
    for key in ["ours", "theirs"] {
      let keyOption = key == "ours" ? "" : "--key \(mine)"
      let served = key == "ours" ? oursURL : theirsURL
      for form in ["original", "updated", "url"] {
        func issuer(_ pool: String) -> String {
          let region = String(pool.prefix { $0 != "_" })
          switch form {
          case "original": return "https://cognito-idp.\(region).amazonaws.com/\(pool)"
          case "updated": return "https://issuer-cognito-idp.\(region).amazonaws.com/\(pool)"
          default: return served
          }
        }
        let issuerOption = form == "url" ? "--issuer-url \(served)" : "--issuer-form \(form)"
        for use in ["id", "access", "both"] {
          for extra in extras {
            statements.append("jwt mint --token-use \(use) \(issuerOption) \(keyOption) \(extra.options)")
            for u in use == "both" ? ["id", "access"] : [use] {
              cases.append(
                Case(
                  token: "", use: u, client: extra.client, issuer: issuer(extra.pool),
                  jwks: served + "/.well-known/jwks.json",
                  good: true, label: "\(key) \(form) \(use)→\(u) \(extra.options)"))
            }
          }
          guard use != "both" else { continue }
          for r in refusals {
            statements.append("jwt mint --token-use \(use) \(issuerOption) \(keyOption) \(r.options)")
            let expected = r.verifyUse == "swap" ? (use == "id" ? "access" : "id") : use
            cases.append(
              Case(
                token: "", use: expected, client: r.verifyClient ?? "client-a", issuer: issuer(pool),
                jwks: served + "/.well-known/jwks.json", good: false, label: "\(key) \(form) \(use) \(r.label)"))
          }
        }
      }
    }
    let minted = try cogsh.run(JWTMintTests.profile + ["-c", statements.joined(separator: "; ")])
    #expect(minted.status == 0, "\(minted.stderr)")
    let tokens = minted.stdout.split(separator: "\n").map(String.init)
    try #require(tokens.count == cases.count, "\(tokens.count) tokens for \(cases.count) cases")
    for i in cases.indices { cases[i].token = tokens[i] }

    // PyJWT, as a backend uses it: the keys from the served JWKS over HTTP, the checks it makes.
    let pyjwt = """
      import json, sys
      import jwt
      clients = {}
      for line in sys.stdin:
          token, use, client, issuer, jwks = line.split()
          keys = clients.setdefault(jwks, jwt.PyJWKClient(jwks))
          try:
              key = keys.get_signing_key_from_jwt(token).key
              c = jwt.decode(token, key, algorithms=["RS256"], issuer=issuer, audience=client if use == "id" else None,
                             options={"require": ["exp", "iat", "iss", "sub"], "verify_aud": use == "id"})
              if c["token_use"] != use or (use == "access" and c["client_id"] != client):
                  print("refused", "claims")
              else:
                  print("accepted")
          except jwt.PyJWTError as e:
              print("refused", type(e).__name__)
      """
    let input =
      cases.map { "\($0.token) \($0.use) \($0.client) \($0.issuer) \($0.jwks)" }.joined(separator: "\n") + "\n"
    let inputFile = cogsh.home.path + "/cases.txt"
    try input.write(toFile: inputFile, atomically: true, encoding: .utf8)
    let python = try runProgram(
      "/bin/sh", ["-c", "\(try HelperServer.python()) -c '\(pyjwt)' < \(inputFile)"], environment: [:])
    let verdicts = python.stdout.split(separator: "\n").map(String.init)
    try #require(verdicts.count == cases.count, "\(python.stdout)\(python.stderr)")
    for (c, verdict) in zip(cases, verdicts) {
      #expect(verdict.hasPrefix(c.good ? "accepted" : "refused"), "PyJWT: \(c.label): \(verdict)")
    }

    // cogsh's own verifier, aws-jwt-verify's rules, with the same served JWKS.
    let checks = cases.enumerated().map { i, c in
      "echo ==\(i); jwt verify \(c.token) --token-use \(c.use) --client-id \(c.client) --issuer \(c.issuer) --jwks \(c.jwks)"
    }
    let script = cogsh.home.path + "/verify.cogsh"
    try checks.joined(separator: "\n").write(toFile: script, atomically: true, encoding: .utf8)
    let verified = try cogsh.run(JWTMintTests.profile + ["--keep-going", "-f", script])
    let outputs = verified.stdout.components(separatedBy: "==").dropFirst().map { String($0.drop { $0 != "\n" }) }
    try #require(outputs.count == cases.count, "\(verified.stdout.prefix(2000))")
    for (c, output) in zip(cases, outputs) {
      let failed = output.contains("FAIL")
      #expect(failed != c.good, "jwt verify: \(c.label):\(output)")
      #expect(output.contains("minted by cogsh") || c.jwks.contains("/mine/"), "\(c.label): \(output)")
    }
  }
}
