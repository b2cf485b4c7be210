import Foundation
import Testing

/// The sandbox as a person's terminal treats it: killed, closed, asked for what moto lacks.
@Suite("Sandbox lifecycle")
struct SandboxLifecycleTests {
  static func accepts(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_port = in_port_t(UInt16(port).bigEndian)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    return withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    } == 0
  }

  /// A `cogsh --sandbox` reading its script from a pipe held open, once its moto answers.
  struct RunningSandbox {
    let process: Process
    let input: Pipe
    let output: Pipe
    let port: Int
  }

  static func startSandbox() throws -> RunningSandbox {
    _ = try Moto.server()  // moto is installed
    let cogsh = Cogsh()
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Project.cogsh)
    p.arguments = ["--sandbox"]
    p.environment = [
      "COGSH_HOME": cogsh.cogshHome, "HOME": cogsh.home.path,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    let input = Pipe()  // held open: cogsh waits for its script
    let output = Pipe()
    p.standardInput = input
    p.standardOutput = output
    p.standardError = FileHandle.nullDevice
    try p.run()
    var seen = ""
    while !seen.contains("(profile \"sandbox\")") {
      let chunk = output.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      seen += String(decoding: chunk, as: UTF8.self)
    }
    let port = try #require(
      seen.components(separatedBy: "127.0.0.1:").dropFirst().first?.prefix { $0.isNumber }.description
    ).flatMap(Int.init)
    try #require(port != nil && accepts(port: port!), "moto is up: \(seen)")
    return RunningSandbox(process: p, input: input, output: output, port: port!)
  }

  /// Whether `port` stops answering: the kill is immediate, the port closes once the kernel has torn
  /// the process down.
  static func closes(port: Int) -> Bool {
    for _ in 0..<500 {
      if !accepts(port: port) { return true }
      usleep(10_000)
    }
    return false
  }

  @Test("SIGTERM and SIGHUP to cogsh stop the sandbox's moto too", arguments: [SIGTERM, SIGHUP])
  func signalStopsMoto(signal: Int32) throws {
    let s = try Self.startSandbox()
    kill(s.process.processIdentifier, signal)
    s.process.waitUntilExit()
    #expect(s.process.terminationReason == .uncaughtSignal && s.process.terminationStatus == signal)
    #expect(Self.closes(port: s.port), "moto still answers on \(s.port)")
  }

  @Test("a closed output pipe ends cogsh quietly, and its sandbox's moto with it")
  func closedPipeStopsMoto() throws {
    let s = try Self.startSandbox()
    // The reader goes away (as `| head -1` does); the next thing cogsh prints meets a closed pipe.
    try s.output.fileHandleForReading.close()
    s.input.fileHandleForWriting.write(Data("help\n".utf8))
    try s.input.fileHandleForWriting.close()  // the script is complete: cogsh runs it
    s.process.waitUntilExit()
    #expect(s.process.terminationReason == .uncaughtSignal && s.process.terminationStatus == SIGPIPE)
    #expect(Self.closes(port: s.port), "moto still answers on \(s.port)")
  }

  @Test("an action the sandbox lacks is named as such before it is sent; an unknown --profile is noted")
  func unservedActionAndUnknownProfile() throws {
    _ = try Moto.server()
    let r = try Cogsh().run([
      "--sandbox", "-c",
      "admin-create-user a@example.com --temporary-password temp-pass-1 --suppress-message; "
        + "admin-set-user-password a@example.com a-pass-1 --permanent; login a@example.com --password a-pass-1; devices",
    ])
    #expect(r.status == 1)
    #expect(r.stderr.contains("error: the sandbox (moto) does not serve ListDevices"), "\(r.stderr)")
    let unknown = try Cogsh().run(["--profile", "nosuch", "-c", "status"])
    #expect(unknown.stderr.contains("note: there is no profile \"nosuch\" yet"))
  }
}
