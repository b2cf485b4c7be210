import Basics
import CCrypto
import Foundation

/// An RSA private key (PKCS#8 PEM, as OpenSSL writes one) that signs RS256, with its public half as a JWK:
/// the key a Cognito-shaped token is signed with when cogsh makes one.
public struct RSAPrivateKey: Sendable, Equatable {
  public let pem: String

  /// The key in `pem`, or nil when it is not an RSA private key of 2048 bits or more.
  public init?(pem: String) {
    self.pem = pem
    guard (try? sign([])) != nil else { return nil }
  }

  /// A new 2048-bit key (Cognito's size) from OpenSSL's generator.
  public static func generate(bits: Int = 2048) throws -> RSAPrivateKey {
    var buffer = [CChar](repeating: 0, count: 16384)
    var length = buffer.count
    guard cogsh_rsa_generate(Int32(bits), &buffer, &length) == 1,
      let key = RSAPrivateKey(pem: String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self))
    else { throw RSAPrivateKeyError.notGenerated }
    return key
  }

  /// The RS256 signature of `message`, and the public modulus and exponent (big-endian).
  public func sign(_ message: [UInt8]) throws -> (signature: [UInt8], modulus: [UInt8], exponent: [UInt8]) {
    var signature = [UInt8](repeating: 0, count: 1024)
    var n = [UInt8](repeating: 0, count: 1024)
    var e = [UInt8](repeating: 0, count: 16)
    var (sigLength, nLength, eLength) = (signature.count, n.count, e.count)
    let bytes = Array(pem.utf8)
    let ok = bytes.withUnsafeBufferPointer { p in
      p.withMemoryRebound(to: CChar.self) {
        cogsh_rs256_sign(
          $0.baseAddress, p.count, message, message.count, &signature, &sigLength, &n, &nLength, &e, &eLength)
      }
    }
    guard ok == 1 else { throw RSAPrivateKeyError.notSigned }
    return (Array(signature[0..<sigLength]), Array(n[0..<nLength]), Array(e[0..<eLength]))
  }

  /// The public key as a JWK for a JWKS ({kty, alg RS256, use sig, kid, n, e}); `kid` is its RFC 7638
  /// thumbprint unless one is given.
  public func publicJWK(kid: String? = nil) throws -> JSON {
    let (_, n, e) = try sign([])
    let (nText, eText) = (Base64URL.encode(n), Base64URL.encode(e))
    return .object([
      "kty": "RSA", "alg": "RS256", "use": "sig", "kid": .string(kid ?? Self.thumbprint(n: nText, e: eText)),
      "n": .string(nText), "e": .string(eText),
    ])
  }

  /// RFC 7638's thumbprint of an RSA JWK: its required members in lexicographic order, without
  /// whitespace, hashed with SHA-256, base64url.
  public static func thumbprint(n: String, e: String) -> String {
    Base64URL.encode(Digest.sha256(Array(#"{"e":"\#(e)","kty":"RSA","n":"\#(n)"}"#.utf8)))
  }
}

/// OpenSSL would not make or use the key.
public enum RSAPrivateKeyError: UserFacingError, Equatable {
  case notGenerated, notSigned

  public var message: String {
    switch self {
    case .notGenerated: return "OpenSSL did not generate an RSA key"
    case .notSigned: return "the key is not an RSA private key of 2048 bits or more, or OpenSSL did not sign"
    }
  }
  public var hint: String? { nil }
  public var detail: String? { nil }
}
