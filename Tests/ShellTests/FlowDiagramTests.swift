import Basics
import Cognito
import Foundation
import Testing

@testable import Auth
@testable import Shell

/// The pieces of `log --diagram`: who an exchange is between and what it hands over, the recording's
/// lines, the drawing at every width, Mermaid's escapes.
@Suite("Flow diagrams")
struct FlowDiagramTests {
  static func exchange(
    _ number: Int, _ action: String, service: String = "cognito-idp", url: String = "https://cognito-idp.test/",
    method: String = "POST", request: String = "{}", status: Int = 200, response: String = "{}",
    headers: [(String, String)] = [], command: String = "login"
  ) -> Exchange {
    let event = TraceEvent(
      action: action, url: url, method: method, requestHeaders: headers, requestBody: request, status: status,
      responseHeaders: [], responseBody: response, milliseconds: 12.5, service: service)
    return Exchange(
      number: number, at: 1_800_000_000 + Double(number), command: command, event: event,
      outcome: FlightRecorder.outcome(of: event))
  }

  /// A session touching every party: a challenge answered with a trigger, managed login in the browser,
  /// the token endpoint, an identity pool, STS, the sandbox's outbox.
  static let session: [Exchange] = [
    exchange(
      1, "InitiateAuth",
      request: #"{"AuthFlow":"USER_SRP_AUTH","AuthParameters":{"USERNAME":"a","SRP_A":"<redacted>"}}"#,
      response: #"{"ChallengeName":"PASSWORD_VERIFIER","ChallengeParameters":{},"Session":"<redacted>"}"#),
    exchange(
      2, "RespondToAuthChallenge",
      request:
        #"{"Session":"<redacted>","ChallengeResponses":{"USERNAME":"a","PASSWORD_CLAIM_SIGNATURE":"<redacted>"}}"#,
      response: #"{"ChallengeName":"SOFTWARE_TOKEN_MFA","Session":"<redacted>"}"#),
    exchange(
      3, "RespondToAuthChallenge",
      request:
        #"{"Session":"<redacted>","ChallengeResponses":{"USERNAME":"a","SOFTWARE_TOKEN_MFA_CODE":"<redacted>"}}"#,
      response: #"{"AuthenticationResult":{"AccessToken":"<redacted>"}}"#),
    exchange(4, "PreTokenGeneration trigger (TokenGeneration_Authentication)", method: "INVOKE"),
    exchange(
      5, "authorize (in the browser)", service: "",
      url: "https://d.auth.test/oauth2/authorize?response_type=code&state=s&code_challenge=c", method: "BROWSER",
      response: #"{"code":"<redacted>","state":"s"}"#, command: "login"),
    exchange(
      6, "token (/oauth2/token, authorization code)", service: "", url: "http://127.0.0.1:1/managed-login/oauth2/token",
      request: "grant_type=authorization_code&code=<redacted>&code_verifier=<redacted>",
      response: #"{"id_token":"<redacted>","access_token":"<redacted>"}"#),
    exchange(
      7, "JWKS (the pool's signing keys)", service: "", url: "http://127.0.0.1:1/us-east-1_X/.well-known/jwks.json",
      method: "GET", command: "jwt verify"),
    exchange(
      8, "GetId", service: "cognito-identity", request: #"{"Logins":{"p":"<redacted>"}}"#,
      response: #"{"IdentityId":"us-east-1:x"}"#, command: "identity credentials"),
    exchange(
      9, "AssumeRoleWithWebIdentity", service: "sts",
      request: "Action=AssumeRoleWithWebIdentity&WebIdentityToken=<redacted>",
      response: "<AssumeRoleWithWebIdentityResponse><Credentials>…</Credentials></AssumeRoleWithWebIdentityResponse>",
      command: "identity credentials"),
    exchange(
      10, "the sandbox's outbox", service: "", url: "http://127.0.0.1:1/sandbox-api/outbox?to=a", method: "GET",
      command: "mailbox"),
    exchange(
      11, "InitiateAuth", request: #"{"AuthParameters":{"USERNAME":"a","PASSWORD":"<redacted>"}}"#, status: 400,
      response: #"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#),
  ]

  @Test("each exchange is between the parties its service and path name, and carries what its members name")
  func steps() {
    let s = FlowStep.steps(Self.session)
    #expect(
      s.map(\.to) == [
        .userPool, .userPool, .userPool, .triggers, .browser, .managedLogin, .userPool, .identityPool, .sts, .sandbox,
        .userPool,
      ])
    #expect(s[3].from == .userPool && s[3].kind == .trigger && s[3].label == "PreTokenGeneration")
    #expect(s[0].sent == [.srpA] && s[0].received == [.session] && s[0].outcome == "PASSWORD_VERIFIER")
    #expect(s[1].sent == [.session, .srpProof])
    #expect(s[2].sent == [.session, .code] && s[2].received == [.tokens])
    #expect(s[4].kind == .browser && s[4].sent == [.state, .pkceChallenge] && s[4].received == [.code])
    #expect(s[5].label == "POST /oauth2/token" && s[5].sent == [.code, .pkceVerifier] && s[5].received == [.tokens])
    #expect(s[6].label == "GET /.well-known/jwks.json")
    #expect(s[7].sent == [.idToken] && s[7].received == [.identityId])
    #expect(s[8].sent == [.openIdToken] && s[8].received == [.awsCredentials])
    #expect(s[9].label == "GET outbox")
    #expect(s[10].failed && s[10].outcome == "NotAuthorizedException" && s[10].received.isEmpty)
  }

  @Test("a recording's #@exchange line reads back as the step it was written from, and holds no value")
  func lines() {
    for step in FlowStep.steps(Self.session) {
      #expect(FlowStep(line: step.line) == step)
      #expect(!step.line.contains("<redacted>") && !step.line.contains("state=s"))
    }
    #expect(FlowStep(line: "#@exchange {\"number\": 1}") == nil)
    #expect(FlowStep(line: "login a") == nil)
    // A recording is a file anyone may have written: numbers past what an exchange has are refused, a time
    // past any is held to one, and nothing traps.
    let good = FlowStep.steps(Self.session)[0].json.objectValue ?? [:]
    for (name, value) in [
      ("number", 1e300), ("number", -1), ("number", 1.5), ("status", 1e19), ("status", -200), ("at", 1e300),
    ] {
      var o = good
      o[name] = .number(value)
      #expect(FlowStep(line: FlowStep.linePrefix + JSON.object(o).serialized()) == nil, "\(name) \(value)")
    }
    var hostile = good
    hostile["label"] = .string("Initiate\nAuth\u{1B}[2J")
    let shown = FlowStep(line: FlowStep.linePrefix + JSON.object(hostile).serialized())
    #expect(
      shown.map { !$0.label.contains("\n") && !$0.label.contains("\u{1B}") } == true, "\(String(describing: shown))")
    var slow = good
    slow["milliseconds"] = .number(1e300)
    let step = FlowStep(line: FlowStep.linePrefix + JSON.object(slow).serialized())
    #expect(step.map(FlowLabels.time) == "99h59m")
    #expect(step.map { SequenceDiagram.draw([$0], width: 40, words: .english).contains("99h59m") } == true)
  }

  @Test("the drawing fits every width from 30 to 120 columns in both languages, and loses no exchange")
  func widths() throws {
    let steps = FlowStep.steps(Self.session)
    var lines: [String] = []
    var limits: [Int] = []
    for language in ["en", "ja"] {
      for width in 30...120 {
        let text = SequenceDiagram.draw(steps, width: width, words: DiagramWords.of(language))
        let drawn = text.split(separator: "\n").map(String.init)
        lines += drawn
        limits += Array(repeating: width, count: drawn.count)
        for step in steps { #expect(text.contains("#\(step.number) "), "\(language) \(width): #\(step.number)") }
        // An arrowhead for every request and every answer, two for the browser's unseen part.
        let heads = drawn.map { $0.filter { $0 == "▶" || $0 == "◀" }.count }.reduce(0, +)
        #expect(heads == 2 * steps.count + 2, "\(language) \(width)")
      }
    }
    for (line, (columns, width)) in zip(lines, zip(try DiagramGoldenTests.columns(lines), limits)) {
      #expect(columns <= width, "\(columns) columns at \(width): \(line)")
    }
  }

  @Test("a trigger's run is drawn between its call and the call's answer")
  func triggerInside() {
    let text = SequenceDiagram.draw(FlowStep.steps(Self.session), width: 100, words: .english)
    let lines = text.split(separator: "\n").map(String.init)
    let call = lines.firstIndex { $0.contains("#3 ") } ?? -1
    let trigger = lines.firstIndex { $0.contains("PreTokenGeneration") } ?? -1
    let answer = lines.firstIndex { $0.contains("200 [tokens]") } ?? -1
    #expect(call >= 0 && call < trigger && trigger < answer)
  }

  @Test("Mermaid's text: a message's #, ;, < and > are entity codes, a refusal ends in a cross")
  func mermaid() {
    #expect(MermaidDiagram.escaped("#5 a;b <c>") == "#35;5 a#59;b #60;c#62;")
    let text = MermaidDiagram.text(FlowStep.steps(Self.session), words: .english)
    #expect(text.hasPrefix("sequenceDiagram\n    participant cogsh as cogsh\n"))
    #expect(text.contains("UserPool--xcogsh: 400 NotAuthorizedException"))
    #expect(text.contains("Browser--)ManagedLogin:"))
    #expect(!text.split(separator: "\n").dropFirst().contains { $0.dropFirst(4).contains(";") && !$0.contains("#") })
  }

  @Test("log's bad options are named: a width too small, --to before --from, a format, a file with no exchanges")
  func refusals() throws {
    let cogsh = Cogsh()
    let empty = cogsh.home.path + "/empty.cogsh"
    try "login a\n".write(toFile: empty, atomically: true, encoding: .utf8)
    for (line, status, words) in [
      ("log --diagram --width 20", 2, "--width takes columns from 30 to 1000"),
      ("log --diagram --from 5 --to 3", 2, "--to 3 comes before --from 5"),
      ("log --diagram --format svg", 2, "invalid format \"svg\" (expected text, mermaid)"),
      ("log --width 50", 2, "--width is for --diagram"), ("log --from 0", 2, "--from takes an exchange's number"),
      ("log --diagram \(empty)", 1, "holds no exchanges"), ("log --diagram", 0, "no exchanges to draw"),
    ] {
      let r = try cogsh.run(["-c", line])
      #expect(r.status == Int32(status) && (r.stdout + r.stderr).contains(words), "\(line): \(r.stdout)\(r.stderr)")
    }
  }
}
