import Basics
import Cognito
import Testing

@Suite("Wire format")
struct WireTests {
  @Test(
    "service errors keep the exception name and message",
    arguments: [
      (
        "{\"__type\":\"NotAuthorizedException\",\"message\":\"Incorrect username or password.\"}", [(String, String)](),
        "NotAuthorizedException", "Incorrect username or password."
      ),
      (
        "{\"__type\":\"com.amazonaws.cognito.identity.idp.model#UserNotFoundException\",\"Message\":\"User does not exist.\"}",
        [], "UserNotFoundException", "User does not exist."
      ),
      (
        "", [("x-amzn-ErrorType", "ExpiredCodeException:"), ("x-amzn-ErrorMessage", "Invalid code provided")],
        "ExpiredCodeException", "Invalid code provided"
      ),
      ("<html>bad gateway</html>", [], "HTTP502", "<html>bad gateway</html>"),
      ("<html lang=en><title>500 Internal Server Error</title><h1>x</h1>", [], "HTTP502", "500 Internal Server Error"),
    ])
  func decodeErrors(body: String, headers: [(String, String)], code: String, message: String) {
    let status = code == "HTTP502" ? 502 : 400
    let e = ServiceError.decode(status: status, headers: headers, body: Array(body.utf8), action: "InitiateAuth")
    #expect(e.code == code)
    #expect(e.serviceMessage == message)
    #expect(CognitoError.service(e).message == "\(code): \(message)")
  }

  @Test(
    "plain http only to loopback",
    arguments: [
      ("http://127.0.0.1:5000", true), ("http://localhost:9229", true), ("http://[::1]:5000", true),
      ("https://cognito-idp.eu-west-1.amazonaws.com", true), ("http://example.com", false),
      ("http://10.0.0.1:5000", false), ("ftp://127.0.0.1", false), ("not a url", false),
    ])
  func endpointValidation(url: String, accepted: Bool) {
    #expect((try? Endpoint.validate(url)) != nil ? accepted : !accepted)
  }

