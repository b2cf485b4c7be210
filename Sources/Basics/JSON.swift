import Foundation

/// A JSON value: the body of every Cognito request and response, and of `--output json`.
public enum JSON: Equatable, Sendable {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSON])
  case object([String: JSON])

  /// The member `key` of an object, or nil.
  public subscript(key: String) -> JSON? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  /// The string payload, or nil.
  public var stringValue: String? {
    if case .string(let s) = self { return s }
    return nil
  }

  /// The number payload, or nil.
  public var numberValue: Double? {
    if case .number(let n) = self { return n }
    return nil
  }

  /// The object's members, or nil.
  public var objectValue: [String: JSON]? {
    if case .object(let o) = self { return o }
    return nil
  }

  /// The array's elements, or nil.
  public var arrayValue: [JSON]? {
    if case .array(let a) = self { return a }
    return nil
  }

  /// An object of string members, as Cognito's AuthParameters and ChallengeParameters are.
  public static func strings(_ map: [String: String]) -> JSON {
    .object(map.mapValues { .string($0) })
  }

  /// A string-to-string view of an object; non-string members are dropped.
  public var stringMap: [String: String] {
    guard let o = objectValue else { return [:] }
    return o.compactMapValues { $0.stringValue }
  }

  /// Parses UTF-8 JSON text.
  public static func parse(_ data: Data) throws -> JSON {
    try JSONParser.parse(Array(data))
  }

  /// Parses JSON text.
  public static func parse(_ text: String) throws -> JSON {
    try JSONParser.parse(Array(text.utf8))
  }

  /// Parses UTF-8 bytes.
  public static func parse(bytes: [UInt8]) throws -> JSON {
    try JSONParser.parse(bytes)
  }

  /// Compact serialisation with sorted keys, so equal values give equal bytes.
  public func serialized(pretty: Bool = false) -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting =
      pretty ? [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
    guard let data = try? encoder.encode(self), let text = String(data: data, encoding: .utf8) else {
      return "null"
    }
    // Foundation lays an empty array or object over three lines; jq and people write [] and {}. A
    // string holds no raw newline, so only the layout is matched.
    guard pretty, text.contains("\n\n") else { return text }
    return text.replacingOccurrences(of: #"\[\n\s*\n\s*\]"#, with: "[]", options: .regularExpression)
      .replacingOccurrences(of: #"\{\n\s*\n\s*\}"#, with: "{}", options: .regularExpression)
  }
}

/// Why a text could not be read as JSON.
public enum JSONError: Error, UserFacingError, Equatable {
  case malformed(String)

  public var message: String {
    switch self {
    case .malformed(let why): return "invalid JSON: \(why)"
    }
  }
}

extension JSON: Codable {
  public init(from decoder: Decoder) throws {
    let c = try decoder.singleValueContainer()
    if c.decodeNil() {
      self = .null
    } else if let b = try? c.decode(Bool.self) {
      self = .bool(b)
    } else if let n = try? c.decode(Double.self) {
      self = .number(n)
    } else if let s = try? c.decode(String.self) {
      self = .string(s)
    } else if let a = try? c.decode([JSON].self) {
      self = .array(a)
    } else {
      self = .object(try c.decode([String: JSON].self))
    }
  }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    switch self {
    case .null: try c.encodeNil()
    case .bool(let b): try c.encode(b)
    case .number(let n):
      if n.rounded() == n, abs(n) < 1e15 { try c.encode(Int64(n)) } else { try c.encode(n) }
    case .string(let s): try c.encode(s)
    case .array(let a): try c.encode(a)
    case .object(let o): try c.encode(o)
    }
  }
}

extension JSON: ExpressibleByStringLiteral, ExpressibleByDictionaryLiteral, ExpressibleByArrayLiteral,
  ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral
{
  public init(stringLiteral value: String) { self = .string(value) }
  public init(dictionaryLiteral elements: (String, JSON)...) {
    self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }
  public init(arrayLiteral elements: JSON...) { self = .array(elements) }
  public init(booleanLiteral value: Bool) { self = .bool(value) }
  public init(integerLiteral value: Int) { self = .number(Double(value)) }
}
