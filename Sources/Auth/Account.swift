import Basics
import Cognito
import Foundation

/// The one API the shell speaks to: a user-level operation per method (sign in, answer, set up MFA,
/// refresh, sign up, devices, …). It owns the store, the client, the clock and the randomness, and
/// each method saves its own state under the store's lock, so a challenge's Session goes from the
/// response that brought it to the request that answers it without leaving this layer.
public final class Account {
  public let configuration: Configuration
  /// Every request's way out, shared with the credential sources; a rehearsal puts its own in place.
  let transport: SharedTransport
  /// Opens the loopback listener a managed login waits on; a rehearsal puts its own in place.
  public private(set) var listen: (Int) throws -> LoopbackListener = { try LoopbackListener(port: $0) }
  public var clock: () -> Double
  /// Draws SRP private values.
  public var randomA: @Sendable () -> BigNum = { SRP.randomPrivateValue() }
  /// The values a rehearsal drew, drawn again by the run that follows it.
  let rehearsedDraws = RehearsedDraws()
  /// What sign-in draws from: `randomA`, replayed after a rehearsal so the request shown is the one sent.
  var drawA: @Sendable () -> BigNum {
    let (draws, random) = (rehearsedDraws, randomA)
    return { draws.next(random) }
  }
  /// Called after each exchange when tracing is on.
  public var trace: ((TraceEvent) -> Void)?
  /// Every exchange of this process, for `log` and `show`.
  public let recorder = FlightRecorder()
  /// The JSON calls of this session as sent and answered (bounded, in memory only), for export-history.
  public private(set) var calls: [CallRecord] = []
  /// How many of the newest calls keep their answers in `calls`.
  static let answersKept = 8
  /// What the operation running now was given: the command the recorder files each exchange under,
  /// and the ClientMetadata its requests carry. Only `perform` sets it, for the length of one operation.
  public private(set) var call = CallContext.startUp

  /// What every client calls after an exchange: the recorder keeps it, the trace shows it when on.
  var observe: (TraceEvent) -> Void {
    { [weak self] event in
      guard let self else { return }
      self.recorder.record(event, command: self.call.command, at: self.clock())
      self.trace?(event)
    }
  }
  /// Called before each retry's wait.
  public var onRetry: ((RetryEvent) -> Void)?
  /// Things the user should know that are not the result (a forgotten device, a sandbox quirk).
  public var notice: (String) -> Void = { _ in }
  /// Waits (for the next TOTP window); replaced in tests.
  public var wait: (Double) -> Void = { usleep(useconds_t(max(0, $0) * 1_000_000)) }

  public init(configuration: Configuration, transport: HTTPTransport, clock: @escaping () -> Double) {
    self.configuration = configuration
    self.transport = transport as? SharedTransport ?? SharedTransport(transport)
    self.clock = clock
  }

  public var store: SessionStore { configuration.store }

  /// Runs one operation (a statement of the shell) with what it was given; what was in place before
  /// is back when it returns or throws, so nothing of one statement reaches the next.
  public func perform<T>(_ call: CallContext, _ body: () throws -> T) rethrows -> T {
    let before = self.call
    self.call = call
    defer { self.call = before }
    return try body()
  }

  // MARK: clients

  /// The generic door, as `call` and the administration table use it: `action` with `body` on the user
  /// pool, the body of the answer as it came. Every other operation returns what the answer means.
  public func call(_ action: Action, _ body: JSON) throws -> JSON {
    try client().call(action, body).body
  }

  /// The signing key `kid` from the JWKS at `url`, through the cache (fetched when not cached or stale).
  public func signingKey(kid: String, url: String) throws -> JWKS.Key? {
    let client = try client(.oauth2, url: url)
    let (key, _) = try JWKSCache(files: store.files).key(kid: kid, url: url, now: clock()) { url in
      let response = try client.get(url, label: "JWKS (the pool's signing keys)")
      guard response.status == 200 else { throw JWKSError.unreadable("\(url) (HTTP \(response.status))") }
      return response.body
    }
    return key
  }

