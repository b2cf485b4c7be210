import Basics

/// `--query`: a command's JSON result narrowed by a JMESPath expression, as the AWS CLI's --query.
enum JSONQuery {
  /// `json` narrowed by `expression`; a path that leads nowhere is null.
  static func apply(_ expression: String, to json: JSON) throws -> JSON {
    try JMESPath.search(expression, in: json)
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

/// `output table`: a JSON result as rows and columns, never as JSON text: a list of objects is a table
/// with a column per member; an object is a member a row, nested objects flattened to dotted names
/// (`UserPoolClient.ClientName`), lists of values joined, `Name`/`Value` lists (attributes) by name.
enum JSONTable {
  static func render(_ json: JSON, width: Int? = nil) -> String {
    // An answer that only wraps one list or one object (`{"Users": […]}`, `{"UserPoolClient": {…}}`)
    // is shown as that list or object.
    if let object = json.objectValue, object.count == 1, let only = object.values.first,
      only.arrayValue?.allSatisfy({ $0.objectValue != nil }) == true && only.arrayValue?.isEmpty == false
    {
      return render(only, width: width)
    }
    if let list = json.arrayValue {
      let objects = list.compactMap(\.objectValue)
      guard objects.count == list.count, !objects.isEmpty else {
        return list.map { JSONQuery.text($0, pretty: false) }.joined(separator: "\n")
      }
      let flat = objects.map { flatten(.object($0), prefix: "") }
      var keys: [String] = []
      for row in flat { for (k, _) in row where !keys.contains(k) { keys.append(k) } }
      let rows = flat.map { row in keys.map { k in row.first { $0.0 == k }?.1 ?? "" } }
      return Table.columns([keys] + rows, fit: width, flexible: Array(keys.indices)) + "\n"
        + Table.count(objects.count, "row")
    }
    if json.objectValue != nil { return Table.render(flatten(json, prefix: "")) }
    return JSONQuery.text(json, pretty: false)
  }

  /// Each scalar of `json` with its dotted name, members in name order.
  static func flatten(_ json: JSON, prefix: String) -> [(String, String)] {
    func name(_ key: String) -> String { prefix.isEmpty ? key : "\(prefix).\(key)" }
    switch json {
    case .object(let members):
      return members.sorted { $0.key < $1.key }.flatMap { flatten($0.value, prefix: name($0.key)) }
    case .array(let items):
      if items.isEmpty { return [(prefix, "-")] }
      if items.allSatisfy({ $0.objectValue == nil && $0.arrayValue == nil }) {
        return [(prefix, items.map(cell).joined(separator: ", "))]
      }
      let pairs = items.compactMap { i -> (String, String)? in
        guard let n = i["Name"]?.stringValue, let v = i["Value"] else { return nil }
        return (n, cell(v))
      }
      if pairs.count == items.count { return pairs.map { (name($0.0), $0.1) } }
      return items.enumerated().flatMap { flatten($0.element, prefix: "\(prefix)[\($0.offset)]") }
    default:
      return [(prefix, cell(json))]
    }
  }

  static func cell(_ value: JSON) -> String {
    if let s = value.stringValue { return s }
    if value == .null { return "-" }
    if case .number(let n) = value, n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
    return value.serialized()
  }
}
