import Auth
import Foundation

/// `log --diagram`: the exchanges drawn as a sequence diagram in the terminal, a lifeline per party, an
/// arrow per request and per answer, each exchange's number and time in the left margin. It fits the
/// width it is given (40 columns and up), counting East Asian wide characters as two.
enum SequenceDiagram {
  /// The narrowest it is drawn: below this the arrows have no room at all.
  static let minimumWidth = 30

  static func draw(_ steps: [FlowStep], width requested: Int, words: DiagramWords) -> String {
    guard !steps.isEmpty else { return words.nothing }
    let width = max(minimumWidth, requested)
    let margin = max(5, steps.map { "#\($0.number)".count }.max() ?? 0) + 1
    let lanes = Lanes(parties: FlowLabels.parties(steps), margin: margin, width: width, words: words)
    var rows: [Row] = lanes.header()
    var command: String?
    var dotted = false
    for (i, step) in steps.enumerated() where step.kind != .trigger {
      if step.command != command {
        command = step.command
        var row = lanes.lifelines()
        row.put("▸ " + step.command, at: lanes.x(.cogsh) + 2, clip: true)
        rows.append(row)
      }
      let labels = FlowLabels(words: words)
      rows += lanes.arrow(
        from: step.from, to: step.to, label: labels.request(step), margin: "#\(step.number)")
      if step.kind == .browser {
        dotted = true
        rows += lanes.arrow(from: .browser, to: .managedLogin, label: labels.signIn, margin: "", dotted: true)
        rows += lanes.arrow(
          from: .managedLogin, to: .browser, label: labels.redirect(step), margin: "", dotted: true)
      }
      // The triggers the pool ran while it served this call: between the call and its answer.
      for t in steps[(i + 1)...].prefix(while: { $0.kind == .trigger }) {
        rows += lanes.arrow(from: t.from, to: t.to, label: labels.request(t), margin: "#\(t.number)")
        rows += lanes.arrow(from: t.to, to: t.from, label: labels.response(t), margin: FlowLabels.time(t))
      }
      rows += lanes.arrow(from: step.to, to: step.from, label: labels.response(step), margin: FlowLabels.time(step))
    }
    rows.append(lanes.lifelines())
    let legend = TextWrap.wrap(dotted ? words.legend : words.legendPlain, width: width)
    return (rows.map(\.text) + [legend]).joined(separator: "\n")
  }

  /// Where each party's lifeline runs, and the names over them.
  struct Lanes {
    var parties: [Party]
    var margin: Int
    var width: Int
    var names: [[String]] = []
    var xs: [Int] = []

    init(parties: [Party], margin: Int, width: Int, words: DiagramWords) {
      self.parties = parties
      self.margin = margin
      self.width = width
      let n = parties.count
      var limit = width
      // Names that do not fit between their neighbours break (at a space, or where the name allows),
      // and the lanes are placed again. When a word would still break, the names take turns on two
      // levels, each with room for twice as much.
      for _ in 0..<4 {
        names = parties.map { Self.broken(words.party($0), limit: limit) }
        let first = names[0].map(TextWrap.columns).max() ?? 1
        let last = names[n - 1].map(TextWrap.columns).max() ?? 1
        let x0 = margin + (first - 1) / 2
        let xLast = n == 1 ? x0 : width - 1 - last / 2
        xs = (0..<n).map { i in n == 1 ? x0 : x0 + Int((Double(i) * Double(xLast - x0) / Double(n - 1)).rounded()) }
        let gap = n == 1 ? width : (xLast - x0) / (n - 1)
        let breaksAWord = parties.contains { p in
          let name = words.party(p)
          return Self.broken(name, limit: max(3, gap - 1)).count
            > name.split(whereSeparator: { $0 == " " || $0 == "\u{200B}" }).count
        }
        if breaksAWord && n > 2 { staggered = true }
        let room = max(3, staggered ? 2 * gap - 2 : gap - 1)
        if (names.flatMap { $0 }.map(TextWrap.columns).max() ?? 0) <= room { break }
        limit = room
      }
    }

