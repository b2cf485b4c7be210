import Basics
import Cognito
import Foundation
import Testing

/// The key cogsh signs Cognito-shaped tokens with: RS256 signatures checked by cogsh's own verifier and by
/// Python's `cryptography`, and the JWK thumbprint against RFC 7638's example.
@Suite("RSA private key")
struct RSAPrivateKeyTests {
  @Test("RFC 7638 section 3.1: the example key's thumbprint")
  func thumbprint() {
    let n =
      "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV4n3oknj"
      + "hMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9c7d0zgdAZHzu6qMQ"
      + "vRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0Ls1jF44-csFCur-kEgU8awapJzK"
      + "nqDKgw"
    #expect(RSAPrivateKey.thumbprint(n: n, e: "AQAB") == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
  }

  @Test(
    "a generated key signs RS256: cogsh's verifier and Python's cryptography accept it, and refuse a changed message")
  func signs() throws {
    let key = try RSAPrivateKey.generate()
    let message = Array("header.payload".utf8)
    let (signature, n, e) = try key.sign(message)
    #expect(signature.count == 256 && n.count == 256 && e == [1, 0, 1])
    let publicKey = try #require(RSAPublicKey(modulus: n, exponent: e))
    #expect(publicKey.verifyRS256(message: message, signature: signature))
    #expect(!publicKey.verifyRS256(message: Array("header.payloaD".utf8), signature: signature))
    let place = TempDirectory()
    try key.pem.write(toFile: place.path + "/key.pem", atomically: true, encoding: .utf8)
    try Data(signature).write(to: URL(fileURLWithPath: place.path + "/sig"))
    let check = """
      import sys
      from cryptography.hazmat.primitives import hashes, serialization
      from cryptography.hazmat.primitives.asymmetric import padding
      key = serialization.load_pem_private_key(open(sys.argv[1], "rb").read(), None).public_key()
      sig = open(sys.argv[2], "rb").read()
      for message in (b"header.payload", b"header.payloaD"):
          try:
              key.verify(sig, message, padding.PKCS1v15(), hashes.SHA256())
              print("valid")
          except Exception:
              print("invalid")
      """
    let r = try runProgram(
      try HelperServer.python(), ["-c", check, place.path + "/key.pem", place.path + "/sig"], environment: [:])
    #expect(r.stdout == "valid\ninvalid\n", "\(r.stdout)\(r.stderr)")
    let jwk = try key.publicJWK()
    #expect(jwk["kty"] == "RSA" && jwk["alg"] == "RS256" && jwk["n"]?.stringValue == Base64URL.encode(n))
    #expect(RSAPrivateKey(pem: "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n") == nil)
  }
}
