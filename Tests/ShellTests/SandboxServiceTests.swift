import Basics
import Cognito
import Foundation
import Testing

@testable import Shell

/// `sandbox start` as a service other shells use, from any directory, and its stale record.
@Suite("Sandbox as a service", .serialized)
struct SandboxServiceTests {
  /// The moto process a sandbox.json names.
  static func pid(_ cogsh: Cogsh) throws -> Int32 {
    let data = try Data(contentsOf: URL(fileURLWithPath: cogsh.cogshHome + "/sandbox.json"))
    let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    return Int32((json?["pid"] as? Int) ?? 0)
  }

  /// Whether `pid` is a running process (a zombie waiting for init counts as gone).
  static func alive(_ pid: Int32) -> Bool {
    guard kill(pid, 0) == 0, let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
    else { return false }
    return !status.contains("State:\tZ")
  }

  @Test("two shells share one sandbox start; stop leaves no moto; a stale record is replaced")
  func shared() throws {
    _ = try Moto.server()  // moto is installed
    let cogsh = Cogsh()
    let started = try cogsh.run(["-c", "sandbox start"])
    #expect(started.status == 0 && started.stdout.contains("runs in the background"), "stderr: \(started.stderr)")
    let pid = try Self.pid(cogsh)
    #expect(Self.alive(pid))
    // Another shell, later, in another directory: the same moto, and what the first one created.
    let first = try cogsh.run([
      "-c", "admin-create-user mio@example.com --temporary-password temp-pass-1 --suppress-message",
    ])
    #expect(first.status == 0, "stderr: \(first.stderr)")
    let second = try cogsh.run(["--sandbox", "-c", "list-users; sandbox status"])
    #expect(second.stdout.contains("mio@example.com") && second.stdout.contains("in the background (process \(pid))"))
    #expect(
      second.stdout.contains("using the one running") || second.stderr.contains("using the one running")
        || second.stdout.contains("mio@example.com"))
    let stopped = try cogsh.run(["-c", "sandbox stop"])
    #expect(stopped.status == 0 && stopped.stdout.contains("sandbox stopped"))
    var gone = false
    for _ in 0..<100 where !gone {
      gone = !Self.alive(pid)
      if !gone { usleep(20_000) }
    }
    #expect(gone, "moto \(pid) is still running")
    #expect(!FileManager.default.fileExists(atPath: cogsh.cogshHome + "/sandbox.json"))

