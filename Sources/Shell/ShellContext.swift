import Cognito
import Foundation
import Session

/// Everything a command handler works with: settings, the store, the client, the printer.
///
/// Passed explicitly to every handler; nothing here is global.
public final class ShellContext {
  public let store: SessionStore
  public let environment: [String: String]
  public let aws: AWSEnvironment
  public let printer: Printer
  /// Values from flags and environment variables: they win over the profile.
  public var overrides: Profile
  /// The profile named by --profile or COGSH_PROFILE, else the book's current one.
  public var explicitProfile: String?
  /// The AWS profile named by --aws-profile, if any.
  public var awsProfile: String?
  public var interactive: Bool
  /// Whether a missing secret can be asked for on the terminal (the REPL, or `-c` run at a terminal).
  public var canPrompt = false
  /// `--client-metadata` of the command running now, sent with every action that takes it.
  var clientMetadata: [String: String] = [:]
  /// Where secrets come from when given by --password-stdin or --password-file.
  var secretSource: SecretSource?
  public var traceOn = false
  /// Reads a secret without echo; nil when there is no terminal to ask on.
  public var readSecret: (String) -> String?
  public var clock: () -> Double
  public var sandbox: MotoServer?
  /// Lines entered in this session, for `history`.
  public var history: [String] = []
  /// Whether the sandbox's "SRP is not checked" note was shown (once a session is enough).
  var toldSRPIsUnchecked = false
  /// Whether the note that the pool's region overrides the configured one was shown.
  var toldPoolRegion = false
  /// Nesting depth of `source`, to stop a file that sources itself.
  var sourceDepth = 0
  /// The folders of the scripts being run, innermost last: `source` resolves relative paths from there.
  var scriptDirectories: [String] = []
  /// The one HTTP transport of this process: the Cognito client and the JWKS fetch share it.
  let transport: HTTPTransport

  public init(
    store: SessionStore, environment: [String: String], aws: AWSEnvironment, printer: Printer, overrides: Profile,
    explicitProfile: String?, interactive: Bool, readSecret: @escaping (String) -> String?,
    clock: @escaping () -> Double = { Date().timeIntervalSince1970 }, transport: HTTPTransport = CurlTransport()
  ) {
    self.store = store
    self.environment = environment
    self.aws = aws
    self.printer = printer
    self.overrides = overrides
    self.explicitProfile = explicitProfile
    self.interactive = interactive
    self.readSecret = readSecret
    self.clock = clock
    self.transport = transport
  }

  /// The name of the profile in use.
  public func profileName() throws -> String {
    if let p = explicitProfile { return p }
    return try store.profileBook().current
  }

  /// The stored profile in use (empty if it was never saved).
  public func storedProfile() throws -> Profile {
    try store.profileBook().profiles[profileName()] ?? Profile()
  }

  /// The effective settings: overrides, then the profile, then the AWS shared config. A user pool
  /// lives in the region its id names (`eu-west-1_AbC`), so that region wins over any configured one,
  /// as amazon-cognito-identity-js and Amplify decide it.
  public func settings() throws -> Profile {
    var p = try storedProfile().overlaid(with: overrides)
    if p.endpointURL == nil { p.endpointURL = aws.endpointURL(explicitProfile: awsProfile) }
    let configured = p.region ?? aws.region(explicitProfile: awsProfile)
    p.region = Endpoint.region(fromPoolId: p.poolId) ?? configured
    if let configured, let pool = p.poolId, let region = p.region, region != configured, !toldPoolRegion {
      toldPoolRegion = true
      printer.diagnostic("note: pool \(pool) is in \(region); using that region, not the configured \(configured)")
    }
    return p
  }

  /// The endpoint user-pool calls go to.
  public func endpoint() throws -> Endpoint {
    let s = try settings()
    return try Endpoint.resolve(url: s.endpointURL, region: s.region, fips: aws.usesFIPS(explicitProfile: awsProfile))
  }

  /// The AWS CLI's credential chain for this process: temporary credentials are kept in memory only.
  private lazy var credentialChain = CredentialChain(
    env: aws, explicitProfile: awsProfile,
    io: CredentialIO(
      transport: transport,
      askMFACode: { [unowned self] serial in
        self.interactive || self.canPrompt ? self.readSecret("MFA code for \(serial): ") : nil
      }))

  /// The AWS credentials for signed calls; a sandbox profile falls back to dummy ones, as moto accepts
  /// any. Throws when a configured source (a role, SSO, a process) fails, saying why.
  public func requireCredentials() throws -> AWSCredentials? {
    if let c = try credentialChain.resolve() { return c }
    if (try? settings().isSandbox) == true {
      return AWSCredentials(accessKeyId: "sandbox", secretAccessKey: "sandbox", source: "sandbox (dummy)")
    }
    return nil
  }

