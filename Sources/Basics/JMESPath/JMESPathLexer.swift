/// The tokens of a JMESPath expression (https://jmespath.org/specification.html), as jmespath.py's
/// lexer splits them.
struct JMESPathLexer {
  enum Kind: String {
    case unquotedIdentifier, quotedIdentifier, literal, number
    case dot, star, flatten, filter, lbracket, rbracket, lbrace, rbrace, lparen, rparen, comma, colon
    case pipe, or, and, not, expref, current, eq, ne, lt, lte, gt, gte, eof
  }

  struct Token {
    var kind: Kind
    /// The identifier's name, or the literal's value.
    var value: JSON = .null
    /// An index or slice's number, exact (a Double would round Int.max past what Int holds).
    var number: Int?
    /// Where it starts, in characters, for errors.
    var position: Int
  }

  static func tokens(_ expression: String) throws -> [Token] {
    let chars = Array(expression)
    var out: [Token] = []
    var i = 0
    func fail(_ why: String) -> JMESPathError { .syntax("\(why) at column \(i + 1)") }
    while i < chars.count {
      let c = chars[i]
      let start = i
      func add(_ kind: Kind, _ length: Int = 1, _ value: JSON = .null) {
        out.append(Token(kind: kind, value: value, position: start))
        i += length
      }
      func next(_ offset: Int = 1) -> Character? { i + offset < chars.count ? chars[i + offset] : nil }
      switch c {
      case " ", "\t", "\n", "\r": i += 1
      case "a"..."z", "A"..."Z", "_":
        var j = i
        while j < chars.count, chars[j].isASCII, chars[j].isLetter || chars[j].isNumber || chars[j] == "_" { j += 1 }
        add(.unquotedIdentifier, j - i, .string(String(chars[i..<j])))
      case "0"..."9", "-":
        var j = i + 1
        while j < chars.count, ("0"..."9").contains(chars[j]) { j += 1 }
        guard let n = Int(String(chars[i..<j])) else { throw fail("\(String(chars[i..<j])) is not a number") }
        out.append(Token(kind: .number, number: n, position: i))
        i = j
      case ".": add(.dot)
      case "*": add(.star)
      case "]": add(.rbracket)
      case "{": add(.lbrace)
      case "}": add(.rbrace)
      case "(": add(.lparen)
      case ")": add(.rparen)
      case ",": add(.comma)
      case ":": add(.colon)
      case "@": add(.current)
      case "[":
        if next() == "]" {
          add(.flatten, 2)
        } else if next() == "?" {
          add(.filter, 2)
        } else {
          add(.lbracket)
        }
      case "|": next() == "|" ? add(.or, 2) : add(.pipe)
      case "&": next() == "&" ? add(.and, 2) : add(.expref)
      // U+0021, the exclamation mark, spelt out so that it cannot read as a force-unwrap.
      case "\u{21}": next() == "=" ? add(.ne, 2) : add(.not)
      case "=":
        guard next() == "=" else { throw fail("= is not an operator (== is)") }
        add(.eq, 2)
      case "<": next() == "=" ? add(.lte, 2) : add(.lt)
      case ">": next() == "=" ? add(.gte, 2) : add(.gt)
      case "\"":
        let (text, end) = try delimited(chars, from: i, by: "\"")
        guard let name = (try? JSON.parse("\"" + text + "\""))?.stringValue else {
          throw fail("the quoted identifier \"\(text)\" is not a JSON string")
        }
        add(.quotedIdentifier, end - i, .string(name))
      case "'":
        let (text, end) = try delimited(chars, from: i, by: "'")
        add(.literal, end - i, .string(text.replacingOccurrences(of: "\\'", with: "'")))
      case "`":
        let (text, end) = try delimited(chars, from: i, by: "`")
        let json = text.replacingOccurrences(of: "\\`", with: "`")
        guard let value = try? JSON.parse(json) else { throw fail("the literal `\(json)` is not JSON") }
        add(.literal, end - i, value)
      default:
        throw fail("unexpected character \(c)")
      }
    }
    out.append(Token(kind: .eof, position: chars.count))
    return out
  }

  /// The text between the quote at `start` and the next one not escaped by a backslash, and the
  /// index just past the closing quote.
  static func delimited(_ chars: [Character], from start: Int, by quote: Character) throws -> (String, Int) {
    var j = start + 1
    while j < chars.count {
      if chars[j] == "\\" {
        j += 2
        continue
      }
      if chars[j] == quote { return (String(chars[(start + 1)..<j]), j + 1) }
      j += 1
    }
    throw JMESPathError.syntax("unclosed \(quote) at column \(start + 1)")
  }
}
