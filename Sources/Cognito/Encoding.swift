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
    var text = text
    return text.withUTF8 { bytes(base64: $0) }
  }

  /// 0–63 for a base64 or base64url character, 64 for '=', 255 for anything else.
  private static let base64Values: [UInt8] = {
    var t = [UInt8](repeating: 255, count: 256)
    for (k, c) in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8.enumerated() {
      t[Int(c)] = UInt8(k)
    }
    t[Int(UInt8(ascii: "-"))] = 62
    t[Int(UInt8(ascii: "_"))] = 63
    t[Int(UInt8(ascii: "="))] = 64
    return t
  }()

  /// The length without trailing '=', or nil when the padding or the length cannot be base64: six
  /// leftover bits cannot come from any byte sequence, nor can more than two '='.
  private static func unpaddedLength(_ input: UnsafeBufferPointer<UInt8>) -> Int? {
    var length = input.count
    while length > 0, input[length - 1] == UInt8(ascii: "=") { length -= 1 }
    return input.count - length > 2 || length % 4 == 1 ? nil : length
  }

  /// Whether `input` is base64url as RFC 7515 writes a JWS segment: only `A–Z a–z 0–9 - _`, no padding,
  /// a possible length, and no stray bits in the last character (so each value has one encoding).
  public static func isStrictBase64URL(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
    guard input.count % 4 != 1 else { return false }
    let table = base64Values
    for c in input {
      if c == UInt8(ascii: "+") || c == UInt8(ascii: "/") || table[Int(c)] > 63 { return false }
    }
    guard let last = input.last else { return true }
    // 2 or 3 characters left over carry 4 or 2 bits beyond the last whole byte: they must be zero.
    let value = table[Int(last)]
    switch input.count % 4 {
    case 2: return value & 0x0F == 0
    case 3: return value & 0x03 == 0
    default: return true
    }
  }

  /// Whether `input` would decode as base64 (the same rules as `bytes(base64:)`), without decoding it.
  public static func isBase64(_ input: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let length = unpaddedLength(input) else { return false }
    let table = base64Values
    for k in 0..<length where table[Int(input[k])] > 63 { return false }
    return true
  }

  /// Decodes base64 held as bytes (a slice of a JWT, say) without making a String.
  public static func bytes(base64 input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
    guard let length = unpaddedLength(input) else { return nil }
    let table = base64Values
    var failed = false
    let out = [UInt8](unsafeUninitializedCapacity: length * 3 / 4 + 3) { buffer, count in
      table.withUnsafeBufferPointer { t in
        var n = 0
        var k = 0
        // Four characters make three bytes; a bad character anywhere sets a high bit in the OR.
        while k + 4 <= length {
          let a = t[Int(input[k])]
          let b = t[Int(input[k + 1])]
          let c = t[Int(input[k + 2])]
          let d = t[Int(input[k + 3])]
          if (a | b | c | d) > 63 {
            failed = true
            return
          }
          let v = UInt32(a) << 18 | UInt32(b) << 12 | UInt32(c) << 6 | UInt32(d)
          buffer[n] = UInt8(truncatingIfNeeded: v >> 16)
          buffer[n + 1] = UInt8(truncatingIfNeeded: v >> 8)
          buffer[n + 2] = UInt8(truncatingIfNeeded: v)
          n += 3
          k += 4
        }
        var acc: UInt32 = 0
        var bits: UInt32 = 0
        while k < length {
          let v = t[Int(input[k])]
          if v > 63 {
            failed = true
            return
          }
          acc = acc << 6 | UInt32(v)
          bits += 6
          if bits >= 8 {
            bits -= 8
            buffer[n] = UInt8(truncatingIfNeeded: acc >> bits)
            n += 1
          }
          k += 1
        }
        count = n
      }
    }
    return failed ? nil : out
  }
}

/// base64url without padding, as JWTs, DPoP proofs and PKCE write it.
public enum Base64URL {
  public static func encode(_ bytes: [UInt8]) -> String {
    Encoding.base64(bytes).replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
      .replacingOccurrences(of: "=", with: "")
  }

  /// The bytes of unpadded (or padded) base64url `text`, or nil when it is not base64url.
  public static func decode(_ text: String) -> [UInt8]? {
    guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "=") }) else {
      return nil
    }
    let standard = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
      .replacingOccurrences(of: "=", with: "")
    return Encoding.bytes(base64: standard + String(repeating: "=", count: (4 - standard.count % 4) % 4))
  }
}
