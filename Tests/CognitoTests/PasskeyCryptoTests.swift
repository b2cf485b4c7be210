import Basics
import Testing

@testable import Cognito

/// The pieces of a passkey: CBOR, the P-256 key's rules, ES256 signatures in DER.
@Suite("Passkey crypto")
struct PasskeyCryptoTests {
  @Test("CBOR as RFC 8949's Appendix A encodes it")
  func cborVectors() {
    let vectors: [(CBOR, String)] = [
      (.int(0), "00"), (.int(23), "17"), (.int(24), "1818"), (.int(100), "1864"), (.int(1000), "1903e8"),
      (.int(1_000_000), "1a000f4240"), (.int(-1), "20"), (.int(-100), "3863"), (.int(-1000), "3903e7"),
      (.bytes([1, 2, 3, 4]), "4401020304"), (.text("a"), "6161"), (.text("IETF"), "6449455446"),
      (.array([.int(1), .int(2), .int(3)]), "83010203"),
      (.map([(.int(1), .int(2)), (.int(3), .int(4))]), "a201020304"),
    ]
    for (value, hex) in vectors { #expect(Encoding.hex(value.encoded) == hex, "\(hex)") }
  }

  @Test("a P-256 scalar must be 32 bytes, not zero, below the order; a signature is DER with minimal integers")
  func keyRules() throws {
    #expect(P256Key(scalar: [UInt8](repeating: 0, count: 32)) == nil)
    #expect(P256Key(scalar: P256Key.order) == nil && P256Key(scalar: [1]) == nil)
    #expect(P256Key(scalar: [UInt8](repeating: 0, count: 31) + [1]) != nil)
    let der = P256Key.derSignature(
      r: [0x80] + [UInt8](repeating: 1, count: 31), s: [0, 0, 0x7F] + [UInt8](repeating: 2, count: 29))
    #expect(Array(der.prefix(4)) == [0x30, 0x43, 0x02, 0x21] && der[4] == 0 && der[37] == 0x02 && der[38] == 30)
  }

  @Test("a key signs in DER and gives the same public point each time (py_webauthn checks the signatures: ShellTests)")
  func signsAndVerifies() throws {
    let key = P256Key.generate()
    let message = Array("authenticatorData || hash(clientData)".utf8)
    let (der, x, y) = try key.sign(message)
    #expect(der.first == 0x30 && x.count == 32 && y.count == 32)
    #expect(try key.publicPoint() == (x, y))
    #expect(
      Base64URL.decode(Base64URL.encode([0xFB, 0xFF, 0x01])) == [0xFB, 0xFF, 0x01] && Base64URL.decode("a b") == nil)
  }
}
