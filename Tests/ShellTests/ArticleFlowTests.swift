import Basics
import Foundation
import Testing

@testable import Shell

/// The seed article's flow against a real moto server, through the cogsh binary.
@Suite("Article flow against moto", .serialized)
struct ArticleFlowTests {
  @Test("the example script runs end to end and a second process reuses the cached tokens")
  func articleFlow() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let run = try cogsh.run(connection + ["-f", "examples/article-flow.cogsh"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("challenge NEW_PASSWORD_REQUIRED for taro@example.com"))
    #expect(run.stdout.contains("signed in as taro@example.com"))

    let again = try cogsh.run(connection + ["-c", "whoami"])
    #expect(again.status == 0, "stderr: \(again.stderr)")
    #expect(again.stdout.contains("email     taro@example.com"))

    let sessionFile = cogsh.cogshHome + "/sessions/default.json"
    #expect(fileMode(sessionFile) == 0o600)
    #expect(fileMode(cogsh.cogshHome) == 0o700)
    let stored = try String(contentsOfFile: sessionFile, encoding: .utf8)
    #expect(stored.contains("accessToken"))
    #expect(!stored.contains("temporary-1"))
    #expect(!stored.contains("brand-new-password"))
  }

  @Test("a wrong password prints the service's error, exits 1 and leaves the session as it was")
  func wrongPassword() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let setup = try cogsh.run(connection + ["-f", "examples/article-flow.cogsh"])
    try #require(setup.status == 0, "stderr: \(setup.stderr)")
    let sessionFile = cogsh.cogshHome + "/sessions/default.json"
    let before = try Data(contentsOf: URL(fileURLWithPath: sessionFile))

    let wrong = try cogsh.run(
      connection + ["-c", "login taro@example.com --flow password --password not-the-password"])
    #expect(wrong.status == 1)
    #expect(wrong.stderr.hasPrefix("error: NotAuthorizedException: Incorrect username or password.\n"))
    // As the AWS CLI names it, with the id a support case needs.
    #expect(wrong.stderr.contains("\ndetail: when calling the InitiateAuth operation; request id "))
    #expect(wrong.stdout.isEmpty)
    #expect(try Data(contentsOf: URL(fileURLWithPath: sessionFile)) == before)
  }

  @Test("the admin flow signs in with AdminInitiateAuth")
  func adminFlow() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let run = try cogsh.run(
      connection + [
        "-c",
        "admin-create-user hana@example.com --temporary-password first-pass --suppress-message; login hana@example.com --flow admin --password first-pass; respond NEW_PASSWORD_REQUIRED NEW_PASSWORD=second-pass; whoami",
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("signed in as hana@example.com"))
  }

  @Test("the seed's COGNITO_USER_POOL_ID and COGNITO_CLIENT_ID are defaults; json output is one document per command")
  func environmentDefaults() throws {
    let pool = try Moto.articlePool()
    var cogsh = Cogsh()
    cogsh.environment = [
      "COGNITO_USER_POOL_ID": pool.poolId, "COGNITO_CLIENT_ID": pool.clientId,
      "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": pool.url,
    ]
    let run = try cogsh.run(["--output", "json", "-c", "status"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let status = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any]
    #expect(status?["poolId"] as? String == pool.poolId)
    #expect(status?["endpoint"] as? String == pool.url)
  }

  @Test("a challenge answered out of turn, and a script without a password, fail clearly")
  func clearFailures() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let noChallenge = try cogsh.run(connection + ["-c", "new-password abcdefgh"])
    #expect(noChallenge.status == 1)
    #expect(noChallenge.stderr.hasPrefix("error: no challenge is pending"))
    let noPassword = try cogsh.run(connection + ["-c", "login taro@example.com"])
    #expect(noPassword.status == 2)
    #expect(noPassword.stderr.contains("missing --password"))
  }
}

