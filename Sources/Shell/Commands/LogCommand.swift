import Auth
import Basics
import Foundation

/// `log`: the flight recorder's exchanges (or a recording's) as a table, or drawn as the flow they made.
enum LogCommand {
  static let spec = CommandSpec(
    name: "log", group: "Shell",
    summary: "every exchange of this session (or of a recording FILE): a table, or the flow drawn (--diagram)",
    params: [Param("FILE", optional: true, completion: .files)],
    flags: [
      Flag("diagram", help: "draw the exchanges as a sequence diagram: a lifeline per party, an arrow per message"),
      Flag(
        "format", value: "F", help: "with --diagram: text (the terminal's, the default) or mermaid",
        completion: .choices(["text", "mermaid"])),
      Flag("from", value: "N", help: "from exchange N on (a diagram leaves the sandbox's start-up out unless given)"),
      Flag("to", value: "N", help: "up to exchange N"),
      Flag(
        "width", value: "COLUMNS",
        help: "with --diagram: draw for this many columns (default: the terminal's; 80 saved)"),
      Flag(
        "save", value: "OUT",
        help: "with --diagram: write it to OUT as > would (OUT.md: in a ```mermaid block, or a ``` one)",
        completion: .files),
      Flag(
        "lang", value: "LANG", help: "with --diagram: en or ja (default: from LC_ALL, LC_MESSAGES or LANG)",
        completion: .choices(["en", "ja"])),
    ],
    details: """
      A recording (record start FILE) keeps each exchange as a #@exchange comment line, which log FILE reads back:
      a session can be drawn after it ended. Mermaid text goes in a ```mermaid block of a GitHub or GitLab issue.
      """,
    handler: { args, ctx in
      let format = args.flag("format") ?? "text"
      guard ["text", "mermaid"].contains(format) else {
        throw UsageError.invalidChoice(format, for: "format", choices: ["text", "mermaid"])
      }
      for name in ["format", "width", "lang", "save"] where args.has(name) && !args.has("diagram") {
        throw UsageError.invalidOption("log: --\(name) is for --diagram (log --diagram --\(name) …)")
      }
      let from = try number(args, "from")
      let to = try number(args, "to")
      if let from, let to, to < from {
        throw UsageError.invalidOption("log: --to \(to) comes before --from \(from): nothing lies between them")
      }
      var width: Int?
      if let w = args.flag("width") {
        guard let v = Int(w), v >= SequenceDiagram.minimumWidth, v <= 1000 else {
          throw UsageError.invalidOption(
            "log: --width takes columns from \(SequenceDiagram.minimumWidth) to 1000, not \(UsageError.shown(w))")
        }
        width = v
      }
      let language = try WalkthroughCommand.language(args.flag("lang"), environment: ctx.environment)
      var steps = try args["FILE"].map(read) ?? FlowStep.steps(ctx.account.recorder.exchanges)
      steps = steps.filter { ($0.number >= from ?? 0) && ($0.number <= to ?? Int.max) }
      if args.has("diagram") {
        // The sandbox making its pool is not the flow being looked at, unless asked for by number.
        if from == nil { steps.removeAll { $0.command == CallContext.startUp.command } }
        let words = DiagramWords.of(language)
        let mermaid = format == "mermaid"
        func drawn(_ columns: Int) -> String {
          mermaid
            ? MermaidDiagram.text(steps, words: words) : SequenceDiagram.draw(steps, width: columns, words: words)
        }
        if let out = args.flag("save") {
          // A file is read at no terminal: 80 columns unless told.
          try save(drawn(width ?? 80), mermaid: mermaid, to: out, exchanges: steps.count, ctx: ctx)
        } else {
          // Laid out already, or Mermaid's lines to copy: never broken again at the terminal's edge.
          ctx.printer.result(.array(steps.map(\.json)), fit: false) { drawn(width ?? ctx.printer.columns() ?? 80) }
        }
      } else {
        table(steps, ctx: ctx)
      }
      return .proceed
    })