    // A record whose process is gone: said, forgotten, and a new sandbox started in its place.
    plantStateFile(
      home: cogsh.cogshHome, "sandbox.json",
      #"{"url":"http://127.0.0.1:1","port":1,"pid":\#(pid),"startedAt":0,"pool":{"poolId":"us-east-1_x","clientId":"c"}}"#
    )
    let again = try cogsh.run(["-c", "sandbox start; sandbox stop"])
    #expect(again.status == 0 && again.stderr.contains("which is gone; forgot it"), "stderr: \(again.stderr)")
  }

  @Test("login --hosted from a second shell, after the shell that ran sandbox start has exited, ends with tokens")
  func managedLoginOutlivesItsShell() throws {
    _ = try Moto.server()  // the sandbox's server is installed
    let cogsh = Cogsh()
    let started = try cogsh.run(["-c", "sandbox start"])
    #expect(started.status == 0, "stderr: \(started.stderr)")
    let pid = try Self.pid(cogsh)
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let made = try cogsh.run([
      "-c",
      "admin-create-user rin@example.com --temporary-password temp-pass-1 --suppress-message; "
        + "admin-set-user-password rin@example.com rin-pass-1 --permanent",
    ])
    #expect(made.status == 0, "stderr: \(made.stderr)")
    // The shell that started it is gone; another one signs in through the sandbox's own pages.
    let log = cogsh.home.path + "/browser.log"
    let login = try cogsh.run(
      ["-c", "login --hosted; whoami"],
      extraEnvironment: [
        "BROWSER": "\(try HelperServer.python()) \(Project.path("Tests/ShellTests/Support/browser.py"))",
        "FAKE_BROWSER_USER": "rin@example.com", "FAKE_BROWSER_PASSWORD": "rin-pass-1", "FAKE_BROWSER_LOG": log,
      ])
    let browser = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    #expect(login.status == 0 && login.stdout.contains("rin@example.com"), "\(login.stderr)\nbrowser: \(browser)")
    #expect(browser.contains("/managed-login/oauth2/authorize") && browser.contains("?code="), "\(browser)")
    // Served by the one server process `sandbox start` left running, not by a shell.
    let port = try Self.port(cogsh)
    #expect(Self.alive(pid) && browser.contains(":\(port)/managed-login/"), "\(browser)")
  }

  @Test("on the sandbox a challenge's Session expires after the client's AuthSessionValidity, as Cognito's does")
  func challengeSessionExpires() throws {
    _ = try Moto.server()
    let cogsh = Cogsh()
    let started = try cogsh.run(["-c", "sandbox start"])
    #expect(started.status == 0, "stderr: \(started.stderr)")
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let users = ["in-time@example.com", "late@example.com"]
    let made = try cogsh.run([
      "-c",
      users.map { "admin-create-user \($0) --temporary-password temp-pass-1 --suppress-message" }.joined(
        separator: "; "),
    ])
    #expect(made.status == 0, "stderr: \(made.stderr)")
    // Within the 3 minutes the sandbox's client allows (moto's default), the answer is taken.
    let inTime = try cogsh.run([
      "-c", "login \(users[0]) --password temp-pass-1; sandbox advance 2m; new-password new-pass-1",
    ])
    #expect(
      inTime.status == 0 && inTime.stdout.contains("signed in as \(users[0])"), "\(inTime.stdout)\(inTime.stderr)")
    // After them, refused in Cognito's words; cogsh forgets the challenge and says to sign in again.
    let late = try cogsh.run(["-c", "login \(users[1]) --password temp-pass-1; sandbox advance 181"])
    #expect(late.status == 0, "\(late.stderr)")
    let answer = try cogsh.run(["-c", "new-password new-pass-1"])
    #expect(
      answer.status == 1
        && answer.stderr.contains("NotAuthorizedException: Invalid session for the user, session is expired.")
        && answer.stderr.contains("login \(users[1])"), "\(answer.stderr)")
    let bad = try cogsh.run(["-c", "sandbox advance soon"])
    #expect(bad.status == 2 && bad.stderr.contains("is not a duration"), "\(bad.stderr)")
  }

  @Test("on the sandbox a rotated refresh token is stored, and the old one is refused after the grace period")
  func refreshTokenRotation() throws {
    _ = try Moto.server()
    let cogsh = Cogsh()
    // The built-in pool, its app client rotating refresh tokens with a 30-second grace period.
    var description = try #require(
      try JSONSerialization.jsonObject(with: Data(SandboxPoolDescription.text.utf8)) as? [String: Any])
    var client = try #require(description["CreateUserPoolClient"] as? [String: Any])
    client["RefreshTokenRotation"] = ["Feature": "ENABLED", "RetryGracePeriodSeconds": 30]
    description["CreateUserPoolClient"] = client
    let file = cogsh.home.path + "/rotating-pool.json"
    try JSONSerialization.data(withJSONObject: description).write(to: URL(fileURLWithPath: file))
    let env = ["COGSH_SANDBOX_POOL": file]
    let started = try cogsh.run(["-c", "sandbox start"], extraEnvironment: env)
    #expect(started.status == 0, "stderr: \(started.stderr)")
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let signIn = try cogsh.run([
      "-c",
      "admin-create-user kai@example.com --temporary-password temp-pass-1 --suppress-message; "
        + "admin-set-user-password kai@example.com kai-pass-1 --permanent; login kai@example.com --password kai-pass-1",
    ])
    #expect(signIn.status == 0, "stderr: \(signIn.stderr)")
    func refreshToken() throws -> String {
      let data = try Data(contentsOf: URL(fileURLWithPath: cogsh.cogshHome + "/sessions/sandbox.json"))
      let state = try JSONSerialization.jsonObject(with: data) as? [String: Any]
      let user = (state?["users"] as? [String: Any])?["kai@example.com"] as? [String: Any]
      return ((user?["tokens"] as? [String: Any])?["refreshToken"] as? String) ?? ""
    }
    let old = try refreshToken()
    let refreshed = try cogsh.run(["-c", "refresh"])
    #expect(refreshed.status == 0 && refreshed.stdout.contains("the refresh token was rotated"), "\(refreshed.stderr)")
    let new = try refreshToken()
    #expect(!old.isEmpty && !new.isEmpty && new != old, "the rotated token is stored")
    let clientId = try cogsh.run(["-c", "status --query clientId"]).stdout.trimmingCharacters(
      in: .whitespacesAndNewlines)
    let reuse = "call GetTokensFromRefreshToken '{\"ClientId\":\"\(clientId)\",\"RefreshToken\":\"\(old)\"}'"
    // Within the grace period the old one still works (a client's retry); after it, it is refused.
    let retry = try cogsh.run(["-c", reuse])
    #expect(retry.status == 0 && retry.stdout.contains("AccessToken"), "\(retry.stderr)")
    let late = try cogsh.run(["-c", "sandbox advance 31s; " + reuse])
    #expect(late.status == 1 && late.stderr.contains("RefreshTokenReuseException"), "\(late.stderr)")
    let still = try cogsh.run(["-c", "refresh"])
    #expect(still.status == 0, "the new one refreshes: \(still.stderr)")
  }

  @Test("passwordless on the sandbox: EMAIL_OTP with $CODE, SELECT_CHALLENGE with the pool's factors, wrong codes")
  func passwordless() throws {
    _ = try Moto.server()
    let cogsh = Cogsh()
    let setUp =
      "admin-create-user mei@example.com --temporary-password temp-pass-1 --suppress-message; "
      + "admin-set-user-password mei@example.com mei-pass-1 --permanent; "
    let run = try cogsh.run([
      "--sandbox", "-c",
      setUp + "login mei@example.com --flow user-auth --preferred EMAIL_OTP; mailbox; mfa-code $CODE; "
        + "login mei@example.com --flow user-auth; status; respond SELECT_CHALLENGE ANSWER=PASSWORD_SRP PASSWORD=mei-pass-1",
    ])
    #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
    #expect(
      run.stdout.contains("challenge EMAIL_OTP for mei@example.com") && run.stdout.contains("sign-in code (EMAIL_OTP)"))
    #expect(run.stdout.contains("available challenges: PASSWORD, PASSWORD_SRP, EMAIL_OTP"), "\(run.stdout)")
    #expect(
      run.stdout.contains("offered      PASSWORD, PASSWORD_SRP, EMAIL_OTP (AvailableChallenges)"), "status says it")
    #expect(run.stdout.components(separatedBy: "signed in as mei@example.com").count == 3, "\(run.stdout)")
    // Three wrong codes spend the Session: the right one is then refused too (a script stops at an
    // error, so each answer is a run of its own, on the one sandbox `sandbox start` leaves running).
    let other = Cogsh()
    #expect(try other.run(["-c", "sandbox start"]).status == 0)
    defer { _ = try? other.run(["-c", "sandbox stop"]) }
    let login = try other.run(["-c", setUp + "login mei@example.com --flow user-auth --preferred EMAIL_OTP"])
    #expect(login.status == 0, "\(login.stderr)")
    for _ in 0..<3 {
      let wrong = try other.run(["-c", "mfa-code 00000000"])
      #expect(wrong.status == 1 && wrong.stderr.contains("CodeMismatchException"), "\(wrong.stderr)")
    }
    let spent = try other.run(["-c", "mfa-code $CODE"])
    #expect(spent.status == 1 && !spent.stdout.contains("signed in as"), "\(spent.stdout)\(spent.stderr)")
  }

  @Test(
    "AdminInitiateAuth takes USER_AUTH too: SELECT_CHALLENGE, then a PASSWORD chosen up front; another pool is refused")
  func adminUserAuth() throws {
    let cogsh = try SandboxReplicaTests.started()
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let start = #"call AdminInitiateAuth '{"AuthFlow":"USER_AUTH","AuthParameters":{"USERNAME":"taro@example.com"}}'"#
    let select = try cogsh.run(["-c", start + " --query ChallengeName; " + start + " --query AvailableChallenges"])
    #expect(select.status == 0, "\(select.stderr)")
    #expect(select.stdout.hasPrefix("SELECT_CHALLENGE\nPASSWORD\nPASSWORD_SRP\nEMAIL_OTP"), "\(select.stdout)")
    let password =
      #"call AdminInitiateAuth '{"AuthFlow":"USER_AUTH","AuthParameters":{"USERNAME":"taro@example.com","#
      + #""PREFERRED_CHALLENGE":"PASSWORD","PASSWORD":"taro-pass-1"}}' --query AuthenticationResult.TokenType"#
    let tokens = try cogsh.run(["-c", password])
    #expect(tokens.status == 0 && tokens.stdout.contains("Bearer"), "\(tokens.stdout)\(tokens.stderr)")
    let other = try cogsh.run([
      "-c", start.replacingOccurrences(of: "{\"AuthFlow\"", with: "{\"UserPoolId\":\"us-east-1_Other\",\"AuthFlow\""),
    ])
    #expect(other.status == 1 && other.stderr.contains("ResourceNotFoundException"), "\(other.stderr)")
  }

  @Test("a pool on the Lite plan refuses choice-based sign-in, naming the plan")
  func liteRefusesUserAuth() throws {
    _ = try Moto.server()
    let cogsh = Cogsh()
    var description = try #require(
      try JSONSerialization.jsonObject(with: Data(SandboxPoolDescription.text.utf8)) as? [String: Any])
    var pool = try #require(description["CreateUserPool"] as? [String: Any])
    SandboxReplicaTests.lite(&pool)
    description["CreateUserPool"] = pool
    let file = cogsh.home.path + "/lite-pool.json"
    try JSONSerialization.data(withJSONObject: description).write(to: URL(fileURLWithPath: file))
    let run = try cogsh.run(
      ["--sandbox", "-c", "login anyone@example.com --flow user-auth"], extraEnvironment: ["COGSH_SANDBOX_POOL": file])
    #expect(
      run.status == 1 && run.stderr.contains("FeatureUnavailableInTierException")
        && run.stderr.contains(
          "Choice-based sign-in (USER_AUTH) needs the Essentials plan or higher; this pool is on Lite"),
      "\(run.stderr)")
  }

  @Test("passkey register, then a WEB_AUTHN sign-in from another shell; the key is 0600 and in no trace or recording")
  func passkeySignIn() throws {
    _ = try Moto.server()
    let cogsh = Cogsh()
    #expect(try cogsh.run(["-c", "sandbox start"]).status == 0)
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let register = try cogsh.run([
      "--trace", "-c",
      "admin-create-user aoi@example.com --temporary-password temp-pass-1 --suppress-message; "
        + "admin-set-user-password aoi@example.com aoi-pass-1 --permanent; login aoi@example.com --password aoi-pass-1; "
        + "passkey register --explain; passkey list",
    ])
    let registered = register.stdout + register.stderr
    #expect(
      registered.contains("WebAuthn registration") && registered.contains(#""type":"webauthn.create""#)
        && registered.contains("AT (attested credential data)") && registered.contains("attestation"), "\(registered)")
    #expect(register.status == 0 && register.stdout.contains("registered passkey"), "\(register.stderr)")
    #expect(register.stdout.contains("localhost") && register.stdout.contains("1 passkey"), "\(register.stdout)")
    let keyFile = cogsh.cogshHome + "/passkeys.json"
    #expect(fileMode(keyFile) == 0o600)
    let held = try JSON.parse(String(contentsOfFile: keyFile, encoding: .utf8))
    let privateKey = try #require(held.arrayValue?.first?["privateKey"]?.stringValue)
    // Another shell signs in with it, recorded and traced; the key shows in neither.
    let recording = cogsh.home.path + "/session.cogsh"
    let signIn = try cogsh.run([
      "--trace", "-c",
      "record start \(recording); login aoi@example.com --flow user-auth --preferred WEB_AUTHN; respond WEB_AUTHN --explain; "
        + "whoami; record stop",
    ])
    #expect(signIn.status == 0 && signIn.stdout.contains("signed in as aoi@example.com"), "\(signIn.stderr)")
    let recorded = (try? String(contentsOfFile: recording, encoding: .utf8)) ?? ""
    for text in [register.stdout + register.stderr, signIn.stdout + signIn.stderr, recorded] {
      #expect(!text.contains(privateKey), "the private key leaked")
    }
    #expect(signIn.stderr.contains("RespondToAuthChallenge"), "the trace shows the exchange")
    // What was signed, explained: the client data with its challenge and origin, the flags, the counter.
    let explained = signIn.stdout + signIn.stderr
    #expect(
      explained.contains("WebAuthn assertion") && explained.contains(#""type":"webauthn.get""#)
        && explained.contains(#""origin":"https://localhost""#) && explained.contains("UP (user present)")
        && explained.contains("counter"), "\(explained)")
  }

  /// The port a sandbox.json names.
  static func port(_ cogsh: Cogsh) throws -> Int {
    let data = try Data(contentsOf: URL(fileURLWithPath: cogsh.cogshHome + "/sandbox.json"))
    return ((try JSONSerialization.jsonObject(with: data) as? [String: Any])?["port"] as? Int) ?? 0
  }

  @Test("the release binary, copied outside the repository, starts the sandbox from another directory")
  func outsideTheRepository() throws {
    _ = try Moto.server()
    let place = TempDirectory()
    let binary = place.path + "/cogsh"
    try FileManager.default.copyItem(atPath: Project.cogsh, toPath: binary)
    let server = try HelperServer.python().replacingOccurrences(of: "/python3", with: "/cogsh-sandbox")
    let cogsh = Cogsh()
    let run = try runProgram(
      binary, ["--sandbox", "-c", "walkthrough article"],
      environment: [
        "HOME": cogsh.home.path, "COGSH_HOME": cogsh.cogshHome, "PATH": "/usr/bin:/bin", "COGSH_SANDBOX_SERVER": server,
        "AWS_EC2_METADATA_DISABLED": "true", "NO_COLOR": "1",
      ], directory: "/")
    let text = run.stdout + run.stderr
    #expect(run.status == 0 && text.contains("walkthrough article done"), "\(text)")
  }

  @Test("the built-in pool description is examples/sandbox-pool.json, and parses")
  func builtInPool() throws {
    let file = try String(contentsOfFile: Project.path("examples/sandbox-pool.json"), encoding: .utf8)
    #expect(SandboxPoolDescription.text == file.trimmingCharacters(in: .newlines))
    #expect(SandboxPoolDescription.builtIn["CreateUserPoolClient"]?["CallbackURLs"] == ["http://localhost:3333"])
  }
}

