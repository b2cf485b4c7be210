import Foundation

/// The AWS CLI's credential chain, in its order: environment; the profile's assume role, web identity,
/// IAM Identity Center, static keys and `credential_process`; web identity from the environment; the
/// container endpoint; the instance metadata service. Temporary credentials are kept in memory until
/// five minutes before they expire, and never written anywhere.
public final class CredentialChain {
  let env: AWSEnvironment
  let explicitProfile: String?
  let io: CredentialIO
  private var cached: AWSCredentials?
  private var searched = false

  public init(env: AWSEnvironment, explicitProfile: String?, io: CredentialIO = CredentialIO()) {
    self.env = env
    self.explicitProfile = explicitProfile
    self.io = io
  }

  /// The credentials, or nil when no source has any; throws when a configured source fails.
  public func resolve() throws -> AWSCredentials? {
    if searched, cached?.expiration.map({ $0 - io.now() > 300 }) ?? true { return cached }
    let found = try find()
    // Credentials a source hands over already expired are refused, never signed with: every
    // request would fail with a misleading signature error, or worse, be taken as fresh.
    if let found, let expiration = found.expiration, expiration <= io.now() {
      throw CredentialError.failed(
        found.source,
        "its credentials expired \(EpochSeconds.describe((io.now() - expiration).rounded())) seconds ago (Expiration)")
    }
    cached = found
    searched = true
    return cached
  }

  /// botocore's order: the environment's keys; the profile's role (source_profile or
  /// credential_source); web identity (the environment's AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN
  /// over the profile's); IAM Identity Center; the credentials file's keys; credential_process; the
  /// config file's keys; the container endpoint; the instance metadata service.
  func find() throws -> AWSCredentials? {
    if let error = env.fileError { throw error }
    if let missing = env.missingProfile(explicit: explicitProfile) { throw missing }
    if explicitProfile == nil, let c = environmentKeys() { return c }
    let name = env.profileName(explicit: explicitProfile)
    if let c = try profile(name, depth: 0) { return c }
    if let c = try ContainerCredentials.fetch(env.variables, io: io) { return c }
    return try InstanceMetadataCredentials.fetch(
      env.variables, io: io, v1Disabled: setting(name, "ec2_metadata_v1_disabled")?.lowercased() == "true")
  }

  /// Web identity, the environment's settings over the profile's, as botocore reads them; nil when
  /// there is no token file and role.
  func webIdentity(_ name: String) throws -> AWSCredentials? {
    let fromEnvironment = env.variables["AWS_WEB_IDENTITY_TOKEN_FILE"].flatMap { $0.isEmpty ? nil : $0 }
    guard let file = fromEnvironment ?? setting(name, "web_identity_token_file"),
      let role = env.variables["AWS_ROLE_ARN"].flatMap({ $0.isEmpty ? nil : $0 }) ?? setting(name, "role_arn")
    else { return nil }
    return try STSCredentials.webIdentity(
      role: role, tokenFile: file,
      sessionName: env.variables["AWS_ROLE_SESSION_NAME"] ?? setting(name, "role_session_name"), chain: self,
      label: fromEnvironment != nil ? "web identity (AWS_WEB_IDENTITY_TOKEN_FILE)" : "web identity, profile \(name)")
  }

  func environmentKeys() -> AWSCredentials? {
    guard let ak = env.variables["AWS_ACCESS_KEY_ID"], let sk = env.variables["AWS_SECRET_ACCESS_KEY"], !ak.isEmpty,
      !sk.isEmpty
    else { return nil }
    let token = env.variables["AWS_SESSION_TOKEN"] ?? env.variables["AWS_SECURITY_TOKEN"]
    return AWSCredentials(accessKeyId: ak, secretAccessKey: sk, sessionToken: token, source: "environment")
  }

  /// A profile's setting: the credentials file's, else the config file's, as the SDKs merge them.
  func setting(_ profile: String, _ key: String) -> String? {
    env.credentialsFile.profiles[profile]?[key] ?? env.config.profiles[profile]?[key]
  }

  /// Long-term keys written in one of the two files.
  func keys(_ name: String, in file: SharedConfig, _ label: String) -> AWSCredentials? {
    guard let section = file.profiles[name], let ak = section["aws_access_key_id"],
      let sk = section["aws_secret_access_key"]
    else { return nil }
    let token = section["aws_session_token"] ?? section["aws_security_token"]
    return AWSCredentials(
      accessKeyId: ak, secretAccessKey: sk, sessionToken: token, source: "\(label), profile \(name)")
  }

