import Basics
import Cognito
import Foundation

/// The sandbox's stand-in for managed login, since moto serves no hosted UI: a loopback
/// authorization endpoint in front of moto. It shows a plain login form, checks the password
/// through moto (InitiateAuth, USER_PASSWORD_AUTH), and issues moto's own tokens through a code
/// exchange that checks PKCE S256, the registered callback URL, the client's flows and scopes, and
/// single-use codes. What it is not: Cognito's managed login (no sign-up pages, no federation, no
/// MFA in the form), and moto's tokens carry no nonce; `/oauth2/revoke` only says yes (moto has no
/// RevokeToken). It runs on its own thread with its own connection to moto.
public final class SandboxAuthorizer: @unchecked Sendable {
  public let url: String
  private let listener: LoopbackListener
  private let pool: SandboxPool
  private let client: ServiceClient
  private let registration: JSON
  private let lock = NSLock()
  private var stopped = false
  private var requests: [String: [String: String]] = [:]
  private var codes: [String: Issued] = [:]

  struct Issued {
    var result: JSON
    var redirectURI: String
    var challenge: String?
    var expires: Double
  }

  /// Listens on a free loopback port for the pool's client, whose registration it reads from moto.
  public init(pool: SandboxPool, motoURL: String, region: String) throws {
    self.pool = pool
    listener = try LoopbackListener(port: 0)
    url = "http://127.0.0.1:\(listener.port)"
    client = ServiceClient(
      endpoint: Endpoint(url: motoURL, region: region, isCustom: true), transport: CurlTransport(),
      credentials: { AWSCredentials(accessKeyId: "sandbox", secretAccessKey: "sandbox", source: "sandbox") })
    registration =
      try client.call(
        .describeUserPoolClient, ["UserPoolId": .string(pool.poolId), "ClientId": .string(pool.clientId)]
      ).body["UserPoolClient"] ?? [:]
  }

  /// Serves on a thread of its own until `stop`.
  public func start() {
    let thread = Thread { [self] in
      while !isStopped {
        guard let request = try? listener.next(timeout: 0.2, interruptible: false) else { continue }
        handle(request)
      }
    }
    thread.start()
  }

  public func stop() { lock.withLock { stopped = true } }

  private var isStopped: Bool { lock.withLock { stopped } }