  /// A user-pool client for the current settings; on the sandbox, what moto lacks is refused first.
  func client() throws -> ServiceClient {
    let c = try client(.userPools, endpoint: configuration.endpoint())
    if try configuration.settings().isSandbox == true { c.preflight = SandboxQuirks.refuseUnserved }
    return c
  }

  /// A client for another service or URL (a JWKS, a pool domain), through the same transport.
  func client(_ service: Service, url: String) throws -> ServiceClient {
    try Endpoint.validate(url)
    let region = (try? configuration.settings().region) ?? nil
    return try client(service, endpoint: Endpoint(url: url, region: region ?? "", isCustom: true))
  }

  /// A client for `service` at `endpoint` with this account's retries, trace and history; signed with
  /// `credentials` when given (an identity's keys), else the configured AWS credentials.
  func client(
    _ service: Service, endpoint: Endpoint, credentials: (() throws -> AWSCredentials?)? = nil
  ) throws -> ServiceClient {
    let c = ServiceClient(
      service: service, endpoint: endpoint, transport: transport,
      credentials: credentials ?? { [weak self] in try self?.configuration.requireCredentials() })
    c.retry = RetryPolicy.configured(configuration.aws, explicitProfile: configuration.awsProfile)
    c.clientMetadata = call.clientMetadata
    c.onRetry = onRetry
    c.trace = observe
    c.onCall = { [weak self] call in
      guard let self else { return }
      self.calls.append(call)
      if self.calls.count > 500 { self.calls.removeFirst() }
      // Only the newest answers are kept whole: a long paged listing must not hold every page. Older
      // ones keep what a later request can take from them (export-history looks there for where a
      // Session, a token or a username came from): their strings outside arrays.
      if self.calls.count > Self.answersKept {
        let i = self.calls.count - Self.answersKept - 1
        self.calls[i].response = self.calls[i].response.map(Self.handOffs)
      }
    }
    return c
  }

  /// An answer's strings outside arrays, at their places: what one answer can hand a later request.
  static func handOffs(_ json: JSON) -> JSON {
    switch json {
    case .object(let members): .object(members.compactMapValues { v in v.arrayValue == nil ? handOffs(v) : nil })
    case .string: json
    default: .null
    }
  }

  /// A call cogsh makes on its own account (a hint, a Session's lifetime, the refresh API): only with
  /// credentials, labelled with `purpose` in the trace, not retried; nil when it cannot be made.
  func ownCall(_ action: Action, _ body: JSON, purpose: String) -> JSON? {
    guard configuration.credentials() != nil, let client = try? client() else { return nil }
    client.purpose = purpose
    client.retry = RetryPolicy(maxAttempts: 1)
    return try? client.call(action, body).body
  }

  // MARK: state

  /// This profile's session state as stored now.
  public func state() throws -> SessionState { try store.session(configuration.profileName()) }

  /// Changes this profile's session state under the store's lock.
  @discardableResult
  public func update<T>(_ change: (inout SessionState) throws -> T) throws -> T {
    try store.updateSession(configuration.profileName(), change)
  }

  /// The current user.
  public func currentUser() throws -> SignedInUser {
    let state = try state()
    guard let u = state.current else {
      throw state.users.isEmpty ? AccountError.nobodySignedIn : AccountError.nobodyCurrent(state.users.keys.sorted())
    }
    return u
  }

  /// The current user, for an operation that sends the access token: with auto-refresh on, tokens
  /// with under a minute left are refreshed first.
  /// The endpoint and pool that tokens issued now come from, as `SignedInUser.issuedBy` keeps it.
  func issuer() -> String? {
    guard let endpoint = try? configuration.endpoint(quietly: true), let pool = try? configuration.poolId() else {
      return nil
    }
    return "\(endpoint.url) \(pool)"
  }

