import Cognito
import Testing

@Suite("RS256")
struct RSATests {
  @Test("the test JWKS key loads and verifies a PyJWT signature; a changed message fails")
  func verify() throws {
    let jwks = try Vectors.load("jwks-test.json")["keys"]!.arrayValue![0]
    let n = try #require(Encoding.bytes(base64: jwks["n"]!.stringValue!))
    let e = try #require(Encoding.bytes(base64: jwks["e"]!.stringValue!))
    let key = try #require(RSAPublicKey(modulus: n, exponent: e))
    let token = try Vectors.load("jwt-pyjwt.json")["cases"]!.arrayValue![0]["token"]!.stringValue!
    let parts = token.split(separator: ".")
    let signature = try #require(Encoding.bytes(base64: String(parts[2])))
    #expect(key.verifyRS256(message: Array("\(parts[0]).\(parts[1])".utf8), signature: signature))
    #expect(!key.verifyRS256(message: Array("\(parts[0]).\(parts[1])x".utf8), signature: signature))
  }
}