  @Test("the regional endpoint and the region from a pool id")
  func endpointResolution() throws {
    #expect(try Endpoint.resolve(url: nil, region: "eu-west-1").url == "https://cognito-idp.eu-west-1.amazonaws.com")
    #expect(
      try Endpoint.resolve(url: nil, region: "cn-north-1").url == "https://cognito-idp.cn-north-1.amazonaws.com.cn")
    #expect(try Endpoint.resolve(url: "http://127.0.0.1:5000", region: "us-east-1").hostHeader == "127.0.0.1:5000")
    #expect(Endpoint.region(fromPoolId: "ap-northeast-1_AbC") == "ap-northeast-1")
    #expect(throws: CognitoError.missingRegion) { try Endpoint.resolve(url: nil, region: nil) }
  }

  @Test("unsigned operations go without SigV4; admin ones are signed")
  func signingDecision() throws {
    let endpoint = Endpoint(url: "http://127.0.0.1:1", region: "us-east-1", isCustom: true)
    final class NoTransport: HTTPTransport {
      func send(_ request: HTTPRequest) throws -> HTTPResponse { throw CognitoError.interrupted }
    }
    let client = ServiceClient(
      endpoint: endpoint, transport: NoTransport(),
      credentials: { AWSCredentials(accessKeyId: "AKID", secretAccessKey: "secret", sessionToken: "TOKEN") },
      clock: { 1_440_938_160 })
    let open = try client.request("InitiateAuth", body: ["ClientId": "c"])
    #expect(!open.headers.contains { $0.0 == "Authorization" || $0.0 == "X-Amz-Security-Token" })
    #expect(open.headers.contains { $0 == ("X-Amz-Target", "AWSCognitoIdentityProviderService.InitiateAuth") })
    let admin = try client.request("AdminCreateUser", body: ["UserPoolId": "us-east-1_x"])
    #expect(
      admin.headers.contains {
        $0.0 == "Authorization"
          && $0.1.hasPrefix("AWS4-HMAC-SHA256 Credential=AKID/20150830/us-east-1/cognito-idp/aws4_request")
      })
    #expect(admin.headers.contains { $0 == ("X-Amz-Security-Token", "TOKEN") })
    let anonymous = ServiceClient(endpoint: endpoint, transport: NoTransport(), credentials: { nil })
    #expect(throws: CognitoError.missingCredentials(action: "AdminCreateUser")) {
      try anonymous.request("AdminCreateUser", body: [:])
    }
  }

  @Test("one client speaks each service as its descriptor says: target, signing name, form bodies, GET")
  func serviceDescriptors() throws {
    final class Recorder: HTTPTransport {
      var sent: [HTTPRequest] = []
      var answer = HTTPResponse(status: 200, headers: [], body: Array("{}".utf8))
      func send(_ request: HTTPRequest) throws -> HTTPResponse {
        sent.append(request)
        return answer
      }
    }
    let creds = AWSCredentials(accessKeyId: "AKID", secretAccessKey: "secret")
    let endpoint = Endpoint(url: "http://127.0.0.1:1", region: "eu-west-1", isCustom: true)
    let transport = Recorder()
    var traced: [TraceEvent] = []
    let identity = ServiceClient(
      service: .identityPools, endpoint: endpoint, transport: transport, credentials: { creds }, clock: { 0 })
    identity.trace = { traced.append($0) }
    try identity.call(Action("GetId"), ["IdentityPoolId": "eu-west-1:x"])
    try identity.call(Action("ListIdentityPools"), ["MaxResults": 1])
    #expect(transport.sent[0].headers.contains { $0 == ("X-Amz-Target", "AWSCognitoIdentityService.GetId") })
    #expect(!transport.sent[0].headers.contains { $0.0 == "Authorization" })
    #expect(
      transport.sent[1].headers.contains {
        $0.0 == "Authorization" && $0.1.contains("/eu-west-1/cognito-identity/aws4_request")
      })

    transport.answer = HTTPResponse(status: 200, headers: [], body: Array("<R><AccessKeyId>A</AccessKeyId></R>".utf8))
    let sts = ServiceClient(service: .sts, endpoint: endpoint, transport: transport, credentials: { creds })
    let xml = try sts.query("AssumeRole", [("RoleArn", "arn:aws:iam::1:role/r")])
    #expect(XMLText.tag("AccessKeyId", in: xml) == "A")
    #expect(
      String(decoding: transport.sent[2].body, as: UTF8.self)
        == "Action=AssumeRole&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A1%3Arole%2Fr")
    #expect(transport.sent[2].headers.contains { $0.0 == "Authorization" && $0.1.contains("/sts/aws4_request") })

    transport.answer = HTTPResponse(status: 400, headers: [], body: Array(#"{"error":"invalid_grant"}"#.utf8))
    let oauth = ServiceClient(service: .oauth2, endpoint: endpoint, transport: transport, credentials: { creds })
    oauth.trace = { traced.append($0) }
    let answer = try oauth.post(
      path: "/oauth2/token", form: [("grant_type", "refresh_token"), ("refresh_token", "R1")], label: "token")
    #expect(answer.status == 400, "an OAuth2 refusal is the caller's to read, not retried")
    #expect(transport.sent.count == 4 && transport.sent[3].url == "http://127.0.0.1:1/oauth2/token")
    #expect(!transport.sent[3].headers.contains { $0.0 == "Authorization" })
    #expect(traced.last?.requestBody == "grant_type=refresh_token&refresh_token=<redacted>")
    _ = try oauth.get("http://127.0.0.1:1/jwks.json", label: "JWKS")
    #expect(transport.sent[4].method == "GET" && traced.last?.action == "JWKS")
  }

  @Test("trace redaction hides passwords, tokens and the signature")
  func redaction() {
    let body: JSON = ["AuthParameters": ["USERNAME": "alice", "PASSWORD": "hunter22"], "Session": "abcdef"]
    let shown = Redaction.body(body).serialized()
    #expect(!shown.contains("hunter22") && !shown.contains("abcdef") && shown.contains("alice"))
    let headers = Redaction.headers([
      ("Authorization", "AWS4-HMAC-SHA256 Credential=A/x, SignedHeaders=h, Signature=deadbeef")
    ])
    #expect(!headers[0].1.contains("deadbeef"))
  }

  @Test("JSON round trip keeps types and non-ASCII text")
  func json() throws {
    let text = #"{"a":[1,2.5,true,null,"zoë"],"b":{"c":"山田"}}"#
    let v = try JSON.parse(text)
    #expect(v["a"]?.arrayValue?[2] == .bool(true))
    #expect(v["a"]?.arrayValue?[0] == .number(1))
    #expect(try JSON.parse(v.serialized()) == v)
    #expect(throws: JSONError.self) { try JSON.parse("{\"a\":") }
  }

  @Test("base64 and hex", arguments: [[UInt8](), [0], [0, 1], [0xFF, 0xFE, 0xFD], Array(0..<32)])
  func encodings(bytes: [UInt8]) {
    #expect(Encoding.bytes(base64: Encoding.base64(bytes)) == bytes)
    #expect(Encoding.bytes(hex: Encoding.hex(bytes)) == bytes)
  }
}
