import Basics
import Cognito
import Foundation

/// AWS credentials an identity pool gave, kept beside the user's tokens (0600, like them).
public struct IdentityCredentials: Codable, Equatable, Sendable {
  public var identityId: String
  public var accessKeyId: String
  public var secretAccessKey: String
  public var sessionToken: String?
  public var expiration: Double
  /// The role assumed, when known (the basic flow's, or one asked for).
  public var roleArn: String?
  /// Whether they came by the basic flow (GetOpenIdToken, then STS AssumeRoleWithWebIdentity).
  public var basic: Bool
  public var guest: Bool

  /// The key a guest identity's credentials are kept under.
  public static let guestKey = "(guest)"

  /// As the credential chain uses them.
  public var aws: AWSCredentials {
    AWSCredentials(
      accessKeyId: accessKeyId, secretAccessKey: secretAccessKey, sessionToken: sessionToken,
      source: "identity pool (\(identityId))", expiration: expiration)
  }
}

/// The cognito-identity requests cogsh makes, built in one place (a test checks them against botocore's model).
public enum IdentityRequests {
  /// The `Logins` key for a user pool: `cognito-idp.REGION.amazonaws.com/POOL_ID`, as the developer guide gives it.
  public static func loginsKey(poolId: String) -> String {
    "cognito-idp.\(Endpoint.region(fromPoolId: poolId) ?? "us-east-1").amazonaws.com/\(poolId)"
  }

  public static func getId(pool: String, logins: [String: String]?) -> JSON {
    var body: [String: JSON] = ["IdentityPoolId": .string(pool)]
    if let logins { body["Logins"] = .strings(logins) }
    return .object(body)
  }

  public static func credentials(identityId: String, logins: [String: String]?, roleArn: String?) -> JSON {
    var body: [String: JSON] = ["IdentityId": .string(identityId)]
    if let logins { body["Logins"] = .strings(logins) }
    if let roleArn { body["CustomRoleArn"] = .string(roleArn) }
    return .object(body)
  }

  public static func pool(_ pool: String) -> JSON { ["IdentityPoolId": .string(pool)] }

  /// STS AssumeRoleWithWebIdentity's parameters for the basic flow.
  public static func assumeRole(_ role: String, session: String, token: String) -> [(String, String)] {
    [("RoleArn", role), ("RoleSessionName", session), ("WebIdentityToken", token)]
  }

  public static func openIdToken(identityId: String, logins: [String: String]?) -> JSON {
    var body: [String: JSON] = ["IdentityId": .string(identityId)]
    if let logins { body["Logins"] = .strings(logins) }
    return .object(body)
  }
}

/// What `identityCredentials` did, for the shell to show.
public struct IdentityReport: Sendable {
  public var credentials: IdentityCredentials
  /// The roles the id token offers (`cognito:roles`) and the one it prefers (`cognito:preferred_role`).
  public var offeredRoles: [String]
  public var preferredRole: String?
  /// The assumed role's ARN from STS (basic flow), or GetCallerIdentity's, when known.
  public var assumedRole: String?
}

/// Why identity-pool work could not start.
public enum IdentityError: UserFacingError, Equatable {
  case noIdentityPool
  case noRole
  case noCredentials(String)
  case badAnswer(String)

  public var message: String {
    switch self {
    case .noIdentityPool: return "no identity pool selected"
    case .noRole: return "the basic flow needs the role to assume, and the identity pool's roles could not be read"
    case .noCredentials(let who): return "no AWS credentials from the identity pool are kept for \(who)"
    case .badAnswer(let why): return "the identity pool's answer is unusable: \(why)"
    }
  }
}

extension Account {
  /// The identity pool id from the settings.
  public func identityPoolId() throws -> String {
    guard let id = try configuration.settings().identityPoolId, !id.isEmpty else { throw IdentityError.noIdentityPool }
    return id
  }

  /// A client for cognito-identity or STS in the identity pool's region (or at the custom endpoint).
  func identityClient(_ service: Service, pool: String) throws -> ServiceClient {
    let settings = try configuration.settings()
    let region = pool.split(separator: ":").first.map(String.init) ?? settings.region ?? "us-east-1"
    let c = try client(service, endpoint: configuration.endpoint(service, region: region, quietly: true))
    if settings.isSandbox == true { c.preflight = SandboxQuirks.refuseUnserved }
    return c
  }

