import Auth
import Basics
import Cognito
import Foundation
import FuzzSupport
import Testing

/// Bounded, seeded fuzzing of everything that reads outside input below the shell. A trap ends the
/// test run, so passing means none of these inputs trapped; each case can be replayed from its seed.
@Suite("Fuzz: parsers and loaders")
struct FuzzTests {
  @Test("the JSON parser, on mutated documents and deep nesting: a value or an error, never a trap")
  func jsonParser() {
    var rng = SplitMix(seed: 0x0150)
    let seeds = [
      #"{"a":[1,2,{"b":"c\u00e9"}],"d":true,"e":null,"f":-1.5e10}"#, #"[]"#, #""\ud83d\ude00""#,
      #"{"AuthenticationResult":{"ExpiresIn":3600,"AccessToken":"x"}}"#,
    ].map { Array($0.utf8) }
    for i in 0..<20_000 {
      _ = try? JSON.parse(bytes: FuzzMutation.mutate(seeds[i % seeds.count], &rng, alphabet: FuzzMutation.jsonAlphabet))
    }
    for n in FuzzMutation.edgeNumbers { _ = try? JSON.parse("[\(n)]") }
    _ = try? JSON.parse(String(repeating: "[", count: 100_000))
    _ = try? JSON.parse(String(repeating: "{\"a\":", count: 100_000))
  }

  @Test("the JWT decoder and verifier, with every time claim at the edges of its range")
  func jwtEdges() throws {
    var rng = SplitMix(seed: 0x0151)
    for n in FuzzMutation.edgeNumbers {
      for claim in ["exp", "iat", "nbf", "auth_time"] {
        let token = b64url(#"{"alg":"RS256","kid":"k"}"#) + "." + b64url("{\"\(claim)\":\(n)}") + ".c2ln"
        let jwt = try DecodedJWT.decode(token)
        _ = jwt.time(claim)
        _ = JWTVerifier.verify(
          jwt, key: { _ in nil }, expect: VerifyExpectations(issuer: nil, clientId: nil, tokenUse: nil),
          now: Double(rng.next() % 4_000_000_000))
      }
    }
    // Mutated payloads around the same numbers.
    for i in 0..<5_000 {
      let payload = #"{"exp":\#(FuzzMutation.edgeNumbers[i % FuzzMutation.edgeNumbers.count]),"iat":1}"#
      let bytes = FuzzMutation.mutate(Array(payload.utf8), &rng, alphabet: FuzzMutation.jsonAlphabet)
      let token = b64url(#"{"alg":"RS256"}"#) + "." + b64url(String(decoding: bytes, as: UTF8.self)) + ".c2ln"
      if let jwt = try? DecodedJWT.decode(token) {
        _ = JWTVerifier.verify(
          jwt, key: { _ in nil }, expect: VerifyExpectations(issuer: "i", clientId: "c", tokenUse: "id"), now: 1e9)
      }
    }
  }

  @Test("the response handlers: sign-in results, service errors, key sets")
  func responseHandlers() {
    var rng = SplitMix(seed: 0x0152)
    let seeds = [
      #"{"AuthenticationResult":{"AccessToken":"a","IdToken":"e30.e30.c2ln","ExpiresIn":3600,"RefreshToken":"r"}}"#,
      #"{"ChallengeName":"PASSWORD_VERIFIER","Session":"s","ChallengeParameters":{"USER_ID_FOR_SRP":"u","SALT":"00"}}"#,
      #"{"__type":"com.amazon#NotAuthorizedException:http://x","message":"Incorrect\u001b[2J"}"#,
      #"{"keys":[{"kid":"k","kty":"RSA","n":"AQAB","e":"AQ"},{"kid":"j","kty":"EC"}]}"#,
    ].map { Array($0.utf8) }
    for i in 0..<20_000 {
      let bytes = FuzzMutation.mutate(seeds[i % seeds.count], &rng, alphabet: FuzzMutation.jsonAlphabet)
      _ = ServiceError.decode(status: Int(rng.next() % 600), headers: [], body: bytes, action: "X")
      guard let json = try? JSON.parse(bytes: bytes) else { continue }
      _ = try? SignIn.interpret(json, loginName: "u", isAdmin: false, now: 1e9)
      _ = try? JWKS.parse(json)
      if let r = json["AuthenticationResult"] { _ = try? Tokens.from(authenticationResult: r, now: 1e9) }
    }
    for n in FuzzMutation.edgeNumbers {
      let json = try? JSON.parse(#"{"AuthenticationResult":{"AccessToken":"a","ExpiresIn":\#(n)}}"#)
      _ = try? json.map { try SignIn.interpret($0, loginName: "u", isAdmin: false, now: 1e9) }
    }
  }

  @Test("the store loader, on damaged profile and session files: a state, or the file set aside")
  func storeLoader() throws {
    var rng = SplitMix(seed: 0x0153)
    let dir = TempDir()
    let store = SessionStore(home: dir.path)
    try store.updateSession("p") { s in
      s.users["u"] = StoreTests.sampleUser("u")
      s.currentUser = "u"
      s.challenge = PendingChallenge(
        name: "X", session: "s", parameters: ["a": "b"], username: "u", loginName: "u", isAdmin: false, receivedAt: 5)
    }
    try store.updateProfiles { $0.profiles["p"] = Profile(poolId: "us-east-1_x", isSandbox: true) }
    let session = try #require(try store.files.read("sessions/p.json"))
    let profiles = try #require(try store.files.read("profiles.json"))
    for i in 0..<1_500 {
      let (name, base) = i % 2 == 0 ? ("sessions/p.json", session) : ("profiles.json", profiles)
      var bytes = FuzzMutation.mutate(Array(base), &rng, alphabet: FuzzMutation.jsonAlphabet)
      if i % 7 == 0, let at = bytes.firstIndex(of: UInt8(ascii: "1")) {
        bytes.replaceSubrange(at...at, with: Array(FuzzMutation.edgeNumbers[i % FuzzMutation.edgeNumbers.count].utf8))
      }
      try store.files.write(name, Data(bytes))
      if let state = try? store.session("p") {
        _ = state.challenge?.secondsLeft(now: 1e9)
        _ = state.current?.tokens.expiresAt
      }
      _ = try? store.profileBook()
    }
  }
}
