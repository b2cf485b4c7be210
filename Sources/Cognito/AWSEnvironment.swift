/// Everything the AWS configuration chain reads: environment variables and the two shared files.
///
/// Passed in as a value so that resolution is pure and testable; `AWSEnvironment.load` reads the real ones.
public struct AWSEnvironment: Sendable {
  public var variables: [String: String]
  public var config: SharedConfig
  public var credentialsFile: SharedConfig

  public init(
    variables: [String: String], config: SharedConfig = SharedConfig(), credentialsFile: SharedConfig = SharedConfig()
  ) {
    self.variables = variables
    self.config = config
    self.credentialsFile = credentialsFile
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
    return config.profiles[profileName(explicit: explicitProfile)]?["region"]
  }

  /// Whether FIPS endpoints are asked for: `AWS_USE_FIPS_ENDPOINT`, else the profile's `use_fips_endpoint`.
  public func usesFIPS(explicitProfile: String? = nil) -> Bool {
    let value =
      variables["AWS_USE_FIPS_ENDPOINT"]
      ?? config.profiles[profileName(explicit: explicitProfile)]?["use_fips_endpoint"]
    return value?.lowercased() == "true"
  }

  /// A configured endpoint override, in botocore's lookup order after the explicit flag.
  public func endpointURL(explicitProfile: String? = nil) -> String? {
    if variables["AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"]?.lowercased() == "true" { return nil }
    if let u = variables["AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER"], !u.isEmpty { return u }
    if let u = variables["AWS_ENDPOINT_URL"], !u.isEmpty { return u }
    let profile = config.profiles[profileName(explicit: explicitProfile)] ?? [:]
    if profile["ignore_configured_endpoint_urls"]?.lowercased() == "true" { return nil }
    if let services = profile["services"],
      let u = config.otherSections["services \(services)"]?["cognito_identity_provider.endpoint_url"]
    {
      return u
    }
    return profile["endpoint_url"]
  }
}
