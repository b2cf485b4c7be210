import Basics
import Cognito
import Foundation
import Testing

/// The flight recorder (`log`, `show`) and the timing breakdown, against the reference server, which
/// keeps connections alive as Cognito does.
@Suite("Flight recorder and timing")
struct FlightRecorderTests {
  @Test("log lists each exchange with its outcome; show prints one in full, secrets redacted")
  func logAndShow() throws {
    let server = try HelperServer.reference()
    let run = try Cogsh().run(
      ReferenceServerTests.connection(server, client: "plain") + [
        "-c",
        "login alice@example.com --flow password --password alice-password; whoami; log; show 1; show last --raw",
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    #expect(run.stdout.contains("InitiateAuth") && run.stdout.contains("GetUser") && run.stdout.contains("tokens"))
    #expect(run.stdout.contains("by command: login: 1 exchange"))
    #expect(run.stdout.contains("X-Amz-Target: AWSCognitoIdentityProviderService.InitiateAuth"))
    #expect(run.stdout.contains("\"PASSWORD\" : \"<redacted>\""), "show pretty-prints the redacted request")
    #expect(run.stdout.contains("timing: dns "))
    for secret in ["alice-password", "refresh-"] { #expect(!run.stdout.contains(secret), "\(secret) leaked") }
    let missing = try Cogsh().run(["-c", "show 7"])
    #expect(missing.status == 1 && missing.stderr.contains("no exchange 7"))
  }

  @Test("a four-call flow in one process sets up one connection; the rest report it reused")
  func oneConnection() throws {
    let server = try HelperServer.reference()
    let cogsh = Cogsh()
    let run = try cogsh.run(
      ReferenceServerTests.connection(server, client: "plain") + [
        "--trace", "--output", "json", "-c",
        "login alice@example.com --flow password --password alice-password; whoami; refresh; whoami; log",
      ])
    #expect(run.status == 0, "stderr: \(run.stderr)")
    let setUps = run.stderr.components(separatedBy: "(new connection)").count - 1
    let reused = run.stderr.components(separatedBy: "(connection reused)").count - 1
    let log = try #require(run.stdout.split(separator: "\n").last.map { try JSON.parse(Data($0.utf8)) })
    let flags = log.arrayValue?.map { $0["connectionReused"] } ?? []
    // login, whoami, refresh (which first asks DescribeUserPoolClient which API to use), whoami.
    #expect(flags.count >= 4 && setUps == 1 && reused == flags.count - 1, "trace: \(run.stderr)")
    #expect(flags.first == .bool(false) && flags.dropFirst().allSatisfy { $0 == .bool(true) })
  }
}