  /// Whether `user`'s tokens may be sent to the endpoint and pool the profile names now: yes when
  /// they came from there (or cogsh does not know where they came from), or the user trusts it
  /// (`--trust-endpoint`, or a yes when asked at a terminal).
  public func checkIssuer(_ user: SignedInUser) throws {
    guard let issuedBy = user.issuedBy, let now = issuer(), issuedBy != now, !Self.sameReplicatedPool(issuedBy, now),
      !configuration.trustsEndpoint
    else { return }
    if configuration.confirm("the tokens of \(user.username) came from \(issuedBy); send them to \(now)? [y/N] ") {
      configuration.trustsEndpoint = true
      return
    }
    throw AccountError.otherIssuer(user: user.username, issuedBy: issuedBy, now: now)
  }

  /// Whether two issuers (`issuer()`'s "URL POOL") are one pool's replicas: the same pool id at AWS's
  /// own regional endpoints, or at one address whose paths name the Region (the sandbox's `/region/R`).
  /// A replica shares the pool's users and tokens (multi-Region replication), so tokens may go there.
  static func sameReplicatedPool(_ a: String, _ b: String) -> Bool {
    func split(_ s: String) -> (url: String, pool: String)? {
      guard let space = s.lastIndex(of: " ") else { return nil }
      return (String(s[..<space]), String(s[s.index(after: space)...]))
    }
    func base(_ url: String) -> String {
      if let r = url.range(of: "/region/") { return String(url[..<r.lowerBound]) }
      if let host = URLComponents(string: url)?.host, url.hasPrefix("https://"), host.hasPrefix("cognito-idp."),
        host.hasSuffix(".amazonaws.com") || host.hasSuffix(".amazonaws.com.cn")
      {
        return "aws"
      }
      return url
    }
    guard let x = split(a), let y = split(b), x.pool == y.pool else { return false }
    return base(x.url) == base(y.url)
  }

  public func userForAccessToken() throws -> SignedInUser {
    let user = try currentUser()
    try checkIssuer(user)
    guard try configuration.settings().refreshesAutomatically, user.tokens.refreshToken != nil,
      user.tokens.expiresAt - clock() < 60
    else { return user }
    notice("auto-refresh: the access token of \(user.username) had under a minute left")
    _ = try refresh()
    return try currentUser()
  }

  /// Removes `name`'s tokens; returns who is still signed in.
  func remove(_ name: String) throws -> [String] {
    try update { s in
      s.remove(user: name)
      return s.users.keys.sorted()
    }
  }

  // MARK: the pool, read on cogsh's own account

  /// The app client's AuthSessionValidity in seconds when it was read before; never a request, so
  /// that a sign-in makes the calls the flow needs and no more (as the AWS CLI makes them).
  public func knownSessionValidity() -> Double? {
    guard let clientId = try? configuration.clientId() else { return nil }
    return (try? state())?.sessionLifetimes?[clientId]
  }

  /// Keeps what a DescribeUserPoolClient made for another reason says of the Session's lifetime
  /// (AuthSessionValidity, in minutes), so that challenges after it count down from it.
  func remember(client: JSON, clientId: String) {
    guard let minutes = client["AuthSessionValidity"]?.numberValue,
      PendingChallenge.lifetimeBounds.contains(minutes * 60)
    else { return }
    try? update { s in
      s.sessionLifetimes = (s.sessionLifetimes ?? [:]).merging([clientId: minutes * 60]) { _, new in new }
    }
  }

  /// The pool's issuer in the one form it is set to (IssuerConfiguration: ORIGINAL or UPDATED), when
  /// AWS credentials allow reading the pool and it says; nil otherwise (then both forms are accepted).
  public func poolIssuer() -> String? {
    guard let pool = try? configuration.poolId(),
      let type = ownCall(.describeUserPool, ["UserPoolId": .string(pool)], purpose: "for the pool's issuer form")?[
        "UserPool"]?["IssuerConfiguration"]?["Type"]?.stringValue
    else { return nil }
    let original = VerifyExpectations.issuer(poolId: pool)
    switch type {
    case "ORIGINAL": return original
    case "UPDATED": return VerifyExpectations.otherForm(of: original)
    default: return nil
    }
  }

