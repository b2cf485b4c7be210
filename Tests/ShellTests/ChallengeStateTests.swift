import Cognito
import Foundation
import Testing

/// A challenge that cannot be answered any more is not shown as if it could be.
@Suite("Stale challenges")
struct ChallengeStateTests {
  @Test("new-password with nothing pending says so before asking for a password")
  func nothingPending() throws {
    let r = try Cogsh().run(["--pool-id", "us-east-1_X", "--client-id", "c", "-c", "new-password"])
    #expect(r.status == 1)
    #expect(r.stderr.hasPrefix("error: no challenge is pending"), "stderr: \(r.stderr)")
  }

  @Test("the service's 'session is expired' forgets the challenge; status no longer offers to answer it")
  func expiredByTheService() throws {
    let server = try FaultServer()
    let cogsh = Cogsh()
    try server.plan([
      FaultServer.answer(
        ["ChallengeName": "NEW_PASSWORD_REQUIRED", "Session": "s1", "ChallengeParameters": ["USER_ID_FOR_SRP": "taro"]]
      ),
      FaultServer.answer(
        ["__type": "NotAuthorizedException", "message": "Invalid session for the user, session is expired."],
        status: 400),
    ])
    let quiet = FaultServer.withoutCredentials
    #expect(
      try cogsh.run(server.connection + ["-c", "login taro --password P-1 --flow password"], extraEnvironment: quiet)
        .status == 0)
    let answer = try cogsh.run(server.connection + ["-c", "new-password N-1"], extraEnvironment: quiet)
    #expect(answer.status == 1)
    #expect(answer.stderr.contains("it is forgotten. Sign in again with `login taro`."))
    let status = try cogsh.run(server.connection + ["-c", "status"])
    #expect(status.stdout.contains("challenge    none"), "stdout: \(status.stdout)")
  }

  @Test("status shows an expired Session as expired, with login as the way on")
  func expiredByTheClock() throws {
    let cogsh = Cogsh()
    let old = Date().timeIntervalSince1970 - 1000
    let state =
      #"{"users":{},"challenge":{"name":"NEW_PASSWORD_REQUIRED","session":"s","parameters":{},"#
      + #""username":"taro","loginName":"taro","isAdmin":false,"receivedAt":\#(old)}}"#
    plantStateFile(home: cogsh.cogshHome, "sessions/default.json", state)
    let r = try cogsh.run(["-c", "status"])
    #expect(r.stdout.contains("Session expired 13m") && r.stdout.contains("start again with `login taro`"))
    #expect(!r.stdout.contains("answer with"))
  }
}
