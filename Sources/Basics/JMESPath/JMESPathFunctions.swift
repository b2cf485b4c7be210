import Foundation

/// JMESPath's built-in functions, each with the argument types the specification gives it.
enum JMESPathFunctions {
  /// An argument: a value, or an expression reference (`&field`) for sort_by, map and the like.
  enum Argument {
    case value(JSON)
    case expref(JMESPathNode)

    var json: JSON? {
      if case .value(let v) = self { return v }
      return nil
    }
  }

  static func call(_ name: String, _ nodes: [JMESPathNode], _ current: JSON) throws -> JSON {
    guard let arity = arities[name] else { throw JMESPathError.unknownFunction(name) }
    let ok = arity.variadic ? nodes.count >= arity.count : nodes.count == arity.count
    guard ok else {
      throw JMESPathError.invalidArity(
        "\(name)() takes \(arity.variadic ? "at least " : "")\(arity.count) argument\(arity.count == 1 ? "" : "s"), "
          + "not \(nodes.count)")
    }
    let args: [Argument] = try nodes.map { node in
      if case .expref(let inner) = node { return .expref(inner) }
      return .value(try JMESPath.evaluate(node, current))
    }
    return try apply(name, args)
  }

  static let arities: [String: (count: Int, variadic: Bool)] = [
    "abs": (1, false), "avg": (1, false), "ceil": (1, false), "contains": (2, false), "ends_with": (2, false),
    "floor": (1, false), "join": (2, false), "keys": (1, false), "length": (1, false), "map": (2, false),
    "max": (1, false), "max_by": (2, false), "merge": (1, true), "min": (1, false), "min_by": (2, false),
    "not_null": (1, true), "reverse": (1, false), "sort": (1, false), "sort_by": (2, false),
    "starts_with": (2, false), "sum": (1, false), "to_array": (1, false), "to_number": (1, false),
    "to_string": (1, false), "type": (1, false), "values": (1, false),
  ]

  static func wrongType(_ name: String, _ what: String) -> JMESPathError {
    .invalidType("\(name)() takes \(what)")
  }

  static func number(_ a: Argument, _ name: String) throws -> Double {
    guard case .value(.number(let n)) = a else { throw wrongType(name, "a number") }
    return n
  }

  static func string(_ a: Argument, _ name: String) throws -> String {
    guard case .value(.string(let s)) = a else { throw wrongType(name, "a string") }
    return s
  }

  static func array(_ a: Argument, _ name: String) throws -> [JSON] {
    guard case .value(.array(let items)) = a else { throw wrongType(name, "an array") }
    return items
  }

  static func object(_ a: Argument, _ name: String) throws -> [String: JSON] {
    guard case .value(.object(let members)) = a else { throw wrongType(name, "an object") }
    return members
  }

  static func expref(_ a: Argument, _ name: String) throws -> JMESPathNode {
    guard case .expref(let node) = a else { throw wrongType(name, "an expression reference (&…)") }
    return node
  }

  static func numbers(_ items: [JSON], _ name: String) throws -> [Double] {
    try items.map {
      guard case .number(let n) = $0 else { throw wrongType(name, "an array of numbers") }
      return n
    }
  }

  /// All numbers or all strings, as min, max and sort need them.
  enum Sortable { case numbers([Double]), strings([String]) }

  static func sortable(_ items: [JSON], _ name: String) throws -> Sortable {
    if items.allSatisfy({ if case .number = $0 { return true } else { return false } }) {
      return .numbers(items.compactMap(\.numberValue))
    }
    if items.allSatisfy({ $0.stringValue != nil }) { return .strings(items.compactMap(\.stringValue)) }
    throw wrongType(name, "an array of numbers or an array of strings")
  }

  /// Each element's key by `node`, all numbers or all strings.
  static func keys(_ items: [JSON], by node: JMESPathNode, _ name: String) throws -> [JSON] {
    let keys = try items.map { try JMESPath.evaluate(node, $0) }
    _ = try sortable(keys, name)
    return keys
  }

  static func less(_ a: JSON, _ b: JSON) -> Bool {
    switch (a, b) {
    case (.number(let x), .number(let y)): return x < y
    case (.string(let x), .string(let y)): return x.unicodeScalars.lexicographicallyPrecedes(y.unicodeScalars)
    default: return false
    }
  }

