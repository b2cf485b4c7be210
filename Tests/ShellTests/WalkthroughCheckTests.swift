import Basics
import Foundation
import Testing

@testable import Shell

/// `walkthrough --check` parses each step as a run would.
@Suite("walkthrough files, checked as they would run")
struct WalkthroughCheckTests {
  @Test(
    "a step's command, sub-command, options, placeholders and variables are checked",
    arguments: [
      ("login {user} --pasword x", "unknown option \"--pasword\" (did you mean --password?)"),
      ("echo {usr}", nil), ("jwt decod id", "invalid jwt action \"decod\""),
      ("frobnicate", "unknown command \"frobnicate\""), ("echo $NOT_A_VARIABLE_OF_COGSH", "unknown variable"),
      ("login {user} --flow", "option --flow needs a value"), ("mfa enable totp", nil),
      ("login {user} --flow password --password {password}", nil), ("echo $CODE", nil),
      ("walkthrough article", "a step cannot start a walkthrough"),
    ])
  func step(_ command: String, _ expected: String?) {
    let problem = WalkthroughCommand.checkStep(command)
    if let expected {
      #expect(problem?.contains(expected) == true, "\(command): \(problem ?? "no problem")")
    } else {
      #expect(problem == nil, "\(command): \(problem ?? "")")
    }
  }

  @Test("a placeholder that a run does not fill in is reported with its line; JSON braces are not placeholders")
  func placeholders() {
    #expect(WalkthroughFile.unknownPlaceholders("echo {usr} {user} {temp}") == ["{usr}"])
    #expect(WalkthroughFile.unknownPlaceholders(#"call ListUsers '{"UserPoolId": "$POOL_ID"}'"#).isEmpty)
    let (w, problems) = WalkthroughFile.parse(
      "name: x\nsummary: y\nstep: echo {usr}\nwhy: because {passwrd}\n", checkStep: WalkthroughCommand.checkStep)
    #expect(w == nil)
    #expect(problems.map(\.line) == [3, 4], "\(problems)")
  }

  @Test("a walkthrough whose step starts itself (through a script) is stopped with a message, not a crash")
  func recursion() throws {
    let cogsh = Cogsh()
    let dir = cogsh.home.path
    try "name: loop\nsummary: starts itself\nstep: source \(dir)/again.cogsh\nwhy: it would recurse\n".write(
      toFile: dir + "/loop.walk", atomically: true, encoding: .utf8)
    try "walkthrough \(dir)/loop.walk --auto\n".write(toFile: dir + "/again.cogsh", atomically: true, encoding: .utf8)
    let r = try cogsh.run(["-c", "walkthrough \(dir)/loop.walk --auto"])
    #expect(r.status == 1, "\(r.stderr)")
    #expect(r.stderr.contains("a walkthrough cannot start another: loop is running"), "\(r.stderr)")
  }

  @Test("every built-in walkthrough passes the check")
  func builtIns() {
    for text in BuiltInWalkthroughs.texts {
      let (w, problems) = WalkthroughFile.parse(text, checkStep: WalkthroughCommand.checkStep)
      #expect(w != nil && problems.isEmpty, "\(problems)")
    }
  }

  @Test("the frame has the same messages in both languages, and the Japanese ones are Japanese")
  func frame() {
    let en = WalkthroughWords.english
    let ja = WalkthroughWords.japanese
    #expect(en.step(1, 7) == "step 1/7" && ja.step(1, 7) == "ステップ 1/7")
    for (e, j) in [
      (en.sent, ja.sent), (en.now, ja.now), (en.lookAt, ja.lookAt), (en.done("x"), ja.done("x")), (en.ask, ja.ask),
      (en.askAfterFailure, ja.askAfterFailure), (en.answers, ja.answers), (en.leftAt("x", 2), ja.leftAt("x", 2)),
    ] {
      #expect(e != j)
      #expect(j.unicodeScalars.contains { (0x3040...0x9FFF).contains($0.value) }, "\(j) is not Japanese")
    }
  }

  @Test("the language follows LC_ALL, LC_MESSAGES, LANG in POSIX's order, an empty one passed over")
  func locale() throws {
    func language(_ environment: [String: String]) throws -> String {
      try WalkthroughCommand.language(nil, environment: environment)
    }
    #expect(try language(["LC_ALL": "", "LANG": "ja_JP.UTF-8"]) == "ja")
    #expect(try language(["LC_ALL": "", "LC_MESSAGES": "", "LANG": "ja_JP.UTF-8"]) == "ja")
    #expect(try language(["LC_ALL": "C.UTF-8", "LANG": "ja_JP.UTF-8"]) == "en")
    #expect(try language(["LC_MESSAGES": "ja_JP.UTF-8", "LANG": "en_GB.UTF-8"]) == "ja")
    #expect(try language([:]) == "en")
    #expect(try WalkthroughCommand.language("ja", environment: ["LC_ALL": "C"]) == "ja")
  }
}

/// Usage errors describe a token-like value instead of repeating it.
@Suite("usage errors and secrets")
struct UsageErrorSecretTests {
  @Test(
    "a JWT, a Session or a secret is not repeated; ids and words are",
    arguments: [
      ("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxIn0.c2ln", true), (String(repeating: "AbC9", count: 30), true),
      ("Zm9vYmFyYmF6cXV4Zm9vYmFyYmF6cXV4", true), ("us-east-1_aBcDeF123", false), ("us-east-1_abcdefghijk", false),
      ("3n4b5urk1ft4fl3mg5e62d9ado", false), ("f6a12b72-c2ca-4f96-9597-66dfbf349447", false), ("hello", false),
      ("frobnicate-the-user-pool", false),
    ])
  func shown(_ value: String, _ secret: Bool) {
    #expect(UsageError.looksSecret(value) == secret, "\(value)")
    let message = UsageError.tooManyArguments(value, command: "whoami", usage: "whoami").message
    #expect(message.contains(value) == !secret, "\(message)")
  }
}
