import Basics
import Cognito
import Foundation

/// Which settings are in force, and where requests go with which AWS credentials: flags and
/// environment variables over the stored profile over the AWS shared config.
public final class Configuration {
  public let store: SessionStore
  public let aws: AWSEnvironment
  /// Values from flags and environment variables: they win over the profile.
  public var overrides: Profile
  /// The profile named by --profile or COGSH_PROFILE, else the book's current one.
  public var explicitProfile: String?
  /// The AWS profile named by --aws-profile, if any.
  public var awsProfile: String? {
    didSet { chain = nil }
  }
  /// Told once when the region chosen is not a configured one, or is a replica's.
  public var notice: (String) -> Void = { _ in }
  /// Asks for the MFA code of a role's `mfa_serial`; nil when nobody can be asked.
  public var askMFACode: (String) -> String? = { _ in nil }
  /// Asks the user a yes-or-no question (at a terminal); no by default.
  public var confirm: (String) -> Bool = { _ in false }
  /// `--trust-endpoint`: tokens may go to an endpoint or pool other than the one that issued them.
  public var trustsEndpoint = false
  private var toldRegionChoice: RegionChoice?
  private var toldOwnEndpoints = false
  private let transport: HTTPTransport
  private var chain: CredentialChain?

  public init(
    store: SessionStore, aws: AWSEnvironment, overrides: Profile, explicitProfile: String?, transport: HTTPTransport
  ) {
    self.store = store
    self.aws = aws
    self.overrides = overrides
    self.explicitProfile = explicitProfile
    self.transport = transport
  }

