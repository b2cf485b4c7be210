import Foundation
import Testing

/// Files the user names are written as the shell's `>` writes them: through a symlink, into a FIFO
/// or a device, truncated in place; a directory is refused. (The tests run as root on CI, where a
/// replaced /dev node would be the whole machine's.)
@Suite("files the user names", .serialized)
struct UserFileTests {
  /// The writers under test: each writes FILE with a command line of its own.
  struct Writer: Sendable {
    let name: String
    /// The command line, with FILE where the path goes.
    let line: String
    let mode: Int
    /// How what it writes begins.
    var starts = "#"
    func commands(_ path: String) -> String { line.replacingOccurrences(of: "FILE", with: path) }
  }

  static let writers = [
    Writer(name: "export-history --aws", line: "echo one; export-history --aws FILE", mode: 0o700),
    Writer(name: "record start", line: "record start --force FILE; echo one; record stop", mode: 0o600),
    Writer(name: "record start --aws", line: "record start --aws --force FILE; echo one; record stop", mode: 0o700),
    Writer(
      name: "log --diagram --save",
      line: "log --diagram \(Project.path("Tests/Fixtures/recorded-flow.cogsh")) --format mermaid --save FILE",
      mode: 0o644, starts: "sequenceDiagram\n"),
    Writer(
      name: "jwt mint --jwks", line: "jwt mint --pool-id eu-west-1_File --client-id c --jwks FILE", mode: 0o644,
      starts: "{"),
  ]

  static func mode(_ path: String) -> Int {
    var st = stat()
    return lstat(path, &st) == 0 ? Int(st.st_mode) : -1
  }

  @Test(
    "a symlink's target receives the text and the link stays a link; an existing file keeps its mode",
    arguments: writers.indices)
  func symlink(_ index: Int) throws {
    let writer = Self.writers[index]
    let cogsh = Cogsh()
    let dir = cogsh.home.path
    try "old contents, longer than what replaces them? no: just old\n".write(
      toFile: dir + "/target", atomically: false, encoding: .utf8)
    chmod(dir + "/target", 0o640)
    try FileManager.default.createSymbolicLink(atPath: dir + "/link", withDestinationPath: "target")
    let r = try cogsh.run(["-c", writer.commands(dir + "/link")])
    #expect(r.status == 0, "\(writer.name): \(r.stderr)")
    #expect(Self.mode(dir + "/link") & Int(S_IFMT) == Int(S_IFLNK), "\(writer.name): the link was replaced")
    let text = try String(contentsOfFile: dir + "/target", encoding: .utf8)
    #expect(text.hasPrefix(writer.starts), "\(writer.name): the target holds \(text.debugDescription)")
    #expect(!text.contains("old contents"), "\(writer.name): truncated, as > does")
    #expect(Self.mode(dir + "/target") & 0o7777 == 0o640, "\(writer.name): the existing file's mode is kept")

    let fresh = dir + "/fresh"
    #expect(try cogsh.run(["-c", writer.commands(fresh)]).status == 0)
    #expect(Self.mode(fresh) & 0o7777 == writer.mode, "\(writer.name): a new file's documented mode")
  }

  @Test("a FIFO's reader receives the text and it stays a FIFO", arguments: writers.indices)
  func fifo(_ index: Int) throws {
    let writer = Self.writers[index]
    let cogsh = Cogsh()
    let fifo = cogsh.home.path + "/fifo"
    #expect(mkfifo(fifo, 0o600) == 0)
    let reader = Process()
    reader.executableURL = URL(fileURLWithPath: "/bin/cat")
    reader.arguments = [fifo]
    let out = Pipe()
    reader.standardOutput = out
    try reader.run()
    let r = try cogsh.run(["-c", writer.commands(fifo)])
    // Should cogsh have failed before opening the FIFO, cat would wait for a writer for ever: a writer
    // that opens and closes ends it with EOF (and, once cat has gone, finds no reader and does nothing).
    let release = open(fifo, O_WRONLY | O_NONBLOCK)
    if release >= 0 { close(release) }
    let received = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    reader.waitUntilExit()
    #expect(r.status == 0, "\(writer.name): \(r.stderr)")
    #expect(received.hasPrefix(writer.starts), "\(writer.name): the reader got \(received.debugDescription)")
    #expect(Self.mode(fifo) & Int(S_IFMT) == Int(S_IFIFO), "\(writer.name): the FIFO was replaced")
  }

