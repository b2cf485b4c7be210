import Foundation
import Testing

@testable import Shell

/// The pager as a person meets it: cogsh typed at an interactive shell with job control, `PAGER`
/// unset, in a 20-line window. Each shell puts cogsh in a process group of its own and gives it the
/// terminal; a pager in yet another group would be stopped by the terminal (SIGTTIN).
@Suite("the pager under job control", .serialized)
struct PagerTests {
  /// How each shell is started, with a prompt the test can wait for.
  static let shells: [(name: String, command: String?, environment: [String: String])] = [
    ("bash", "bash --norc --noprofile -i", ["PS1": "SH-READY$ "]),
    ("zsh", "zsh -f -i", ["PS1": "SH-READY$ "]),
    ("fish", "fish --no-config -i -C 'function fish_prompt; echo -n \"SH-READY\\$ \"; end'", [:]),
    ("cogsh as the terminal's own command", nil, [:]),
  ]

  /// The processes of the terminal's session: the shell that `script` started and what it runs.
  struct Process: CustomStringConvertible {
    let pid: Int32
    let name: String
    let state: Character
    let group: Int32
    /// The terminal's foreground process group.
    let foreground: Int32
    var description: String { "\(pid) \(name) \(state) pgrp \(group) fg \(foreground)" }
  }

  static func stat(_ pid: String) -> (name: String, fields: [Substring])? {
    guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
      let open = text.firstIndex(of: "("), let close = text.lastIndex(of: ")")
    else { return nil }
    return (
      String(text[text.index(after: open)..<close]), text[text.index(close, offsetBy: 2)...].split(separator: " ")
    )
  }

  /// Every process in the session whose leader is the child of `script` (pid `scriptPID`).
  static func session(of scriptPID: Int32) -> [Process] {
    let pids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc"))?.filter { Int32($0) != nil } ?? []
    // fields after the name: state, ppid, pgrp, session, tty_nr, tpgid
    let all = pids.compactMap { pid -> (Int32, String, [Substring])? in
      stat(pid).map { (Int32(pid)!, $0.name, $0.fields) }
    }
    guard let leader = all.first(where: { Int32($0.2[1]) == scriptPID })?.0 else { return [] }
    return all.filter { Int32($0.2[3]) == leader }.map {
      Process(
        pid: $0.0, name: $0.1, state: $0.2[0].first ?? "?", group: Int32($0.2[2]) ?? 0, foreground: Int32($0.2[5]) ?? 0)
    }
  }

  /// Waits (up to 10 s, checking every 5 ms) until `pid` is blocked in read(2): the syscall number
  /// /proc shows for a sleeping process is 0 on x86_64 and 63 on arm64.
  static func waitUntilReading(_ pid: Int32) -> Bool {
    let deadline = Date().addingTimeInterval(10)
    while Date() < deadline {
      guard let call = try? String(contentsOfFile: "/proc/\(pid)/syscall", encoding: .utf8) else { return false }
      let number = call.split(separator: " ").first
      if stat(String(pid))?.fields.first == "S", number == "0" || number == "63" { return true }
      usleep(5000)
    }
    return false
  }

