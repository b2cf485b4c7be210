import Basics
import Cognito
import Foundation
import Testing

@testable import Shell

/// `record` and `export-history --aws` against moto; `--query`, the pipe, `let`, `$?` and the rc file.
@Suite("Recording, replay and output filters", .serialized)
struct RecordingTests {
  static let flow = [
    "admin-create-user sora@example.com --temporary-password 'first pass 1' --suppress-message",
    "login sora@example.com --password 'first pass 1' --flow password", "new-password sora-new-pass-1",
  ]

  @Test("a recorded session replays against a fresh pool to the same whoami, its secrets from the environment")
  func replay() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let file = cogsh.home.path + "/flow.cogsh"
    let recorded = try cogsh.run(
      connection + [
        "-c",
        (["record start \(file)"] + Self.flow + ["whoami", "log", "record stop", "echo ==", "log --diagram --width 70"])
          .joined(separator: "; "),
      ])
    #expect(recorded.status == 0, "stderr: \(recorded.stderr)")
    let script = try String(contentsOfFile: file, encoding: .utf8)
    // Each exchange is a comment line after its command, which `log --diagram FILE` draws as the session did.
    #expect(script.components(separatedBy: "\n#@exchange {").count - 1 == 4, "\(script)")
    let drawn = try cogsh.run(["-c", "log --diagram \(file) --width 70"])
    #expect(drawn.status == 0, "\(drawn.stderr)")
    let inSession = recorded.stdout.components(separatedBy: "==\n").last ?? ""
    #expect(drawn.stdout == inSession && inSession.contains("#4 ") && inSession.contains("GetUser"), "\(drawn.stdout)")
    for secret in ["first pass 1", "sora-new-pass-1"] { #expect(!script.contains(secret), "\(secret) written") }
    #expect(script.contains("--password $SECRET_2") && script.contains("new-password $SECRET_3"))
    #expect(!script.split(separator: "\n").contains("log"), "log only looks: it is not recorded")

    let (_, fresh, freshConnection) = try Moto.articleSession()
    let replayed = try fresh.run(
      freshConnection + ["-f", file],
      extraEnvironment: ["SECRET_1": "first pass 1", "SECRET_2": "first pass 1", "SECRET_3": "sora-new-pass-1"])
    #expect(replayed.status == 0, "stderr: \(replayed.stderr)")
    #expect(
      replayed.stdout.contains("signed in as sora@example.com")
        && replayed.stdout.contains("email     sora@example.com"))
  }

  @Test("export-history --aws, run with the AWS CLI against a fresh pool, leaves the user CONFIRMED")
  func awsScript() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let file = cogsh.home.path + "/flow.sh"
    let made = try cogsh.run(
      connection + ["-c", (Self.flow + ["whoami", "export-history --aws \(file)"]).joined(separator: "; ")])
    #expect(made.status == 0, "stderr: \(made.stderr)")
    let script = try String(contentsOfFile: file, encoding: .utf8)
    #expect(!script.contains("first pass 1") && !script.contains("sora-new-pass-1"))
    #expect(script.contains("--query '[ChallengeParameters.USERNAME,Session]'") || script.contains("Session"))

    let fresh = try Moto.articlePool()
    let aws = (IdentityPoolTests.awsCLI() as NSString).deletingLastPathComponent
    let bash = try runProgram(
      "/bin/bash", [file],
      environment: [
        "PATH": aws + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"), "HOME": cogsh.home.path,
        "AWS_ACCESS_KEY_ID": "testing", "AWS_SECRET_ACCESS_KEY": "testing", "AWS_EC2_METADATA_DISABLED": "true",
        "USER_POOL_ID": fresh.poolId, "CLIENT_ID": fresh.clientId, "COGNITO_ENDPOINT": fresh.url,
        "TEMPORARY_PASSWORD": "first pass 1", "NEW_PASSWORD": "sora-new-pass-1",
      ])
    let problem = bash.stderr
    #expect(bash.status == 0, "script: \(script)\nstderr: \(problem)")
    let check = try Cogsh().run(
      [
        "--endpoint-url", fresh.url, "--pool-id", fresh.poolId, "--client-id", fresh.clientId, "-c",
        "admin-get-user sora@example.com; login sora@example.com --flow password --password sora-new-pass-1",
      ])
    #expect(
      check.stdout.contains("CONFIRMED") && check.stdout.contains("signed in as sora@example.com"), "\(check.stderr)")
  }

  @Test("--query selects from any command's JSON; | hands the JSON to a filter; let and $? hold values")
  func filters() throws {
    let cogsh = Cogsh()
    let r = try cogsh.run([
      "--region", "eu-west-1", "--keep-going", "-c",
      "status --query region; status --query users; status | \(try HelperServer.python()) -c 'import json,sys; print(\"via filter:\", json.load(sys.stdin)[\"region\"])'; whoami; echo status $?; let who = Ada Lovelace; echo $who; status --query nowhere.at.all",
    ])
    let lines = r.stdout.split(separator: "\n").map(String.init)
    #expect(lines.first == "eu-west-1", "\(r.stdout)")
    #expect(r.stdout.contains("via filter: eu-west-1") && r.stdout.contains("status 1\nAda Lovelace\nnull"))
    let json = try cogsh.run(["--output", "json", "--region", "eu-west-1", "-c", "status --query region"])
    #expect(json.stdout == "\"eu-west-1\"\n")
    let bad = try cogsh.run(["-c", "status --query 'a[x]'"])
    #expect(bad.status == 2 && bad.stderr.contains("--query"))
  }

  @Test("--query is JMESPath: the AWS CLI's everyday filters, projections, functions and pipes work on any command")
  func jmespath() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let r = try cogsh.run(
      connection + [
        "-c",
        "admin-create-user taro@example.com --temporary-password temporary-1 --attribute email=taro@example.com "
          + "--suppress-message; admin-create-user hana@example.com --temporary-password temporary-2 --suppress-message; "
          + "admin-get-user taro@example.com --query \"UserAttributes[?Name=='email'].Value | [0]\"; "
          + "list-users --query 'length(Users)'; "
          + "list-users --query \"sort(Users[].Attributes[?Name=='email'].Value[])\"",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.split(separator: "\n").suffix(4) == ["taro@example.com", "2", "hana@example.com", "taro@example.com"],
      "\(r.stdout)")
    // A mistake in the expression is found before the command sends anything.
    let bad = try cogsh.run(connection + ["--trace", "-c", "list-users --query 'Users[?Name=='"])
    #expect(bad.status == 2 && bad.stderr.contains("--query: syntax error"), "\(bad.stderr)")
    #expect(!bad.stderr.contains("ListUsers"), "nothing was sent")
    let type = try cogsh.run(connection + ["-c", "list-users --query 'abs(Users)'"])
    #expect(type.status == 1 && type.stderr.contains("abs() takes a number"), "\(type.stderr)")
  }

  @Test("$COGSH_HOME/rc runs first, as .psqlrc does; -X skips it; output table lays JSON out")
  func startupFile() throws {
    let cogsh = Cogsh()
    plantStateFile(home: cogsh.cogshHome, "rc", "let team = platform\n")
    let r = try cogsh.run(["-c", "echo $team; output table; status"])
    #expect(r.stdout.hasPrefix("platform\n") && r.stdout.contains("currentUser") && r.stdout.contains("profile "))
    let skipped = try cogsh.run(["-X", "-c", "echo $team"])
    #expect(skipped.status == 2 && skipped.stderr.contains("unknown variable $team"))
  }

  @Test("a let value, a call body and a mistyped set's secret become variables in a recording, as a password does")
  func recordedSecrets() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let file = cogsh.home.path + "/secrets.cogsh"
    let r = try cogsh.run(
      connection + [
        "--keep-going", "-c",
        "record start \(file); let pw = rec-secret-1; let pw2=rec-secret-2; "
          + "call DescribeUserPool '{\"Note\":\"rec-secret-3\"}'; set client-secrte rec-secret-4; record stop",
      ])
    #expect(r.stderr.contains("client-secret"), "the typo is answered with the setting meant: \(r.stderr)")
    let text = try String(contentsOfFile: file, encoding: .utf8)
    for secret in ["rec-secret-1", "rec-secret-2", "rec-secret-3", "rec-secret-4"] {
      #expect(!text.contains(secret), "\(secret) in \(text) \(r.stderr)")
    }
    #expect(text.contains("let pw = $SECRET_1") && text.contains("let pw2=$SECRET_2"), "\(text)")
    #expect(text.contains("call DescribeUserPool $SECRET_3"), "the call was recorded, its body a variable: \(text)")
  }

  @Test("--output table lays nested answers out as rows, never as JSON text")
  func table() throws {
    let (_, cogsh, connection) = try Moto.articleSession()
    let r = try cogsh.run(
      connection + [
        "--output", "table", "-c",
        "describe-user-pool-client; admin-create-user t@example.com --suppress-message; list-users",
      ])
    #expect(r.status == 0, "\(r.stderr)")
    #expect(!r.stdout.contains("{") && !r.stdout.contains("[\""), "no JSON text: \(r.stdout)")
    #expect(r.stdout.contains("UserPoolClient.ClientName") && r.stdout.contains("UserPoolClient.ExplicitAuthFlows"))
    #expect(r.stdout.contains("User.Attributes.email") && r.stdout.contains("t@example.com"))
    #expect(
      r.stdout.contains("Username") && r.stdout.contains("UserStatus") && r.stdout.hasSuffix("row\n"), "\(r.stdout)")
  }
}

