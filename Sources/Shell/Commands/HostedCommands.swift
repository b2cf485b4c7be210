import Auth
import Basics
import Cognito
import Foundation

/// Managed login (`login --hosted`, `logout --hosted`) and the OAuth2 endpoints (`oauth …`).
enum HostedCommands {
  /// The flags `login` takes for managed login.
  static let loginFlags: [Flag] = [
    Flag("hosted", help: "sign in through managed login (the hosted UI) in a browser: authorization code with PKCE"),
    Flag("implicit", help: "with --hosted: the implicit grant (tokens in the URL fragment; no refresh token)"),
    Flag(
      "scope", value: "S", repeatable: true,
      help: "with --hosted: an OAuth scope to ask for (default: all the client allows)"),
    Flag(
      "redirect-uri", value: "URI",
      help:
        "with --hosted: the callback URL registered on the client (default: the profile's, else http://localhost:3333)"),
    Flag("identity-provider", value: "NAME", help: "with --hosted: go straight to this IdP (Google, a SAML name, …)"),
    Flag(
      "prompt", value: "P", help: "with --hosted: login (ask again) or none (silent)",
      completion: .choices(["login", "none"])),
    Flag("no-browser", help: "with --hosted: print the URL and read back the URL the browser ends on"),
    Flag("timeout", value: "SECONDS", help: "with --hosted: how long to wait for the callback (default 300)"),
  ]

  /// `login --hosted`: open managed login, take the callback, exchange the code, store the tokens.
  static func login(_ args: Arguments, ctx: ShellContext) throws {
    let settings = try ctx.configuration.settings()
    if let prompt = args.flag("prompt"), !["login", "none"].contains(prompt) {
      throw UsageError.invalidChoice(prompt, for: "prompt", choices: ["login", "none"])
    }
    var timeout = 300.0
    if let t = args.flag("timeout") {
      guard let v = Double(t), v >= 1, v <= 3600 else {
        throw UsageError.invalidOption("login: --timeout takes seconds from 1 to 3600")
      }
      timeout = v
    }
    let options = HostedOptions(
      scopes: args.flagList("scope").flatMap { $0.split(separator: " ").map(String.init) },
      redirectURI: args.flag("redirect-uri") ?? settings.redirectURI ?? HostedOptions.defaultRedirectURI,
      identityProvider: args.flag("identity-provider"), prompt: args.flag("prompt"), implicit: args.has("implicit"))
    let login = try ctx.account.beginHostedLogin(options)
    if options.implicit {
      ctx.printer.diagnostic(
        "note: the implicit grant puts the tokens in the URL (browser history, logs) and gives no refresh token; "
          + "the code flow with PKCE is preferred")
    }
    let callback: OAuthCallback
    if args.has("no-browser") {
      ctx.printer.note("open this URL in a browser and sign in:")
      ctx.printer.copyable(login.authorizeURL)
      var pasted: String?
      // Enter alone is a paste that did not happen: said, and asked again (Ctrl-D gives up).
      while let line = try ctx.questions.line("paste the URL the browser ended on: ", "the URL the browser ended on") {
        if !line.trimmingCharacters(in: .whitespaces).isEmpty {
          pasted = line
          break
        }
        ctx.printer.diagnostic(
          "nothing was pasted: copy the whole URL from the browser's address bar once it has left the sign-in "
            + "page (it starts with \(options.redirectURI)); Ctrl-D gives up")
      }
      guard let pasted else {
        if Interrupt.isRaised { throw CognitoError.interrupted }
        throw CommandError("no callback URL was given", hint: "Paste the whole URL from the browser's address bar.")
      }
      callback = try OAuthCallback(url: pasted)
    } else {
      let listener = try listener(for: options.redirectURI, ctx: ctx)
      if let fallback = Browser.fallback(
        ctx.openBrowser(login.authorizeURL), url: login.authorizeURL)
      {
        ctx.printer.note(fallback)
        ctx.printer.copyable(login.authorizeURL)
        ctx.printer.diagnostic("waiting for \(options.redirectURI) (Ctrl-C stops)")
      } else {
        ctx.printer.diagnostic("opened managed login in the browser; waiting for \(options.redirectURI) (Ctrl-C stops)")
      }
      callback = try ctx.account.receiveCallback(login, on: listener, timeout: timeout)
    }
    let hosted = try ctx.account.finishHostedLogin(login, callback: callback)
    if args.has("explain") {
      ctx.printer.note(Table.render(hosted.steps))
    }
    AuthCommands.show(hosted.report, ctx: ctx)
  }

