import Basics
import Foundation
import Testing

/// The interactive shell in a real pseudo-terminal (util-linux `script`), driven like a person:
/// each input is sent once the prompt it answers has appeared.
@Suite("REPL in a terminal", .serialized)
struct REPLTests {
  /// Whether this machine can make pseudo-terminals: devpts is mounted (a bare chroot has none).
  static let ptyAvailable = FileManager.default.fileExists(atPath: "/dev/pts/ptmx")

  final class Terminal {
    let process = Process()
    let input = Pipe()
    let output = Pipe()
    var seen = ""

    /// cogsh as the terminal's own command, or `shell` (an interactive shell a test then types into).
    init(
      home: String, arguments: String = "", before: String = "", shell: String? = nil,
      environment: [String: String] = [:]
    ) throws {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
      // exec: no shell between script and cogsh, whose own SIGINT handling would change the status.
      process.arguments = ["-qfec", "\(before)exec \(shell ?? "\(Project.cogsh) \(arguments)")", "/dev/null"]
      process.environment = [
        "COGSH_HOME": home, "HOME": home, "TERM": "xterm", "NO_COLOR": "1", "INPUTRC": "/dev/null",
        "AWS_EC2_METADATA_DISABLED": "true",
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      ].merging(environment) { _, new in new }
      process.standardInput = input
      process.standardOutput = output
      process.standardError = output
      try process.run()
      // A safety net, not a synchronisation: a shell that never shows what is awaited is ended.
      let pid = process.processIdentifier
      DispatchQueue.global().asyncAfter(deadline: .now() + 60) { kill(pid, SIGKILL) }
    }

    /// Reads until `text` has appeared (or the shell has ended).
    func wait(for text: String) -> Bool {
      while !seen.contains(text) {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { return false }
        seen += String(decoding: chunk, as: UTF8.self)
      }
      return true
    }

    /// Reads until `text` has appeared `times` times (or the shell has ended).
    func wait(for text: String, times: Int) -> Bool {
      while count(text) < times {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { return false }
        seen += String(decoding: chunk, as: UTF8.self)
      }
      return true
    }

    /// How often `text` appears in what the terminal showed. A command's words appear once when typed
    /// (a ^L typed during a command may even sit between them and its output), its output once more.
    func count(_ text: String) -> Int { seen.components(separatedBy: text).count - 1 }

    func type(_ text: String) {
      // A shell that already ended must fail the test, not kill the test runner with SIGPIPE.
      signal(SIGPIPE, SIG_IGN)
      guard process.isRunning else { return }
      try? input.fileHandleForWriting.write(contentsOf: Data(text.utf8))
    }

    /// Waits until the line editor is reading again in its own terminal mode. Ctrl-L makes libedit
    /// clear the screen, which only the editor does, and only once it is reading: before that the
    /// byte waits in the terminal's line buffer. (A prompt alone does not say so: libedit prints
    /// it before switching the terminal to raw mode.)
    func ready() -> Bool {
      let clears = seen.components(separatedBy: "\u{1B}[2J").count
      type("\u{0C}")
      while seen.components(separatedBy: "\u{1B}[2J").count <= clears {
        let chunk = output.fileHandleForReading.availableData
        if chunk.isEmpty { return false }
        seen += String(decoding: chunk, as: UTF8.self)
      }
      return true
    }

    func finish() -> Int32 {
      process.waitUntilExit()
      // Our copy of the pipe's write end would keep the read below from ever seeing its end.
      try? output.fileHandleForWriting.close()
      seen += String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      return process.terminationStatus
    }
  }

