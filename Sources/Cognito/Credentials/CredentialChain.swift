import Basics
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
  /// over the profile's); IAM Identity Center; the credentials file's keys; an `aws login` session;
  /// credential_process; the config file's keys; AWS_CREDENTIAL_FILE and boto's config; the container
  /// endpoint; the instance metadata service.
  func find() throws -> AWSCredentials? {
    if let error = env.fileError { throw error }
    if let missing = env.missingProfile(explicit: explicitProfile) { throw missing }
    if explicitProfile == nil, let c = environmentKeys() { return c }
    let name = env.profileName(explicit: explicitProfile)
    if let c = try profile(name) { return c }
    if let c = LegacyCredentials.ec2CredentialFile(env, io: io) ?? LegacyCredentials.botoConfig(env, io: io) {
      return c
    }
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

  /// The environment's keys; a value of spaces is no value, as the SDKs' shared scenarios have it.
  func environmentKeys() -> AWSCredentials? {
    guard let ak = env.variables["AWS_ACCESS_KEY_ID"]?.trimmingSpaces(),
      let sk = env.variables["AWS_SECRET_ACCESS_KEY"]?.trimmingSpaces(), !ak.isEmpty, !sk.isEmpty
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

  /// The selected profile's credentials: its role chain, planned by `ProfileChain` (smithy-rs's rules,
  /// which botocore shares) and then run: the base source, then each AssumeRole with the one before.
  /// Nil when the profile is not there or names no credentials, so the chain goes on.
  func profile(_ name: String) throws -> AWSCredentials? {
    // Web identity from the environment needs no profile at all.
    if setting(name, "role_arn") == nil || setting(name, "web_identity_token_file") != nil,
      let c = try webIdentity(name)
    {
      return c
    }
    let profiles = SharedConfig.merged(config: env.config, credentials: env.credentialsFile)
    guard profiles[name] != nil else { return nil }
    var sessions: [String: [String: String]] = [:]
    for (header, keys) in env.config.otherSections where header.hasPrefix("sso-session ") {
      sessions[String(header.dropFirst("sso-session ".count))] = keys
    }
    let plan: ProfileChain
    do {
      plan = try ProfileChain.resolve(name, profiles: profiles, ssoSessions: sessions)
    } catch CredentialError.failed(_, let why) where why == "profile `\(name)` did not contain credential information" {
      return nil
    }
    var credentials = try run(plan.base)
    for role in plan.roles {
      credentials = try STSCredentials.assumeRole(
        role: role.arn, profile: role.profile, source: credentials, chain: self)
    }
    return credentials
  }

  func run(_ base: ProfileChain.Base) throws -> AWSCredentials {
    switch base {
    case .accessKey(let p):
      guard let k = staticKeys(p) else { throw CredentialError.failed("profile \(p)", "no keys") }
      return k
    case .namedSource(let source): return try credentials(from: source, for: env.profileName(explicit: explicitProfile))
    case .webIdentity(let role, let file, let session):
      return try STSCredentials.webIdentity(
        role: role, tokenFile: file, sessionName: session, chain: self, label: "web identity, role \(role)")
    case .sso(let p): return try SSOCredentials.fetch(profile: p, chain: self)
    case .login(let session, let p):
      // botocore reads the credentials file's keys before an `aws login` session.
      if let k = keys(p, in: env.credentialsFile, "shared credentials file") { return k }
      return try LoginCredentials.fetch(profile: p, session: session, region: region(p), chain: self)
    case .process(let command, let p):
      // botocore reads the credentials file's keys before running a process.
      if let k = keys(p, in: env.credentialsFile, "shared credentials file") { return k }
      return try ProcessCredentials.run(command, profile: p, io: io)
    }
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
