import Auth
import Basics
import Foundation

/// The interactive loop: prompt, read, remember (unless secret), run.
struct REPL {
  let ctx: ShellContext

  func run() -> Int32 {
    let store = ctx.store
    let completer = Completer(
      profiles: { (try? store.profileBook().profiles.keys.sorted()) ?? [] },
      challenge: { [ctx] in try? ctx.account.state().challenge?.name.rawValue },
      users: { [ctx] in (try? ctx.account.state().users.keys.sorted()) ?? [] },
      answers: { [ctx] in (try? ctx.account.state().challenge).flatMap { $0 }.map(ChallengeHints.answerWords) ?? [] })
    var historyPath: String? = ctx.store.files.path("history")
    do {
      try ctx.store.files.ensureDirectory()
      try ctx.store.files.checkFile("history")
      // libedit cannot read a file without its header line, and would then save its own over it: a
      // history written by another tool is set aside, not lost.
      if let head = try ctx.store.files.readBytes("history", limit: 13), !head.isEmpty,
        !head.elementsEqual("_HiStOrY_V2_\n".utf8)
      {
        try ctx.store.files.setAside("history", why: "not a libedit history file (no _HiStOrY_V2_ line)")
      }
    } catch {
      ctx.printer.error(error)
      ctx.printer.diagnostic("history is off for this session")
      historyPath = nil
    }
    let editor = LineEditor(historyPath: historyPath, completer: completer)
    ctx.printer.note("cogsh \(Version.current) — `help` lists the commands, Ctrl-D leaves.")
    let runner = Runner(ctx: ctx)
    while true {
      let prompt = promptText()
      switch editor.read(prompt: prompt) {
      case .end:
        ctx.printer.plain("")
        return 0
      case .interrupted:
        continue
      case .tooLong(let characters):
        ctx.printer.error(LineEditor.LineTooLong(characters: characters))
      case .line(let line):
        if line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
        if line.utf8.count > BoundedInput.lineLimit {
          ctx.printer.error(BoundedInput.TooLong(what: "the line", limit: BoundedInput.lineLimit))
          continue
        }
        if !Runner.isSensitive(line) {
          editor.remember(line)
          ctx.history.append(line)
        }
        for statement in StatementLexer.statements(line) where runner.run(statement) == .quit {
          return 0
        }
      }
    }
  }

  func promptText() -> String {
    let profile = (try? ctx.configuration.profileName()) ?? "?"
    let state = (try? ctx.account.state()) ?? SessionState()
    return Prompt.text(profile: profile, state: state, now: ctx.clock(), columns: ctx.printer.columns())
  }
}
