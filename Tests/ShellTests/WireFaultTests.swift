import Basics
import Cognito
import Foundation
import Testing

/// What a server that lies, floods or attacks the terminal gets: a clear error, bounded memory, escaped text.
@Suite("Wire faults")
struct WireFaultTests {
  @Test("a response body over the limit is a clear error, not unbounded memory")
  func oversizedBody() throws {
    let server = try FaultServer()
    try server.plan([.object(["size": .number(Double(20 << 20))])])
    let r = try Cogsh().run(server.connection + ["-c", "describe-user-pool"])
    #expect(r.status == 1)
    #expect(r.stderr.contains("is larger than 16 MiB; stopped reading it"), "stderr: \(r.stderr)")
  }

  @Test("the trace cuts a large body, and a huge error message is shortened")
  func traceTruncates() throws {
    let server = try FaultServer()
    let message = String(repeating: "x", count: 200_000)
    try server.plan([
      FaultServer.answer(["__type": "InternalErrorException", "message": .string(message)], status: 400)
    ])
    let r = try Cogsh().run(server.connection + ["--trace", "-c", "describe-user-pool"])
    #expect(r.status == 1)
    #expect(r.stderr.utf8.count < 20_000, "stderr is \(r.stderr.utf8.count) bytes")
    #expect(r.stderr.contains("more bytes)"))
    #expect(r.stderr.contains("error: InternalErrorException: xxxx"))
  }

