/// Which sources a profile's credentials come from, worked out before any is asked: a base source,
/// then the roles assumed with it, in order. The rules (and their words) are the AWS SDK for Rust's
/// (smithy-rs `resolve_chain`), whose assume-role tests ProfileChainTests runs; botocore agrees.
struct ProfileChain: Equatable {
  enum Base: Equatable {
    case accessKey(profile: String)
    case namedSource(String)
    case webIdentity(roleArn: String, tokenFile: String, sessionName: String?)
    case sso(profile: String)
    /// `aws login`'s cached session.
    case login(session: String, profile: String)
    case process(command: String, profile: String)
  }

  struct Role: Equatable {
    var arn: String
    var sessionName: String?
    var externalId: String?
    var profile: String
  }

  var base: Base
  /// Assumed in this order, each with the credentials of the one before.
  var roles: [Role]

  /// The chain for `selected`. `profiles` are the two files' profiles merged; `ssoSessions` the
  /// config's `[sso-session NAME]` sections. Throws the SDKs' words for a configuration they refuse.
  static func resolve(
    _ selected: String, profiles: [String: [String: String]], ssoSessions: [String: [String: String]]
  ) throws -> ProfileChain {
    func fail(_ why: String) -> CredentialError { .failed("profile \(selected)", why) }
    guard !profiles.isEmpty else { throw fail("No profiles were defined") }
    var name = selected
    var visited: [String] = []
    var roles: [Role] = []
    while true {
      guard let profile = profiles[name] else {
        throw fail("could not find source profile \(name) referenced from \(visited.last ?? "the root profile")")
      }
      guard !visited.contains(name) else {
        throw fail("profile formed an infinite loop: \((visited + [name]).joined(separator: " -> "))")
      }
      visited.append(name)
      // After the first, a profile with keys of its own is the base, whatever else it holds.
      if visited.count > 1, (try? staticKeys(profile, name)) != nil {
        return ProfileChain(base: .accessKey(profile: name), roles: roles.reversed())
      }
      guard let arn = profile["role_arn"], profile["web_identity_token_file"] == nil else {
        do {
          return ProfileChain(base: try base(profile, name, ssoSessions: ssoSessions), roles: roles.reversed())
        } catch let CredentialError.failed(_, why) where visited.count > 1 {
          throw fail("could not load source profile \(name): \(why)")
        }
      }
      let next: String?
      switch (profile["source_profile"], profile["credential_source"]) {
      case (.some, .some):
        throw fail(
          "profile contained both source_profile and credential_source. Only one or the other can be defined")
      case (nil, nil):
        throw fail("profile must contain `source_profile` or `credential_source` but neither were defined")
      case (.some(let source), nil): next = source == name ? nil : source
      case (nil, .some): next = nil
      }
      roles.append(
        Role(arn: arn, sessionName: profile["role_session_name"], externalId: profile["external_id"], profile: name))
      guard let next else {
        return ProfileChain(base: try base(profile, name, ssoSessions: ssoSessions), roles: roles.reversed())
      }
      name = next
    }
  }

  /// A profile's own source: credential_source, web identity, IAM Identity Center, a process, keys.
  static func base(_ p: [String: String], _ name: String, ssoSessions: [String: [String: String]]) throws -> Base {
    func fail(_ why: String) -> CredentialError { .failed("profile \(name)", why) }
    if let source = p["credential_source"] { return .namedSource(source) }
    switch (p["role_arn"], p["web_identity_token_file"]) {
    case (.some(let arn), .some(let file)):
      return .webIdentity(roleArn: arn, tokenFile: file, sessionName: p["role_session_name"])
    case (nil, .some): throw fail("`web_identity_token_file` was specified but `role_arn` was missing")
    default: break
    }
    let ssoKeys = ["sso_account_id", "sso_region", "sso_role_name", "sso_start_url", "sso_session"]
    if ssoKeys.contains(where: { p[$0] != nil }) {
      if let session = p["sso_session"] {
        for key in ["sso_start_url", "sso_region"] where p[key] != nil {
          throw fail("`\(key)` can only be specified in the [sso-session] config when a session name is given")
        }
        guard ssoSessions[session] != nil else {
          throw fail("sso-session named `\(session)` (referenced by profile `\(name)`) was not found")
        }
      }
      switch (p["sso_account_id"], p["sso_role_name"]) {
      case (.some, nil): throw fail("if `sso_account_id` is set, then `sso_role_name` must also be set")
      case (nil, .some): throw fail("if `sso_role_name` is set, then `sso_account_id` must also be set")
      default: return .sso(profile: name)
      }
    }
    if let session = p["login_session"] { return .login(session: session, profile: name) }
    if let command = p["credential_process"] { return .process(command: command, profile: name) }
    _ = try staticKeys(p, name)
    return .accessKey(profile: name)
  }

  /// Checks that a profile's keys are whole: nil-free access key and secret (a session token optional).
  @discardableResult
  static func staticKeys(_ p: [String: String], _ name: String) throws -> (String, String) {
    func fail(_ why: String) -> CredentialError { .failed("profile \(name)", why) }
    let (key, secret) = (p["aws_access_key_id"], p["aws_secret_access_key"])
    if key == nil, secret == nil, p["aws_session_token"] == nil {
      throw fail("profile `\(name)` did not contain credential information")
    }
    guard let key else { throw fail("profile missing aws_access_key_id") }
    guard let secret else { throw fail("profile missing aws_secret_access_key") }
    return (key, secret)
  }
}
