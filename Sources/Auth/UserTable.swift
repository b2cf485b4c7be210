import Basics
import Cognito
import Foundation

/// The users signed in under a profile, by sign-in name. Read from the store, each user stays the
/// JSON text it was until it is asked for: a command that needs the current user (status, the prompt)
/// does not decode the tokens of a thousand others.
public struct UserTable: Sendable, Equatable, Codable {
  enum Entry: Sendable {
    case text(ArraySlice<UInt8>)
    case user(SignedInUser)
  }
  private var entries: [String: Entry]

  public init(_ users: [String: SignedInUser] = [:]) { entries = users.mapValues { .user($0) } }

  /// Users as the store holds them: each one's JSON text, decoded when asked for.
  init(texts: [String: ArraySlice<UInt8>]) { entries = texts.mapValues { .text($0) } }

  /// The user signed in as `name`; nil when there is none, or when the store's entry for them cannot
  /// be read (a damaged entry costs that user, not the whole session).
  public subscript(name: String) -> SignedInUser? {
    get { entries[name].flatMap(Self.decode) }
    set { entries[name] = newValue.map { .user($0) } }
  }

  public var keys: [String] { Array(entries.keys) }
  public var count: Int { entries.count }
  public var isEmpty: Bool { entries.isEmpty }

  @discardableResult
  public mutating func removeValue(forKey name: String) -> SignedInUser? {
    entries.removeValue(forKey: name).flatMap(Self.decode)
  }

  /// How many users are still the text they were read as (none decoded): for the tests.
  var untouched: Int {
    entries.values.filter {
      if case .text = $0 { return true }
      return false
    }.count
  }

  /// Every user, decoded (what a write needs).
  public var all: [String: SignedInUser] { entries.compactMapValues(Self.decode) }

  static func decode(_ entry: Entry) -> SignedInUser? {
    switch entry {
    case .user(let u): return u
    case .text(let bytes): return try? JSONDecoder().decode(SignedInUser.self, from: Data(bytes))
    }
  }

  public static func == (a: UserTable, b: UserTable) -> Bool { a.all == b.all }

  public init(from decoder: Decoder) throws { self.init(try [String: SignedInUser](from: decoder)) }

  public func encode(to encoder: Encoder) throws { try all.encode(to: encoder) }
}

/// Splits a session file's JSON at its top level without decoding it: the users' entries come back as
/// their JSON texts, and the rest of the document with `"users": {}` in their place, for JSONDecoder.
/// Nothing is checked here beyond the nesting: JSONDecoder checks the rest, and each user when asked
/// for. Strings are crossed with memchr, so a megabyte of tokens costs about a millisecond.
enum SessionText {
  static func split(_ bytes: [UInt8]) -> (rest: [UInt8], users: [String: ArraySlice<UInt8>])? {
    bytes.withUnsafeBufferPointer { b -> (rest: [UInt8], users: [String: ArraySlice<UInt8>])? in
      guard let top = members(b, 0..<b.count) else { return nil }
      var rest: [UInt8] = [UInt8(ascii: "{")]
      var users: [String: ArraySlice<UInt8>] = [:]
      for (n, m) in top.enumerated() {
        if n > 0 { rest.append(UInt8(ascii: ",")) }
        rest += b[m.key]
        rest.append(UInt8(ascii: ":"))
        if m.name == "users" {
          guard let entries = members(b, m.value) else { return nil }
          // Slices of the one buffer read: a thousand users are not copied a second time.
          for e in entries { users[e.name] = bytes[e.value] }
          rest += Array("{}".utf8)
        } else {
          rest += b[m.value]
        }
      }
      rest.append(UInt8(ascii: "}"))
      return (rest, users)
    }
  }

  struct Member {
    var name: String
    /// Where its key (quotes included) and its value are in the text.
    var key: Range<Int>
    var value: Range<Int>
  }

  static func isSpace(_ c: UInt8) -> Bool { c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 }

  static func isDelimiter(_ c: UInt8) -> Bool {
    c == UInt8(ascii: ",") || c == UInt8(ascii: ":") || c == UInt8(ascii: "}") || c == UInt8(ascii: "]")
  }

  /// The members of the object that `range` of `b` holds (and nothing after it), one level deep.
  static func members(_ b: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Member]? {
    var i = range.lowerBound
    let end = range.upperBound
    func take(_ c: UInt8) -> Bool {
      while i < end, isSpace(b[i]) { i += 1 }
      guard i < end, b[i] == c else { return false }
      i += 1
      return true
    }
    guard take(UInt8(ascii: "{")) else { return nil }
    var out: [Member] = []
    if !take(UInt8(ascii: "}")) {
      repeat {
        while i < end, isSpace(b[i]) { i += 1 }
        let keyStart = i
        guard i < end, b[i] == UInt8(ascii: "\""), let keyEnd = skip(b, i, end),
          case .string(let name)? = try? JSON.parse(bytes: Array(b[keyStart..<keyEnd]))
        else { return nil }
        i = keyEnd
        guard take(UInt8(ascii: ":")) else { return nil }
        while i < end, isSpace(b[i]) { i += 1 }
        guard let valueEnd = skip(b, i, end) else { return nil }
        out.append(Member(name: name, key: keyStart..<keyEnd, value: i..<valueEnd))
        i = valueEnd
      } while take(UInt8(ascii: ","))
      guard take(UInt8(ascii: "}")) else { return nil }
    }
    while i < end, isSpace(b[i]) { i += 1 }
    return i == end ? out : nil
  }

  /// The index just after the value that starts at `start`, nesting and strings respected.
  static func skip(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int? {
    guard let base = b.baseAddress else { return nil }
    var j = start
    var depth = 0
    repeat {
      guard j < end else { return nil }
      switch b[j] {
      case UInt8(ascii: "\""):
        // The closing quote: the next one not escaped (preceded by an even run of backslashes).
        var from = j + 1
        while true {
          guard from < end, let q = memchr(base + from, 0x22, end - from) else { return nil }
          let k = base.distance(to: q.assumingMemoryBound(to: UInt8.self))
          var backslashes = 0
          while k - 1 - backslashes > j, b[k - 1 - backslashes] == UInt8(ascii: "\\") { backslashes += 1 }
          if backslashes % 2 == 0 {
            j = k + 1
            break
          }
          from = k + 1
        }
      case UInt8(ascii: "{"), UInt8(ascii: "["):
        depth += 1
        j += 1
      case UInt8(ascii: "}"), UInt8(ascii: "]"):
        depth -= 1
        j += 1
      case UInt8(ascii: ","), UInt8(ascii: ":"), 0x20, 0x0A, 0x0D, 0x09:
        // Between the members of what is being skipped (a pretty file's indentation is a run).
        guard depth > 0 else { return nil }
        j += 1
        while j < end, isSpace(b[j]) { j += 1 }
      default:
        // A number, true, false or null runs to the next delimiter.
        while j < end, !isSpace(b[j]), !isDelimiter(b[j]) { j += 1 }
      }
    } while depth > 0
    return depth == 0 ? j : nil
  }
}