    /// Whether the names sit on two levels, every other one on the upper.
    var staggered = false

    func x(_ p: Party) -> Int { xs[parties.firstIndex(of: p) ?? 0] }

    /// `name` in lines of at most `limit` columns: broken at spaces and U+200B first, else anywhere.
    static func broken(_ name: String, limit: Int) -> [String] {
      var words: [(String, String)] = []  // (separator before, word)
      var current = ""
      var separator = ""
      for c in name {
        if c == " " || c == "\u{200B}" {
          words.append((separator, current))
          current = ""
          separator = c == " " ? " " : ""
        } else {
          current.append(c)
        }
      }
      words.append((separator, current))
      var lines: [String] = []
      var line = ""
      for (sep, word) in words {
        if line.isEmpty || TextWrap.columns(line + sep + word) > limit {
          if !line.isEmpty { lines.append(line) }
          line = ""
          var piece = ""
          for c in word {
            if TextWrap.columns(piece + String(c)) > limit, !piece.isEmpty {
              lines.append(piece)
              piece = ""
            }
            piece.append(c)
          }
          line = piece
        } else {
          line += sep + word
        }
      }
      if !line.isEmpty { lines.append(line) }
      return lines
    }

    /// `text` in lines of at most `width` columns: between words, and a word wider than that in pieces.
    static func wrapped(_ text: String, width: Int) -> [String] {
      guard TextWrap.columns(text) > width else { return [text] }
      return TextWrap.wrap(text, width: width).components(separatedBy: "\n").flatMap { line in
        var pieces = [""]
        for c in line.trimmingCharacters(in: .whitespaces) {
          if TextWrap.columns(pieces[pieces.count - 1] + String(c)) > width { pieces.append("") }
          pieces[pieces.count - 1].append(c)
        }
        return pieces
      }
    }

    func lifelines() -> Row {
      var row = Row(width: width)
      for x in xs { row.put("│", at: x) }
      return row
    }

    func header() -> [Row] {
      // Bottom-aligned in their level; with two levels, the odd lanes' names above the even ones'.
      let levels = staggered ? [1, 0] : [0]
      var rows: [Row] = []
      for level in levels {
        let lanes = names.indices.filter { !staggered || $0 % 2 == level }
        let height = lanes.map { names[$0].count }.max() ?? 1
        for line in 0..<height {
          var row = Row(width: width)
          for i in lanes {
            let k = line - (height - names[i].count)
            guard k >= 0 else { continue }
            let text = names[i][k]
            let w = TextWrap.columns(text)
            row.put(text, at: min(max(0, xs[i] - (w - 1) / 2), width - w))
          }
          rows.append(row)
        }
      }
      var top = Row(width: width)
      for x in xs { top.put("┬", at: x) }
      return rows + [top]
    }

    /// One message: on its arrow when the label fits between the lifelines, else on rows above it.
    func arrow(from a: Party, to b: Party, label: String, margin text: String, dotted: Bool = false) -> [Row] {
      let xa = x(a)
      let xb = x(b)
      let (lo, hi) = (min(xa, xb), max(xa, xb))
      let line: Character = dotted ? "┄" : "─"
      var row = lifelines()
      for x in (lo + 1)..<hi { row.put(String(line), at: x) }
      if xa < xb {
        row.put("├", at: xa)
        row.put("▶", at: xb - 1)
      } else {
        row.put("◀", at: xb + 1)
        row.put("┤", at: xa)
      }
      let w = TextWrap.columns(label)
      var rows: [Row] = []
      if w <= hi - lo - 6 {
        row.put(" " + label + " ", at: xa < xb ? lo + 2 : lo + 3)
      } else {
        // Beside the arrow's left end, wrapped there if need be; where that leaves too little room (a
        // lane near the right edge), as far left as it must go.
        let beside = width - (lo + 3)
        let longest = label.split(separator: " ").map { TextWrap.columns(String($0)) }.max() ?? 0
        let room = w <= beside || (beside >= 16 && longest <= beside) ? beside : width - self.margin - 1
        let lines = Self.wrapped(label, width: room)
        for l in lines {
          var above = lifelines()
          let lw = TextWrap.columns(l)
          let start = max(self.margin, min(lo + 2, width - lw - 1))
          above.put(l, at: start, clip: true)
          if start + lw < width { above.put(" ", at: start + lw) }
          rows.append(above)
        }
      }
      rows.append(row)
      rows[0].put(String(repeating: " ", count: max(0, self.margin - 1 - text.count)) + text, at: 0)
      return rows
    }
  }

