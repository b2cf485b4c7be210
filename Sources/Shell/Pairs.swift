import Cognito

/// `NAME=VALUE` words, as --attribute and `respond` take them.
enum Pairs {
  static func parse(_ words: [String], what: String) throws -> [(String, String)] {
    try words.map { w in
      guard let eq = w.firstIndex(of: "="), eq != w.startIndex else {
        throw UsageError.invalidOption("\(what) \"\(w)\" is not NAME=VALUE")
      }
      return (String(w[..<eq]), String(w[w.index(after: eq)...]))
    }
  }

  /// Cognito's `[{"Name":…,"Value":…}]` attribute list.
  static func attributeList(_ pairs: [(String, String)]) -> JSON {
    .array(pairs.map { .object(["Name": .string($0.0), "Value": .string($0.1)]) })
  }

  /// The `UserAttributes` member for the `--attribute` flags given, or nil when there are none.
  static func userAttributes(_ args: Arguments) throws -> JSON? {
    let pairs = try parse(args.flagList("attribute"), what: "attribute")
    return pairs.isEmpty ? nil : attributeList(pairs)
  }
}
