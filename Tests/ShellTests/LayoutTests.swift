import Auth
import Basics
import Cognito
import Foundation
import Testing

@testable import Shell

/// Text that lines up at any width, in any script.
@Suite("Layout")
struct LayoutTests {
  @Test("columns align by display width: CJK characters count two")
  func cjkWidth() {
    #expect(Table.displayWidth("日本語") == 6 && Table.displayWidth("é") == 1 && Table.displayWidth("e\u{301}") == 1)
    let text = Table.render([("名前", "a"), ("name", "b")])
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.map { Table.displayWidth(String($0.dropLast())) } == [6, 6], "\(lines)")
    let grid = Table.columns([["a", "CONFIRMED", "x"], ["bbb", "FORCE_CHANGE_PASSWORD", "y"]])
      .split(separator: "\n").map(String.init)
    #expect(
      grid[0].firstIndex(of: "x")?.utf16Offset(in: grid[0]) == grid[1].firstIndex(of: "y")?.utf16Offset(in: grid[1]))
  }

  @Test("a QR code that would wrap is not drawn; the window's width is named")
  func qrAtFortyColumns() throws {
    let uri = "otpauth://totp/pool:taro%40example.com?secret=ASDFASDFASDF&issuer=pool"
    let narrow = try #require(QRCode.forTerminal(uri, columns: 40))
    #expect(narrow.hasPrefix("(the QR code needs") && narrow.contains("this window has 40"))
    #expect(QRCode.forTerminal(uri, columns: nil) == QRCode.render(uri))
    #expect(QRCode.forTerminal(uri, columns: 200) == QRCode.render(uri))
  }

  @Test("NO_COLOR counts only when set and not empty; TERM=dumb and no terminal mean no colour")
  func colour() {
    #expect(Terminal.wantsColour(environment: ["NO_COLOR": ""], terminal: true))
    #expect(!Terminal.wantsColour(environment: ["NO_COLOR": "1"], terminal: true))
    #expect(!Terminal.wantsColour(environment: ["TERM": "dumb"], terminal: true))
    #expect(!Terminal.wantsColour(environment: [:], terminal: false))
  }

  @Test("every walkthrough step says what it does")
  func walkthroughTexts() {
    for w in Walkthroughs.all {
      for (n, step) in w.steps.enumerated() { #expect(!step.why.isEmpty, "\(w.name) step \(n + 1)") }
    }
  }
}

@Suite("Sandbox quirks")
struct SandboxQuirkTests {
  @Test("a changed auth_time on refresh is called moto's doing")
  func authTime() {
    #expect(SandboxQuirks.refreshNote(changedClaims: ["auth_time", "jti"])?.contains("moto") == true)
    #expect(SandboxQuirks.refreshNote(changedClaims: ["jti"]) == nil)
  }

  @Test("an email claim that is the sub is called moto's doing on the sandbox")
  func emailIsSub() throws {
    let token = b64url(#"{"alg":"RS256"}"#) + "." + b64url(#"{"sub":"u-1","email":"u-1","exp":1}"#) + ".c2ln"
    let jwt = try DecodedJWT.decode(token)
    #expect(TokenCommands.describe(jwt, now: 0, sandbox: true).contains("moto puts the sub here"))
    #expect(!TokenCommands.describe(jwt, now: 0, sandbox: false).contains("moto"))
  }
}

@Suite("Challenge hints")
struct ChallengeHintTests {
  static func challenge(_ name: String, _ params: [String: String] = [:], offered: [String]? = nil) -> PendingChallenge
  {
    PendingChallenge(
      name: ChallengeName(name), session: "s", parameters: params, username: "u", loginName: "u", isAdmin: false,
      receivedAt: 0,
      availableChallenges: offered)
  }

  @Test("each challenge's hint shows the keys it takes, from what the service offered")
  func hints() {
    #expect(
      ChallengeHints.answeringCommand(Self.challenge("SELECT_CHALLENGE", offered: ["EMAIL_OTP"]))
        == "respond SELECT_CHALLENGE ANSWER=EMAIL_OTP [PASSWORD=…]")
    #expect(
      ChallengeHints.answeringCommand(Self.challenge("SELECT_MFA_TYPE", ["MFAS_CAN_CHOOSE": #"["EMAIL_OTP"]"#]))
        == "respond SELECT_MFA_TYPE ANSWER=EMAIL_OTP")
    #expect(ChallengeHints.answerWords(Self.challenge("SMS_MFA")) == ["SMS_MFA_CODE="])
    #expect(ChallengeHints.lifetime(Self.challenge("X")).hasPrefix("3–15 minutes"))
    var known = Self.challenge("X")
    known.lifetime = 600
    #expect(ChallengeHints.lifetime(known) == "10 minutes, the app client's AuthSessionValidity")
    #expect(known.secondsLeft(now: 100) == 500)
  }
}

/// The layers' rule (design.md): Cognito and Session know nothing of the shell, so their words name no
/// shell command; hints that do are made in the shell.
@Suite("Layer rules")
struct LayerTests {
  @Test("known causes get a hint in the shell's words, unknown ones none")
  func hints() {
    let secret = ServiceError(
      code: "NotAuthorizedException", serviceMessage: "Unable to verify secret hash for client abc", httpStatus: 400,
      action: "InitiateAuth")
    #expect(ServiceHints.hint(for: CognitoError.service(secret))?.contains("set client-secret") == true)
    let odd = ServiceError(code: "SomethingNewException", serviceMessage: "x", httpStatus: 400, action: "X")
    #expect(ServiceHints.hint(for: CognitoError.service(odd)) == nil)
    #expect(Printer.describe(CognitoError.service(secret)).1?.contains("set client-secret") == true)
  }