  @Test("escape sequences from the service and from tokens reach the terminal escaped")
  func controlCharacters() throws {
    let server = try FaultServer()
    let hostile = "bad\u{1B}]0;pwned\u{07}\u{1B}[2J\u{9B}31m\r\nhint: fake"
    try server.plan([
      FaultServer.answer(["__type": "NotAuthorizedException", "message": .string(hostile)], status: 400)
    ])
    let r = try Cogsh().run(server.connection + ["-c", "describe-user-pool"])
    #expect(!r.stderr.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" || $0 == "\u{9B}" || $0 == "\r" })
    #expect(r.stderr.contains("bad\\e]0;pwned\\x07\\e[2J\\x9b31m\\r\\nhint: fake"), "stderr: \(r.stderr)")
    let token = b64url(#"{"alg":"RS256"}"#) + "." + b64url(#"{"name":"\u001b[31mred\u0007","exp":1}"#) + ".c2ln"
    let decoded = try Cogsh().run(["-c", "jwt decode \(token)"])
    #expect(!decoded.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
    #expect(decoded.stdout.contains("\\e[31mred\\x07"))
    let json = try Cogsh().run(["--output", "json", "-c", "jwt decode \(token)"])
    #expect(!json.stdout.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{07}" })
    #expect((try? JSON.parse(json.stdout))?["claims"]?["name"] == "\u{1B}[31mred\u{07}", "json keeps the value")
  }

  @Test("a failed write to stdout fails the command with exit 1 and a message; a closed pipe ends quietly")
  func outputErrors() throws {
    let cogsh = Cogsh()
    let p = Process()
    p.executableURL = URL(fileURLWithPath: Project.cogsh)
    p.arguments = ["-c", "help"]
    p.environment = ["COGSH_HOME": cogsh.cogshHome, "HOME": cogsh.home.path]
    p.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
    let err = Pipe()
    p.standardError = err
    try p.run()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    p.waitUntilExit()
    #expect(p.terminationStatus == 1)
    #expect(stderr.contains("error: cannot write to standard output: no space left on the device (disk full)"))

    let piped = Process()
    piped.executableURL = URL(fileURLWithPath: Project.cogsh)
    piped.arguments = ["-c", Array(repeating: "help", count: 200).joined(separator: "; ")]
    piped.environment = ["COGSH_HOME": cogsh.cogshHome, "HOME": cogsh.home.path]
    let out = Pipe()
    let quiet = Pipe()
    piped.standardOutput = out
    piped.standardError = quiet
    try piped.run()
    _ = out.fileHandleForReading.readData(ofLength: 10)
    try out.fileHandleForReading.close()
    piped.waitUntilExit()
    #expect(piped.terminationReason == .uncaughtSignal && piped.terminationStatus == SIGPIPE)
    #expect(quiet.fileHandleForReading.readDataToEndOfFile().isEmpty, "nothing said on a closed pipe")
  }

  @Test("the JWKS cache keeps only fit RSA keys; unfit ones are reported by kid")
  func jwksCacheKeepsValidKeys() throws {
    let server = try FaultServer()
    let good = try JSON.parse(Data(contentsOf: URL(fileURLWithPath: Project.path("Tests/Vectors/jwks-test.json"))))[
      "keys"]!.arrayValue![0]
    var weak = good.objectValue!
    weak["kid"] = "weak"
    weak["e"] = "AQ"
    let junk: JSON = ["kid": "junk", "kty": "EC", "filler": .string(String(repeating: "z", count: 100_000))]
    try server.plan([FaultServer.answer(["keys": [good, .object(weak), junk]])])
    let cogsh = Cogsh()
    let token = try JWTVerifyTests.vectorToken("valid-id")
    let r = try cogsh.run(
      [
        "--pool-id", "us-east-1_TestPool", "--client-id", "testclient123", "-c",
        "jwt verify \(token) --token-use id --jwks \(server.url)/jwks.json",
      ])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let cached = try FileManager.default.contentsOfDirectory(atPath: cogsh.cogshHome + "/jwks")
    try #require(cached.count == 1)
    let text = try String(contentsOfFile: cogsh.cogshHome + "/jwks/" + cached[0], encoding: .utf8)
    #expect(text.contains("test-key") && !text.contains("weak") && !text.contains("junk") && text.utf8.count < 4000)
  }

  @Test("endless input on stdin is refused at the documented limits, not read into gigabytes")
  func endlessStdin() throws {
    let cogsh = Cogsh()
    for (arguments, limit) in [([String](), "16 MiB"), (["-c", "jwt decode -"], "1 MiB"), (["-f", "-"], "16 MiB")] {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: Project.cogsh)
      p.arguments = arguments
      p.environment = ["COGSH_HOME": cogsh.cogshHome, "HOME": cogsh.home.path]
      p.standardInput = FileHandle(forReadingAtPath: "/dev/zero")
      p.standardOutput = FileHandle.nullDevice
      let err = Pipe()
      p.standardError = err
      try p.run()
      let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      p.waitUntilExit()
      #expect(p.terminationStatus == 1, "\(arguments)")
      #expect(stderr.contains("is longer than \(limit); refused"), "\(arguments): \(stderr)")
    }
  }

  @Test("jwt decode and verify of tokens whose times are out of range: named, never a trap")
  func outOfRangeTokens() throws {
    let cogsh = Cogsh()
    for value in ["1e19", "-1e19", "1e308", "1e400", String(repeating: "9", count: 400)] {
      let payload = #"{"exp":\#(value),"iat":\#(value),"nbf":\#(value),"auth_time":\#(value)}"#
      let token = b64url(#"{"alg":"RS256","kid":"test-key"}"#) + "." + b64url(payload) + ".c2ln"
      let decoded = try cogsh.run(["-c", "jwt decode \(token)"])
      #expect(decoded.status == 0, "\(value): \(decoded.stderr)")
      #expect(decoded.stdout.contains("out of range"))
      let verified = try cogsh.run([
        "--pool-id", "us-east-1_TestPool", "-c", "jwt verify \(token) --jwks Tests/Vectors/jwks-test.json",
      ])
      #expect(verified.status == 1, "\(value): \(verified.stderr)")
      #expect(verified.stdout.contains("FAIL  exp") && verified.stdout.contains("out of range"))
    }
  }
}
