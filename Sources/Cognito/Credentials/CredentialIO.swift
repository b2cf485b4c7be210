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
    run: @escaping (String) throws -> String = CredentialIO.shell,
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

  /// `/bin/sh -c command`, standard output kept (at most 1 MiB), standard error passed through.
  public static func shell(_ command: String) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/sh")
    p.arguments = ["-c", command]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else {
      throw CredentialError.failed("credential_process", "the command exited with status \(p.terminationStatus)")
    }
    return String(decoding: data.prefix(1 << 20), as: UTF8.self)
  }
}

/// Why a configured credential source gave no credentials.
public enum CredentialError: UserFacingError, Equatable {
  case failed(String, String)
  case ssoExpired(profile: String)
  case loop(String)

  public var message: String {
    switch self {
    case .failed(let source, let why): return "cannot get AWS credentials from \(source): \(why)"
    case .ssoExpired(let profile): return "the IAM Identity Center (SSO) token for profile \(profile) has expired"
    case .loop(let profile): return "profile \(profile): source_profile goes round in a loop"
    }
  }

  public var hint: String? {
    switch self {
    case .ssoExpired(let profile): return "Run `aws sso login --profile \(profile)`, then try again."
    case .loop: return "Point source_profile at a profile with keys of its own."
    case .failed: return "Check that source's settings in ~/.aws/config."
    }
  }
}
