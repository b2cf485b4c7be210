import Cognito

/// `--query`: a JSONPath-like selection of a command's JSON result, as the AWS CLI's --query reads
/// its simplest forms: `a.b`, `a[0]`, `a[*].b` (or `a[].b`), `[-1]`.
enum JSONQuery {
  /// `json` narrowed by `expression`; a path that leads nowhere is null.
  static func apply(_ expression: String, to json: JSON) throws -> JSON {
    var current: [JSON] = [json]
    var projected = false
    for step in try steps(expression) {
      switch step {
      case .key(let k):
        current = current.map { $0[k] ?? .null }
      case .index(let i):
        current = current.map { value in
          guard let a = value.arrayValue else { return .null }
          let n = i < 0 ? a.count + i : i
          return a.indices.contains(n) ? a[n] : .null
        }
      case .all:
        current = current.flatMap { $0.arrayValue ?? [] }
        projected = true
      }
    }
    if projected { return .array(current.filter { $0 != .null }) }
    return current.first ?? .null
  }

  enum Step: Equatable { case key(String), index(Int), all }

  static func steps(_ expression: String) throws -> [Step] {
    var out: [Step] = []
    var name = ""
    var chars = Array(expression.trimmingCharacters(in: .whitespaces))[...]
    func flush() {
      if !name.isEmpty { out.append(.key(name)) }
      name = ""
    }
    while let c = chars.first {
      chars = chars.dropFirst()
      switch c {
      case ".": flush()
      case "[":
        flush()
        guard let close = chars.firstIndex(of: "]") else {
          throw UsageError.invalidOption("--query: unclosed [ in \(expression)")
        }
        let inside = String(chars[..<close])
        chars = chars[chars.index(after: close)...]
        if inside.isEmpty || inside == "*" {
          out.append(.all)
        } else if let i = Int(inside) {
          out.append(.index(i))
        } else {
          throw UsageError.invalidOption("--query: [\(inside)] is not an index, * or empty")
        }
      default: name.append(c)
      }
    }
    flush()
    return out
  }

  /// A selected value as it is printed: strings bare (one a line for a list of them), the rest as JSON.
  static func text(_ value: JSON, pretty: Bool) -> String {
    if let s = value.stringValue { return s }
    if let a = value.arrayValue, !a.isEmpty, a.allSatisfy({ $0.stringValue != nil }) {
      return a.compactMap(\.stringValue).joined(separator: "\n")
    }
    return value.serialized(pretty: pretty)
  }
}

/// `output table`: a JSON result as rows and columns.
enum JSONTable {
  static func render(_ json: JSON) -> String {
    if let list = json.arrayValue {
      let objects = list.compactMap(\.objectValue)
      guard objects.count == list.count, !objects.isEmpty else {
        return list.map { JSONQuery.text($0, pretty: false) }.joined(separator: "\n")
      }
      var keys: [String] = []
      for o in objects { for k in o.keys.sorted() where !keys.contains(k) { keys.append(k) } }
      let rows = objects.map { o in keys.map { o[$0].map(cell) ?? "" } }
      return Table.columns([keys] + rows) + "\n\(Table.count(objects.count, "row"))"
    }
    if let object = json.objectValue {
      return Table.render(object.sorted { $0.key < $1.key }.map { ($0.key, cell($0.value)) })
    }
    return JSONQuery.text(json, pretty: false)
  }

  static func cell(_ value: JSON) -> String {
    value.stringValue ?? (value == .null ? "-" : value.serialized())
  }
}
