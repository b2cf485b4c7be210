import Basics
import Foundation
import Testing

@testable import Shell

/// A pool's Lambda triggers on the sandbox, run by local handlers (examples/triggers and commands).
@Suite("Sandbox triggers", .serialized)
struct SandboxTriggerTests {
  static func example(_ file: String) -> String { Project.path("examples/triggers/" + file) + ":handler" }

  static let customAuth =
    "sandbox trigger set DefineAuthChallenge \(example("define_auth_challenge.py")); "
    + "sandbox trigger set CreateAuthChallenge \(example("create_auth_challenge.py")); "
    + "sandbox trigger set VerifyAuthChallengeResponse \(example("verify_auth_challenge.py"))"

  @Test(
    "custom authentication: a wrong answer, then the code from the mailbox; three wrong answers end it as Define decides"
  )
  func customAuthTrio() throws {
    let cogsh = try SandboxReplicaTests.started()
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    #expect(try cogsh.run(["-c", Self.customAuth]).status == 0)
    let signIn = try cogsh.run([
      "-c",
      "login taro@example.com --flow custom; respond CUSTOM_CHALLENGE ANSWER=wrong; mailbox; "
        + "respond CUSTOM_CHALLENGE ANSWER=$CODE; whoami; log",
    ])
    #expect(signIn.status == 0, "\(signIn.stdout)\(signIn.stderr)")
    #expect(signIn.stdout.components(separatedBy: "challenge CUSTOM_CHALLENGE for taro@example.com").count == 3)
    #expect(signIn.stdout.contains("sign-in code (custom challenge)") && signIn.stdout.contains("signed in as taro"))
    #expect(signIn.stdout.contains("parameters: delivery=EMAIL, destination=t***"), "the public parameters")
    for row in [
      "DefineAuthChallenge trigger (DefineAuthChallenge_Authentication)",
      "CreateAuthChallenge trigger (CreateAuthChallenge_Authentication)",
      "VerifyAuthChallengeResponse trigger (VerifyAuthChallengeResponse_Authentication)",
    ] {
      #expect(signIn.stdout.contains(row), "log lists \(row): \(signIn.stdout)")
    }
    // The second Define saw the first round: the session history with its metadata.
    let shown = try cogsh.run([
      "--trace", "-c", "login taro@example.com --flow custom; respond CUSTOM_CHALLENGE ANSWER=wrong; show 2",
    ])
    #expect(
      shown.stderr.contains(
        #""session":[{"challengeMetadata":"CODE-1","challengeName":"CUSTOM_CHALLENGE","challengeResult":false}]"#),
      "\(shown.stderr)")
    // show N gives a run's event: #2 is the first Define, after the InitiateAuth that caused it.
    #expect(
      shown.stdout.contains("DefineAuthChallenge trigger (DefineAuthChallenge_Authentication)"), "\(shown.stdout)")
    #expect(
      shown.stdout.contains("INVOKE")
        && shown.stdout.contains(#""triggerSource" : "DefineAuthChallenge_Authentication""#))
    // Started with SRP: Define sees the SRP_A round, asks PASSWORD_VERIFIER (answered by cogsh), then the code.
    let srp = try cogsh.run([
      "--trace", "-c",
      "login taro@example.com --flow custom --srp --password taro-pass-1; respond CUSTOM_CHALLENGE ANSWER=$CODE",
    ])
    #expect(srp.status == 0 && srp.stdout.contains("signed in as taro@example.com"), "\(srp.stdout)\(srp.stderr)")
    #expect(
      srp.stderr.contains(#""session":[{"challengeMetadata":null,"challengeName":"SRP_A","challengeResult":true}]"#))
    #expect(
      srp.stderr.contains(#"{"challengeMetadata":null,"challengeName":"PASSWORD_VERIFIER","challengeResult":true}"#))
    let refused = try cogsh.run([
      "-c",
      "login taro@example.com --flow custom; respond CUSTOM_CHALLENGE ANSWER=wrong; "
        + "respond CUSTOM_CHALLENGE ANSWER=wrong; respond CUSTOM_CHALLENGE ANSWER=wrong",
    ])
    #expect(refused.status == 1 && refused.stderr.contains("NotAuthorizedException: Incorrect username or password."))
    #expect(refused.stdout.components(separatedBy: "challenge CUSTOM_CHALLENGE").count == 4, "\(refused.stdout)")
  }

  @Test(
    "PreTokenGeneration v2: its claim in the ID token, its scope in the access token, both verify; decode marks the claim"
  )
  func preTokenGeneration() throws {
    let cogsh = try SandboxReplicaTests.started()
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let set = try cogsh.run([
      "-c", "sandbox trigger set PreTokenGeneration \(Self.example("pre_token_generation.py")) --version V2_0",
    ])
    #expect(set.status == 0 && set.stdout.contains("PreTokenGeneration  V2_0"), "\(set.stdout)\(set.stderr)")
    let r = try cogsh.run([
      "-c",
      "login taro@example.com --password taro-pass-1; jwt decode id; jwt decode access; jwt verify id; "
        + "jwt verify access --scope example/orders.read",
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    let marked = r.stdout.split(separator: "\n").filter {
      $0.hasSuffix("example   # added by the PreTokenGeneration trigger")
    }
    #expect(marked.count == 2 && marked.allSatisfy { $0.hasPrefix("  tenant ") }, "in both tokens: \(r.stdout)")
    #expect(r.stdout.contains("aws.cognito.signin.user.admin example/orders.read"))
    #expect(r.stdout.contains("pass  scope      has example/orders.read"))
    // Refreshing runs it again, as TokenGeneration_RefreshTokens.
    let refreshed = try cogsh.run(["--trace", "-c", "refresh; jwt decode id"])
    #expect(refreshed.stderr.contains("~ trigger PreTokenGeneration (TokenGeneration_RefreshTokens): ok"))
    #expect(refreshed.stdout.contains("tenant            example"))
  }

  @Test(
    "PreTokenGeneration v1: claims added to and suppressed from the ID token, groups overridden in both; Cognito's own claims kept"
  )
  func preTokenGenerationV1() throws {
    let cogsh = try SandboxReplicaTests.started()
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let python = try HelperServer.python()
    let v1 =
      "\(python) -c 'import json,sys; e=json.load(sys.stdin); e[\"response\"][\"claimsOverrideDetails\"]="
      + "{\"claimsToAddOrOverride\":{\"plan\":\"gold\",\"sub\":\"someone-else\"},\"claimsToSuppress\":[\"email\"],"
      + "\"groupOverrideDetails\":{\"groupsToOverride\":[\"admins\"]}}; print(json.dumps(e))'"
    #expect(
      try cogsh.run(["-c", "sandbox trigger set PreTokenGeneration --command \(SessionRecording.quoted(v1))"]).status
        == 0)
    let r = try cogsh.run([
      "--output", "json", "-c",
      "login taro@example.com --password taro-pass-1; jwt decode id --query claims; jwt decode access --query claims",
    ])
    #expect(r.status == 0, "\(r.stderr)")
    let parts = r.stdout.components(separatedBy: "\n{").map { $0.hasPrefix("{") ? $0 : "{" + $0 }
    let id = try JSON.parse(Data(try #require(parts.dropLast().last).utf8))
    let access = try JSON.parse(Data(try #require(parts.last).utf8))
    #expect(id["plan"]?.stringValue == "gold" && id["email"] == nil, "\(id)")
    #expect(id["sub"]?.stringValue != "someone-else", "sub is Cognito's own")
    #expect(
      id["cognito:groups"] == .array([.string("admins")]) && access["cognito:groups"] == .array([.string("admins")]))
    #expect(access["plan"] == nil, "version 1 changes the ID token only")
    let verified = try cogsh.run(["-c", "jwt verify id"])
    #expect(verified.status == 0, "\(verified.stdout)")
  }

  @Test("PreSignUp auto-confirms a trusted domain; a raising handler's message reaches the user as Cognito words it")
  func preSignUp() throws {
    let cogsh = try SandboxReplicaTests.started()
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    #expect(try cogsh.run(["-c", "sandbox trigger set PreSignUp \(Self.example("pre_sign_up.py"))"]).status == 0)
    let trusted = try cogsh.run([
      "-c", "sign-up ana@example.com --password ana-pass-1; login ana@example.com --password ana-pass-1",
    ])
    #expect(trusted.status == 0 && trusted.stdout.contains("(confirmed)"), "\(trusted.stdout)\(trusted.stderr)")
    let blocked = try cogsh.run(["-c", "sign-up bob@blocked.example --password bob-pass-1"])
    #expect(blocked.status == 1)
    #expect(
      blocked.stderr.contains(
        "UserLambdaValidationException: PreSignUp failed with error Sign-up from blocked.example is not allowed.."),
      "\(blocked.stderr)")
  }

  @Test("CustomMessage: the sign-up and reset emails in the user's language reach the mailbox, and their codes work")
  func customMessage() throws {
    let cogsh = try SandboxReplicaTests.started()
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    #expect(try cogsh.run(["-c", "sandbox trigger set CustomMessage example:custom_message"]).status == 0)
    let r = try cogsh.run([
      "-c",
      "sign-up hana@example.org --password hana-pass-1 --attribute locale=ja; mailbox; confirm-sign-up hana@example.org $CODE; "
        + "forgot-password hana@example.org; mailbox",
    ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout.contains("ご登録ありがとうございます") && r.stdout.contains("“確認コードは "), "\(r.stdout)")
    #expect(r.stdout.contains("パスワードの再設定") && r.stdout.contains("“再設定コードは moto-confirmation-code:"))
    // A passwordless sign-in's code, in the trigger's words too (CustomMessage_Authentication).
    let otp = try cogsh.run([
      "-c", "login hana@example.org --flow user-auth --preferred EMAIL_OTP; mailbox; mfa-code $CODE",
    ])
    #expect(otp.status == 0 && otp.stdout.contains("“サインインコードは "), "\(otp.stdout)\(otp.stderr)")
    #expect(otp.stdout.contains("signed in as hana@example.org"))
    let english = try cogsh.run(["-c", "sign-up ben@example.org --password ben-pass-1; mailbox"])
    #expect(
      english.stdout.contains("Welcome") && english.stdout.contains("“Your confirmation code is "), "\(english.stdout)")
  }

  @Test(
    "UserMigration: a user of the old store signs in with the password the handler checked, and is in the pool after")
  func userMigration() throws {
    let cogsh = try SandboxReplicaTests.started()
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    #expect(
      try cogsh.run(["-c", "sandbox trigger set UserMigration \(Self.example("user_migration.py"))"]).status == 0)
    let wrong = try cogsh.run(["-c", "login ken@legacy.example --flow password --password not-it"])
    #expect(
      wrong.status == 1 && wrong.stderr.contains("UserMigration failed with error Bad password."), "\(wrong.stderr)")
    let moved = try cogsh.run([
      "--trace", "-c",
      "login ken@legacy.example --flow password --password old-pass-1; whoami; admin-get-user ken@legacy.example",
    ])
    #expect(moved.status == 0, "\(moved.stdout)\(moved.stderr)")
    #expect(moved.stdout.contains("name            Ken") && moved.stdout.contains("CONFIRMED"))
    #expect(moved.stderr.contains("~ trigger UserMigration (UserMigration_Authentication): ok"))
    #expect(!moved.stderr.contains("old-pass-1"), "the password is masked in the event")
    let again = try cogsh.run(["--trace", "-c", "login ken@legacy.example --flow password --password old-pass-1"])
    #expect(again.status == 0 && !again.stderr.contains("~ trigger UserMigration"), "migrated once")
  }

  @Test("a pool description's SandboxTriggers are set at start and again at reset, relative paths from its file")
  func descriptionTriggers() throws {
    _ = try Moto.server()
    let cogsh = Cogsh()
    let place = cogsh.home.path + "/project"
    try FileManager.default.createDirectory(atPath: place + "/handlers", withIntermediateDirectories: true)
    try FileManager.default.copyItem(
      atPath: Project.path("examples/triggers/pre_token_generation.py"), toPath: place + "/handlers/tokens.py")
    var description = try #require(
      try JSONSerialization.jsonObject(with: Data(SandboxPoolDescription.text.utf8)) as? [String: Any])
    description["SandboxTriggers"] = [
      "PreTokenGeneration": ["handler": "handlers/tokens.py:handler", "version": "V2_0"],
      "PreSignUp": ["handler": "example:pre_sign_up"],
    ]
    try JSONSerialization.data(withJSONObject: description).write(to: URL(fileURLWithPath: place + "/pool.json"))
    let pool = ["COGSH_SANDBOX_POOL": place + "/pool.json"]
    #expect(try cogsh.run(["-c", "sandbox start"], extraEnvironment: pool).status == 0)
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let listed = try cogsh.run(["-c", "sandbox trigger list"])
    #expect(
      listed.stdout.contains("PreTokenGeneration  V2_0     \(place)/handlers/tokens.py:handler"), "\(listed.stdout)")
    #expect(listed.stdout.contains("trigger-examples/pre_sign_up.py:handler"))
    let reset = try cogsh.run(
      [
        "-c",
        "sandbox reset; sign-up kai@example.com --password kai-pass-1; login kai@example.com --password kai-pass-1; jwt decode id",
      ],
      extraEnvironment: pool)
    #expect(reset.status == 0 && reset.stdout.contains("(confirmed)"), "\(reset.stdout)\(reset.stderr)")
    #expect(reset.stdout.contains("example   # added by the PreTokenGeneration trigger"))
  }

  @Test(
    "machine to machine: the client-credentials grant, and a V3_0 PreTokenGeneration's claim and scope in its token")
  func clientCredentials() throws {
    let cogsh = try SandboxReplicaTests.started()
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let made = try cogsh.run([
      "--output", "json", "-c",
      #"call CreateResourceServer '{"Identifier":"orders","Name":"orders","Scopes":[{"ScopeName":"read","ScopeDescription":"r"}]}'; "#
        + #"call CreateUserPoolClient '{"ClientName":"m2m","GenerateSecret":true,"AllowedOAuthFlows":["client_credentials"],"#
        + #""AllowedOAuthFlowsUserPoolClient":true,"AllowedOAuthScopes":["orders/read"]}' --query UserPoolClient"#,
    ])
    let client = try JSON.parse(Data((made.stdout.components(separatedBy: "\n{").last.map { "{" + $0 } ?? "").utf8))
    let id = try #require(client["ClientId"]?.stringValue, "\(made.stdout)\(made.stderr)")
    let secret = try #require(client["ClientSecret"]?.stringValue)
    let m2m = ["--client-id", id, "--client-secret", secret]
    let plain = try cogsh.run(
      m2m + ["-c", "oauth token --client-credentials; jwt verify $CLIENT_TOKEN --token-use access"])
    #expect(plain.status == 0 && plain.stdout.contains("scope: orders/read"), "\(plain.stdout)\(plain.stderr)")
    let python = try HelperServer.python()
    let v3 =
      "\(python) -c 'import json,sys; e=json.load(sys.stdin); e[\"response\"][\"claimsAndScopeOverrideDetails\"]="
      + "{\"accessTokenGeneration\":{\"claimsToAddOrOverride\":{\"machine\":\"batch-1\"},\"scopesToAdd\":[\"orders/audit\"]}}; "
      + "print(json.dumps(e))'"
    #expect(
      try cogsh.run([
        "-c", "sandbox trigger set PreTokenGeneration --version V3_0 --command \(SessionRecording.quoted(v3))",
      ]).status == 0)
    let r = try cogsh.run(
      m2m + [
        "--trace", "-c",
        "oauth token --client-credentials; jwt decode $CLIENT_TOKEN; jwt verify $CLIENT_TOKEN --token-use access",
      ])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stderr.contains("~ trigger PreTokenGeneration (TokenGeneration_ClientCredentials): ok"), "\(r.stderr)")
    #expect(r.stdout.contains("scope: orders/read orders/audit") && r.stdout.contains("batch-1"))
    #expect(r.stdout.contains("pass  signature"))
    // A V2_0 trigger is not run for a client's own token.
    #expect(
      try cogsh.run([
        "-c", "sandbox trigger set PreTokenGeneration --version V2_0 --command \(SessionRecording.quoted(v3))",
      ]).status == 0)
    let v2 = try cogsh.run(m2m + ["--trace", "-c", "oauth token --client-credentials"])
    #expect(
      v2.status == 0 && !v2.stderr.contains("~ trigger") && v2.stdout.contains("scope: orders/read\n"), "\(v2.stdout)")
  }

  @Test("a command handler (not Python) works; one that fails, stalls or answers nonsense gets Cognito's refusal")
  func commandHandlers() throws {
    let cogsh = try SandboxReplicaTests.started()
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let python = try HelperServer.python()
    let confirm =
      "\(python) -c 'import json,sys; e=json.load(sys.stdin); e[\"response\"][\"autoConfirmUser\"]=True; print(json.dumps(e))'"
    let cases: [(String, String, String)] = [
      ("echo nope >&2; exit 3", "one@example.org", "UserLambdaValidationException: PreSignUp failed with error nope."),
      ("echo not json", "two@example.org", "InvalidLambdaResponseException: Unrecognizable lambda output"),
      // Output without end is cut at the sandbox's limit, and the sandbox serves on.
      (
        "yes", "six@example.org", "UserLambdaValidationException: PreSignUp failed with error File size limit exceeded."
      ),
      (
        "sleep 30", "three@example.org",
        "UnexpectedLambdaException: PreSignUp invocation failed due to error Socket timeout while invoking Lambda function."
      ),
    ]
    for (command, user, refusal) in cases {
      #expect(
        try cogsh.run(["-c", "sandbox trigger set PreSignUp --command \(SessionRecording.quoted(command))"]).status == 0
      )
      let r = try cogsh.run(["-c", "sign-up \(user) --password pass-word-1"])
      #expect(r.status == 1 && r.stderr.contains(refusal), "\(command): \(r.stderr)")
    }
    #expect(
      try cogsh.run(["-c", "sandbox trigger set PreSignUp --command \(SessionRecording.quoted(confirm))"]).status == 0)
    let ok = try cogsh.run(["-c", "sign-up four@example.org --password pass-word-1"])
    #expect(ok.status == 0 && ok.stdout.contains("(confirmed)"), "\(ok.stdout)\(ok.stderr)")
    // A handler that logs and answers a lot: the request still succeeds; the log is cut to its end, and what
    // would not fit in the sandbox's header is left out of it, saying so.
    let chatty =
      "\(python) -c 'import json,sys; e=json.load(sys.stdin); sys.stderr.write(\"x\"*300000); "
      + "e[\"response\"][\"padding\"]=\"y\"*200000; print(json.dumps(e))'"
    #expect(
      try cogsh.run(["-c", "sandbox trigger set PreSignUp --command \(SessionRecording.quoted(chatty))"]).status == 0)
    let loud = try cogsh.run(["--trace", "-c", "sign-up five@example.org --password pass-word-1"])
    #expect(loud.status == 0 && loud.stderr.contains("~ (its log, or more, left out"), "\(loud.stderr.suffix(500))")
    let listed = try cogsh.run(["-c", "sandbox trigger list; sandbox trigger unset PreSignUp; sandbox trigger list"])
    #expect(listed.stdout.contains("PreSignUp  V1_0     command: ") && listed.stdout.contains("no triggers"))
  }
}

