import Auth
import Basics
import Cognito
import Foundation

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
    /// `expect: failure`: the step shows a refusal (a wrong password on purpose), so failing is passing.
    var meantToFail = false
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
    let words = WalkthroughWords.of(language)
    return try ask(words.ask, words: words)
  }

  /// After a failed step: Enter or r retries it, s skips it, q leaves.
  static func askAfterFailure(language: String = "en") throws -> Answer {
    let words = WalkthroughWords.of(language)
    return try ask(words.askAfterFailure, words: words, retry: true)
  }

  static func ask(_ prompt: String, words: WalkthroughWords, retry: Bool = false) throws -> Answer {
    while true {
      guard
        let line = try withCtrlLEndingLines({ () throws -> String? in
          Printer.write(prompt, fd: STDOUT_FILENO)
          return try BoundedInput.line(fd: STDIN_FILENO, what: "the answer", alsoEndingAt: 0x0C)
        })
      else {
        Printer.write("\n", fd: STDOUT_FILENO)
        if Interrupt.isRaised { throw CognitoError.interrupted }
        return .quit
      }
      // Ctrl-L clears the screen, as at the shell's prompt, and asks again.
      if line.contains("\u{0C}") {
        Printer.write("\u{1B}[H\u{1B}[2J", fd: STDOUT_FILENO)
        continue
      }
      switch line.trimmingCharacters(in: .whitespaces).lowercased() {
      case "": return .run
      case "r" where retry, "retry" where retry: return .run
      case "s", "skip": return .skip
      case "q", "quit": return .quit
      default: Printer.write(words.answers + "\n", fd: STDOUT_FILENO)
      }
    }
  }

  /// Runs `body` with Ctrl-L also ending a line at the terminal (VEOL), so that it clears the screen at
  /// once, as at the shell's prompt, though the line discipline is cooked here. Set before the prompt
  /// is shown: a key typed as soon as it shows is read under these modes.
  static func withCtrlLEndingLines<T>(_ body: () throws -> T) rethrows -> T {
    var saved = termios()
    guard isatty(STDIN_FILENO) == 1, tcgetattr(STDIN_FILENO, &saved) == 0 else { return try body() }
    var modes = saved
    withUnsafeMutableBytes(of: &modes.c_cc) { $0[Int(VEOL)] = 0x0C }
    tcsetattr(STDIN_FILENO, TCSANOW, &modes)
    defer { tcsetattr(STDIN_FILENO, TCSANOW, &saved) }
    return try body()
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

  /// What is wrong with a step's command as a run would parse it — its command and sub-command, its
  /// options and their values, its arguments and variables — or nil. Placeholders are filled in first
  /// with values of their shape; a cogsh variable is taken to be set, as it will be when the step runs.
  static func checkStep(_ command: String) -> String? {
    let filled = WalkthroughFile.placeholders.reduce(command) {
      $0.replacingOccurrences(of: $1.word, with: "x@example.com")
    }
    do {
      let (text, _) = StatementLexer.splitPipe(filled)
      var words = try StatementLexer.split(text) { name in
        guard name == "?" || Runner.variableNames.contains(name) else { throw UsageError.unknownVariable(name) }
        return "x"
      }
      guard let first = words.first else { return nil }
      guard let spec = Registry.find(first) else {
        throw UsageError.unknownCommand(first, suggestion: Registry.suggestion(for: first))
      }
      if spec.name == "walkthrough" { return "a step cannot start a walkthrough (it would run inside this one)" }
      _ = try Runner.takeQuery(&words)
      let (resolved, rest) = try spec.resolve(Array(words.dropFirst()))
      let args = try resolved.parse(rest)
      _ = try NameValuePairs.parse(args.flagList("client-metadata"), what: "client metadata")
      return nil
    } catch {
      if case .unknownFlag(_, _, _, let suggestion?) = error as? UsageError {
        return Printer.describe(error).0 + " (did you mean \(suggestion)?)"
      }
      let (message, hint) = Printer.describe(error)
      return message + (hint.map { " (\($0))" } ?? "")
    }
  }

  /// A walkthrough by name, or from a file a trainer wrote.
  static func load(_ word: String) throws -> Walkthrough {
    if let built = Walkthroughs.find(word) { return built }
    guard word.contains("/") || word.hasSuffix(".walk") else {
      throw UsageError.invalidChoice(word, for: "walkthrough", choices: Walkthroughs.all.map(\.name))
    }
    let (w, problems) = WalkthroughFile.parse(try Program.readScript(word), checkStep: checkStep)
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
      Flag("password", value: "P", secret: .value, help: "the trainee's password (default: a new one)"),
      Flag(
        "lang", value: "LANG", help: "en or ja (default: from LC_ALL, LC_MESSAGES or LANG)",
        completion: .choices(["en", "ja"])),
      Flag("check", value: "FILE", help: "check a walkthrough file and list its problems by line", completion: .files),
    ],
    details: "A walkthrough file: see docs/walkthroughs.md and examples/custom.walk.",
    handler: { args, ctx in
      let language = try language(args.flag("lang"), environment: ctx.environment)
      if let file = args.flag("check") {
        let (w, problems) = WalkthroughFile.parse(try Program.readScript(file), checkStep: checkStep)
        if let w {
          ctx.printer.note("\(file): walkthrough \(w.name), \(Table.count(w.steps.count, "step")), no problems")
          return .proceed
        }
        for p in problems { ctx.printer.diagnostic("\(file):\(p.line): \(p.message)") }
        throw CommandError("\(file): \(Table.count(problems.count, "problem"))")
      }
      guard let name = args["NAME"] else {
        ctx.printer.result(.array(Walkthroughs.all.map { .string($0.name) })) {
          Table.render(Walkthroughs.all.map { ($0.name, $0.summaries.text(language)) })
        }
        return .proceed
      }
      if let running = ctx.walkthroughRunning {
        throw CommandError(
          "a walkthrough cannot start another: \(running) is running",
          hint: "Leave it first (q at its prompt), then run `walkthrough \(name)`.")
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
      let words = WalkthroughWords.of(language)
      let auto = args.has("auto") || !ctx.interactive
      ctx.walkthroughRunning = w.name
      defer { ctx.walkthroughRunning = nil }
      let runner = Runner(ctx: ctx)
      let earlier = ctx.account.recorder.exchanges.last?.number ?? 0
      var n = 0
      while n < w.steps.count {
        let step = w.steps[n]
        let command = values.reduce(step.command) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        let why = values.reduce(step.why.text(language)) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        ctx.printer.note("")
        ctx.printer.note("\(words.step(n + 1, w.steps.count)): \(why)")
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
            ctx.printer.note(words.leftAt(w.name, n + 1))
            return .proceed
          }
        }
        let before = try? ctx.account.state()
        let exchanges = ctx.account.recorder.exchanges.count
        var result = runner.run(command)
        if step.meantToFail {
          switch result {
          case .failed:
            ctx.printer.note(words.failedAsMeant)
            result = .ok
          case .ok:
            ctx.printer.error(CommandError(words.succeededThoughMeantToFail))
            result = .failed(1)
          case .quit: break
          }
        }
        switch result {
        case .quit: return .quit
        case .ok:
          StepReport.show(
            before: before, after: try? ctx.account.state(),
            sent: Array(ctx.account.recorder.exchanges.dropFirst(exchanges)),
            look: step.look?.text(language), words: words, ctx: ctx)
          n += 1
        case .failed:
          if auto { throw CommandError(words.stoppedAt(n + 1), hint: words.stoppedHint) }
          switch try WalkthroughCommand.askAfterFailure(language: language) {
          case .run: continue  // retry the same step
          case .skip: n += 1
          case .quit:
            ctx.printer.note(words.leftAt(w.name, n + 1))
            return .proceed
          }
        }
      }
      ctx.printer.note("")
      ctx.printer.note(words.done(w.name))
      // The walkthrough's flow drawn, as it happened: what the steps sent, and to whom.
      let steps = FlowStep.steps(ctx.account.recorder.exchanges.filter { $0.number > earlier })
      if !steps.isEmpty {
        let diagram = DiagramWords.of(language)
        ctx.printer.note(
          "\n" + diagram.caption + "\n\n"
            + SequenceDiagram.draw(
              steps, width: ctx.printer.columns() ?? 80, words: diagram))
      }
      return .proceed
    })
}

