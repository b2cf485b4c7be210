/// JMESPath (https://jmespath.org/specification.html), the query language of the AWS CLI's --query:
/// parsed, then evaluated over cogsh's JSON. The compliance suite (JMESPathComplianceTests) runs every
/// case of jmespath.py's copy.
public enum JMESPath {
  /// `expression` applied to `json`.
  public static func search(_ expression: String, in json: JSON) throws -> JSON {
    try evaluate(try JMESPathParser.parse(expression), json)
  }

  /// Checks an expression without evaluating it.
  public static func compile(_ expression: String) throws { _ = try JMESPathParser.parse(expression) }

  static func evaluate(_ node: JMESPathNode, _ value: JSON) throws -> JSON {
    switch node {
    case .identity: return value
    case .literal(let json): return json
    case .field(let name): return value[name] ?? .null
    case .subexpression(let left, let right): return try evaluate(right, try evaluate(left, value))
    case .indexExpression(let left, let right): return try evaluate(right, try evaluate(left, value))
    case .index(let i):
      guard let items = value.arrayValue else { return .null }
      let n = i < 0 ? items.count + i : i
      return items.indices.contains(n) ? items[n] : .null
    case .slice(let start, let stop, let step):
      guard let items = value.arrayValue else { return .null }
      return .array(try slice(items, start: start, stop: stop, step: step))
    case .projection(let left, let right):
      guard let items = try evaluate(left, value).arrayValue else { return .null }
      return .array(try items.map { try evaluate(right, $0) }.filter { $0 != .null })
    case .valueProjection(let left, let right):
      guard let members = try evaluate(left, value).objectValue else { return .null }
      return .array(try members.values.map { try evaluate(right, $0) }.filter { $0 != .null })
    case .filterProjection(let left, let right, let condition):
      guard let items = try evaluate(left, value).arrayValue else { return .null }
      return .array(
        try items.filter { isTrue(try evaluate(condition, $0)) }.map { try evaluate(right, $0) }.filter { $0 != .null })
    case .flatten(let inner):
      guard let items = try evaluate(inner, value).arrayValue else { return .null }
      return .array(items.flatMap { $0.arrayValue ?? [$0] })
    case .pipe(let left, let right): return try evaluate(right, try evaluate(left, value))
    case .or(let left, let right):
      let l = try evaluate(left, value)
      return isTrue(l) ? l : try evaluate(right, value)
    case .and(let left, let right):
      let l = try evaluate(left, value)
      return isTrue(l) ? try evaluate(right, value) : l
    case .not(let inner): return .bool(!isTrue(try evaluate(inner, value)))
    case .comparator(let op, let left, let right):
      return compare(op, try evaluate(left, value), try evaluate(right, value))
    case .multiSelectList(let items):
      if value == .null { return .null }
      return .array(try items.map { try evaluate($0, value) })
    case .multiSelectHash(let pairs):
      if value == .null { return .null }
      var out: [String: JSON] = [:]
      for (key, node) in pairs { out[key] = try evaluate(node, value) }
      return .object(out)
    case .function(let name, let args):
      return try JMESPathFunctions.call(name, args, value)
    case .expref:
      throw JMESPathError.invalidType("an expression reference (&…) is only an argument of a function")
    }
  }

  /// False, null, "", [] and {} are false; everything else, numbers included, true.
  static func isTrue(_ value: JSON) -> Bool {
    switch value {
    case .null: return false
    case .bool(let b): return b
    case .string(let s): return !s.isEmpty
    case .array(let a): return !a.isEmpty
    case .object(let o): return !o.isEmpty
    case .number: return true
    }
  }

  static func compare(_ op: JMESPathLexer.Kind, _ l: JSON, _ r: JSON) -> JSON {
    switch op {
    case .eq: return .bool(l == r)
    case .ne: return .bool(l != r)
    default:
      // Ordering is defined for numbers only; anything else compares to null.
      guard case .number(let a) = l, case .number(let b) = r else { return .null }
      switch op {
      case .lt: return .bool(a < b)
      case .lte: return .bool(a <= b)
      case .gt: return .bool(a > b)
      default: return .bool(a >= b)
      }
    }
  }

  /// Python's slicing, as the specification defines it.
  static func slice(_ items: [JSON], start: Int?, stop: Int?, step: Int?) throws -> [JSON] {
    let step = step ?? 1
    guard step != 0 else { throw JMESPathError.invalidValue("a slice's step cannot be 0") }
    let length = items.count
    func adjust(_ end: Int) -> Int {
      if end < 0 {
        let moved = end + length
        return moved < 0 ? (step < 0 ? -1 : 0) : moved
      }
      return end >= length ? (step < 0 ? length - 1 : length) : end
    }
    var i = start.map(adjust) ?? (step > 0 ? 0 : length - 1)
    let end = stop.map(adjust) ?? (step > 0 ? length : -1)
    var out: [JSON] = []
    while step > 0 ? i < end : i > end {
      out.append(items[i])
      let (next, overflow) = i.addingReportingOverflow(step)
      if overflow { break }
      i = next
    }
    return out
  }
}

/// Why a JMESPath expression could not be used, in the specification's kinds of error.
public enum JMESPathError: UserFacingError, Equatable {
  case syntax(String)
  case invalidType(String)
  case invalidArity(String)
  case invalidValue(String)
  case unknownFunction(String)

  /// The compliance suite's name for the kind.
  public var kind: String {
    switch self {
    case .syntax: return "syntax"
    case .invalidType: return "invalid-type"
    case .invalidArity: return "invalid-arity"
    case .invalidValue: return "invalid-value"
    case .unknownFunction: return "unknown-function"
    }
  }

  public var message: String {
    switch self {
    case .syntax(let why): return "--query: syntax error: \(why)"
    case .invalidType(let why), .invalidArity(let why), .invalidValue(let why): return "--query: \(why)"
    case .unknownFunction(let name): return "--query: unknown function \(name)()"
    }
  }

  public var hint: String? {
    "--query takes JMESPath, as the AWS CLI's does (https://jmespath.org): `Users[].Username`, "
      + "`UserAttributes[?Name=='email'].Value | [0]`."
  }
}
