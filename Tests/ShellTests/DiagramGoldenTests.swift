import Foundation
import Testing

/// `log --diagram` on the flows a trainer draws most: the article's (NEW_PASSWORD_REQUIRED), TOTP MFA and
/// managed login, each run by its walkthrough on the sandbox, drawn at 80 and 40 columns (and in Japanese)
/// and compared with `Tests/Golden/diagrams/`, times normalised; the Mermaid text of each is put through
/// Mermaid's own parser and renderer (Support/mermaid_check.py). After a deliberate change:
///
///     COGSH_UPDATE_GOLDEN=1 swift test --filter DiagramGolden
@Suite("Flow diagrams, golden", .serialized)
struct DiagramGoldenTests {
  static let flows = ["article", "mfa", "hosted"]
  /// What each run prints, by part: the drawings and the Mermaid text.
  static let parts = ["80", "40", "40.ja", "mmd", "ja.mmd"]

  /// Runs the walkthrough and draws it every way; the parts by name, and the walkthrough's own drawing.
  static func drawn(_ name: String) throws -> (parts: [String: String], walkthrough: String) {
    _ = try Moto.server()
    let cogsh = Cogsh()
    let script = [
      "walkthrough \(name) --auto --lang en --user d-\(name)@example.com --password pass-\(name)-1",
      "echo ==80", "log --diagram --width 80", "echo ==40", "log --diagram --width 40",
      "echo ==40.ja", "log --diagram --width 40 --lang ja", "echo ==mmd", "log --diagram --format mermaid",
      "echo ==ja.mmd", "log --diagram --format mermaid --lang ja",
      "echo ==end", "log --diagram --save \(cogsh.home.path)/flow.txt",
      "log --diagram --format mermaid --save \(cogsh.home.path)/flow.md",
    ]
    let run = try cogsh.run(
      ["--sandbox", "-c", script.joined(separator: "; ")],
      extraEnvironment: [
        "BROWSER": "\(try HelperServer.python()) \(Project.path("Tests/ShellTests/Support/browser.py"))",
        "FAKE_BROWSER_USER": "d-\(name)@example.com", "FAKE_BROWSER_PASSWORD": "pass-\(name)-1",
      ])
    #expect(run.status == 0, "\(run.stdout)\n\(run.stderr)")
    var parts: [String: String] = [:]
    var current: String?
    for line in run.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("==") {
        let name = String(line.dropFirst(2))
        current = Self.parts.contains(name) ? name : nil
        if current != nil { parts[name] = "" }
        continue
      }
      if let c = current { parts[c]! += line + "\n" }
    }
    for (k, v) in parts { parts[k] = v.trimmingCharacters(in: .newlines) + "\n" }
    let caption = "the flow, as it happened:\n\n"
    // Saved, the drawing is the one printed (at 80 columns); in a .md file, Mermaid's is in a mermaid block.
    let saved = try String(contentsOfFile: cogsh.home.path + "/flow.txt", encoding: .utf8)
    let markdown = try String(contentsOfFile: cogsh.home.path + "/flow.md", encoding: .utf8)
    #expect(saved == parts["80"], "\(saved)")
    #expect(markdown == "```mermaid\n" + (parts["mmd"] ?? "") + "```\n", "\(markdown)")
    #expect(run.stdout.contains("wrote \(cogsh.home.path)/flow.md ("))
    let before = run.stdout.components(separatedBy: "==80\n")[0]
    let walkthrough = before.range(of: caption).map { String(before[$0.upperBound...]) } ?? ""
    return (parts, walkthrough.trimmingCharacters(in: .newlines) + "\n")
  }

  @Test(
    "each flow drawn at 80 and 40 columns, in English and Japanese, and as Mermaid, matches its golden file",
    arguments: flows)
  func golden(_ name: String) throws {
    let (parts, walkthrough) = try Self.drawn(name)
    #expect(walkthrough == parts["80"], "a walkthrough ends with its flow drawn, the drawing `log --diagram` makes")
    for part in Self.parts {
      let text = try #require(parts[part], "no \(part) part in the output")
      if let width = Int(part.prefix(2)) {
        let lines = text.split(separator: "\n").map(String.init)
        for (line, columns) in zip(lines, try Self.columns(lines)) {
          #expect(columns <= width, "\(name) \(part): \(columns) columns, wider than \(width): \(line)")
        }
      }
      let actual = Self.normalise(text)
      let path = Project.path("Tests/Golden/diagrams/\(name).\(part.contains("mmd") ? part : part + ".txt")")
      if GoldenTests.updating {
        try FileManager.default.createDirectory(
          atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try actual.write(toFile: path, atomically: true, encoding: .utf8)
        continue
      }
      let expected = try String(contentsOfFile: path, encoding: .utf8)
      #expect(
        actual == expected,
        "\(path) differs (COGSH_UPDATE_GOLDEN=1 swift test --filter DiagramGolden rewrites it):\n\(GoldenTests.firstDifference(expected, actual))"
      )
    }
  }

  @Test("the tutorials show the article's flow as log --diagram draws it today (docs/tutorial.md, .ja.md)")
  func tutorials() throws {
    for (doc, part) in [("docs/tutorial.md", "article.80"), ("docs/tutorial.ja.md", "article.40.ja")] {
      let text = try String(contentsOfFile: Project.path(doc), encoding: .utf8)
      let start = try #require(text.range(of: "<!-- diagram: \(part) -->\n```\n"), "\(doc) shows no drawing")
      let end = try #require(text.range(of: "```\n<!-- end diagram -->", range: start.upperBound..<text.endIndex))
      let shown = String(text[start.upperBound..<end.lowerBound])
      let golden = try String(contentsOfFile: Project.path("Tests/Golden/diagrams/\(part).txt"), encoding: .utf8)
      #expect(
        Self.normalise(shown) == golden,
        "\(doc): the drawing is out of date:\n\(GoldenTests.firstDifference(golden, Self.normalise(shown)))")
    }
  }

  @Test("Mermaid's own parser takes the Mermaid text of each flow, and draws each message as cogsh wrote it")
  func mermaidParses() throws {
    let place = TempDirectory()
    var files: [(String, String)] = []
    for name in Self.flows {
      for part in ["mmd", "ja.mmd"] {
        let text = try String(
          contentsOfFile: Project.path("Tests/Golden/diagrams/\(name).\(part)"), encoding: .utf8)
        let file = place.path + "/\(name).\(part)"
        try text.write(toFile: file, atomically: true, encoding: .utf8)
        files.append((file, text))
      }
    }
    // The checker can say no: a message without its target is refused.
    let broken = place.path + "/broken.mmd"
    try files[0].1.replacingOccurrences(of: "->>UserPool:", with: "->>:").write(
      toFile: broken, atomically: true, encoding: .utf8)
    let run = try runProgram(
      try HelperServer.python(),
      [Project.path("Tests/ShellTests/Support/mermaid_check.py")] + files.map(\.0) + [broken],
      environment: ["PATH": "/usr/bin:/bin"])
    #expect(run.status == 0, "\(run.stderr)")
    let results = run.stdout.split(separator: "\n").compactMap {
      try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
    try #require(results.count == files.count + 1, "\(run.stdout)\n\(run.stderr)")
    for ((file, text), result) in zip(files, results) {
      #expect(result["ok"] as? Bool == true, "\(file): \(result["error"] ?? "")")
      #expect(result["type"] as? String == "sequence", "\(file)")
      // What Mermaid draws on each arrow is the text cogsh meant, its escapes (#35; for #) undone.
      let written = text.split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix("    "), !line.contains("participant "), let colon = line.firstIndex(of: ":") else {
          return nil
        }
        return Self.unescaped(String(line[line.index(after: colon)...].dropFirst()))
      }
      #expect(result["messages"] as? [String] == written, "\(file)")
      #expect((result["actors"] as? [String])?.contains("cogsh") == true, "\(file)")
    }
    #expect(results.last?["ok"] as? Bool == false, "the broken text is refused")
    #expect((results.last?["error"] as? String)?.contains("Parse error") == true)
  }

  /// Mermaid's entity codes (`#35;`) as the characters they stand for.
  static func unescaped(_ text: String) -> String {
    guard let re = try? NSRegularExpression(pattern: "#(\\d+);") else { return text }
    var out = text
    for m in re.matches(in: text, range: NSRange(text.startIndex..., in: text)).reversed() {
      guard let r = Range(m.range, in: text), let n = Range(m.range(at: 1), in: text),
        let scalar = UInt32(text[n]).flatMap(Unicode.Scalar.init)
      else { continue }
      out.replaceSubrange(r, with: String(Character(scalar)))
    }
    return out
  }

  /// Columns each line takes, counted by Python's unicodedata (East Asian Wide and Fullwidth take two,
  /// combining marks none): a count that is not cogsh's own.
  static func columns(_ lines: [String]) throws -> [Int] {
    let place = TempDirectory()
    let file = place.path + "/lines.json"
    try JSONSerialization.data(withJSONObject: lines).write(to: URL(fileURLWithPath: file))
    let count = """
      import json, sys, unicodedata
      def width(c):
          if unicodedata.combining(c): return 0
          return 2 if unicodedata.east_asian_width(c) in "WF" else 1
      for line in json.load(open(sys.argv[1], encoding="utf-8")):
          print(sum(width(c) for c in line))
      """
    let run = try runProgram(try HelperServer.python(), ["-c", count, file], environment: ["PATH": "/usr/bin:/bin"])
    let counts = run.stdout.split(separator: "\n").compactMap { Int($0) }
    try #require(counts.count == lines.count, "\(run.stderr)")
    return counts
  }

  /// Times change from run to run: each is replaced by `~`, in the margin keeping its width.
  static func normalise(_ text: String) -> String {
    let time = #"(?:\d+(?:\.\d)?m?s|\d+m\d{2}s|\d+h\d{2}m)"#
    var t = text
    for (pattern, replacement) in [(#"(?m)^ {0,5}"# + time + " ", "    ~ "), (#"\("# + time + #"\)"#, "(~)")] {
      guard let re = try? NSRegularExpression(pattern: pattern) else { continue }
      t = re.stringByReplacingMatches(in: t, range: NSRange(t.startIndex..., in: t), withTemplate: replacement)
    }
    return t
  }
}
