import Foundation

/// Two-column aligned text, aligned by display width: CJK and other wide characters take two columns.
enum Table {
  static func render(_ rows: [(String, String)]) -> String {
    let width = rows.map { displayWidth($0.0) }.max() ?? 0
    return rows.map { row in
      trimmingTrailingSpaces(row.0 + String(repeating: " ", count: width + 2 - displayWidth(row.0)) + row.1)
    }.joined(separator: "\n")
  }

  /// Any number of columns, each as wide as its widest cell, two spaces apart.
  static func columns(_ rows: [[String]]) -> String {
    var widths: [Int] = []
    return columns(rows, widths: &widths)
  }

  /// Rows in columns at least `widths` wide, which grow to fit: a list printed page by page keeps its
  /// columns from one page to the next (they only ever widen).
  static func columns(_ rows: [[String]], widths: inout [Int]) -> String {
    let count = rows.map(\.count).max() ?? 0
    widths += Array(repeating: 0, count: max(0, count - widths.count))
    for c in 0..<count { widths[c] = max(widths[c], rows.map { c < $0.count ? displayWidth($0[c]) : 0 }.max() ?? 0) }
    return rows.map { row in
      var line = ""
      for (c, cell) in row.enumerated() {
        line += cell
        if c < row.count - 1 { line += String(repeating: " ", count: widths[c] + 2 - displayWidth(cell)) }
      }
      return trimmingTrailingSpaces(line)
    }.joined(separator: "\n")
  }

  /// Rows in columns that fit in `width`, when given: rather than wrap a row, the widest of the
  /// `flexible` columns is shortened (its cells end in "…"), down to 8 columns, then the `optional`
  /// columns are left out in the order given, then the flexible ones shortened further.
  static func columns(_ rows: [[String]], fit width: Int?, flexible: [Int], optional: [Int] = []) -> String {
    guard let width else { return columns(rows) }
    let count = rows.map(\.count).max() ?? 0
    var widths = (0..<count).map { c in rows.map { c < $0.count ? displayWidth($0[c]) : 0 }.max() ?? 0 }
    var kept = Array(0..<count)
    func total() -> Int { kept.map { widths[$0] }.reduce(0, +) + 2 * max(0, kept.count - 1) }
    func shorten(to floor: Int, among columns: [Int]) {
      while total() > width {
        guard
          let widest = columns.filter({ kept.contains($0) && widths[$0] > floor }).max(by: { widths[$0] < widths[$1] })
        else { return }
        widths[widest] -= 1
      }
    }
    shorten(to: 8, among: flexible)
    for c in optional where total() > width { kept.removeAll { $0 == c } }
    shorten(to: 3, among: flexible)
    shorten(to: 1, among: kept)
    let cut = rows.map { row in kept.map { c in c < row.count ? Table.cut(row[c], to: widths[c]) : "" } }
    return columns(cut)
  }

  /// `text` in at most `width` columns, ending in "…" when cut.
  static func cut(_ text: String, to width: Int) -> String {
    guard displayWidth(text) > width else { return text }
    var out = ""
    var used = 0
    for c in text {
      let w = displayWidth(String(c))
      if used + w > width - 1 { break }
      out.append(c)
      used += w
    }
    return out + "…"
  }

  /// The line without the spaces that pad its last cell.
  static func trimmingTrailingSpaces(_ line: String) -> String {
    var line = line
    while line.utf8.last == UInt8(ascii: " ") { line.removeLast() }
    return line
  }

  /// "1 user", "3 users": the line a list ends with, so a reader knows nothing was cut.
  static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

  /// Columns `text` takes on a terminal: two for East Asian wide and full-width characters, none for
  /// combining marks, one otherwise (the rules of wcwidth, for the ranges that occur in practice).
  static func displayWidth(_ text: String) -> Int {
    text.unicodeScalars.reduce(0) { $0 + width(of: $1) }
  }

  static func width(of s: Unicode.Scalar) -> Int {
    let v = s.value
    if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark
      || v == 0x200B
    {
      return 0
    }
    let wide: [ClosedRange<UInt32>] = [
      0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
      0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x1F300...0x1F64F,
      0x1F900...0x1F9FF, 0x20000...0x3FFFD,
    ]
    return wide.contains { $0.contains(v) } ? 2 : 1
  }
}
