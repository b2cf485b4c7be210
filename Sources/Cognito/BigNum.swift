import CCrypto

/// An unsigned big integer over OpenSSL's BIGNUM, with just the operations SRP needs.
public final class BigNum: Equatable, @unchecked Sendable {
  let bn: OpaquePointer

  private init(owning bn: OpaquePointer) { self.bn = bn }

  /// The integer whose big-endian bytes are `bytes`.
  public convenience init(bytes: [UInt8]) {
    let p = bytes.withUnsafeBufferPointer { BN_bin2bn($0.baseAddress, Int32($0.count), nil) }
    // Invariant: BN_bin2bn returns NULL only when OpenSSL cannot allocate, where a process cannot go on.
    self.init(owning: p!)
  }

  /// The integer written in hex (either case, any length); nil if `hex` is not hex.
  public convenience init?(hex: String) {
    guard !hex.isEmpty, hex.utf8.allSatisfy({ Self.isHexDigit($0) }) else { return nil }
    let even = hex.utf8.count % 2 == 1 ? "0" + hex : hex
    guard let bytes = Encoding.bytes(hex: even) else { return nil }
    self.init(bytes: bytes)
  }

  public convenience init(_ value: UInt) {
    var bytes: [UInt8] = []
    var v = value
    while v > 0 {
      bytes.insert(UInt8(v & 0xFF), at: 0)
      v >>= 8
    }
    self.init(bytes: bytes)
  }

  deinit { BN_free(bn) }

  private static func isHexDigit(_ c: UInt8) -> Bool {
    (c >= 48 && c <= 57) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102)
  }

  /// Minimal big-endian bytes (empty for zero).
  public var bytes: [UInt8] {
    let n = Int((BN_num_bits(bn) + 7) / 8)
    var out = [UInt8](repeating: 0, count: n)
    if n > 0 { _ = BN_bn2bin(bn, &out) }
    return out
  }

  /// Lowercase hex without leading zeros ("0" for zero), as the SDKs send SRP_A.
  public var hex: String {
    let h = Encoding.hex(bytes)
    let trimmed = h.drop { $0 == "0" }
    return trimmed.isEmpty ? "0" : String(trimmed)
  }

  public var isZero: Bool { BN_is_zero(bn) == 1 }

  private static func result(_ body: (OpaquePointer, OpaquePointer) -> Int32) -> BigNum {
    // Invariant: these return NULL only when OpenSSL cannot allocate, where a process cannot go on.
    let r = BN_new()!
    let ctx = BN_CTX_new()!
    defer { BN_CTX_free(ctx) }
    _ = body(r, ctx)
    return BigNum(owning: r)
  }

  /// self^exponent mod m.
  public func modPow(_ exponent: BigNum, _ m: BigNum) -> BigNum {
    Self.result { r, ctx in BN_mod_exp(r, bn, exponent.bn, m.bn, ctx) }
  }

  /// self mod m, in [0, m).
  public func mod(_ m: BigNum) -> BigNum { Self.result { r, ctx in BN_nnmod(r, bn, m.bn, ctx) } }

  public static func * (a: BigNum, b: BigNum) -> BigNum { result { r, ctx in BN_mul(r, a.bn, b.bn, ctx) } }
  public static func + (a: BigNum, b: BigNum) -> BigNum { result { r, _ in BN_add(r, a.bn, b.bn) } }
  /// a − b; may be negative, so reduce with `mod` before using it as a base.
  public static func - (a: BigNum, b: BigNum) -> BigNum { result { r, _ in BN_sub(r, a.bn, b.bn) } }

  public static func == (a: BigNum, b: BigNum) -> Bool { BN_cmp(a.bn, b.bn) == 0 }
}
