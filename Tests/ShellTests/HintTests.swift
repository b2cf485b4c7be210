import Foundation
import Testing

/// What cogsh says when a command is not quite right: the problem named, the next step given.
@Suite("hints a person needs", .serialized)
struct HintTests {
  @Test("call refuses an action cognito-idp lacks, with the nearest; it fills the pool and client from the profile")
  func call() throws {
    let (pool, cogsh, connection) = try Moto.articleSession()
    let typo = try cogsh.run(connection + ["-c", "call ListUsrs '{}'"])
    #expect(typo.status == 2 && typo.stderr.contains("call: unknown action \"ListUsrs\""), "\(typo.stderr)")
    #expect(typo.stderr.contains("Did you mean ListUsers?") && !typo.stderr.contains("retry"), "not sent, not retried")
    let filled = try cogsh.run(connection + ["-c", "call DescribeUserPoolClient --query UserPoolClient.ClientId"])
    #expect(filled.status == 0 && filled.stdout == pool.clientId + "\n", "\(filled.stderr)")
    #expect(filled.stderr.contains("note: UserPoolId and ClientId from the profile"))
  }

  @Test(
    "a missing or mistyped word gets its choices or the nearest one",
    arguments: [
      ("mfa enable", "mfa enable: missing KIND (totp, sms, email)"), ("set poolid x", "Did you mean pool-id?"),
      ("show abc", "N is an exchange's number from `log`, or last"),
      ("let mine = 1; echo $min", "yours: $mine"),
    ])
  func choices(_ line: String, _ expected: String) throws {
    let r = try Cogsh().run(["-c", line])
    #expect(r.status == 2 && r.stderr.contains(expected), "\(line): \(r.stderr)")
  }

  @Test("let alone lists the variables")
  func letLists() throws {
    let r = try Cogsh().run(["-c", "let; let team = platform; let region = eu; let"])
    #expect(r.status == 0 && r.stdout.contains("no variables of yours yet"), "\(r.stderr)")
    #expect(r.stdout.contains("$region  eu\n$team    platform"), "\(r.stdout)")
  }

  @Test("sandbox status names the pool, client and managed login; a stopped sandbox is said, not retried")
  func sandboxStopped() throws {
    _ = try Moto.server()  // moto is installed
    let cogsh = Cogsh()
    let started = try cogsh.run(["-c", "sandbox start"])
    #expect(started.status == 0, "\(started.stderr)")
    let status = try cogsh.run(["--profile", "sandbox", "-c", "sandbox status"])
    for row in ["moto ", "pool ", "client ", "identity pool ", "managed login ", "profile        sandbox"] {
      #expect(status.stdout.contains(row), "\(row) in \(status.stdout)")
    }
    #expect(try cogsh.run(["-c", "sandbox stop"]).status == 0)
    let after = try cogsh.run(["--profile", "sandbox", "-c", "list-users"])
    #expect(after.status == 1 && after.stderr.contains("error: the sandbox is stopped"), "\(after.stderr)")
    #expect(after.stderr.contains("`sandbox start`") && !after.stderr.contains("retry:"), "no retries: \(after.stderr)")
  }
}

/// A request that hangs says what it waits for, at a terminal.
@Suite("a slow answer at a terminal")
struct WaitingTests {
  @Test(
    "after a second without an answer, stderr says which host cogsh waits for, and wipes it when the answer comes",
    .enabled(if: REPLTests.ptyAvailable, "this machine has no pseudo-terminals (/dev/pts)"))
  func waiting() throws {
    let server = try FaultServer()
    try server.plan([FaultServer.answer(FaultServer.tokens(sub: "s1", tag: "held"), hold: true)])
    let home = TempDirectory()
    let t = try REPLTests.Terminal(
      home: home.path,
      arguments: (server.connection + ["-c", "'login taro --password P-1 --flow password'"]).joined(separator: " "))
    let port = server.url.split(separator: ":").last.map(String.init) ?? "?"
    #expect(t.wait(for: "waiting for 127.0.0.1:\(port)… (Ctrl-C stops)"), "\(t.seen.debugDescription)")
    try server.release()
    #expect(t.finish() == 0, "\(t.seen.debugDescription)")
    let after = t.seen.components(separatedBy: "(Ctrl-C stops)").last ?? ""
    #expect(after.hasPrefix("\u{1B}[K\r\u{1B}[K") && after.contains("signed in as taro"), "\(after.debugDescription)")
  }
}

/// What the sandbox cannot do is said as such, with what to do instead.
@Suite("hints on the sandbox")
struct SandboxHintTests {
  @Test("custom auth names the missing trigger and how to give it; a name without @ on an email pool, the email")
  func sandbox() throws {
    _ = try Moto.server()  // moto is installed
    let r = try Cogsh().run([
      "--sandbox", "--keep-going", "-c",
      "login someone@example.com --flow custom; login notanemail --password x --flow password",
    ])
    #expect(r.stderr.contains("CUSTOM_AUTH got neither tokens nor a challenge"), "\(r.stderr)")
    #expect(r.stderr.contains("DefineAuthChallenge Lambda trigger, and this pool has none"))
    #expect(r.stderr.contains("sandbox trigger set DefineAuthChallenge example:define_auth_challenge"))
    #expect(r.stderr.contains("This pool signs users in by email address") && r.stderr.contains("\"notanemail\""))
  }
}