  func staticKeys(_ name: String) -> AWSCredentials? {
    keys(name, in: env.credentialsFile, "shared credentials file") ?? keys(name, in: env.config, "shared config file")
  }

  func profile(_ name: String, depth: Int) throws -> AWSCredentials? {
    guard depth < 8 else { throw CredentialError.loop(name) }
    if let role = setting(name, "role_arn"), setting(name, "web_identity_token_file") == nil {
      let source: AWSCredentials
      if setting(name, "source_profile") != nil, setting(name, "credential_source") != nil {
        throw CredentialError.failed(
          "profile \(name)", "it has both source_profile and credential_source; botocore refuses that too")
      }
      if let sourceProfile = setting(name, "source_profile") {
        source = try sourceCredentials(sourceProfile, for: name, depth: depth)
      } else if let credentialSource = setting(name, "credential_source") {
        source = try credentials(from: credentialSource, for: name)
      } else {
        throw CredentialError.failed("profile \(name)", "role_arn needs source_profile or credential_source")
      }
      return try STSCredentials.assumeRole(role: role, profile: name, source: source, chain: self)
    }
    if depth == 0, let c = try webIdentity(name) { return c }
    if depth > 0, setting(name, "web_identity_token_file") != nil, let role = setting(name, "role_arn") {
      return try STSCredentials.webIdentity(
        role: role, tokenFile: setting(name, "web_identity_token_file") ?? "",
        sessionName: setting(name, "role_session_name"), chain: self, label: "web identity, profile \(name)")
    }
    if setting(name, "sso_session") != nil || setting(name, "sso_start_url") != nil {
      return try SSOCredentials.fetch(profile: name, chain: self)
    }
    if let k = keys(name, in: env.credentialsFile, "shared credentials file") { return k }
    if let command = setting(name, "credential_process") {
      return try ProcessCredentials.run(command, profile: name, io: io)
    }
    return keys(name, in: env.config, "shared config file")
  }

  /// As botocore resolves source_profile: the source's keys; else a source with a role assumes it in
  /// turn; else whatever else the source is set up with.
  func sourceCredentials(_ sourceProfile: String, for name: String, depth: Int) throws -> AWSCredentials {
    // A source profile with keys of its own signs with them, even when it has a role_arn too: botocore
    // assumes the source's role only when it has no keys (one AssumeRole, not two).
    if let k = staticKeys(sourceProfile) { return k }
    guard sourceProfile != name, let c = try profile(sourceProfile, depth: depth + 1) else {
      throw CredentialError.failed("profile \(name)", "source_profile \(sourceProfile) has no credentials")
    }
    return c
  }

  func credentials(from source: String, for profile: String) throws -> AWSCredentials {
    let found: AWSCredentials?
    switch source {
    case "Environment": found = environmentKeys()
    case "EcsContainer": found = try ContainerCredentials.fetch(env.variables, io: io)
    case "Ec2InstanceMetadata": found = try InstanceMetadataCredentials.fetch(env.variables, io: io)
    default:
      throw CredentialError.failed(
        "profile \(profile)", "credential_source \(source) is not Environment, EcsContainer or Ec2InstanceMetadata")
    }
    guard let found else { throw CredentialError.failed("profile \(profile)", "credential_source \(source) has none") }
    return found
  }

  /// The region for STS and SSO calls: the profile's, else the environment's, else us-east-1.
  func region(_ profile: String) -> String {
    env.variables["AWS_REGION"].flatMap { $0.isEmpty ? nil : $0 } ?? env.variables["AWS_DEFAULT_REGION"]
      .flatMap { $0.isEmpty ? nil : $0 } ?? setting(profile, "region") ?? "us-east-1"
  }

  /// Where `service` (STS, SSO) is reached for the credential chain: its configured endpoint, else
  /// the one botocore's rules give for `region`, FIPS and dual-stack as configured.
  func endpoint(_ service: Service, region: String) throws -> Endpoint {
    let name = env.profileName(explicit: explicitProfile)
    return try Endpoint.resolve(
      url: env.endpointURL(service: service.environmentId, explicitProfile: explicitProfile), region: region,
      fips: env.usesFIPS(explicitProfile: name), dualStack: env.usesDualStack(explicitProfile: name), service: service)
  }
}
