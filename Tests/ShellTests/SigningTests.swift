import Testing

/// Admin calls, checked by a server that re-signs each request with botocore.
@Suite("SigV4 on the wire")
struct SigningTests {
  @Test("admin calls carry an Authorization header botocore agrees with, with and without a session token")
  func validSignature() throws {
    let checker = try HelperServer.signatureChecker(
      accessKey: "AKIDTEST", secretKey: "secret/key+1", region: "eu-west-1")
    var cogsh = Cogsh()
    cogsh.environment = ["AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "secret/key+1"]
    let args = [
      "--endpoint-url", checker.url, "--pool-id", "eu-west-1_Abc", "-c",
      "admin-create-user zoë@example.com --attribute name=山田",
    ]
    let plain = try cogsh.run(args)
    #expect(plain.status == 0, "stderr: \(plain.stderr)")
    let withToken = try cogsh.run(args, extraEnvironment: ["AWS_SESSION_TOKEN": "FQoGZXIvYXdzEXAMPLE/token=="])
    #expect(withToken.status == 0, "stderr: \(withToken.stderr)")
  }

  @Test("a wrong secret key is refused by the same check")
  func wrongSecret() throws {
    let checker = try HelperServer.signatureChecker(accessKey: "AKIDTEST", secretKey: "right", region: "eu-west-1")
    var cogsh = Cogsh()
    cogsh.environment = ["AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "wrong"]
    let run = try cogsh.run([
      "--endpoint-url", checker.url, "--pool-id", "eu-west-1_Abc", "-c", "admin-create-user x@example.com",
    ])
    #expect(run.status == 1)
    #expect(run.stderr.hasPrefix("error: InvalidSignatureException:"))
  }

  @Test("a custom endpoint with a path, escapes, dot segments or a query is signed as botocore signs what is sent")
  func endpointPath() throws {
    let checker = try HelperServer.signatureChecker(accessKey: "AKIDTEST", secretKey: "right", region: "eu-west-1")
    var cogsh = Cogsh()
    cogsh.environment = ["AWS_ACCESS_KEY_ID": "AKIDTEST", "AWS_SECRET_ACCESS_KEY": "right"]
    // A plain path; one with escapes (signed encoded again), dot segments and an empty segment (sent as
    // signed, normalised), and one with a query (signed as any query is).
    for path in ["/proxied/cognito", "/proxied/./api%20v1//cognito/../idp/", "/proxied/idp?stage=test%20a&b=1"] {
      let run = try cogsh.run([
        "--endpoint-url", checker.url + path, "--pool-id", "eu-west-1_Abc", "-c", "admin-create-user x@example.com",
      ])
      #expect(run.status == 0, "\(path): \(run.stderr)")
    }
  }
}
