import Basics
import Foundation
import Testing

@testable import Auth

/// What the store's files decoded to is reused only for the very bytes it was decoded from.
@Suite("Decoded files")
struct DecodedFilesTests {
  @Test("the same bytes under the same key decode once; other bytes, or another type, decode again")
  func reuse() {
    let cache = DecodedFiles()
    var calls = 0
    let one = Array(#"{"x":1}"#.utf8)
    var two = one
    two[5] = UInt8(ascii: "2")
    #expect(
      cache.value("k", bytes: one) { _ -> Int in
        calls += 1; return 1
      } == 1)
    #expect(
      cache.value("k", bytes: one) { _ -> Int in
        calls += 1; return 9
      } == 1)
    #expect(calls == 1)
    #expect(
      cache.value("k", bytes: two) { _ -> Int in
        calls += 1; return 2
      } == 2)
    #expect(
      cache.value("k", bytes: two) { _ -> String in
        calls += 1; return "s"
      } == "s")
    #expect(
      cache.value("other", bytes: two) { _ -> Int in
        calls += 1; return 3
      } == 3)
    #expect(calls == 4)
  }

  @Test("bytes are the same only when every byte is")
  func sameBytes() {
    let long = [UInt8](repeating: 7, count: 100_000)
    var lastDiffers = long
    lastDiffers[99_999] = 8
    #expect(DecodedFiles.same([], []))
    #expect(DecodedFiles.same(long, Array(long)))
    #expect(!DecodedFiles.same(long, lastDiffers))
    #expect(!DecodedFiles.same(long, Array(long.dropLast())))
    #expect(!DecodedFiles.same([], [0]))
  }

  @Test("a file rewritten in place, to the same length and at once, is read as what it now says")
  func rewrittenInPlace() throws {
    let home = TempDir()
    let store = SessionStore(home: home.path)
    try store.updateProfiles { $0.current = "aaaa" }
    #expect(try store.profileBook().current == "aaaa")
    // Same inode, same size, and most likely the same coarse mtime: only the bytes tell.
    let path = home.path + "/profiles.json"
    let text = try String(contentsOfFile: path, encoding: .utf8).replacingOccurrences(of: "aaaa", with: "bbbb")
    let handle = try #require(FileHandle(forWritingAtPath: path))
    handle.write(Data(text.utf8))
    try handle.close()
    #expect(try store.profileBook().current == "bbbb")
    try store.updateProfiles { $0.current = "cccc" }
    #expect(try store.profileBook().current == "cccc")
  }
}
