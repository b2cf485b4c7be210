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

  @Test("SIGTERM and SIGHUP to cogsh stop the sandbox's moto too", arguments: [SIGTERM, SIGHUP])
  func signalStopsMoto(signal: Int32) throws {
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
    try #require(port != nil && Self.accepts(port: port!), "moto is up: \(seen)")
    kill(p.processIdentifier, signal)
    p.waitUntilExit()
    #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == signal)
    // The kill is immediate; the port closes once the kernel has torn the process down.
    var closed = false
    for _ in 0..<500 where !closed {
      closed = !Self.accepts(port: port!)
      if !closed { usleep(10_000) }
    }
    #expect(closed, "moto still answers on \(port!)")
  }

  @Test("a closed output pipe ends cogsh quietly, and its sandbox's moto with it")
  func closedPipeStopsMoto() throws {
    _ = try Moto.server()  // moto is installed
    let cogsh = Cogsh()
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Project.cogsh)
    p.arguments = ["--sandbox"]
    p.environment = [
      "COGSH_HOME": cogsh.cogshHome, "HOME": cogsh.home.path,
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    ]
    let input = Pipe()
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
    try #require(port != nil && Self.accepts(port: port!), "moto is up: \(seen)")
    // The reader goes away (as `| head -1` does); the next thing cogsh prints meets a closed pipe.
    try output.fileHandleForReading.close()
    input.fileHandleForWriting.write(Data("help\n".utf8))
    try input.fileHandleForWriting.close()  // the script is complete: cogsh runs it
    p.waitUntilExit()
    #expect(p.terminationReason == .uncaughtSignal && p.terminationStatus == SIGPIPE)
    var closed = false
    for _ in 0..<500 where !closed {
      closed = !Self.accepts(port: port!)
      if !closed { usleep(10_000) }
    }
    #expect(closed, "moto still answers on \(port!)")
  }

  @Test("USER_AUTH on the sandbox is named as something moto lacks; an unknown --profile is noted")
  func unservedFlowAndUnknownProfile() throws {
    _ = try Moto.server()
    let r = try Cogsh().run(["--sandbox", "-c", "login a@example.com --flow user-auth"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("error: the sandbox (moto) does not serve the USER_AUTH sign-in flow"), "\(r.stderr)")
    let unknown = try Cogsh().run(["--profile", "nosuch", "-c", "status"])
    #expect(unknown.stderr.contains("note: there is no profile \"nosuch\" yet"))
  }
}