  /// Whether the pool has a user-migration Lambda trigger, when AWS credentials allow reading it.
  public func hasMigrationTrigger() -> Bool {
    guard let pool = try? configuration.poolId() else { return false }
    let described = ownCall(.describeUserPool, ["UserPoolId": .string(pool)], purpose: "for the hint")
    return described?["UserPool"]?["LambdaConfig"]?["UserMigration"]?.stringValue != nil
  }

  /// Whether the app client rotates refresh tokens; nil when that cannot be read.
  func clientRotates(_ clientId: String) -> Bool? {
    guard let pool = try? configuration.poolId(),
      let r = ownCall(
        .describeUserPoolClient, ["UserPoolId": .string(pool), "ClientId": .string(clientId)],
        purpose: "to choose the refresh API")
    else { return nil }
    if let client = r["UserPoolClient"] { remember(client: client, clientId: clientId) }
    return r["UserPoolClient"]?["RefreshTokenRotation"]?["Feature"]?.stringValue == "ENABLED"
  }

  /// The pool's password policy (DescribeUserPool), labelled in the trace as made for a hint.
  public func passwordPolicy() throws -> PasswordPolicy {
    guard configuration.credentials() != nil else { throw CognitoError.missingCredentials(action: "DescribeUserPool") }
    let client = try client()
    client.purpose = "for the hint"
    let pool = try client.call(.describeUserPool, ["UserPoolId": .string(try configuration.poolId())]).body
    guard let p = pool["UserPool"]?["Policies"]?["PasswordPolicy"] else {
      throw CognitoError.badResponse(action: "DescribeUserPool", detail: "no PasswordPolicy")
    }
    return PasswordPolicy(p)
  }

  /// What the pool takes as a username at sign-in (`UsernameAttributes`: email, phone_number), read for
  /// a hint; empty when any username goes, nil when it cannot be read (no AWS credentials).
  public func usernameAttributes() -> [String]? {
    guard configuration.credentials() != nil, let client = try? client(), let pool = try? configuration.poolId()
    else { return nil }
    client.purpose = "for the hint"
    guard let body = try? client.call(.describeUserPool, ["UserPoolId": .string(pool)]).body else { return nil }
    return body["UserPool"]?["UsernameAttributes"]?.arrayValue?.compactMap(\.stringValue) ?? []
  }
}

extension Profile {
  /// Whether `auto-refresh` is on.
  public var refreshesAutomatically: Bool { autoRefresh == true }
}

extension Account {
  /// Runs `body` as a rehearsal (Rehearsal): with stand-ins for the transport, the store's file
  /// changes and the listener, the first request is built, not sent, and nothing is written. Where it
  /// stopped comes back; nil when it ran to its end without an effect. The SRP values it drew are
  /// drawn again by the next sign-in, so the request it shows is the one the run sends.
  public func rehearse(_ body: () throws -> Void) -> Result<Rehearsal.Stop?, Error> {
    rehearsedDraws.record()
    defer { rehearsedDraws.replayNext() }
    let realListen = listen
    listen = { port in throw Rehearsal.Stop.listens("127.0.0.1:\(port)") }
    defer { listen = realListen }
    do {
      try transport.with(RehearsalTransport()) {
        try store.files.changes.with(RehearsedFileChanges()) { try configuration.forgettingNotes(body) }
      }
      return .success(nil)
    } catch let stop as Rehearsal.Stop {
      return .success(stop)
    } catch {
      return .failure(error)
    }
  }
}

/// SRP private values drawn during a rehearsal, kept for the run after it.
final class RehearsedDraws: @unchecked Sendable {
  private let lock = NSLock()
  private var recording = false
  private var values: [BigNum] = []

  func record() {
    lock.withLock {
      recording = true
      values = []
    }
  }

  func replayNext() { lock.withLock { recording = false } }

  func next(_ random: () -> BigNum) -> BigNum {
    lock.withLock {
      if recording {
        let v = random()
        values.append(v)
        return v
      }
      return values.isEmpty ? random() : values.removeFirst()
    }
  }
}
