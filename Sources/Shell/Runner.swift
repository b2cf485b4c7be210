import Auth
import Basics
import Foundation

/// Runs statements: expands variables, dispatches through the registry, renders errors, and
/// applies stop-on-error in one place.
public struct Runner {
  let ctx: ShellContext

  public init(ctx: ShellContext) { self.ctx = ctx }

  /// How one statement ended.
  public enum Result: Equatable {
    case ok
    /// Failed with exit status 1 (command failed) or 2 (usage error).
    case failed(Int32)
    case quit
  }

  /// The variables a statement may use.
  public static let variableNames = [
    "ID_TOKEN", "ACCESS_TOKEN", "REFRESH_TOKEN", "SESSION", "USERNAME", "SUB", "POOL_ID", "CLIENT_ID", "TOTP",
    "CLIENT_TOKEN", "CODE",
  ]

  func lookup(_ name: String) throws -> String {
    if name == "?" { return String(ctx.lastStatus) }
    if let value = ctx.variables[name] { return value }
    guard Self.variableNames.contains(name) else {
      // Not one of cogsh's: the environment's, as in a shell ($HOME), else a mistake.
      if let value = ctx.environment[name] { return value }
      throw UsageError.unknownVariable(name, userVariables: Array(ctx.variables.keys))
    }
    if name == "TOTP" { return try ctx.account.currentTOTPCode() }
    let state = try ctx.account.state()
    let user = state.current
    let value: String?
    switch name {
    case "ID_TOKEN": value = user?.tokens.idToken
    case "ACCESS_TOKEN": value = user?.tokens.accessToken
    case "REFRESH_TOKEN": value = user?.tokens.refreshToken
    case "SESSION": value = state.challenge?.session
    case "USERNAME": value = user?.username ?? state.challenge?.loginName
    case "SUB": value = user?.sub
    case "POOL_ID": value = try ctx.configuration.settings().poolId
    case "CODE": value = state.mailbox?.last?.code
    case "CLIENT_TOKEN": value = try state.clientTokens?[ctx.configuration.clientId()]?.accessToken
    default: value = try ctx.configuration.settings().clientId
    }
    guard let value else {
      let why =
        name == "SESSION"
        ? "no challenge is pending"
        : name == "CODE"
          ? "the sandbox's mailbox is empty"
          : name == "CLIENT_TOKEN"
            ? "no client-credentials token (oauth token --client-credentials)"
            : name.hasSuffix("_ID") ? "it is not configured" : "nobody is signed in"
      throw CommandError("$\(name) is not set: \(why)")
    }
    return value
  }

  /// Whether a line must stay out of the history file: judged by what it could carry, from its
  /// command's name and words, whether or not it parses (as redis-cli does).
  public static func isSensitive(_ line: String) -> Bool {
    if line.first == " " { return true }  // ignorespace, as in bash and psql
    for statement in StatementLexer.statements(line) {
      let words =
        (try? StatementLexer.split(statement, lookup: { "$" + $0 }))
        ?? statement.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
      guard let first = words.first else { continue }
      let rest = Array(words.dropFirst())
      // A mistyped command is judged as the command it was probably meant to be (`new-pasword X`).
      let spec = Registry.find(first) ?? Registry.suggestion(for: first).flatMap(Registry.find)
      if spec?.mayHoldSecret(rest) == true { return true }
    }
    return false
  }

  /// Runs one statement, printing its result or its error (after `location`, `FILE:LINE`, in a script),
  /// and remembers its status for `$?`.
  public func run(_ statement: String, location: String? = nil) -> Result {
    let result = execute(statement, location: location)
    // A failed command may have sent calls too: the AWS script that a signal would leave is kept current.
    ctx.recording?.commandRan(ctx: ctx)
    switch result {
    case .ok, .quit: ctx.lastStatus = 0
    case .failed(let code): ctx.lastStatus = code
    }
    return result
  }

  private func execute(_ statement: String, location: String?) -> Result {
    Interrupt.clear()
    // psql's way out, which the lexer would otherwise read as an escaped "q".
    if statement.trimmingCharacters(in: .whitespaces) == "\\q" { return .quit }
    let p: Prepared
    do {
      guard let prepared = try prepare(statement) else { return .ok }
      p = prepared
    } catch {
      return failed(error, location: location)
    }
    // The hint's own calls (a password policy read for it) are filed under the command, as its answer.
    return ctx.account.perform(CallContext(command: p.command.name, clientMetadata: p.clientMetadata)) {
      do {
        let outcome = try OutputFilter.run(query: p.query, filter: p.filter, ctx: ctx) {
          try p.command.run(p.args, ctx)
        }
        if let lost = OutputFailure.take() { throw lost }
        if let recording = ctx.recording {
          if case .cogsh(let script) = recording.form {
            // As typed, variables unexpanded: the replay expands them itself.
            let typed = (try? StatementLexer.split(p.commandText, lookup: { "$" + $0 })) ?? p.words
            script.add(typed, command: p.command)
          }
        }
        return outcome == .quit ? .quit : .ok
      } catch {
        return failed(error, location: location)
      }
    }
  }

