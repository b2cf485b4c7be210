/// Text that came from outside, made safe and short enough to show.
public enum SafeText {
  /// `text` cut to `limit` characters, saying how much was left out.
  public static func truncated(_ text: String, to limit: Int) -> String {
    guard text.utf8.count > limit else { return text }
    let kept = String(decoding: text.utf8.prefix(limit), as: UTF8.self)
    return kept + "… (\(text.utf8.count - limit) more bytes)"
  }

  /// `text` with control characters shown as escapes (`\e`, `\x07`, `\r`), so that a server or a
  /// token cannot move the cursor, retitle the window or clear the screen. Newlines and tabs stay
  /// unless `keepLayout` is false.
  public static func escapingControls(_ text: String, keepLayout: Bool = true) -> String {
    guard text.unicodeScalars.contains(where: { isControl($0, keepLayout: keepLayout) }) else { return text }
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      guard isControl(s, keepLayout: keepLayout) else {
        out.append(s)
        continue
      }
      let escaped: String
      switch s {
      case "\u{1B}": escaped = "\\e"
      case "\r": escaped = "\\r"
      case "\n": escaped = "\\n"
      case "\t": escaped = "\\t"
      default:
        // As C and most tools write them: \x07 for a byte-sized control, \u202e for a bidi override.
        let hex = String(s.value, radix: 16)
        escaped = s.value <= 0xFF ? "\\x" + String(repeating: "0", count: 2 - hex.count) + hex : "\\u" + hex
      }
      out.append(contentsOf: escaped.unicodeScalars)
    }
    return String(out)
  }

  static func isControl(_ s: Unicode.Scalar, keepLayout: Bool) -> Bool {
    if keepLayout && (s == "\n" || s == "\t") { return false }
    // C0, DEL, C1 (0x9B is a one-byte CSI), and the bidi overrides that can disguise text.
    return s.value < 0x20 || (0x7F...0x9F).contains(s.value) || (0x202A...0x202E).contains(s.value)
      || (0x2066...0x2069).contains(s.value)
  }
}
