import Basics
import Foundation

/// What the credential sources need from the machine, passed in so the chain can be tested with
/// loopback servers, written files and scripts.
public struct CredentialIO {
  /// The text of a file, or nil.
  public var readFile: (String) -> String?
  /// Runs `credential_process`'s command line through the shell and returns its standard output.
  public var run: (String) throws -> String
  /// Sends requests to STS, SSO, the container endpoint and the instance metadata service (with its
  /// short timeouts per request): the shell passes its one transport.
  public var transport: HTTPTransport
  /// Asks for an MFA code for `mfa_serial` (nil when there is no terminal to ask on).
  public var askMFACode: (String) -> String?
  public var now: () -> Double

  public init(
    readFile: @escaping (String) -> String? = CredentialIO.read,
    run: @escaping (String) throws -> String = { try CredentialIO.shell($0) },
    transport: HTTPTransport = CurlTransport(connectTimeoutSeconds: 5, totalTimeoutSeconds: 30),
    askMFACode: @escaping (String) -> String? = { _ in nil },
    now: @escaping () -> Double = { Date().timeIntervalSince1970 }
  ) {
    self.readFile = readFile
    self.run = run
    self.transport = transport
    self.askMFACode = askMFACode
    self.now = now
  }

  public static func read(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0.prefix(1 << 20), as: UTF8.self) }
  }

  /// The most a `credential_process` may print: its JSON is a few hundred bytes.
  public static let processOutputLimit = 1 << 20
  /// How long a `credential_process` may run, in seconds (COGSH_CREDENTIAL_PROCESS_TIMEOUT changes it).
  public static let defaultProcessTimeout = 60.0

  /// `/bin/sh -c command`, standard output kept, standard error passed through, bounded: more than
  /// 1 MiB of output, or more than `timeout` seconds, or Ctrl-C, ends the process and fails. After a
  /// second without an end, `waiting` is told once (the shell says what it waits for).
  public static func shell(
    _ command: String, timeout: Double = defaultProcessTimeout, waiting: (String) -> Void = { _ in }
  ) throws -> String {
    let label = "credential_process"
    var fds: [Int32] = [0, 0]
    guard pipe(&fds) == 0 else { throw CredentialError.failed(label, "cannot make a pipe") }
    let (readEnd, writeEnd) = (fds[0], fds[1])
    for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, writeEnd, STDOUT_FILENO)
    var pid: pid_t = 0
    let argv: [UnsafeMutablePointer<CChar>?] =
      ["/bin/sh", "-c", command].map { (word: String) in strdup(word) } + [nil]
    defer { argv.forEach { free($0) } }
    let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, argv, environ)
    close(writeEnd)
    defer { close(readEnd) }
    guard spawned == 0 else { throw CredentialError.failed(label, "cannot start /bin/sh") }
    func stop(_ why: String) -> CredentialError {
      kill(pid, SIGKILL)
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      return CredentialError.failed(label, why)
    }
    let started = Date().timeIntervalSince1970
    var told = false
    // Between reads, and while waiting for the exit: a command may close its output and go on running.
    func checkLimits() throws {
      if Interrupt.isRaised {
        _ = stop("interrupted")
        throw CognitoError.interrupted
      }
      let elapsed = Date().timeIntervalSince1970 - started
      if elapsed > timeout {
        throw stop(
          "the command did not finish within \(EpochSeconds.describe(timeout)) s (COGSH_CREDENTIAL_PROCESS_TIMEOUT)")
      }
      if !told && elapsed >= 1 {
        told = true
        waiting("waiting for credential_process `\(command)`… (Ctrl-C stops)")
      }
    }
    var output: [UInt8] = []
    var buffer = [UInt8](repeating: 0, count: 65536)
    while true {
      try checkLimits()
      var p = pollfd(fd: readEnd, events: Int16(POLLIN), revents: 0)
      guard poll(&p, 1, 100) > 0 else { continue }
      let n = Foundation.read(readEnd, &buffer, buffer.count)
      if n < 0 && errno == EINTR { continue }
      if n <= 0 { break }
      output += buffer[..<n]
      if output.count > processOutputLimit {
        throw stop("the command printed more than \(processOutputLimit >> 20) MiB; its JSON is a few hundred bytes")
      }
    }
    var status: Int32 = 0
    while true {
      let r = waitpid(pid, &status, WNOHANG)
      if r == pid || (r < 0 && errno != EINTR) { break }
      try checkLimits()
      _ = poll(nil, 0, 20)
    }
    let exited = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    guard exited == 0 else { throw CredentialError.failed(label, "the command exited with status \(exited)") }
    return String(decoding: output, as: UTF8.self)
  }
}

/// Why a configured credential source gave no credentials.
public enum CredentialError: UserFacingError, Equatable {
  case failed(String, String)
  case ssoExpired(profile: String)
  case loop(String)
  /// A profile named that neither file has: its name, the profiles there are, what was left out.
  case noSuchProfile(String, known: [String], ignored: [String])

  public var message: String {
    switch self {
    case .failed(let source, let why): return "cannot get AWS credentials from \(source): \(why)"
    case .ssoExpired(let profile): return "the IAM Identity Center (SSO) token for profile \(profile) has expired"
    case .loop(let profile): return "profile \(profile): source_profile goes round in a loop"
    case .noSuchProfile(let name, let known, _):
      return "the AWS profile \(name) is in neither the config nor the credentials file"
        + (known.isEmpty ? " (they hold no profiles)" : " (profiles there: \(known.joined(separator: ", ")))")
    }
  }

  public var hint: String? {
    switch self {
    case .ssoExpired(let profile): return "Run `aws sso login --profile \(profile)`, then try again."
    case .loop: return "Point source_profile at a profile with keys of its own."
    case .noSuchProfile(_, _, let ignored) where !ignored.isEmpty:
      return "Left out of the files: " + ignored.joined(separator: "; ") + "."
    case .noSuchProfile: return "Name one of them with --aws-profile or AWS_PROFILE, or add the profile."
    case .failed: return "Check that source's settings in ~/.aws/config."
    }
  }
}
