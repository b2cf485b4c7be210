import Foundation
import Testing

@testable import Shell

/// What cogsh prints at a terminal fits the terminal: checked in a pseudo-terminal of each width.
@Suite("output fitted to the terminal's width", .serialized)
struct WidthTests {
  /// The lines the terminal showed, without escape sequences (colour, clearing) or carriage returns.
  static func lines(_ seen: String) -> [String] {
    let plain = seen.replacingOccurrences(of: #"\x{1B}\[[0-9;?]*[A-Za-z]"#, with: "", options: .regularExpression)
    // By scalars: "\r\n" is one Character, which a search for "\r" or "\n" does not find.
    let unix = String(String.UnicodeScalarView(plain.unicodeScalars.filter { $0 != "\r" }))
    return unix.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
  }

  @Test(
    "help, help login, a Japanese walkthrough and log fit 40, 80 and 120 columns",
    .enabled(if: REPLTests.ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"),
    arguments: [40, 80, 120])
  func fits(_ width: Int) throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let commands =
      "help; help login; walkthrough article --auto --lang ja --user w\(width)@example.com; log; log --diagram; "
      + "echo ==mermaid; log --diagram --format mermaid"
    let t = try REPLTests.Terminal(
      home: cogsh.home.path, arguments: (connection + ["--no-pager", "-c", "'\(commands)'"]).joined(separator: " "),
      before: "stty cols \(width) rows 50; ",
      environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"])
    let status = t.finish()
    #expect(status == 0, "\(t.seen)")
    let parts = t.seen.components(separatedBy: "==mermaid")
    let lines = Self.lines(parts[0])
    #expect(lines.count > 100)
    #expect(lines.contains { $0.hasPrefix("   #5   ") }, "the walkthrough's flow, drawn")
    // Mermaid's text is code to copy: its lines pass the terminal's edge whole, never broken in two.
    let mermaid = Self.lines(parts.count > 1 ? parts[1] : "").filter { $0.hasPrefix("    ") }
    #expect(mermaid.count >= 10)
    for line in mermaid {
      #expect(line.contains("participant ") || line.contains(": "), "a broken Mermaid line: \(line)")
    }
    #expect(t.seen.contains("ウォークスルー article 完了") && t.seen.contains("usage: login"))
    #expect(lines.contains { $0.hasPrefix("#  ") && $0.contains("action") }, "the log's header")
    for line in lines {
      #expect(Table.displayWidth(line) <= width, "\(Table.displayWidth(line)) columns at \(width): \(line)")
    }
  }
}
