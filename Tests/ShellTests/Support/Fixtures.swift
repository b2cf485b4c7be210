import Basics
import Cognito
import Foundation
import Shell

/// Paths of the project and of the built `cogsh`.
enum Project {
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent().path

  /// The cogsh binary built beside the test bundle (COGSH_BIN overrides).
  static var cogsh: String {
    if let b = ProcessInfo.processInfo.environment["COGSH_BIN"] { return b }
    let dir = (CommandLine.arguments[0] as NSString).deletingLastPathComponent
    for candidate in [dir + "/cogsh", root + "/.build/debug/cogsh"]
    where FileManager.default.isExecutableFile(atPath: candidate) {
      return candidate
    }
    return root + "/.build/debug/cogsh"
  }

  /// The release build that scripts/test makes (COGSH_RELEASE_BIN); the debug one when run without it.
  static var releaseCogsh: String { ProcessInfo.processInfo.environment["COGSH_RELEASE_BIN"] ?? cogsh }

  static func path(_ relative: String) -> String { root + "/" + relative }
}

/// One moto server for the whole test run, started on a free loopback port, stopped at exit.
enum Moto {
  static let shared: Result<SandboxServer, Error> = {
    guard
      let exe = SandboxServer.locateExecutable(
        environment: ProcessInfo.processInfo.environment, executablePath: Project.cogsh)
    else { return .failure(SandboxServer.Failure.notInstalled) }
    do {
      let server = try SandboxServer.start(
        executable: exe, logPath: NSTemporaryDirectory() + "cogsh-tests-moto-\(getpid()).log",
        extraEnvironment: ["MOTO_COGNITO_IDP_USER_POOL_ENABLE_TOTP": "true"])
      atexit { if case .success(let s) = Moto.shared { s.stop() } }
      return .success(server)
    } catch {
      return .failure(error)
    }
  }()

  static func server() throws -> SandboxServer { try shared.get() }

