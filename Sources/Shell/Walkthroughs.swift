import Cognito
import Foundation
import Session

/// A guided flow: steps that each say what happens and why, then run one command. Written in the
/// walkthrough file format (WalkthroughFile); the built-in ones are BuiltInWalkthroughs.
struct Walkthrough: Sendable {
  struct Step: Sendable {
    /// The command, with {user}, {temp} and {password} filled in when the walkthrough starts.
    var command: String
    /// Why, by language ("en", "ja").
    var why: [String: String]
    /// What to point out in the answer, by language.
    var look: [String: String]?
  }

  var name: String
  var summaries: [String: String]
  /// Whether it changes pool settings, so belongs on the sandbox only.
  var sandboxOnly = false
  var steps: [Step]

  var summary: String { summaries["en"] ?? "" }
}

extension Dictionary where Key == String, Value == String {
  /// The text in `language`, else the English.
  func text(_ language: String) -> String { self[language] ?? self["en"] ?? "" }
}

/// The walkthroughs that ship in the binary.
enum Walkthroughs {
  static let all: [Walkthrough] = BuiltInWalkthroughs.texts.compactMap { WalkthroughFile.parse($0).0 }

  static func find(_ name: String) -> Walkthrough? { all.first { $0.name == name } }
}

/// `walkthrough [NAME] [--auto]`.
enum WalkthroughCommand {
  enum Answer { case run, skip, quit }

  /// Asks what to do with a step until the answer is one of the three. Ctrl-C cancels back to the
  /// shell's prompt; end of input quits.
  static func ask(language: String = "en") throws -> Answer {
    try ask(language == "ja" ? "[Enter] 実行  [s] スキップ  [q] 終了: " : "[Enter] run  [s] skip  [q] quit: ")
  }

  /// After a failed step: Enter or r retries it, s skips it, q leaves.
  static func askAfterFailure(language: String = "en") throws -> Answer {
    try ask(
      language == "ja"
        ? "このステップは失敗しました（理由は上のエラーのとおりです）: [r] 再実行  [s] スキップ  [q] 終了: "
        : "the step failed (the error above says why): [r] retry  [s] skip  [q] quit: ", retry: true)
  }

  static func ask(_ prompt: String, retry: Bool = false) throws -> Answer {
    while true {
      Printer.write(prompt, fd: STDOUT_FILENO)
      guard let line = try BoundedInput.line(fd: STDIN_FILENO, what: "the answer") else {
        Printer.write("\n", fd: STDOUT_FILENO)
        if Interrupt.isRaised { throw CognitoError.interrupted }
        return .quit
      }
      switch line.trimmingCharacters(in: .whitespaces).lowercased() {
      case "": return .run
      case "r" where retry, "retry" where retry: return .run
      case "s", "skip": return .skip
      case "q", "quit": return .quit
      default: Printer.write("Enter runs the step; s skips it; q leaves the walkthrough.\n", fd: STDOUT_FILENO)
      }
    }
  }

  /// `ja` when asked, or when the locale is Japanese; else `en`.
  static func language(_ flag: String?, environment: [String: String]) throws -> String {
    if let flag {
      guard WalkthroughFile.languages.contains(flag) else {
        throw UsageError.invalidChoice(flag, for: "lang", choices: ["en", "ja"])
      }
      return flag
    }
    return messagesLocale(environment).hasPrefix("ja") ? "ja" : "en"
  }

  /// The locale for messages as POSIX orders its variables: LC_ALL, then LC_MESSAGES, then LANG, a
  /// variable set but empty being passed over as if it were unset (XBD 8.2).
  static func messagesLocale(_ environment: [String: String]) -> String {
    ["LC_ALL", "LC_MESSAGES", "LANG"].lazy.compactMap { environment[$0] }.first { !$0.isEmpty } ?? ""
  }

  /// A walkthrough by name, or from a file a trainer wrote.
  static func load(_ word: String) throws -> Walkthrough {
    if let built = Walkthroughs.find(word) { return built }
    guard word.contains("/") || word.hasSuffix(".walk") else {
      throw UsageError.invalidChoice(word, for: "walkthrough", choices: Walkthroughs.all.map(\.name))
    }
    let (w, problems) = WalkthroughFile.parse(try Main.readScript(word), knownCommand: { Registry.find($0) != nil })
    guard let w else {
      throw CommandError(
        "\(word) is not a walkthrough: " + problems.map { "\(word):\($0.line): \($0.message)" }.joined(separator: "; "),
        hint: "`walkthrough --check \(word)` lists every problem; docs/walkthroughs.md describes the format.")
    }
    return w
  }