  static func number(_ args: Arguments, _ name: String) throws -> Int? {
    guard let text = args.flag(name) else { return nil }
    guard let n = Int(text), n >= 1 else {
      throw UsageError.invalidOption(
        "log: --\(name) takes an exchange's number (1 or more), not \(UsageError.shown(text))")
    }
    return n
  }

  /// The steps a recording kept, in its `#@exchange` lines.
  static func read(_ path: String) throws -> [FlowStep] {
    let text = try Program.readScript(path)
    let lines = text.split(separator: "\n").map(String.init)
    let steps = lines.compactMap(FlowStep.init(line:))
    guard !steps.isEmpty else {
      let marked = lines.contains { $0.hasPrefix(FlowStep.linePrefix) }
      throw CommandError(
        marked ? "\(path): its exchange lines are not ones this cogsh can read" : "\(path) holds no exchanges",
        hint: marked
          ? "It was recorded by another version of cogsh."
          : "A recording made by `record start FILE` keeps each exchange as a #@exchange line; this file has none.")
    }
    return steps
  }

  /// Writes the drawing to `out` as `>` would; a Markdown file gets it in a fenced block, Mermaid's
  /// in a ```mermaid one, which GitHub and GitLab draw.
  static func save(_ text: String, mermaid: Bool, to out: String, exchanges: Int, ctx: ShellContext) throws {
    let fence = mermaid ? "```mermaid" : "```"
    let markdown = out.lowercased().hasSuffix(".md")
    try UserFile.write(markdown ? "\(fence)\n\(text)\n```\n" : text + "\n", to: out, mode: 0o644)
    ctx.printer.note("wrote \(out) (\(Table.count(exchanges, "exchange")))")
  }

  /// The exchanges as a table, with each command's count and time after it.
  static func table(_ all: [FlowStep], ctx: ShellContext) {
    ctx.printer.result(
      .array(
        all.map { x in
          .object([
            "number": .number(Double(x.number)), "at": .number(x.at), "command": .string(x.command),
            "action": .string(x.action), "region": x.region.map { .string($0) } ?? .null,
            "status": .number(Double(x.status)), "milliseconds": .number((x.milliseconds * 10).rounded() / 10),
            "outcome": x.outcome.map { .string($0) } ?? .null,
            "connectionReused": x.reused.map { .bool($0) } ?? .null,
          ])
        })
    ) {
      guard !all.isEmpty else { return "no exchanges yet in this session" }
      let rows = all.map { x in
        [
          "\(x.number)", TimeText.clock(x.at), x.command, x.action, x.region ?? "-", "\(x.status)",
          String(format: "%.1f ms", x.milliseconds) + (x.reused == true ? " (reused)" : ""), x.outcome ?? "",
        ]
      }
      var perCommand: [(String, Double, Int)] = []
      // A trigger's run is inside its request's time: counted once, with the request.
      for x in all where x.kind != .trigger {
        if let i = perCommand.firstIndex(where: { $0.0 == x.command }) {
          perCommand[i].1 += x.milliseconds
          perCommand[i].2 += 1
        } else {
          perCommand.append((x.command, x.milliseconds, 1))
        }
      }
      let totals = perCommand.map { "\($0.0): \(Table.count($0.2, "exchange")), \(String(format: "%.1f", $0.1)) ms" }
      // At a narrow terminal the command and the outcome are cut short, then the times left out.
      return Table.columns(
        [["#", "time", "command", "action", "region", "status", "time taken", "outcome"]] + rows,
        // At a narrow terminal the Region goes too, unless the calls went to more than one.
        fit: ctx.printer.columns(), flexible: [2, 7, 3],
        optional: Set(all.map { $0.region ?? "-" }).count > 1 ? [1, 6] : [1, 6, 4])
        + "\n\nby command: " + totals.joined(separator: "; ")
    }
  }
}
