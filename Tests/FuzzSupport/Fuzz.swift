/// What the seeded fuzz tests of every test target share: a replayable generator and one mutator.

/// A small deterministic generator, so a failing fuzz case can be replayed from its seed.
public struct SplitMix {
  var state: UInt64
  public init(seed: UInt64) { state = seed }
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// Byte-level mutations of a valid input, and the values at the edges that parsers get wrong.
public enum FuzzMutation {
  /// Numbers at the edges of every range a JSON number can reach.
  public static let edgeNumbers = [
    "0", "-0", "1e19", "-1e19", "1e308", "-1e308", "1e400", "-1e400", "4.9e-324", "9223372036854775807",
    "9223372036854775808", "-9223372036854775809", String(repeating: "9", count: 400), "253402300800", "1.5",
    "-1", "1e-400", "123456789012345678901234567890",
  ]

  public static let jsonAlphabet = Array(#"{}[]":,0123456789.eE+-truefalsn\u" abcxyz"#.utf8) + [0, 0x1B, 0xC3, 0xFF]

  /// One to six changes: a byte replaced, removed or inserted, or a run of bytes repeated.
  public static func mutate(_ base: [UInt8], _ rng: inout SplitMix, alphabet: [UInt8]) -> [UInt8] {
    var bytes = base
    for _ in 0..<(1 + Int(rng.next() % 6)) {
      if bytes.isEmpty {
        bytes = [alphabet[Int(rng.next() % UInt64(alphabet.count))]]
        continue
      }
      let at = Int(rng.next() % UInt64(bytes.count))
      switch rng.next() % 4 {
      case 0: bytes[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))]
      case 1: bytes.remove(at: at)
      case 2: bytes.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
      default: bytes.insert(contentsOf: bytes[at...].prefix(8), at: at)
      }
    }
    return bytes
  }
}
