import Basics
import Foundation

/// What `--query EXPR` and `| FILTER` do to a command's result: the JSON is narrowed by the query,
/// then printed, or handed to a shell filter (`tokens | jq .id`), as psql's `\o |cmd` does.
enum OutputFilter {
  static func run(query: String?, filter: String?, ctx: ShellContext, _ body: () throws -> Outcome) throws -> Outcome {
    guard query != nil || filter != nil else { return try body() }
    let printer = ctx.printer
    let saved = (printer.mode, printer.pager)
    var results: [JSON] = []
    if query != nil { printer.capture = { results.append($0) } }
    var process: FilterProcess?
    if let filter {
      process = try FilterProcess(filter)
      printer.mode = .json
      printer.pager = nil
    }
    defer {
      printer.capture = nil
      (printer.mode, printer.pager) = saved
    }
    var outcome = Outcome.proceed
    var failure: Error?
    do {
      outcome = try body()
      printer.capture = nil
      if let query {
        for r in results {
          let selected = try JSONQuery.apply(query, to: r)
          if printer.mode == .json {
            printer.json(selected)
          } else {
            printer.plain(JSONQuery.text(selected, pretty: true))
          }
        }
      }
    } catch {
      failure = error
    }
    if let process {
      // A filter that stops reading early (head) is not the command's failure.
      _ = OutputFailure.take()
      let status = process.finish()
      if failure == nil && status != 0 {
        throw CommandError("the filter `\(process.command)` exited with status \(status)")
      }
    }
    if let failure { throw failure }
    return outcome
  }
}

/// A shell command reading what cogsh writes to stdout while one command runs.
final class FilterProcess {
  let command: String
  private let pid: pid_t
  private let savedStdout: Int32
  private let savedPipeAction: sig_t?

  init(_ command: String) throws {
    self.command = command
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw CommandError("cannot start the filter: \(String(cString: strerror(errno)))") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, fds[0], STDIN_FILENO)
    posix_spawn_file_actions_addclose(&actions, fds[1])
    var child: pid_t = 0
    let spawned = Spawn.withCStrings(["/bin/sh", "-c", command]) { argv in
      posix_spawn(&child, "/bin/sh", &actions, nil, argv, environ)
    }
    close(fds[0])
    guard spawned == 0 else {
      close(fds[1])
      throw CommandError("cannot start the filter `\(command)`")
    }
    pid = child
    // While the command runs, its stdout is the filter's stdin; a filter that quits early must not kill cogsh.
    savedPipeAction = signal(SIGPIPE, SIG_IGN)
    savedStdout = dup(STDOUT_FILENO)
    dup2(fds[1], STDOUT_FILENO)
    close(fds[1])
  }

  /// Gives stdout back, lets the filter finish, and returns its exit status.
  func finish() -> Int32 {
    dup2(savedStdout, STDOUT_FILENO)
    close(savedStdout)
    signal(SIGPIPE, savedPipeAction)
    var status: Int32 = 0
    while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
    return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
  }
}
