import Auth
import Basics
import Cognito
import Foundation
import FuzzSupport
import Testing

func vectors(_ name: String) throws -> JSON {
  let dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
  return try JSON.parse(Data(contentsOf: dir.appendingPathComponent("Vectors/\(name)")))
}

@Suite("JWT verification")
struct VerifierTests {
  static let expectedFailure = [
    "expired": "exp", "not-yet-valid": "nbf", "tampered-payload": "signature", "unknown-kid": "kid",
    "wrong-issuer": "iss", "wrong-audience": "aud", "alg-none": "alg", "hs256": "alg",
    "wrong-key-same-kid": "signature", "third-client": "aud",
  ]

  @Test("a second spelling of a valid token (padding, standard base64) and an unknown crit are refused")
  func strictEncodingAndCrit() throws {
    let doc = try vectors("jwt-pyjwt.json")
    let jwks = try JWKS.parse(vectors("jwks-test.json"))
    let valid = doc["cases"]!.arrayValue!.first { $0["name"] == "valid-id" }!
    let token = valid["token"]!.stringValue!
    let expect = VerifyExpectations(
      issuer: doc["issuer"]!.stringValue!, clientIds: valid["audiences"]!.arrayValue!.compactMap(\.stringValue),
      tokenUse: "id", graceSeconds: valid["grace"]!.numberValue!)
    func failures(_ t: String) throws -> [String] {
      JWTVerifier.verify(
        try DecodedJWT.decode(t), key: { jwks.keys[$0] }, expect: expect, now: doc["now"]!.numberValue!
      )
      .filter { $0.status == .failed }.map(\.name.rawValue)
    }
    #expect(try failures(token).isEmpty, "the vector itself is valid")
    // The same signature bytes, padded, and in standard base64: decodable, yet not the token's spelling.
    let parts = token.split(separator: ".").map(String.init)
    var padded = parts[2]
    while padded.count % 4 != 0 { padded += "=" }
    #expect(try failures(parts[0] + "." + parts[1] + "." + padded).contains("encoding"))
    let standard = parts[2].replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
    if standard != parts[2] {
      #expect(try failures(parts[0] + "." + parts[1] + "." + standard).contains("encoding"))
    }
    // A header that makes an extension critical: cogsh supports none, so the token is invalid.
    let header = Base64URL.encode(Array(#"{"alg":"RS256","kid":"test-key","crit":["exp-ext"],"exp-ext":1}"#.utf8))
    let crit = try failures(header + "." + parts[1] + "." + parts[2])
    #expect(crit.contains("crit"), "\(crit)")
    #expect(Array("QQ".utf8).withUnsafeBufferPointer { Encoding.isStrictBase64URL($0) })
    #expect(!Array("QR".utf8).withUnsafeBufferPointer { Encoding.isStrictBase64URL($0) }, "stray bits")
  }

  @Test("the verdict lives here: a skipped issuer, client or kind fails it unless left out on purpose")
  func verdictPolicy() throws {
    let doc = try vectors("jwt-pyjwt.json")
    let jwks = try JWKS.parse(vectors("jwks-test.json"))
    let valid = try #require(doc["cases"]?.arrayValue?.first { $0["name"] == "valid-id" })
    let jwt = try DecodedJWT.decode(try #require(valid["token"]?.stringValue))
    var expect = VerifyExpectations(issuer: nil, clientId: nil, tokenUse: nil)
    let now = try #require(doc["now"]?.numberValue)
    let results = JWTVerifier.verify(jwt, key: { jwks.keys[$0] }, expect: expect, now: now)
    let bare = JWTVerifier.verdict(results, expect: expect)
    #expect(!bare.valid && bare.failed.isEmpty && bare.unchecked == [.iss, .tokenUse, .aud])
    expect.leaveOut(issuer: true, client: true, tokenUse: false)
    #expect(JWTVerifier.verdict(results, expect: expect).unchecked == [.tokenUse])
    expect.leaveOut(issuer: true, client: true, tokenUse: true)
    #expect(JWTVerifier.verdict(results, expect: expect).valid)
  }

  @Test("decoding, the signature and the verdict match PyJWT on committed vectors; failures name the check")
  func pyjwt() throws {
    let doc = try vectors("jwt-pyjwt.json")
    let jwks = try JWKS.parse(vectors("jwks-test.json"))
    let cases = doc["cases"]!.arrayValue!
    #expect(cases.count == 20)
    for c in cases {
      let name = c["name"]!.stringValue!
      let jwt = try DecodedJWT.decode(c["token"]!.stringValue!)
      #expect(JSON.object(jwt.header) == c["header"]!, "header of \(name)")
      #expect(JSON.object(jwt.claims) == c["claims"]!, "claims of \(name)")
      let use = c["tokenUse"]!.stringValue!
      // Each case's accepted client ids and leeway, as PyJWT was given them.
      let audiences = c["audiences"]!.arrayValue!.compactMap(\.stringValue)
      let expect = VerifyExpectations(
        issuer: doc["issuer"]!.stringValue!, clientIds: use == "id" ? audiences : nil, tokenUse: use,
        graceSeconds: c["grace"]!.numberValue!)
      let results = JWTVerifier.verify(jwt, key: { jwks.keys[$0] }, expect: expect, now: doc["now"]!.numberValue!)
      let signature = results.first { $0.name == .signature }!
      #expect((signature.status == .passed) == (c["signatureValid"] == .bool(true)), "signature of \(name)")
      let failed = results.filter { $0.status == .failed }.map(\.name.rawValue)
      #expect(failed.isEmpty == (c["pyjwt"]!.stringValue! == "valid"), "verdict of \(name): \(failed)")
      if let check = Self.expectedFailure[name] { #expect(failed.contains(check), "\(name) fails \(check): \(failed)") }
      if name == "iat-in-the-future" {
        #expect(results.first { $0.name == .iat }?.status == .warning, "iat in the future is shown, not failed")
      }
    }
  }

  @Test("grace, group and scope checks")
  func options() throws {
    let doc = try vectors("jwt-pyjwt.json")
    let jwks = try JWKS.parse(vectors("jwks-test.json"))
    let cases = doc["cases"]!.arrayValue!
    let access = try DecodedJWT.decode(cases.first { $0["name"] == "valid-access" }!["token"]!.stringValue!)
    let expired = try DecodedJWT.decode(cases.first { $0["name"] == "expired" }!["token"]!.stringValue!)
    let now = doc["now"]!.numberValue!
    func failed(_ jwt: DecodedJWT, _ e: VerifyExpectations) -> [String] {
      JWTVerifier.verify(jwt, key: { jwks.keys[$0] }, expect: e, now: now).filter { $0.status == .failed }.map(
        \.name.rawValue)
    }
    let iss = doc["issuer"]!.stringValue!
    #expect(failed(expired, VerifyExpectations(issuer: iss, clientId: nil, tokenUse: "id", graceSeconds: 3601)).isEmpty)
    #expect(
      failed(access, VerifyExpectations(issuer: iss, clientId: nil, tokenUse: "access", groups: ["admins"])).isEmpty)
    #expect(
      failed(access, VerifyExpectations(issuer: iss, clientId: nil, tokenUse: "access", groups: ["ops"])) == ["group"])
    #expect(
      failed(access, VerifyExpectations(issuer: iss, clientId: nil, tokenUse: "access", scopes: ["email"])).isEmpty)
    #expect(
      failed(access, VerifyExpectations(issuer: iss, clientId: "other", tokenUse: "id")) == ["token_use", "client_id"])
  }

