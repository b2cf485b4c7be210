import Auth
import Cognito
import Foundation
import Testing

/// Managed login and the OAuth2 endpoints against oauth_server.py, which checks what Cognito checks;
/// browser.py, run as $BROWSER, is the person at the browser.
@Suite("Managed login and OAuth2", .serialized)
struct HostedLoginTests {
  /// A free loopback port for cogsh's callback listener, and the server that knows it as registered.
  final class Setup {
    let port: Int
    let server: HelperServer
    let cogsh = Cogsh()
    let log: String

    init() throws {
      port = try LoopbackListener(port: 0).port  // closed again at once: free for cogsh
      server = try HelperServer.oauth(callbackPort: port)
      log = cogsh.home.path + "/browser.log"
    }

    var callback: String { "http://localhost:\(port)/callback" }

    func connection(client: String = "public", secret: String? = nil) -> [String] {
      ["--endpoint-url", server.url, "--pool-id", "us-east-1_OAuthPool", "--client-id", client]
        + (secret.map { ["--client-secret", $0] } ?? [])
    }

    func browser(action: String = "login", password: String = "alice-password") throws -> [String: String] {
      [
        "BROWSER": "\(try HelperServer.python()) \(Project.path("Tests/ShellTests/Support/browser.py"))",
        "FAKE_BROWSER_USER": "alice@example.com", "FAKE_BROWSER_PASSWORD": password, "FAKE_BROWSER_ACTION": action,
        "FAKE_BROWSER_LOG": log,
      ]
    }

    func run(
      _ args: [String], client: String = "public", secret: String? = nil, browser: [String: String]? = nil,
      stdin: String? = nil, extra: [String: String] = [:]
    ) throws -> RunResult {
      try cogsh.run(
        connection(client: client, secret: secret) + args, stdin: stdin,
        extraEnvironment: (try browser ?? self.browser()).merging(extra) { _, b in b })
    }

    /// Runs browser.py by hand up to the callback and returns the URL it would have opened.
    func callbackURL(for authorizeURL: String) throws -> String {
      let p = Process()
      p.executableURL = URL(fileURLWithPath: try HelperServer.python())
      p.arguments = [Project.path("Tests/ShellTests/Support/browser.py"), authorizeURL]
      var env = try browser()
      env["FAKE_BROWSER_STOP_AT"] = "http://localhost:\(port)"
      p.environment = env
      let pipe = Pipe()
      p.standardOutput = pipe
      try p.run()
      p.waitUntilExit()
      return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    var browserLog: String { (try? String(contentsOfFile: log, encoding: .utf8)) ?? "" }
  }

  @Test("the code flow with PKCE: the browser signs in, the listener takes the code, the tokens are the user's")
  func codeFlow() throws {
    let s = try Setup()
    let login = try s.run(["-c", "login --hosted --scope openid --scope email --redirect-uri \(s.callback) --explain"])
    #expect(login.status == 0, "stderr: \(login.stderr)\nbrowser: \(s.browserLog)")
    #expect(login.stdout.contains("signed in as alice@example.com"))
    #expect(login.stdout.contains("code_challenge_method=S256") && login.stdout.contains("<redacted"))
    #expect(!login.stdout.contains("code_verifier=") || login.stdout.contains("code_verifier=<redacted>"))
    #expect(s.browserLog.contains("POST http://127.0.0.1") && s.browserLog.contains("/callback?code="))
    #expect(s.browserLog.contains("PAGE Signed in"), "the browser is told it can close the tab")
    let tokens = try s.run(["-c", "tokens; jwt decode id"])
    #expect(tokens.status == 0 && tokens.stdout.contains("nonce") && tokens.stdout.contains("refresh  present"))
    let refresh = try s.run(["-c", "refresh"])
    #expect(refresh.status == 0 && refresh.stdout.contains("refreshed alice@example.com"), "stderr: \(refresh.stderr)")
    let info = try s.run(["-c", "oauth userinfo"])
    #expect(info.status == 0 && info.stdout.contains("email") && info.stdout.contains("sub-alice"))
    let revoke = try s.run(["-c", "oauth revoke"])
    #expect(revoke.status == 0 && revoke.stdout.contains("revoked the refresh token of alice@example.com"))
    #expect(try s.run(["-c", "tokens"]).status == 1, "the revoked tokens are forgotten")
  }

