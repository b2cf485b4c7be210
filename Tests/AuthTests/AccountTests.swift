import Basics
import Cognito
import Foundation
import Testing

@testable import Auth

/// A scripted Cognito: answers each action from its queue, in order, and records every request.
final class ScriptedCognito: HTTPTransport {
  struct Sent {
    var action: String
    var body: JSON
  }
  var queues: [String: [(Int, JSON)]] = [:]
  var sent: [Sent] = []

  /// Queues `body` (status 200) as the next answer to `action`.
  func answer(_ action: String, _ body: JSON) { queues[action, default: []].append((200, body)) }

  /// Queues a refusal with the service's exception name and message.
  func refuse(_ action: String, _ code: String, _ message: String) {
    queues[action, default: []].append((400, ["__type": .string(code), "message": .string(message)]))
  }

  func send(_ request: HTTPRequest) throws -> HTTPResponse {
    let target = request.headers.first { $0.0 == "X-Amz-Target" }?.1 ?? ""
    let action = String(target.split(separator: ".").last ?? "")
    let body = try JSON.parse(bytes: request.body)
    sent.append(Sent(action: action, body: body))
    guard var queue = queues[action], !queue.isEmpty else {
      return HTTPResponse(
        status: 400, headers: [],
        body: Array(#"{"__type":"UnscriptedException","message":"no answer scripted"}"#.utf8))
    }
    let (status, answer) = queue.removeFirst()
    queues[action] = queue
    return HTTPResponse(status: status, headers: [], body: Array(answer.serialized().utf8))
  }

  /// The requests for `action`.
  func bodies(_ action: String) -> [JSON] { sent.filter { $0.action == action }.map(\.body) }
}

/// `Account` over a scripted transport: every challenge, every automatic answer, and where each
/// challenge's Session goes, with no server.
@Suite("Account (scripted transport)")
struct AccountTests {
  static let pool = "us-east-1_AbCdEf123"
  static let secret = "client-secret"

  final class Fixture {
    let home = NSTemporaryDirectory() + "cogsh-account-" + UUID().uuidString
    let cognito = ScriptedCognito()
    let account: Account
    var now: Double = 1_764_144_309

    init(poolId: String = AccountTests.pool, awsKeys: Bool = false) {
      var variables = ["AWS_EC2_METADATA_DISABLED": "true"]
      if awsKeys { (variables["AWS_ACCESS_KEY_ID"], variables["AWS_SECRET_ACCESS_KEY"]) = ("AKIDEXAMPLE", "secret") }
      let configuration = Configuration(
        store: SessionStore(home: home), aws: AWSEnvironment(variables: variables),
        overrides: Profile(
          poolId: poolId, clientId: "client-1", clientSecret: AccountTests.secret, region: "us-east-1",
          endpointURL: "http://127.0.0.1:9"),
        explicitProfile: "default", transport: cognito)
      account = Account(configuration: configuration, transport: cognito, clock: { 0 })
      account.clock = { [unowned self] in self.now }
      account.wait = { _ in }
    }

    deinit { try? FileManager.default.removeItem(atPath: home) }
  }

  static func tokens(_ sub: String = "sub-1") -> JSON {
    let claims = #"{"sub":"\#(sub)","cognito:username":"internal-1","token_use":"id","exp":4102444800}"#
    return [
      "AuthenticationResult": [
        "AccessToken": "access-1", "IdToken": .string(b64url(#"{"alg":"RS256"}"#) + "." + b64url(claims) + ".c2ln"),
        "RefreshToken": "refresh-1", "ExpiresIn": 3600, "TokenType": "Bearer",
      ]
    ]
  }

  static func challenge(_ name: String, session: String, _ params: [String: String] = [:]) -> JSON {
    [
      "ChallengeName": .string(name), "Session": .string(session),
      "ChallengeParameters": .strings(["USERNAME": "internal-1"].merging(params) { _, new in new }),
    ]
  }

  /// The challenges the user answers, with an answer each takes.
  static let userAnswered: [(String, [String: String])] = [
    ("NEW_PASSWORD_REQUIRED", ["NEW_PASSWORD": "N3w-pass!"]),
    ("SOFTWARE_TOKEN_MFA", ["SOFTWARE_TOKEN_MFA_CODE": "123456"]),
    ("SMS_MFA", ["SMS_MFA_CODE": "123456"]), ("EMAIL_OTP", ["EMAIL_OTP_CODE": "12345678"]),
    ("SMS_OTP", ["SMS_OTP_CODE": "123456"]), ("SELECT_CHALLENGE", ["ANSWER": "EMAIL_OTP"]),
    ("SELECT_MFA_TYPE", ["ANSWER": "SOFTWARE_TOKEN_MFA"]), ("CUSTOM_CHALLENGE", ["ANSWER": "42"]),
    ("A_CHALLENGE_FROM_THE_FUTURE", ["WHATEVER": "x"]),
  ]

  @Test("an operation is given its command and ClientMetadata; they end with it, even when it throws")
  func perCallContext() throws {
    let f = Fixture()
    f.cognito.answer("SignUp", ["UserConfirmed": true, "UserSub": "u-1"])
    _ = try f.account.perform(CallContext(command: "sign-up", clientMetadata: ["tenant": "t1"])) {
      try f.account.signUp("taro", password: "Passw0rd!", attributes: [])
    }
    #expect(f.cognito.bodies("SignUp").first?["ClientMetadata"] == ["tenant": "t1"])
    #expect(f.account.recorder.exchanges.last?.command == "sign-up")
    #expect(f.account.call == .startUp)
    // A throwing operation leaves nothing behind for the next.
    #expect(throws: (any Error).self) {
      try f.account.perform(CallContext(command: "confirm-sign-up", clientMetadata: ["tenant": "t2"])) {
        _ = try f.account.confirmSignUp("taro", code: "1")
      }
    }
    #expect(f.account.recorder.exchanges.last?.command == "confirm-sign-up")
    #expect(f.account.call == .startUp)
    f.cognito.answer("ResendConfirmationCode", [:])
    _ = try f.account.resendConfirmationCode("taro")
    #expect(f.cognito.bodies("ResendConfirmationCode").first?["ClientMetadata"] == nil)
    #expect(f.account.recorder.exchanges.last?.command == "(start-up)")
  }

  @Test("storing a challenge is storing: with AWS keys that could read its lifetime, only InitiateAuth is sent")
  func storingSendsNothing() throws {
    let f = Fixture(awsKeys: true)
    #expect(f.account.configuration.credentials() != nil, "the keys are there to be used")
    f.cognito.answer("InitiateAuth", Self.challenge("NEW_PASSWORD_REQUIRED", session: "s-1"))
    let report = try f.account.signIn("taro", flow: .password, password: "Passw0rd!")
    guard case .challenge(let pending) = report.step else { throw AccountError.nobodySignedIn }
    #expect(f.cognito.sent.map(\.action) == ["InitiateAuth"])
    let stored = try f.account.state().challenge?.session
    #expect(pending.lifetime == nil && stored == "s-1")
  }

  @Test("every challenge the user answers: stored with its Session, answered with it, USERNAME and SECRET_HASH added")
  func userAnsweredChallenges() throws {
    #expect(
      Set(Self.userAnswered.map { ChallengeName($0.0) }).isSuperset(
        of: ChallengeName.table.map(\.name).filter { !$0.isAnsweredAutomatically && $0 != .mfaSetup && $0 != .webAuthn }
      ),
      "the table covers every challenge the user answers")
    for (name, answers) in Self.userAnswered {
      let f = Fixture()
      f.cognito.answer("InitiateAuth", Self.challenge(name, session: "session-\(name)"))
      let report = try f.account.signIn("taro", flow: .password, password: "Passw0rd!")
      guard case .challenge(let pending) = report.step else {
        Issue.record("\(name): no challenge")
        continue
      }
      #expect(pending.name.rawValue == name && pending.username == "internal-1" && pending.loginName == "taro")
      #expect(try f.account.state().challenge?.session == "session-\(name)", "\(name) stored with its Session")

      f.cognito.answer("RespondToAuthChallenge", Self.tokens())
      let done = try f.account.answer(name, answers)
      guard case .signedIn(let user) = done.step else {
        Issue.record("\(name): not signed in")
        continue
      }
      let sent = try #require(f.cognito.bodies("RespondToAuthChallenge").first)
      #expect(sent["Session"]?.stringValue == "session-\(name)")
      #expect(sent["ChallengeName"]?.stringValue == name)
      let responses = sent["ChallengeResponses"]?.stringMap ?? [:]
      #expect(responses["USERNAME"] == "internal-1", "\(name): the internal username, not the alias typed")
      #expect(
        responses["SECRET_HASH"]
          == SecretHash.compute(username: "internal-1", clientId: "client-1", clientSecret: Self.secret))
      for (k, v) in answers { #expect(responses[k] == v, "\(name): \(k)") }
      #expect(user.username == "taro" && user.internalUsername == "internal-1")
      let state = try f.account.state()
      #expect(
        state.challenge == nil && state.currentUser == "taro" && state.users["taro"]?.tokens.accessToken == "access-1")
    }
  }

  @Test("PASSWORD_VERIFIER is answered by itself with pycognito's claim for the vector's values")
  func passwordVerifier() throws {
    let vectors = try JSON.parse(
      Data(
        contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
          .appendingPathComponent("Vectors/srp-pycognito.json")))
    for c in vectors["cases"]?.arrayValue ?? [] {
      func s(_ k: String) -> String { c[k]?.stringValue ?? "" }
      let f = Fixture(poolId: s("poolId"))
      f.now = c["epochSeconds"]?.numberValue ?? Double(s("epochSeconds")) ?? 0
      let a = try #require(BigNum(hex: s("a")))
      f.account.randomA = { a }
      f.cognito.answer(
        "InitiateAuth",
        Self.challenge(
          "PASSWORD_VERIFIER", session: "srp-session",
          [
            // USERNAME as typed; the answer carries USER_ID_FOR_SRP, as amazon-cognito-identity-js,
            // Amplify and pycognito send it.
            "USER_ID_FOR_SRP": s("userIdForSrp"), "USERNAME": "taro@example.com", "SRP_B": s("srpB"), "SALT": s("salt"),
            "SECRET_BLOCK": s("secretBlock"),
          ]))
      f.cognito.answer("RespondToAuthChallenge", Self.tokens())
      let report = try f.account.signIn("taro@example.com", flow: .srp, password: s("password"))
      guard case .signedIn = report.step else {
        Issue.record("\(s("name")): not signed in")
        continue
      }
      let initiate = try #require(f.cognito.bodies("InitiateAuth").first)
      #expect(initiate["AuthParameters"]?["SRP_A"]?.stringValue?.hasSuffix(s("srpA")) == true, "\(s("name"))")
      let answer = try #require(f.cognito.bodies("RespondToAuthChallenge").first)
      #expect(answer["Session"]?.stringValue == "srp-session")
      let r = answer["ChallengeResponses"]?.stringMap ?? [:]
      #expect(r["PASSWORD_CLAIM_SIGNATURE"] == s("passwordClaimSignature"), "\(s("name"))")
      #expect(r["TIMESTAMP"] == s("timestamp") && r["USERNAME"] == s("userIdForSrp"))
      #expect(r["PASSWORD_CLAIM_SECRET_BLOCK"] == s("secretBlock"))
      #expect(report.srpTraces.count == 1)
    }
  }

  @Test(
    "a remembered device: DEVICE_SRP_AUTH and DEVICE_PASSWORD_VERIFIER answered by themselves, each with its Session")
  func deviceChallenges() throws {
    let f = Fixture()
    let device = DeviceRecord(deviceKey: "us-east-1_dev-1", groupKey: "group-1", password: "device-password")
    try f.account.update { $0.devices = ["taro": device] }
    f.cognito.answer("InitiateAuth", Self.challenge("DEVICE_SRP_AUTH", session: "d1"))
    f.cognito.answer(
      "RespondToAuthChallenge",
      Self.challenge(
        "DEVICE_PASSWORD_VERIFIER", session: "d2",
        [
          "SRP_B": "c16d196a19e5c3c342ca74283f0e08746f87f6bde875c2f650ffe30fca54", "SALT": "1f2e",
          "SECRET_BLOCK": "AAEC",
        ]))
    f.cognito.answer("RespondToAuthChallenge", Self.tokens())
    let report = try f.account.signIn("taro", flow: .password, password: "pw")
    guard case .signedIn = report.step else {
      Issue.record("not signed in")
      return
    }
    #expect(f.cognito.bodies("InitiateAuth").first?["AuthParameters"]?["DEVICE_KEY"]?.stringValue == device.deviceKey)
    let answers = f.cognito.bodies("RespondToAuthChallenge")
    #expect(answers.map { $0["ChallengeName"]?.stringValue } == ["DEVICE_SRP_AUTH", "DEVICE_PASSWORD_VERIFIER"])
    #expect(answers.map { $0["Session"]?.stringValue } == ["d1", "d2"])
    let first = answers[0]["ChallengeResponses"]?.stringMap ?? [:]
    #expect(first["SRP_A"] != nil && first["DEVICE_KEY"] == device.deviceKey && first["USERNAME"] == "internal-1")
    let second = answers[1]["ChallengeResponses"]?.stringMap ?? [:]
    #expect(second["PASSWORD_CLAIM_SIGNATURE"] != nil && second["DEVICE_KEY"] == device.deviceKey)
    #expect(try f.account.state().challenge == nil)
  }

  @Test("without the password or a device, the automatic challenges are left to the user, Session kept")
  func automaticWithoutSecrets() throws {
    for name in ["DEVICE_SRP_AUTH", "PASSWORD_VERIFIER"] {
      let f = Fixture()
      f.cognito.answer("InitiateAuth", Self.challenge(name, session: "s-\(name)"))
      let report = try f.account.signIn("taro", flow: .userAuth(preferred: nil), password: nil)
      guard case .challenge(let c) = report.step else {
        Issue.record("\(name): answered without what it needs")
        continue
      }
      #expect(c.name.rawValue == name && c.session == "s-\(name)" && f.cognito.bodies("RespondToAuthChallenge").isEmpty)
    }
  }

  @Test("MFA_SETUP: each Session goes from AssociateSoftwareToken to VerifySoftwareToken to the answer")
  func mfaSetup() throws {
    let f = Fixture()
    f.cognito.answer("InitiateAuth", Self.challenge("MFA_SETUP", session: "m1"))
    _ = try f.account.signIn("taro", flow: .password, password: "pw")
    f.cognito.answer("AssociateSoftwareToken", ["SecretCode": "JBSWY3DPEHPK3PXP", "Session": "m2"])
    let setup = try f.account.setUpTOTP()
    #expect(setup.secret == "JBSWY3DPEHPK3PXP" && setup.account == "taro" && setup.issuer == Self.pool)
    #expect(f.cognito.bodies("AssociateSoftwareToken").first?["Session"]?.stringValue == "m1")
    #expect(try f.account.state().challenge?.session == "m2")
    #expect(try f.account.currentTOTPCode() == TOTP.code(secret: "JBSWY3DPEHPK3PXP", epochSeconds: Int(f.now)))
    f.cognito.answer("VerifySoftwareToken", ["Status": "SUCCESS", "Session": "m3"])
    f.cognito.answer("RespondToAuthChallenge", Self.tokens())
    guard case .signedIn(let report) = try f.account.verifyTOTP(code: "123456", deviceName: "phone"),
      case .signedIn = report.step
    else {
      Issue.record("not signed in")
      return
    }
    let verify = try #require(f.cognito.bodies("VerifySoftwareToken").first)
    #expect(verify["Session"]?.stringValue == "m2" && verify["FriendlyDeviceName"]?.stringValue == "phone")
    let answer = try #require(f.cognito.bodies("RespondToAuthChallenge").first)
    #expect(answer["Session"]?.stringValue == "m3" && answer["ChallengeName"]?.stringValue == "MFA_SETUP")
  }

  @Test("WEB_AUTHN without a passkey for its relying party is refused before anything is sent, and stays pending")
  func webAuthnWithoutPasskey() throws {
    let f = Fixture()
    let options = #"{"challenge":"abc","rpId":"example.com"}"#
    f.cognito.answer(
      "InitiateAuth", Self.challenge("WEB_AUTHN", session: "w1", ["CREDENTIAL_REQUEST_OPTIONS": options]))
    _ = try f.account.signIn("taro", flow: .userAuth(preferred: "WEB_AUTHN"), password: nil)
    #expect(throws: AccountError.needsPasskey(rpId: "example.com")) { try f.account.answer("WEB_AUTHN", [:]) }
    #expect(f.cognito.bodies("RespondToAuthChallenge").isEmpty)
    #expect(try f.account.state().challenge?.session == "w1")
  }

  @Test("passkey register keeps the key 0600 once the pool accepts it; WEB_AUTHN is then answered with an assertion")
  func passkeyRegisterAndSignIn() throws {
    let f = Fixture()
    f.cognito.answer("InitiateAuth", Self.tokens())
    _ = try f.account.signIn("taro", flow: .password, password: "Passw0rd!")
    f.cognito.answer(
      "StartWebAuthnRegistration",
      [
        "CredentialCreationOptions": [
          "challenge": "Y2hhbGxlbmdl", "rp": ["id": "example.com", "name": "example"],
          "user": ["id": "dXNlcg", "name": "taro"], "pubKeyCredParams": [["type": "public-key", "alg": -7]],
        ]
      ])
    f.cognito.answer("CompleteWebAuthnRegistration", [:])
    let registered = try f.account.registerPasskey()
    let sent = try #require(f.cognito.bodies("CompleteWebAuthnRegistration").first)
    #expect(sent["Credential"]?["id"]?.stringValue == registered.credentialId && registered.rpId == "example.com")
    #expect(!sent.serialized().contains("privateKey"), "only the public credential goes to the pool")
    let path = f.home + "/passkeys.json"
    let mode = (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
    #expect(mode == 0o600)
    let options =
      #"{"challenge":"c2lnbg","rpId":"example.com","allowCredentials":[{"id":"\#(registered.credentialId)","type":"public-key"}]}"#
    f.cognito.answer(
      "InitiateAuth", Self.challenge("WEB_AUTHN", session: "w2", ["CREDENTIAL_REQUEST_OPTIONS": options]))
    _ = try f.account.signIn("taro", flow: .userAuth(preferred: "WEB_AUTHN"), password: nil)
    f.cognito.answer("RespondToAuthChallenge", Self.tokens())
    _ = try f.account.answer("WEB_AUTHN", [:])
    let answered = try #require(f.cognito.bodies("RespondToAuthChallenge").first)
    let credential = try JSON.parse(answered["ChallengeResponses"]?["CREDENTIAL"]?.stringValue ?? "")
    #expect(credential["id"]?.stringValue == registered.credentialId && credential["response"]?["signature"] != nil)
    #expect(answered["Session"]?.stringValue == "w2")
  }

  @Test("a dead Session is forgotten; another challenge than the one pending is refused, naming both")
  func deadAndWrongChallenge() throws {
    let f = Fixture()
    f.cognito.answer("InitiateAuth", Self.challenge("SMS_MFA", session: "old"))
    _ = try f.account.signIn("taro", flow: .password, password: "pw")
    let pending = try f.account.pendingChallenge()
    #expect(throws: AccountError.otherChallenge(pending, asked: "EMAIL_OTP")) {
      try f.account.answer("EMAIL_OTP", ["EMAIL_OTP_CODE": "1"])
    }
    f.cognito.refuse(
      "RespondToAuthChallenge", "NotAuthorizedException", "Invalid session for the user, session is expired.")
    #expect(throws: AccountError.self) { try f.account.answer("SMS_MFA", ["SMS_MFA_CODE": "1"]) }
    #expect(try f.account.state().challenge == nil)
  }

  @Test("a refresh overtaken by a sign-in keeps the newer tokens")
  func refreshOvertaken() throws {
    let f = Fixture()
    f.cognito.answer("InitiateAuth", Self.tokens())
    _ = try f.account.signIn("taro", flow: .password, password: "pw")
    // The refresh's answer arrives after another sign-in stored new tokens.
    final class Overtaking: HTTPTransport {
      let inner: ScriptedCognito
      let during: () throws -> Void
      init(_ inner: ScriptedCognito, during: @escaping () throws -> Void) {
        self.inner = inner
        self.during = during
      }
      func send(_ request: HTTPRequest) throws -> HTTPResponse {
        try during()
        return try inner.send(request)
      }
    }
    var refreshed = Self.tokens()
    refreshed = ["AuthenticationResult": ["AccessToken": "access-2", "ExpiresIn": 3600]]
    f.cognito.answer("InitiateAuth", refreshed)
    let racing = Account(
      configuration: f.account.configuration,
      transport: Overtaking(f.cognito) {
        try f.account.update { $0.users["taro"]?.tokens.accessToken = "access-from-a-new-sign-in" }
      }, clock: f.account.clock)
    #expect(throws: AccountError.refreshOvertaken("taro")) { try racing.refresh() }
    #expect(try f.account.state().users["taro"]?.tokens.accessToken == "access-from-a-new-sign-in")
  }

  @Test(
    "a rehearsal shows the first request, redacted, and sends and writes nothing; the sign-in after it sends the same SRP_A"
  )
  func rehearsal() throws {
    let f = Fixture()
    final class Count: @unchecked Sendable { var n = 0 }
    let draws = Count()
    f.account.randomA = {
      draws.n += 1
      return SRP.randomPrivateValue()
    }
    f.cognito.answer("InitiateAuth", Self.challenge("NEW_PASSWORD_REQUIRED", session: "s-1"))
    let outcome = f.account.rehearse { _ = try f.account.signIn("taro@example.com", flow: .srp, password: "Pa55-word") }
    guard case .success(.request(let planned))? = Optional(outcome) else {
      Issue.record("not stopped at a request: \(outcome)")
      return
    }
    #expect(planned.label == "InitiateAuth" && planned.method == "POST" && planned.url == "http://127.0.0.1:9")
    #expect(f.cognito.sent.isEmpty, "nothing was sent")
    #expect(!FileManager.default.fileExists(atPath: f.home + "/sessions"), "nothing was written")
    let shown = try JSON.parse(Data(planned.body.utf8))
    #expect(shown["AuthParameters"]?["SECRET_HASH"]?.stringValue?.hasPrefix("<redacted") == true)
    let shownA = try #require(shown["AuthParameters"]?["SRP_A"]?.stringValue)
    _ = try f.account.signIn("taro@example.com", flow: .srp, password: "Pa55-word")
    #expect(f.cognito.bodies("InitiateAuth").first?["AuthParameters"]?["SRP_A"]?.stringValue == shownA)
    #expect(draws.n == 1, "the run drew no new private value: it replayed the rehearsal's")
    #expect(try f.account.state().challenge?.session == "s-1")

    // An operation that changes only the local state stops at its first write, and changes nothing.
    let forget = f.account.rehearse { try f.account.update { $0.challenge = nil } }
    guard case .success(.write)? = Optional(forget) else {
      Issue.record("not stopped at a write: \(forget)")
      return
    }
    #expect(try f.account.state().challenge?.session == "s-1")

    // A managed login's listener is the rehearsal's too: it stops there, with no port bound.
    let listening = f.account.rehearse { _ = try f.account.listen(0) }
    guard case .success(.listens(let address))? = Optional(listening) else {
      Issue.record("not stopped at the listener: \(listening)")
      return
    }
    #expect(address == "127.0.0.1:0")
    // After it, the real ones are back: the store writes again.
    try f.account.update { $0.challenge = nil }
    #expect(try f.account.state().challenge == nil)
  }
}
