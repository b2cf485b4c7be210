import Foundation
import Shell

/// A Python helper server from Tests/ShellTests/Support, run with moto's Python (which has botocore),
/// ready once it prints "PORT n", killed when released.
final class HelperServer {
  let process = Process()
  let url: String

  /// The signature checker: re-signs each request with botocore (sigv4_check_server.py).
  static func signatureChecker(accessKey: String, secretKey: String, region: String, token: String? = nil) throws
    -> HelperServer
  {
    try HelperServer(
      script: "sigv4_check_server.py", arguments: [accessKey, secretKey, region] + (token.map { [$0] } ?? []))
  }

  /// A proxy to moto that checks signatures against the keys STS issued through it (sigv4_proxy.py).
  static func stsCheckingProxy(to moto: String, issued: (key: String, secret: String, token: String)? = nil) throws
    -> HelperServer
  {
    try HelperServer(
      script: "sigv4_proxy.py", arguments: [moto] + (issued.map { [$0.key, $0.secret, $0.token] } ?? []))
  }

  /// The reference server for what moto does not serve (reference_server.py).
  static func reference() throws -> HelperServer {
    try HelperServer(script: "reference_server.py", arguments: [Project.path("Tests/Vectors/srp-pycognito.json")])
  }

  /// The stand-in for a pool domain's managed login and OAuth2 endpoints (oauth_server.py).
  static func oauth(callbackPort: Int) throws -> HelperServer {
    try HelperServer(script: "oauth_server.py", arguments: [String(callbackPort)])
  }

  /// The Python that runs moto: it has botocore, and the standard library the helpers need.
  static func python() throws -> String {
    guard
      let moto = SandboxServer.locateExecutable(
        environment: ProcessInfo.processInfo.environment, executablePath: Project.cogsh)
    else { throw SandboxServer.Failure.notInstalled }
    return (moto as NSString).deletingLastPathComponent + "/python3"
  }

  init(script: String, arguments: [String]) throws {
    process.executableURL = URL(fileURLWithPath: try Self.python())
    process.arguments = [Project.path("Tests/ShellTests/Support/\(script)")] + arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Ready once it has printed its port.
    var line = Data()
    while !line.contains(UInt8(ascii: "\n")) {
      let chunk = pipe.fileHandleForReading.availableData
      if chunk.isEmpty { throw SandboxServer.Failure.didNotStart("\(script) exited", log: "-") }
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
