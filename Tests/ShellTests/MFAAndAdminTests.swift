import Basics
import Cognito
import Foundation
import Testing

/// TOTP MFA and the administration commands, against moto (TOTP checking on).
@Suite("MFA and administration against moto")
struct MFAAndAdminTests {
  static let enableTOTP =
    "call SetUserPoolMfaConfig \"{\\\"UserPoolId\\\":\\\"$POOL_ID\\\",\\\"SoftwareTokenMfaConfiguration\\\":{\\\"Enabled\\\":true},\\\"MfaConfiguration\\\":\\\"OPTIONAL\\\"}\""

  @Test("TOTP set-up, then a sign-in that asks for the code and accepts it")
  func totpSignIn() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let setup = try cogsh.run(connection + ["-f", "examples/article-flow.cogsh"])
    try #require(setup.status == 0, "stderr: \(setup.stderr)")
    let run = try cogsh.run(
      connection + [
        "-c",
        [
          Self.enableTOTP, "mfa setup", "mfa verify $TOTP --device-name phone", "mfa enable totp", "logout --local",
          "login taro@example.com --flow password --password brand-new-password", "mfa-code $TOTP", "whoami",
        ].joined(separator: "; "),
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("secret  asdfasdfasdf"))
    #expect(run.stdout.contains("otpauth://totp/"))
    #expect(run.stdout.contains("▀") || run.stdout.contains("▄"), "a QR code is drawn")
    #expect(run.stdout.contains("challenge SOFTWARE_TOKEN_MFA for taro@example.com"))
    // Signed in once: by the code, not by the password alone.
    #expect(run.stdout.components(separatedBy: "signed in as taro@example.com").count == 2)
    #expect(run.stdout.contains("email     taro@example.com"))

    let wrong = try cogsh.run(
      connection + [
        "-c", "logout --local; login taro@example.com --flow password --password brand-new-password; mfa-code 000000",
      ])
    #expect(wrong.status == 1)
    #expect(wrong.stderr.hasPrefix("error: CodeMismatchException"))
  }

