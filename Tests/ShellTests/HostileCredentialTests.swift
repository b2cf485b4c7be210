import Basics
import Foundation
import Testing

/// Credential sources that hang, flood, hand over stale keys or point elsewhere: each ends with a
/// message, bounded in time and memory, and nothing is sent where it should not go.
@Suite("hostile credential sources", .serialized)
struct HostileCredentialTests {
  /// cogsh run as a child of this test alone, so that its peak memory can be read (wait4's rusage).
  static func runMeasured(_ arguments: [String], environment: [String: String]) throws -> (
    status: Int32, stderr: String, peakKiB: Int
  ) {
    let dir = TempDirectory()
    let errPath = dir.path + "/stderr"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 2, errPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    let argv = ([Project.cogsh] + arguments).map { strdup($0) } + [nil]
    let env = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { (argv + env).forEach { free($0) } }
    var pid: pid_t = 0
    guard posix_spawn(&pid, Project.cogsh, &actions, nil, argv, env) == 0 else { throw CocoaError(.fileNoSuchFile) }
    var status: Int32 = 0
    var usage = rusage()
    while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
    let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
    return ((status >> 8) & 0xff, err, usage.ru_maxrss)
  }

  static func environment(_ home: String, config: String, extra: [String: String] = [:]) throws -> [String: String] {
    try config.write(toFile: home + "/aws-config", atomically: true, encoding: .utf8)
    return [
      "HOME": home, "COGSH_HOME": home + "/cogsh", "PATH": "/usr/bin:/bin", "AWS_CONFIG_FILE": home + "/aws-config",
      "AWS_PROFILE": "p", "AWS_EC2_METADATA_DISABLED": "true", "NO_COLOR": "1",
    ].merging(extra) { _, b in b }
  }

  static let connection = ["--endpoint-url", "http://127.0.0.1:9", "--pool-id", "us-east-1_Hostile"]

  @Test("a credential_process that prints without end is stopped at 1 MiB, in bounded memory")
  func endless() throws {
    let home = TempDirectory()
    let r = try Self.runMeasured(
      Self.connection + ["-c", "list-users"],
      environment: try Self.environment(home.path, config: "[profile p]\ncredential_process = yes\n"))
    #expect(r.status == 1 && r.stderr.contains("printed more than 1 MiB"), "\(r.stderr)")
    #expect(r.peakKiB < 150 * 1024, "peak \(r.peakKiB) KiB")
  }

  @Test("a credential_process that hangs is stopped at its time limit, saying it waited")
  func hangs() throws {
    let home = TempDirectory()
    let r = try Self.runMeasured(
      Self.connection + ["-c", "list-users"],
      environment: try Self.environment(
        home.path, config: "[profile p]\ncredential_process = sleep 300\n",
        extra: ["COGSH_CREDENTIAL_PROCESS_TIMEOUT": "2"]))
    #expect(r.status == 1 && r.stderr.contains("did not finish within 2 s"), "\(r.stderr)")
    #expect(r.stderr.contains("waiting for credential_process `sleep 300`"), "\(r.stderr)")
  }

  @Test("credentials whose Expiration has passed are refused, not used")
  func expired() throws {
    let home = TempDirectory()
    let json =
      #"{"Version":1,"AccessKeyId":"AKIAOLD","SecretAccessKey":"s","SessionToken":"t","Expiration":"2001-01-01T00:00:00Z"}"#
    let r = try Self.runMeasured(
      Self.connection + ["-c", "list-users"],
      environment: try Self.environment(home.path, config: "[profile p]\ncredential_process = echo '\(json)'\n"))
    #expect(r.status == 1 && r.stderr.contains("its credentials expired"), "\(r.stderr)")
  }

  @Test(
    "the container token goes only to hosts botocore allows, and never with a line break in it",
    arguments: [
      ("http://example.invalid/creds", false), ("http://169.254.169.254/creds", false),
      ("http://10.0.0.1/creds", false),
      ("http://127.0.0.1.example.invalid/creds", false), ("https://example.invalid/creds", true),
      ("http://127.0.0.1:9/creds", true), ("http://[::1]:9/creds", true), ("http://localhost:9/creds", true),
      ("http://169.254.170.23/creds", true),
    ])
  func containerHosts(_ url: String, _ allowed: Bool) throws {
    let home = TempDirectory()
    var env = try Self.environment(home.path, config: "")
    env["AWS_PROFILE"] = nil
    env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = url
    env["AWS_CONTAINER_AUTHORIZATION_TOKEN"] = "secret-token"
    let r = try Self.runMeasured(Self.connection + ["-c", "list-users"], environment: env)
    #expect(r.status == 1)
    #expect(r.stderr.contains("refused: not https, not a loopback address") == !allowed, "\(url): \(r.stderr)")
  }

  @Test("a token file holding CR or LF is refused before any request")
  func tokenWithLineBreak() throws {
    let server = try FaultServer()
    let home = TempDirectory()
    try "token\r\nX-Injected: yes".write(toFile: home.path + "/token", atomically: true, encoding: .utf8)
    var env = try Self.environment(home.path, config: "")
    env["AWS_PROFILE"] = nil
    env["AWS_CONTAINER_CREDENTIALS_FULL_URI"] = server.url + "/creds"
    env["AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] = home.path + "/token"
    let r = try Self.runMeasured(Self.connection + ["-c", "list-users"], environment: env)
    #expect(r.status == 1 && r.stderr.contains("holds a line break (CR or LF): refused"), "\(r.stderr)")
    #expect(try server.log().isEmpty, "nothing reached the container endpoint")
  }
}

/// AWS settings files that are too large, or not files at all.
@Suite("oversized AWS settings files")
struct OversizedConfigTests {
  @Test("a config file over 1 MiB is not read, with a warning, and status stays fast and small")
  func oversized() throws {
    let home = TempDirectory()
    let big = home.path + "/aws-config"
    // 200 MB, sparse: what once took seconds and gigabytes to parse, at no cost in disk.
    try "[profile p]\nregion = eu-west-1\n".write(toFile: big, atomically: true, encoding: .utf8)
    #expect(truncate(big, 200 << 20) == 0)
    let r = try HostileCredentialTests.runMeasured(
      ["-c", "status --query region"],
      environment: ["HOME": home.path, "COGSH_HOME": home.path + "/cogsh", "AWS_CONFIG_FILE": big, "AWS_PROFILE": "p"])
    #expect(r.stderr.contains("AWS settings files over 1 MiB are not read"), "\(r.stderr)")
    // Not read at all: far below what reading 200 MB would take (a debug build's own baseline is ~100 MiB).
    #expect(r.peakKiB < 400 * 1024, "peak \(r.peakKiB) KiB")
    let device = try HostileCredentialTests.runMeasured(
      ["-c", "status --query region"],
      environment: ["HOME": home.path, "COGSH_HOME": home.path + "/cogsh", "AWS_CONFIG_FILE": "/dev/zero"])
    #expect(device.status == 0 && device.stderr.contains("/dev/zero is not a regular file"), "\(device.stderr)")
  }
}
