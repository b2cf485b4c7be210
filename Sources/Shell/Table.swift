import Foundation

/// Two-column aligned text.
enum Table {
  static func render(_ rows: [(String, String)]) -> String {
    let width = rows.map { $0.0.count }.max() ?? 0
    return rows.map { row in
      let line = row.0.padding(toLength: width + 2, withPad: " ", startingAt: 0) + row.1
      return String(line.reversed().drop { $0 == " " }.reversed())
    }.joined(separator: "\n")
  }
}
