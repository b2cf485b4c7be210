import Basics
import Foundation
import Testing

/// Ctrl-C while a request is in flight aborts that request, with a message, not a crash.
@Suite("Interrupt")
struct InterruptTests {
  @Test("SIGINT aborts a request the server never answers; the command fails with 'interrupted'")
  func interruptInFlight() throws {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    try #require(listener >= 0)
    defer { close(listener) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(listener, $0, len) == 0 && getsockname(listener, $0, &len) == 0
      }
    }
    try #require(bound && listen(listener, 1) == 0)
    let port = Int(UInt16(bigEndian: addr.sin_port))

    let cogsh = Cogsh()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Project.cogsh)
    process.arguments = [
      "--endpoint-url", "http://127.0.0.1:\(port)", "--region", "us-east-1", "-c", "call InitiateAuth; echo after",
    ]
    process.environment = ["COGSH_HOME": cogsh.cogshHome, "HOME": cogsh.home.path, "NO_COLOR": "1"]
    let errPath = cogsh.home.path + "/stderr"
    FileManager.default.createFile(atPath: errPath, contents: nil)
    process.standardError = FileHandle(forWritingAtPath: errPath)
    let outPath = cogsh.home.path + "/stdout"
    FileManager.default.createFile(atPath: outPath, contents: nil)
    process.standardOutput = FileHandle(forWritingAtPath: outPath)
    try process.run()
    // The request has reached us once the connection is accepted; it is never answered.
    let connection = accept(listener, nil, nil)
    try #require(connection >= 0)
    defer { close(connection) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    _ = read(connection, &buffer, buffer.count)
    kill(process.processIdentifier, SIGINT)
    process.waitUntilExit()
    #expect(process.terminationReason == .exit, "cogsh must not die of the signal")
    #expect(process.terminationStatus == 1)
    let stderr = try String(contentsOfFile: errPath, encoding: .utf8)
    #expect(stderr.hasPrefix("error: interrupted"))
    #expect(try String(contentsOfFile: outPath, encoding: .utf8).isEmpty, "the script stops after the failure")
  }
}
