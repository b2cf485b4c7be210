import Basics
import Foundation

/// Roles through STS's query API: AssumeRole (signed with the source credentials, with an MFA code when
/// the profile names an `mfa_serial`) and AssumeRoleWithWebIdentity (unsigned, with a token file).
enum STSCredentials {
  static func assumeRole(role: String, profile: String, source: AWSCredentials, chain: CredentialChain) throws
    -> AWSCredentials
  {
    let label = "assume role \(role), profile \(profile)"
    var params = [
      ("RoleArn", role),
      ("RoleSessionName", chain.setting(profile, "role_session_name") ?? "cogsh-\(Int(chain.io.now()))"),
    ]
    if let id = chain.setting(profile, "external_id") { params.append(("ExternalId", id)) }
    if let d = chain.setting(profile, "duration_seconds") { params.append(("DurationSeconds", d)) }
    if let serial = chain.setting(profile, "mfa_serial") {
      guard let code = chain.io.askMFACode(serial) else {
        throw CredentialError.failed(
          label, "the role needs an MFA code for \(serial) and there is no terminal to ask on")
      }
      params += [("SerialNumber", serial), ("TokenCode", code)]
    }
    return try call("AssumeRole", params, signedWith: source, profile: profile, chain: chain, label: label)
  }

  static func webIdentity(role: String, tokenFile: String, sessionName: String?, chain: CredentialChain, label: String)
    throws -> AWSCredentials
  {
    guard let token = chain.io.readFile(tokenFile) else {
      throw CredentialError.failed(label, "cannot read \(tokenFile)")
    }
    let params = [
      ("RoleArn", role),
      ("RoleSessionName", sessionName ?? "cogsh-\(Int(chain.io.now()))"),
      ("WebIdentityToken", token.trimmingSpaces().trimmingNewlines()),
    ]
    return try call(
      "AssumeRoleWithWebIdentity", params, signedWith: nil,
      profile: chain.env.profileName(explicit: chain.explicitProfile), chain: chain,
      label: label)
  }

  static func call(
    _ action: String, _ params: [(String, String)], signedWith source: AWSCredentials?, profile: String,
    chain: CredentialChain,
    label: String
  ) throws -> AWSCredentials {
    let region = chain.region(profile)
    let client = ServiceClient(
      service: .sts, endpoint: try chain.endpoint(.sts, region: region), transport: chain.io.transport,
      credentials: { source }, clock: { Int(chain.io.now()) })
    let xml: String
    do {
      xml = try client.query(action, params)
    } catch CognitoError.service(let e) {
      throw CredentialError.failed(label, "\(e.code): \(e.serviceMessage)")
    } catch {
      throw CredentialError.failed(label, (error as? UserFacingError)?.message ?? "\(error)")
    }
    guard let ak = XMLText.tag("AccessKeyId", in: xml), let sk = XMLText.tag("SecretAccessKey", in: xml) else {
      throw CredentialError.failed(label, "the answer has no credentials")
    }
    return AWSCredentials(
      accessKeyId: ak, secretAccessKey: sk, sessionToken: XMLText.tag("SessionToken", in: xml), source: label,
      expiration: XMLText.tag("Expiration", in: xml).flatMap(CivilDate.epochSeconds(iso8601:)))
  }
}