/// After a step: what was sent and answered, and what changed in the session.
enum StepReport {
  static func show(
    before: SessionState?, after: SessionState?, sent: [Exchange], look: String?, words: WalkthroughWords,
    ctx: ShellContext
  ) {
    var lines: [String] = []
    for x in sent {
      // A trigger the sandbox ran for the request before it: under it, not as something sent.
      lines.append(
        x.event.method == "INVOKE"
          ? "    ↳ \(x.event.action): \(x.outcome ?? "ok")"
          : "  \(words.sent) \(x.event.action) → \(x.event.status)" + (x.outcome.map { " (\($0))" } ?? ""))
    }
    if let before, let after {
      if before.currentUser != after.currentUser {
        lines.append("  \(words.now): " + words.currentUser(after.currentUser ?? words.nobody))
      }
      if before.challenge?.name != after.challenge?.name {
        lines.append(
          "  \(words.now): " + (after.challenge.map { words.challengePending($0.name.rawValue) } ?? words.noChallenge))
      }
      if let name = after.currentUser, before.users[name]?.tokens != after.users[name]?.tokens {
        lines.append("  \(words.now): " + words.newTokens(name))
      }
    }
    if let look { lines.append("  \(words.lookAt): \(look)") }
    if !lines.isEmpty { ctx.printer.note(lines.joined(separator: "\n")) }
  }
}