  static func apply(_ name: String, _ args: [Argument]) throws -> JSON {
    switch name {
    case "abs": return .number(abs(try number(args[0], name)))
    case "avg":
      let n = try numbers(try array(args[0], name), name)
      return n.isEmpty ? .null : .number(n.reduce(0, +) / Double(n.count))
    case "ceil": return .number((try number(args[0], name)).rounded(.up))
    case "floor": return .number((try number(args[0], name)).rounded(.down))
    case "contains":
      switch args[0] {
      case .value(.array(let items)): return .bool(items.contains(args[1].json ?? .null))
      case .value(.string(let s)):
        guard let needle = args[1].json?.stringValue else { return .bool(false) }
        return .bool(needle.isEmpty || s.contains(needle))
      default: throw wrongType(name, "an array or a string")
      }
    case "ends_with":
      return .bool(
        try string(args[0], name).unicodeScalars.reversed().starts(
          with: try string(args[1], name).unicodeScalars.reversed()))
    case "starts_with":
      return .bool(try string(args[0], name).unicodeScalars.starts(with: try string(args[1], name).unicodeScalars))
    case "join":
      let glue = try string(args[0], name)
      let parts = try array(args[1], name).map {
        guard let s = $0.stringValue else { throw wrongType(name, "a string and an array of strings") }
        return s
      }
      return .string(parts.joined(separator: glue))
    case "keys": return .array(try object(args[0], name).keys.sorted().map { .string($0) })
    case "values":
      let members = try object(args[0], name)
      return .array(members.keys.sorted().compactMap { members[$0] })
    case "length":
      switch args[0] {
      case .value(.string(let s)): return .number(Double(s.unicodeScalars.count))
      case .value(.array(let a)): return .number(Double(a.count))
      case .value(.object(let o)): return .number(Double(o.count))
      default: throw wrongType(name, "a string, an array or an object")
      }
    case "map":
      let node = try expref(args[0], name)
      return .array(try array(args[1], name).map { try JMESPath.evaluate(node, $0) })
    case "max", "min":
      let items = try array(args[0], name)
      guard !items.isEmpty else { return .null }
      _ = try sortable(items, name)
      let pick = name == "max" ? items.max(by: less) : items.min(by: less)
      return pick ?? .null
    case "max_by", "min_by":
      let items = try array(args[0], name)
      guard !items.isEmpty else { return .null }
      let keys = try keys(items, by: try expref(args[1], name), name)
      let order = Array(zip(items, keys))
      let pick = name == "max_by" ? order.max { less($0.1, $1.1) } : order.min { less($0.1, $1.1) }
      return pick?.0 ?? .null
    case "merge":
      var out: [String: JSON] = [:]
      for a in args { out.merge(try object(a, name)) { _, new in new } }
      return .object(out)
    case "not_null": return args.compactMap(\.json).first { $0 != .null } ?? .null
    case "reverse":
      switch args[0] {
      case .value(.string(let s)): return .string(String(String.UnicodeScalarView(s.unicodeScalars.reversed())))
      case .value(.array(let a)): return .array(a.reversed())
      default: throw wrongType(name, "a string or an array")
      }
    case "sort":
      let items = try array(args[0], name)
      _ = try sortable(items, name)
      return .array(items.sorted(by: less))
    case "sort_by":
      let items = try array(args[0], name)
      let keys = try keys(items, by: try expref(args[1], name), name)
      // Stable: equal keys keep their order.
      let order = zip(items, keys).enumerated().sorted {
        less($0.element.1, $1.element.1) || (!less($1.element.1, $0.element.1) && $0.offset < $1.offset)
      }
      return .array(order.map(\.element.0))
    case "sum": return .number(try numbers(try array(args[0], name), name).reduce(0, +))
    case "to_array":
      guard let v = args[0].json else { throw wrongType(name, "a value") }
      if case .array = v { return v }
      return .array([v])
    case "to_string":
      guard let v = args[0].json else { throw wrongType(name, "a value") }
      if case .string = v { return v }
      return .string(compact(v))
    case "to_number":
      switch args[0] {
      case .value(.number(let n)): return .number(n)
      case .value(.string(let s)):
        // A JSON number, as the reference implementations read one; anything else is null.
        if let parsed = try? JSON.parse(s), case .number(let n) = parsed { return .number(n) }
        return .null
      default: return .null
      }
    case "type":
      switch args[0] {
      case .value(.number): return "number"
      case .value(.string): return "string"
      case .value(.bool): return "boolean"
      case .value(.array): return "array"
      case .value(.object): return "object"
      case .value(.null): return "null"
      case .expref: return "expref"
      }
    default: throw JMESPathError.unknownFunction(name)
    }
  }

  /// JSON as to_string writes it: compact, integers without a fraction.
  static func compact(_ value: JSON) -> String {
    switch value {
    case .number(let n):
      if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
      return "\(n)"
    case .array(let items): return "[" + items.map(compact).joined(separator: ",") + "]"
    case .object(let members):
      return "{"
        + members.keys.sorted().map { JSON.string($0).serialized() + ":" + compact(members[$0] ?? .null) }
        .joined(separator: ",") + "}"
    default: return value.serialized()
    }
  }
}
