import Auth
import Basics
import CProcess
import Cognito
import Foundation

/// The `cogsh` program: parses the command line, sets up the context, runs the REPL or a script.
public enum Program {
  /// Runs cogsh and returns its exit status.
  public static func run(arguments: [String], environment: [String: String]) -> Int32 {
    // Before anything secret is in memory: no core dump, and no ptrace by another process of the user.
    _ = cogsh_no_core_dumps()
    let errPrinter = Printer(mode: .text, colour: Terminal.wantsColour(environment: environment))
    let inv: Invocation
    do {
      inv = try Invocation.parse(arguments)
    } catch {
      errPrinter.error(error)
      return 2
    }
    if inv.help { return standalone(Invocation.helpText) }
    if inv.version { return standalone(Version.line + "\n") }
    if inv.commandsMarkdown { return standalone(HelpText.markdown()) }
    if inv.manPage { return standalone(ManPage.render()) }
    if let shell = inv.completion { return standalone(CompletionScript.render(shell)) }

    var files = FileStore(home: FileStore.defaultHome(environment: environment))
    files.report = { note in
      let width = Terminal.isTTY(STDERR_FILENO) ? Terminal.size()?.columns : nil
      Printer.write((width.map { TextWrap.wrap(note, width: $0) } ?? note) + "\n", fd: STDERR_FILENO)
    }
    if let t = environment["COGSH_LOCK_TIMEOUT"].flatMap(Double.init), t >= 0, t <= 3600 { files.lockTimeout = t }
    let store = SessionStore(files: files)
    // A home someone else owns or can write may hold a planted profile: refuse it before anything is sent.
    do {
      try files.checkDirectories("sessions")
    } catch {
      errPrinter.error(error)
      return 1
    }
    if inv.listProfiles {
      // For the shells' completion: quiet, one name a line.
      return standalone(((try? store.profileBook().profiles.keys.sorted()) ?? []).map { $0 + "\n" }.joined())
    }
    Termination.install()
    let interactive = inv.commands == nil && inv.file == nil && Terminal.isTTY(STDIN_FILENO)
    let envOverrides: Profile
    do {
      envOverrides = try Invocation.environmentOverrides(environment)
    } catch {
      errPrinter.error(error)
      return error is UsageError ? 2 : 1
    }
    let transport = CurlTransport()
    transport.closesConnections = environment["COGSH_NO_KEEPALIVE"] == "1"
    if Terminal.isTTY(STDERR_FILENO) {
      // A request with no answer after a second says what it waits for, then the line is wiped.
      let progress = ProgressLine.onStderr()
      transport.waiting = { url, started in
        let host = URLComponents(string: url).map { ($0.host ?? url) + ($0.port.map { ":\($0)" } ?? "") } ?? url
        if started { progress.show("waiting for \(host)… (Ctrl-C stops)") } else { progress.clear() }
      }
    }
    let ctx = ShellContext(
      store: store, environment: environment, aws: AWSFiles.load(environment: environment),
      printer: Printer(mode: .text, colour: Terminal.wantsColour(environment: environment)),
      overrides: envOverrides.overlaid(with: inv.overrides),
      explicitProfile: inv.profile ?? environment["COGSH_PROFILE"].flatMap { $0.isEmpty ? nil : $0 },
      interactive: interactive, readSecret: Terminal.readSecret(prompt:), transport: transport)
    ctx.traceOn = inv.trace
    ctx.configuration.awsProfile = inv.awsProfile
    ctx.configuration.trustsEndpoint = inv.trustEndpoint
    if let p = ctx.configuration.explicitProfile, !inv.sandbox, (try? store.profileBook().profiles[p]) ?? nil == nil {
      errPrinter.diagnostic("note: there is no profile \"\(p)\" yet; `set` and `profile save` create it")
    }
    ctx.printer.prettyJSON = Terminal.isTTY(STDOUT_FILENO)
    if Terminal.isTTY(STDOUT_FILENO) { ctx.printer.columns = { Terminal.size()?.columns } }
    if !inv.noPager, Terminal.size() != nil, let command = Pager.command(environment: environment) {
      ctx.printer.pager = (command, environment)
    }
    ctx.canPrompt = interactive || (inv.file != "-" && Terminal.isTTY(STDIN_FILENO))
    do {
      ctx.printer.mode = try ctx.configuration.settings().output ?? .text
      if inv.passwordStdin { ctx.secretSource = SecretSource(fd: STDIN_FILENO, name: "--password-stdin") }
      if let f = inv.passwordFile { ctx.secretSource = try SecretSource.file(f) }
      if inv.sandbox { try Sandbox.start(ctx: ctx, background: false) }
    } catch {
      ctx.printer.error(error)
      return error is UsageError ? 2 : 1
    }
    defer { ctx.sandbox?.stop() }
    // A recording left running is written out whatever way the shell ends (a signal: Termination).
    defer { endRecording(ctx) }

    // Ctrl-C aborts the request in flight, in a script too; the script then stops.
    Terminal.installInterruptHandler()
    let runner = Runner(ctx: ctx)
    if !inv.skipRC { runStartupFile(runner, files: files, printer: ctx.printer) }
    if let commands = inv.commands { return runner.runScript(commands, keepGoing: inv.keepGoing) }
    if let file = inv.file {
      let text: String
      do {
        text = try file == "-" ? BoundedInput.all(fd: STDIN_FILENO, what: "standard input") : readScript(file)
      } catch {
        ctx.printer.error(error)
        return 1
      }
      return runner.runScript(text, keepGoing: inv.keepGoing, file: file == "-" ? nil : file)
    }
    if !interactive {
      do {
        return runner.runScript(
          try BoundedInput.all(fd: STDIN_FILENO, what: "standard input"), keepGoing: inv.keepGoing)
      } catch {
        ctx.printer.error(error)
        return 1
      }
    }
    return REPL(ctx: ctx).run()
  }