  @Test("the JWKS is fetched once, and again for an unknown kid at most every 10 seconds")
  func cache() throws {
    let home = NSTemporaryDirectory() + "cogsh-jwks-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: home) }
    let body = try Array(
      Data(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
          .appendingPathComponent("Vectors/jwks-test.json")))
    let cache = JWKSCache(files: FileStore(home: home))
    var fetches = 0
    let fetch = { (_: String) -> [UInt8] in
      fetches += 1
      return body
    }
    #expect(try cache.key(kid: "test-key", url: "https://x/jwks", now: 1000, fetch: fetch).0 != nil)
    #expect(try cache.key(kid: "test-key", url: "https://x/jwks", now: 5000, fetch: fetch).0 != nil)
    #expect(fetches == 1)
    #expect(try cache.key(kid: "rotated", url: "https://x/jwks", now: 5000, fetch: fetch).0 == nil)
    #expect(fetches == 2)
    #expect(try cache.key(kid: "rotated", url: "https://x/jwks", now: 5005, fetch: fetch).0 == nil)
    #expect(fetches == 2, "no refetch within 10 s")
    _ = try cache.key(kid: "rotated", url: "https://x/jwks", now: 5011, fetch: fetch)
    #expect(fetches == 3)
  }

  @Test("fuzz: mutated tokens never crash decode or verify (bounded, seeded)")
  func fuzz() throws {
    let doc = try vectors("jwt-pyjwt.json")
    let jwks = try JWKS.parse(vectors("jwks-test.json"))
    let seeds = doc["cases"]!.arrayValue!.map { Array($0["token"]!.stringValue!.utf8) }
    var rng = SplitMix(seed: 0x5EED)
    let alphabet = Array("ABCxyz019-_.=+/{}\"[]: \u{0}é".utf8)
    var decoded = 0
    for i in 0..<3000 {
      var bytes = seeds[i % seeds.count]
      for _ in 0..<(1 + Int(rng.next() % 4)) {
        let at = Int(rng.next() % UInt64(bytes.count))
        switch rng.next() % 3 {
        case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
        case 1: bytes.remove(at: at)
        default: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
        }
        if bytes.isEmpty { bytes = [46] }
      }
      do {
        let jwt = try DecodedJWT.decode(String(decoding: bytes, as: UTF8.self))
        decoded += 1
        _ = JWTVerifier.verify(
          jwt, key: { jwks.keys[$0] }, expect: VerifyExpectations(issuer: "x", clientId: "y", tokenUse: nil), now: 0)
      } catch is JWTError {
        continue
      }
    }
    #expect(decoded > 0 && decoded < 3000, "some mutations decode, some are refused")
  }
}
