import Auth
import Foundation
import Testing

@testable import Shell

@Suite("Statements and words")
struct WordsTests {
  @Test(
    "statements split at ; and newlines outside quotes; comments dropped",
    arguments: [
      ("status; whoami", ["status", "whoami"]),
      ("echo 'a;b'\n# comment\nwhoami # trailing", ["echo 'a;b'", "whoami"]),
      ("echo \"x # not a comment\"", ["echo \"x # not a comment\""]),
      ("  \n ; ;", []),
      ("echo a\\;b", ["echo a\\;b"]),
    ])
  func statements(text: String, expected: [String]) {
    #expect(StatementLexer.statements(text) == expected)
  }

  @Test(
    "words with quotes, escapes and variables",
    arguments: [
      ("login alice --password 'p w'", ["login", "alice", "--password", "p w"]),
      ("echo \"$USERNAME is ${USERNAME}\"", ["echo", "alice is alice"]),
      ("echo '$USERNAME'", ["echo", "$USERNAME"]),
      ("echo a\\ b \"q\\\"q\"", ["echo", "a b", "q\"q"]),
      ("echo $ 5$", ["echo", "$", "5$"]),
      ("echo ''", ["echo", ""]),
    ])
  func split(line: String, expected: [String]) throws {
    let words = try StatementLexer.split(line) { name in
      guard name == "USERNAME" else { throw UsageError.unknownVariable(name) }
      return "alice"
    }
    #expect(words == expected)
  }

  @Test("an unterminated quote and an unknown variable are usage errors")
  func errors() {
    #expect(throws: UsageError.self) { try StatementLexer.split("echo 'open", lookup: { $0 }) }
    #expect(throws: UsageError.unknownVariable("NOPE")) {
      try StatementLexer.split("echo $NOPE") { throw UsageError.unknownVariable($0) }
    }
  }
}

@Suite("Command registry")
struct RegistryTests {
  @Test("every contract command of the first issue is registered, each name once")
  func contract() {
    for name in [
      "status", "set", "unset", "profile", "admin-create-user", "login", "respond", "new-password", "whoami", "tokens",
      "jwt", "logout", "call", "help", "exit", "quit",
    ] {
      #expect(Registry.find(name) != nil, "\(name)")
    }
    let names = Registry.allNames
    #expect(Set(names).count == names.count)
  }

