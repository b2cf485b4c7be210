import Foundation

/// The walkthrough file format (docs/walkthroughs.md): `key: value` lines, `#` comments, a step
/// starting at each `step:` line. Keys before the first step describe the walkthrough; a key may
/// carry a language (`why.ja:`), English being the default.
///
///     name: article
///     summary: the seed article's flow
///     summary.ja: 元記事の流れ
///     sandbox-only: no
///
///     step: login {user} --flow password --password {temp}
///     why: The user signs in with USER_PASSWORD_AUTH …
///     why.ja: ユーザーは USER_PASSWORD_AUTH でサインインします…
///     look: the ChallengeName and the Session
///     expect: failure          # a step meant to fail (a wrong password on purpose)
enum WalkthroughFile {
  /// A problem with a line of a walkthrough file.
  struct Problem: Error, Equatable, CustomStringConvertible {
    var line: Int
    var message: String
    var description: String { "line \(line): \(message)" }
  }

  static let headerKeys: Set<String> = ["name", "summary", "sandbox-only"]
  static let stepKeys: Set<String> = ["why", "look", "expect"]
  static let languages: Set<String> = ["en", "ja"]
  /// What a step's `expect:` may say.
  static let expectations: Set<String> = ["success", "failure"]

  /// The placeholders a run fills in, each with what it stands for.
  static let placeholders: [(word: String, meaning: String)] = [
    ("{user}", "the trainee's username"), ("{temp}", "a temporary password"), ("{password}", "the trainee's password"),
  ]

  /// The `{word}`s in `text` that are not placeholders.
  static func unknownPlaceholders(_ text: String) -> [String] {
    var found: [String] = []
    var rest = Substring(text)
    while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
      let word = String(rest[open...close])
      // JSON in a step (`call X '{"A": 1}'`) is not a placeholder: only a bare word in braces is.
      let inner = word.dropFirst().dropLast()
      if !inner.isEmpty, inner.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" }),
        !placeholders.contains(where: { $0.word == word })
      {
        found.append(word)
      }
      rest = rest[rest.index(after: open)...]
    }
    return found
  }

  /// Reads `text`; every problem is reported with its line, none is passed over.
  /// `checkStep` says what is wrong with a step's command as a run would parse it (nil: nothing); the
  /// built-ins are read before the registry exists (it lists them), so they pass none.
  static func parse(_ text: String, checkStep: ((String) -> String?)? = nil) -> (Walkthrough?, [Problem]) {
    var problems: [Problem] = []
    var header: [String: [String: String]] = [:]
    var steps: [(line: Int, command: String, texts: [String: [String: String]])] = []
    for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let n = index + 1
      let line = raw.trimmingCharacters(in: .whitespaces)
      if line.isEmpty || line.hasPrefix("#") { continue }
      guard let colon = line.firstIndex(of: ":") else {
        problems.append(Problem(line: n, message: "expected `key: value`, found \"\(line)\""))
        continue
      }
      let fullKey = String(line[..<colon]).trimmingCharacters(in: .whitespaces)
      let value = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
      let parts = fullKey.split(separator: ".", maxSplits: 1).map(String.init)
      let key = parts.first ?? ""
      let language = parts.count > 1 ? parts[1] : "en"
      guard languages.contains(language) else {
        problems.append(Problem(line: n, message: "unknown language \"\(language)\" (en or ja)"))
        continue
      }
      if value.isEmpty { problems.append(Problem(line: n, message: "\(fullKey) has no value")) }
      for word in unknownPlaceholders(value) {
        problems.append(
          Problem(
            line: n,
            message: "unknown placeholder \(word) (a run fills in "
              + placeholders.map(\.word).joined(separator: ", ") + ")"))
      }
      if key == "step" {
        if language != "en" { problems.append(Problem(line: n, message: "a step's command has no language")) }
        if let checkStep, !value.isEmpty, let problem = checkStep(value) {
          problems.append(Problem(line: n, message: problem))
        }
        steps.append((n, value, [:]))
      } else if steps.isEmpty {
        guard headerKeys.contains(key) else {
          problems.append(Problem(line: n, message: "unknown key \"\(key)\" before the first step"))
          continue
        }
        if header[key]?[language] != nil { problems.append(Problem(line: n, message: "\(fullKey) given twice")) }
        if key == "name", value.contains(where: \.isWhitespace) {
          problems.append(
            Problem(line: n, message: "the name \"\(value)\" has a space: it is typed as one word after `walkthrough`"))
        }
        header[key, default: [:]][language] = value
      } else {
        guard stepKeys.contains(key) else {
          problems.append(Problem(line: n, message: "unknown key \"\(key)\" in a step (why, look)"))
          continue
        }
        if steps[steps.count - 1].texts[key]?[language] != nil {
          problems.append(Problem(line: n, message: "\(fullKey) given twice in this step"))
        }
        if key == "expect", !expectations.contains(value) {
          problems.append(Problem(line: n, message: "expect is success or failure, not \"\(value)\""))
        }
        steps[steps.count - 1].texts[key, default: [:]][language] = value
      }
    }
    if header["name"]?["en"] == nil {
      problems.append(Problem(line: 1, message: "no name (a `name:` line before the first step)"))
    }
    if header["summary"]?["en"] == nil {
      problems.append(Problem(line: 1, message: "no summary (a `summary:` line before the first step, in English)"))
    }
    if steps.isEmpty { problems.append(Problem(line: 1, message: "no steps (each starts with a `step:` line)")) }
    for s in steps where s.texts["why"]?["en"] == nil {
      problems.append(Problem(line: s.line, message: "the step has no English explanation (a `why:` line after it)"))
    }
    if let only = header["sandbox-only"]?["en"], only != "yes", only != "no" {
      problems.append(Problem(line: 1, message: "sandbox-only is yes or no, not \"\(only)\""))
    }
    guard problems.isEmpty, let name = header["name"]?["en"], let summary = header["summary"] else {
      return (nil, problems.sorted { $0.line < $1.line })
    }
    return (
      Walkthrough(
        name: name, summaries: summary, sandboxOnly: header["sandbox-only"]?["en"] == "yes",
        steps: steps.map {
          Walkthrough.Step(
            command: $0.command, why: $0.texts["why"] ?? [:], look: $0.texts["look"],
            meantToFail: $0.texts["expect"]?["en"] == "failure")
        }),
      []
    )
  }
}