  /// Writes out a recording still running at exit, and says where it is.
  static func endRecording(_ ctx: ShellContext) {
    guard let recording = ctx.recording else { return }
    ctx.recording = nil
    do {
      try recording.finish(ctx: ctx)
      Printer.write(recording.deathNote, fd: STDERR_FILENO)
    } catch {
      ctx.printer.error(error)
    }
  }

  /// `$COGSH_HOME/rc`, as psql reads ~/.psqlrc: its statements run first, each failure said with
  /// `rc:LINE:` and passed over. A file someone else could have written is refused, as the state is.
  static func runStartupFile(_ runner: Runner, files: FileStore, printer: Printer) {
    let path = files.path("rc")
    guard FileManager.default.fileExists(atPath: path) else { return }
    do {
      try files.checkFile("rc")
      _ = runner.runScript(try readScript(path), keepGoing: true, file: path)
    } catch {
      printer.error(error, location: path)
    }
  }

  /// Prints the whole output of a flag such as --version; 1 if it could not be written.
  static func standalone(_ text: String) -> Int32 {
    Printer.write(text, fd: STDOUT_FILENO)
    guard let lost = OutputFailure.take() else { return 0 }
    Printer.write("error: \(lost.message)\n", fd: STDERR_FILENO)
    return 1
  }

  static func readScript(_ path: String) throws -> String {
    let fd = open(path, O_RDONLY | O_CLOEXEC)
    guard fd >= 0 else { throw CommandError("cannot read \(path): \(String(cString: strerror(errno)))") }
    defer { close(fd) }
    return try BoundedInput.all(fd: fd, what: path)
  }
}

/// Reads the AWS shared files the way the CLI finds them.
enum AWSFiles {
  /// The largest AWS config or credentials file read: real ones are a few KiB; a 200 MB one (or a
  /// device that never ends) must not cost seconds and gigabytes at every start.
  static let sizeLimit = 1 << 20

  /// A regular file's text, at most `sizeLimit` bytes; anything else (too large, not a regular file)
  /// is said on stderr and read as empty.
  static func read(_ path: String, warn: (String) -> Void) -> String {
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard fd >= 0 else { return "" }
    defer { close(fd) }
    var st = stat()
    guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else {
      warn("warning: \(path) is not a regular file; not read as AWS settings")
      return ""
    }
    guard Int(st.st_size) <= sizeLimit else {
      warn("warning: \(path) is \(Int(st.st_size) >> 20) MiB; AWS settings files over 1 MiB are not read")
      return ""
    }
    var bytes = [UInt8](repeating: 0, count: Int(st.st_size))
    var offset = 0
    while offset < bytes.count {
      let n = bytes.withUnsafeMutableBytes { raw -> Int in
        guard let base = raw.baseAddress else { return 0 }
        return Foundation.read(fd, base + offset, raw.count - offset)
      }
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      offset += n
    }
    return String(decoding: bytes[..<offset], as: UTF8.self)
  }

  static func load(environment: [String: String]) -> AWSEnvironment {
    let files = AWSEnvironment.fileLocations(environment, home: NSHomeDirectory())
    func read(_ path: String) -> String { AWSFiles.read(path) { Printer.write($0 + "\n", fd: STDERR_FILENO) } }
    var aws = AWSEnvironment(variables: environment)
    // A file the SDKs would refuse is said once here, read as empty, and stops any use of AWS credentials.
    func parse(_ path: String, isConfigFile: Bool) -> SharedConfig {
      do {
        return try SharedConfig.parse(read(path), isConfigFile: isConfigFile, file: path)
      } catch let error as SharedConfig.ParseError {
        Printer.write("warning: \(error.message); AWS settings from this file are not used\n", fd: STDERR_FILENO)
        aws.fileError = aws.fileError ?? error
      } catch {}
      return SharedConfig()
    }
    aws.config = parse(files.config, isConfigFile: true)
    aws.credentialsFile = parse(files.credentials, isConfigFile: false)
    return aws
  }
}
