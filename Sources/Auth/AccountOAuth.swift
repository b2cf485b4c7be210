import Basics
import Cognito
import Foundation

/// A managed-login sign-in finished: where it stopped, and each step for an explanation.
public struct HostedReport: Sendable {
  public var report: SignInReport
  /// (step, what was sent or received), secrets redacted.
  public var steps: [(String, String)]
}

extension Account {
  /// The pool's managed-login domain: the profile's, else the one the pool's OpenID discovery
  /// document names (`…/POOL/.well-known/openid-configuration`).
  public func hostedDomain() throws -> String {
    let settings = try configuration.settings()
    if let domain = settings.domain, !domain.isEmpty { return Self.trimmed(domain) }
    let pool = try configuration.poolId()
    let base =
      settings.endpointURL.map(Self.trimmed)
      ?? "https://cognito-idp.\(settings.region ?? Endpoint.region(fromPoolId: pool) ?? "us-east-1").amazonaws.com"
    let url = "\(base)/\(pool)/.well-known/openid-configuration"
    guard let response = try? client(.oauth2, url: url).get(url, label: "OpenID discovery (the pool's endpoints)"),
      response.status == 200, let document = try? JSON.parse(bytes: response.body),
      let authorize = document["authorization_endpoint"]?.stringValue, authorize.hasSuffix("/oauth2/authorize")
    else { throw OAuthError.noDomain }
    return String(authorize.dropLast("/oauth2/authorize".count))
  }

  static func trimmed(_ url: String) -> String {
    url.hasSuffix("/") ? String(url.dropLast()) : url
  }

  /// Starts a managed-login sign-in: a random state, a PKCE pair for the code flow, a nonce with openid.
  public func beginHostedLogin(_ options: HostedOptions) throws -> HostedLogin {
    let domain = try hostedDomain()
    try Endpoint.validate(domain)
    try Endpoint.validate(options.redirectURI)
    try checkRegistration(options)
    return HostedLogin(
      domain: domain, clientId: try configuration.clientId(), options: options,
      state: Base64URL.encode(SecureRandom.bytes(16)),
      nonce: Base64URL.encode(SecureRandom.bytes(16)),
      pkce: options.implicit ? nil : PKCE.random(), startedAt: clock())
  }

  /// What the browser would otherwise end on as an error page, said first when AWS credentials allow
  /// reading the app client: the callback URL, the flow and the scopes it allows.
  func checkRegistration(_ options: HostedOptions) throws {
    guard let pool = try? configuration.poolId(), let clientId = try? configuration.clientId(),
      let client = ownCall(
        .describeUserPoolClient, ["UserPoolId": .string(pool), "ClientId": .string(clientId)],
        purpose: "to check the callback URL, flow and scopes")?["UserPoolClient"]
    else { return }
    remember(client: client, clientId: clientId)
    func strings(_ key: String) -> [String] { client[key]?.arrayValue?.compactMap(\.stringValue) ?? [] }
    let callbacks = strings("CallbackURLs")
    guard callbacks.contains(options.redirectURI) else {
      throw OAuthError.redirectNotRegistered(options.redirectURI, registered: callbacks)
    }
    let flow = options.implicit ? "implicit" : "code"
    guard strings("AllowedOAuthFlows").contains(flow) else {
      throw OAuthError.flowNotAllowed(flow, allowed: strings("AllowedOAuthFlows"))
    }
    let allowed = strings("AllowedOAuthScopes")
    let refused = options.scopes.filter { !allowed.contains($0) }
    guard refused.isEmpty else { throw OAuthError.scopesNotAllowed(refused, allowed: allowed) }
  }

  /// Waits on `listener` for the browser to come back to the redirect URI. The implicit grant's tokens
  /// are in the fragment, which browsers never send: the page served first posts it back.
  public func receiveCallback(_ login: HostedLogin, on listener: LoopbackListener, timeout: Double) throws
    -> OAuthCallback
  {
    let path = URLComponents(string: login.options.redirectURI)?.path ?? ""
    let expected = path.isEmpty ? "/" : path
    let deadline = Date().timeIntervalSince1970 + timeout
    while true {
      let left = deadline - Date().timeIntervalSince1970
      guard left > 0, let request = try listener.next(timeout: left) else {
        throw OAuthError.listenerTimedOut(Int(timeout))
      }
      guard request.path == expected else {
        request.respond(status: 404, body: "")
        continue
      }
      var parameters = request.query
      if request.method == "POST" { parameters = request.form }
      if parameters.isEmpty && login.options.implicit {
        request.respond(status: 200, body: CallbackPages.fragmentRelay)
        continue
      }
      // A callback without this sign-in's state is not its answer — any local process can send one,
      // an error=access_denied too: refused and passed over, and the wait goes on for the real one.
      guard parameters["state"] == login.state else {
        request.respond(status: 400, body: CallbackPages.ignored)
        notice(
          "note: a callback without this sign-in's state came to \(login.options.redirectURI) and was ignored; "
            + "still waiting for the browser's")
        continue
      }
      let failed = parameters["error"] != nil
      request.respond(status: 200, body: failed ? CallbackPages.failed : CallbackPages.done)
      return OAuthCallback(parameters: parameters)
    }
  }

