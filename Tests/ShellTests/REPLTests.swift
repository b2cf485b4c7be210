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

    init(home: String, arguments: String = "") throws {
      process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
      // exec: no shell between script and cogsh, whose own SIGINT handling would change the status.
      process.arguments = ["-qfec", "exec \(Project.cogsh) \(arguments)", "/dev/null"]
      process.environment = [
        "COGSH_HOME": home, "HOME": home, "TERM": "xterm", "NO_COLOR": "1", "INPUTRC": "/dev/null",
        "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
      ]
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
}
