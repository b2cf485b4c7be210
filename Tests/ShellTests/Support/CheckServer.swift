import Foundation
import Shell

/// The botocore-backed signature checker (sigv4_check_server.py), run with moto's Python.
final class SignatureCheckServer {
  let process = Process()
  let url: String

  init(accessKey: String, secretKey: String, region: String) throws {
    guard
      let moto = MotoServer.locateExecutable(
        environment: ProcessInfo.processInfo.environment, executablePath: Project.cogsh)
    else { throw MotoServer.Failure.notInstalled }
    // moto depends on botocore, so the Python that runs moto has it.
    let python = (moto as NSString).deletingLastPathComponent + "/python3"
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = [Project.path("Tests/ShellTests/Support/sigv4_check_server.py"), accessKey, secretKey, region]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Ready once it has printed its port.
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = pipe.fileHandleForReading.availableData
      if chunk.isEmpty { throw MotoServer.Failure.didNotStart("signature checker exited", log: "-") }
      line.append(chunk)
    }
    let text = String(decoding: line, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    url = "http://127.0.0.1:" + text.replacingOccurrences(of: "PORT ", with: "")
  }

  deinit {
    // Test threads may block SIGTERM, and children inherit that mask: SIGKILL always arrives.
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
  }
}
