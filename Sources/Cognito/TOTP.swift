import Basics
import CCrypto

/// RFC 6238 time-based one-time passwords as Cognito uses them: HMAC-SHA1, 6 digits, 30 s.
/// Pure: the time comes in.
public enum TOTP {
  /// The code for `secret` (base32, any case, padding optional) at `epochSeconds`.
  public static func code(secret: String, epochSeconds: Int, digits: Int = 6, period: Int = 30) throws -> String {
    guard let key = Base32.decode(secret), !key.isEmpty else { throw TOTPError.badSecret }
    return hotp(key: key, counter: UInt64(epochSeconds / period), digits: digits)
  }

  /// RFC 4226 HOTP with HMAC-SHA1.
  public static func hotp(key: [UInt8], counter: UInt64, digits: Int) -> String {
    let message = (0..<8).map { UInt8(truncatingIfNeeded: counter >> (56 - 8 * $0)) }
    var mac = [UInt8](repeating: 0, count: 20)
    var length: UInt32 = 0
    key.withUnsafeBufferPointer { k in
      message.withUnsafeBufferPointer { m in
        _ = HMAC(EVP_sha1(), k.baseAddress, Int32(k.count), m.baseAddress, m.count, &mac, &length)
      }
    }
    let offset = Int(mac[19] & 0x0F)
    let binary =
      (UInt32(mac[offset] & 0x7F) << 24) | (UInt32(mac[offset + 1]) << 16) | (UInt32(mac[offset + 2]) << 8)
      | UInt32(mac[offset + 3])
    var modulus: UInt32 = 1
    for _ in 0..<digits { modulus *= 10 }
    let value = String(binary % modulus)
    return String(repeating: "0", count: max(0, digits - value.count)) + value
  }

  /// Seconds until the code at `epochSeconds` changes.
  public static func secondsLeft(epochSeconds: Int, period: Int = 30) -> Int { period - epochSeconds % period }

  /// The `otpauth://` URI authenticator apps scan (label and issuer percent-encoded).
  public static func uri(secret: String, account: String, issuer: String) -> String {
    let label = SigV4.uriEncode(issuer) + ":" + SigV4.uriEncode(account)
    return "otpauth://totp/\(label)?secret=\(secret)&issuer=\(SigV4.uriEncode(issuer))"
  }
}

/// RFC 4648 base32, as TOTP secrets are written.
public enum Base32 {
  static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

  public static func decode(_ text: String) -> [UInt8]? {
    var out: [UInt8] = []
    var acc: UInt32 = 0
    var bits = 0
    for c in text.uppercased().utf8 where c != UInt8(ascii: "=") && c != UInt8(ascii: " ") {
      guard let v = alphabet.firstIndex(of: c) else { return nil }
      acc = (acc << 5) | UInt32(v)
      bits += 5
      if bits >= 8 {
        bits -= 8
        out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
      }
    }
    return out
  }

  public static func encode(_ bytes: [UInt8]) -> String {
    var out: [UInt8] = []
    var acc: UInt32 = 0
    var bits = 0
    for b in bytes {
      acc = (acc << 8) | UInt32(b)
      bits += 8
      while bits >= 5 {
        bits -= 5
        out.append(alphabet[Int((acc >> UInt32(bits)) & 31)])
      }
    }
    if bits > 0 { out.append(alphabet[Int((acc << UInt32(5 - bits)) & 31)]) }
    return String(decoding: out, as: UTF8.self)
  }
}

/// Why a TOTP code could not be computed.
public enum TOTPError: UserFacingError, Equatable {
  case badSecret

  public var message: String { "the TOTP secret is not base32" }
  public var hint: String? { "A secret is letters A–Z and digits 2–7, as AssociateSoftwareToken returns it." }
}