  /// Checks the callback against the sign-in (state, error, nonce), exchanges the code at the token
  /// endpoint (the implicit grant brings the tokens itself), and stores the user as current.
  public func finishHostedLogin(_ login: HostedLogin, callback: OAuthCallback) throws -> HostedReport {
    let p = callback.parameters
    recordBrowserPart(login, callback: p)
    var steps: [(String, String)] = [("authorize", login.authorizeURL)]
    if let pkce = login.pkce {
      steps.append(
        ("PKCE", "verifier: 32 random bytes, kept here; challenge = BASE64URL(SHA256(verifier)) = \(pkce.challenge)"))
    }
    steps.append(
      (
        "callback",
        p.keys.sorted().map { "\($0)=\(Redaction.isSecret($0) ? "<redacted>" : p[$0] ?? "")" }.joined(separator: " ")
      ))
    if let error = p["error"] { throw OAuthError.callback(error: error, description: p["error_description"]) }
    guard p["state"] == login.state else { throw OAuthError.stateMismatch }
    let now = clock()
    let tokens: Tokens
    if login.options.implicit {
      tokens = try OAuthTokens.tokens(p.mapValues { JSON.string($0) }, now: now)
    } else {
      guard let code = p["code"], let pkce = login.pkce else { throw OAuthError.noCode }
      let form = [
        ("grant_type", "authorization_code"), ("client_id", login.clientId), ("code", code),
        ("redirect_uri", login.options.redirectURI), ("code_verifier", pkce.verifier),
      ]
      steps.append(("token request", "POST \(login.domain)/oauth2/token " + Redaction.form(FormEncoding.encode(form))))
      tokens = try OAuthTokens.tokens(try tokenEndpoint(login.domain, form, label: RetryPolicy.codeExchange), now: now)
    }
    let id = tokens.idToken.flatMap { try? DecodedJWT.decode($0) }
    if let nonce = login.nonce, let id, id.string("nonce") != nonce {
      if id.string("nonce") == nil, try configuration.settings().isSandbox == true {
        notice(SandboxQuirks.noNonce)
      } else {
        throw OAuthError.nonceMismatch
      }
    }
    let claims = id.map(CognitoClaims.init) ?? (try? DecodedJWT.decode(tokens.accessToken)).map(CognitoClaims.init)
    let name = id?.string("email") ?? claims?.username ?? claims?.subject ?? "hosted-user"
    var user = SignedInUser(
      username: name, internalUsername: claims?.username, sub: claims?.subject, tokens: tokens, hosted: true)
    user.issuedBy = issuer()
    try update { s in
      s.users[name] = user
      s.currentUser = name
    }
    steps.append(
      (
        "tokens",
        [tokens.idToken == nil ? nil : "id", "access", tokens.refreshToken == nil ? nil : "refresh"].compactMap { $0 }
          .joined(separator: ", ")
      ))
    return HostedReport(report: SignInReport(step: .signedIn(user), srpTraces: []), steps: steps)
  }

  /// The browser's part as one exchange for the log: the authorize URL it was given, the callback it came
  /// back with (redacted), and how long that took. cogsh sees neither the sign-in page nor the redirect.
  func recordBrowserPart(_ login: HostedLogin, callback p: [String: String]) {
    let answer = JSON.object(p.mapValues { JSON.string($0) })
    let event = TraceEvent(
      action: "authorize (in the browser)", url: login.authorizeURL, method: "BROWSER", requestHeaders: [],
      requestBody: "", status: p["error"] == nil ? 200 : 400, responseHeaders: [],
      responseBody: Redaction.body(answer).serialized(), milliseconds: max(0, clock() - login.startedAt) * 1000)
    recorder.record(event, command: call.command, at: login.startedAt)
  }

  /// The client-credentials grant: an access token for the app client itself, kept under the client id.
  public func clientCredentials(scopes: [String]) throws -> Tokens {
    let settings = try configuration.clientSettings()
    guard settings.clientSecret?.isEmpty == false else { throw OAuthError.needsSecret }
    var form = [("grant_type", "client_credentials"), ("client_id", settings.clientId)]
    if !scopes.isEmpty { form.append(("scope", scopes.joined(separator: " "))) }
    let tokens = try OAuthTokens.tokens(try tokenEndpoint(try hostedDomain(), form), now: clock())
    try update { s in s.clientTokens = (s.clientTokens ?? [:]).merging([settings.clientId: tokens]) { _, new in new } }
    return tokens
  }

