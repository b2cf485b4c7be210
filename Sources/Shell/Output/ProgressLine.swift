import Basics
import Foundation

/// A line on the terminal's stderr saying how far a long command has got, rewritten in place and
/// wiped before anything else is printed; nothing at all when stderr is not a terminal.
final class ProgressLine {
  private let enabled: Bool
  private var shown = false

  init(enabled: Bool) { self.enabled = enabled }

  /// On stderr when it is a terminal.
  static func onStderr() -> ProgressLine { ProgressLine(enabled: Terminal.isTTY(STDERR_FILENO)) }

  func show(_ text: String) {
    guard enabled else { return }
    Printer.write("\r" + SafeText.escapingControls(text) + "\u{1b}[K", fd: STDERR_FILENO)
    shown = true
  }

  func clear() {
    guard shown else { return }
    Printer.write("\r\u{1b}[K", fd: STDERR_FILENO)
    shown = false
  }
}
