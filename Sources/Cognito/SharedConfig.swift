import Basics

/// The AWS shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`), parsed by the
/// rules the AWS SDKs share and test with one suite (smithy-rs's `profile-parser-tests.json`, run in
/// ConfigTests): a line-by-line parse that stops at the first malformed line, then a normalisation
/// that keeps only the sections and keys each file may hold.
public struct SharedConfig: Equatable, Sendable {
  /// Profiles by name; in the config file `[profile dev]` is stored as `dev`, `[default]` as `default`.
  public var profiles: [String: [String: String]]
  /// The config file's other sections by `prefix name` (`services X`, `sso-session X`). An
  /// `sso-session`'s keys are stored as they are; another section's nested blocks as `key.subkey`.
  public var otherSections: [String: [String: String]]
  /// What the normalisation left out and why (a section or key with an invalid name), as the SDKs
  /// log it: said when a profile that is looked for is missing.
  public var ignored: [String]

  public init(
    profiles: [String: [String: String]] = [:], otherSections: [String: [String: String]] = [:],
    ignored: [String] = []
  ) {
    self.profiles = profiles
    self.otherSections = otherSections
    self.ignored = ignored
  }

  /// A line the SDKs would refuse to read, with the words they use.
  public struct ParseError: UserFacingError, Equatable {
    public var file: String
    public var line: Int
    public var problem: String
    public var message: String { "error parsing \(file) on line \(line): \(problem)" }
    public var hint: String? { "AWS settings from this file are not used until the line is fixed." }
  }

  /// Parses a file's text. `isConfigFile` selects the config file's `[profile NAME]` convention;
  /// `file` names it in errors.
  public static func parse(_ text: String, isConfigFile: Bool, file: String = "the file") throws -> SharedConfig {
    normalise(try RawSections.parse(text, file: file), isConfigFile: isConfigFile)
  }

  /// The profiles of `config` with the credentials file's merged in; the credentials file wins a
  /// key both have, as botocore and the SDKs merge them.
  public static func merged(config: SharedConfig, credentials: SharedConfig) -> [String: [String: String]] {
    var out = config.profiles
    for (name, keys) in credentials.profiles { out[name, default: [:]].merge(keys) { _, new in new } }
    return out
  }

  static let whitespace: Set<Character> = [" ", "\t"]

  /// Section, profile and key names: letters, digits and `_ - / . % @ : +`.
  static func isIdentifier(_ s: String) -> Bool {
    s.unicodeScalars.allSatisfy { c in
      (c.isASCII && (c.properties.isAlphabetic || ("0"..."9").contains(c))) || "_-/.%@:+".unicodeScalars.contains(c)
    }
  }

  static func normalise(_ raw: RawSections, isConfigFile: Bool) -> SharedConfig {
    var out = SharedConfig()
    var valid: [(prefix: String?, name: String, keys: [(String, String)])] = []
    for section in raw.sections {
      let header = section.header.trimming(whitespace)
      let prefix: String?
      let name: String
      if let split = header.firstIndex(where: { whitespace.contains($0) }) {
        prefix = String(header[..<split]).trimming(whitespace)
        name = String(header[header.index(after: split)...]).trimming(whitespace)
      } else {
        prefix = nil
        name = header
      }
      switch (isConfigFile, prefix) {
      case (true, .some(let p)) where !isIdentifier(name):
        out.ignored.append("[\(p) \(name)]: `\(name)` is not a valid name")
        continue
      case (true, nil) where name != "default":
        out.ignored.append("[\(name)]: in the config file a profile is written [profile \(name)]")
        continue
      case (false, .some(let p)):
        out.ignored.append(
          "[\(p) \(name)]: in the credentials file a profile is written [\(name)], and other sections belong in the config file"
        )
        continue
      case (false, nil) where !isIdentifier(name):
        out.ignored.append("[\(name)]: `\(name)` is not a valid name")
        continue
      default: valid.append((prefix, name, section.keys))
      }
    }
    // `[profile default]` outranks `[default]` in the same file.
    let prefixedDefault = valid.contains { $0.prefix == "profile" && $0.name == "default" }
    for section in valid {
      if prefixedDefault && section.prefix == nil && section.name == "default" {
        out.ignored.append("[default]: [profile default] is in the same file and takes its place")
        continue
      }
      switch section.prefix {
      case nil, "profile":
        out.profiles[section.name, default: [:]].merge(validKeys(section.keys, in: section.name, &out.ignored)) {
          _, b in b
        }
      case "sso-session":
        out.otherSections["sso-session \(section.name)", default: [:]].merge(
          validKeys(section.keys, in: section.name, &out.ignored)
        ) { _, b in b }
      case .some(let prefix):
        // A section such as `[services X]` holds nested blocks: `key =` and indented `sub = value` lines.
        for (group, value) in section.keys where isIdentifier(group) {
          for line in value.split(separator: "\n") where !line.isEmpty {
            guard let eq = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<eq]).trimming(whitespace)
            out.otherSections["\(prefix) \(section.name)", default: [:]]["\(group).\(key)"] =
              String(line[line.index(after: eq)...]).trimming(whitespace)
          }
        }
      }
    }
    return out
  }

  static func validKeys(_ keys: [(String, String)], in section: String, _ ignored: inout [String]) -> [String: String] {
    var out: [String: String] = [:]
    for (k, v) in keys {
      if isIdentifier(k) { out[k] = v } else { ignored.append("[\(section)] `\(k)`: not a valid key name") }
    }
    return out
  }
}

