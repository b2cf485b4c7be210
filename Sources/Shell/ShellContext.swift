import Auth
import Basics
import Cognito
import Foundation

/// The terminal side of a session: the printer, whether and how to ask for secrets, the history,
/// the sandbox process, and the `Account` every command speaks to.
///
/// Passed explicitly to every handler; nothing here is global.
public final class ShellContext {
  /// The one API below the shell: settings, state, and every Cognito operation.
  public let account: Account
  public let environment: [String: String]
  public let printer: Printer
  public var interactive: Bool
  /// Whether a missing secret can be asked for on the terminal (the REPL, or `-c` run at a terminal).
  public var canPrompt = false
  /// Where secrets come from when given by --password-stdin or --password-file.
  var secretSource: SecretSource?
  public var traceOn = false {
    didSet { connectTrace() }
  }
  /// Reads a secret without echo; nil when there is no terminal to ask on.
  public var readSecret: (String) -> String?
  /// Reads a line after a prompt on stderr (a pasted callback URL); nil at the end of input.
  public var readLine: (String) -> String? = { prompt in
    Printer.write(prompt, fd: STDERR_FILENO)
    let line = try? BoundedInput.line(fd: STDIN_FILENO, what: "the input")
    if Interrupt.isRaised { Printer.write("\n", fd: STDERR_FILENO) }  // the error goes on a line of its own
    return line
  }
  /// Where questions to the user go: the terminal (or --password-file), or a rehearsal's stand-in.
  var questions = Questions.none
  /// Opens a URL in the user's browser; a rehearsal's stand-in opens none.
  var openBrowser: (String) -> Browser.Opened = { _ in .noBrowser }
  public var sandbox: SandboxServer?
  /// Where `record start` is writing, if it is.
  var recording: Recording?
  /// The walkthrough running now, if one is: a step may not start another (it would recurse).
  var walkthroughRunning: String?
  /// Variables set with `let`.
  public var variables: [String: String] = [:]
  /// The exit status of the last statement, for `$?`.
  public var lastStatus: Int32 = 0
  /// Lines entered in this session, for `history`.
  public var history: [String] = []
  /// Whether the sandbox's "SRP is not checked" note was shown (once a session is enough).
  var toldSRPIsUnchecked = false
  /// Nesting depth of `source`, to stop a file that sources itself.
  var sourceDepth = 0
  /// The folders of the scripts being run, innermost last: `source` resolves relative paths from there.
  var scriptDirectories: [String] = []

  public init(
    store: SessionStore, environment: [String: String], aws: AWSEnvironment, printer: Printer, overrides: Profile,
    explicitProfile: String?, interactive: Bool, readSecret: @escaping (String) -> String?,
    clock: @escaping () -> Double = { Date().timeIntervalSince1970 }, transport: HTTPTransport = CurlTransport()
  ) {
    // One way out for the clients and the credential sources alike, so a rehearsal stops them all.
    let shared = SharedTransport(transport)
    let configuration = Configuration(
      store: store, aws: aws, overrides: overrides, explicitProfile: explicitProfile, transport: shared)
    account = Account(configuration: configuration, transport: shared, clock: clock)
    self.environment = environment
    self.printer = printer
    self.interactive = interactive
    self.readSecret = readSecret
    configuration.notice = { printer.diagnostic($0) }
    configuration.askMFACode = { [unowned self] serial in
      self.interactive || self.canPrompt ? try? self.questions.secret("MFA code for \(serial): ", "an MFA code") : nil
    }
    configuration.confirm = { [unowned self] question in
      guard self.interactive || self.canPrompt, let answer = try? self.questions.line(question, question) else {
        return false
      }
      return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
    account.notice = { printer.diagnostic($0) }
    account.onRetry = { printer.retry($0) }
    questions = Questions(
      secret: { [unowned self] prompt, what in try self.askSecret(prompt, what) },
      line: { [unowned self] prompt, _ in self.readLine(prompt) })
    openBrowser = { [environment] url in Browser.open(url, environment: environment) }
  }

  /// A secret from --password-stdin or --password-file, else typed at the terminal; nil when there is
  /// nobody to ask, or the user gave up.
  private func askSecret(_ prompt: String, _ what: String) throws -> String? {
    if let secretSource { return try secretSource.next(for: what) }
    guard interactive || canPrompt else { return nil }
    // An empty answer is Enter pressed too soon, never a password: asked again. Ctrl-D or Ctrl-C
    // gives up.
    while let typed = readSecret(prompt) {
      if !typed.isEmpty { return typed }
      printer.diagnostic("\(what) cannot be empty; type it, or Ctrl-D to give up")
    }
    if Interrupt.isRaised { throw CognitoError.interrupted }  // Ctrl-C at the prompt cancels the command
    return nil
  }

  /// Shows each exchange on stderr while tracing is on.
  private func connectTrace() {
    let printer = self.printer
    account.trace = traceOn ? { printer.diagnostic(TraceText.render($0)) } : nil
  }

  public var configuration: Configuration { account.configuration }
  public var store: SessionStore { account.store }
  public var clock: () -> Double { account.clock }

  /// A secret from an argument, or asked for without echo on a terminal.
  public func secret(_ given: String?, prompt: String, what: String, command: String, usage: String) throws -> String {
    if let given { return given }
    if let answer = try questions.secret(prompt, what) { return answer }
    throw UsageError.missingArgument(what, command: command, usage: usage)
  }
}