/// The sandbox's mailbox: what a real pool would have emailed.
@Suite("Sandbox mailbox")
struct MailboxTests {
  @Test("the forgot-password code and the sign-up code arrive in the mailbox, and $CODE confirms them")
  func codes() throws {
    _ = try Moto.server()
    let run = try Cogsh().run([
      "--sandbox", "-c",
      [
        "admin-create-user rin@example.com --temporary-password first-pass-1 --suppress-message",
        "admin-set-user-password rin@example.com old-pass-1 --permanent", "forgot-password rin@example.com", "mailbox",
        "confirm-forgot-password rin@example.com $CODE new-pass-1",
        "login rin@example.com --flow password --password new-pass-1",
        "sign-up yui@example.com --password yui-pass-1 --attribute email=yui@example.com",
        "confirm-sign-up yui@example.com $CODE", "login yui@example.com --flow password --password yui-pass-1",
        "mailbox",
      ].joined(separator: "; "),
    ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("password reset code") && run.stdout.contains("temporary password"))
    #expect(run.stdout.contains("signed in as rin@example.com") && run.stdout.contains("signed in as yui@example.com"))
    #expect(
      run.stdout.contains("sign-up confirmation code") && run.stdout.contains("moto sends no code and accepts any"))
    let empty = try Cogsh().run(["-c", "mailbox; echo $CODE"])
    #expect(empty.stdout.contains("a real pool sends its messages itself") && empty.stderr.contains("$CODE is not set"))
  }
}