  @Test("Sources/Cognito and Sources/Auth name no shell command in what they say")
  func lowerLayersNameNoCommand() throws {
    let commands = Set(Registry.allNames)
    for module in ["Sources/Cognito", "Sources/Auth"] {
      let files = FileManager.default.enumerator(atPath: Project.path(module))?.allObjects as? [String] ?? []
      for file in files where file.hasSuffix(".swift") {
        let text = try String(contentsOfFile: Project.path("\(module)/\(file)"), encoding: .utf8)
        // What the code says, not its comments: a command in backquotes (`login`, `set client-secret`),
        // or a shell flag (--flow), in the text of a line.
        for raw in text.split(separator: "\n") where !raw.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
          let line = String(raw.components(separatedBy: " // ").first ?? "")
          for quoted in line.components(separatedBy: "`").enumerated().filter({ $0.offset % 2 == 1 }).map(\.element) {
            let word = String(quoted.split(separator: " ").first ?? "")
            #expect(!commands.contains(word), "\(module)/\(file) names the shell command `\(quoted)`")
          }
          #expect(!line.contains("--flow") && !line.contains("sandbox status"), "\(module)/\(file): \(line)")
        }
      }
    }
  }

  @Test("Sources/Shell sends no cognito-idp action but through `call` and the administration table")
  func shellSendsNoAction() throws {
    // The generic paths: `call ACTION` and the admin commands declared as rows (name, action, summary).
    let generic: Set<String> = ["AdminCommands.swift", "PoolAdminCommands.swift"]
    let actionConstants = try NSRegularExpression(pattern: #"static let (\w+) = Action\("#)
    let service = try String(contentsOfFile: Project.path("Sources/Cognito/Service.swift"), encoding: .utf8)
    let names = actionConstants.matches(in: service, range: NSRange(service.startIndex..., in: service)).compactMap {
      Range($0.range(at: 1), in: service).map { String(service[$0]) }
    }
    #expect(names.count >= 20, "the Action constants were found")
    let uses = try NSRegularExpression(
      pattern: #"\.call\(|Action\(|[(:,=]\s*\.("# + names.joined(separator: "|") + #")\b"#)
    let files = FileManager.default.enumerator(atPath: Project.path("Sources/Shell"))?.allObjects as? [String] ?? []
    #expect(files.count > 20)
    for file in files where file.hasSuffix(".swift") && !generic.contains(String(file.split(separator: "/").last ?? ""))
    {
      let text = try String(contentsOfFile: Project.path("Sources/Shell/\(file)"), encoding: .utf8)
      for line in text.split(separator: "\n").map(String.init)
      where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") {
        let found = uses.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
        #expect(!found, "Sources/Shell/\(file) sends an action itself: \(line)")
      }
    }
  }

  /// The Shell files that may import Cognito, and why: each speaks the wire on purpose or names its errors.
  static let mayImportCognito: [String: String] = [
    "AdminCommands.swift": "the generic path: `call` and the admin-create-user row send an Action",
    "PoolAdminCommands.swift": "the administration table: one Action per row",
    "Completer.swift": "completes `call`'s action names from the Operations list",
    "AWSScript.swift": "writes the exchanges of the flight recorder as an aws CLI script",
    "DebugCommands.swift": "`log` and `show` print the flight recorder's exchanges",
    "TraceText.swift": "--trace prints each exchange",
    "StepPreview.swift": "a rehearsal prints the request it stopped",
    "SRPExplanation.swift": "shows a trainee SRP's values",
    "Program.swift": "the composition root: the transport and the AWS environment",
    "ShellContext.swift": "the composition root: the transport the account shares",
    "Printer.swift": "prints the service's errors and retries",
    "ServiceHints.swift": "hints for service errors by exception name",
    "Explainer.swift": "recognises a refused connection and InvalidPasswordException",
    "AuthCommands.swift": "recognises a refused sign-in to give its hint",
    "HostedCommands.swift": "Ctrl-C while waiting for the browser; the redirect must be loopback",
    "Walkthroughs.swift": "Ctrl-C between steps",
    "UserFile.swift": "Ctrl-C while writing a file",
    "Questions.swift": "a rehearsal stops at a question with the rehearsal's stop",
  ]

  @Test("Shell files reach Cognito only where listed: the others render what Account returns")
  func shellImportsCognitoOnlyWhereListed() throws {
    let files = FileManager.default.enumerator(atPath: Project.path("Sources/Shell"))?.allObjects as? [String] ?? []
    var importing: Set<String> = []
    for file in files where file.hasSuffix(".swift") {
      let text = try String(contentsOfFile: Project.path("Sources/Shell/\(file)"), encoding: .utf8)
      guard text.split(separator: "\n").contains(where: { $0 == "import Cognito" }) else { continue }
      let name = String(file.split(separator: "/").last ?? "")
      importing.insert(name)
      #expect(Self.mayImportCognito[name] != nil, "Sources/Shell/\(file) imports Cognito but is not on the list")
    }
    // A listed file that no longer needs it comes off the list.
    for name in Self.mayImportCognito.keys {
      #expect(importing.contains(name), "\(name) is listed but imports no Cognito")
    }
  }

  @Test("no public Account method returns JSON but the generic call: each returns what the answer means")
  func accountReturnsTypes() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: Project.path("Sources/Auth"))
      .filter { $0.hasPrefix("Account") && $0.hasSuffix(".swift") }
    #expect(files.count >= 5)
    var methods = 0
    for file in files {
      let text = try String(contentsOfFile: Project.path("Sources/Auth/\(file)"), encoding: .utf8)
      // A signature may run over lines; its return type is what follows the last `->` before the `{`.
      for chunk in text.components(separatedBy: "public func ").dropFirst() {
        let signature = chunk.prefix { $0 != "{" }
        let name = signature.prefix { $0 != "(" && $0 != "<" }
        let returns = signature.components(separatedBy: "->").dropFirst().last ?? ""
        methods += 1
        #expect(name == "call" || !returns.contains("JSON"), "Account.\(name) returns \(returns)")
      }
    }
    #expect(methods > 40, "the methods were found")
  }

