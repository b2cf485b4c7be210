import Basics
import Foundation

/// The sandbox's server on a free loopback port: moto, and in the same process what moto does not serve
/// (`cogsh-sandbox`, the Python package in sandbox/, installed beside moto in the project's venv).
public final class SandboxServer: @unchecked Sendable {
  public let url: String
  public let port: Int
  private let process: Process

  private init(url: String, port: Int, process: Process) {
    self.url = url
    self.port = port
    self.process = process
  }

  /// Why the sandbox could not start.
  public enum Failure: UserFacingError {
    case notInstalled
    case didNotStart(String, log: String)

    public var message: String {
      switch self {
      case .notInstalled: return "the sandbox's server (cogsh-sandbox) is not installed"
      case .didNotStart(let why, _): return "the sandbox did not start: \(why)"
      }
    }

    public var hint: String? {
      switch self {
      case .notInstalled:
        return
          "Run scripts/setup (it installs moto and the sandbox's server into .venv), or scripts/install, or set COGSH_SANDBOX_SERVER."
      case .didNotStart(_, let log): return "See \(log)."
      }
    }
  }

  /// This process's own binary, wherever it was started from (`cogsh` found on PATH included).
  public static var runningExecutable: String {
    var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
    let n = readlink("/proc/self/exe", &buffer, buffer.count - 1)
    return n > 0
      ? String(decoding: buffer[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) : CommandLine.arguments[0]
  }

  /// cogsh-sandbox from COGSH_SANDBOX_SERVER, else the venv scripts/install puts beside this binary, else
  /// the `.venv` of the project that built it. Not a moto_server on PATH: that one lacks the sandbox's part.
  public static func locateExecutable(environment: [String: String], executablePath: String) -> String? {
    let fm = FileManager.default
    if let explicit = environment["COGSH_SANDBOX_SERVER"], fm.isExecutableFile(atPath: explicit) { return explicit }
    // Where scripts/install puts it: PREFIX/lib/cogsh/venv beside PREFIX/bin/cogsh.
    let installed = (executablePath as NSString).deletingLastPathComponent + "/../lib/cogsh/venv/bin/cogsh-sandbox"
    if fm.isExecutableFile(atPath: installed) { return (installed as NSString).standardizingPath }
    for dir in ProjectFiles.ancestors(of: executablePath) {
      let candidate = "\(dir)/.venv/bin/cogsh-sandbox"
      if fm.isExecutableFile(atPath: candidate) { return candidate }
    }
    return nil
  }

  /// A port on 127.0.0.1 that nothing listens on now.
  public static func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw Failure.didNotStart("no socket", log: "-") }
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = 0
    var len = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p -> Bool in
        bind(fd, p, len) == 0 && getsockname(fd, p, &len) == 0
      }
    }
    guard bound else { throw Failure.didNotStart("cannot bind a loopback port", log: "-") }
    return Int(UInt16(bigEndian: addr.sin_port))
  }

  /// Whether something accepts connections on 127.0.0.1:`port`.
  public static func accepts(port: Int) -> Bool {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { return false }
    defer { close(fd) }
    var addr = sockaddr_in()
    addr.sin_family = sa_family_t(AF_INET)
    addr.sin_addr.s_addr = inet_addr("127.0.0.1")
    addr.sin_port = UInt16(port).bigEndian
    return withUnsafePointer(to: &addr) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0
      }
    }
  }

  /// Starts the server and returns once it accepts connections (or fails, naming why).
  public static func start(
    executable: String, logPath: String, extraEnvironment: [String: String] = [:], timeoutSeconds: Double = 60
  ) throws -> SandboxServer {
    let port = try freePort()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = ["-H", "127.0.0.1", "-p", String(port)]
    var env = ProcessInfo.processInfo.environment
    for (k, v) in extraEnvironment { env[k] = v }
    process.environment = env
    _ = FileManager.default.createFile(atPath: logPath, contents: nil, attributes: [.posixPermissions: 0o600])
    let log = FileHandle(forWritingAtPath: logPath)
    process.standardOutput = log
    process.standardError = log
    process.standardInput = FileHandle.nullDevice
    do {
      try process.run()
      Termination.stopsChild(process.processIdentifier)
    } catch {
      throw Failure.didNotStart("cannot run \(executable): \(error.localizedDescription)", log: logPath)
    }
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    // Wait for readiness, not for a fixed time: poll the port while the process lives.
    while !accepts(port: port) {
      if !process.isRunning {
        throw Failure.didNotStart("the sandbox's server exited with status \(process.terminationStatus)", log: logPath)
      }
      if Date() > deadline {
        process.terminate()
        throw Failure.didNotStart("no answer on port \(port) after \(Int(timeoutSeconds)) s", log: logPath)
      }
      usleep(20_000)
    }
    return SandboxServer(url: "http://127.0.0.1:\(port)", port: port, process: process)
  }

  /// Starts the server in a session of its own, so that it outlives this process and its terminal
  /// (`sandbox start`); returns once it accepts connections, with its URL, port and process id.
  public static func startDetached(
    executable: String, logPath: String, extraEnvironment: [String: String] = [:], timeoutSeconds: Double = 60
  ) throws -> (url: String, port: Int, pid: pid_t) {
    let port = try freePort()
    _ = FileManager.default.createFile(atPath: logPath, contents: nil, attributes: [.posixPermissions: 0o600])
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, logPath, O_WRONLY | O_APPEND, 0)
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO)
    Spawn.closeInherited(&actions)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    // POSIX_SPAWN_SETSID (glibc's 0x80): its own session, so a closed terminal's SIGHUP does not reach it.
    posix_spawnattr_setflags(&attributes, Int16(0x80))
    var env = ProcessInfo.processInfo.environment
    for (k, v) in extraEnvironment { env[k] = v }
    var pid: pid_t = 0
    let spawned = Spawn.withCStrings([executable, "-H", "127.0.0.1", "-p", String(port)]) { argv in
      Spawn.withCStrings(Spawn.words(env)) { envp in posix_spawn(&pid, executable, &actions, &attributes, argv, envp) }
    }
    guard spawned == 0 else {
      throw Failure.didNotStart("cannot run \(executable)", log: logPath)
    }
    let deadline = Date().addingTimeInterval(timeoutSeconds)
    while !accepts(port: port) {
      var status: Int32 = 0
      if waitpid(pid, &status, WNOHANG) == pid {
        throw Failure.didNotStart("the sandbox's server exited", log: logPath)
      }
      if Date() > deadline {
        kill(pid, SIGKILL)
        throw Failure.didNotStart("no answer on port \(port) after \(Int(timeoutSeconds)) s", log: logPath)
      }
      usleep(20_000)
    }
    return ("http://127.0.0.1:\(port)", port, pid)
  }

  /// Whether `pid` is a live sandbox server (not a process that took over a recycled pid).
  public static func isSandboxServer(pid: pid_t) -> Bool {
    guard pid > 0, kill(pid, 0) == 0 else { return false }
    guard let cmdline = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return true }
    return String(decoding: cmdline, as: UTF8.self).contains("cogsh-sandbox")
  }

  /// Stops a sandbox server this process did not start: SIGTERM, then SIGKILL; true once it is gone.
  @discardableResult
  public static func stop(pid: pid_t) -> Bool {
    guard isSandboxServer(pid: pid) else { return true }
    kill(pid, SIGTERM)
    let deadline = Date().addingTimeInterval(3)
    while isSandboxServer(pid: pid) && Date() < deadline {
      var status: Int32 = 0
      _ = waitpid(pid, &status, WNOHANG)  // reaped here when it was our child
      usleep(20_000)
    }
    if isSandboxServer(pid: pid) { kill(pid, SIGKILL) }
    var status: Int32 = 0
    _ = waitpid(pid, &status, WNOHANG)
    usleep(50_000)
    return !isSandboxServer(pid: pid)
  }

  public var isRunning: Bool { process.isRunning }

  /// Stops the server and waits for it to exit: SIGTERM, then SIGKILL if it lingers (a parent
  /// that ignores SIGTERM passes that on to its children).
  public func stop() {
    Termination.stopsChild(nil)
    guard process.isRunning else { return }
    let pid = process.processIdentifier
    process.terminate()
    let deadline = Date().addingTimeInterval(2)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    if process.isRunning { kill(pid, SIGKILL) }
    process.waitUntilExit()
  }

  deinit { stop() }
}

/// Files that ship beside the binary in the project tree (examples/, .venv/).
enum ProjectFiles {
  /// The directory of `path` and its ancestors, nearest first, up to five levels.
  static func ancestors(of path: String) -> [String] {
    var dir = (URL(fileURLWithPath: path).resolvingSymlinksInPath().path as NSString).deletingLastPathComponent
    var out: [String] = []
    for _ in 0..<6 where dir != "/" && !dir.isEmpty {
      out.append(dir)
      dir = (dir as NSString).deletingLastPathComponent
    }
    return out
  }

  /// The first existing `relative` path above the executable.
  static func find(_ relative: String, executablePath: String) -> String? {
    ancestors(of: executablePath).map { "\($0)/\(relative)" }.first { FileManager.default.fileExists(atPath: $0) }
  }
}
