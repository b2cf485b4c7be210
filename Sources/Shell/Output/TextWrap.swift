/// Prose fitted to the terminal's width, as a person reads it: lines broken between words, and
/// between any two East Asian wide characters (which take two columns, and Japanese puts no spaces
/// between words), never inside a word, so a token or a URL stays whole and can be copied. A line laid
/// out in two columns (`  login        sign in …`) continues under its second column.
enum TextWrap {
  /// Punctuation a line must not start with, and openers it must not end with (kinsoku shori).
  static let noLineStart: Set<Character> = ["、", "。", "，", "．", "）", "」", "』", "】", "・", "ー", "？", "！", ")", ",", "."]
  static let noLineEnd: Set<Character> = ["（", "「", "『", "【", "("]

  /// `text`, each of its lines wrapped to `width` columns.
  static func wrap(_ text: String, width: Int) -> String {
    guard width > 0, text.contains(where: { _ in true }) else { return text }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map { wrapLine(String($0), width: width) }
      .joined(separator: "\n")
  }

  /// Columns `text` takes, escape sequences (colour) taking none.
  static func columns(_ text: String) -> Int {
    var n = 0
    var inEscape = false
    for s in text.unicodeScalars {
      if inEscape {
        if (0x40...0x7E).contains(s.value) && s != "[" { inEscape = false }
        continue
      }
      if s == "\u{1B}" {
        inEscape = true
        continue
      }
      n += Table.width(of: s)
    }
    return n
  }

  static func isWide(_ c: Character) -> Bool { c.unicodeScalars.first.map { Table.width(of: $0) == 2 } ?? false }

  /// Where a line's second column starts: the index of its first character (after the first run of
  /// two or more spaces), and of the end of the first column.
  static func secondColumn(_ chars: [Character]) -> (start: Int, labelEnd: Int)? {
    var i = chars.firstIndex { $0 != " " } ?? chars.count
    while i + 1 < chars.count {
      if chars[i] == " " && chars[i + 1] == " " {
        var j = i
        while j < chars.count && chars[j] == " " { j += 1 }
        return j < chars.count ? (j, i) : nil
      }
      i += 1
    }
    return nil
  }

  static func wrapLine(_ line: String, width: Int) -> String {
    guard columns(line) > width else { return line }
    let chars = Array(line)
    let lead = chars.firstIndex { $0 != " " } ?? chars.count
    var start = lead
    var indentColumns = lead + (line.hasPrefix("usage: ") ? 7 : 0)
    if let split = secondColumn(chars) {
      if columns(String(chars[..<split.start])) <= width / 2 {
        // The rest hangs under the second column.
        start = split.start
        indentColumns = columns(String(chars[..<start]))
      } else {
        // Too far right to hang under: the first column on a line of its own, the rest below it.
        let label = String(chars[..<split.labelEnd])
        let rest = String(repeating: " ", count: lead + 4) + String(chars[split.start...])
        return wrapLine(label, width: width) + "\n" + wrapLine(rest, width: width)
      }
    }
    let prefix = String(chars[..<start])
    let indent = String(repeating: " ", count: min(indentColumns, max(0, width - 12)))
    // Units: a word (a run without spaces or wide characters) or one wide character, each with
    // whether a space came before it.
    var units: [(text: String, spaced: Bool)] = []
    var word = ""
    var spaced = false
    func flush() {
      guard !word.isEmpty else { return }
      units.append((word, spaced))
      word = ""
      spaced = false
    }
    for c in chars[start...] {
      if c == " " {
        flush()
        spaced = true
      } else if isWide(c) || noLineStart.contains(c) && units.last.map({ isWide($0.text.last ?? " ") }) == true {
        flush()
        units.append((String(c), spaced))
        spaced = false
      } else {
        word.append(c)
      }
    }
    flush()
    var lines: [String] = []
    var current = prefix
    var currentColumns = columns(prefix)
    var empty = true
    for (k, unit) in units.enumerated() {
      let gap = unit.spaced && !empty ? 1 : 0
      var needed = columns(unit.text) + gap
      // Units that may not be parted (an opener and what follows it, closing punctuation and what
      // precedes it) go to the next line together, unless together they are wider than a line.
      var j = k
      while j + 1 < units.count, !units[j + 1].spaced,
        noLineEnd.contains(units[j].text.last ?? " ") || noLineStart.contains(units[j + 1].text.first ?? " ")
      {
        j += 1
        needed += columns(units[j].text)
      }
      if needed > width - indent.count { needed = columns(unit.text) + gap }
      if indent.count + columns(unit.text) > width {
        // Longer than any line (a URL, an id): it starts a line of its own and is cut where the width
        // ends, as the terminal would cut it.
        if !empty {
          lines.append(current)
          current = indent
          currentColumns = indent.count
        } else if gap == 1 {
          current += " "
          currentColumns += 1
        }
        for c in unit.text {
          let w = columns(String(c))
          if currentColumns + w > width {
            lines.append(current)
            current = indent
            currentColumns = indent.count
          }
          current.append(c)
          currentColumns += w
        }
      } else if !empty && currentColumns + needed > width {
        lines.append(current)
        current = indent + unit.text
        currentColumns = indent.count + columns(unit.text)
      } else {
        current += (gap == 1 ? " " : "") + unit.text
        currentColumns += gap + columns(unit.text)
      }
      empty = false
    }
    lines.append(current)
    return lines.map(Table.trimmingTrailingSpaces).joined(separator: "\n")
  }
}
