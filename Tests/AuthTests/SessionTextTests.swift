import Basics
import Cognito
import Foundation
import Testing

@testable import Auth

/// The session file's split: users kept as their JSON texts, the rest decoded, each user on demand.
@Suite("Session file split")
struct SessionTextTests {
  static func state(_ names: [String]) -> SessionState {
    var s = SessionState(currentUser: names.first)
    for n in names { s.users[n] = StoreTests.sampleUser(n) }
    s.sessionLifetimes = ["client-1": 180]
    return s
  }

  @Test("a stored state splits into the rest and each user's text; both decode to what was stored")
  func roundTrip() throws {
    // Names and values that a careless scanner would trip on: quotes, braces, backslashes, Japanese.
    let names = ["a@example.com", "q\"uote}{", "back\\slash", "太郎@example.com", "]["]
    let original = Self.state(names)
    for pretty in [false, true] {
      let encoder = JSONEncoder()
      encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys] : []
      let bytes = Array(try encoder.encode(original))
      let split = try #require(SessionText.split(bytes), "pretty: \(pretty)")
      #expect(Set(split.users.keys) == Set(names))
      var decoded = try JSONDecoder().decode(SessionState.self, from: Data(split.rest))
      #expect(
        decoded.users.isEmpty && decoded.currentUser == names.first && decoded.sessionLifetimes == ["client-1": 180])
      decoded.users = UserTable(texts: split.users)
      #expect(decoded == original)
      #expect(decoded.users["q\"uote}{"]?.username == "q\"uote}{")
    }
  }

  @Test("the store reads a thousand users without decoding them, and writes them back whole")
  func store() throws {
    let home = TempDir()
    let store = SessionStore(home: home.path)
    let names = (0..<1_000).map { "user-\($0)@example.com" }
    try store.updateSession("p") { $0 = Self.state(names) }
    let read = try store.session("p")
    #expect(read.users.count == 1_000 && read.current?.username == names[0])
    #expect(read.users.untouched == 1_000, "nothing decoded but what was asked for")
    try store.updateSession("p") { s in s.users["user-7@example.com"]?.tokens.accessToken = "changed" }
    let again = try store.session("p")
    #expect(again.users["user-7@example.com"]?.tokens.accessToken == "changed")
    #expect(again == Self.state(names).with { $0.users["user-7@example.com"]?.tokens.accessToken = "changed" })
  }

  @Test(
    "what is not one JSON object is refused, not half-read",
    arguments: [
      "", "{", "{\"users\":{\"a\":{}}", "{\"users\":{\"a\":{}}} x", "[1]", "{\"a\" 1}", "{\"users\":{\"a\"}}",
      "{\"a\":}",
    ])
  func refused(_ text: String) {
    #expect(SessionText.split(Array(text.utf8)) == nil)
  }
}

extension SessionState {
  func with(_ change: (inout SessionState) -> Void) -> SessionState {
    var s = self
    change(&s)
    return s
  }
}