/// IAM Identity Center: the token `aws sso login` cached under `~/.aws/sso/cache`, traded for the
/// role's credentials with GetRoleCredentials.
enum SSOCredentials {
  static func fetch(profile: String, chain: CredentialChain) throws -> AWSCredentials {
    let label = "IAM Identity Center, profile \(profile)"
    var startURL = chain.setting(profile, "sso_start_url")
    var region = chain.setting(profile, "sso_region")
    var cacheKey = startURL
    if let session = chain.setting(profile, "sso_session") {
      let section = chain.env.config.otherSections["sso-session \(session)"] ?? [:]
      startURL = section["sso_start_url"] ?? startURL
      region = section["sso_region"] ?? region
      cacheKey = session
    }
    guard let account = chain.setting(profile, "sso_account_id"), let role = chain.setting(profile, "sso_role_name"),
      let region, let cacheKey, startURL != nil
    else {
      throw CredentialError.failed(label, "it needs sso_account_id, sso_role_name, sso_region and sso_start_url")
    }
    let home = chain.env.variables["HOME"] ?? NSHomeDirectory()
    let file = "\(home)/.aws/sso/cache/\(Encoding.hex(Digest.sha1(cacheKey))).json"
    guard let text = chain.io.readFile(file), var cache = try? JSON.parse(text), cache["accessToken"] != nil
    else { throw CredentialError.ssoExpired(profile: profile) }
    let expires = cache["expiresAt"]?.stringValue.flatMap(CivilDate.epochSeconds(iso8601:)) ?? .infinity
    // As botocore's SSOTokenProvider: an sso-session token within 15 minutes of its end is refreshed
    // with its refresh token (and the cache rewritten), and used as it is if that fails while it lasts.
    if chain.setting(profile, "sso_session") != nil, expires - chain.io.now() < 15 * 60,
      let refreshed = try? SSOTokenRefresh.refresh(cache, region: region, file: file, chain: chain)
    {
      cache = refreshed
    } else if expires <= chain.io.now() {
      throw CredentialError.ssoExpired(profile: profile)
    }
    guard let token = cache["accessToken"]?.stringValue else { throw CredentialError.ssoExpired(profile: profile) }
    let base = try chain.endpoint(.sso, region: region).url
    let url =
      base + "/federation/credentials?role_name=\(SigV4.uriEncode(role))&account_id=\(SigV4.uriEncode(account))"
    let response: HTTPResponse
    do {
      response = try chain.io.transport.send(
        HTTPRequest(url: url, method: "GET", headers: [("x-amz-sso_bearer_token", token)], body: []))
    } catch {
      throw CredentialError.failed(label, (error as? UserFacingError)?.message ?? "\(error)")
    }
    if response.status == 401 || response.status == 403 { throw CredentialError.ssoExpired(profile: profile) }
    guard response.status == 200, let json = try? JSON.parse(bytes: response.body), let creds = json["roleCredentials"]
    else { throw CredentialError.failed(label, "HTTP \(response.status)") }
    var c = try Temporary.parse(creds, keys: .sso, label: label)
    c.source = "\(label), role \(role) in \(account)"
    return c
  }
}

/// The SSO OIDC refresh of a cached IAM Identity Center token (CreateToken, grant refresh_token), as
/// botocore's SSOTokenProvider makes it; the new token is written back to the cache, 0600, atomically.
enum SSOTokenRefresh {
  static func refresh(_ cache: JSON, region: String, file: String, chain: CredentialChain) throws -> JSON {
    guard let clientId = cache["clientId"]?.stringValue, let secret = cache["clientSecret"]?.stringValue,
      let refreshToken = cache["refreshToken"]?.stringValue,
      (cache["registrationExpiresAt"]?.stringValue.flatMap(CivilDate.epochSeconds(iso8601:)) ?? 0) > chain.io.now()
    else { throw CredentialError.failed("IAM Identity Center", "the cached token cannot be refreshed") }
    let base =
      chain.env.endpointURL(service: "SSO_OIDC", explicitProfile: chain.explicitProfile)
      ?? "https://oidc.\(region).\(Endpoint.dnsSuffix(region: region))"
    let body: JSON = [
      "grantType": "refresh_token", "clientId": .string(clientId), "clientSecret": .string(secret),
      "refreshToken": .string(refreshToken),
    ]
    let response = try chain.io.transport.send(
      HTTPRequest(
        url: base.trimmingCharacters(in: CharacterSet(charactersIn: "/")) + "/token",
        headers: [("Content-Type", "application/json")], body: Array(body.serialized().utf8)))
    guard response.status == 200, let answer = try? JSON.parse(bytes: response.body),
      let token = answer["accessToken"]?.stringValue, let lifetime = answer["expiresIn"]?.numberValue
    else { throw CredentialError.failed("IAM Identity Center", "CreateToken answered HTTP \(response.status)") }
    var updated = cache.objectValue ?? [:]
    updated["accessToken"] = .string(token)
    updated["expiresAt"] = .string(CivilDate.iso8601(epochSeconds: chain.io.now() + EpochSeconds.clamped(lifetime)))
    if let next = answer["refreshToken"]?.stringValue { updated["refreshToken"] = .string(next) }
    try PrivateFile.replace(file, with: Array(JSON.object(updated).serialized(pretty: true).utf8))
    return .object(updated)
  }
}
