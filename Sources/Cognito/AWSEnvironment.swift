/// Everything the AWS configuration chain reads: environment variables and the two shared files.
///
/// Passed in as a value so that resolution is pure and testable; `AWSEnvironment.load` reads the real ones.
public struct AWSEnvironment: Sendable {
  public var variables: [String: String]
  public var config: SharedConfig
  public var credentialsFile: SharedConfig
  /// A file that could not be parsed (read as empty): every use of AWS credentials stops on it.
  public var fileError: SharedConfig.ParseError?

  public init(
    variables: [String: String], config: SharedConfig = SharedConfig(), credentialsFile: SharedConfig = SharedConfig(),
    fileError: SharedConfig.ParseError? = nil
  ) {
    self.variables = variables
    self.config = config
    self.credentialsFile = credentialsFile
    self.fileError = fileError
  }

  /// The profile named by `--aws-profile`, `AWS_DEFAULT_PROFILE` or `AWS_PROFILE`, when it is in
  /// neither file: as botocore's ProfileNotFound, an error naming the profiles there are (and what
  /// the files held that was left out). `default` may be absent.
  public func missingProfile(explicit: String? = nil) -> CredentialError? {
    let name = profileName(explicit: explicit)
    guard name != "default", config.profiles[name] == nil, credentialsFile.profiles[name] == nil else { return nil }
    let known = Set(config.profiles.keys).union(credentialsFile.profiles.keys).sorted()
    return .noSuchProfile(name, known: known, ignored: config.ignored + credentialsFile.ignored)
  }

  /// Where the two files are: `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` (a leading `~/`
  /// is the home directory), else `.aws/config` and `.aws/credentials` in `$HOME`.
  public static func fileLocations(_ variables: [String: String], home fallback: String) -> (
    config: String, credentials: String
  ) {
    let home = variables["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? fallback
    func expanded(_ path: String?, _ standard: String) -> String {
      guard let path, !path.isEmpty else { return home + "/.aws/" + standard }
      return path.hasPrefix("~/") ? home + path.dropFirst() : path
    }
    return (
      expanded(variables["AWS_CONFIG_FILE"], "config"),
      expanded(variables["AWS_SHARED_CREDENTIALS_FILE"], "credentials")
    )
  }

  /// The profile name: an explicit one, else `AWS_DEFAULT_PROFILE`, `AWS_PROFILE`, else `default`.
  public func profileName(explicit: String? = nil) -> String {
    explicit ?? variables["AWS_DEFAULT_PROFILE"] ?? variables["AWS_PROFILE"] ?? "default"
  }

  /// Credentials from the AWS CLI's chain (see `CredentialChain`); nil when none is found or a source fails.
  public func credentials(explicitProfile: String? = nil, io: CredentialIO = CredentialIO()) -> AWSCredentials? {
    try? CredentialChain(env: self, explicitProfile: explicitProfile, io: io).resolve()
  }

  /// The region: `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile's `region` (as AWS CLI v2).
  public func region(explicitProfile: String? = nil) -> String? {
    if let r = variables["AWS_REGION"], !r.isEmpty { return r }
    if let r = variables["AWS_DEFAULT_REGION"], !r.isEmpty { return r }
    return SharedConfig.merged(config: config, credentials: credentialsFile)[profileName(explicit: explicitProfile)]?[
      "region"]
  }

  /// A profile's setting from the config file (where botocore reads these), else nil.
  func profileSetting(_ key: String, explicitProfile: String?) -> String? {
    config.profiles[profileName(explicit: explicitProfile)]?[key]
  }

  /// Whether FIPS endpoints are asked for: `AWS_USE_FIPS_ENDPOINT`, else the profile's `use_fips_endpoint`.
  public func usesFIPS(explicitProfile: String? = nil) -> Bool {
    (variables["AWS_USE_FIPS_ENDPOINT"] ?? profileSetting("use_fips_endpoint", explicitProfile: explicitProfile))?
      .lowercased() == "true"
  }

  /// Whether dual-stack (IPv6) endpoints are asked for: `AWS_USE_DUALSTACK_ENDPOINT`, else the
  /// profile's `use_dualstack_endpoint`.
  public func usesDualStack(explicitProfile: String? = nil) -> Bool {
    (variables["AWS_USE_DUALSTACK_ENDPOINT"]
      ?? profileSetting("use_dualstack_endpoint", explicitProfile: explicitProfile))?.lowercased() == "true"
  }

  /// The user pools' configured endpoint (see `endpointURL(service:explicitProfile:)`).
  public func endpointURL(explicitProfile: String? = nil) -> String? {
    endpointURL(service: Service.userPools.environmentId, explicitProfile: explicitProfile)
  }

  /// A service's configured endpoint, in the order the AWS CLI's own suite
  /// (configured_endpoint_urls/profile-tests.json) fixes: `AWS_ENDPOINT_URL_<SERVICE>`, then
  /// `AWS_ENDPOINT_URL`, then the profile's `services` section for the service, then the profile's
  /// `endpoint_url`; none when `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS` or the profile's
  /// `ignore_configured_endpoint_urls` is true. `service` is the SDKs' id (`COGNITO_IDENTITY`, `STS`).
  public func endpointURL(service: String, explicitProfile: String? = nil, ignoringConfigured: Bool = false) -> String?
  {
    let profile = config.profiles[profileName(explicit: explicitProfile)] ?? [:]
    // The profile's ignore_configured_endpoint_urls ignores the environment's endpoints too.
    let ignore = variables["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"] ?? profile["ignore_configured_endpoint_urls"]
    if ignoringConfigured || ignore?.lowercased() == "true" { return nil }
    if let u = variables["AWS_ENDPOINT_URL_\(service)"], !u.isEmpty { return u }
    if let u = variables["AWS_ENDPOINT_URL"], !u.isEmpty { return u }
    if let services = profile["services"],
      let u = config.otherSections["services \(services)"]?["\(service.lowercased()).endpoint_url"]
    {
      return u
    }
    return profile["endpoint_url"]
  }
}