  @Test("arguments and flags parse, with errors that name the problem")
  func parse() throws {
    let login = Registry.find("login")!
    let args = try login.parse(["alice", "--password=pw", "--flow", "admin"])
    #expect(args["USERNAME"] == "alice" && args.flag("password") == "pw" && args.flag("flow") == "admin")
    #expect(throws: UsageError.unknownFlag("--bogus", command: "login", usage: login.usage, suggestion: nil)) {
      try login.parse(["alice", "--bogus"])
    }
    let switchUser = Registry.find("switch")!
    #expect(throws: UsageError.missingArgument("USERNAME", command: "switch", usage: switchUser.usage)) {
      try switchUser.parse([])
    }
    // A word too many on a line that may hold a secret is not repeated; elsewhere it is named.
    #expect(throws: UsageError.tooManyArguments(nil, command: "login", usage: login.usage)) {
      try login.parse(["alice", "extra"])
    }
    let whoami = Registry.find("whoami")!
    #expect(throws: UsageError.tooManyArguments("extra", command: "whoami", usage: whoami.usage)) {
      try whoami.parse(["extra"])
    }
    #expect(throws: UsageError.missingFlagValue("--password", command: "login", usage: login.usage)) {
      try login.parse(["alice", "--password"])
    }
    let attrs = try Registry.find("admin-create-user")!.parse(["u", "--attribute", "a=1", "--attribute", "b=2"])
    #expect(attrs.flagList("attribute") == ["a=1", "b=2"])
    #expect(throws: UsageError.self) { try Registry.find("profile")!.resolve(["rename"]) }
  }

  @Test("sub-commands are commands of their own: dispatch, usage errors, help, completion and secrecy")
  func subcommands() throws {
    for (parent, words) in [
      ("mfa", ["setup", "verify", "enable", "disable"]), ("profile", ["list", "show", "save", "use", "delete"]),
      ("jwt", ["decode", "verify", "mint", "compare"]),
      ("sandbox", ["start", "stop", "reset", "status", "trigger", "advance"]),
    ] {
      let spec = try #require(Registry.find(parent))
      #expect(spec.subcommands.map(\.word) == words)
      #expect(Completer().candidates("\(parent) ") == words.sorted())
      #expect(throws: UsageError.invalidChoice("frob", for: "\(parent) action", choices: words)) {
        try spec.resolve(["frob"])
      }
      #expect(throws: UsageError.self) { try spec.resolve([]) }
      #expect(HelpText.command(spec).contains("\(parent) \(words[0])"))
    }
    let (verify, rest) = try #require(try Registry.resolve(["mfa", "verify", "123456", "--device-name", "phone"]))
    #expect(verify.name == "mfa verify" && rest == ["123456", "--device-name", "phone"])
    let args = try verify.parse(rest)
    #expect(args["CODE"] == "123456" && args.flag("device-name") == "phone")
    #expect(throws: UsageError.missingArgument("CODE", command: "mfa verify", usage: verify.usage)) {
      try verify.parse([])
    }
    #expect(Completer().candidates("mfa verify 1 --d") == ["--device-name"])
    #expect(Completer().candidates("jwt verify id --token-use ") == ["access", "any", "id"])
    #expect(Runner.isSensitive("mfa verify 123456") && !Runner.isSensitive("mfa setup"))
    #expect(Runner.isSensitive("mfa verfy 123456"), "a mistyped sub-command is judged as the nearest one")
    #expect(!Runner.isSensitive("profile save work"))
  }

  @Test("a mistyped command gets a suggestion")
  func suggestion() {
    #expect(Registry.suggestion(for: "logn") == "login")
    #expect(Registry.suggestion(for: "whomai") == "whoami")
    #expect(Registry.suggestion(for: "zzzzzzzz") == nil)
  }

  @Test(
    "lines with secrets stay out of the history",
    arguments: [
      ("login alice --password hunter2", true),
      ("login alice", false),
      ("new-password s3cret-pass", true),
      ("new-password", false),
      ("set client-secret abc", true),
      ("set pool-id us-east-1_x", false),
      ("respond NEW_PASSWORD_REQUIRED NEW_PASSWORD=x", true),
      ("admin-create-user bob --temporary-password Temp1234", true),
      ("call AdminSetUserPassword '{\"Password\":\"x\"}'", true),
      (" status", true),
      ("status; login a --password p", true),
      ("whoami", false),
      // Judged by what the line could carry, parsed or not.
      ("login u --pasword X", true),
      ("new-password X extra", true),
      ("new-pasword X", true),
      ("change-password O N extra", true),
      ("respond CUSTOM_CHALLENGE ANSWER=X", true),
      ("call RespondToAuthChallenge '{\"ChallengeResponses\":{\"ANSWER\":\"x\"}}'", true),
      ("mfa-code 123456", true),
      ("mfa verify 000000", true),
      ("mfa setup", false),
      ("confirm-sign-up u 654321", true),
      ("confirm-forgot-password u 123456", true),
      ("login \"u@example.com --password p", true),
      ("jwt decode eyJhbGciOi.e30.x", true),
      ("jwt decode id", false),
      ("totp", false),
      ("describe-user-pool", false),
    ])
  func sensitivity(line: String, sensitive: Bool) {
    #expect(Runner.isSensitive(line) == sensitive)
  }

  @Test("docs/commands.md is the registry's own reference")
  func docs() throws {
    let committed = try String(contentsOfFile: Project.path("docs/commands.md"), encoding: .utf8)
    #expect(
      committed == HelpText.markdown(), "regenerate with: .build/debug/cogsh --commands-markdown > docs/commands.md")
  }

  @Test("help lists every command and describes one")
  func help() {
    let overview = HelpText.overview()
    for spec in Registry.commands { #expect(overview.contains(spec.name)) }
    #expect(HelpText.command(Registry.find("login")!).hasPrefix("usage: login [USERNAME] [--password P] [--flow FLOW]"))
  }
}

@Suite("Completion")
struct CompletionTests {
  let completer = Completer(
    profiles: { ["dev", "sandbox"] }, challenge: { "NEW_PASSWORD_REQUIRED" },
    users: { ["hanako@example.jp", "taro@example.com"] },
    answers: { ["ANSWER=EMAIL_OTP", "ANSWER=PASSWORD_SRP"] })

