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

/// `issuer serve`: the minting key's JWKS over HTTP, for a backend's verifier.
@Suite("issuer serve")
struct IssuerServeTests {
  @Test(
    "a backend-style verifier fetches the served JWKS and takes a token with the group and scope, refuses one without; Ctrl-C stops it"
  )
  func backend() throws {
    let cogsh = Cogsh()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Project.cogsh)
    process.arguments = JWTMintTests.profile + ["-c", "issuer serve"]
    process.environment = [
      "PATH": "/usr/bin:/bin", "HOME": cogsh.home.path, "COGSH_HOME": cogsh.cogshHome, "NO_COLOR": "1",
    ]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    defer { if process.isRunning { process.terminate() } }
    // The issuer URL is the first line it prints; the read waits on the pipe, not on a clock.
    var printed = ""
    while !printed.contains("\n"), case let chunk = out.fileHandleForReading.availableData, !chunk.isEmpty {
      printed += String(decoding: chunk, as: UTF8.self)
    }
    let issuer = try #require(
      printed.split(separator: " ").dropFirst().first.map {
        String($0).replacingOccurrences(of: "/.well-known/jwks.json", with: "")
      },
      "\(printed)")
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