/// The built-in examples are the files of examples/triggers, byte for byte.
@Suite("Trigger examples")
struct TriggerExampleTests {
  @Test("every file of examples/triggers is built in, unchanged, and nothing else is")
  func builtIn() throws {
    let directory = Project.path("examples/triggers")
    let files = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".py") }
    #expect(Set(files.map { String($0.dropLast(3)) }) == Set(TriggerExamples.files.keys))
    for file in files {
      let text = try String(contentsOfFile: directory + "/" + file, encoding: .utf8)
      #expect(TriggerExamples.files[String(file.dropLast(3))].map { $0 + "\n" } == text, "\(file)")
    }
  }
}

/// The events the sandbox sends, against the fields each trigger's page in the developer guide lists.
@Suite("Sandbox trigger events", .serialized)
struct SandboxTriggerEventTests {
  /// (page, request fields, response fields) by trigger: docs.aws.amazon.com/cognito/latest/developerguide/PAGE.
  static let pages: [String: (page: String, request: Set<String>, response: Set<String>)] = [
    "PreSignUp": (
      "user-pool-lambda-pre-sign-up.html", ["userAttributes", "validationData", "clientMetadata"],
      ["autoConfirmUser", "autoVerifyEmail", "autoVerifyPhone"]
    ),
    "PostConfirmation": ("user-pool-lambda-post-confirmation.html", ["userAttributes", "clientMetadata"], []),
    "CustomMessage": (
      "user-pool-lambda-custom-message.html",
      ["userAttributes", "codeParameter", "linkParameter", "usernameParameter", "clientMetadata"],
      ["smsMessage", "emailMessage", "emailSubject"]
    ),
    "PreAuthentication": (
      "user-pool-lambda-pre-authentication.html",
      ["userAttributes", "userNotFound", "validationData", "clientMetadata"],
      []
    ),
    "PostAuthentication": (
      "user-pool-lambda-post-authentication.html", ["userAttributes", "newDeviceUsed", "clientMetadata"], []
    ),
    "DefineAuthChallenge": (
      "user-pool-lambda-define-auth-challenge.html", ["userAttributes", "session", "clientMetadata", "userNotFound"],
      ["challengeName", "issueTokens", "failAuthentication"]
    ),
    "CreateAuthChallenge": (
      "user-pool-lambda-create-auth-challenge.html",
      ["userAttributes", "challengeName", "session", "clientMetadata", "userNotFound"],
      ["publicChallengeParameters", "privateChallengeParameters", "challengeMetadata"]
    ),
    "VerifyAuthChallengeResponse": (
      "user-pool-lambda-verify-auth-challenge-response.html",
      ["userAttributes", "privateChallengeParameters", "challengeAnswer", "clientMetadata", "userNotFound"],
      ["answerCorrect"]
    ),
    "PreTokenGeneration": (
      "user-pool-lambda-pre-token-generation.html",
      ["userAttributes", "groupConfiguration", "clientMetadata", "scopes"],
      ["claimsOverrideDetails", "claimsAndScopeOverrideDetails"]
    ),
    "UserMigration": (
      "user-pool-lambda-migrate-user.html", ["password", "validationData", "clientMetadata"],
      [
        "userAttributes", "finalUserStatus", "messageAction", "desiredDeliveryMediums", "forceAliasCreation",
        "enableSMSMFA",
      ]
    ),
  ]
  /// The fields every trigger's event has ("Lambda trigger common parameters").
  static let common: Set<String> = [
    "version", "triggerSource", "region", "userPoolId", "userName", "callerContext", "request", "response",
  ]