@Suite("Sandbox")
struct SandboxTests {
  @Test(
    "every built-in walkthrough runs to its end with --auto, in English and Japanese, from a binary outside the repository",
    arguments: ["en", "ja"])
  func walkthroughs(_ language: String) throws {
    _ = try Moto.server()
    let place = TempDirectory()
    let binary = place.path + "/cogsh"
    // The release build (scripts/test makes it), as a user would install it.
    try FileManager.default.copyItem(atPath: Project.releaseCogsh, toPath: binary)
    let cogsh = Cogsh()
    let names = [
      "article", "sign-up", "forgot-password", "srp", "mfa", "tokens", "client-secret", "hosted", "identity",
      "passwordless", "passkey", "failover", "custom-auth",
    ]
    // The trace around the SRP one shows the A actually sent, to hold beside the one its preview shows.
    let script = names.map {
      let run = "walkthrough \($0) --auto --lang \(language) --user w-\($0)@example.com --password pass-\($0)-1"
      return $0 == "srp" ? "trace on; \(run); trace off" : run
    }
    let run = try runProgram(
      binary, ["--sandbox", "-c", script.joined(separator: "; ")],
      environment: [
        "HOME": cogsh.home.path, "COGSH_HOME": cogsh.cogshHome, "PATH": "/usr/bin:/bin", "NO_COLOR": "1",
        "COGSH_SANDBOX_SERVER": try HelperServer.python().replacingOccurrences(of: "/python3", with: "/cogsh-sandbox"),
        "AWS_EC2_METADATA_DISABLED": "true",
        "BROWSER": "\(try HelperServer.python()) \(Project.path("Tests/ShellTests/Support/browser.py"))",
        "FAKE_BROWSER_USER": "w-hosted@example.com", "FAKE_BROWSER_PASSWORD": "pass-hosted-1",
      ], directory: "/")
    let text = run.stdout + run.stderr
    #expect(run.status == 0, "\(text)")
    let words = WalkthroughWords.of(language)
    for name in names { #expect(text.contains(words.done(name)), "\(name)") }
    #expect(text.contains("assumed-role/trainee/cogsh-"), "the identity walkthrough reaches GetCallerIdentity")
    if language == "ja" {
      #expect(text.contains("一時パスワード") && text.contains("ユーザープール") && text.contains("チャレンジ"))
    } else {
      #expect(text.contains("temporary password") && !text.contains("ユーザープール"))
    }
    #expect(text.contains("\(words.sent) InitiateAuth → 200 (NEW_PASSWORD_REQUIRED)"), "each step shows what it sent")
    if language == "ja" {
      // The frame is Japanese too, not only the trainer's texts.
      for english in ["step 1/", "  sent ", "  now: ", "  look at: ", " done\n"] {
        #expect(!text.contains(english), "English \(english.debugDescription) in a Japanese walkthrough")
      }
    }
    // Before each step runs, the request it will send, redacted; the same one goes out.
    let willSend = language == "ja" ? "送信するリクエスト: " : "will send: "
    let article = try #require(text.range(of: "> login w-article@example.com --flow password"))
    let preview = try #require(
      text.range(of: willSend + "InitiateAuth  POST ", range: article.upperBound..<text.endIndex))
    let sent = try #require(
      text.range(of: "\(words.sent) InitiateAuth → 200", range: article.upperBound..<text.endIndex))
    #expect(preview.lowerBound < sent.lowerBound, "the preview comes before the run")
    let shown = String(text[preview.upperBound..<sent.lowerBound])
    #expect(shown.contains(#""USERNAME" : "w-article@example.com""#), "\(shown)")
    #expect(shown.contains(#""PASSWORD" : "<redacted"#) && !shown.contains("pass-article-1"), "\(shown)")
    let srp = try #require(text.range(of: #""SRP_A" : ""#))
    // Shown by its ends: "<24 hex digits>…<8> (768 chars)".
    let srpA = text[srp.upperBound...].prefix { $0 != "\"" }.split(separator: " ")[0].split(separator: "…")
    #expect(srpA.count == 2 && srpA[0].count == 24, "\(srpA)")
    let traced = try #require(run.stderr.range(of: #""SRP_A":""#)).upperBound
    let sentA = run.stderr[traced...].prefix { $0 != "\"" }
    #expect(sentA.hasPrefix(srpA[0]) && sentA.hasSuffix(srpA[1]), "the trace shows the A the preview showed")
    #expect(text.contains(language == "ja" ? "リクエストは送信しません" : "sends no request"), "status sends nothing")
    #expect(
      text.contains("\(words.now): " + words.challengePending("NEW_PASSWORD_REQUIRED")),
      "and what changed in the session")
  }

  @Test("a trainer's walkthrough file from examples/ runs; a malformed one gets line-numbered problems")
  func trainerFiles() throws {
    _ = try Moto.server()
    let cogsh = Cogsh()
    let run = try cogsh.run(["--sandbox", "-c", "walkthrough examples/custom.walk --auto"])
    #expect(run.status == 0 && run.stdout.contains("walkthrough custom done"), "stderr: \(run.stderr)")
    #expect(run.stdout.contains("look at: the access token's lifetime"))
    let meant = try cogsh.run(["--sandbox", "-c", "walkthrough Tests/Fixtures/meant-to-fail.walk --auto"])
    #expect(meant.status == 0, "a step meant to fail passes when it fails: \(meant.stdout) \(meant.stderr)")
    #expect(meant.stderr.contains("NotAuthorizedException") && meant.stdout.contains("failed, as it is meant to"))
    #expect(meant.stdout.contains("after the refusal") && meant.stdout.contains("walkthrough meant-to-fail done"))
    // Meant to fail, the same step with the right password is the walkthrough's failure.
    let wrong = try String(contentsOfFile: Project.path("Tests/Fixtures/meant-to-fail.walk"), encoding: .utf8)
      .replacingOccurrences(of: "--password not-the-password", with: "--password {temp}")
    let file = cogsh.home.path + "/succeeds.walk"
    try wrong.write(toFile: file, atomically: true, encoding: .utf8)
    let succeeded = try cogsh.run(["--sandbox", "-c", "walkthrough \(file) --auto"])
    #expect(succeeded.status == 1 && succeeded.stderr.contains("the step was meant to fail, and it succeeded"))
    #expect(succeeded.stderr.contains("the walkthrough stopped at step 2"), "\(succeeded.stderr)")
    let ok = try cogsh.run(["-c", "walkthrough --check examples/custom.walk"])
    #expect(ok.status == 0 && ok.stdout.contains("5 steps, no problems"))
    let bad = try cogsh.run(["-c", "walkthrough --check Tests/Fixtures/broken.walk"])
    #expect(bad.status == 1)
    for expected in [
      "broken.walk:4: unknown key \"colour\" before the first step", "broken.walk:6: unknown language \"fr\"",
      "broken.walk:5: the step has no English explanation (a `why:` line after it)",
      "broken.walk:7: unknown command \"frobnicate\"", "broken.walk:9: expected `key: value`",
      "broken.walk:10: login: unknown option \"--pasword\" (did you mean --password?)",
      "broken.walk:12: unknown placeholder {usr}", "broken.walk:14: invalid jwt action \"decod\"",
      "broken.walk:18: expect is success or failure, not \"maybe\"", "broken.walk: 9 problems",
    ] {
      #expect(bad.stderr.contains(expected), "\(expected) in \(bad.stderr)")
    }
  }

  @Test("the article's flow sends the four requests the AWS CLI sends, and no other")
  func fourRequests() throws {
    _ = try Moto.server()
    let cogsh = Cogsh()
    let run = try cogsh.run([
      "--sandbox", "-c",
      "admin-create-user taro@example.com --temporary-password temporary-1 --suppress-message; "
        + "login taro@example.com --password temporary-1 --flow password; new-password brand-new-password; whoami; log",
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    // The log's rows after the sandbox's own start-up, their action column.
    let actions = run.stdout.split(separator: "\n").filter { $0.first?.isNumber == true && !$0.contains("(start-up)") }
      .compactMap { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst(3).first.map(String.init) }
    #expect(actions == ["AdminCreateUser", "InitiateAuth", "RespondToAuthChallenge", "GetUser"], "\(run.stdout)")
  }

  @Test("--sandbox starts moto, provisions the article's pool, runs the flow and stops moto on exit")
  func sandbox() throws {
    _ = try Moto.server()  // the same installation check as the other integration tests
    let cogsh = Cogsh()
    let run = try cogsh.run(["--sandbox", "-f", "examples/article-flow.cogsh"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("signed in as taro@example.com"))
    let first = try #require(run.stdout.split(separator: "\n").first.map(String.init))
    let port = try #require(
      first.split(separator: " ").first { $0.hasPrefix("http://127.0.0.1:") }
        .map { Int($0.split(separator: ":").last!.trimmingCharacters(in: .punctuationCharacters))! })
    #expect(!SandboxServer.accepts(port: port), "moto should be stopped after the shell exits")
    let profiles = try String(contentsOfFile: cogsh.cogshHome + "/profiles.json", encoding: .utf8)
    #expect(profiles.contains("\"sandbox\""))
  }
}

@Suite("Commands against moto")
struct CommandTests {
  @Test("trace shows each exchange with secrets redacted; jwt decode, variables, call and logout work")
  func commands() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let flow = try cogsh.run(connection + ["--trace", "-f", "examples/article-flow.cogsh"])
    #expect(flow.status == 0, "stderr: \(flow.stderr)")
    #expect(flow.stderr.contains("X-Amz-Target: AWSCognitoIdentityProviderService.RespondToAuthChallenge"))
    #expect(flow.stderr.contains("Signature=<redacted>"))
    #expect(!flow.stderr.contains("temporary-1") && !flow.stderr.contains("brand-new-password"))

    let decode = try cogsh.run(connection + ["-c", "jwt decode id; echo sub=$SUB"])
    #expect(decode.status == 0, "stderr: \(decode.stderr)")
    #expect(decode.stdout.split(separator: "\n").contains { $0.hasPrefix("  token_use") && $0.contains(" id   # ") })
    #expect(decode.stdout.contains("signature not checked"))
    #expect(decode.stdout.contains("sub=") && !decode.stdout.contains("sub=\n"))

    let call = try cogsh.run(connection + ["-c", "call ListUsers \"{\\\"UserPoolId\\\":\\\"$POOL_ID\\\"}\""])
    #expect(call.status == 0, "stderr: \(call.stderr)")
    #expect(call.stdout.contains("taro@example.com"))

    let badCall = try cogsh.run(connection + ["-c", "call ListUsers '{not json'"])
    #expect(badCall.status == 1 && badCall.stderr.hasPrefix("error: call: the body is not JSON (invalid JSON"))

    let token = try cogsh.run(connection + ["-c", "echo $ACCESS_TOKEN"]).stdout.trimmingCharacters(
      in: .whitespacesAndNewlines)
    let logout = try cogsh.run(connection + ["-c", "logout; whoami"])
    #expect(logout.status == 1)
    #expect(logout.stdout.contains("signed out taro@example.com everywhere"))
    #expect(logout.stderr.hasPrefix("error: nobody is signed in"))
    // The access token from before GlobalSignOut no longer works anywhere.
    let stale = try cogsh.run(connection + ["-c", "call GetUser '{\"AccessToken\":\"\(token)\"}'"])
    #expect(stale.status == 1)
    #expect(stale.stderr.hasPrefix("error: NotAuthorizedException"))
  }
}