  @Test("a confidential client authenticates with its secret; a wrong secret is invalid_client, with a hint")
  func confidentialClient() throws {
    let s = try Setup()
    let ok = try s.run(
      ["-c", "login --hosted --redirect-uri \(s.callback)"], client: "confidential", secret: "oauth-secret")
    #expect(ok.status == 0, "stderr: \(ok.stderr)")
    let wrong = try s.run(
      ["-c", "login --hosted --redirect-uri \(s.callback)"], client: "confidential", secret: "nope")
    #expect(wrong.status == 1 && wrong.stderr.contains("/oauth2/token: invalid_client"), "stderr: \(wrong.stderr)")
    #expect(wrong.stderr.contains("set client-secret"))
  }

  @Test("the implicit grant: the fragment is relayed by the callback page; no refresh token; the code flow is advised")
  func implicitFlow() throws {
    let s = try Setup()
    let r = try s.run(["-c", "login --hosted --implicit --scope openid --redirect-uri \(s.callback); tokens"])
    #expect(r.status == 0, "stderr: \(r.stderr)\nbrowser: \(s.browserLog)")
    #expect(r.stderr.contains("the code flow with PKCE is preferred"))
    #expect(r.stdout.contains("signed in as alice@example.com") && !r.stdout.contains("refresh  present"))
    #expect(s.browserLog.contains("POST http://localhost:\(s.port)/callback"), "the page posted the fragment back")
  }

  @Test("client credentials: an access token for the client, kept as $CLIENT_TOKEN; a scope not allowed is refused")
  func clientCredentials() throws {
    let s = try Setup()
    let r = try s.run(
      ["-c", "oauth token --client-credentials --scope orders/read; echo $CLIENT_TOKEN"], client: "machine",
      secret: "machine-secret")
    #expect(r.status == 0 && r.stdout.contains("access token for client machine"), "stderr: \(r.stderr)")
    #expect(r.stdout.contains("scope: orders/read") && r.stdout.contains("\neyJ"))
    let scope = try s.run(
      ["-c", "oauth token --client-credentials --scope orders/delete"], client: "machine", secret: "machine-secret")
    #expect(scope.status == 1 && scope.stderr.contains("invalid_scope"))
    let noSecret = try s.run(["-c", "oauth token --client-credentials"], client: "machine")
    #expect(noSecret.status == 1 && noSecret.stderr.contains("needs the app client's secret"))
  }

  @Test("a callback with another state, a denied sign-in and a redirect URI not registered each stop with their words")
  func refusals() throws {
    let s = try Setup()
    let denied = try s.run(
      ["-c", "login --hosted --redirect-uri \(s.callback)"], browser: try s.browser(action: "deny"))
    #expect(denied.status == 1 && denied.stderr.contains("managed login returned access_denied"), "\(denied.stderr)")
    #expect(try s.run(["-c", "tokens"]).status == 1, "nothing stored")
    // An error with this sign-in's state, its description holding terminal controls: shown with
    // cogsh's escapes, as every error is, neither raw nor in Swift's syntax.
    let hostile = try s.run(
      ["-c", "login --hosted --redirect-uri \(s.callback)"], browser: try s.browser(action: "hostile-error"))
    #expect(
      hostile.status == 1 && hostile.stderr.contains(#"managed login returned access_denied: \e]0;PWNED\x07\e[2J"#),
      "\(hostile.stderr.debugDescription)")
    #expect(!hostile.stderr.contains("\u{1B}") && !hostile.stderr.contains(#"\u{1B}"#))

    // Pasted back with --no-browser: the real callback URL with its state changed.
    let forged = "http://localhost:\(s.port)/callback?code=abc&state=not-this-sign-in"
    let wrongState = try s.run(
      ["-c", "login --hosted --no-browser --redirect-uri \(s.callback)"], stdin: "\n" + forged + "\n")
    #expect(wrongState.status == 1 && wrongState.stderr.contains("state does not match"), "\(wrongState.stderr)")
    #expect(
      wrongState.stderr.contains("nothing was pasted: copy the whole URL"), "Enter alone is explained, then asked again"
    )

