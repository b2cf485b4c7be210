import Foundation
import Testing

@testable import Shell

/// A long history file is read from its end: its newest lines, whole, and nothing when it is short.
@Suite("History tail")
struct HistoryTailTests {
  func file(_ lines: [String]) throws -> (TempDirectory, String) {
    let place = TempDirectory()
    let path = place.path + "/history"
    try Data(("_HiStOrY_V2_\n" + lines.map { $0 + "\n" }.joined()).utf8).write(to: URL(fileURLWithPath: path))
    return (place, path)
  }

  @Test("the newest lines of a long file, whole, however far back they begin")
  func newestLines() throws {
    // Short lines: the first quarter MiB holds them. Long ones: it must read further back.
    for (count, width) in [(40_000, 12), (1_500, 400)] {
      let lines = (0..<count).map { "status\\040#\\040\($0)" + String(repeating: "x", count: width) }
      let (place, path) = try file(lines)
      let tail = try #require(LineEditor.historyTail(path, lines: 1_000))
      #expect(String(decoding: tail, as: UTF8.self) == lines.suffix(1_000).map { $0 + "\n" }.joined())
      _ = place
    }
  }

  @Test("a short file, or a long one of fewer lines than kept, is left to libedit")
  func leftToLibedit() throws {
    let (a, short) = try file((0..<100).map { "line \($0)" })
    #expect(LineEditor.historyTail(short, lines: 1_000) == nil)
    let (b, few) = try file((0..<10).map { _ in String(repeating: "y", count: 40_000) })
    #expect(LineEditor.historyTail(few, lines: 1_000) == nil)
    #expect(LineEditor.historyTail(a.path + "/missing", lines: 1_000) == nil)
    _ = b
  }
}
