/// `NAME=VALUE` words, as --attribute and `respond` take them.
enum NameValuePairs {
  static func parse(_ words: [String], what: String) throws -> [(String, String)] {
    try words.map { w in
      guard let eq = w.firstIndex(of: "="), eq != w.startIndex else {
        throw UsageError.invalidOption("\(what) \"\(w)\" is not NAME=VALUE")
      }
      return (String(w[..<eq]), String(w[w.index(after: eq)...]))
    }
  }

  /// The `--attribute` flags given, as name/value pairs.
  static func attributes(_ args: Arguments) throws -> [(String, String)] {
    try parse(args.flagList("attribute"), what: "attribute")
  }
}