  private func failed(_ error: Error, location: String?) -> Result {
    ctx.printer.error(Explainer.enrich(error, ctx: ctx), location: location)
    _ = OutputFailure.take()
    return .failed(error is UsageError ? 2 : 1)
  }

  /// A statement parsed and ready to run.
  struct Prepared {
    var commandText: String
    var words: [String]
    var filter: String?
    var query: String?
    var command: CommandSpec
    var args: Arguments
    var clientMetadata: [String: String]
  }

  /// Expands, resolves and parses `statement`; nil for an empty one.
  func prepare(_ statement: String) throws -> Prepared? {
    let (commandText, filter) = StatementLexer.splitPipe(statement)
    var words = try StatementLexer.split(commandText, lookup: lookup)
    guard let first = words.first else { return nil }
    guard let spec = Registry.find(first) else {
      throw UsageError.unknownCommand(first, suggestion: Registry.suggestion(for: first))
    }
    let query = try Self.takeQuery(&words)
    let (command, rest) = try spec.resolve(Array(words.dropFirst()))
    let args = try command.parse(rest)
    let takesMetadata = command.flags.contains { $0.name == Flag.clientMetadata.name }
    let metadata = Dictionary(
      try NameValuePairs.parse(takesMetadata ? args.flagList(Flag.clientMetadata.name) : [], what: "client metadata"),
      uniquingKeysWith: { _, b in b })
    return Prepared(
      commandText: commandText, words: words, filter: filter, query: query, command: command, args: args,
      clientMetadata: metadata)
  }

  /// What running `statement` would do first, found by a rehearsal (Rehearsal): the request it would
  /// send, or that it changes only the local session, asks first, or sends nothing. Nothing is sent,
  /// written or shown. The shell's own commands (they change the shell, not the session) are not rehearsed.
  func rehearse(_ statement: String) -> Rehearsed {
    let prepared: Prepared
    do {
      guard let p = try prepare(statement) else { return .nothing }
      prepared = p
    } catch {
      return .fails(error)
    }
    if prepared.command.group == "Shell" { return .shellCommand }
    // Stand-ins for the shell's own effects; Account.rehearse puts in those below it.
    let (questions, browser) = (ctx.questions, ctx.openBrowser)
    (ctx.questions, ctx.openBrowser) = (.rehearsal, { _ in .noBrowser })
    UserFile.standIn = { throw UserFile.Rehearsed(path: $0) }
    defer {
      (ctx.questions, ctx.openBrowser) = (questions, browser)
      UserFile.standIn = nil
    }
    let call = CallContext(command: prepared.command.name, clientMetadata: prepared.clientMetadata)
    let outcome = ctx.printer.muted {
      ctx.account.perform(call) { ctx.account.rehearse { _ = try prepared.command.run(prepared.args, ctx) } }
    }
    switch outcome {
    case .success(.request(let planned)): return .sends(planned)
    case .success(.write): return .changesLocally
    case .success(.asks(let what)): return .asks(what)
    case .success(.listens(let address)): return .listens(address)
    case .success(nil): return .nothing
    case .failure(let stop as UserFile.Rehearsed): return .writes(stop.path)
    case .failure(let error): return .fails(error)
    }
  }

  /// Takes `--query EXPR` (or `--query=EXPR`) out of a command's words: any command takes it. The
  /// expression is parsed now: a mistyped one is a usage error before the command sends anything.
  static func takeQuery(_ words: inout [String]) throws -> String? {
    guard let i = words.indices.dropFirst().first(where: { words[$0] == "--query" || words[$0].hasPrefix("--query=") })
    else { return nil }
    let q: String
    if words[i].hasPrefix("--query=") {
      q = String(words[i].dropFirst("--query=".count))
      words.remove(at: i)
    } else {
      guard i + 1 < words.count else {
        throw UsageError.missingFlagValue("--query", command: words[0], usage: "--query EXPR")
      }
      q = words[i + 1]
      words.removeSubrange(i...(i + 1))
    }
    do {
      try JMESPath.compile(q)
    } catch let e as JMESPathError {
      throw UsageError.invalidOption(e.message)
    }
    return q
  }

  /// Runs a script's statements; stops at the first failure unless `keepGoing`. Errors in a script
  /// read from `file` say `FILE:LINE:`, as psql's do. Returns 0, or the status of the first failure.
  public func runScript(_ text: String, keepGoing: Bool, file: String? = nil) -> Int32 {
    var status: Int32 = 0
    if let file { ctx.scriptDirectories.append((file as NSString).deletingLastPathComponent) }
    defer { if file != nil { ctx.scriptDirectories.removeLast() } }
    for (statement, line) in StatementLexer.numberedStatements(text) {
      // Ctrl-C between two commands of a script ends the script, as in a shell.
      if Interrupt.isRaised { return 1 }
      switch run(statement, location: file.map { "\($0):\(line)" }) {
      case .ok: continue
      case .quit: return status
      case .failed(let code):
        if status == 0 { status = code }
        if !keepGoing { return status }
      }
    }
    return status
  }
}