  @Test(
    "prompt, Tab completion, Ctrl-C clearing the line, history without secrets, Ctrl-D leaving",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func session() throws {
    let home = TempDirectory()
    let t = try Terminal(home: home.path)
    #expect(t.wait(for: "cogsh default> "))
    #expect(t.ready())
    t.type("echo hello\r")
    #expect(t.ready() && t.count("hello\r\n") == 2, "terminal: \(t.seen.debugDescription)")
    t.type("set client-secret s3cr3t-value\r")
    #expect(t.ready() && t.seen.contains("client-secret = (set)"), "terminal: \(t.seen.debugDescription)")
    t.type("half typed")
    #expect(t.wait(for: "half typed"))
    t.type("\u{03}")
    #expect(t.ready() && t.seen.contains("half typed^C"), "terminal: \(t.seen.debugDescription)")
    t.type("whoa\t\r")  // completes to `whoami`, which then runs
    #expect(t.ready() && t.seen.contains("error: nobody is signed in"), "terminal: \(t.seen.debugDescription)")
    t.type("echo after\r")
    #expect(t.ready() && t.count("after\r\n") == 2, "terminal: \(t.seen.debugDescription)")
    t.type("\u{04}")
    let status = t.finish()
    #expect(status == 0, "terminal: \(t.seen.debugDescription)")
    #expect(!t.seen.contains("unknown command \"half\""), "the interrupted line never ran")
    let history = try String(contentsOfFile: home.path + "/history", encoding: .utf8)
    #expect(history.contains("echo\\040hello") || history.contains("echo hello"))
    #expect(!history.contains("s3cr3t"))
    #expect(fileMode(home.path + "/history") == 0o600)
  }

  @Test(
    "mistyped and malformed lines that carry secrets stay out of the history, and errors do not repeat them",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func secretsOutOfHistory() throws {
    let home = TempDirectory()
    let t = try Terminal(home: home.path)
    #expect(t.wait(for: "cogsh default> "))
    let lines = [
      "login u@example.com --pasword pty-secret-1", "new-password pty-secret-2 pty-extra-3",
      "new-pasword pty-secret-4", "change-password pty-old-5 pty-new-6 pty-extra-7",
      "respond CUSTOM_CHALLENGE ANSWER=pty-answer-8", "mfa-code 975311", "mfa verify 864200",
      "confirm-sign-up u@example.com 531975", "login \"u@example.com --password pty-secret-9",
      "set client-secrte pty-secret-10", "let pw = pty-secret-11", "let pw2=pty-secret-12",
      "echo kept-in-history",
    ]
    for line in lines {
      #expect(t.ready())
      t.type(line + "\r")
    }
    #expect(t.ready() && t.count("kept-in-history\r\n") == 2, "terminal: \(t.seen.debugDescription)")
    t.type("\u{04}")
    #expect(t.finish() == 0)
    let history = try String(contentsOfFile: home.path + "/history", encoding: .utf8)
    #expect(history.contains("kept-in-history"))
    // What the terminal showed after the typed lines: the errors only.
    let errors = t.seen.components(separatedBy: "\r\n").filter { $0.contains("error:") || $0.contains("hint:") }
      .joined(separator: "\n")
    #expect(errors.contains("unterminated \" quote (opened at character 7)"), "terminal: \(t.seen.debugDescription)")
    for secret in [
      "pty-secret-1", "pty-secret-2", "pty-extra-3", "pty-secret-4", "pty-old-5", "pty-new-6", "pty-extra-7",
      "pty-answer-8", "975311", "864200", "531975", "pty-secret-9", "pty-secret-10", "pty-secret-11",
      "pty-secret-12",
    ] {
      #expect(!history.contains(secret), "history holds \(secret)")
      #expect(!errors.contains(secret), "an error repeats \(secret)")
    }
  }

  @Test(
    "a megabyte pasted at the prompt is refused by its length, unechoed past the limit; what was typed after it runs",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func overlongLine() throws {
    let home = TempDirectory()
    let t = try Terminal(home: home.path)
    #expect(t.wait(for: "cogsh default> "))
    #expect(t.ready())
    // Japanese (three bytes a character) past the limit, then a line typed ahead of the refusal.
    let long = "echo " + String(repeating: "x", count: 1 << 20) + String(repeating: "日本", count: 1000)
    let characters = long.count
    // From another thread: the terminal's output is read below while the paste is still going in.
    signal(SIGPIPE, SIG_IGN)
    let writer = t.input.fileHandleForWriting
    let paste = Data((long + "\r" + "echo typed-after\r").utf8)
    DispatchQueue.global().async { try? writer.write(contentsOf: paste) }
    #expect(
      t.wait(for: "error: the line has \(characters) characters, more than the 16384 the prompt takes; refused"),
      "terminal: \(t.seen.suffix(2000).debugDescription)")
    #expect(t.wait(for: "typed-after\r\n", times: 2), "terminal: \(t.seen.suffix(2000).debugDescription)")
    #expect(t.ready())
    t.type("\u{04}")
    #expect(t.finish() == 0)
    // Echoed up to the limit and not beyond: the terminal never showed the megabyte.
    #expect(t.count("x") < 20_000, "\(t.count("x")) x's shown")
    #expect(!t.seen.contains("日本"))
    let history = try String(contentsOfFile: home.path + "/history", encoding: .utf8)
    #expect(history.contains("typed-after") && !history.contains("xxxx"))
  }

  @Test(
    "-c at a terminal asks for a missing password instead of failing",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func promptInCommandMode() throws {
    let home = TempDirectory()
    let t = try Terminal(
      home: home.path,
      arguments: "--endpoint-url http://127.0.0.1:9 --pool-id us-east-1_X --client-id c -c 'login u --flow password'")
    #expect(t.wait(for: "Password for u: "), "terminal: \(t.seen.debugDescription)")
    t.type("typed-secret\r")
    #expect(t.finish() == 1)
    #expect(t.seen.contains("cannot reach"), "terminal: \(t.seen.debugDescription)")
    #expect(!t.seen.contains("typed-secret"), "the password was not echoed")
  }

  @Test(
    "a long history file: its newest lines are loaded (Up recalls the last), nothing is left beside it",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func longHistory() throws {
    let home = TempDirectory()
    let lines = ["_HiStOrY_V2_"] + (1...30_000).map { "echo\\040line-\($0)" } + ["echo\\040the-newest"]
    let text = lines.joined(separator: "\n") + "\n"
    try text.write(toFile: home.path + "/history", atomically: true, encoding: .utf8)
    let t = try Terminal(home: home.path)
    #expect(t.wait(for: "cogsh default> "), "terminal: \(t.seen.debugDescription)")
    t.type("\u{1b}[A")
    #expect(t.wait(for: "echo the-newest"), "Up recalls the newest line: \(t.seen.debugDescription)")
    t.type("\u{1b}[A")
    #expect(t.wait(for: "line-30000"), "and the one before: \(t.seen.debugDescription)")
    t.type("\u{03}")
    #expect(t.ready())
    t.type("\u{04}")
    #expect(t.finish() == 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: home.path)
    #expect(!names.contains { $0.contains(".tail-") }, "\(names)")
  }

  @Test(
    "a history file libedit cannot read is set aside, not overwritten; the shell keeps a history afresh",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func foreignHistory() throws {
    let home = TempDirectory()
    let lines = (1...2_000).map { "status # \($0)" }.joined(separator: "\n") + "\n"
    try lines.write(toFile: home.path + "/history", atomically: true, encoding: .utf8)
    let t = try Terminal(home: home.path)
    #expect(t.wait(for: "cogsh default> "), "terminal: \(t.seen.debugDescription)")
    #expect(t.seen.contains("not a libedit history file"), "terminal: \(t.seen.debugDescription)")
    t.type("echo kept\r")
    #expect(t.ready())
    t.type("\u{04}")
    #expect(t.finish() == 0)
    let names = try FileManager.default.contentsOfDirectory(atPath: home.path)
    let aside = try #require(names.first { $0.hasPrefix("history.corrupt-") }, "\(names)")
    #expect(try String(contentsOfFile: home.path + "/" + aside, encoding: .utf8) == lines, "the old history is whole")
    let fresh = try String(contentsOfFile: home.path + "/history", encoding: .utf8)
    #expect(fresh.hasPrefix("_HiStOrY_V2_\n") && fresh.contains("echo") && !fresh.contains("status # 1"))
  }

  @Test(
    "Ctrl-C at the password prompt and at a walkthrough prompt returns to the shell's prompt, echo restored",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func ctrlCAtSecondaryPrompts() throws {
    let home = TempDirectory()
    let t = try Terminal(
      home: home.path, arguments: "--endpoint-url http://127.0.0.1:9 --pool-id us-east-1_X --client-id c")
    #expect(t.wait(for: "cogsh default> "))
    #expect(t.ready())
    t.type("login taro@example.com --flow password\r")
    #expect(t.wait(for: "Password for taro@example.com: "))
    // Enter on the empty prompt asks again; nothing is sent.
    t.type("\r")
    #expect(t.wait(for: "cannot be empty; type it, or Ctrl-D to give up"), "terminal: \(t.seen.debugDescription)")
    #expect(t.wait(for: "Password for taro@example.com: ", times: 2))
    t.type("\u{03}")
    #expect(t.wait(for: "error: interrupted"), "terminal: \(t.seen.debugDescription)")
    #expect(t.ready())
    t.type("echo after-password\r")
    #expect(t.ready() && t.count("after-password") == 2, "typed text is shown again: \(t.seen.debugDescription)")
    t.type("walkthrough article\r")
    #expect(t.wait(for: "[Enter] run  [s] skip  [q] quit: "))
    t.type("x\r")
    #expect(t.wait(for: "Enter runs the step; s skips it; q leaves the walkthrough."), "only Enter runs a step")
    t.type("\u{03}")
    #expect(t.wait(for: "error: interrupted\r\ncogsh default> "), "terminal: \(t.seen.debugDescription)")
    #expect(t.ready())
    t.type("echo after-walkthrough\r")
    #expect(t.ready() && t.count("after-walkthrough") == 2, "terminal: \(t.seen.debugDescription)")
    t.type("\u{04}")
    #expect(t.finish() == 0)
  }

  @Test(
    "Japanese and accented input round-trips through echo and into a request",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func nonASCIIInput() throws {
    let home = TempDirectory()
    let server = try FaultServer()
    try server.plan([FaultServer.answer(["CodeDeliveryDetails": ["DeliveryMedium": "EMAIL"]])])
    let t = try Terminal(home: home.path, arguments: server.connection.joined(separator: " "))
    #expect(t.wait(for: "cogsh default> "))
    #expect(t.ready())
    t.type("echo 日本語 é ok\r")
    #expect(t.ready() && t.count("日本語 é ok") == 2, "terminal: \(t.seen.debugDescription)")
    t.type("forgot-password 山田太郎@example.jp\r")
    #expect(t.ready())
    t.type("\u{04}")
    #expect(t.finish() == 0)
    let sent = try server.log().first { $0["target"]?.stringValue?.hasSuffix("ForgotPassword") == true }
    #expect(sent?["body"]?["Username"] == "山田太郎@example.jp")
  }

  @Test(
    "in vi mode (bind -v in ~/.editrc) Ctrl-C still abandons the line, and Tab still completes",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func viMode() throws {
    let home = TempDirectory()
    FileManager.default.createFile(atPath: home.path + "/.editrc", contents: Data("bind -v\n".utf8))
    let t = try Terminal(home: home.path)
    #expect(t.wait(for: "cogsh default> "))
    #expect(t.ready())
    t.type("half typed")
    #expect(t.wait(for: "half typed"))
    t.type("\u{03}")
    #expect(t.ready() && t.seen.contains("half typed^C"))
    t.type("echo vi-ok\r")
    #expect(t.ready() && t.count("vi-ok") == 2, "terminal: \(t.seen.debugDescription)")
    #expect(!t.seen.contains("unknown command"))
    t.type("whoa\t\r")  // completes to `whoami`
    #expect(t.ready() && t.seen.contains("error: nobody is signed in"), "terminal: \(t.seen.debugDescription)")
    t.type("\u{04}")
    #expect(t.finish() == 0)
    let history = try String(contentsOfFile: home.path + "/history", encoding: .utf8)
    #expect(!history.contains("\u{03}"))
  }

  @Test(
    "a walkthrough stepped through at a terminal: Enter runs, a failing step offers retry, q leaves cleanly",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func walkthroughInteractive() throws {
    let home = TempDirectory()
    let file = home.path + "/fails.walk"
    try
      "name: fails\nsummary: a first step that fails\nstep: echo first\nwhy: a step that works\nstep: whoami\nwhy: nobody is signed in yet\n"
      .write(toFile: file, atomically: true, encoding: .utf8)
    let t = try Terminal(home: home.path)
    #expect(t.wait(for: "cogsh default"))
    t.type("walkthrough \(file)\r")
    #expect(t.wait(for: "[Enter] run  [s] skip  [q] quit: "))
    // Ctrl-L clears the screen at once (no Enter) and asks again, as at the shell's prompt.
    let clears = t.count("\u{1B}[2J")
    t.type("\u{0C}")
    #expect(t.wait(for: "\u{1B}[2J", times: clears + 1), "terminal: \(t.seen.debugDescription)")
    #expect(t.wait(for: "[Enter] run  [s] skip  [q] quit: ", times: 2))
    t.type("\r")
    #expect(t.wait(for: "step 2/2: nobody is signed in yet"), "terminal: \(t.seen.debugDescription)")
    #expect(t.wait(for: "as it stands it fails: nobody is signed in"), "the preview warns before Enter")
    t.type("\r")
    #expect(t.wait(for: "[r] retry  [s] skip  [q] quit: "), "terminal: \(t.seen.debugDescription)")
    #expect(t.seen.contains("error: nobody is signed in"))
    t.type("r\r")
    #expect(t.wait(for: "step 2/2: nobody is signed in yet", times: 2), "retried: \(t.seen.debugDescription)")
    #expect(t.wait(for: "[Enter] run  [s] skip  [q] quit: ", times: 4))
    t.type("\r")
    #expect(t.wait(for: "[r] retry  [s] skip  [q] quit: ", times: 2))
    t.type("q\r")
    #expect(t.wait(for: "walkthrough fails left at step 2"), "terminal: \(t.seen.debugDescription)")
    #expect(t.ready())
    t.type("\u{04}")
    #expect(t.finish() == 0)
  }

  @Test(
    "F1 and ? show the synopsis and keep the line; Ctrl-R finds an earlier line; Tab offers the challenge's answers",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func synopsisSearchAndAnswers() throws {
    let home = TempDirectory()
    let state =
      #"{"currentUser":null,"users":{},"challenge":{"name":"SELECT_CHALLENGE","session":"s","parameters":{},"#
      + #""username":"u","loginName":"u@example.com","isAdmin":false,"receivedAt":4102444000,"#
      + #""availableChallenges":["EMAIL_OTP","PASSWORD_SRP"]}}"#
    plantStateFile(home: home.path, "sessions/default.json", state)
    let t = try Terminal(home: home.path)
    #expect(t.wait(for: "cogsh default"))
    #expect(t.ready())
    t.type("login\u{1B}OP")
    #expect(t.wait(for: "usage: login [USERNAME]"), "terminal: \(t.seen.debugDescription)")
    // The line is kept: finishing it runs `login --help`, which login does not take.
    t.type(" --bogus\r")
    #expect(t.ready() && t.seen.contains("login: unknown option \"--bogus\""), "terminal: \(t.seen.debugDescription)")
    t.type("mfa ?")
    #expect(t.wait(for: "usage: mfa setup|verify|enable|disable"), "terminal: \(t.seen.debugDescription)")
    t.type("\u{03}")
    #expect(t.ready())
    t.type("echo findable-$?\r")
    #expect(t.ready())
    t.type("\u{12}findable\r")
    // The typed line says findable-$?. Its first run prints the usage error's status, findable-2; only the
    // run Ctrl-R found prints findable-0.
    #expect(t.wait(for: "findable-0"), "Ctrl-R ran the line again: \(t.seen.debugDescription)")
    #expect(t.ready())
    t.type("respond SELECT_CHALLENGE AN\t\t")
    #expect(t.wait(for: "ANSWER=EMAIL_OTP  ANSWER=PASSWORD_SRP"), "terminal: \(t.seen.debugDescription)")
    t.type("\u{03}")
    #expect(t.ready())
    t.type("\u{04}")
    #expect(t.finish() == 0)
  }

  @Test(
    "Tab completes signed-in usernames, paths, $VARIABLES and call's actions",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func completion() throws {
    let home = TempDirectory()
    let state =
      #"{"currentUser":"taro@example.com","users":{"taro@example.com":{"username":"taro@example.com","#
      + #""tokens":{"accessToken":"a","expiresAt":4102444800,"obtainedAt":0}}}}"#
    plantStateFile(home: home.path, "sessions/default.json", state)
    let t = try Terminal(home: home.path)
    #expect(t.wait(for: "cogsh default taro@example.com"))
    #expect(t.ready())
    t.type("switch ta\t\r")
    #expect(t.ready() && t.seen.contains("current user: taro@example.com"), "terminal: \(t.seen.debugDescription)")
    // libedit redraws a completed word with cursor moves, so each completion is shown by running it.
    t.type("echo $USERN\t\r")
    // Uncompleted, $USERN would be an unknown variable: the name alone on a line is the completion at work.
    // (A ^L typed while a command runs may sit before its output, so count the output line ends.)
    // The ^L that ready() types can also land between the output's line end and the prompt.
    #expect(t.ready())
    let shown = t.seen.replacingOccurrences(of: "^L", with: "")
    #expect(
      shown.components(separatedBy: "taro@example.com\r\ncogsh default").count - 1 == 2,
      "terminal: \(t.seen.debugDescription)")
    #expect(!t.seen.contains("unknown variable"))
    t.type("source Tests/Vect\tjwks\t\r")
    #expect(
      t.ready() && t.seen.contains("unknown command \"{\""), "the JSON file was sourced: \(t.seen.debugDescription)")
    t.type("call DescribeUserPoolCl\t")
    #expect(t.wait(for: "ient "), "terminal: \(t.seen.debugDescription)")
    t.type("\u{03}")
    #expect(t.ready())
    t.type("\u{04}")
    #expect(t.finish() == 0)
  }

  @Test(
    "help taller than the terminal goes through $PAGER; short output does not",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func pager() throws {
    let home = TempDirectory()
    let t = try Terminal(
      home: home.path, before: "stty rows 10 cols 80; ",
      environment: ["PAGER": "cat > \(home.path)/paged; echo PAGER-RAN"])
    #expect(t.wait(for: "cogsh default> "))
    #expect(t.ready())
    t.type("help\r")
    #expect(t.wait(for: "PAGER-RAN"), "terminal: \(t.seen.debugDescription)")
    #expect(t.ready())
    t.type("echo short\r")
    #expect(t.ready() && t.count("short\r\n") == 2)
    t.type("\u{04}")
    #expect(t.finish() == 0)
    #expect(t.count("PAGER-RAN") == 1, "only help was paged")
    let paged = try String(contentsOfFile: home.path + "/paged", encoding: .utf8)
    #expect(paged.contains("Context") && paged.contains("whoami"))
  }

  @Test(
    "a role with mfa_serial asks for the code at the terminal, without echo, and the role is assumed",
    .enabled(if: ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func mfaSerialPrompt() throws {
    let pool = try Moto.articlePool()
    let home = TempDirectory()
    let config = home.path + "/aws-config"
    try (CredentialSourceTests.roleConfig + "mfa_serial = arn:aws:iam::123456789012:mfa/trainer\n").write(
      toFile: config, atomically: true, encoding: .utf8)
    let t = try Terminal(
      home: home.path, arguments: "--endpoint-url \(pool.url) --pool-id \(pool.poolId) -c 'list-users; status'",
      environment: ["AWS_CONFIG_FILE": config, "AWS_PROFILE": "admin", "AWS_ENDPOINT_URL_STS": pool.url])
    #expect(t.wait(for: "MFA code for arn:aws:iam::123456789012:mfa/trainer: "), "terminal: \(t.seen.debugDescription)")
    t.type("654321\r")
    #expect(t.finish() == 0, "terminal: \(t.seen.debugDescription)")
    #expect(t.seen.contains("assume role arn:aws:iam::123456789012:role/cogsh-admin, profile admin"))
    #expect(!t.seen.contains("654321"), "the code is not echoed")
  }
}
