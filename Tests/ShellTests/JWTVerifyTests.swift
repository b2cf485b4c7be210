import Auth
import Cognito
import Foundation
import Testing

@testable import Shell

/// `jwt verify` end to end: moto's own tokens and JWKS, and test tokens whose JWKS a loopback server serves.
@Suite("jwt verify")
struct JWTVerifyTests {
  static func vectorToken(_ name: String) throws -> String {
    let doc =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: Project.path("Tests/Vectors/jwt-pyjwt.json")))) as! [String: Any]
    let c = (doc["cases"] as! [[String: Any]]).first { $0["name"] as? String == name }!
    return c["token"] as! String
  }

  @Test("a moto token verifies against moto's JWKS; tampering, a wrong client id and a wrong issuer each fail by name")
  func motoTokens() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    try #require(try cogsh.run(connection + ["-f", "examples/article-flow.cogsh"]).status == 0)
    for kind in ["id", "access"] {
      let ok = try cogsh.run(connection + ["-c", "jwt verify \(kind)"])
      #expect(ok.status == 0, "stderr: \(ok.stderr)")
      #expect(!ok.stdout.contains("FAIL") && ok.stdout.contains("pass  signature"))
    }
    let token = try cogsh.run(connection + ["-c", "echo $ID_TOKEN"]).stdout.trimmingCharacters(
      in: .whitespacesAndNewlines)
    var parts = token.split(separator: ".").map(String.init)
    var payload = try JSONSerialization.jsonObject(with: Data(base64URL: parts[1])!) as! [String: Any]
    payload["email"] = "mallory@example.com"
    parts[1] = try JSONSerialization.data(withJSONObject: payload).base64URLEncoded()
    let tampered = try cogsh.run(connection + ["-c", "jwt verify \(parts.joined(separator: "."))"])
    #expect(tampered.status == 1)
    #expect(tampered.stdout.contains("FAIL  signature"))
    #expect(tampered.stderr.hasPrefix("error: verification failed: signature"))
    let client = try cogsh.run(connection + ["-c", "jwt verify id --client-id another-client"])
    #expect(client.status == 1 && client.stderr.hasPrefix("error: verification failed: aud"))
    let issuer = try cogsh.run(
      connection + ["-c", "jwt verify access --issuer https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Other"])
    #expect(issuer.status == 1 && issuer.stderr.hasPrefix("error: verification failed: iss"))
    #expect(
      try cogsh.run(connection + ["--output", "json", "-c", "jwt verify access"]).stdout.contains("\"valid\":true"))
  }

  @Test("an unknown kid and an expired token, with the test key set served over loopback")
  func servedKeys() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let args = ["--pool-id", "us-east-1_TestPool", "--client-id", "testclient123"]
    let jwks = "--token-use id --jwks \(server.url)/us-east-1_TestPool/.well-known/jwks.json"
    let valid = try cogsh.run(args + ["-c", "jwt verify \(try Self.vectorToken("valid-id")) \(jwks)"])
    #expect(valid.status == 0, "stderr: \(valid.stderr)")
    let unknown = try cogsh.run(args + ["-c", "jwt verify \(try Self.vectorToken("unknown-kid")) \(jwks)"])
    #expect(unknown.status == 1 && unknown.stdout.contains("FAIL  kid        unknown kid other-key"))
    let expired = try cogsh.run(args + ["-c", "jwt verify \(try Self.vectorToken("expired")) \(jwks)"])
    #expect(expired.status == 1 && expired.stderr.hasPrefix("error: verification failed: exp"))
    let none = try cogsh.run(
      args + ["-c", "jwt verify \(try Self.vectorToken("alg-none")) --jwks Tests/Vectors/jwks-test.json"])
    #expect(none.status == 1 && none.stdout.contains("FAIL  alg"))
    #expect(none.stdout.contains("unsigned (alg none)"), "not 'no usable key': \(none.stdout)")
    // jwt decode warns of an unsigned token and of one not valid yet, as it does of an expired one.
    let decodedNone = try cogsh.run(["-c", "jwt decode \(try Self.vectorToken("alg-none"))"])
    #expect(decodedNone.stderr.contains("warning: this token is unsigned (alg none)"), "\(decodedNone.stderr)")
    let later = Int(Date().timeIntervalSince1970) + 7200
    let future = b64url(#"{"alg":"RS256","kid":"k"}"#) + "." + b64url("{\"nbf\":\(later),\"iat\":\(later)}") + ".c2ln"
    let early = try cogsh.run(["-c", "jwt decode \(future)"])
    #expect(early.stderr.contains("not valid for another") && early.stderr.contains("(nbf)"), "\(early.stderr)")
    #expect(early.stderr.contains("from now (iat): the clocks disagree"), "\(early.stderr)")
    // A key file names itself when the kid is not there; the FAIL lines are not repeated as a hint.
    let file = try cogsh.run(
      args + [
        "-c", "jwt verify \(try Self.vectorToken("unknown-kid")) --token-use id --jwks Tests/Vectors/jwks-test.json",
      ])
    #expect(file.stdout.contains("unknown kid other-key: not in Tests/Vectors/jwks-test.json"), "\(file.stdout)")
    #expect(!file.stderr.contains("hint: Unknown kid"), "\(file.stderr)")
    let missing = try cogsh.run(
      args + ["-c", "jwt verify \(try Self.vectorToken("valid-id")) --jwks /nonexistent/keys"])
    #expect(missing.stderr.contains("/nonexistent/keys") && missing.stderr.contains("No such file or directory"))
    // Within the grace, an expired token says so.
    let graced = try cogsh.run(
      args + ["-c", "jwt verify \(try Self.vectorToken("expired")) \(jwks) --grace 999999999"])
    #expect(
      graced.stdout.contains("expired") && graced.stdout.contains("within the grace of 999999999 s"), "\(graced.stdout)"
    )
    // A pasted token's kind is not known: the error says so and names --token-use.
    let pasted = try cogsh.run(
      args + [
        "-c",
        "jwt verify \(try Self.vectorToken("valid-id")) --jwks \(server.url)/us-east-1_TestPool/.well-known/jwks.json",
      ])
    #expect(pasted.status == 1 && pasted.stderr.contains("--token-use id"), "\(pasted.stderr)")
  }
}