  private func strings(_ key: String) -> [String] { registration[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }

  func handle(_ r: LoopbackRequest) {
    switch (r.method, r.path) {
    case ("GET", "/oauth2/authorize"): authorize(r)
    case ("POST", "/login"): login(r)
    case ("POST", "/oauth2/token"): token(r)
    case ("GET", "/oauth2/userInfo"): userInfo(r)
    case ("POST", "/oauth2/revoke"): r.respond(status: 200, contentType: "application/json", body: "{}")
    case ("GET", "/logout"):
      guard let back = r.query["logout_uri"], strings("LogoutURLs").contains(back) else {
        return r.respond(status: 400, body: Self.page("error: the logout_uri is not a sign-out URL of this client"))
      }
      r.respond(status: 302, body: "", headers: [("Location", back)])
    default: r.respond(status: 404, body: Self.page("not found"))
    }
  }

  private func authorize(_ r: LoopbackRequest) {
    let q = r.query
    guard q["client_id"] == pool.clientId else {
      return r.respond(status: 400, body: Self.page("error: invalid_request (unknown client)"))
    }
    guard let redirect = q["redirect_uri"], strings("CallbackURLs").contains(redirect) else {
      return r.respond(status: 400, body: Self.page("error: redirect_mismatch"))
    }
    let flow = ["code": "code", "token": "implicit"][q["response_type"] ?? ""]
    guard let flow, strings("AllowedOAuthFlows").contains(flow) else {
      return back(r, to: redirect, ["error": "unauthorized_client"], state: q["state"])
    }
    let scopes = (q["scope"] ?? strings("AllowedOAuthScopes").joined(separator: " ")).split(separator: " ").map(
      String.init)
    guard scopes.allSatisfy(strings("AllowedOAuthScopes").contains) else {
      return back(r, to: redirect, ["error": "invalid_scope"], state: q["state"])
    }
    if flow == "code", let method = q["code_challenge_method"], method != "S256" {
      return back(r, to: redirect, ["error": "invalid_request"], state: q["state"])
    }
    let id = Base64URL.encode(SecureRandom.bytes(12))
    lock.withLock { requests[id] = q.merging(["flow": flow]) { _, new in new } }
    r.respond(status: 200, body: Self.form(id))
  }

  private func login(_ r: LoopbackRequest) {
    let f = r.form
    guard let id = f["request"], let q = lock.withLock({ requests[id] }), let redirect = q["redirect_uri"] else {
      return r.respond(status: 400, body: Self.page("error: this sign-in request expired; start again"))
    }
    if f["action"] == "deny" {
      lock.withLock { requests[id] = nil }
      return back(
        r, to: redirect, ["error": "access_denied", "error_description": "The user cancelled the sign-in"],
        state: q["state"])
    }
    let username = f["username"] ?? ""
    var params = ["USERNAME": username, "PASSWORD": f["password"] ?? ""]
    if let hash = ClientSettings(poolId: pool.poolId, clientId: pool.clientId, clientSecret: pool.clientSecret)
      .secretHash(username)
    {
      params["SECRET_HASH"] = hash
    }
    let answer: JSON
    do {
      answer = try client.call(
        .initiateAuth,
        ["AuthFlow": "USER_PASSWORD_AUTH", "ClientId": .string(pool.clientId), "AuthParameters": .strings(params)]
      ).body
    } catch {
      return r.respond(status: 200, body: Self.form(id, message: "Incorrect username or password."))
    }
    guard let result = answer["AuthenticationResult"] else {
      let challenge = answer["ChallengeName"]?.stringValue ?? "a challenge"
      return r.respond(
        status: 200,
        body: Self.form(
          id,
          message: "This user must answer \(challenge) first; this sign-in page does not ask it. "
            + "Sign in once in cogsh (login NAME) to finish it."))
    }
    lock.withLock { requests[id] = nil }
    if q["flow"] == "implicit" {
      var fragment: [(String, String)] = [
        ("access_token", result["AccessToken"]?.stringValue ?? ""), ("token_type", "Bearer"),
        ("expires_in", String(Int(result["ExpiresIn"]?.numberValue ?? 3600))),
      ]
      if let idToken = result["IdToken"]?.stringValue { fragment.insert(("id_token", idToken), at: 0) }
      if let state = q["state"] { fragment.append(("state", state)) }
      return r.respond(status: 302, body: "", headers: [("Location", redirect + "#" + FormEncoding.encode(fragment))])
    }
    let code = Base64URL.encode(SecureRandom.bytes(16))
    lock.withLock {
      codes[code] = Issued(
        result: result, redirectURI: redirect, challenge: q["code_challenge"],
        expires: Date().timeIntervalSince1970 + 300)
    }
    back(r, to: redirect, ["code": code], state: q["state"])
  }

  private func token(_ r: LoopbackRequest) {
    let f = r.form
    if let refusal = clientRefusal(r, f) { return oauthError(r, refusal.0, refusal.1, status: 401) }
    switch f["grant_type"] {
    case "authorization_code":
      let issued = lock.withLock { codes.removeValue(forKey: f["code"] ?? "") }  // single use
      guard let issued, issued.expires > Date().timeIntervalSince1970 else {
        return oauthError(r, "invalid_grant", "Invalid authorization code")
      }
      guard issued.redirectURI == f["redirect_uri"] else {
        return oauthError(r, "invalid_grant", "redirect_uri does not match the authorization request")
      }
      if let challenge = issued.challenge, PKCE.challenge(for: f["code_verifier"] ?? "") != challenge {
        return oauthError(r, "invalid_grant", "code_verifier does not match the code_challenge")
      }
      r.respond(status: 200, contentType: "application/json", body: Self.oauthJSON(issued.result).serialized())
    case "refresh_token":
      let params = ["REFRESH_TOKEN": f["refresh_token"] ?? ""]
      guard
        let result = try? client.call(
          .initiateAuth,
          ["AuthFlow": "REFRESH_TOKEN_AUTH", "ClientId": .string(pool.clientId), "AuthParameters": .strings(params)]
        ).body["AuthenticationResult"]
      else { return oauthError(r, "invalid_grant", "Invalid Refresh Token") }
      var out = Self.oauthJSON(result)
      if case .object(var members) = out {
        members["refresh_token"] = nil
        out = .object(members)
      }
      r.respond(status: 200, contentType: "application/json", body: out.serialized())
    default:
      oauthError(r, "unsupported_grant_type", "the sandbox's stand-in takes authorization_code and refresh_token")
    }
  }

  /// Why the client is not authenticated as the token endpoint wants it, if it is not.
  private func clientRefusal(_ r: LoopbackRequest, _ f: [String: String]) -> (String, String)? {
    let basic = r.headers["authorization"].flatMap { $0.hasPrefix("Basic ") ? String($0.dropFirst(6)) : nil }
    if let secret = pool.clientSecret, !secret.isEmpty {
      let expected = Encoding.base64(Array("\(pool.clientId):\(secret)".utf8))
      return basic == expected ? nil : ("invalid_client", "Client authentication failed")
    }
    if basic != nil { return ("invalid_client", "This client has no secret") }
    return f["client_id"] == pool.clientId ? nil : ("invalid_client", "Unknown client")
  }

  private func userInfo(_ r: LoopbackRequest) {
    guard let auth = r.headers["authorization"], auth.hasPrefix("Bearer "),
      let user = try? client.call(.getUser, ["AccessToken": .string(String(auth.dropFirst(7)))]).body
    else {
      return r.respond(
        status: 401, contentType: "application/json", body: #"{"error":"invalid_token"}"#,
        headers: [("WWW-Authenticate", #"Bearer error="invalid_token""#)])
    }
    var out: [String: JSON] = ["username": user["Username"] ?? .null]
    for a in user["UserAttributes"]?.arrayValue ?? [] {
      if let n = a["Name"]?.stringValue { out[n] = a["Value"] ?? .null }
    }
    r.respond(status: 200, contentType: "application/json", body: JSON.object(out).serialized())
  }

  private func back(_ r: LoopbackRequest, to redirect: String, _ fields: [String: String], state: String?) {
    var pairs = fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
    if let state { pairs.append(("state", state)) }
    let sep = redirect.contains("?") ? "&" : "?"
    r.respond(status: 302, body: "", headers: [("Location", redirect + sep + FormEncoding.encode(pairs))])
  }

  private func oauthError(_ r: LoopbackRequest, _ error: String, _ description: String, status: Int = 400) {
    r.respond(
      status: status, contentType: "application/json",
      body: JSON.object(["error": .string(error), "error_description": .string(description)]).serialized())
  }

  static func oauthJSON(_ result: JSON) -> JSON {
    var out: [String: JSON] = [
      "access_token": result["AccessToken"] ?? .null, "expires_in": result["ExpiresIn"] ?? 3600,
      "token_type": "Bearer",
    ]
    if let id = result["IdToken"] { out["id_token"] = id }
    if let refresh = result["RefreshToken"] { out["refresh_token"] = refresh }
    return .object(out)
  }

  static func page(_ text: String) -> String {
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>cogsh sandbox</title></head><body><p>"
      + escape(text) + "</p></body></html>"
  }

  static func escape(_ s: String) -> String {
    s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
      .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
  }

  /// The login form: the field names are what a person (or a test driving a browser) fills in.
  static func form(_ request: String, message: String = "") -> String {
    """
    <!doctype html><html><head><meta charset="utf-8"><title>Sign in (cogsh sandbox)</title></head><body>
    <h1>Sign in</h1><p>cogsh's sandbox stand-in for managed login: the password is checked by moto.</p>
    \(message.isEmpty ? "" : "<p class=\"error\">\(escape(message))</p>")
    <form method="post" action="/login">
    <input type="hidden" name="request" value="\(escape(request))">
    <label>Username <input id="username" name="username" autocomplete="username"></label>
    <label>Password <input id="password" name="password" type="password" autocomplete="current-password"></label>
    <button id="signin" name="action" value="login" type="submit">Sign in</button>
    <button id="deny" name="action" value="deny" type="submit">Cancel</button>
    </form></body></html>
    """
  }
}