  @Test(
    "completion cases",
    arguments: [
      ("who", ["whoami"]),
      ("pro", ["profile"]),
      ("profile ", ["delete", "list", "save", "show", "use"]),
      ("profile use s", ["sandbox"]),
      ("help jwt ", ["compare", "decode", "mint", "verify"]), ("help mfa v", ["verify"]), ("help whoami ", []),
      ("set c", ["client-id", "client-secret"]),
      (
        "login alice --",
        [
          "--client-metadata", "--explain", "--flow", "--hosted", "--identity-provider", "--implicit", "--no-browser",
          "--password", "--preferred", "--prompt", "--redirect-uri", "--scope", "--srp", "--timeout",
        ]
      ),
      ("login alice --flow ", ["admin", "custom", "password", "srp", "user-auth"]),
      ("respond ", ["NEW_PASSWORD_REQUIRED"]),
      ("help log", ["log", "login", "logout"]),
      ("nosuch ", []),
      ("jwt decode ", ["-", "access", "id"]),
      ("switch t", ["taro@example.com"]),
      ("respond SELECT_CHALLENGE ANSWER=E", ["ANSWER=EMAIL_OTP"]),
      ("respond SELECT_CHALLENGE ", ["ANSWER=EMAIL_OTP", "ANSWER=PASSWORD_SRP"]),
      ("forget ", ["hanako@example.jp", "taro@example.com"]),
      ("admin-get-user h", ["hanako@example.jp"]),
      ("echo $ID", ["$ID_TOKEN"]),
      ("call $P", ["$POOL_ID"]),
      ("call DescribeUserPoolC", ["DescribeUserPoolClient"]),
      ("source Tests/Vec", ["Tests/Vectors/"]),
      ("source Tests/Vectors/jwks", ["Tests/Vectors/jwks-test.json"]),
      ("jwt verify x --jwks examples/sandbox", ["examples/sandbox-pool.json"]),
    ])
  func cases(line: String, expected: [String]) {
    #expect(completer.candidates(line) == expected)
  }

  @Test("common prefix")
  func prefix() {
    #expect(Completer.commonPrefix(["client-id", "client-secret"]) == "client-")
  }
}

@Suite("Invocation")
struct InvocationTests {
  @Test("flags of the contract parse")
  func parse() throws {
    let inv = try Invocation.parse([
      "--profile", "dev", "--region", "eu-west-1", "--endpoint-url=http://127.0.0.1:5000", "--pool-id", "eu-west-1_a",
      "--client-id", "c", "--output", "json", "-c", "status", "--keep-going", "--trace",
    ])
    #expect(inv.profile == "dev" && inv.overrides.region == "eu-west-1" && inv.overrides.poolId == "eu-west-1_a")
    #expect(inv.overrides.output == .json && inv.commands == "status" && inv.keepGoing && inv.trace)
  }

  @Test(
    "bad invocations are refused",
    arguments: [
      ["--bogus"], ["--pool-id"], ["--output", "yaml"], ["--endpoint-url", "http://example.com"],
      ["-c", "x", "-f", "y"],
      ["--sandbox=yes"], ["--profile", "../etc"],
    ])
  func refused(arguments: [String]) {
    #expect(throws: (any Error).self) { try Invocation.parse(arguments) }
  }

  /// The options of `table` that, given alone (with a value their own check accepts), change nothing
  /// that was parsed: declared, but with no apply step that does anything.
  static func optionsWithoutEffect(_ table: [OuterOption]) throws -> [String] {
    let samples = [
      "--endpoint-url": "https://proxy.example", "--domain": "https://auth.example",
      "--redirect-uri": "http://127.0.0.1/cb",
      "--output": "json", "--flow": "srp", "--auto-refresh": "on", "--completion": "bash", "--profile": "dev",
      "--pool-id": "eu-west-1_Ab", "--identity-pool-id": "eu-west-1:0a1b", "--tenant": "acme",
    ]
    var inert: [String] = []
    for option in table {
      // Beside a command (--password-stdin needs one), except for the two options that give them.
      let base = ["-c", "-f"].contains(option.name) ? [] : ["-c", "status"]
      let nothing = try Invocation.parse(base, options: table)
      let arguments = [option.name] + (option.value != nil ? [samples[option.name] ?? "value"] : [])
      let parsed = try Invocation.parse(arguments + base, options: table)
      if parsed == nothing { inert.append(option.name) }
      if let alias = option.alias, try Invocation.parse([alias] + base, options: table) != parsed {
        inert.append(alias)
      }
    }
    return inert
  }