  /// A new pool and app client with the article's settings, so tests do not share users.
  static func articlePool(secret: Bool = false) throws -> (
    url: String, poolId: String, clientId: String, clientSecret: String?
  ) {
    let server = try server()
    let description = try JSON.parse(Data(contentsOf: URL(fileURLWithPath: Project.path("examples/sandbox-pool.json"))))
    let client = ServiceClient(
      endpoint: Endpoint(url: server.url, region: "us-east-1", isCustom: true), transport: CurlTransport(),
      credentials: { AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing") })
    var poolRequest = description["CreateUserPool"]!.objectValue!
    poolRequest["PoolName"] = .string("test-\(UUID().uuidString.prefix(8))")
    let pool = try client.call(.createUserPool, .object(poolRequest)).body["UserPool"]!["Id"]!.stringValue!
    var clientRequest = description["CreateUserPoolClient"]!.objectValue!
    clientRequest["UserPoolId"] = .string(pool)
    clientRequest["GenerateSecret"] = .bool(secret)
    let appClient = try client.call(.createUserPoolClient, .object(clientRequest)).body["UserPoolClient"]!
    return (server.url, pool, appClient["ClientId"]!.stringValue!, appClient["ClientSecret"]?.stringValue)
  }
}

extension Moto {
  /// A fresh article pool, a private cogsh home, and the flags that point cogsh at them.
  static func articleSession(secret: Bool = false) throws -> (
    pool: (url: String, poolId: String, clientId: String, clientSecret: String?), cogsh: Cogsh, connection: [String]
  ) {
    let pool = try articlePool(secret: secret)
    return (pool, Cogsh(), ["--endpoint-url", pool.url, "--pool-id", pool.poolId, "--client-id", pool.clientId])
  }
}

/// What a run of cogsh printed and returned.
struct RunResult {
  var status: Int32
  var stdout: String
  var stderr: String
}

/// Runs `cogsh` as a user would: its own process, a private COGSH_HOME and HOME, no terminal.
struct Cogsh {
  let home = TempDirectory()
  var environment: [String: String] = [:]

  var cogshHome: String { home.path + "/cogsh" }

  /// Runs cogsh; with `merged`, stderr goes where stdout goes, so `stdout` holds both in the order written.
  func run(
    _ arguments: [String], stdin: String? = nil, extraEnvironment: [String: String] = [:], merged: Bool = false
  ) throws -> RunResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Project.cogsh)
    process.arguments = arguments
    var env = [
      "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path,
      "COGSH_HOME": cogshHome, "NO_COLOR": "1", "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing",
      // No EC2 instance here: the chain's last source is off, as AWS documents, so no test waits on it.
      "AWS_EC2_METADATA_DISABLED": "true",
    ]
    for (k, v) in environment { env[k] = v }
    for (k, v) in extraEnvironment { env[k] = v }
    process.environment = env
    process.currentDirectoryURL = URL(fileURLWithPath: Project.root)
    let out = home.path + "/stdout-\(UUID().uuidString)"
    let err = home.path + "/stderr-\(UUID().uuidString)"
    FileManager.default.createFile(atPath: out, contents: nil)
    FileManager.default.createFile(atPath: err, contents: nil)
    let outHandle = FileHandle(forWritingAtPath: out)
    process.standardOutput = outHandle
    process.standardError = merged ? outHandle : FileHandle(forWritingAtPath: err)
    if let stdin {
      let input = home.path + "/stdin-\(UUID().uuidString)"
      FileManager.default.createFile(atPath: input, contents: Data(stdin.utf8))
      process.standardInput = FileHandle(forReadingAtPath: input)
    } else {
      process.standardInput = FileHandle.nullDevice
    }
    try process.run()
    process.waitUntilExit()
    return RunResult(
      status: process.terminationStatus,
      stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
  }
}

/// Writes `text` as `home/name` the way cogsh keeps its files (0700 folders, a 0600 file), so a test
/// can start from a state, hand-made or damaged, that cogsh would accept as its own.
func plantStateFile(home: String, _ name: String, _ text: String) {
  let dir = ((home + "/" + name) as NSString).deletingLastPathComponent
  try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
  var d = dir
  while d.count >= home.count {
    chmod(d, 0o700)
    d = (d as NSString).deletingLastPathComponent
  }
  FileManager.default.createFile(atPath: home + "/" + name, contents: Data(text.utf8))
  chmod(home + "/" + name, 0o600)
}

/// Runs any program (a copied cogsh, the AWS CLI, bash) with exactly `environment`, from `directory`;
/// stdout and stderr are read from files, so a large output cannot block it.
func runProgram(
  _ path: String, _ arguments: [String], environment: [String: String], directory: String = Project.root
) throws -> RunResult {
  let scratch = TempDirectory()
  let out = scratch.path + "/stdout"
  let err = scratch.path + "/stderr"
  FileManager.default.createFile(atPath: out, contents: nil)
  FileManager.default.createFile(atPath: err, contents: nil)
  let p = Process()
  p.executableURL = URL(fileURLWithPath: path)
  p.arguments = arguments
  p.environment = environment
  p.currentDirectoryURL = URL(fileURLWithPath: directory)
  p.standardInput = FileHandle.nullDevice
  p.standardOutput = FileHandle(forWritingAtPath: out)
  p.standardError = FileHandle(forWritingAtPath: err)
  try p.run()
  p.waitUntilExit()
  return RunResult(
    status: p.terminationStatus, stdout: (try? String(contentsOfFile: out, encoding: .utf8)) ?? "",
    stderr: (try? String(contentsOfFile: err, encoding: .utf8)) ?? "")
}

/// A temporary directory removed when the value is released.
final class TempDirectory: @unchecked Sendable {
  let path: String
  init() {
    path = NSTemporaryDirectory() + "cogsh-test-" + UUID().uuidString
    try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  }
  deinit { try? FileManager.default.removeItem(atPath: path) }
}

func fileMode(_ path: String) -> Int {
  var st = stat()
  guard stat(path, &st) == 0 else { return -1 }
  return Int(st.st_mode & 0o777)
}