  /// The credentials when there are any, for the calls cogsh makes on its own account (hints, lifetimes).
  public func credentials() -> AWSCredentials? { (try? requireCredentials()) ?? nil }

  /// A client for the current settings, sharing one transport so connections are reused.
  public func client() throws -> CognitoClient {
    let c = try client(service: .userPools, endpoint: endpoint())
    if try settings().isSandbox == true { c.preflight = Sandbox.refuseUnserved }
    return c
  }

  /// A client for another service or URL (a JWKS, a pool domain), through the same transport, trace and retries.
  public func client(service: Service, url: String) throws -> CognitoClient {
    try Endpoint.validate(url)
    return try client(service: service, endpoint: Endpoint(url: url, region: settings().region ?? "", isCustom: true))
  }

  private func client(service: Service, endpoint: Endpoint) throws -> CognitoClient {
    let c = CognitoClient(
      service: service, endpoint: endpoint, transport: transport,
      credentials: { [weak self] in try self?.requireCredentials() })
    c.retry = RetryPolicy.configured(aws, explicitProfile: awsProfile)
    c.clientMetadata = clientMetadata
    let printer = self.printer
    c.onRetry = { printer.retry($0) }
    if traceOn {
      c.trace = { event in
        printer.diagnostic(TraceText.render(event))
      }
    }
    return c
  }

  /// The pool id, or an error telling how to set it.
  public func poolId() throws -> String {
    guard let id = try settings().poolId, !id.isEmpty else {
      throw CommandError(
        "no user pool selected", hint: "Set one with `set pool-id ID`, --pool-id or COGNITO_USER_POOL_ID.")
    }
    return id
  }

  /// The app client id, or an error telling how to set it.
  public func clientId() throws -> String {
    guard let id = try settings().clientId, !id.isEmpty else {
      throw CommandError(
        "no app client selected", hint: "Set one with `set client-id ID`, --client-id or COGNITO_CLIENT_ID.")
    }
    return id
  }

  /// SECRET_HASH for `username`, when the app client has a secret.
  public func secretHash(for username: String) throws -> String? {
    guard let secret = try settings().clientSecret, !secret.isEmpty else { return nil }
    return SecretHash.compute(username: username, clientId: try clientId(), clientSecret: secret)
  }

  /// This profile's session state as stored now.
  public func session() throws -> SessionState { try store.session(profileName()) }

  /// Changes this profile's session state under the store's lock.
  @discardableResult
  public func updateSession<T>(_ change: (inout SessionState) throws -> T) throws -> T {
    try store.updateSession(profileName(), change)
  }

  /// The current user, or an error telling how to sign in.
  public func currentUser() throws -> SignedInUser {
    let state = try session()
    guard let u = state.current else {
      if !state.users.isEmpty {
        throw CommandError(
          "no user is current",
          hint: "Signed in here: \(state.users.keys.sorted().joined(separator: ", ")); pick one with `switch NAME`.")
      }
      throw CommandError("nobody is signed in", hint: "Sign in with `login USERNAME`.")
    }
    return u
  }

  /// The current user, for a command that sends the access token: with `set auto-refresh on`,
  /// tokens with under a minute left are refreshed first.
  public func userForAccessToken() throws -> SignedInUser {
    let user = try currentUser()
    guard try settings().autoRefresh == "on", user.tokens.refreshToken != nil,
      user.tokens.expiresAt - clock() < 60
    else { return user }
    printer.diagnostic("auto-refresh: the access token of \(user.username) had under a minute left")
    try AccountCommands.refreshNow(self)
    return try currentUser()
  }

  /// A call cogsh makes on its own account (a hint, a Session's lifetime, the refresh API): only with
  /// credentials, labelled with `purpose` in the trace, not retried; nil when it cannot be made.
  func ownCall(_ action: Action, _ body: JSON, purpose: String) -> JSON? {
    guard credentials() != nil, let client = try? client() else { return nil }
    client.purpose = purpose
    client.retry = RetryPolicy(maxAttempts: 1)
    return try? client.call(action, body).body
  }

  /// A secret from an argument, or asked for without echo on a terminal.
  public func secret(_ given: String?, prompt: String, what: String, command: String, usage: String) throws -> String {
    if let given { return given }
    if let secretSource { return try secretSource.next(for: what) }
    if interactive || canPrompt {
      if let typed = readSecret(prompt) { return typed }
      if Interrupt.isRaised { throw CognitoError.interrupted }  // Ctrl-C at the prompt cancels the command
    }
    throw UsageError.missingArgument(what, command: command, usage: usage)
  }
}
