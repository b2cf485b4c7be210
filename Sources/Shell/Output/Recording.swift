import Auth
import Foundation

/// A recording in progress (`record start FILE`): a .cogsh script written as commands run, or AWS CLI
/// commands written when it stops. Either way it is complete whenever cogsh ends: at `record stop`, at
/// the end of input, `exit`, Ctrl-D, or a SIGTERM or SIGHUP, and cogsh says where it is.
final class Recording {
  enum Form {
    case cogsh(SessionRecording)
    /// The calls from this index of the session's call history on.
    case aws(from: Int)
  }

  let file: UserFile
  let form: Form
  var path: String { file.path }
  /// The newest exchange already in the file (or made before the recording began).
  private var written: Int
  /// The exchanges the AWS form writes at its end, as the cogsh form writes them after each command.
  private var exchangeLines: [String] = []

  /// Opens FILE as `>` would (a new file 0600 for a .cogsh script, 0700 for a bash one).
  init(path: String, aws: Bool, ctx: ShellContext) throws {
    file = try UserFile(path, mode: aws ? 0o700 : 0o600)
    written = ctx.account.recorder.exchanges.last?.number ?? 0
    do {
      form = aws ? .aws(from: ctx.account.calls.count) : .cogsh(try SessionRecording(file: file))
    } catch {
      file.close()
      throw error
    }
    commandRan(ctx: ctx)
  }

  /// The note said when the recording ends.
  var endNote: String { "recorded to \(path)" }

  /// What cogsh says on stderr when it ends with the recording still running.
  var deathNote: String { "note: the recording was still running: \(endNote)\n" }

  /// After each command: what a signal ending cogsh now would still write.
  func commandRan(ctx: ShellContext) {
    // Each exchange as a comment line a replay passes over and `log --diagram FILE` reads.
    let steps = FlowStep.steps(ctx.account.recorder.exchanges.filter { $0.number > written })
    written = steps.last?.number ?? written
    switch form {
    case .cogsh(let script):
      script.addExchanges(steps)
      Termination.onDeath(write: "", to: file.fd, note: deathNote)
    case .aws:
      exchangeLines += steps.map(\.line)
      let script = (try? script(ctx: ctx)) ?? ""
      Termination.onDeath(write: script, to: file.fd, note: deathNote)
    }
  }

  /// Writes what is left and closes the file.
  func finish(ctx: ShellContext) throws {
    Termination.onDeath(write: nil, to: file.fd, note: "")
    defer { file.close() }
    if case .aws = form {
      let previous = signal(SIGPIPE, SIG_IGN)
      defer { signal(SIGPIPE, previous) }
      try file.write(try script(ctx: ctx))
    }
  }

  private func script(ctx: ShellContext) throws -> String {
    guard case .aws(let from) = form else { return "" }
    let exchanges =
      exchangeLines.isEmpty
      ? "" : "\n# The exchanges, for `cogsh -c 'log --diagram FILE'`:\n" + exchangeLines.joined(separator: "\n") + "\n"
    return try DebugCommands.awsScript(Array(ctx.account.calls.dropFirst(from)), ctx: ctx) + exchanges
  }
}
