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

  /// SHA-1 of the UTF-8 bytes of `text`: only for names, as the AWS CLI names its SSO cache files.
  public static func sha1(_ text: String) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 20)
    let bytes = Array(text.utf8)
    bytes.withUnsafeBufferPointer { p in _ = SHA1(p.baseAddress, p.count, &out) }
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