  /// The current user's `Logins` map, or nil for a guest.
  func logins(guest: Bool) throws -> (logins: [String: String]?, user: SignedInUser?) {
    if guest { return (nil, nil) }
    let user = try userForAccessToken()
    guard let idToken = user.tokens.idToken else { throw AccountError.noIdToken(user.username) }
    return ([IdentityRequests.loginsKey(poolId: try configuration.poolId()): idToken], user)
  }

  /// The key an identity is kept under: the identity pool, then the username or the guest's key, so
  /// that another identity pool (or another user) never finds this one's identity.
  public static func identityKey(pool: String, username: String?) -> String {
    "\(pool) \(username ?? IdentityCredentials.guestKey)"
  }

  /// GetId: the identity of the current user (or a guest) in the identity pool, then kept. A guest's
  /// kept one is reused, as Amplify keeps it: GetId without Logins makes a new identity every time. A
  /// user's is asked again (GetId checks the id token, and gives a user the same identity).
  public func identityId(guest: Bool) throws -> String {
    let pool = try identityPoolId()
    let (logins, user) = try logins(guest: guest)
    let key = Self.identityKey(pool: pool, username: user?.username)
    if guest, let kept = try state().identityIds?[key] { return kept }
    let r = try identityClient(.identityPools, pool: pool).call(
      Action("GetId"), IdentityRequests.getId(pool: pool, logins: logins)
    ).body
    guard let id = r["IdentityId"]?.stringValue else { throw IdentityError.badAnswer("no IdentityId") }
    try update { s in s.identityIds = (s.identityIds ?? [:]).merging([key: id]) { _, new in new } }
    return id
  }

  /// AWS credentials for the current user (or a guest): the enhanced flow (GetCredentialsForIdentity),
  /// or the basic one (GetOpenIdToken, then STS AssumeRoleWithWebIdentity). Kept in the session.
  public func identityCredentials(roleArn: String?, basic: Bool, guest: Bool) throws -> IdentityReport {
    let pool = try identityPoolId()
    let (logins, user) = try logins(guest: guest)
    let identity = try identityClient(.identityPools, pool: pool)
    let key = Self.identityKey(pool: pool, username: user?.username)
    // The identity id is the user's for good: kept and reused, as Amplify caches it, not asked again.
    let identityId = try (try state().identities?[key]?.identityId) ?? identityId(guest: guest)
    if try configuration.settings().isSandbox == true { notice(SandboxQuirks.identityNote) }
    let claims = user?.tokens.idToken.flatMap { try? DecodedJWT.decode($0) }
    let offered = claims?.claims["cognito:roles"]?.arrayValue?.compactMap(\.stringValue) ?? []
    var credentials: IdentityCredentials
    var assumed: String?
    if basic {
      let token = try identity.call(
        Action("GetOpenIdToken"), IdentityRequests.openIdToken(identityId: identityId, logins: logins)
      ).body["Token"]?.stringValue
      guard let token else { throw IdentityError.badAnswer("no Token from GetOpenIdToken") }
      guard let role = try roleArn ?? poolRole(pool, guest: guest) else { throw IdentityError.noRole }
      let xml = try identityClient(.sts, pool: pool).query(
        "AssumeRoleWithWebIdentity",
        IdentityRequests.assumeRole(role, session: "cogsh-\(Int(clock()))", token: token))
      guard let ak = XMLText.tag("AccessKeyId", in: xml), let sk = XMLText.tag("SecretAccessKey", in: xml) else {
        throw IdentityError.badAnswer("STS gave no credentials")
      }
      assumed = XMLText.tag("Arn", in: xml)
      credentials = IdentityCredentials(
        identityId: identityId, accessKeyId: ak, secretAccessKey: sk,
        sessionToken: XMLText.tag("SessionToken", in: xml),
        expiration: XMLText.tag("Expiration", in: xml).flatMap(CivilDate.epochSeconds(iso8601:)) ?? clock() + 3600,
        roleArn: role, basic: true, guest: guest)
    } else {
      let r = try identity.call(
        Action("GetCredentialsForIdentity"),
        IdentityRequests.credentials(identityId: identityId, logins: logins, roleArn: roleArn)
      ).body["Credentials"]
      guard let ak = r?["AccessKeyId"]?.stringValue, let sk = r?["SecretKey"]?.stringValue else {
        throw IdentityError.badAnswer("no Credentials from GetCredentialsForIdentity")
      }
      let expiration = r?["Expiration"]?.numberValue.map(EpochSeconds.clamped) ?? clock() + 3600
      credentials = IdentityCredentials(
        identityId: identityId, accessKeyId: ak, secretAccessKey: sk, sessionToken: r?["SessionToken"]?.stringValue,
        expiration: expiration, roleArn: roleArn, basic: false, guest: guest)
    }
    try update { s in s.identities = (s.identities ?? [:]).merging([key: credentials]) { _, new in new } }
    return IdentityReport(
      credentials: credentials, offeredRoles: offered, preferredRole: claims?.string("cognito:preferred_role"),
      assumedRole: assumed)
  }