  static let spec = CommandSpec(
    name: "walkthrough", group: "Shell",
    summary: "guided flows, step by step (list them with no name; run a trainer's FILE)",
    params: [Param("NAME", optional: true, completion: .walkthroughs)],
    flags: [
      Flag("auto", help: "run every step without waiting (the default in a script); a failing step ends it, status 1"),
      Flag("user", value: "NAME", help: "the trainee's username (default: a new trainee-…@example.com)"),
      Flag("password", value: "P", secret: true, help: "the trainee's password (default: a new one)"),
      Flag(
        "lang", value: "LANG", help: "en or ja (default: from LC_ALL, LC_MESSAGES or LANG)",
        completion: .choices(["en", "ja"])),
      Flag("check", value: "FILE", help: "check a walkthrough file and list its problems by line", completion: .files),
    ],
    details: "A walkthrough file: see docs/walkthroughs.md and examples/custom.walk.",
    handler: { args, ctx in
      let language = try language(args.flag("lang"), environment: ctx.environment)
      if let file = args.flag("check") {
        let (w, problems) = WalkthroughFile.parse(
          try Main.readScript(file), knownCommand: { Registry.find($0) != nil })
        if let w {
          ctx.printer.note("\(file): walkthrough \(w.name), \(Table.count(w.steps.count, "step")), no problems")
          return .proceed
        }
        for p in problems { ctx.printer.diagnostic("\(file):\(p.line): \(p.message)") }
        throw UsageError.invalidOption("\(file): \(Table.count(problems.count, "problem"))")
      }
      guard let name = args["NAME"] else {
        ctx.printer.result(.array(Walkthroughs.all.map { .string($0.name) })) {
          Table.render(Walkthroughs.all.map { ($0.name, $0.summaries.text(language)) })
        }
        return .proceed
      }
      let w = try load(name)
      if w.sandboxOnly, try ctx.configuration.settings().isSandbox != true {
        throw CommandError(
          "the \(w.name) walkthrough changes the pool's settings", hint: "Run it on the sandbox: cogsh --sandbox.")
      }
      let tag = String(UUID().uuidString.prefix(6)).lowercased()
      let values = [
        "{user}": args.flag("user") ?? "trainee-\(tag)@example.com", "{temp}": "temporary-\(tag)",
        "{password}": args.flag("password") ?? "password-\(tag)",
      ]
      let auto = args.has("auto") || !ctx.interactive
      let runner = Runner(ctx: ctx)
      var n = 0
      while n < w.steps.count {
        let step = w.steps[n]
        let command = values.reduce(step.command) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        let why = values.reduce(step.why.text(language)) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        ctx.printer.note("")
        ctx.printer.note("step \(n + 1)/\(w.steps.count): \(why)")
        ctx.printer.note("  > \(command)")
        let preview = StepPreview.lines(runner.rehearse(command), language: language)
        if !preview.isEmpty { ctx.printer.note(preview.joined(separator: "\n")) }
        if !auto {
          switch try WalkthroughCommand.ask(language: language) {
          case .run: break
          case .skip:
            n += 1
            continue
          case .quit:
            ctx.printer.note("walkthrough \(w.name) left at step \(n + 1)")
            return .proceed
          }
        }
        let before = try? ctx.account.state()
        let exchanges = ctx.account.recorder.exchanges.count
        switch runner.run(command) {
        case .quit: return .quit
        case .ok:
          StepReport.show(
            before: before, after: try? ctx.account.state(),
            sent: Array(ctx.account.recorder.exchanges.dropFirst(exchanges)),
            look: step.look?.text(language), ctx: ctx)
          n += 1
        case .failed:
          if auto {
            throw CommandError(
              "the walkthrough stopped at step \(n + 1)", hint: "Fix what the error says and run it again.")
          }
          switch try WalkthroughCommand.askAfterFailure(language: language) {
          case .run: continue  // retry the same step
          case .skip: n += 1
          case .quit:
            ctx.printer.note("walkthrough \(w.name) left at step \(n + 1)")
            return .proceed
          }
        }
      }
      ctx.printer.note("")
      ctx.printer.note("walkthrough \(w.name) done")
      return .proceed
    })
}

/// After a step: what was sent and answered, and what changed in the session.
enum StepReport {
  static func show(before: SessionState?, after: SessionState?, sent: [Exchange], look: String?, ctx: ShellContext) {
    var lines: [String] = []
    for x in sent {
      lines.append("  sent \(x.event.action) → \(x.event.status)" + (x.outcome.map { " (\($0))" } ?? ""))
    }
    if let before, let after {
      if before.currentUser != after.currentUser {
        lines.append("  now: current user \(after.currentUser ?? "nobody")")
      }
      if before.challenge?.name != after.challenge?.name {
        lines.append("  now: " + (after.challenge.map { "challenge \($0.name) pending" } ?? "no challenge pending"))
      }
      if let name = after.currentUser, before.users[name]?.tokens != after.users[name]?.tokens {
        lines.append("  now: new tokens for \(name)")
      }
    }
    if let look { lines.append("  look at: \(look)") }
    if !lines.isEmpty { ctx.printer.note(lines.joined(separator: "\n")) }
  }
}
