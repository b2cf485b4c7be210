import Basics
import Cognito
import Foundation
import Testing

/// Retries against a server that fails on purpose: counted by the server's own log.
@Suite("Retries against a faulty server")
struct RetryFaultTests {
  static let pool: JSON = ["UserPool": ["Id": "us-east-1_Fault", "Name": "fault"]]

  @Test("503 then 200 succeeds with 2 requests, and the retry is said")
  func onceThenFine() throws {
    let server = try FaultServer()
    try server.plan([FaultServer.answer([:], status: 503), FaultServer.answer(Self.pool)])
    let r = try Cogsh().run(server.connection + ["-c", "describe-user-pool"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(try server.actions() == ["DescribeUserPool", "DescribeUserPool"])
    #expect(r.stderr.contains("retry: DescribeUserPool failed (HTTP 503); attempt 2 of 3 in"))
  }

  @Test("503 three times fails after 3 requests, with backoff between them; json mode says so in JSON")
  func alwaysFailing() throws {
    let server = try FaultServer()
    try server.plan(Array(repeating: FaultServer.answer(["__type": "ServiceUnavailable"], status: 503), count: 4))
    let r = try Cogsh().run(server.connection + ["--output", "json", "-c", "describe-user-pool"])
    #expect(r.status == 1)
    #expect(try server.actions().count == 3)
    let retries = r.stderr.split(separator: "\n").compactMap { try? JSON.parse(String($0)) }.compactMap { $0["retry"] }
    #expect(retries.count == 2)
    #expect(retries.map { $0["failedAttempt"] } == [.number(1), .number(2)])
    // Full jitter: each wait lies within its cap (1 s, then 2 s), as the server's clock shows.
    let times = try server.log().compactMap { $0["time"]?.numberValue }
    #expect(times.count == 3 && times[1] - times[0] < 1.5 && times[2] - times[1] < 2.5)
    for (k, retry) in retries.enumerated() {
      #expect((retry["delaySeconds"]?.numberValue ?? 99) <= Double(1 << k))
    }
  }

  @Test("Retry-After is honoured")
  func retryAfter() throws {
    let server = try FaultServer()
    try server.plan([
      FaultServer.answer(["__type": "TooManyRequestsException"], status: 400, headers: ["Retry-After": "1"]),
      FaultServer.answer(Self.pool),
    ])
    let r = try Cogsh().run(server.connection + ["-c", "describe-user-pool"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    let times = try server.log().compactMap { $0["time"]?.numberValue }
    #expect(times.count == 2 && times[1] - times[0] >= 1)
  }

  @Test("RespondToAuthChallenge is never retried, whatever the failure")
  func challengeAnswersNotRetried() throws {
    let server = try FaultServer()
    let cogsh = Cogsh()
    try server.plan([
      FaultServer.answer(
        ["ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "s1", "ChallengeParameters": ["USER_ID_FOR_SRP": "taro"]]
      ),
      FaultServer.answer(["__type": "ThrottlingException"], status: 400),
      FaultServer.answer([:], status: 503),
    ])
    let r = try cogsh.run(
      server.connection + ["--keep-going", "-c", "login taro --password P-1 --flow password; new-password N-1"],
      extraEnvironment: FaultServer.withoutCredentials)
    #expect(r.status == 1)
    #expect(try server.actions() == ["InitiateAuth", "RespondToAuthChallenge"])
    #expect(!r.stderr.contains("retry:"))
  }

  @Test(
    "an authorization code is sent once, even after a 503; GetTokensFromRefreshToken is retried, as its grace period allows"
  )
  func singleUseCode() throws {
    let server = try FaultServer()
    try server.plan([FaultServer.answer([:], status: 503), FaultServer.answer(["access_token": "a"])])
    let endpoint = Endpoint(url: server.url, region: "us-east-1", isCustom: true)
    let oauth = ServiceClient(service: .oauth2, endpoint: endpoint, transport: CurlTransport(), credentials: { nil })
    oauth.random = { 0 }
    let code = try oauth.post(
      path: "/oauth2/token", form: [("grant_type", "authorization_code"), ("code", "c")],
      label: RetryPolicy.codeExchange)
    #expect(code.status == 503)
    #expect(try server.log().count == 1, "the code went once")

    let refresh = try FaultServer()
    try refresh.plan([FaultServer.answer([:], status: 503), FaultServer.answer(FaultServer.tokens(sub: "s", tag: "r"))])
    let idp = ServiceClient(
      service: .userPools, endpoint: Endpoint(url: refresh.url, region: "us-east-1", isCustom: true),
      transport: CurlTransport(), credentials: { nil })
    idp.random = { 0 }
    _ = try idp.call(.getTokensFromRefreshToken, ["RefreshToken": "r", "ClientId": "c"])
    #expect(try refresh.actions() == ["GetTokensFromRefreshToken", "GetTokensFromRefreshToken"])
  }

  @Test("a dropped connection is retried; AWS_MAX_ATTEMPTS=1 turns retries off")
  func droppedConnection() throws {
    let server = try FaultServer()
    try server.plan([.object(["close": true]), FaultServer.answer(Self.pool)])
    let r = try Cogsh().run(server.connection + ["-c", "describe-user-pool"])
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(try server.actions().count == 2)
    try server.plan([FaultServer.answer([:], status: 503)])
    let once = try Cogsh().run(
      server.connection + ["-c", "describe-user-pool"], extraEnvironment: ["AWS_MAX_ATTEMPTS": "1"])
    let count = try server.actions().count
    #expect(once.status == 1 && count == 3)
  }
}
