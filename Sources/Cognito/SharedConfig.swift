/// The AWS shared config and credentials files (`~/.aws/config`, `~/.aws/credentials`), parsed as botocore does.
public struct SharedConfig: Equatable, Sendable {
  /// Sections by name; in the config file `[profile dev]` is stored as `dev`, `[default]` as `default`.
  public var profiles: [String: [String: String]]
  /// Other sections of the config file (`services X`, `sso-session X`), by full header.
  public var otherSections: [String: [String: String]]

  public init(profiles: [String: [String: String]] = [:], otherSections: [String: [String: String]] = [:]) {
    self.profiles = profiles
    self.otherSections = otherSections
  }

  /// Parses an INI text. `isConfigFile` selects the config file's `[profile NAME]` convention.
  ///
  /// Indented lines after `key =` form a nested block (`cognito_identity_provider =` in a services
  /// section); they are stored as `key.subkey`.
  public static func parse(_ text: String, isConfigFile: Bool) -> SharedConfig {
    var result = SharedConfig()
    var current: String?
    var isProfile = false
    var parentKey: String?
    for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
      let line = String(raw).replacingTabs()
      let trimmed = line.trimmingSpaces()
      if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
      if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
        let header = String(trimmed.dropFirst().dropLast()).trimmingSpaces()
        parentKey = nil
        if !isConfigFile {
          current = header
          isProfile = true
        } else if header == "default" {
          current = "default"
          isProfile = true
        } else if header.hasPrefix("profile ") {
          current = String(header.dropFirst("profile ".count)).trimmingSpaces()
          isProfile = true
        } else {
          current = header.split(separator: " ").joined(separator: " ")
          isProfile = false
        }
        if let name = current {
          if isProfile {
            result.profiles[name, default: [:]] = result.profiles[name] ?? [:]
          } else {
            result.otherSections[name] = result.otherSections[name] ?? [:]
          }
        }
        continue
      }
      guard let section = current, let eq = trimmed.firstIndex(of: "=") else { continue }
      let key = String(trimmed[..<eq]).trimmingSpaces().lowercased()
      let value = String(trimmed[trimmed.index(after: eq)...]).trimmingSpaces()
      let indented = line.first == " "
      var fullKey = key
      if indented, let parent = parentKey {
        fullKey = "\(parent).\(key)"
      } else {
        parentKey = value.isEmpty ? key : nil
      }
      if isProfile {
        result.profiles[section, default: [:]][fullKey] = value
      } else {
        result.otherSections[section, default: [:]][fullKey] = value
      }
    }
    return result
  }
}

extension String {
  func trimmingSpaces() -> String {
    var s = Substring(self)
    while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
    while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
    return String(s)
  }

  func replacingTabs() -> String {
    String(map { $0 == "\t" ? " " : $0 })
  }
}
