import Basics
import CCrypto
import Foundation

/// A P-256 private key, as a passkey holds one: its scalar, kept as SEC 1 DER for OpenSSL, the public point,
/// and ES256 signatures in the DER form WebAuthn's assertions carry.
public struct P256Key: Sendable, Equatable {
  /// The private scalar, 32 bytes, big-endian; 1 ≤ d < n.
  public let scalar: [UInt8]

  /// The order n of P-256's base point (SEC 2, secp256r1).
  static let order = Encoding.bytes(hex: "FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551") ?? []

  /// A key with `scalar`, or nil when it is not one (not 32 bytes, zero, or not below the order).
  public init?(scalar: [UInt8]) {
    guard scalar.count == 32, scalar.contains(where: { $0 != 0 }), scalar.lexicographicallyPrecedes(Self.order)
    else { return nil }
    self.scalar = scalar
  }

  /// A new key from the system's randomness (drawn again in the 2^-32 case of a scalar past the order).
  public static func generate() -> P256Key {
    while true {
      if let key = P256Key(scalar: SecureRandom.bytes(32)) { return key }
    }
  }

  /// The key as "EC PRIVATE KEY" PEM (RFC 5915's ECPrivateKey with the named curve; OpenSSL derives the
  /// public point).
  var pem: String {
    // SEQUENCE { INTEGER 1, OCTET STRING d, [0] { OID 1.2.840.10045.3.1.7 } }
    let oid: [UInt8] = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07]
    let body: [UInt8] = [0x02, 0x01, 0x01, 0x04, 0x20] + scalar + [0xA0, UInt8(oid.count)] + oid
    let der: [UInt8] = [0x30, UInt8(body.count)] + body
    return "-----BEGIN EC PRIVATE KEY-----\n" + Encoding.base64(der) + "\n-----END EC PRIVATE KEY-----\n"
  }

  /// An ES256 signature over `message` (DER, as WebAuthn carries it) and the public point (x, y).
  public func sign(_ message: [UInt8]) throws -> (der: [UInt8], x: [UInt8], y: [UInt8]) {
    var x = [UInt8](repeating: 0, count: 32)
    var y = [UInt8](repeating: 0, count: 32)
    var raw = [UInt8](repeating: 0, count: 64)
    let pemBytes = Array(pem.utf8)
    let ok = pemBytes.withUnsafeBufferPointer { p in
      p.withMemoryRebound(to: CChar.self) {
        cogsh_es256_sign($0.baseAddress, p.count, message, message.count, &raw, &x, &y)
      }
    }
    guard ok == 1 else { throw P256KeyError.notSigned }
    return (Self.derSignature(r: Array(raw[0..<32]), s: Array(raw[32..<64])), x, y)
  }

  /// The public point (x, y).
  public func publicPoint() throws -> (x: [UInt8], y: [UInt8]) {
    let (_, x, y) = try sign([])
    return (x, y)
  }

  /// ECDSA-Sig-Value ::= SEQUENCE { r INTEGER, s INTEGER } in DER: each integer minimal and positive.
  static func derSignature(r: [UInt8], s: [UInt8]) -> [UInt8] {
    func integer(_ v: [UInt8]) -> [UInt8] {
      var bytes = Array(v.drop { $0 == 0 })
      if bytes.isEmpty { bytes = [0] }
      if bytes[0] & 0x80 != 0 { bytes.insert(0, at: 0) }
      return [0x02, UInt8(bytes.count)] + bytes
    }
    let body = integer(r) + integer(s)
    return [0x30, UInt8(body.count)] + body
  }
}

/// OpenSSL would not sign with a key.
public enum P256KeyError: Error, UserFacingError {
  case notSigned

  public var message: String { "the passkey's key could not sign (OpenSSL refused it)" }
}
