import Basics
import Cognito
import Foundation

/// fault_server.py: answers from a plan, to inject the faults a real network and service produce.
final class FaultServer {
  let server: HelperServer
  var url: String { server.url }

  init() throws { server = try HelperServer(script: "fault_server.py", arguments: []) }

  /// Queues answers, taken one per request in order.
  func plan(_ steps: [JSON]) throws {
    let r = try CurlTransport().send(
      HTTPRequest(url: url + "/_plan", headers: [], body: Array(JSON.array(steps).serialized().utf8)))
    precondition(r.status == 200)
  }

  /// Lets the held answers go.
  func release() throws {
    _ = try CurlTransport().send(HTTPRequest(url: url + "/_release", headers: [], body: []))
  }

  /// Every request received so far (path, target, body, time).
  func log() throws -> [JSON] {
    let r = try CurlTransport().send(HTTPRequest(url: url + "/_log", method: "GET", headers: [], body: []))
    return try JSON.parse(bytes: r.body).arrayValue ?? []
  }

  /// The X-Amz-Target actions received, in order, without the service prefix.
  func actions() throws -> [String] {
    try log().compactMap { $0["target"]?.stringValue?.split(separator: ".").last.map(String.init) }
  }

  /// An AWS JSON answer.
  static func answer(_ body: JSON, status: Int = 200, headers: [String: String] = [:], hold: Bool = false) -> JSON {
    var step: [String: JSON] = ["status": .number(Double(status)), "json": body]
    if !headers.isEmpty { step["headers"] = .strings(headers) }
    if hold { step["hold"] = .bool(true) }
    return .object(step)
  }

  /// A sign-in result with unsigned test tokens for `sub`, marked with `tag` so tests can tell them apart.
  static func tokens(sub: String, tag: String, expiresIn: JSON = 3600, refresh: Bool = true) -> JSON {
    func part(_ json: JSON) -> String { b64url(json.serialized()) }
    let header = part(["alg": "RS256", "kid": "test"])
    let exp = JSON.number(Date().timeIntervalSince1970.rounded() + 3600)
    func token(_ use: String) -> JSON {
      .string(
        header + "." + part(["sub": .string(sub), "token_use": .string(use), "exp": exp, "tag": .string(tag)]) + ".c2ln"
      )
    }
    var result: [String: JSON] = [
      "AccessToken": token("access"), "IdToken": token("id"), "ExpiresIn": expiresIn, "TokenType": "Bearer",
    ]
    if refresh { result["RefreshToken"] = .string("refresh-\(tag)") }
    return ["AuthenticationResult": .object(result)]
  }

  /// No AWS credentials: cogsh then makes no DescribeUserPoolClient call of its own (for a Session's
  /// lifetime, the refresh API) that would take an answer planned for something else.
  static let withoutCredentials = ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": ""]

  /// Flags that point cogsh at this server as a pool.
  var connection: [String] {
    ["--endpoint-url", url, "--pool-id", "us-east-1_Fault", "--client-id", "faultclient", "--region", "us-east-1"]
  }
}

/// base64url without padding, as JWT parts are written.
func b64url(_ s: String) -> String {
  Encoding.base64(Array(s.utf8)).replacingOccurrences(of: "=", with: "").replacingOccurrences(of: "+", with: "-")
    .replacingOccurrences(of: "/", with: "_")
}
