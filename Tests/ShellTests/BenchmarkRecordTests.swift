import Foundation
import Testing

/// benchmarks/results.md, as issue 15 asks of it: the newest run's figures for every comparison, each
/// target met or its shortfall explained after the run.
@Suite("Benchmark record")
struct BenchmarkRecordTests {
  static func sections() throws -> [(title: String, body: String)] {
    let text = try String(contentsOfFile: Project.path("benchmarks/results.md"), encoding: .utf8)
    return text.components(separatedBy: "\n## ").dropFirst().map {
      let title = $0.prefix { $0 != "\n" }
      return (String(title), String($0.dropFirst(title.count)))
    }
  }

  /// The cell in `column` (1 = the first after the label) of the table row labelled `label`.
  static func cell(_ body: String, _ label: String, column: Int = 1) -> String? {
    guard let row = body.split(separator: "\n").first(where: { $0.hasPrefix("| \(label) |") }) else { return nil }
    let cells = row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
    return cells.count > column ? cells[column] : nil
  }

  /// The number a cell begins with.
  static func figure(_ body: String, _ label: String, column: Int = 1) -> Double? {
    cell(body, label, column: column).flatMap { Double($0.prefix { $0.isNumber || $0 == "." }) }
  }

  @Test("the newest run compares the flow, start-up, peak RSS and the in-process work, and judges every target")
  func newestRun() throws {
    let all = try Self.sections()
    let run = try #require(all.lastIndex { $0.title.contains("one run of scripts/bench/run") })
    let body = all[run].body
    let flow = [
      "floor: the four requests from one C process, one connection", "cogsh: one `cogsh -f` run",
      "boto3: one Python process", "AWS CLI: four `aws cognito-idp` commands",
    ]
    let start = ["`/bin/true`", "`cogsh --version`", "`cogsh -c status`", "`aws --version`"]
    for label in flow + start {
      #expect(Self.figure(body, label) != nil, "\(label): its median")
      let rss = Self.cell(body, label, column: flow.contains(label) ? 3 : 2) ?? ""
      #expect(rss.hasSuffix(" MiB") && Double(rss.dropLast(4)) != nil, "\(label): its peak RSS, not \(rss)")
    }
    #expect(body.contains("| fresh a, SRP_A and PASSWORD_CLAIM_SIGNATURE") && body.contains("pycognito"))
    #expect(body.contains("| jwt decode, tokens/s") && body.contains("| jwt verify") && body.contains("PyJWT"))
    let targets = body.split(separator: "\n").filter { $0.hasSuffix("| met |") || $0.hasSuffix("| **not met** |") }
    #expect(targets.count == 4, "every target has a verdict")
    // A target not met has its shortfall and cause written after the run: its figure is named there.
    let after = all[(run + 1)...].map(\.body).joined()
    for row in targets where row.hasSuffix("**not met** |") {
      let figure = row.split(separator: "|")[1].trimmingCharacters(in: .whitespaces)
      #expect(after.contains(figure), "the shortfall \(figure) is explained after the run")
    }
  }

  @Test("the newest scale run has list-users over 10,000 users and start-up with and without a big store")
  func newestScale() throws {
    let all = try Self.sections()
    let scale = try #require(all.last { $0.title.contains("scale (scripts/bench/scale)") })
    for label in [
      "text, whole run (median of 5)", "text, the first row on stdout (median of 5)",
      "text, peak RSS (streamed: each page printed and let go)", "json, whole run (median of 5)",
    ] {
      #expect(Self.figure(scale.body, label) != nil, "\(label)")
    }
    let empty = try #require(Self.figure(scale.body, "`cogsh -c status`"))
    let full = try #require(Self.figure(scale.body, "`cogsh -c status`", column: 2))
    #expect(
      Self.figure(scale.body, "the interactive shell, from start to its prompt (in a pseudo-terminal)", column: 2)
        != nil)
    if full > empty * 1.1 {
      let newest = try #require(all.lastIndex { $0.title.contains("scale (scripts/bench/scale)") })
      #expect(
        all[(newest + 1)...].contains { $0.body.contains("not flat") },
        "start-up grows from \(empty) to \(full) ms: the record says why")
    }
  }
}