  @Test("every option the table declares has its apply step: given alone, it changes what was parsed")
  func everyOptionApplies() throws {
    #expect(try Self.optionsWithoutEffect(Invocation.options) == [])
    // The check can fail: an option whose apply step does nothing is named.
    let inert = OuterOption("--inert", help: "declared, never applied") { _ in }
    #expect(try Self.optionsWithoutEffect(Invocation.options + [inert]) == ["--inert"])
    #expect(throws: InvocationError.unknownOption("--undeclared")) { try Invocation.parse(["--undeclared", "value"]) }
  }

  @Test("a setting added to the one table is in set, unset, the options, the environment, completion and the man page")
  func settingFromOneRow() throws {
    let tenant = Setting(
      "tenant", stored: "tenant", \.redirectURI, placeholder: "NAME", summary: "the tenant these tests add",
      check: { v in
        guard !v.contains(" ") else { throw SettingError.invalid("invalid tenant \"\(v)\"", hint: "No spaces.") }
      })
    let table = Setting.all + [tenant]
    // `set`: its key completes, is listed, and the value is checked and stored by the row.
    let set = SettingCommands.setCommand(table)
    #expect(set.params.first?.completion == .choices(table.map(\.key)) && set.details.contains("tenant"))
    #expect(SettingCommands.unsetCommand(table).params.first?.completion == .choices(table.map(\.key)))
    #expect(try SettingCommands.named("tenant", in: table).key == "tenant")
    #expect(throws: UsageError.self) { try SettingCommands.named("tenant", in: Setting.all) }
    var p = Profile()
    try tenant.assign("acme", to: &p)
    #expect(tenant.value(in: p) == "acme")
    #expect(throws: CommandError.self) { try SettingCommands.inShellWords { try tenant.assign("a b", to: &p) } }
    // The command line: --tenant is an option that applies, and checks its value.
    let options = Invocation.options(settings: table)
    #expect(try Invocation.parse(["--tenant", "acme"], options: options).overrides.redirectURI == "acme")
    #expect(throws: CommandError.self) { try Invocation.parse(["--tenant", "a b"], options: options) }
    #expect(throws: InvocationError.unknownOption("--tenant")) { try Invocation.parse(["--tenant", "acme"]) }
    #expect(try Self.optionsWithoutEffect(options) == [])
    // The environment: COGSH_TENANT, beneath the option.
    #expect(try Invocation.environmentOverrides(["COGSH_TENANT": "acme"], settings: table).redirectURI == "acme")
    // Completion in the three shells, and the manual page's options and environment.
    for shell in CompletionScript.shells {
      #expect(CompletionScript.render(shell, options: options).contains("tenant"), "\(shell)")
      #expect(!CompletionScript.render(shell).contains("tenant"), "\(shell)")
    }
    let man = ManPage.render(options: options, settings: table)
    #expect(man.contains("\\fB\\-\\-tenant\\fR \\fINAME\\fR") && man.contains("COGSH_TENANT"))
  }

