/// A strict RFC 8259 parser over UTF-8 bytes, several times faster than JSONDecoder for the small
/// documents cogsh reads (JWT parts above all: `jwt verify` has a throughput target).
struct JSONParser {
  private let bytes: [UInt8]
  private var i = 0
  private var depth = 0

  static func parse(_ bytes: [UInt8]) throws -> JSON {
    var p = JSONParser(bytes: bytes)
    p.skipSpace()
    let value = try p.value()
    p.skipSpace()
    guard p.i == bytes.count else { throw p.error("unexpected text after the value") }
    return value
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private func error(_ what: String) -> JSONError { .malformed("\(what) at byte \(i)") }

  private mutating func skipSpace() {
    while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
  }

  private mutating func value() throws -> JSON {
    guard i < bytes.count else { throw error("unexpected end") }
    switch bytes[i] {
    case UInt8(ascii: "{"): return try object()
    case UInt8(ascii: "["): return try array()
    case UInt8(ascii: "\""): return .string(try string())
    case UInt8(ascii: "t"): return try literal("true", .bool(true))
    case UInt8(ascii: "f"): return try literal("false", .bool(false))
    case UInt8(ascii: "n"): return try literal("null", .null)
    default: return .number(try number())
    }
  }

  private mutating func literal(_ word: StaticString, _ v: JSON) throws -> JSON {
    let n = word.utf8CodeUnitCount
    guard i + n <= bytes.count else { throw error("unexpected end") }
    let w = UnsafeBufferPointer(start: word.utf8Start, count: n)
    for k in 0..<n where bytes[i + k] != w[k] { throw error("unexpected character") }
    i += n
    return v
  }

  private mutating func nest() throws {
    depth += 1
    if depth > 512 { throw error("nesting deeper than 512") }
  }

  private mutating func object() throws -> JSON {
    try nest()
    defer { depth -= 1 }
    i += 1
    var members: [String: JSON] = [:]
    members.reserveCapacity(16)
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "}") {
      i += 1
      return .object(members)
    }
    while true {
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { throw error("expected a member name") }
      let key = try string()
      skipSpace()
      guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { throw error("expected ':'") }
      i += 1
      skipSpace()
      members[key] = try value()
      skipSpace()
      guard i < bytes.count else { throw error("unexpected end") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
      } else if bytes[i] == UInt8(ascii: "}") {
        i += 1
        return .object(members)
      } else {
        throw error("expected ',' or '}'")
      }
    }
  }

  private mutating func array() throws -> JSON {
    try nest()
    defer { depth -= 1 }
    i += 1
    var items: [JSON] = []
    skipSpace()
    if i < bytes.count, bytes[i] == UInt8(ascii: "]") {
      i += 1
      return .array(items)
    }
    while true {
      skipSpace()
      items.append(try value())
      skipSpace()
      guard i < bytes.count else { throw error("unexpected end") }
      if bytes[i] == UInt8(ascii: ",") {
        i += 1
      } else if bytes[i] == UInt8(ascii: "]") {
        i += 1
        return .array(items)
      } else {
        throw error("expected ',' or ']'")
      }
    }
  }

  private mutating func string() throws -> String {
    i += 1
    let start = i
    // Fast path: no escapes.
    while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") {
      if bytes[i] < 0x20 { throw error("control character in a string") }
      i += 1
    }
    guard i < bytes.count else { throw error("unterminated string") }
    if bytes[i] == UInt8(ascii: "\"") {
      let end = i
      i += 1
      return try bytes.withUnsafeBufferPointer { try validated(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
    var out = Array(bytes[start..<i])
    while true {
      guard i < bytes.count else { throw error("unterminated string") }
      let c = bytes[i]
      if c == UInt8(ascii: "\"") {
        i += 1
        return try out.withUnsafeBufferPointer { try validated($0) }
      }
      if c < 0x20 { throw error("control character in a string") }
      if c != UInt8(ascii: "\\") {
        out.append(c)
        i += 1
        continue
      }
      i += 1
      guard i < bytes.count else { throw error("unterminated escape") }
      let e = bytes[i]
      i += 1
      switch e {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
      case UInt8(ascii: "b"): out.append(0x08)
      case UInt8(ascii: "f"): out.append(0x0C)
      case UInt8(ascii: "n"): out.append(0x0A)
      case UInt8(ascii: "r"): out.append(0x0D)
      case UInt8(ascii: "t"): out.append(0x09)
      case UInt8(ascii: "u"):
        var scalar = try hex4()
        if (0xD800..<0xDC00).contains(scalar) {
          guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
            throw error("unpaired surrogate")
          }
          i += 2
          let low = try hex4()
          guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate") }
          scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
        } else if (0xDC00..<0xE000).contains(scalar) {
          throw error("unpaired surrogate")
        }
        out.append(contentsOf: UnicodeScalar(scalar).map { Array(String($0).utf8) } ?? [0xEF, 0xBF, 0xBD])
      default: throw error("invalid escape")
      }
    }
  }

  /// A String from UTF-8 bytes: ASCII (nearly every JWT claim) without the generic validating
  /// initializer, whose runtime metadata look-ups cost more than the parse itself.
  private func validated(_ slice: UnsafeBufferPointer<UInt8>) throws -> String {
    var ascii = true
    for b in slice where b >= 0x80 {
      ascii = false
      break
    }
    if ascii { return String(decoding: slice, as: UTF8.self) }
    guard let s = String(validating: slice, as: UTF8.self) else { throw error("invalid UTF-8") }
    return s
  }

  private mutating func hex4() throws -> UInt32 {
    guard i + 4 <= bytes.count else { throw error("short \\u escape") }
    var v: UInt32 = 0
    for _ in 0..<4 {
      let c = bytes[i]
      let d: UInt32
      switch c {
      case UInt8(ascii: "0")...UInt8(ascii: "9"): d = UInt32(c - UInt8(ascii: "0"))
      case UInt8(ascii: "a")...UInt8(ascii: "f"): d = UInt32(c - UInt8(ascii: "a") + 10)
      case UInt8(ascii: "A")...UInt8(ascii: "F"): d = UInt32(c - UInt8(ascii: "A") + 10)
      default: throw error("bad \\u escape")
      }
      v = v << 4 | d
      i += 1
    }
    return v
  }

  private mutating func number() throws -> Double {
    let start = i
    if i < bytes.count, bytes[i] == UInt8(ascii: "-") { i += 1 }
    guard i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) else {
      throw error("unexpected character")
    }
    if bytes[i] == UInt8(ascii: "0") {
      i += 1
    } else {
      while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
    }
    var integral = true
    if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
      integral = false
      i += 1
      let digits = i
      while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
      if i == digits { throw error("digits expected after '.'") }
    }
    if i < bytes.count, bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E") {
      integral = false
      i += 1
      if i < bytes.count, bytes[i] == UInt8(ascii: "+") || bytes[i] == UInt8(ascii: "-") { i += 1 }
      let digits = i
      while i < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[i]) { i += 1 }
      if i == digits { throw error("digits expected in the exponent") }
    }
    // Integers (every JWT time) without a string round trip.
    if integral && i - start <= 15 {
      var v: Int64 = 0
      var k = start
      let negative = bytes[k] == UInt8(ascii: "-")
      if negative { k += 1 }
      while k < i {
        v = v * 10 + Int64(bytes[k] - UInt8(ascii: "0"))
        k += 1
      }
      return Double(negative ? -v : v)
    }
    guard let d = Double(String(decoding: bytes[start..<i], as: UTF8.self)) else { throw error("bad number") }
    return d
  }
}
