import Basics
import Foundation

/// The terminal: whether there is one, secret input without echo, and Ctrl-C.
enum Terminal {
  static func isTTY(_ fd: Int32) -> Bool { isatty(fd) == 1 }

  /// The size of the terminal on stdout, or nil when stdout is not a terminal (or says it has none).
  static func size() -> (rows: Int, columns: Int)? {
    guard isTTY(STDOUT_FILENO) else { return nil }
    var size = winsize()
    guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
    return (Int(size.ws_row), Int(size.ws_col))
  }

  /// The rows `text` fills in a window `columns` wide: a line wider than the window wraps.
  static func rows(_ text: String, columns: Int) -> Int {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    return lines.reduce(0) { $0 + max(1, (Table.displayWidth(String($1)) + columns - 1) / max(1, columns)) }
  }

  /// Colour on a terminal unless NO_COLOR is set or TERM is dumb.
  static func wantsColour(environment: [String: String], terminal: Bool = isTTY(STDERR_FILENO)) -> Bool {
    // no-color.org: only a NO_COLOR that is set and not empty turns colour off.
    terminal && (environment["NO_COLOR"] ?? "").isEmpty && environment["TERM"] != "dumb"
  }

  /// Reads a line from the terminal with echo off; nil when stdin is not a terminal or at end of input.
  static func readSecret(prompt: String) -> String? {
    guard isTTY(STDIN_FILENO) else { return nil }
    var saved = termios()
    tcgetattr(STDIN_FILENO, &saved)
    var silent = saved
    silent.c_lflag &= ~tcflag_t(ECHO)
    // Echo goes off before the prompt appears, and what was typed ahead is kept, not flushed: a person
    // (or a program) answering the prompt at once must neither see the secret echoed nor lose it.
    tcsetattr(STDIN_FILENO, TCSANOW, &silent)
    Printer.write(prompt, fd: STDERR_FILENO)
    defer {
      tcsetattr(STDIN_FILENO, TCSANOW, &saved)
      Printer.write("\n", fd: STDERR_FILENO)
    }
    guard let line = try? BoundedInput.line(fd: STDIN_FILENO, what: "the input"), !Interrupt.isRaised else {
      return nil
    }
    return line
  }

  /// Ctrl-C sets the interrupt flag instead of killing the shell. No SA_RESTART, so a blocking
  /// read returns and the line editor can clear the line.
  static func installInterruptHandler() {
    var action = sigaction()
    action.__sigaction_handler.sa_handler = { _ in Interrupt.raise() }
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGINT, &action, nil)
  }
}