  /// A row of the diagram, a cell per column; a wide character fills its cell and marks the next as taken.
  struct Row {
    var cells: [String]

    init(width: Int) { cells = Array(repeating: " ", count: width) }

    /// Writes `text` from column `x`; with `clip`, what would pass the right edge is left out.
    mutating func put(_ text: String, at x: Int, clip: Bool = false) {
      var x = x
      for c in text {
        let w = TextWrap.columns(String(c))
        guard x >= 0, x + w <= cells.count else { return }
        // Over half of a wide character: the other half goes too.
        if cells[x].isEmpty, x > 0 { cells[x - 1] = " " }
        if x + w < cells.count, cells[x + w].isEmpty { cells[x + w] = " " }
        cells[x] = String(c)
        if w == 2 { cells[x + 1] = "" }
        x += w
      }
    }

    var text: String {
      var s = cells.joined()
      while s.hasSuffix(" ") { s.removeLast() }
      return s
    }
  }
}

/// What each arrow of a flow says, in the diagram's language: one place for the terminal and Mermaid.
struct FlowLabels {
  var words: DiagramWords

  /// The parties the steps involve, in the order their lifelines are drawn; cogsh always.
  static func parties(_ steps: [FlowStep]) -> [Party] {
    var set = Set(steps.flatMap { [$0.from, $0.to] } + [.cogsh])
    if set.contains(.browser) { set.insert(.managedLogin) }
    return set.sorted()
  }

  func request(_ s: FlowStep) -> String {
    switch s.kind {
    case .trigger: return s.label
    case .browser: return [words.open(s.label), words.carried(s.sent)].filter { !$0.isEmpty }.joined(separator: " ")
    case .call: return [s.label, words.carried(s.sent)].filter { !$0.isEmpty }.joined(separator: " ")
    }
  }

  func response(_ s: FlowStep) -> String {
    switch s.kind {
    case .trigger: return s.failed ? (s.outcome ?? "\(s.status)") : "ok"
    case .browser:
      return [words.callback, s.failed ? s.outcome : nil, words.carried(s.received)].compactMap { $0 }
        .filter { !$0.isEmpty }.joined(separator: " ")
    case .call:
      let outcome = s.outcome == "tokens" ? nil : s.outcome
      return ["\(s.status)", outcome, words.carried(s.received)].compactMap { $0 }.filter { !$0.isEmpty }
        .joined(separator: " ")
    }
  }

  var signIn: String { words.signIn + words.unseen }

  func redirect(_ s: FlowStep) -> String {
    [words.redirect, words.carried(s.received)].filter { !$0.isEmpty }.joined(separator: " ") + words.unseen
  }

  /// How long an exchange took, in at most five columns: 4.7ms, 233ms, 1.2s, 42s, 3m05s, 1h02m.
  static func time(_ s: FlowStep) -> String {
    let ms = s.milliseconds.isFinite ? min(max(s.milliseconds, 0), 1e10) : 0
    if ms < 9.95 { return String(format: "%.1fms", ms) }
    if ms < 999.5 { return String(format: "%.0fms", ms) }
    let seconds = ms / 1000
    if seconds < 9.95 { return String(format: "%.1fs", seconds) }
    if seconds < 59.5 { return String(format: "%.0fs", seconds) }
    // Past 99h59m the margin says no more: five columns.
    let whole = min(Int(seconds.rounded()), 99 * 3600 + 59 * 60)
    if whole < 3600 { return String(format: "%dm%02ds", whole / 60, whole % 60) }
    return String(format: "%dh%02dm", whole / 3600, whole % 3600 / 60)
  }
}
