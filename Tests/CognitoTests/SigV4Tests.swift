import Basics
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

  /// A raw request of the suite: its method, target, headers (folded lines unfolded with a space) and body.
  static func parse(_ raw: String) -> (method: String, target: String, headers: [(String, String)], body: String) {
    let (head, body) =
      raw.range(of: "\n\n").map { (String(raw[..<$0.lowerBound]), String(raw[$0.upperBound...])) } ?? (raw, "")
    var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let requestLine = lines.removeFirst()
    let method = String(requestLine.prefix { $0 != " " })
    let target = String(requestLine.dropFirst(method.count + 1).dropLast(" HTTP/1.1".count))
    var headers: [(String, String)] = []
    for line in lines {
      if line.first == " ", let last = headers.popLast() {
        headers.append((last.0, last.1 + " " + line.trimmingCharacters(in: .whitespaces)))
      } else if let colon = line.firstIndex(of: ":") {
        headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
      }
    }
    return (method, target, headers, body)
  }

  @Test("every case of AWS's SigV4 test suite, the request's path and query taken as a custom endpoint's")
  func awsSuite() throws {
    let doc = try Vectors.load("sigv4-aws-suite.json")
    let cases = try #require(doc["cases"]?.arrayValue)
    for c in cases {
      let name = c["name"]!.stringValue!
      let raw = Self.parse(c["request"]!.stringValue!)
      // The session token of the case, when its canonical request signs one; sent after signing, it is not.
      let token = c["canonicalRequest"]!.stringValue!.split(separator: "\n")
        .first { $0.hasPrefix("x-amz-security-token:") }.map { String($0.dropFirst("x-amz-security-token:".count)) }
      let creds = AWSCredentials(
        accessKeyId: doc["accessKeyId"]!.stringValue!, secretAccessKey: doc["secretAccessKey"]!.stringValue!,
        sessionToken: token)
      // The path and query as cogsh takes them from an endpoint URL: normalised, and what is signed is sent.
      let endpoint = Endpoint(url: "https://example.amazonaws.com" + raw.target, region: "us-east-1", isCustom: true)
      let request = SignableRequest(
        method: raw.method, path: endpoint.path, query: endpoint.query,
        // The date and the token are what signing adds.
        headers: raw.headers.filter { !["x-amz-date", "x-amz-security-token"].contains($0.0.lowercased()) },
        body: Array(raw.body.utf8))
      let signed = SigV4.sign(
        request, credentials: creds, region: "us-east-1", service: "service", epochSeconds: 1_440_938_160)
      var unsigned = signed
      unsigned.headers.removeAll { $0.0 == "Authorization" }
      #expect(SigV4.canonicalRequest(unsigned) == c["canonicalRequest"]!.stringValue!, "canonical request of \(name)")
      #expect(
        signed.headers.first { $0.0 == "Authorization" }?.1 == c["authorization"]!.stringValue!,
        "Authorization of \(name)")
      #expect(endpoint.requestURL.hasPrefix("https://example.amazonaws.com" + endpoint.path))
    }
    print("sigv4-aws-suite.json: \(cases.count) cases run")
    #expect(cases.count == 34)
  }

  @Test(
    "a custom endpoint's path is sent as it is signed: dot segments and empty segments removed, escapes kept",
    arguments: [
      ("https://proxy.example/api/./v1//cognito/../idp", "/api/v1/idp", "/api/v1/idp"),
      ("https://proxy.example/api%20v1/", "/api%20v1/", "/api%2520v1/"),
      ("https://proxy.example/", "/", "/"), ("https://proxy.example/a?b=c%20d&e", "/a", "/a"),
    ])
  func endpointPath(_ url: String, _ sent: String, _ signed: String) {
    let endpoint = Endpoint(url: url, region: "us-east-1", isCustom: true)
    #expect(endpoint.path == sent)
    #expect(
      SigV4.canonicalRequest(SignableRequest(method: "POST", path: endpoint.path, headers: [], body: [])).split(
        separator: "\n", omittingEmptySubsequences: false)[1] == signed)
    #expect(endpoint.requestURL.hasPrefix("https://proxy.example" + sent))
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
