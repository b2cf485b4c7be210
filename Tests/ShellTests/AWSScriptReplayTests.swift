import Basics
import Foundation
import Testing

@testable import Cognito

/// The golden flows, recorded by cogsh as an AWS CLI script and run with the AWS CLI against a fresh
/// pool: the script must replay the flow by itself, every value one answer hands a later request
/// carried in a variable, every secret read from the environment, every one-time code asked for.
@Suite("AWS CLI scripts replay against a fresh pool", .serialized)
struct AWSScriptReplayTests {
  static let create = "admin-create-user sora@example.com --temporary-password first-pass-1 --suppress-message"
  static let signIn = "login sora@example.com --flow password"
  static let article = [create, signIn + " --password first-pass-1", "new-password sora-new-pass-1", "whoami"]
  /// What the script asks for, by the variable's name; a code is TOTP's current one for moto's secret.
  static let secrets = [
    "TEMPORARY_PASSWORD": "first-pass-1", "PASSWORD": "first-pass-1", "NEW_PASSWORD": "sora-new-pass-1",
    "PASSWORD_2": "sora-new-pass-1",
  ]

  static let flows: [(name: String, commands: [String])] = [
    ("the article's flow", article),
    (
      "MFA set-up, then a sign-in with a code",
      article + [
        MFAAndAdminTests.enableTOTP, "mfa setup", "mfa verify $TOTP", "mfa enable totp", "logout --local",
        signIn + " --password sora-new-pass-1", "mfa-code $TOTP", "whoami",
      ]
    ),
    (
      "two sign-ins with a logout between",
      article + ["logout", signIn + " --password sora-new-pass-1", "whoami", "logout"]
    ),
    ("a refresh", article + ["refresh", "whoami", "tokens"]),
  ]

  /// Runs `script` with bash and the AWS CLI against `pool`, answering each question it asks on
  /// stderr (`NAME (what): `) from `secrets`, or with the current TOTP code for a code.
  static func run(
    _ script: String, pool: (url: String, poolId: String, clientId: String, clientSecret: String?), home: String
  ) throws -> (status: Int32, stderr: String, asked: [String]) {
    let aws = (IdentityPoolTests.awsCLI() as NSString).deletingLastPathComponent
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/bin/bash")
    p.arguments = [script]
    p.environment = [
      "PATH": aws + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), "HOME": home,
      "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true",
      "USER_POOL_ID": pool.poolId, "CLIENT_ID": pool.clientId, "COGNITO_ENDPOINT": pool.url,
    ]
    let input = Pipe()
    let errors = Pipe()
    p.standardInput = input
    p.standardOutput = FileHandle.nullDevice
    p.standardError = errors
    try p.run()
    let pid = p.processIdentifier
    // A safety net, not a synchronisation: a script that waits on something never coming is ended.
    DispatchQueue.global().asyncAfter(deadline: .now() + 120) { kill(pid, SIGKILL) }
    signal(SIGPIPE, SIG_IGN)
    var seen = ""
    var asked: [String] = []
    while true {
      let chunk = errors.fileHandleForReading.availableData
      if chunk.isEmpty { break }
      seen += String(decoding: chunk, as: UTF8.self)
      // Each question is a line of its own ending in "): ", answered once.
      while let question = seen.split(separator: "\n", omittingEmptySubsequences: false).last,
        question.hasSuffix("): "), !asked.contains(where: { question.hasPrefix($0 + " (") || question == $0 })
      {
        let name = String(question.prefix { $0 != " " })
        asked.append(name)
        let answer =
          name.hasSuffix("CODE") || name.hasPrefix("CODE")
          ? try Self.codeLastingTenSeconds() : secrets[name] ?? "unknown-\(name)"
        try input.fileHandleForWriting.write(contentsOf: Data((answer + "\n").utf8))
        seen += "\n"
      }
    }
    p.waitUntilExit()
    return (p.terminationStatus, seen, asked)
  }

  /// The current TOTP code for moto's fixed secret, once it has at least 10 s of its 30 left: the AWS
  /// CLI takes a second or more to start, and a code that changes on the way is refused. (A wait on
  /// the clock that TOTP is made of, not on another process.)
  static func codeLastingTenSeconds() throws -> String {
    while TOTP.secondsLeft(epochSeconds: Int(Date().timeIntervalSince1970)) < 10 { usleep(200_000) }
    return try TOTP.code(secret: "asdfasdfasdf", epochSeconds: Int(Date().timeIntervalSince1970))
  }

  @Test(
    "each golden flow's script exits 0 against a fresh pool and leaves the user as cogsh left it",
    arguments: flows.indices)
  func replays(_ index: Int) throws {
    let flow = Self.flows[index]
    let (_, cogsh, connection) = try Moto.articleSession()
    let file = cogsh.home.path + "/flow.sh"
    let made = try cogsh.run(
      connection + ["-c", (flow.commands + ["export-history --aws \(file)"]).joined(separator: "; ")])
    #expect(made.status == 0, "\(flow.name): \(made.stderr)")
    let script = try String(contentsOfFile: file, encoding: .utf8)
    for secret in Set(Self.secrets.values) { #expect(!script.contains(secret), "\(flow.name): \(secret) written") }

    let fresh = try Moto.articlePool()
    let replay = try Self.run(file, pool: fresh, home: cogsh.home.path)
    #expect(replay.status == 0, "\(flow.name)\nscript:\n\(script)\nstderr:\n\(replay.stderr)")
    let check = try Cogsh().run(
      [
        "--endpoint-url", fresh.url, "--pool-id", fresh.poolId, "--client-id", fresh.clientId, "-c",
        "admin-get-user sora@example.com",
      ])
    #expect(check.stdout.contains("CONFIRMED"), "\(flow.name): \(check.stdout) \(check.stderr)")
  }
}