  @Test("every event the sandbox sends has the common fields and only the request and response fields its page lists")
  func eventsMatchThePages() throws {
    let cogsh = try SandboxReplicaTests.started()
    defer { _ = try? cogsh.run(["-c", "sandbox stop"]) }
    let e = SandboxTriggerTests.example
    let setUp = [
      "sandbox trigger set PreSignUp \(e("pre_sign_up.py"))",
      "sandbox trigger set PostConfirmation --command cat",
      "sandbox trigger set CustomMessage \(e("custom_message.py"))",
      "sandbox trigger set PreAuthentication --command cat",
      "sandbox trigger set PostAuthentication --command cat",
      "sandbox trigger set PreTokenGeneration --command cat",
      "sandbox trigger set UserMigration \(e("user_migration.py"))",
      SandboxTriggerTests.customAuth,
    ]
    #expect(try cogsh.run(["-c", setUp.joined(separator: "; ")]).status == 0)
    let flows = [
      "sign-up ana@example.org --password ana-pass-1 --client-metadata app=cogsh",
      "admin-confirm-sign-up ana@example.org",
      "forgot-password ana@example.org",
      "login ana@example.org --flow password --password ana-pass-1",
      "login ken@legacy.example --flow password --password old-pass-1",
      "login taro@example.com --flow custom; respond CUSTOM_CHALLENGE ANSWER=$CODE",
      "sandbox trigger set PreTokenGeneration --command cat --version V2_0; login taro@example.com --password taro-pass-1",
    ]
    var events: [JSON] = []
    for flow in flows {
      let r = try cogsh.run(["--trace", "-c", flow])
      #expect(r.status == 0, "\(flow): \(r.stderr)")
      events += r.stderr.split(separator: "\n").filter { $0.hasPrefix("~ event ") }.compactMap {
        try? JSON.parse(String($0.dropFirst("~ event ".count)))
      }
    }
    let seen = Set(events.compactMap { $0["triggerSource"]?.stringValue })
    for source in [
      "PreSignUp_SignUp", "PostConfirmation_ConfirmSignUp", "PreAuthentication_Authentication",
      "CustomMessage_SignUp", "CustomMessage_ForgotPassword",
      "PostAuthentication_Authentication", "TokenGeneration_Authentication", "UserMigration_Authentication",
      "DefineAuthChallenge_Authentication", "CreateAuthChallenge_Authentication",
      "VerifyAuthChallengeResponse_Authentication",
    ] {
      #expect(seen.contains(source), "no \(source) event among \(seen.sorted())")
    }
    for event in events {
      guard let fields = event.objectValue, let source = event["triggerSource"]?.stringValue else {
        Issue.record("not an event: \(event)")
        continue
      }
      let trigger =
        source.hasPrefix("TokenGeneration_") ? "PreTokenGeneration" : String(source.prefix { $0 != "_" })
      guard let page = Self.pages[trigger] else {
        Issue.record("no page for \(source)")
        continue
      }
      #expect(Set(fields.keys) == Self.common, "\(source): \(fields.keys.sorted())")
      #expect(Set(event["callerContext"]?.objectValue?.keys.map { $0 } ?? []) == ["awsSdkVersion", "clientId"])
      let request = Set(event["request"]?.objectValue?.keys.map { $0 } ?? [])
      let response = Set(event["response"]?.objectValue?.keys.map { $0 } ?? [])
      #expect(
        request.isSubset(of: page.request), "\(source) request \(request.subtracting(page.request)) not on \(page.page)"
      )
      #expect(
        response.isSubset(of: page.response),
        "\(source) response \(response.subtracting(page.response)) not on \(page.page)")
      if trigger != "UserMigration" {
        #expect(request.contains("userAttributes"), "\(source) has userAttributes, as \(page.page) lists")
      }
      #expect(event["version"]?.stringValue == (event["request"]?["scopes"] != nil ? "2" : "1"), "\(source)")
    }
    // clientMetadata reaches the trigger the command sends it to.
    #expect(events.contains { $0["request"]?["clientMetadata"]?["app"]?.stringValue == "cogsh" })
  }
}