  /// `/oauth2/userInfo` with the current user's access token.
  public func userInfo() throws -> UserInfo {
    let user = try userForAccessToken()
    let domain = try hostedDomain()
    let response = try client(.oauth2, url: domain).get(
      domain + "/oauth2/userInfo", label: "userInfo", headers: [("Authorization", "Bearer \(user.tokens.accessToken)")])
    let body = (try? JSON.parse(bytes: response.body)) ?? .null
    guard response.status == 200 else {
      let challenge = response.header("www-authenticate") ?? ""
      throw OAuthError.endpoint(
        endpoint: "/oauth2/userInfo",
        error: body["error"]?.stringValue ?? Self.field("error", in: challenge) ?? "HTTP \(response.status)",
        description: body["error_description"]?.stringValue ?? Self.field("error_description", in: challenge),
        status: response.status)
    }
    return UserInfo(body)
  }

  /// The `/logout` URL that ends the managed-login session and returns to `logoutURI`.
  public func hostedLogoutURL(logoutURI: String) throws -> String {
    try Endpoint.validate(logoutURI)
    return try hostedDomain() + "/logout?"
      + FormEncoding.encode([("client_id", try configuration.clientId()), ("logout_uri", logoutURI)])
  }

  /// New tokens for a managed-login user from `/oauth2/token` (grant_type=refresh_token).
  func refreshHosted(_ user: SignedInUser, refreshToken: String) throws -> Tokens {
    let settings = try configuration.clientSettings()
    let form = [("grant_type", "refresh_token"), ("client_id", settings.clientId), ("refresh_token", refreshToken)]
    return try OAuthTokens.tokens(try tokenEndpoint(try hostedDomain(), form), now: clock(), previous: user.tokens)
  }

  /// `/oauth2/revoke` for a managed-login user's refresh token.
  func revokeHosted(_ refreshToken: String) throws {
    let settings = try configuration.clientSettings()
    let domain = try hostedDomain()
    let response = try client(.oauth2, url: domain).post(
      path: "/oauth2/revoke", form: [("token", refreshToken), ("client_id", settings.clientId)],
      headers: basicAuthorization(settings), label: "revoke (/oauth2/revoke)")
    guard response.status == 200 else { throw Self.endpointError("/oauth2/revoke", response) }
  }

  /// POSTs `form` to `/oauth2/token`, with Basic authentication when the client has a secret.
  private func tokenEndpoint(_ domain: String, _ form: [(String, String)], label: String = "token (/oauth2/token)")
    throws -> [String: JSON]
  {
    let response = try client(.oauth2, url: domain).post(
      path: "/oauth2/token", form: form, headers: basicAuthorization(try configuration.clientSettings()),
      label: label)
    guard response.status == 200 else { throw Self.endpointError("/oauth2/token", response) }
    guard let fields = (try? JSON.parse(bytes: response.body))?.objectValue else {
      throw OAuthError.badResponse("the body is not a JSON object")
    }
    return fields
  }

  private func basicAuthorization(_ settings: ClientSettings) -> [(String, String)] {
    guard let secret = settings.clientSecret, !secret.isEmpty else { return [] }
    return [("Authorization", "Basic " + Encoding.base64(Array("\(settings.clientId):\(secret)".utf8)))]
  }

  static func endpointError(_ endpoint: String, _ response: HTTPResponse) -> OAuthError {
    let body = (try? JSON.parse(bytes: response.body)) ?? .null
    return OAuthError.endpoint(
      endpoint: endpoint, error: body["error"]?.stringValue ?? "HTTP \(response.status)",
      description: body["error_description"]?.stringValue, status: response.status)
  }

  /// `name="value"` from a WWW-Authenticate header.
  static func field(_ name: String, in header: String) -> String? {
    guard let r = header.range(of: "\(name)=\"") else { return nil }
    return header[r.upperBound...].split(separator: "\"", maxSplits: 1).first.map(String.init)
  }
}

/// The pages the callback listener answers the browser with.
enum CallbackPages {
  static let done = page("Signed in", "cogsh has the answer; you can close this tab and return to the terminal.")
  static let failed = page("Sign-in not completed", "cogsh has the answer; the terminal says what went wrong.")
  static let ignored = page(
    "Not this sign-in", "This callback does not carry the state of the sign-in cogsh is waiting for; it was ignored.")
  /// The implicit grant's tokens are in the fragment, which the browser keeps to itself: post it back.
  static let fragmentRelay = """
    <!doctype html><html><head><meta charset="utf-8"><title>cogsh</title></head>
    <body data-cogsh-fragment="post"><p>Passing the sign-in to cogsh…</p>
    <script>
    fetch(location.pathname, {method: "POST", headers: {"Content-Type": "application/x-www-form-urlencoded"},
      body: location.hash.substring(1)}).then(function (r) { return r.text(); })
      .then(function (t) { document.open(); document.write(t); document.close(); });
    </script></body></html>
    """

  static func page(_ title: String, _ text: String) -> String {
    "<!doctype html><html><head><meta charset=\"utf-8\"><title>\(title)</title></head>"
      + "<body><h1>\(title)</h1><p>\(text)</p></body></html>"
  }
}
