import Foundation

/// Splitting script text into statements and statements into words, shell-style.
///
/// Quotes: '…' is literal; "…" allows `$VAR` and backslash escapes; a backslash outside quotes
/// escapes the next character. `#` at the start of a word begins a comment.
enum StatementLexer {
  /// Splits `text` into statements at `;` and newlines outside quotes; comments and blank
  /// statements are dropped. Each statement keeps its original text.
  static func statements(_ text: String) -> [String] { numberedStatements(text).map(\.text) }

  /// The statements with the line each starts on (1-based), for `FILE:LINE:` in script errors.
  static func numberedStatements(_ text: String) -> [(text: String, line: Int)] {
    var out: [(text: String, line: Int)] = []
    var line = 1
    var startLine = 1
    var current = ""
    func flush() {
      let t = trimmingBlanks(current)
      if !t.isEmpty { out.append((t, startLine)) }
      current = ""
    }
    var quote: Character?
    var escaped = false
    var inComment = false
    var atWordStart = true
    var blank = true  // `current` holds blanks only: the statement has not begun
    for ch in text {
      if blank { startLine = line }
      let length = current.utf8.count
      defer {
        if ch == "\n" || ch == "\r\n" { line += 1 }
        if current.isEmpty { blank = true } else if current.utf8.count != length { blank = blank && isBlank(ch) }
      }
      if inComment {
        if ch == "\n" || ch == "\r\n" {
          inComment = false
          flush()
          atWordStart = true
        }
        continue
      }
      if escaped {
        current.append(ch)
        escaped = false
        atWordStart = false
        continue
      }
      if let q = quote {
        current.append(ch)
        if ch == "\\" && q == "\"" { escaped = true } else if ch == q { quote = nil }
        continue
      }
      switch ch {
      case "\\":
        current.append(ch)
        escaped = true
      case "'", "\"":
        current.append(ch)
        quote = ch
        atWordStart = false
      case "#" where atWordStart:
        inComment = true
      case ";", "\n", "\r\n":
        flush()
        atWordStart = true
      default:
        current.append(ch)
        atWordStart = ch == " " || ch == "\t"
      }
    }
    flush()
    return out
  }

  /// A space or a tab: what Foundation's `.whitespaces` holds (Unicode's space separators, the tab and
  /// the zero-width space), told without Foundation, which a script's every character went through.
  static func isBlank(_ ch: Character) -> Bool {
    ch.unicodeScalars.allSatisfy {
      $0 == "\t" || $0 == "\u{200B}" || $0.properties.generalCategory == .spaceSeparator
    }
  }

  /// `text` without the blanks it begins and ends with.
  static func trimmingBlanks(_ text: String) -> String {
    var kept = Substring(text)
    while let c = kept.first, isBlank(c) { kept.removeFirst() }
    while let c = kept.last, isBlank(c) { kept.removeLast() }
    return String(kept)
  }

  /// Splits one statement into words, expanding `$NAME` and `${NAME}` through `lookup` outside
  /// single quotes. `lookup` throws for unknown or unset variables.
  static func split(_ statement: String, lookup: (String) throws -> String) throws -> [String] {
    var words: [String] = []
    var current = ""
    var inWord = false
    var quote: Character?
    var quoteOpened = 0
    let chars = Array(statement)
    var i = 0
    func readVariable() throws -> String? {
      // chars[i] is "$"; returns the expansion and leaves i on the last consumed character.
      var j = i + 1
      var name = ""
      if j < chars.count && chars[j] == "?" {
        i = j
        return try lookup("?")
      }
      if j < chars.count && chars[j] == "{" {
        j += 1
        while j < chars.count && chars[j] != "}" {
          name.append(chars[j])
          j += 1
        }
        // The line is not repeated: it may hold a secret (`login u --password "p…`).
        guard j < chars.count else { throw UsageError.syntax("unterminated ${ (opened at character \(i + 1))") }
      } else {
        while j < chars.count && (chars[j].isLetter || chars[j].isNumber || chars[j] == "_") {
          name.append(chars[j])
          j += 1
        }
        j -= 1
      }
      if name.isEmpty { return nil }
      i = j
      return try lookup(name)
    }
    while i < chars.count {
      let ch = chars[i]
      if let q = quote {
        if ch == q {
          quote = nil
        } else if q == "\"" && ch == "\\" && i + 1 < chars.count && "\"\\$".contains(chars[i + 1]) {
          i += 1
          current.append(chars[i])
        } else if q == "\"" && ch == "$", let value = try readVariable() {
          current += value
        } else {
          current.append(ch)
        }
      } else if ch == " " || ch == "\t" {
        if inWord {
          words.append(current)
          current = ""
          inWord = false
        }
      } else if ch == "'" || ch == "\"" {
        quote = ch
        quoteOpened = i + 1
        inWord = true
      } else if ch == "\\" && i + 1 < chars.count {
        i += 1
        current.append(chars[i])
        inWord = true
      } else if ch == "$", let value = try readVariable() {
        current += value
        inWord = true
      } else {
        current.append(ch)
        inWord = true
      }
      i += 1
    }
    if let quote { throw UsageError.syntax("unterminated \(quote) quote (opened at character \(quoteOpened))") }
    if inWord { words.append(current) }
    return words
  }

  /// "a", "a and b", "a, b and c".
  static func list(_ items: [String]) -> String {
    items.count <= 2
      ? items.joined(separator: " and ") : items.dropLast().joined(separator: ", ") + " and " + items[items.count - 1]
  }

  /// A statement split at its first `|` outside quotes: the command, and the shell filter its JSON
  /// result is handed to (`tokens | jq .id`), if any.
  static func splitPipe(_ statement: String) -> (String, String?) {
    var quote: Character?
    var escaped = false
    for (i, ch) in statement.enumerated() {
      if escaped {
        escaped = false
        continue
      }
      if ch == "\\" && quote != "'" {
        escaped = true
      } else if let q = quote {
        if ch == q { quote = nil }
      } else if ch == "'" || ch == "\"" {
        quote = ch
      } else if ch == "|" {
        let at = statement.index(statement.startIndex, offsetBy: i)
        let filter = statement[statement.index(after: at)...].trimmingCharacters(in: .whitespaces)
        return (String(statement[..<at]), filter.isEmpty ? nil : filter)
      }
    }
    return (statement, nil)
  }
}