  /// A listener on the redirect URI's port: only a loopback callback can be received here.
  static func listener(for redirectURI: String, ctx: ShellContext) throws -> LoopbackListener {
    guard let parts = URLComponents(string: redirectURI), let host = parts.host, Endpoint.isLoopback(host),
      parts.scheme == "http"
    else {
      throw CommandError(
        "cogsh can only receive the callback on an http://localhost address, not \(redirectURI)",
        hint: "Register http://localhost:3333 on the app client, or use --no-browser and paste the callback URL.")
    }
    return try ctx.account.listen(parts.port ?? 80)
  }

  static let oauth = CommandSpec(
    name: "oauth", group: "Tokens", summary: "the pool domain's OAuth2 endpoints: client credentials, userInfo, revoke",
    subcommands: [
      CommandSpec(
        "oauth", "token", summary: "an access token for the app client itself (client credentials, machine to machine)",
        flags: [
          Flag("client-credentials", help: "the client-credentials grant (the only one taken here; required)"),
          Flag(
            "scope", value: "S", repeatable: true, help: "a scope to ask for (RESOURCE/SCOPE); default: all allowed"),
        ],
        handler: { args, ctx in
          guard args.has("client-credentials") else {
            throw UsageError.missingArgument(
              "--client-credentials", command: "oauth token", usage: "oauth token --client-credentials [--scope S ...]")
          }
          let clientId = try ctx.configuration.clientId()
          let tokens = try ctx.account.clientCredentials(
            scopes: args.flagList("scope").flatMap { $0.split(separator: " ").map(String.init) })
          let now = ctx.clock()
          let claims = (try? DecodedJWT.decode(tokens.accessToken)).map(CognitoClaims.init)
          ctx.printer.result(
            .object([
              "clientId": .string(clientId), "expiresIn": .number((tokens.expiresAt - now).rounded()),
              "scope": .string(claims?.scopes.joined(separator: " ") ?? ""),
            ])
          ) {
            "access token for client \(clientId) (no user; $CLIENT_TOKEN holds it); "
              + TimeText.expiry(tokens.expiresAt, now: now)
              + ((claims?.scopes.isEmpty ?? true) ? "" : "\nscope: \(claims?.scopes.joined(separator: " ") ?? "")")
          }
          return .proceed
        }),
      CommandSpec(
        "oauth", "userinfo", summary: "the signed-in user's attributes from /oauth2/userInfo (needs the openid scope)",
        handler: { _, ctx in
          let info = try ctx.account.userInfo()
          ctx.printer.result(info.raw) { Table.render(info.claims) }
          return .proceed
        }),
      CommandSpec(
        "oauth", "revoke", summary: "revoke the refresh token at /oauth2/revoke and forget the tokens",
        handler: { _, ctx in
          let gone = try ctx.account.revoke(atOAuthEndpoint: true)
          ctx.printer.note("revoked the refresh token of \(gone.username) at /oauth2/revoke and forgot its tokens")
          AccountCommands.noteOthers(gone.others, ctx: ctx)
          return .proceed
        }),
    ])

  /// `logout --hosted`: the managed-login session ends at `/logout`; the refresh token is revoked and the
  /// tokens forgotten (with --local, only forgotten).
  static func logout(_ args: Arguments, ctx: ShellContext) throws {
    let settings = try ctx.configuration.settings()
    let url = try ctx.account.hostedLogoutURL(
      logoutURI: args.flag("logout-uri") ?? settings.redirectURI ?? HostedOptions.defaultRedirectURI)
    if args.has("no-browser") {
      ctx.printer.note("open this URL to end the managed-login session:")
      ctx.printer.copyable(url)
    } else if let fallback = Browser.fallback(ctx.openBrowser(url), url: url) {
      ctx.printer.note(fallback)
      ctx.printer.copyable(url)
    } else {
      ctx.printer.diagnostic("opened \(url)")
    }
    // As `logout` does, the tokens are revoked, not only forgotten (unless --local): the browser's
    // session ends at /logout, the refresh token at /oauth2/revoke (a managed-login token may lack the
    // scope GlobalSignOut needs).
    guard (try? ctx.account.currentUser()) != nil else { return }
    if args.has("local") {
      let gone = try ctx.account.signOut(everywhere: false)
      ctx.printer.note("forgot the tokens of \(gone.username)")
      AccountCommands.noteOthers(gone.others, ctx: ctx)
    } else {
      let gone = try ctx.account.revoke(atOAuthEndpoint: true)
      ctx.printer.note("revoked the refresh token of \(gone.username) at /oauth2/revoke and forgot its tokens")
      AccountCommands.noteOthers(gone.others, ctx: ctx)
    }
  }
}
