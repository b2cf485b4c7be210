import Auth
import Cognito
import Testing

/// A JWKS key with e = 1 makes "signature = padded digest" verify with no private key at all.
@Suite("Forged signatures")
struct ForgeryTests {
  /// EMSA-PKCS1-v1_5 for SHA-256 (RFC 8017 §9.2), padded to `length` bytes: with e = 1 this is a valid
  /// "signature" of `message` under any modulus larger than it.
  static func paddedDigest(_ message: String, length: Int) -> [UInt8] {
    let digestInfo: [UInt8] = [
      0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
    ]
    let t = digestInfo + Digest.sha256(message)
    return [0x00, 0x01] + [UInt8](repeating: 0xFF, count: length - t.count - 3) + [0x00] + t
  }

  @Test("a token forged for an e = 1 key fails: the key is refused and the signature not checked with it")
  func exponentOne() throws {
    let n = [UInt8](repeating: 0xFF, count: 256)
    let header = b64url(#"{"alg":"RS256","kid":"weak"}"#)
    let payload = b64url(#"{"sub":"mallory","token_use":"id","exp":4102444800}"#)
    let signature = Encoding.base64(Self.paddedDigest(header + "." + payload, length: 256))
      .replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
      .replacingOccurrences(of: "/", with: "_")
    let jwt = try DecodedJWT.decode(header + "." + payload + "." + signature)
    let jwks = try JWKS.parse(
      .object([
        "keys": .array([
          .object([
            "kid": "weak", "kty": "RSA", "alg": "RS256",
            "n": .string(
              Encoding.base64(n).replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_")),
            "e": "AQ",
          ])
        ])
      ]))
    #expect(jwks.keys["weak"]?.publicKey == nil)
    #expect(jwks.keys["weak"]?.problem == "the exponent is 1; at least 3 is needed (65537 in practice)")
    #expect(jwks.usableKeyDocuments.isEmpty)
    let checks = JWTVerifier.verify(
      jwt, key: { jwks.keys[$0] }, expect: VerifyExpectations(issuer: nil, clientId: nil, tokenUse: "id"), now: 1e9)
    #expect(checks.first { $0.name == .signature }?.status == .failed)
    #expect(checks.first { $0.name == .kid }?.detail.contains("refused: the exponent is 1") == true)
  }
}
