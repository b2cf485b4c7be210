import Foundation
import Testing

/// Whole transcripts against moto: each line of `Tests/Golden/NAME.cogsh` run as its own `cogsh -c`
/// in one home, its output (stdout and stderr as written) after `> LINE`, with times, ids, tokens and
/// secrets normalised, compared with `NAME.transcript` exactly. After a deliberate change of output:
///
///     COGSH_UPDATE_GOLDEN=1 swift test --filter Golden
///
/// rewrites the transcripts; review them with `git diff Tests/Golden` before committing.
@Suite("Golden transcripts against moto", .serialized)
struct GoldenTests {
  static let updating = ProcessInfo.processInfo.environment["COGSH_UPDATE_GOLDEN"] == "1"

  @Test("each transcript matches, byte for byte after normalising", arguments: ["article", "srp", "mfa", "tokens"])
  func transcript(_ name: String) throws {
    let (pool, cogsh, connection) = try Moto.articleSession()
    let script = try String(contentsOfFile: Project.path("Tests/Golden/\(name).cogsh"), encoding: .utf8)
    var out: [String] = []
    for line in script.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      if line.hasPrefix("#") || line.trimmingCharacters(in: .whitespaces).isEmpty {
        out.append(line)
        continue
      }
      let run = try cogsh.run(connection + ["-c", line], merged: true)
      out.append("> " + line)
      if !run.stdout.isEmpty { out.append(run.stdout.hasSuffix("\n") ? String(run.stdout.dropLast()) : run.stdout) }
      if run.status != 0 { out.append("[exit \(run.status)]") }
    }
    let actual = Self.normalise(
      out.joined(separator: "\n") + "\n", url: pool.url, poolId: pool.poolId, clientId: pool.clientId)
    let path = Project.path("Tests/Golden/\(name).transcript")
    if Self.updating {
      try actual.write(toFile: path, atomically: true, encoding: .utf8)
      return
    }
    let expected = try String(contentsOfFile: path, encoding: .utf8)
    let difference = Self.firstDifference(expected, actual)
    #expect(
      actual == expected,
      "Tests/Golden/\(name).transcript differs (COGSH_UPDATE_GOLDEN=1 swift test --filter Golden rewrites it):\n\(difference)"
    )
  }

  @Test("the tutorials show the transcripts as they are today (docs/tutorial.md, docs/tutorial.ja.md)")
  func tutorials() throws {
    for doc in ["docs/tutorial.md", "docs/tutorial.ja.md"] {
      var text = try String(contentsOfFile: Project.path(doc), encoding: .utf8)
      var found = 0
      for name in ["article", "tokens"] {
        let marker = "<!-- transcript: \(name) -->\n```\n"
        guard let start = text.range(of: marker),
          let end = text.range(of: "```\n<!-- end transcript -->", range: start.upperBound..<text.endIndex)
        else { continue }
        found += 1
        let transcript = try String(contentsOfFile: Project.path("Tests/Golden/\(name).transcript"), encoding: .utf8)
        if Self.updating {
          text.replaceSubrange(start.upperBound..<end.lowerBound, with: transcript)
        } else {
          #expect(
            String(text[start.upperBound..<end.lowerBound]) == transcript,
            "\(doc): the \(name) transcript is out of date")
        }
      }
      #expect(found == 2, "\(doc) shows both transcripts")
      if Self.updating { try text.write(toFile: Project.path(doc), atomically: true, encoding: .utf8) }
    }
  }

  /// What changes from run to run, replaced by a name for it.
  static func normalise(_ text: String, url: String, poolId: String, clientId: String) -> String {
    var t = text.replacingOccurrences(of: url, with: "<ENDPOINT>")
      .replacingOccurrences(of: poolId, with: "<POOL>").replacingOccurrences(of: clientId, with: "<CLIENT>")
    let rules: [(String, String)] = [
      (#"eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*"#, "<JWT>"),
      (#"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, "<UUID>"),
      (#"\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+)?( UTC|Z)?"#, "<TIME>"),
      (#"[A-Z][a-z]{2} [A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2} UTC \d{4}"#, "<TIME>"),
      (#"\b1\d{9}\b"#, "<EPOCH>"),
      (#"\b[0-9a-f]{32,}\b"#, "<HEX>"),
      (#"\b[0-9a-f]{8,}…[0-9a-f]{8,}\b"#, "<HEX>"),
      // The signed message's length follows the timestamp's, whose day of the month has one or two digits.
      (#"\(\d+ bytes\), signed"#, "(<N> bytes), signed"),
      // A is a random number: a leading zero digit now and then makes it one hex digit shorter.
      (#"\(\d+ hex digits\)"#, "(<N> hex digits)"),
      // Which claims a refresh changes depends on whether the clock ticked between sign-in and refresh
      // (moto then also renews auth_time, and says so).
      (#"claims changed: .*"#, "claims changed: <CLAIMS>"),
      (#"(?m)^note: moto gives a new auth_time on refresh.*\n"#, ""),
      (#"[A-Za-z0-9+/]{40,}={0,2}"#, "<BASE64>"),
      (#"\b[A-Z2-7]{16,}\b"#, "<BASE32>"),
      (#"\b\d+[dhms](\d+[hms])*\b"#, "<DURATION>"),
      (#"\b\d{6}\b"#, "<CODE>"),
      (#"(?m)^[█▀▄ ]{10,}$(\n^[█▀▄ ]{10,}$)*"#, "<QR CODE>"),
    ]
    for (pattern, name) in rules {
      guard let re = try? NSRegularExpression(pattern: pattern) else { continue }
      t = re.stringByReplacingMatches(in: t, range: NSRange(t.startIndex..., in: t), withTemplate: name)
    }
    return t
  }

  /// The first line that differs, with its neighbours, for the failure message.
  static func firstDifference(_ expected: String, _ actual: String) -> String {
    let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
    let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
    for i in 0..<max(e.count, a.count) where (i < e.count ? e[i] : nil) != (i < a.count ? a[i] : nil) {
      return
        "line \(i + 1):\n  expected: \(i < e.count ? String(e[i]) : "(end)")\n  actual:   \(i < a.count ? String(a[i]) : "(end)")"
    }
    return "(no difference found line by line)"
  }
}