/// Secrecy is declared on a command's words, never decided by its name.
@Suite("Secrets follow the words, not the name")
struct RenamedSecretTests {
  static let token = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl"

  /// A command, the words of a line of it, and the secret among them.
  static func cases() throws -> [(CommandSpec, [String], String)] {
    [
      (AuthCommands.respond, ["NEW_PASSWORD_REQUIRED", "NEW_PASSWORD=hunter2-Secret"], "hunter2-Secret"),
      (MFACommands.mfaCode, ["402913"], "402913"),
      (ShellCommands.letVariable, ["pw", "=", "hunter2-Secret"], "hunter2-Secret"),
      (ShellCommands.letVariable, ["pw=hunter2-Secret"], "hunter2-Secret"),
      (AuthCommands.login, ["taro", "--password", "hunter2-Secret"], "hunter2-Secret"),
      (AuthCommands.login, ["taro", "--password=hunter2-Secret"], "hunter2-Secret"),
      (SettingCommands.set, ["client-secret", "hunter2-Secret"], "hunter2-Secret"),
      (try #require(Registry.find("jwt")?.subcommand("decode")), [token], token),
    ]
  }

  @Test("renamed, a secret-bearing command keeps its secrets out of history, recordings and usage errors")
  func renamed() throws {
    let dir = TempDirectory()
    for (original, words, secret) in try Self.cases() {
      var spec = original
      spec.name = "renamed" + String(original.name.count)
      let line = [spec.name] + words
      // The history: the line is judged secret by its words.
      #expect(spec.mayHoldSecret(words), "\(original.name) renamed: \(words)")
      // A recording: the secret is a variable ($TOTP for a one-time code), the rest as typed.
      let path = dir.path + "/\(spec.name)-\(words.count).cogsh"
      let recording = try SessionRecording(file: try UserFile(path, mode: 0o600))
      recording.add(line, command: spec)
      let text = try String(contentsOfFile: path, encoding: .utf8)
      #expect(!text.contains(secret), "\(original.name) renamed recorded its secret: \(text)")
      #expect(text.contains("$SECRET_1") || text.contains("$TOTP"), "\(text)")
      #expect(text.contains(spec.name + " "), "\(text)")
      // A usage error over the same words (one too many) does not repeat them.
      do {
        _ = try spec.parse(words + ["extra", secret])
      } catch {
        #expect(!Printer.describe(error).0.contains(secret), "\(original.name) renamed: \(error)")
      }
    }
    // And the rule can fail: a command that declares nothing secret records its words as typed.
    var plain = ShellCommands.letVariable
    plain.name = "plain"
    plain.params = plain.params.map { p in
      var p = p
      p.secret = .none
      return p
    }
    #expect(!plain.mayHoldSecret(["pw", "=", "hunter2-Secret"]) && plain.secretPositions(["plain", "pw=x"]).isEmpty)
  }
}
