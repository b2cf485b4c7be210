import CCrypto

/// Random bytes from OpenSSL's CSPRNG; callers pass them into the pure crypto code.
public enum SecureRandom {
  public static func bytes(_ count: Int) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    precondition(RAND_bytes(&out, Int32(count)) == 1, "OpenSSL's random generator failed")
    return out
  }
}
