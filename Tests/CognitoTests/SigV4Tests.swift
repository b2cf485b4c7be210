import Cognito
import Testing

@Suite("SigV4")
struct SigV4Tests {
  static func pairs(_ json: JSON?) -> [(String, String)] {
    (json?.arrayValue ?? []).map { ($0.arrayValue![0].stringValue!, $0.arrayValue![1].stringValue!) }
  }

  @Test("reproduces botocore's canonical request, string to sign and Authorization header")
  func botocoreVectors() throws {
    let doc = try Vectors.load("sigv4-botocore.json")
    let cases = doc["cases"]!.arrayValue!
    #expect(cases.count >= 4)
    for c in cases {
      let creds = AWSCredentials(
        accessKeyId: c["accessKeyId"]!.stringValue!, secretAccessKey: c["secretAccessKey"]!.stringValue!,
        sessionToken: c["sessionToken"]?.stringValue)
      let request = SignableRequest(
        method: "POST", headers: Self.pairs(c["headers"]), body: Array(c["body"]!.stringValue!.utf8))
      let signed = SigV4.sign(
        request, credentials: creds, region: c["region"]!.stringValue!, service: c["service"]!.stringValue!,
        epochSeconds: Int(c["epochSeconds"]!.numberValue!))
      let name = c["name"]!.stringValue!
      // The stages, so a mismatch says where it starts.
      var unsigned = signed
      unsigned.headers.removeAll { $0.0 == "Authorization" }
      let canonical = SigV4.canonicalRequest(unsigned)
      #expect(canonical == c["canonicalRequest"]!.stringValue!, "canonical request of \(name)")
      let date = SigV4.amzDate(epochSeconds: Int(c["epochSeconds"]!.numberValue!))
      let scope = SigV4.credentialScope(amzDate: date, region: c["region"]!.stringValue!, service: "cognito-idp")
      #expect(
        SigV4.stringToSign(canonicalRequest: canonical, amzDate: date, scope: scope) == c["stringToSign"]!.stringValue!,
        "string to sign of \(name)")
      let authorization = signed.headers.first { $0.0 == "Authorization" }?.1
      #expect(authorization == c["authorization"]!.stringValue!, "Authorization of \(name)")
      let token = signed.headers.first { $0.0 == "X-Amz-Security-Token" }?.1
      #expect(token == c["sessionToken"]?.stringValue, "session token header of \(name)")
    }
  }

  @Test("passes the applicable cases of AWS's SigV4 test suite")
  func awsSuite() throws {
    let doc = try Vectors.load("sigv4-aws-suite.json")
    let creds = AWSCredentials(accessKeyId: "AKIDEXAMPLE", secretAccessKey: doc["secretAccessKey"]!.stringValue!)
    let cases = doc["cases"]!.arrayValue!
    #expect(cases.count >= 10)
    for c in cases {
      let request = SignableRequest(
        method: c["method"]!.stringValue!, query: Self.pairs(c["query"]), headers: Self.pairs(c["headers"]),
        body: Array(c["body"]!.stringValue!.utf8))
      let signed = SigV4.sign(
        request, credentials: creds, region: "us-east-1", service: "service", epochSeconds: 1_440_938_160)
      let authorization = signed.headers.first { $0.0 == "Authorization" }?.1
      #expect(authorization == c["authorization"]!.stringValue!, "\(c["name"]!.stringValue!)")
    }
  }

  @Test("signing key matches AWS's documented example")
  func signingKey() {
    let key = SigV4.signingKey(
      secret: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", dateStamp: "20150830", region: "us-east-1", service: "iam")
    #expect(Encoding.hex(key) == "c4afb1cc5771d871763a393e44b703571b55cc28424d1a5e86da6ed3c154a4b9")
  }

  @Test(
    "X-Amz-Date from epoch seconds",
    arguments: [
      (0, "19700101T000000Z"), (1_440_938_160, "20150830T123600Z"), (1_709_251_199, "20240229T235959Z"),
      (1_793_513_109, "20261101T060509Z"),
    ])
  func amzDate(epoch: Int, expected: String) {
    #expect(SigV4.amzDate(epochSeconds: epoch) == expected)
  }
}