  @Test("the lower layers read no environment of their own: the program passes what they need")
  func noEnvironmentBelowTheShell() throws {
    for module in ["Sources/Basics", "Sources/Cognito", "Sources/Auth"] {
      let files = FileManager.default.enumerator(atPath: Project.path(module))?.allObjects as? [String] ?? []
      #expect(!files.isEmpty)
      for file in files where file.hasSuffix(".swift") {
        let text = try String(contentsOfFile: Project.path("\(module)/\(file)"), encoding: .utf8)
        #expect(!text.contains("processInfo.environment") && !text.contains("getenv("), "\(module)/\(file)")
      }
    }
  }

  @Test("a rehearsal is stand-ins given to the operation, not a flag read from anywhere: no task-local in Sources")
  func noTaskLocal() throws {
    for module in ["Sources/Cognito", "Sources/Auth", "Sources/Shell"] {
      let files = FileManager.default.enumerator(atPath: Project.path(module))?.allObjects as? [String] ?? []
      for file in files where file.hasSuffix(".swift") {
        let text = try String(contentsOfFile: Project.path("\(module)/\(file)"), encoding: .utf8)
        #expect(!text.contains("@TaskLocal") && !text.contains("Rehearsal.isOn"), "\(module)/\(file)")
      }
    }
  }

  @Test("no force-unwrap in Sources but OpenSSL's allocation invariants and the SRP prime's literal")
  func noForceUnwraps() throws {
    let allowed = ["BN_new()!", "BN_CTX_new()!", "owning: p!", "FFFFFFFFFFFFFFFF\")!"]
    let pattern = try NSRegularExpression(pattern: #"[A-Za-z0-9_)\]}"]!(?!=)"#)
    for module in ["Sources/Cognito", "Sources/Auth", "Sources/Shell"] {
      let files = FileManager.default.enumerator(atPath: Project.path(module))?.allObjects as? [String] ?? []
      for file in files where file.hasSuffix(".swift") {
        let text = try String(contentsOfFile: Project.path("\(module)/\(file)"), encoding: .utf8)
        for line in text.split(separator: "\n").map(String.init)
        where !line.trimmingCharacters(in: .whitespaces).hasPrefix("//") && !allowed.contains(where: line.contains) {
          let found = pattern.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)) != nil
          #expect(!found, "\(module)/\(file): \(line)")
        }
      }
    }
  }
}