  @Test("typed settings: an invalid value is refused alike by set, the command line and the environment")
  func typedSettings() throws {
    #expect(throws: UsageError.invalidChoice("yaml", for: "output", choices: ["text", "json", "table"])) {
      try Invocation.parse(["--output", "yaml"])
    }
    // From the environment, the refusal names the variable.
    #expect(throws: UsageError.invalidChoice("yes", for: "COGSH_AUTO_REFRESH", choices: ["on", "off"])) {
      try Invocation.environmentOverrides(["COGSH_AUTO_REFRESH": "yes"])
    }
    #expect(
      throws: CommandError(
        "COGNITO_USER_POOL_ID: invalid pool id \"x\"", hint: "A pool id looks like eu-west-1_AbCdEf123.")
    ) {
      try Invocation.environmentOverrides(["COGNITO_USER_POOL_ID": "x"])
    }
    #expect(
      try Invocation.environmentOverrides(["COGSH_AUTO_REFRESH": "on", "COGSH_FLOW": "admin"]).autoRefresh == true)
    // profiles.json keeps the words `set` takes, and reads them back typed.
    let p = Profile(flow: .userAuth, output: .table, autoRefresh: false, isSandbox: true)
    let data = try JSONEncoder().encode(p)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains(#""autoRefresh":"off""#) && text.contains(#""flow":"user-auth""#), "\(text)")
    #expect(try JSONDecoder().decode(Profile.self, from: data) == p)
    // A value edited by hand that no setting takes reads as unset; the rest of the profile stays.
    let edited = try JSONDecoder().decode(Profile.self, from: Data(#"{"output":"yaml","region":"r1"}"#.utf8))
    #expect(edited == Profile(region: "r1"))
    // A stored value is typed but not held to today's checks: a file from before a check still reads.
    #expect(try JSONDecoder().decode(Profile.self, from: Data(#"{"poolId":"p1"}"#.utf8)).poolId == "p1")
  }

  @Test("COGSH_* beat the seed's COGNITO_* variables")
  func environment() throws {
    let p = try Invocation.environmentOverrides([
      "COGNITO_USER_POOL_ID": "seed_pool", "COGSH_POOL_ID": "cogsh_pool", "COGNITO_CLIENT_ID": "seedclient",
    ])
    #expect(p.poolId == "cogsh_pool" && p.clientId == "seedclient")
  }
}

/// Bounded, seeded fuzzing of the line lexer and the registry's parser: a result or a usage error.
@Suite("Fuzz: the line lexer")
struct LexerFuzzTests {
  @Test("statements, words, history sensitivity and argument parsing never trap")
  func lexer() {
    var state: UInt64 = 0x1E8
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let pieces = [
      "login", "new-password", "respond", "set", "call", "jwt", "mfa", "echo", " ", " ", "'", "\"", "\\", "$", "${",
      "}", ";", "\n", "#", "--password", "--", "=", "ANSWER=x", "$ID_TOKEN", "${USERNAME}", "日本語", "é", "\u{0}",
      "\u{1B}", "\t", "eyJ", "client-secret", "--flow=srp", "x",
    ]
    // Edit distances for "did you mean" dominate the cost: 1,500 lines take a few seconds in a debug build.
    for _ in 0..<1_500 {
      var line = ""
      for _ in 0..<(1 + Int(next() % 12)) { line += pieces[Int(next() % UInt64(pieces.count))] }
      _ = Runner.isSensitive(line)
      for statement in StatementLexer.statements(line) {
        guard let words = try? StatementLexer.split(statement, lookup: { "<\($0)>" }), let first = words.first else {
          continue
        }
        _ = try? Registry.find(first)?.parse(Array(words.dropFirst()))
        _ = Registry.suggestion(for: first)
      }
    }
  }

  @Test("blanks are what Foundation's .whitespaces holds, and trimming them gives what Foundation gives")
  func blanksAgreeWithFoundation() {
    let samples = [
      " a ", "\ta\t", "\u{3000}ログイン\u{3000}", "\u{A0}x\u{2002}", "\u{200B}x\u{200B}", "\nx\n", "  ", "",
      "\u{2028}x", "é ", " \u{1680}\u{202F}\u{205F}y",
    ]
    for text in samples {
      #expect(
        StatementLexer.trimmingBlanks(text) == text.trimmingCharacters(in: .whitespaces),
        "\(text.unicodeScalars.map(\.value))")
      for ch in text {
        #expect(
          StatementLexer.isBlank(ch) == ch.unicodeScalars.allSatisfy { CharacterSet.whitespaces.contains($0) },
          "\(ch.unicodeScalars.map(\.value))")
      }
    }
    for value in 0...0x10FFFF {
      guard let scalar = Unicode.Scalar(value) else { continue }
      if StatementLexer.isBlank(Character(scalar)) != CharacterSet.whitespaces.contains(scalar) {
        Issue.record("U+\(String(value, radix: 16)) is told apart from Foundation")
      }
    }
    // A statement's line is the line it begins on, after blank lines and lines of blanks.
    #expect(StatementLexer.numberedStatements("\n \u{3000}\n  status\n\twhoami").map(\.line) == [3, 4])
  }
}