  @Test(
    "help pages in the foreground; q and Ctrl-C in the pager return to the prompt, nothing left stopped",
    .enabled(if: REPLTests.ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"),
    arguments: shells.indices)
  func jobControl(_ index: Int) throws {
    let shell = Self.shells[index]
    let home = TempDirectory()
    // PAGER unset, as on a fresh account; LESS only gives less a prompt the test can wait for.
    let environment = shell.environment.merging(["LESS": "-PsPAGER-WAITING"]) { a, _ in a }
    let t = try REPLTests.Terminal(
      home: home.path, before: "stty rows 20 cols 80; ",
      shell: shell.command.map { $0 }, environment: environment)
    if shell.command != nil {
      #expect(t.wait(for: "SH-READY$ "), "\(shell.name): \(t.seen.debugDescription)")
      t.type("\(Project.cogsh)\r")
    }
    #expect(t.wait(for: "cogsh default> "), "\(shell.name): \(t.seen.debugDescription)")
    #expect(t.ready())

    /// Waits for the pager's prompt, checks that it is in the foreground and not stopped, and waits
    /// until it is blocked reading the terminal: a key typed before then may be lost (less discards
    /// typeahead as it recovers from Ctrl-C), where a person would wait for the screen to settle.
    func pagerShowing(_ times: Int) {
      #expect(t.wait(for: "PAGER-WAITING", times: times), "\(shell.name): \(t.seen.debugDescription)")
      let processes = Self.session(of: t.process.processIdentifier)
      let less = processes.filter { $0.name == "less" }
      #expect(less.count == 1, "\(shell.name): \(processes)")
      for p in less {
        #expect(p.state != "T", "\(shell.name): the pager is stopped: \(processes)")
        #expect(p.group == p.foreground, "\(shell.name): the pager is not in the foreground group: \(processes)")
        #expect(Self.waitUntilReading(p.pid), "\(shell.name): the pager reads the terminal")
      }
    }
    /// Types q and waits for cogsh's prompt (which only cogsh prints) to come back.
    func quitPager() {
      let prompts = t.count("cogsh default> ")
      t.type("q")
      #expect(t.wait(for: "cogsh default> ", times: prompts + 1), "\(shell.name): \(t.seen.debugDescription)")
      #expect(t.ready(), "\(shell.name): the line editor reads again")
    }
    func nothingLeft() {
      let processes = Self.session(of: t.process.processIdentifier)
      #expect(!processes.contains { $0.state == "T" }, "\(shell.name): a stopped process: \(processes)")
      #expect(!processes.contains { $0.name == "less" }, "\(shell.name): the pager lives on: \(processes)")
    }

    t.type("help\r")
    pagerShowing(1)
    #expect(t.seen.contains("Context"), "the help is shown")
    quitPager()
    nothingLeft()
    t.type("echo after-q\r")
    #expect(t.ready() && t.count("after-q\r\n") == 2, "\(shell.name): \(t.seen.debugDescription)")

    t.type("help\r")
    pagerShowing(2)
    // less rings the bell for Ctrl-C and stays; cogsh, which got the SIGINT too, waits on.
    let bells = t.count("\u{07}")
    t.type("\u{03}")
    #expect(t.wait(for: "\u{07}", times: bells + 1), "\(shell.name): \(t.seen.debugDescription)")
    pagerShowing(2)
    quitPager()
    nothingLeft()
    t.type("echo after-interrupt\r")
    #expect(t.ready() && t.count("after-interrupt\r\n") == 2, "\(shell.name): the next command is not interrupted")

    t.type("exit\r")
    if shell.command != nil {
      #expect(t.wait(for: "SH-READY$ ", times: 2), "\(shell.name): \(t.seen.debugDescription)")
      nothingLeft()
      t.type("exit\r")
    }
    #expect(t.finish() == 0, "\(shell.name): \(t.seen.debugDescription)")
  }

  @Test("COGSH_PAGER, then PAGER; set but empty means no pager; --no-pager on the command line")
  func choice() throws {
    #expect(Pager.command(environment: ["COGSH_PAGER": "most", "PAGER": "more"]) == "most")
    #expect(Pager.command(environment: ["COGSH_PAGER": "", "PAGER": "more"]) == nil)
    #expect(Pager.command(environment: ["PAGER": "more -d"]) == "more -d")
    #expect(Pager.command(environment: ["PAGER": " "]) == nil)
    #expect(Pager.command(environment: ["PAGER": "cat"]) == nil)
    let less = FileManager.default.isExecutableFile(atPath: "/usr/bin/less")
    #expect(Pager.command(environment: [:]) == (less ? "less -FRX" : nil))
    #expect(try Invocation.parse(["--no-pager"]).noPager)
    #expect(try !Invocation.parse([]).noPager)
    // The pager's own settings: LESS=FRX only when the user has none.
    #expect(Pager.environment([:])["LESS"] == "FRX")
    #expect(Pager.environment(["LESS": "-i"])["LESS"] == "-i")
    // No shell between cogsh and a plain pager; a command line with shell syntax gets one.
    #expect(Pager.argv("less -FRX") == ["less", "-FRX"])
    #expect(Pager.argv("cat > /tmp/x") == ["/bin/sh", "-c", "cat > /tmp/x"])
  }

  @Test(
    "--no-pager and an empty pager variable print the whole text, never through a pager",
    .enabled(if: REPLTests.ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func noPager() throws {
    let home = TempDirectory()
    let marker = home.path + "/paged"
    for (arguments, environment) in [
      ("--no-pager", ["PAGER": "touch \(marker)"]), ("", ["PAGER": "", "COGSH_PAGER": ""]),
      ("", ["COGSH_PAGER": "", "PAGER": "touch \(marker)"]),
    ] {
      let t = try REPLTests.Terminal(
        home: home.path, arguments: arguments, before: "stty rows 10 cols 80; ", environment: environment)
      #expect(t.wait(for: "cogsh default> "))
      #expect(t.ready())
      t.type("help\r")
      #expect(t.ready(), "\(t.seen.debugDescription)")
      t.type("\u{04}")
      #expect(t.finish() == 0)
      #expect(t.seen.contains("Context") && t.seen.contains("Shell"), "the whole help: \(t.seen.debugDescription)")
      #expect(!FileManager.default.fileExists(atPath: marker), "no pager ran for \(arguments) \(environment)")
    }
  }

  @Test("--query, pipes and the pager are documented in help, the manual page and the README")
  func documented() throws {
    let help = try Cogsh().run(["-c", "help; help output"]).stdout
    let man = try Cogsh().run(["--man"]).stdout
    let readme = try String(contentsOfFile: Project.path("README.md"), encoding: .utf8)
    #expect(help.contains("`help output` for --query, | pipes and the pager"))
    for text in [help, man, readme] {
      for word in ["--query", "| COMMAND", "COGSH_PAGER", "--no-pager", "less -FRX"] {
        #expect(text.contains(word) || text.contains(word.replacingOccurrences(of: "-", with: "\\-")), "\(word)")
      }
    }
    #expect(man.contains(".SH OUTPUT"))
  }
}

/// A crash must not leave secrets on disk, nor may another process of the user read cogsh's memory.
@Suite("cogsh's process is not dumpable")
struct DumpableTests {
  @Test(
    "run as an ordinary user, its /proc files belong to root (non-dumpable) and its core limit is 0",
    .enabled(if: REPLTests.ptyAvailable && getuid() == 0, "needs pseudo-terminals, and root to become another user"))
  func undumpable() throws {
    let home = TempDirectory()
    // A copy the other user can reach: the checkout may sit in a directory only root may enter.
    let binary = home.path + "/cogsh-copy"
    try FileManager.default.copyItem(atPath: Project.cogsh, toPath: binary)
    chmod(home.path, 0o755)
    chown(home.path, 65534, 65534)
    let t = try REPLTests.Terminal(
      home: home.path, shell: "setpriv --reuid=65534 --regid=65534 --clear-groups \(binary)")
    #expect(t.wait(for: "> "), "\(t.seen.debugDescription)")
    let cogsh = PagerTests.session(of: t.process.processIdentifier).first { $0.name.hasPrefix("cogsh") }
    #expect(cogsh != nil)
    if let pid = cogsh?.pid {
      var st = stat()
      #expect(stat("/proc/\(pid)/environ", &st) == 0)
      // A dumpable process's /proc files are its user's; a non-dumpable one's are root's.
      #expect(st.st_uid == 0, "owner \(st.st_uid)")
      let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
      let core = limits.split(separator: "\n").first { $0.hasPrefix("Max core file size") } ?? ""
      #expect(core.split(separator: " ").filter { !$0.isEmpty }.dropFirst(4).prefix(2) == ["0", "0"], "\(core)")
    }
    t.type("\u{04}")
    _ = t.finish()
  }
}
