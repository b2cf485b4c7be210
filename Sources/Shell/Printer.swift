import Cognito
import Foundation

/// How results are shown: `text` for people, `json` for scripts.
public enum OutputMode: String, Sendable, CaseIterable {
  case text
  case json
}

/// Writes results to stdout and diagnostics to stderr, in the chosen mode.
public final class Printer {
  public var mode: OutputMode
  /// Colour only on a terminal, never with NO_COLOR or TERM=dumb.
  public let colour: Bool
  private let out: (String) -> Void
  private let err: (String) -> Void

  public init(
    mode: OutputMode, colour: Bool, out: @escaping (String) -> Void = { Printer.write($0, fd: STDOUT_FILENO) },
    err: @escaping (String) -> Void = { Printer.write($0, fd: STDERR_FILENO) }
  ) {
    self.mode = mode
    self.colour = colour
    self.out = out
    self.err = err
  }

  /// Writes all of `text` to a file descriptor, unbuffered, so stdout and stderr interleave in order.
  public static func write(_ text: String, fd: Int32) {
    var bytes = Array(text.utf8)
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { Foundation.write(fd, $0.baseAddress! + offset, $0.count - offset) }
      if n <= 0 { return }
      offset += n
    }
  }

  /// A command's result: `json` in json mode, `text()` otherwise.
  public func result(_ json: JSON, text: () -> String) {
    switch mode {
    case .json: out(json.serialized(pretty: true) + "\n")
    case .text:
      let t = text()
      if !t.isEmpty { out(t.hasSuffix("\n") ? t : t + "\n") }
    }
  }

  /// A line for people only (progress, notes); in json mode it goes to stderr so stdout stays JSON.
  public func note(_ text: String) {
    switch mode {
    case .text: out(text + "\n")
    case .json: err(text + "\n")
    }
  }

  /// Raw text to stdout (echo, help).
  public func plain(_ text: String) { out(text.hasSuffix("\n") ? text : text + "\n") }

  /// A diagnostic on stderr.
  public func diagnostic(_ text: String) { err(text + "\n") }

  /// `error: message` and, where known, `hint: …` on stderr.
  public func error(_ e: Error) {
    let (message, hint) = Printer.describe(e)
    err(paint("error:", "31") + " \(message)\n")
    if let hint { err(paint("hint:", "33") + " \(hint)\n") }
  }

  /// The words for any error; unknown ones are described without a stack trace.
  public static func describe(_ e: Error) -> (String, String?) {
    if let u = e as? UserFacingError { return (u.message, u.hint) }
    return ("\(e)", nil)
  }

  /// Wraps `text` in an ANSI colour when colour is on.
  public func paint(_ text: String, _ code: String) -> String {
    colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
