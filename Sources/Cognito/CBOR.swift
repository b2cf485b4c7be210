/// The CBOR (RFC 8949) that WebAuthn's attestation objects and COSE keys are written in: a value, and its
/// encoding with definite lengths, map entries in the order given (WebAuthn's CTAP2 canonical order is
/// the caller's to choose).
public indirect enum CBOR: Equatable, Sendable {
  case int(Int)
  case bytes([UInt8])
  case text(String)
  case array([CBOR])
  case map([(CBOR, CBOR)])

  public static func == (a: CBOR, b: CBOR) -> Bool { a.encoded == b.encoded }

  /// The value's bytes.
  public var encoded: [UInt8] {
    switch self {
    case .int(let n): return n >= 0 ? Self.head(0, UInt64(n)) : Self.head(1, UInt64(-1 - n))
    case .bytes(let b): return Self.head(2, UInt64(b.count)) + b
    case .text(let t): return Self.head(3, UInt64(t.utf8.count)) + Array(t.utf8)
    case .array(let items): return Self.head(4, UInt64(items.count)) + items.flatMap(\.encoded)
    case .map(let entries): return Self.head(5, UInt64(entries.count)) + entries.flatMap { $0.0.encoded + $0.1.encoded }
    }
  }

  /// A data item's head: the major type and the argument, in the shortest form.
  static func head(_ major: UInt8, _ argument: UInt64) -> [UInt8] {
    let type = major << 5
    switch argument {
    case 0..<24: return [type | UInt8(argument)]
    case 24..<0x100: return [type | 24, UInt8(argument)]
    case 0x100..<0x1_0000: return [type | 25] + Self.bigEndian(argument, 2)
    case 0x1_0000..<0x1_0000_0000: return [type | 26] + Self.bigEndian(argument, 4)
    default: return [type | 27] + Self.bigEndian(argument, 8)
    }
  }

  static func bigEndian(_ value: UInt64, _ count: Int) -> [UInt8] {
    (0..<count).reversed().map { UInt8(truncatingIfNeeded: value >> (8 * UInt64($0))) }
  }
}
