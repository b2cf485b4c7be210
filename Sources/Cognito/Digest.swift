import CCrypto

/// SHA-256 and HMAC-SHA256 over OpenSSL's libcrypto.
public enum Digest {
  /// SHA-256 of `data`.
  public static func sha256(_ data: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 32)
    data.withUnsafeBufferPointer { p in
      _ = SHA256(p.baseAddress, p.count, &out)
    }
    return out
  }

  /// SHA-256 of the UTF-8 bytes of `text`.
  public static func sha256(_ text: String) -> [UInt8] { sha256(Array(text.utf8)) }

  /// HMAC-SHA256 of `message` under `key`.
  public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    // An empty Swift array may have a nil base address; OpenSSL wants a valid pointer.
    let keyStorage = key.isEmpty ? [0] : key
    let messageStorage = message.isEmpty ? [0] : message
    keyStorage.withUnsafeBufferPointer { k in
      messageStorage.withUnsafeBufferPointer { m in
        _ = HMAC(EVP_sha256(), k.baseAddress, Int32(key.count), m.baseAddress, message.count, &out, &length)
      }
    }
    return out
  }

  /// HMAC-SHA256 of the UTF-8 bytes of `message`.
  public static func hmacSHA256(key: [UInt8], message: String) -> [UInt8] {
    hmacSHA256(key: key, message: Array(message.utf8))
  }
}

/// Hex and base64 encodings of byte arrays.
public enum Encoding {
  private static let hexDigits = Array("0123456789abcdef".utf8)

  /// Lowercase hex.
  public static func hex(_ bytes: [UInt8]) -> String {
    var out = [UInt8]()
    out.reserveCapacity(bytes.count * 2)
    for b in bytes {
      out.append(hexDigits[Int(b >> 4)])
      out.append(hexDigits[Int(b & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Bytes of a hex string, or nil if it is not hex of even length.
  public static func bytes(hex: String) -> [UInt8]? {
    let chars = Array(hex.utf8)
    guard chars.count % 2 == 0 else { return nil }
    var out = [UInt8]()
    out.reserveCapacity(chars.count / 2)
    var i = 0
    while i < chars.count {
      guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
      out.append(hi << 4 | lo)
      i += 2
    }
    return out
  }

  private static func nibble(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
  }

  private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  /// Standard base64 with `=` padding.
  public static func base64(_ bytes: [UInt8]) -> String {
    var out = [UInt8]()
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var i = 0
    while i + 3 <= bytes.count {
      let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2])
      out += [18, 12, 6, 0].map { base64Alphabet[Int((n >> $0) & 63)] }
      i += 3
    }
    let rest = bytes.count - i
    if rest == 1 {
      let n = UInt32(bytes[i]) << 16
      out += [base64Alphabet[Int(n >> 18 & 63)], base64Alphabet[Int(n >> 12 & 63)], 61, 61]
    } else if rest == 2 {
      let n = UInt32(bytes[i]) << 16 | UInt32(bytes[i + 1]) << 8
      out += [
        base64Alphabet[Int(n >> 18 & 63)], base64Alphabet[Int(n >> 12 & 63)], base64Alphabet[Int(n >> 6 & 63)], 61,
      ]
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// Decodes standard or URL-safe base64, padded or not; nil on any other character.
  public static func bytes(base64 text: String) -> [UInt8]? {
    var out = [UInt8]()
    out.reserveCapacity(text.utf8.count * 3 / 4)
    var acc: UInt32 = 0
    var bits = 0
    var padding = 0
    for c in text.utf8 {
      let v: UInt32
      switch c {
      case UInt8(ascii: "A")...UInt8(ascii: "Z"): v = UInt32(c - UInt8(ascii: "A"))
      case UInt8(ascii: "a")...UInt8(ascii: "z"): v = UInt32(c - UInt8(ascii: "a") + 26)
      case UInt8(ascii: "0")...UInt8(ascii: "9"): v = UInt32(c - UInt8(ascii: "0") + 52)
      case UInt8(ascii: "+"), UInt8(ascii: "-"): v = 62
      case UInt8(ascii: "/"), UInt8(ascii: "_"): v = 63
      case UInt8(ascii: "="):
        padding += 1
        continue
      default: return nil
      }
      if padding > 0 { return nil }
      acc = acc << 6 | v
      bits += 6
      if bits >= 8 {
        bits -= 8
        out.append(UInt8((acc >> UInt32(bits)) & 0xFF))
      }
    }
    // Six leftover bits cannot come from any byte sequence.
    if bits >= 6 || padding > 2 { return nil }
    return out
  }
}