/// A file's sections as written, before the rules of its kind are applied.
struct RawSections {
  var sections: [(header: String, keys: [(String, String)])] = []

  static let comment: Set<Character> = ["#", ";"]

  /// The text's lines, split at LF with a CR before it dropped (a file from Windows), as Rust's
  /// `lines()` splits them: a `\r\n` is one Swift Character, so `split(separator: "\n")` would not.
  static func lines(_ text: String) -> [String] {
    var out: [String] = []
    for raw in text.utf8.split(separator: 0x0A, omittingEmptySubsequences: false) {
      out.append(String(decoding: raw.last == 0x0D ? raw.dropLast() : raw, as: UTF8.self))
    }
    if text.utf8.last == 0x0A { out.removeLast() }
    return out
  }

  /// `line` without its leading and trailing spaces and tabs and its comment. In a key's line a `#` or
  /// `;` starts a comment only after whitespace (`value;x` keeps it); in a section header anywhere.
  static func prepare(_ line: String, commentsNeedWhitespace: Bool) -> String {
    let trimmed = line.trimming(SharedConfig.whitespace)
    var afterWhitespace = false
    var end = trimmed.endIndex
    for i in trimmed.indices {
      let c = trimmed[i]
      if comment.contains(c) && (afterWhitespace || !commentsNeedWhitespace) {
        end = i
        break
      }
      afterWhitespace = c.isWhitespace
    }
    return String(trimmed[..<end]).trimming(SharedConfig.whitespace)
  }

  /// `key = value`, the key lower-cased; the SDKs' words when there is no `=` or no key.
  struct Problem: Error {
    let words: String
  }

  static func property(_ line: String, what: String) -> Result<(String, String), Problem> {
    let prepared = prepare(line, commentsNeedWhitespace: true)
    guard let eq = prepared.firstIndex(of: "=") else {
      return .failure(Problem(words: "Expected an '=' sign defining a \(what)"))
    }
    let key = String(prepared[..<eq]).trimming(SharedConfig.whitespace)
    guard !key.isEmpty else {
      return .failure(Problem(words: "\(what.prefix(1).uppercased() + what.dropFirst()) did not have a name"))
    }
    return .success(
      (asciiLowercased(key), String(prepared[prepared.index(after: eq)...]).trimming(SharedConfig.whitespace)))
  }

  static func asciiLowercased(_ s: String) -> String {
    // Only ASCII, as the SDKs lower-case keys: `İ` or `K` (Kelvin) stay as they are.
    String(
      String.UnicodeScalarView(
        s.unicodeScalars.map { ("A"..."Z").contains($0) ? Unicode.Scalar(UInt8($0.value) + 32) : $0 }))
  }

  static func parse(_ text: String, file: String) throws -> RawSections {
    var raw = RawSections()
    var index: [String: Int] = [:]
    var section: Int?
    var property: (key: String, nested: Bool)?
    for (n, line) in lines(text).enumerated() {
      func fail(_ problem: String) -> SharedConfig.ParseError {
        SharedConfig.ParseError(file: file, line: n + 1, problem: problem)
      }
      if line.allSatisfy({ SharedConfig.whitespace.contains($0) }) || line.first.map(comment.contains) == true {
        continue
      }
      if line.first == "[" {
        let prepared = prepare(line, commentsNeedWhitespace: false)
        guard prepared.hasSuffix("]") else { throw fail("Profile definition must end with ']'") }
        let header = String(prepared.dropFirst().dropLast())
        if index[header] == nil {
          index[header] = raw.sections.count
          raw.sections.append((header, []))
        }
        section = index[header]
        property = nil
      } else if let first = line.first, SharedConfig.whitespace.contains(first) {
        guard let s = section else { throw fail("Expected a profile definition") }
        guard let p = property else { throw fail("Expected a property definition, found continuation") }
        if p.nested, !line.allSatisfy({ SharedConfig.whitespace.contains($0) }),
          case .failure(let problem) = Self.property(line, what: "sub-property")
        {
          throw fail(problem.words)
        }
        if let at = raw.sections[s].keys.lastIndex(where: { $0.0 == p.key }) {
          raw.sections[s].keys[at].1 += "\n" + line.trimming(SharedConfig.whitespace)
        }
      } else {
        guard let s = section else { throw fail("Expected a profile definition") }
        switch Self.property(line, what: "property") {
        case .failure(let problem): throw fail(problem.words)
        case .success(let (key, value)):
          raw.sections[s].keys.append((key, value))
          property = (key, value.isEmpty)
        }
      }
    }
    return raw
  }
}

extension String {
  func trimming(_ set: Set<Character>) -> String {
    var s = Substring(self)
    while let f = s.first, set.contains(f) { s.removeFirst() }
    while let l = s.last, set.contains(l) { s.removeLast() }
    return String(s)
  }

  /// Without leading and trailing spaces, tabs and CRs (a header's or a key's value read from the wire).
  func trimmingSpaces() -> String { trimming([" ", "\t", "\r"]) }
}
