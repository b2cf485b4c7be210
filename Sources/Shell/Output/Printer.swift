import Auth
import Basics
import Cognito
import Foundation

/// Writes results to stdout and diagnostics to stderr, in the chosen mode.
public final class Printer {
  public var mode: OutputMode
  /// JSON is indented for a person at a terminal; elsewhere each document is one line (JSON Lines),
  /// so that a run of several commands can be read by `jq`, `json.loads` per line, and the like.
  public var prettyJSON = false
  /// The terminal's width now, to fit prose to (nil: not a terminal, written as it is). Asked each
  /// time, so a resized window is followed.
  public var columns: () -> Int? = { nil }
  /// Colour only on a terminal, never with NO_COLOR or TERM=dumb.
  public let colour: Bool
  private var out: (String) -> Void
  private var err: (String) -> Void

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
  /// A closed pipe (`cogsh … | head -1`) ends the process quietly, as SIGPIPE does for other tools;
  /// any other failure (a full disk) is remembered for the command to fail on.
  public static func write(_ text: String, fd: Int32) {
    let failure = Descriptor.writeAll(fd, Array(text.utf8))
    guard failure != 0 else { return }
    if failure == EPIPE { Termination.die(of: SIGPIPE) }
    OutputFailure.record(fd: fd, errno: failure)
  }

  // Everything shown passes through `safe`: service messages, claims and attributes come from
  // outside, and a control character in them must not drive the terminal.

  /// A command's result: `json` in json mode, `text()` otherwise, fitted to the terminal unless `fit` is
  /// false (text whose lines are laid out already, or are code to copy: a line broken there breaks it).
  public func result(_ json: JSON, fit: Bool = true, text: () -> String) {
    if let capture {
      capture(json)
      return
    }
    switch mode {
    case .json: self.json(json)
    case .table: paged(JSONTable.render(json, width: columns()))
    case .text:
      let t = text()
      if !t.isEmpty { paged(t, fit: fit) }
    }
  }

  /// `text` fitted to the terminal's width, when there is a terminal.
  func fitted(_ text: String) -> String {
    guard let width = columns() else { return text }
    return TextWrap.wrap(text, width: width)
  }

  /// When set, results go here instead of being printed (`--query` filters them first).
  public var capture: ((JSON) -> Void)?

  /// One JSON document on stdout, whatever the mode (`export --format json`).
  /// Runs `body` with this printer writing nowhere and paging nothing: a rehearsed command's output
  /// is not the step's.
  func muted<T>(_ body: () throws -> T) rethrows -> T {
    let saved = (out, err, pager)
    (out, err, pager) = ({ _ in }, { _ in }, nil)
    defer { (out, err, pager) = saved }
    return try body()
  }

  public func json(_ value: JSON) { out(Printer.jsonSafe(value.serialized(pretty: prettyJSON)) + "\n") }

  /// A line for people only (progress, notes); in json mode it goes to stderr so stdout stays JSON.
  public func note(_ text: String) {
    switch mode {
    case .text, .table: out(fitted(SafeText.escapingControls(text)) + "\n")
    case .json: err(fitted(SafeText.escapingControls(text)) + "\n")
    }
  }

  /// A URL or a value for people to copy, on a line of its own and never wrapped (a line break in it
  /// would break the copy); like a note, on stderr in json mode.
  public func copyable(_ text: String) {
    switch mode {
    case .text, .table: out(SafeText.escapingControls(text, keepLayout: false) + "\n")
    case .json: err(SafeText.escapingControls(text, keepLayout: false) + "\n")
    }
  }

  /// Where long text goes on a terminal: the pager's command line (`COGSH_PAGER`, `PAGER`, else
  /// `less -FRX`) and the environment it runs in. Nil when stdout is not a terminal, with `--no-pager`
  /// or an empty pager variable: then text is written as it is.
  public var pager: (command: String, environment: [String: String])?

  /// Text for reading (help, long lists): through the pager when it is taller than the terminal is now
  /// (a line wider than the window counts as the rows it wraps onto).
  public func paged(_ text: String, fit: Bool = true) {
    let safe = SafeText.escapingControls(text)
    let t = fit ? fitted(safe) : safe
    let whole = t.hasSuffix("\n") ? t : t + "\n"
    guard mode != .json, let pager, let size = Terminal.size(), Terminal.rows(t, columns: size.columns) >= size.rows
    else { return out(whole) }
    if !Pager.show(whole, command: pager.command, environment: pager.environment) { out(whole) }
  }

  /// Text to stdout (echo, help, export).
  public func plain(_ text: String) {
    let t = SafeText.escapingControls(text)
    out(t.hasSuffix("\n") ? t : t + "\n")
  }

  /// A diagnostic on stderr.
  public func diagnostic(_ text: String) { err(fitted(SafeText.escapingControls(text)) + "\n") }

  /// `error: message` and, where known, `hint: …` on stderr. The message is one line whatever it holds.
  public func error(_ e: Error, location: String? = nil) {
    let (message, hint) = Printer.describe(e)
    let at = location.map { SafeText.escapingControls($0, keepLayout: false) + ": " } ?? ""
    err(fitted(at + paint("error:", "31") + " \(SafeText.escapingControls(message, keepLayout: false))") + "\n")
    if let detail = Printer.detail(e) {
      err(fitted("detail: \(SafeText.escapingControls(detail, keepLayout: false))") + "\n")
    }
    if let hint { err(fitted(paint("hint:", "33") + " \(SafeText.escapingControls(hint))") + "\n") }
  }

  /// A retry about to happen, on stderr: a line for people, or a JSON document in json mode.
  public func retry(_ r: RetryEvent) {
    let delay = (r.delay * 10).rounded() / 10
    switch mode {
    case .text, .table:
      diagnostic(
        "retry: \(r.action) failed (\(r.reason)); attempt \(r.attempt + 1) of \(r.maxAttempts) in \(delay) s")
    case .json:
      err(
        JSON.object([
          "retry": [
            "action": .string(r.action), "failedAttempt": .number(Double(r.attempt)),
            "maxAttempts": .number(Double(r.maxAttempts)), "reason": .string(r.reason), "delaySeconds": .number(delay),
          ]
        ]).serialized() + "\n")
    }
  }

  /// Serialised JSON with DEL and C1 controls escaped as JSON escapes (the encoder escapes only C0),
  /// which can stand only inside strings there, so the document means the same.
  static func jsonSafe(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: { (0x7F...0x9F).contains($0.value) }) else { return text }
    var out = String.UnicodeScalarView()
    for s in text.unicodeScalars {
      if (0x7F...0x9F).contains(s.value) {
        out.append(contentsOf: ("\\u00" + String(s.value, radix: 16)).unicodeScalars)
      } else {
        out.append(s)
      }
    }
    return String(out)
  }

  /// The words for any error; unknown ones are described without a stack trace.
  public static func detail(_ e: Error) -> String? { (e as? UserFacingError)?.detail }

  public static func describe(_ e: Error) -> (String, String?) {
    if let u = e as? UserFacingError { return (u.message, ServiceHints.hint(for: e) ?? u.hint) }
    return ("\(e)", nil)
  }

  /// Wraps `text` in an ANSI colour when colour is on.
  public func paint(_ text: String, _ code: String) -> String {
    colour ? "\u{1B}[\(code)m\(text)\u{1B}[0m" : text
  }
}
