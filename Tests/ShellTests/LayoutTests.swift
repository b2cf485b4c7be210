import Foundation
import Session
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
  @Test("a changed auth_time on refresh is called moto's doing on the sandbox, and only there")
  func authTime() {
    #expect(
      AccountCommands.sandboxQuirk(changedClaims: ["auth_time", "jti"], isSandbox: true)?.contains("moto") == true)
    #expect(AccountCommands.sandboxQuirk(changedClaims: ["auth_time"], isSandbox: false) == nil)
    #expect(AccountCommands.sandboxQuirk(changedClaims: ["jti"], isSandbox: true) == nil)
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
      name: name, session: "s", parameters: params, username: "u", loginName: "u", isAdmin: false, receivedAt: 0,
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
    #expect(ChallengeHints.lifetime(known) == "10 minutes (the app client's AuthSessionValidity)")
    #expect(known.secondsLeft(now: 100) == 500)
  }
}
