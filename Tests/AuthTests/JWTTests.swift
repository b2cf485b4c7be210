import Auth
import Basics
import Cognito
import Testing

func b64url(_ s: String) -> String {
  Encoding.base64(Array(s.utf8)).replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
    .replacingOccurrences(of: "/", with: "_")
}

@Suite("JWT decoding")
struct JWTTests {
  @Test("header, claims and signing input")
  func decode() throws {
    let token =
      b64url(#"{"alg":"RS256","kid":"k1"}"#) + "." + b64url(#"{"sub":"u1","exp":1700000000,"token_use":"id"}"#)
      + ".c2ln"
    let jwt = try DecodedJWT.decode(token)
    #expect(jwt.header["kid"] == "k1")
    #expect(jwt.string("sub") == "u1")
    #expect(jwt.number("exp") == 1_700_000_000)
    #expect(jwt.signature == Array("sig".utf8))
    #expect(jwt.signingInput == token.split(separator: ".").prefix(2).joined(separator: "."))
  }

  @Test(
    "malformed input gets a named error",
    arguments: [
      ("a.b", JWTError.notThreeParts(2)),
      ("a.b.c.d", JWTError.notThreeParts(4)),
      ("!!!.e30.c2ln", JWTError.badBase64("header")),
      (b64url("nope") + ".e30.c2ln", JWTError.badJSON("header")),
      (b64url("[1,2]") + ".e30.c2ln", JWTError.notAnObject("header")),
      ("e30." + b64url("\"str\"") + ".c2ln", JWTError.notAnObject("payload")),
      ("e30.e30.@@", JWTError.badBase64("signature")),
      (".e30.c2ln", JWTError.badBase64("header")),
    ])
  func malformed(token: String, error: JWTError) {
    #expect(throws: error) { try DecodedJWT.decode(token) }
  }

  @Test("a huge token is refused before decoding")
  func huge() {
    let token = String(repeating: "a", count: DecodedJWT.maximumLength + 1)
    #expect(throws: JWTError.tooLarge(DecodedJWT.maximumLength + 1)) { try DecodedJWT.decode(token) }
  }
}

@Suite("Sign-in responses")
struct SignInTests {
  @Test("a challenge keeps its Session and answers with the internal username")
  func challenge() throws {
    let body: JSON = [
      "ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "sess",
      "ChallengeParameters": ["USER_ID_FOR_SRP": "uuid-1", "requiredAttributes": "[]"],
    ]
    let step = try SignIn.interpret(body, loginName: "taro@example.com", isAdmin: false, now: 1000)
    guard case .challenge(let c) = step else {
      Issue.record("expected a challenge")
      return
    }
    #expect(c.session == "sess" && c.username == "uuid-1" && c.loginName == "taro@example.com")
    #expect(c.secondsLeft(now: 1100) == 80)
  }

  @Test("tokens are read with their expiry and the claims' identity")
  func tokens() throws {
    let id = b64url(#"{"alg":"RS256"}"#) + "." + b64url(#"{"sub":"s-1","cognito:username":"uuid-1"}"#) + ".c2ln"
    let body: JSON = [
      "AuthenticationResult": ["IdToken": .string(id), "AccessToken": "a", "RefreshToken": "r", "ExpiresIn": 3600]
    ]
    guard case .signedIn(let u) = try SignIn.interpret(body, loginName: "taro", isAdmin: false, now: 1000) else {
      Issue.record("expected tokens")
      return
    }
    #expect(u.sub == "s-1" && u.internalUsername == "uuid-1" && u.tokens.expiresAt == 4600)
  }

  @Test("a response with neither is an error")
  func neither() {
    #expect(throws: CognitoError.self) { try SignIn.interpret([:], loginName: "x", isAdmin: false, now: 0) }
  }
}
