import Basics
import Foundation
import Testing

@testable import Shell

/// Prose fitted to a terminal's width (TextWrap), wide characters counting as two columns.
@Suite("text wrapped to the terminal")
struct TextWrapTests {
  @Test("every line fits; words are kept whole; the text is the same but for line breaks")
  func fits() {
    let text =
      "the signature against the pool's JWKS and a backend's claim checks, each printed; 1 if any fails"
    for width in [20, 40, 80] {
      let wrapped = TextWrap.wrap(text, width: width)
      for line in wrapped.split(separator: "\n") { #expect(TextWrap.columns(String(line)) <= width, "\(line)") }
      #expect(wrapped.replacingOccurrences(of: "\n", with: " ") == text)
    }
  }

  @Test("a two-column line continues under its second column, or below its first when that is too wide")
  func hanging() {
    let line = "  --flow FLOW    srp (USER_SRP_AUTH), password (USER_PASSWORD_AUTH), admin, custom"
    #expect(
      TextWrap.wrap(line, width: 50)
        == "  --flow FLOW    srp (USER_SRP_AUTH), password\n                 (USER_PASSWORD_AUTH), admin,\n"
        + "                 custom")
    let wide = "  --client-metadata KEY=VALUE  sent as ClientMetadata, for the pool's Lambda triggers"
    #expect(
      TextWrap.wrap(wide, width: 40)
        == "  --client-metadata KEY=VALUE\n      sent as ClientMetadata, for the\n      pool's Lambda triggers")
  }

  @Test("Japanese breaks between characters, counts two columns each, and keeps its spaces and punctuation rules")
  func japanese() {
    let text = "ステップ 1/7: 管理者が一時パスワード付きでユーザーを作成します（AdminCreateUser、SigV4 署名付き）。"
    for width in [20, 30, 40] {
      let wrapped = TextWrap.wrap(text, width: width)
      let lines = wrapped.split(separator: "\n").map(String.init)
      for line in lines {
        #expect(TextWrap.columns(line) <= width, "\(line)")
        #expect(!"、。）".contains(line.first ?? "x"), "a line starts with closing punctuation: \(lines)")
        #expect(!"（".contains(line.last ?? "x"), "a line ends with an opener: \(lines)")
      }
      #expect(
        wrapped.replacingOccurrences(of: "\n", with: "") == text.replacingOccurrences(of: " ", with: "")
          || wrapped.contains("1/7: 管"), "the space after the colon is kept: \(wrapped)")
    }
  }

  @Test("a word longer than the line (a URL) is cut at the width, not left to overflow")
  func longWord() {
    let url = "http://127.0.0.1:44023/us-east-1_793f6cad7054429e9aa35059eebc73c5/.well-known/jwks.json"
    let wrapped = TextWrap.wrap("  GET " + url, width: 40)
    for line in wrapped.split(separator: "\n") { #expect(TextWrap.columns(String(line)) <= 40) }
    #expect(wrapped.replacingOccurrences(of: "\n  ", with: "").contains(url), "\(wrapped)")
  }

  @Test("a table too wide for the window shortens its free-text columns, then leaves out optional ones")
  func table() {
    let rows = [
      ["#", "time", "command", "action", "status", "outcome"],
      ["1", "16:11:28", "admin-create-user", "AdminCreateUser", "200", "NEW_PASSWORD_REQUIRED"],
    ]
    let full = Table.columns(rows, fit: 120, flexible: [2, 5, 3], optional: [1])
    #expect(full == Table.columns(rows))
    for width in [40, 50, 60] {
      let fitted = Table.columns(rows, fit: width, flexible: [2, 5, 3], optional: [1])
      for line in fitted.split(separator: "\n") { #expect(Table.displayWidth(String(line)) <= width, "\(fitted)") }
      #expect(fitted.split(separator: "\n").count == 2, "rows are not wrapped")
      #expect(fitted.contains("…") && fitted.contains("200"))
    }
  }
}