extension Data {
  init?(base64URL s: String) {
    var t = s.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    while t.count % 4 != 0 { t += "=" }
    self.init(base64Encoded: t)
  }

  func base64URLEncoded() -> String {
    base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }
}

/// What `jwt verify` promises: each named group required, only id/access, no verdict without an anchor.
@Suite("jwt verify: what counts as verified")
struct JWTVerdictTests {
  static let jwks = "--jwks Tests/Vectors/jwks-test.json"

  @Test("an unchecked issuer, kind or client is not verified unless left out on purpose")
  func unanchored() throws {
    let token = try JWTVerifyTests.vectorToken("valid-id")
    let cogsh = Cogsh()
    let bare = try cogsh.run(["-c", "jwt verify \(token) \(Self.jwks)"])
    #expect(bare.status == 1)
    #expect(bare.stderr.hasPrefix("error: not verified: iss, token_use and aud not checked"), "stderr: \(bare.stderr)")
    #expect(
      bare.stdout.contains("skip  iss") && bare.stdout.contains("skip  aud") && bare.stdout.contains("skip  token_use"))
    let json = try cogsh.run(["--output", "json", "-c", "jwt verify \(token) \(Self.jwks)"]).stdout
    #expect(json.contains("\"valid\":false") && json.contains("\"unchecked\":[\"iss\",\"token_use\",\"aud\"]"))
    // A pasted token of either kind is not accepted silently: the kind is asked for, or left out on purpose.
    let anyKind = try cogsh.run(["-c", "jwt verify \(token) \(Self.jwks) --any-issuer --any-client"])
    #expect(anyKind.status == 1 && anyKind.stderr.hasPrefix("error: not verified: token_use not checked"))
    let onPurpose = try cogsh.run(
      ["-c", "jwt verify \(token) \(Self.jwks) --any-issuer --any-client --token-use any"])
    #expect(onPurpose.status == 0, "stderr: \(onPurpose.stderr)")
    let named = try cogsh.run(["-c", "jwt verify \(token) \(Self.jwks) --any-issuer --any-client --token-use id"])
    #expect(named.status == 0 && named.stdout.contains("pass  token_use"), "stderr: \(named.stderr)")
  }

  @Test(
    "--group and --scope need one of those given, as aws-jwt-verify; --all needs each; --token-use takes only id or access"
  )
  func requirements() throws {
    // The access-token vector is in the group "admins", with scopes aws.cognito.signin.user.admin and email.
    let token = try JWTVerifyTests.vectorToken("valid-access")
    let cogsh = Cogsh()
    let anchor = ["--pool-id", "us-east-1_TestPool", "--client-id", "testclient123"]
    func verify(_ flags: String) throws -> RunResult {
      try cogsh.run(anchor + ["-c", "jwt verify \(token) \(Self.jwks) --token-use access \(flags)"])
    }
    let one = try verify("--group admins --scope email")
    #expect(one.status == 0, "stderr: \(one.stderr)")
    let either = try verify("--group admins --group devs --scope email --scope openid")
    #expect(either.status == 0, "one group and one scope of each list suffice: \(either.stdout) \(either.stderr)")
    #expect(either.stdout.contains("in admins (one of admins, devs is enough)"), "\(either.stdout)")
    let none = try verify("--group devs --group ops")
    #expect(none.status == 1 && none.stdout.contains("FAIL  group") && none.stdout.contains("in none of devs, ops"))
    let all = try verify("--group admins --group devs --all")
    #expect(all.status == 1 && all.stdout.contains("FAIL  group") && all.stdout.contains("not in devs"))
    #expect(all.stdout.contains("pass  group      in admins"), "a passing group shows beside a failing one")
    let scopes = try verify("--scope email --scope openid --all")
    #expect(scopes.status == 1 && scopes.stdout.contains("lacks openid"))
    let refresh = try cogsh.run(["-c", "jwt verify \(token) --token-use refresh"])
    #expect(refresh.status == 2 && refresh.stderr.contains("invalid token-use \"refresh\""))
  }

  @Test(
    "a token of a pool set to the UPDATED issuer verifies with only pool-id and client-id; a foreign iss names no keys")
  func issuerForms() throws {
    let cogsh = Cogsh()
    let anchor = ["--pool-id", "us-east-1_TestPool", "--client-id", "testclient123"]
    let updated = try cogsh.run(
      anchor + ["-c", "jwt verify \(try JWTVerifyTests.vectorToken("updated-issuer")) \(Self.jwks) --token-use id"])
    #expect(updated.status == 0, "\(updated.stdout) \(updated.stderr)")
    #expect(updated.stdout.contains("pass  iss"), "\(updated.stdout)")
    let dotted = try cogsh.run(
      anchor + ["-c", "jwt verify \(try JWTVerifyTests.vectorToken("dotted-issuer")) \(Self.jwks) --token-use id"])
    #expect(dotted.status == 1 && dotted.stdout.contains("FAIL  iss"), "a look-alike is not the UPDATED form")
    // No pool, no --issuer: the token's own iss is not asked for keys, whatever else is left out.
    let foreign = try JWTVerifyTests.vectorToken("foreign-issuer")
    let blind = try cogsh.run(["-c", "jwt verify \(foreign) --any-issuer --any-client --token-use id"])
    #expect(blind.status == 1)
    #expect(
      blind.stderr.contains("no pool to fetch keys from, and the token's own iss is not trusted to name them"),
      "\(blind.stderr)")
    // The keys' address comes from the pool, in the form the token names if it is one of the pool's.
    let pool = Profile(poolId: "us-east-1_TestPool")
    let original = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool"
    let updatedIssuer = "https://issuer-cognito-idp.us-east-1.amazonaws.com/us-east-1_TestPool"
    #expect(
      try JWTVerifyCommand.defaultURL(
        settings: pool, issuer: nil, tokenIssuer: "https://keys.example/us-east-1_TestPool")
        == original + "/.well-known/jwks.json")
    #expect(
      try JWTVerifyCommand.defaultURL(settings: pool, issuer: nil, tokenIssuer: updatedIssuer)
        == updatedIssuer + "/.well-known/jwks.json")
    #expect(
      try JWTVerifyCommand.defaultURL(settings: Profile(poolId: "cn-north-1_P"), issuer: nil, tokenIssuer: nil)
        == "https://cognito-idp.cn-north-1.amazonaws.com.cn/cn-north-1_P/.well-known/jwks.json")
    #expect(throws: CommandError.self) {
      try JWTVerifyCommand.defaultURL(settings: Profile(), issuer: nil, tokenIssuer: "https://keys.example/x")
    }
  }

  @Test("the pool's IssuerConfiguration, when it can be read, decides the one issuer form accepted")
  func issuerConfiguration() throws {
    let jwks = try String(contentsOfFile: Project.path("Tests/Vectors/jwks-test.json"), encoding: .utf8)
    for (token, type, verdict) in [
      ("updated-issuer", "UPDATED", 0), ("valid-id", "UPDATED", 1), ("valid-id", "ORIGINAL", 0),
      ("updated-issuer", "ORIGINAL", 1),
    ] {
      let server = try FaultServer()
      try server.plan([
        FaultServer.answer(["UserPool": ["Id": "us-east-1_TestPool", "IssuerConfiguration": ["Type": .string(type)]]]),
        ["raw": .string(jwks)],
      ])
      let r = try Cogsh().run(
        server.connection + [
          "--pool-id", "us-east-1_TestPool", "--client-id", "testclient123", "-c",
          "jwt verify \(try JWTVerifyTests.vectorToken(token)) --token-use id",
        ])
      #expect(r.status == Int32(verdict), "\(token) on a pool set to \(type): \(r.stdout) \(r.stderr)")
      #expect(try server.actions().first == "DescribeUserPool")
    }
  }

  @Test("an id token whose aud is a list is for each client it names")
  func audienceList() throws {
    let r = try Cogsh().run(
      [
        "--pool-id", "us-east-1_TestPool", "--client-id", "testclient123", "-c",
        "jwt verify \(try JWTVerifyTests.vectorToken("aud-list")) \(Self.jwks) --token-use id",
      ])
    #expect(r.status == 0 && r.stdout.contains("pass  aud"), "\(r.stdout) \(r.stderr)")
  }

  // The iat in the future is checked at the vectors' fixed time in VerifierTests: a process reads the real clock.
  @Test("several --client-id accept any of them")
  func clientsAndIat() throws {
    let cogsh = Cogsh()
    let pool = ["--pool-id", "us-east-1_TestPool"]
    let second = try JWTVerifyTests.vectorToken("second-client")
    let both = try cogsh.run(
      pool + [
        "-c", "jwt verify \(second) \(Self.jwks) --token-use id --client-id testclient123 --client-id second-client",
      ])
    #expect(both.status == 0, "stderr: \(both.stderr)")
    let one = try cogsh.run(
      pool + ["-c", "jwt verify \(second) \(Self.jwks) --token-use id --client-id testclient123"])
    #expect(one.status == 1 && one.stdout.contains("FAIL  aud"))
  }

  @Test("a pasted Bearer header, a JWE refresh token and empty input each get their own words")
  func inputs() throws {
    let token = try JWTVerifyTests.vectorToken("valid-id")
    let cogsh = Cogsh()
    let bearer = try cogsh.run(["-c", "jwt decode -"], stdin: "Bearer \(token)\n")
    #expect(bearer.status == 0 && bearer.stdout.contains("claims"), "stderr: \(bearer.stderr)")
    let jwe = try cogsh.run(["-c", "jwt decode eyJjdHkiOiJKV1QiLCJlbmMiOiJBMjU2R0NNIiwiYWxnIjoiUlNBLU9BRVAifQ.a.b.c.d"])
    #expect(jwe.status == 1 && jwe.stderr.contains("an encrypted token (JWE, 5 parts)"))
    let empty = try cogsh.run(["-c", "jwt decode -"], stdin: "")
    #expect(empty.status == 1 && empty.stderr.contains("no token given: the input was empty"))
  }
}