  @Test("help call's example runs as written; unquoted JSON gets a hint on quoting; list-users counts")
  func callExampleAndHints() throws {
    let (pool, cogsh, connection) = try Moto.articleSession()
    let help = try cogsh.run(["-c", "help call"]).stdout
    let example = try #require(
      help.components(separatedBy: "Example: ").dropFirst().first?.components(separatedBy: " — ").first)
    let run = try cogsh.run(connection + ["-c", example])
    #expect(run.status == 0 && run.stdout.contains(pool.poolId), "\(example): \(run.stderr)")
    let unquoted = try cogsh.run(connection + ["-c", "call DescribeUserPool {\"UserPoolId\":\"x\"}"])
    #expect(unquoted.status == 1 && unquoted.stderr.contains("put it in single quotes"))
    let created = try cogsh.run(
      connection + ["-c", "admin-create-user nopass@example.com --suppress-message; list-users"])
    #expect(
      created.stdout.contains("cogsh cannot see it. Set one with `admin-set-user-password nopass@example.com PASSWORD`")
    )
    #expect(created.stdout.contains("\n1 user"))
    let status = try cogsh.run(["--sandbox", "-c", "status"])
    #expect(status.stdout.contains("flow         password\n"), "the sandbox profile's flow")
    #expect(try cogsh.run(connection + ["-c", "status"]).stdout.contains("flow         srp (login's default here)"))
  }

  @Test("list-users pages through 130 users: text streams each page as it arrives, json collects them, --limit stops")
  func listUsersPaged() throws {
    let (pool, cogsh, connection) = try Moto.articleSession()
    let client = ServiceClient(
      endpoint: Endpoint(url: pool.url, region: "us-east-1", isCustom: true), transport: CurlTransport(),
      credentials: { AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing") })
    for i in 0..<130 {
      try client.call(
        .adminCreateUser,
        ["UserPoolId": .string(pool.poolId), "Username": .string("user-\(i)@example.com"), "MessageAction": "SUPPRESS"])
    }
    // stdout and stderr in one stream, in the order written: each page's rows come before the next request.
    let run = try cogsh.run(connection + ["--trace", "-c", "list-users"], merged: true)
    #expect(run.status == 0)
    let lines = run.stdout.split(separator: "\n").map(String.init)
    let requests = lines.indices.filter {
      lines[$0].hasPrefix("> POST ") && lines[$0].hasSuffix("ListUsers  (us-east-1)")
    }
    // The article's pool signs in by email: the username is the sub, the email the third column.
    let rows = lines.indices.filter { lines[$0].hasSuffix("@example.com") && !lines[$0].hasPrefix(">") }
    #expect(requests.count == 3 && rows.count == 130, "\(requests) \(rows.count)")
    if requests.count == 3, let first = rows.first, let last = rows.last {
      #expect(requests[0] < first && first < requests[1], "the first page is shown before the second is asked for")
      #expect(rows.filter { $0 < requests[1] }.count == 60 && requests[2] < last)
    }
    #expect(lines.last == "130 users")
    let json = try cogsh.run(connection + ["--output", "json", "-c", "list-users"])
    let users = try JSON.parse(Data(json.stdout.utf8))["Users"]?.arrayValue
    #expect(users?.count == 130 && Set(users?.compactMap { $0["Username"]?.stringValue } ?? []).count == 130)
    let limited = try cogsh.run(connection + ["-c", "list-users --limit 70"])
    #expect(limited.stdout.split(separator: "\n").filter { $0.hasSuffix("@example.com") }.count == 70)
    #expect(limited.stdout.hasSuffix("\n70 users\n"))
  }

  @Test("each admin command does what it says")
  func adminCommands() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    func run(_ line: String) throws -> RunResult { try cogsh.run(connection + ["-c", line]) }
    #expect(try run("admin-create-user a@example.com --temporary-password first-pass --suppress-message").status == 0)
    #expect(
      try run("call CreateGroup \"{\\\"UserPoolId\\\":\\\"$POOL_ID\\\",\\\"GroupName\\\":\\\"admins\\\"}\"").status == 0
    )
    #expect(try run("admin-add-user-to-group a@example.com admins").stdout == "added a@example.com to admins\n")
    #expect(try run("admin-list-groups-for-user a@example.com").stdout == "admins\n1 group\n")
    #expect(try run("list-groups").stdout == "admins\n1 group\n")
    #expect(try run("admin-get-user a@example.com").stdout.contains("FORCE_CHANGE_PASSWORD"))
    #expect(try run("admin-set-user-password a@example.com second-pass --permanent").status == 0)
    #expect(try run("admin-get-user a@example.com").stdout.contains("CONFIRMED"))
    #expect(try run("admin-disable-user a@example.com").status == 0)
    let disabled = try run("login a@example.com --flow password --password second-pass")
    #expect(disabled.status == 1 && disabled.stderr.contains("NotAuthorizedException"))
    #expect(try run("admin-enable-user a@example.com").status == 0)
    #expect(try run("login a@example.com --flow admin --password second-pass").status == 0)
    #expect(try run("admin-user-global-sign-out a@example.com").status == 0)
    let afterSignOut = try run("whoami")
    #expect(afterSignOut.status == 1 && afterSignOut.stderr.contains("NotAuthorizedException"))
    #expect(try run("admin-remove-user-from-group a@example.com admins").status == 0)
    #expect(try run("admin-list-groups-for-user a@example.com").stdout == "no groups\n")
    #expect(try run("admin-create-user b@example.com --suppress-message").status == 0)
    #expect(try run("admin-confirm-sign-up b@example.com").status == 0)
    #expect(try run("list-users --limit 1").stdout.split(separator: "\n").last == "1 user")
    let listed = try run("list-users").stdout.split(separator: "\n")
    #expect(listed.count == 4, "a header, two users and the count")
    #expect(listed.first?.hasPrefix("username") == true && listed.first?.contains("status") == true)
    #expect(try run("list-users --filter 'email = \"b@example.com\"'").stdout.contains("b@example.com"))
    #expect(try run("describe-user-pool").stdout.contains("\"MinimumLength\" : 8"), "text mode shows the pool indented")
    #expect(try run("describe-user-pool-client").stdout.contains("ALLOW_USER_SRP_AUTH"))
    #expect(
      try run("admin-reset-user-password a@example.com").status == 1, "moto needs a verified contact, as Cognito does")
    #expect(try run("admin-delete-user b@example.com").status == 0)
    let gone = try run("admin-get-user b@example.com")
    #expect(gone.status == 1 && gone.stderr.hasPrefix("error: UserNotFoundException"))
  }

  @Test("MFA_SETUP during sign-in: set-up and verification inside the challenge's Session finish the sign-in")
  func mfaSetupChallenge() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let required = Self.enableTOTP.replacingOccurrences(of: "OPTIONAL", with: "ON")
    let run = try cogsh.run(
      connection + [
        "-c",
        [
          required, "admin-create-user kei@example.com --temporary-password first-pass --suppress-message",
          "login kei@example.com --flow password --password first-pass", "new-password second-pass", "mfa setup",
          "mfa verify $TOTP", "whoami",
        ].joined(separator: "; "),
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("challenge MFA_SETUP for kei@example.com"))
    #expect(run.stdout.contains("signed in as kei@example.com"))
    #expect(run.stdout.contains("email     kei@example.com"))
  }

  @Test("a password the policy refuses gets the pool's policy as the hint")
  func passwordPolicyHint() throws {
    let pool = try Moto.articlePool()
    let run = try Cogsh().run(
      [
        "--endpoint-url", pool.url, "--pool-id", pool.poolId, "--client-id", pool.clientId, "-c",
        "admin-create-user u@example.com --temporary-password first-pass --suppress-message; login u@example.com --flow password --password first-pass; new-password short",
      ])
    #expect(run.status == 1)
    #expect(run.stderr.hasPrefix("error: InvalidPasswordException"))
    #expect(
      run.stderr.contains("hint: The pool's password policy: at least 8 characters, no character classes required."))
  }
}