  /// Runs `body` (a rehearsal, whose words nobody sees) and then forgets which notes it said, so that
  /// the run after it says them.
  func forgettingNotes<T>(_ body: () throws -> T) rethrows -> T {
    let told = (toldRegionChoice, toldOwnEndpoints)
    defer { (toldRegionChoice, toldOwnEndpoints) = told }
    return try body()
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

  /// The effective settings. A user pool lives in the region its id names (`eu-west-1_AbC`), so that
  /// region wins over one from the AWS config or environment, as amazon-cognito-identity-js and Amplify
  /// decide it; a region set for cogsh itself (--region, COGSH_REGION, `set region`) wins over the pool
  /// id's, as the way to address the pool's replica in another Region (multi-Region replication).
  public func settings() throws -> Profile {
    var p = try storedProfile().overlaid(with: overrides)
    if p.endpointURL == nil { p.endpointURL = aws.endpointURL(explicitProfile: awsProfile) }
    p.region = p.region ?? Endpoint.region(fromPoolId: p.poolId) ?? aws.region(explicitProfile: awsProfile)
    return p
  }

  /// How the region was chosen when the pool id's and a configured one differ, else nil.
  public func regionChoice() throws -> RegionChoice? {
    let p = try storedProfile().overlaid(with: overrides)
    guard let pool = p.poolId, let home = Endpoint.region(fromPoolId: pool) else { return nil }
    if let chosen = p.region {
      return chosen == home ? nil : .replica(pool: pool, region: chosen, home: home)
    }
    guard let configured = aws.region(explicitProfile: awsProfile), configured != home else { return nil }
    return .poolsOwn(pool: pool, region: home, configured: configured)
  }

  /// The endpoint of `service` for the current settings. The first request of a process that goes to
  /// a region other than a configured one, or to a replica, says so, once; commands that send nothing do not.
  public func endpoint(_ service: Service = .userPools, region: String? = nil, quietly: Bool = false) throws
    -> Endpoint
  {
    let s = try settings()
    let choice = try regionChoice()
    if !quietly, let choice, choice != toldRegionChoice {
      toldRegionChoice = choice
      notice("note: " + choice.note)
    }
    var url = configuredURL(service, settings: s)
    // The sandbox is one address for every Region: a replica's Region is named in the path.
    if service.environmentId == Service.userPools.environmentId, s.isSandbox == true, let base = url,
      case .replica(_, let replicaRegion, _)? = choice
    {
      url = base.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/region/" + replicaRegion
    }
    let endpoint = try Endpoint.resolve(
      url: url, region: region ?? s.region,
      fips: aws.usesFIPS(explicitProfile: awsProfile), dualStack: aws.usesDualStack(explicitProfile: awsProfile),
      service: service)
    // Someone pointing cogsh at an emulator with --endpoint-url may expect it to serve identity pools
    // too: said once, with the way to name their endpoints.
    if !endpoint.isCustom, s.endpointURL != nil, !toldOwnEndpoints {
      toldOwnEndpoints = true
      notice(
        "note: \(service.endpointPrefix) is reached at \(endpoint.url): --endpoint-url is the user pool's; "
          + "AWS_ENDPOINT_URL_\(service.environmentId) (or AWS_ENDPOINT_URL) names another")
    }
    return endpoint
  }

  /// Where `service` is configured to go. `--endpoint-url` and the profile's endpoint are the user
  /// pool's; identity pools and STS have their own (`AWS_ENDPOINT_URL_COGNITO_IDENTITY`,
  /// `AWS_ENDPOINT_URL_STS`, the config's `services` section, the global ones), except on the sandbox,
  /// which serves them all.
  func configuredURL(_ service: Service, settings s: Profile) -> String? {
    if service.environmentId == Service.userPools.environmentId { return s.endpointURL }
    return aws.endpointURL(service: service.environmentId, explicitProfile: awsProfile)
      ?? (s.isSandbox == true ? s.endpointURL : nil)
  }

  /// The AWS credentials for signed calls; a sandbox profile falls back to dummy ones, as moto accepts
  /// any. Throws when a configured source (a role, SSO, a process) fails, saying why.
  public func requireCredentials() throws -> AWSCredentials? {
    let chain =
      self.chain
      ?? CredentialChain(
        env: aws, explicitProfile: awsProfile,
        io: CredentialIO(
          run: { [weak self] command in
            // Bounded in time (COGSH_CREDENTIAL_PROCESS_TIMEOUT seconds, 60 by default) and output.
            let limit = self?.aws.variables["COGSH_CREDENTIAL_PROCESS_TIMEOUT"].flatMap(Double.init)
              .flatMap { $0 > 0 && $0 <= 3600 ? $0 : nil }
            return try CredentialIO.shell(
              command, timeout: limit ?? CredentialIO.defaultProcessTimeout, waiting: { self?.notice("note: " + $0) })
          }, transport: transport, askMFACode: { [weak self] in self?.askMFACode($0) }))
    self.chain = chain
    if let c = try chain.resolve() { return c }
    if (try? settings().isSandbox) == true {
      return AWSCredentials(accessKeyId: "sandbox", secretAccessKey: "sandbox", source: "sandbox (dummy)")
    }
    return nil
  }

  /// The credentials when there are any, for the calls cogsh makes on its own account (hints, lifetimes).
  public func credentials() -> AWSCredentials? { (try? requireCredentials()) ?? nil }

  /// The pool id, or `ConfigurationError.noPool`.
  public func poolId() throws -> String {
    guard let id = try settings().poolId, !id.isEmpty else { throw ConfigurationError.noPool }
    return id
  }

  /// The app client id, or `ConfigurationError.noClient`.
  public func clientId() throws -> String {
    guard let id = try settings().clientId, !id.isEmpty else { throw ConfigurationError.noClient }
    return id
  }

  /// The app client a sign-in speaks for.
  public func clientSettings() throws -> ClientSettings {
    let s = try settings()
    return ClientSettings(poolId: s.poolId, clientId: try clientId(), clientSecret: s.clientSecret)
  }
}

/// A setting a request needs is missing.
public enum ConfigurationError: UserFacingError, Equatable {
  case noPool
  case noClient

  public var message: String {
    switch self {
    case .noPool: return "no user pool selected"
    case .noClient: return "no app client selected"
    }
  }
}

/// How the region of user-pool calls was chosen when the pool id's and a configured one differ.
public enum RegionChoice: Equatable, Sendable {
  /// The pool id's region, over one from the AWS config or environment.
  case poolsOwn(pool: String, region: String, configured: String)
  /// A region set for cogsh (--region, COGSH_REGION, `set region`), over the pool id's: its replica there.
  case replica(pool: String, region: String, home: String)

  /// The region the pool id names.
  public var poolRegion: String {
    switch self {
    case .poolsOwn(_, let region, _): return region
    case .replica(_, _, let home): return home
    }
  }

  /// The one-line note said at the first request.
  public var note: String {
    switch self {
    case .poolsOwn(let pool, let region, let configured):
      return "pool \(pool) is in \(region); using that region, not the configured \(configured)"
    case .replica(let pool, let region, let home):
      return "pool \(pool) is in \(home); addressing its replica in \(region), the region set for cogsh "
        + "(without it, requests go to \(home))"
    }
  }
}