    let unregistered = "http://localhost:\(s.port)/elsewhere"
    let checked = try s.run(["-c", "login --hosted --redirect-uri \(unregistered)"])
    #expect(checked.status == 1 && checked.stderr.contains("is not a callback URL of this app client"))
    // Without AWS credentials the registration cannot be read first: the browser ends on the error page.
    let blind = try s.run(
      ["-c", "login --hosted --timeout 2 --redirect-uri \(unregistered)"], extra: FaultServer.withoutCredentials)
    #expect(blind.status == 1 && blind.stderr.contains("no callback arrived within 2 s"), "\(blind.stderr)")
    #expect(blind.stderr.contains("redirect_mismatch") && s.browserLog.contains("redirect_mismatch"))
  }

  @Test("a code is taken once: exchanging it again is invalid_grant, with the reason in the hint")
  func reusedCode() throws {
    let s = try Setup()
    let home = s.cogsh.home.path + "/account"
    let configuration = Configuration(
      store: SessionStore(home: home), aws: AWSEnvironment(variables: ["AWS_EC2_METADATA_DISABLED": "true"]),
      overrides: Profile(
        poolId: "us-east-1_OAuthPool", clientId: "public", region: "us-east-1", endpointURL: s.server.url),
      explicitProfile: "default", transport: CurlTransport())
    let account = Account(
      configuration: configuration, transport: CurlTransport(), clock: { Date().timeIntervalSince1970 })
    let login = try account.beginHostedLogin(HostedOptions(scopes: ["openid"], redirectURI: s.callback))
    let url = try s.callbackURL(for: login.authorizeURL)
    #expect(url.hasPrefix(s.callback + "?code="), "browser: \(s.browserLog)")
    let callback = try OAuthCallback(url: url)
    _ = try account.finishHostedLogin(login, callback: callback)
    #expect(throws: OAuthError.self) { try account.finishHostedLogin(login, callback: callback) }
    do {
      _ = try account.finishHostedLogin(login, callback: callback)
    } catch let e as OAuthError {
      #expect(e.message.contains("invalid_grant"))
    }
  }