  @Test("a directory is refused with its name; a full device's error names it", arguments: writers.indices)
  func refused(_ index: Int) throws {
    let writer = Self.writers[index]
    let cogsh = Cogsh()
    let dir = cogsh.home.path + "/adir"
    try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: false)
    let r = try cogsh.run(["-c", writer.commands(dir)])
    #expect(r.status == 1 && r.stderr.contains("error: \(dir) is a directory"), "\(writer.name): \(r.stderr)")
    #expect(Self.mode(dir) & Int(S_IFMT) == Int(S_IFDIR))
    if FileManager.default.fileExists(atPath: "/dev/full") {
      let full = try cogsh.run(["-c", writer.commands("/dev/full")])
      #expect(
        full.status == 1 && full.stderr.contains("cannot write /dev/full: No space left on device"), "\(full.stderr)")
      #expect(Self.mode("/dev/full") & Int(S_IFMT) == Int(S_IFCHR), "the device node is still a device")
    }
  }

  @Test(
    "a recording left running is written out at end of input, at exit, and after SIGTERM, saying where",
    .enabled(if: REPLTests.ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func leftRunning() throws {
    let (pool, cogsh, connection) = try Moto.articleSession()
    let flow = [
      "admin-create-user rin@example.com --temporary-password first-pass-1 --suppress-message",
      "login rin@example.com --password first-pass-1 --flow password",
    ]
    // End of input and `exit`, in a script.
    for end in ["", "; exit"] {
      let file = cogsh.home.path + "/ended\(end.isEmpty ? "" : "-exit").sh"
      let r = try cogsh.run(connection + ["-c", "record start --aws \(file); " + flow.joined(separator: "; ") + end])
      #expect(r.status == 0, "\(r.stderr)")
      #expect(r.stderr.contains("note: the recording was still running: recorded to \(file)"), "\(r.stderr)")
      let script = try String(contentsOfFile: file, encoding: .utf8)
      #expect(script.contains("admin-create-user") && script.contains("initiate-auth"), "\(script)")
      _ = try cogsh.run(connection + ["-c", "admin-delete-user rin@example.com"])
    }
    // SIGTERM at the prompt.
    let file = cogsh.home.path + "/terminated.sh"
    let t = try REPLTests.Terminal(
      home: cogsh.home.path, arguments: connection.joined(separator: " "),
      environment: ["AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing"])
    #expect(t.wait(for: "> "))
    #expect(t.ready())
    t.type("record start --aws \(file)\r")
    for line in flow {
      #expect(t.ready())
      t.type(line + "\r")
    }
    #expect(t.wait(for: "NEW_PASSWORD_REQUIRED") && t.ready(), "\(t.seen.debugDescription)")
    let shell = t.process.processIdentifier
    let child = PagerTests.session(of: shell).first { $0.name == "cogsh" }
    #expect(child != nil)
    if let child { kill(child.pid, SIGTERM) }
    _ = t.finish()
    #expect(t.seen.contains("note: the recording was still running: recorded to \(file)"), "\(t.seen.debugDescription)")
    let script = try String(contentsOfFile: file, encoding: .utf8)
    #expect(script.contains("admin-create-user") && script.contains("initiate-auth"), "\(script)")
    // The exchanges are in it too, as comments: the killed session can still be drawn.
    let drawn = try cogsh.run(["-c", "log --diagram \(file) --width 80"])
    #expect(drawn.status == 0, "\(drawn.stderr)")
    #expect(
      drawn.stdout.contains("AdminCreateUser [password]") && drawn.stdout.contains("NEW_PASSWORD_REQUIRED [Session]"))
    _ = pool
  }

  @Test("record start on a file with something in it asks, or needs --force; a script does not overwrite it")
  func existing() throws {
    let cogsh = Cogsh()
    let file = cogsh.home.path + "/kept.cogsh"
    try "precious\n".write(toFile: file, atomically: true, encoding: .utf8)
    let refused = try cogsh.run(["-c", "record start \(file); echo one; record stop"])
    #expect(refused.status == 1 && refused.stderr.contains("exists; not overwritten"), "\(refused.stderr)")
    #expect(refused.stderr.contains("record start --force"))
    #expect(try String(contentsOfFile: file, encoding: .utf8) == "precious\n")
    let forced = try cogsh.run(["-c", "record start --force \(file); echo one; record stop"])
    let after = try String(contentsOfFile: file, encoding: .utf8)
    #expect(forced.status == 0 && !after.contains("precious"), "\(forced.stderr)")
  }
}