  /// The role GetIdentityPoolRoles names for authenticated (or guest) identities, when it can be read.
  func poolRole(_ pool: String, guest: Bool) throws -> String? {
    guard configuration.credentials() != nil,
      let roles = try? identityClient(.identityPools, pool: pool).call(
        Action("GetIdentityPoolRoles"), IdentityRequests.pool(pool)
      ).body["Roles"]
    else { return nil }
    return roles[guest ? "unauthenticated" : "authenticated"]?.stringValue
  }

  /// DescribeIdentityPool and GetIdentityPoolRoles (with AWS credentials): the pool, its providers, its roles.
  public func describeIdentityPool() throws -> IdentityPoolDescription {
    let pool = try identityPoolId()
    let client = try identityClient(.identityPools, pool: pool)
    let described = try client.call(Action("DescribeIdentityPool"), IdentityRequests.pool(pool)).body
    let roles = try? client.call(Action("GetIdentityPoolRoles"), IdentityRequests.pool(pool)).body
    return IdentityPoolDescription(pool: described, roles: roles)
  }

  /// The identity credentials kept for the current user (or a guest).
  public func keptIdentity(guest: Bool) throws -> IdentityCredentials {
    let who = guest ? IdentityCredentials.guestKey : try currentUser().username
    let key = Self.identityKey(pool: try identityPoolId(), username: guest ? nil : who)
    guard let kept = try state().identities?[key] else { throw IdentityError.noCredentials(who) }
    return kept
  }

  /// The credentials kept for `username` from the configured identity pool, if any.
  public func keptIdentity(of username: String) -> IdentityCredentials? {
    guard let pool = try? identityPoolId() else { return nil }
    return (try? state().identities?[Self.identityKey(pool: pool, username: username)]) ?? nil
  }

  /// The kept credentials, renewed the same way first when they have under `margin` seconds left.
  public func freshIdentity(guest: Bool, margin: Double = 300) throws -> IdentityCredentials {
    let kept = try keptIdentity(guest: guest)
    guard kept.expiration - clock() < margin else { return kept }
    return try identityCredentials(roleArn: kept.roleArn, basic: kept.basic, guest: guest).credentials
  }

  /// STS GetCallerIdentity signed with the identity pool's credentials: who AWS thinks they are.
  public func identityWhoAmI(guest: Bool) throws -> (arn: String, account: String?, userId: String?) {
    let kept = try freshIdentity(guest: guest, margin: 0)
    let pool = try identityPoolId()
    let sts = try client(.sts, endpoint: identityClient(.sts, pool: pool).endpoint, credentials: { kept.aws })
    let xml = try sts.query("GetCallerIdentity", [])
    guard let arn = XMLText.tag("Arn", in: xml) else { throw IdentityError.badAnswer("no Arn from GetCallerIdentity") }
    return (arn, XMLText.tag("Account", in: xml), XMLText.tag("UserId", in: xml))
  }
}