  @Test("userInfo needs the openid scope; logout --hosted prints /logout with the client and the sign-out URL")
  func userInfoAndLogout() throws {
    let s = try Setup()
    let login = try s.run(["-c", "login --hosted --scope email --redirect-uri \(s.callback)"])
    #expect(login.status == 0, "stderr: \(login.stderr)")
    let info = try s.run(["-c", "oauth userinfo"])
    #expect(info.status == 1 && info.stderr.contains("/oauth2/userInfo: invalid_token"), "\(info.stderr)")
    let session = s.cogsh.cogshHome + "/sessions/default.json"
    let signedIn = try String(contentsOfFile: session, encoding: .utf8)
    let out = try s.run(
      ["-c", "logout --hosted --no-browser --logout-uri http://localhost:\(s.port)/signed-out"])
    #expect(
      out.status == 0
        && out.stdout.contains("/logout?client_id=public&logout_uri=http%3A%2F%2Flocalhost%3A\(s.port)%2Fsigned-out"))
    #expect(
      out.stdout.contains("revoked the refresh token of sub-alice at /oauth2/revoke and forgot its tokens"),
      "as logout does, the refresh token is revoked; without openid the sub names the user: \(out.stdout)")
    // The tokens put back, the revoked refresh token no longer refreshes.
    plantStateFile(home: s.cogsh.cogshHome, "sessions/default.json", signedIn)
    let stale = try s.run(["-c", "refresh"])
    #expect(stale.status == 1 && stale.stderr.contains("invalid_grant"), "\(stale.stderr)")
    // With --local the tokens are only forgotten.
    plantStateFile(home: s.cogsh.cogshHome, "sessions/default.json", signedIn)
    let local = try s.run(["-c", "logout --hosted --local --no-browser"])
    #expect(
      local.status == 0 && local.stdout.contains("forgot the tokens of sub-alice"), "\(local.stdout) \(local.stderr)")
  }

  @Test("login without a username and without --hosted is a usage error naming both forms")
  func loginNeedsAName() throws {
    let r = try Cogsh().run(["-c", "login"])
    #expect(r.status == 2 && r.stderr.contains("login: missing USERNAME") && r.stderr.contains("login --hosted"))
  }

  /// Each sandbox registers a callback port of its own beside the seed's http://localhost:3333.
  @Test("walkthrough hosted --auto runs to its end on the sandbox, the browser step through $BROWSER")
  func sandboxWalkthrough() throws {
    _ = try Moto.server()
    let cogsh = Cogsh()
    let log = cogsh.home.path + "/browser.log"
    let run = try cogsh.run(
      ["--sandbox", "-c", "walkthrough hosted --auto --user hiro@example.com --password hosted-pass-1"],
      extraEnvironment: [
        "BROWSER": "\(try HelperServer.python()) \(Project.path("Tests/ShellTests/Support/browser.py"))",
        "FAKE_BROWSER_USER": "hiro@example.com", "FAKE_BROWSER_PASSWORD": "hosted-pass-1", "FAKE_BROWSER_LOG": log,
      ])
    let browser = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
    #expect(run.status == 0, "stderr: \(run.stderr)\nbrowser: \(browser)")
    #expect(run.stdout.contains("walkthrough hosted done"))
    #expect(run.stdout.contains("code_challenge_method=S256") && run.stdout.contains("signed in as hiro@example.com"))
    #expect(run.stdout.contains("refreshed hiro@example.com") && run.stdout.contains("/logout?client_id="))
    #expect(run.stderr.contains("carries no nonce"), "the sandbox says where it differs")
    #expect(browser.contains("GET http://localhost:") && browser.contains("?code="), "\(browser)")
  }

  /// $BROWSER for a real headless chromium, driven over the DevTools protocol (chromium_browser.py).
  static func chromium(_ user: String, _ password: String, log: String) throws -> [String: String] {
    [
      "BROWSER": "\(try HelperServer.python()) \(Project.path("Tests/ShellTests/Support/chromium_browser.py"))",
      "FAKE_BROWSER_USER": user, "FAKE_BROWSER_PASSWORD": password, "FAKE_BROWSER_LOG": log,
    ]
  }

  /// The browser runs on after cogsh has its callback: wait (bounded) until its log says how the page ended.
  static func logEnds(_ path: String, with text: String) -> String {
    var log = ""
    for _ in 0..<200 {
      log = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
      if log.contains(text) { break }
      usleep(50_000)
    }
    return log
  }

  @Test("a real headless chromium signs in through the code flow, and through the sandbox's own form")
  func realBrowser() throws {
    let s = try Setup()
    let login = try s.run(
      ["-c", "login --hosted --scope openid --redirect-uri \(s.callback) --timeout 90; tokens"],
      browser: try Self.chromium("alice@example.com", "alice-password", log: s.log))
    #expect(login.status == 0, "stderr: \(login.stderr)\nbrowser: \(s.browserLog)")
    #expect(login.stdout.contains("signed in as alice@example.com"))
    #expect(Self.logEnds(s.log, with: "PAGE").contains("PAGE Signed in"))

    _ = try Moto.server()
    let cogsh = Cogsh()
    let log = cogsh.home.path + "/chromium.log"
    let sandbox = try cogsh.run(
      [
        "--sandbox", "-c",
        "admin-create-user kai@example.com --temporary-password first-pass-1 --suppress-message; "
          + "admin-set-user-password kai@example.com kai-pass-1 --permanent; login --hosted --timeout 90; whoami",
      ], extraEnvironment: try Self.chromium("kai@example.com", "kai-pass-1", log: log))
    let browser = Self.logEnds(log, with: "PAGE")
    #expect(sandbox.status == 0, "stderr: \(sandbox.stderr)\nbrowser: \(browser)")
    #expect(sandbox.stdout.contains("signed in as kai@example.com") && browser.contains("PAGE Signed in"))
    #expect(browser.contains("chromium ended on http://localhost:") && browser.contains("/?code="), "\(browser)")
  }

  @Test("a $BROWSER that fails is said, with its status, and the URL is printed whole to open by hand")
  func browserFails() throws {
    _ = try Moto.server()
    let cogsh = Cogsh()
    for (browser, why) in [("/nonexistent/browser", "was not found"), ("sh -c 'exit 3'", "failed (exit status 3)")] {
      let r = try cogsh.run(
        ["--sandbox", "-c", "login --hosted --timeout 1"], extraEnvironment: ["BROWSER": browser])
      #expect(r.status == 1)
      #expect(r.stdout.contains("\(why); open this URL yourself:"), "\(browser): \(r.stdout) \(r.stderr)")
      #expect(!r.stderr.contains("opened managed login in the browser"))
      let url = r.stdout.split(separator: "\n").first { $0.hasPrefix("http://127.0.0.1:") }
      #expect(url?.contains("/oauth2/authorize?response_type=code&client_id=") == true, "\(r.stdout)")
      #expect(url?.contains("code_challenge=") == true, "the URL is whole, on one line")
    }
  }

  @Test(
    "forged, oversized and slow callbacks (another state, none, a forged error, bad lengths, 100 KB, a held connection) are passed over; the real one signs in"
  )
  func forgedCallbacks() throws {
    let s = try Setup()
    // A local process that knows the callback port sends its forgeries first, then the person signs in.
    let forger = s.cogsh.home.path + "/forger.py"
    try """
    import os, socket, subprocess, sys
    from urllib.parse import urlparse, parse_qs
    url = sys.argv[1]
    callback = urlparse(parse_qs(urlparse(url).query)["redirect_uri"][0])
    def send(raw):
        s = socket.create_connection((callback.hostname, callback.port))
        s.sendall(raw.encode())
        s.recv(4096)
        s.close()
    path = callback.path or "/"
    send(f"GET {path}?code=forged&state=not-this-one HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
    send(f"GET {path}?code=forged HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
    send(f"GET {path}?error=access_denied&error_description=%1B%5D0%3BPWNED%07 HTTP/1.1\\r\\nHost: x\\r\\n\\r\\n")
    send(f"POST {path} HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: -1\\r\\n\\r\\n")
    send(f"POST {path} HTTP/1.1\\r\\nHost: x\\r\\nContent-Length: 99999999999999999999\\r\\n\\r\\n")
    send(f"GET {path}?code=forged&state=big HTTP/1.1\\r\\nX-Pad: " + "a" * 100000 + "\\r\\n\\r\\n")
    # A connection that sends half a request and is held open, by the browser below, for the whole sign-in.
    slow = socket.create_connection((callback.hostname, callback.port))
    slow.sendall(f"GET {path}?code=slow".encode())
    slow.set_inheritable(True)
    os.execv(sys.executable, [sys.executable, sys.argv[2], url])
    """.write(toFile: forger, atomically: true, encoding: .utf8)
    var browser = try s.browser()
    browser["BROWSER"] =
      "\(try HelperServer.python()) \(forger) %s \(Project.path("Tests/ShellTests/Support/browser.py"))"
    let login = try s.run(["-c", "login --hosted --redirect-uri \(s.callback)"], browser: browser)
    #expect(login.status == 0, "stderr: \(login.stderr)\nbrowser: \(s.browserLog)")
    #expect(login.stdout.contains("signed in as alice@example.com"))
    #expect(login.stderr.components(separatedBy: "was ignored").count - 1 == 3, "each forgery said: \(login.stderr)")
    #expect(!login.stderr.contains("PWNED"), "a forged error's text is not shown")
  }
}
