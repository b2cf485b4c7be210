import Basics
import Cognito
import Foundation
import Testing

/// smithy-rs's test cases for `aws login` sessions (login-provider-test-cases.json, vendored by
/// scripts/vectors/sdk_suites.sh): each case's config and cache written as files, its Sign-In calls
/// answered by a loopback server, the credential chain run at the cases' fixed time.
@Suite("aws login sessions: smithy-rs's test cases")
struct LoginCredentialsTests {
  static let now = CivilDate.epochSeconds(iso8601: "2025-11-19T00:00:00Z") ?? 0

  @Test("every case of login-provider-test-cases.json")
  func everyCase() throws {
    let doc = try JSON.parse(
      Data(contentsOf: URL(fileURLWithPath: Project.path("Tests/Vectors/login-provider-test-cases.json"))))
    let cases = try #require(doc.arrayValue)
    var proofs: [String] = []
    for c in cases {
      let name = c["documentation"]?.stringValue ?? "?"
      let home = TempDirectory()
      let cache = home.path + "/login-cache"
      try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
      for (file, contents) in c["cacheContents"]?.objectValue ?? [:] {
        try contents.serialized().write(toFile: cache + "/" + file, atomically: true, encoding: .utf8)
      }
      let server = try FaultServer()
      try server.plan(
        (c["mockApiCalls"]?.arrayValue ?? []).map { call in
          call["response"].map { FaultServer.answer($0) }
            ?? FaultServer.answer(["message": "refused"], status: Int(call["responseCode"]?.numberValue ?? 400))
        })
      let config = try SharedConfig.parse(c["configContents"]?.stringValue ?? "", isConfigFile: true)
      let env = AWSEnvironment(
        variables: [
          "AWS_PROFILE": "signin", "AWS_LOGIN_CACHE_DIRECTORY": cache, "AWS_ENDPOINT_URL_SIGNIN": server.url,
          "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true", "HOME": home.path,
        ], config: config)
      let chain = CredentialChain(
        env: env, explicitProfile: nil, io: CredentialIO(transport: CurlTransport(), now: { Self.now }))
      let outcomes = c["outcomes"]?.arrayValue ?? []
      do {
        let got = try #require(try chain.resolve(), "\(name): no credentials")
        let expected = try #require(outcomes.first { $0["result"] == "credentials" }, "\(name): expected an error")
        #expect(got.accessKeyId == expected["accessKeyId"]?.stringValue, "\(name)")
        #expect(got.secretAccessKey == expected["secretAccessKey"]?.stringValue, "\(name)")
        #expect(got.sessionToken == expected["sessionToken"]?.stringValue, "\(name)")
        #expect(
          got.expiration == expected["expiresAt"]?.stringValue.flatMap(CivilDate.epochSeconds(iso8601:)), "\(name)")
      } catch let error as CredentialError {
        #expect(outcomes.contains { $0["result"] == "error" }, "\(name): \(error.message)")
      }
      // The requests the case expects, and the cache it leaves.
      let calls = c["mockApiCalls"]?.arrayValue ?? []
      let log = try server.log()
      #expect(log.count == calls.count, "\(name)")
      for (sent, call) in zip(log, calls) {
        #expect(sent["path"] == "/v1/token" && sent["body"] == call["request"], "\(name)")
        #expect(sent["headers"]?["dpop"]?.stringValue?.split(separator: ".").count == 3, "\(name): a DPoP proof")
        proofs.append(sent["headers"]?["dpop"]?.stringValue ?? "")
      }
      for outcome in outcomes where outcome["result"] == "cacheContents" {
        for (file, contents) in outcome.objectValue ?? [:] where file != "result" {
          let written = try JSON.parse(String(contentsOfFile: cache + "/" + file, encoding: .utf8))
          #expect(written == contents, "\(name): \(file)")
          #expect(fileMode(cache + "/" + file) == 0o600)
        }
      }
    }
    // Each DPoP proof checked by an independent ES256 verifier (Python's cryptography, in moto's venv):
    // signed by the key whose public half its header carries, for a POST to the URL it was sent to.
    #expect(!proofs.isEmpty)
    let check = try runProgram(
      try HelperServer.python(),
      [
        "-c",
        """
        import base64, json, sys
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec, utils
        b = lambda s: base64.urlsafe_b64decode(s + "=" * (-len(s) % 4))
        for proof in sys.argv[1:]:
            h, p, s = proof.split(".")
            header, payload = json.loads(b(h)), json.loads(b(p))
            assert header["typ"] == "dpop+jwt" and header["alg"] == "ES256" and payload["htm"] == "POST"
            key = ec.EllipticCurvePublicNumbers(int.from_bytes(b(header["jwk"]["x"]), "big"),
                int.from_bytes(b(header["jwk"]["y"]), "big"), ec.SECP256R1()).public_key()
            sig = b(s)
            key.verify(utils.encode_dss_signature(int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")),
                f"{h}.{p}".encode(), ec.ECDSA(hashes.SHA256()))
        print("verified", len(sys.argv) - 1)
        """,
      ] + proofs, environment: ["PATH": "/usr/bin:/bin"])
    #expect(check.status == 0 && check.stdout.contains("verified \(proofs.count)"), "\(check.stdout) \(check.stderr)")
    print("login-provider-test-cases.json: \(cases.count) cases run")
    #expect(cases.count == 8)
  }
}