@Suite("SRP against moto")
struct SRPFlowTests {
  @Test("login --flow srp answers PASSWORD_VERIFIER itself; --explain shows the values, not the secrets")
  func srpLogin() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let setup = try cogsh.run(connection + ["-f", "examples/article-flow.cogsh"])
    try #require(setup.status == 0, "stderr: \(setup.stderr)")
    let run = try cogsh.run(
      connection + ["-c", "logout --local; login taro@example.com --password brand-new-password --explain; whoami"])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("PASSWORD_CLAIM_SIGNATURE"))
    // Short labels: every value of the table starts within the first 12 columns.
    let table = run.stdout.split(separator: "\n").drop { !$0.hasPrefix("SRP (") }.dropFirst().prefix {
      !$0.hasPrefix("signed in")
    }
    #expect(table.count >= 10)
    #expect(table.allSatisfy { $0.count > 12 && $0.prefix(12).contains("  ") }, "\(table)")
    #expect(run.stdout.contains("signed in as taro@example.com"))
    #expect(!run.stdout.contains("brand-new-password"))
  }

  @Test("on the sandbox, SRP says plainly that moto does not check the proof")
  func sandboxNote() throws {
    _ = try Moto.server()
    let run = try Cogsh().run([
      "--sandbox", "-c",
      "admin-create-user ken@example.com --temporary-password first-pass --suppress-message; login ken@example.com --flow srp --password first-pass; login ken@example.com --flow srp --password first-pass",
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.components(separatedBy: "does not check SRP proofs").count == 2, "said once")
    #expect(run.stdout.contains("challenge NEW_PASSWORD_REQUIRED"))
  }
}
