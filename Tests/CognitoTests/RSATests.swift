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

/// Keys that would accept forgeries are refused before they are ever used.
@Suite("RSA key checks")
struct RSAKeyCheckTests {
  static let goodModulus = [UInt8](repeating: 0xFF, count: 256)  // 2048 bits, odd
  static let f4: [UInt8] = [1, 0, 1]

  @Test(
    "unfit keys are named and refused",
    arguments: [
      ([UInt8](), f4, "the modulus is zero"),
      ([UInt8](repeating: 0, count: 256), f4, "the modulus is zero"),
      ([UInt8](repeating: 0xFF, count: 128), f4, "the modulus has 1024 bits; at least 2048 are needed"),
      ([0x7F] + [UInt8](repeating: 0xFF, count: 255), f4, "the modulus has 2047 bits; at least 2048 are needed"),
      ([UInt8](repeating: 0xFF, count: 255) + [0xFE], f4, "the modulus is even"),
      (goodModulus, [1], "the exponent is 1; at least 3 is needed (65537 in practice)"),
      (goodModulus, [0, 0, 1], "the exponent is 1; at least 3 is needed (65537 in practice)"),
      (goodModulus, [0], "the exponent is zero"),
      (goodModulus, [1, 0, 0], "the exponent is even"),
      (goodModulus, [UInt8](repeating: 1, count: 9), "the exponent is larger than 64 bits"),
    ])
  func unfit(modulus: [UInt8], exponent: [UInt8], problem: String) {
    #expect(RSAPublicKey.problem(modulus: modulus, exponent: exponent) == problem)
    #expect(RSAPublicKey(modulus: modulus, exponent: exponent) == nil)
  }

  @Test("the pool's kind of key is fit")
  func fit() throws {
    let jwks = try Vectors.load("jwks-test.json")["keys"]!.arrayValue![0]
    let n = try #require(Encoding.bytes(base64: jwks["n"]!.stringValue!))
    #expect(RSAPublicKey.problem(modulus: n, exponent: Self.f4) == nil)
    #expect(RSAPublicKey.problem(modulus: [0] + n, exponent: [0] + Self.f4) == nil, "leading zero bytes are allowed")
  }
}
