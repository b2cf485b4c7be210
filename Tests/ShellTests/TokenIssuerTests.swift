import Foundation
import Testing

/// Stored tokens go only where they came from, unless the user says otherwise.
@Suite("tokens and the endpoint that issued them")
struct TokenIssuerTests {
  @Test("after the endpoint changes, whoami, refresh and logout refuse to send the tokens; --trust-endpoint sends")
  func changedEndpoint() throws {
    let (pool, cogsh, connection) = try Moto.articleSession()
    #expect(try cogsh.run(connection + ["-f", "examples/article-flow.cogsh"]).status == 0)
    let proxy = try FaultServer()
    let elsewhere = ["--endpoint-url", proxy.url, "--pool-id", pool.poolId, "--client-id", pool.clientId]
    for command in ["whoami", "refresh", "logout"] {
      let r = try cogsh.run(elsewhere + ["-c", command])
      #expect(r.status == 1 && r.stderr.contains("came from \(pool.url)"), "\(command): \(r.stderr)")
      #expect(r.stderr.contains("not sent there") && r.stderr.contains("--trust-endpoint"), "\(command)")
    }
    #expect(try proxy.log().isEmpty, "no token reached the other endpoint")
    try proxy.plan([FaultServer.answer(["Username": "taro", "UserAttributes": []])])
    let trusted = try cogsh.run(["--trust-endpoint"] + elsewhere + ["-c", "whoami"])
    #expect(trusted.status == 0, "\(trusted.stderr)")
    #expect(try proxy.log().count == 1)
    // Back at the issuer, nothing is asked.
    #expect(try cogsh.run(connection + ["-c", "whoami"]).status == 0)
  }
}
