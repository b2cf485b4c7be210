import Auth
import Basics
import Cognito
import Foundation
import Testing

/// Numbers from outside are checked where they enter: out-of-range times are named, never trapped on or stored.
@Suite("Numbers at the edges of their range")
struct RangeTests {
  static let hostile = ["1e19", "-1e19", "1e308", "-1e308", "1e400", String(repeating: "9", count: 400), "-0.5"]

  @Test("a time claim out of range is reported as such, in decode and in every check of verify", arguments: hostile)
  func timeClaims(value: String) throws {
    let payload = #"{"exp":\#(value),"iat":\#(value),"nbf":\#(value),"auth_time":\#(value)}"#
    let jwt = try DecodedJWT.decode(b64url(#"{"alg":"RS256","kid":"k"}"#) + "." + b64url(payload) + ".c2ln")
    for claim in ["exp", "iat", "nbf", "auth_time"] {
      guard case .invalid(let why) = jwt.time(claim) else {
        Issue.record("\(claim) = \(value) was taken as a time")
        continue
      }
      #expect(why.hasSuffix("out of range"))
    }
    let checks = JWTVerifier.verify(
      jwt, key: { _ in nil }, expect: VerifyExpectations(issuer: nil, clientId: nil, tokenUse: nil), now: 1e9)
    for claim in ["exp", "iat", "nbf"] {
      let check = checks.first { $0.name.rawValue == claim }
      #expect(
        check?.status == .failed && check?.detail.contains("out of range") == true,
        "\(claim): \(String(describing: check))")
    }
  }

  @Test("times inside the range are times", arguments: ["0", "1700000000", "253402300799"])
  func inRange(value: String) throws {
    let jwt = try DecodedJWT.decode(b64url("{}") + "." + b64url(#"{"exp":\#(value)}"#) + ".c2ln")
    #expect(jwt.time("exp") == .time(Double(value)!))
  }

  @Test("an ExpiresIn out of range is refused before it can be stored", arguments: hostile + ["0", "315360001"])
  func expiresIn(value: String) throws {
    let result = try JSON.parse(#"{"AccessToken":"a","ExpiresIn":\#(value)}"#)
    #expect(throws: CognitoError.self) { try Tokens.from(authenticationResult: result, now: 1e9) }
  }

  @Test("a plausible ExpiresIn is kept")
  func expiresInKept() throws {
    let result = try JSON.parse(#"{"AccessToken":"a","ExpiresIn":3600}"#)
    #expect(try Tokens.from(authenticationResult: result, now: 1e9)?.expiresAt == 1e9 + 3600)
  }

  @Test("a stored time out of range reads as long expired, and the Session's seconds never trap")
  func storedTimes() throws {
    let dir = TempDir()
    let store = SessionStore(home: dir.path)
    try FileManager.default.createDirectory(atPath: dir.path + "/sessions", withIntermediateDirectories: true)
    let file = #"""
      {"currentUser":"u","users":{"u":{"username":"u","tokens":{"accessToken":"a","expiresAt":1e308,"obtainedAt":-1e19}}},
       "challenge":{"name":"X","parameters":{},"username":"u","loginName":"u","isAdmin":false,"receivedAt":1e300}}
      """#
    FileManager.default.createFile(atPath: dir.path + "/sessions/p.json", contents: Data(file.utf8))
    chmod(dir.path, 0o700)
    chmod(dir.path + "/sessions", 0o700)
    chmod(dir.path + "/sessions/p.json", 0o600)
    let state = try store.session("p")
    #expect(state.current?.tokens.expiresAt == 0)
    #expect(state.current?.tokens.obtainedAt == 0)
    #expect(state.challenge?.secondsLeft(now: 1e9) ?? 0 < 0)
    let c = PendingChallenge(
      name: "X", session: nil, parameters: [:], username: "u", loginName: "u", isAdmin: false, receivedAt: 1e300)
    #expect(c.secondsLeft(now: 0) == Int(PendingChallenge.defaultLifetime))
  }
}
