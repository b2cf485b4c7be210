import Basics
import Cognito
import Foundation
import Testing

/// Each credential source of the AWS CLI's chain, without AWS: the source is served on 127.0.0.1 (or is a
/// script, or moto's STS), and an admin command is signed with what it issued — checked by a loopback
/// server that re-signs with botocore and compares the session token.
@Suite("AWS credential sources")
struct CredentialSourceTests {
  static let key = "ASIATESTSOURCEKEY"
  static let secret = "source-secret-key"
  static let token = "source-session-token"
  static let expiration = "2099-01-01T00:00:00Z"

  /// cogsh with no keys in its environment and the given AWS files, on a moto pool reached through the
  /// checking proxy (`checker`), which lets a request through only when the source's keys signed it.
  static func run(
    _ cogsh: Cogsh, config: String, checker: Checked, environment: [String: String] = [:], flags: [String] = [],
    command: String
  ) throws -> RunResult {
    let file = cogsh.home.path + "/aws-config"
    try config.write(toFile: file, atomically: true, encoding: .utf8)
    var env = ["AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_CONFIG_FILE": file]
    for (k, v) in environment { env[k] = v }
    return try cogsh.run(
      flags + [
        "--endpoint-url", checker.proxy.url, "--pool-id", checker.poolId, "--client-id", checker.clientId, "-c",
        command,
      ], extraEnvironment: env)
  }

  /// A fresh moto pool behind the proxy, which knows the keys the source under test issues.
  struct Checked {
    let proxy: HelperServer
    let poolId: String
    let clientId: String

    /// The requests the proxy checked, and whether each was signed with the issued keys.
    func verdicts() throws -> [JSON] {
      let r = try CurlTransport().send(HTTPRequest(url: proxy.url + "/_log", method: "GET", headers: [], body: []))
      return try JSON.parse(bytes: r.body).arrayValue?.compactMap { $0["ok"] } ?? []
    }
  }

  static func checker() throws -> Checked {
    let pool = try Moto.articlePool()
    return Checked(
      proxy: try HelperServer.stsCheckingProxy(to: pool.url, issued: (key, secret, token)), poolId: pool.poolId,
      clientId: pool.clientId)
  }

  /// GetRoleCredentials' answer with the issued keys.
  static let ssoAnswer = FaultServer.answer([
    "roleCredentials": [
      "accessKeyId": .string(key), "secretAccessKey": .string(secret), "sessionToken": .string(token),
      "expiration": 4_070_908_800_000,
    ]
  ])

  /// A profile of IAM Identity Center through the sso-session `corp`.
  static let ssoConfig = """
    [profile dev]
    sso_session = corp
    sso_account_id = 111122223333
    sso_role_name = Developer
    [sso-session corp]
    sso_start_url = https://corp.awsapps.com/start
    sso_region = us-east-1
    """

  /// A role assumed with the keys of a base profile.
  static let roleConfig = """
    [profile base]
    aws_access_key_id = AKIABASE
    aws_secret_access_key = base-secret
    [profile admin]
    role_arn = arn:aws:iam::123456789012:role/cogsh-admin
    source_profile = base

    """

  static let issued: JSON = [
    "AccessKeyId": .string(key), "SecretAccessKey": .string(secret), "Token": .string(token),
    "Expiration": .string(expiration), "Code": "Success",
  ]

  @Test(
    "a credentials file from Windows (CRLF), a comment after a section header: default's keys sign, not the next section's"
  )
  func sharedFileRules() throws {
    for ending in ["\n", "\r\n"] {
      let cogsh = Cogsh()
      let file = cogsh.home.path + "/credentials"
      try [
        "[default]", "aws_access_key_id = \(Self.key)", "aws_secret_access_key = \(Self.secret)",
        "aws_session_token = \(Self.token)", "[prod] ; production keys", "aws_access_key_id = AKIAPROD",
        "aws_secret_access_key = prod-secret", "aws_session_token = prod-token", "",
      ].joined(separator: ending).write(toFile: file, atomically: true, encoding: .utf8)
      let checker = try Self.checker()
      let r = try Self.run(
        cogsh, config: "", checker: checker, environment: ["AWS_SHARED_CREDENTIALS_FILE": file], command: "list-users")
      #expect(r.status == 0, "\(ending.debugDescription): \(r.stderr)")
      #expect(try checker.verdicts() == [.bool(true)], "\(ending.debugDescription): default's keys signed")
      let missing = try Self.run(
        cogsh, config: "", checker: checker, environment: ["AWS_SHARED_CREDENTIALS_FILE": file],
        flags: ["--aws-profile", "staging"], command: "list-users")
      #expect(missing.status == 1)
      #expect(
        missing.stderr.contains(
          "the AWS profile staging is in neither the config nor the credentials file (profiles there: default, prod)"),
        "\(missing.stderr)")
    }
  }

  @Test("a malformed config file is said with its file and line, and no request is signed from it")
  func malformedFile() throws {
    let cogsh = Cogsh()
    let checker = try Self.checker()
    let r = try Self.run(
      cogsh, config: "[profile p]\nregion = us-east-1\naws_access_key_id : AKIAX\n", checker: checker,
      environment: ["AWS_PROFILE": "p"], command: "list-users")
    #expect(r.status == 1)
    let file = cogsh.home.path + "/aws-config"
    #expect(
      r.stderr.contains("error parsing \(file) on line 3: Expected an '=' sign defining a property"), "\(r.stderr)")
    #expect(try checker.verdicts().isEmpty, "nothing was sent")
  }

  @Test("credential_process: the script's keys sign the request; status names the source and the expiry")
  func credentialProcess() throws {
    let cogsh = Cogsh()
    let script = cogsh.home.path + "/creds.sh"
    try """
    #!/bin/sh
    printf '{"Version":1,"AccessKeyId":"\(Self.key)","SecretAccessKey":"\(Self.secret)","SessionToken":"\(Self.token)","Expiration":"\(Self.expiration)"}'
    """.write(toFile: script, atomically: true, encoding: .utf8)
    chmod(script, 0o755)
    let checker = try Self.checker()
    let r = try Self.run(
      cogsh, config: "[profile proc]\ncredential_process = \(script)\n", checker: checker,
      environment: ["AWS_PROFILE": "proc"], command: "list-users; status")
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(try checker.verdicts() == [.bool(true)], "moto was reached with the issued keys")
    #expect(r.stdout.contains("credentials  credential_process, profile proc, expires in "))
    let flagged = try Self.run(
      cogsh, config: "[profile proc]\ncredential_process = \(script)\n", checker: checker,
      flags: ["--aws-profile", "proc"],
      command: "list-users")
    #expect(flagged.status == 0, "--aws-profile selects it too: \(flagged.stderr)")
  }

  @Test("container credentials: the token is sent, the keys sign the request")
  func container() throws {
    let server = try FaultServer()
    try server.plan([FaultServer.answer(Self.issued)])
    let checker = try Self.checker()
    let r = try Self.run(
      Cogsh(), config: "", checker: checker,
      environment: [
        "AWS_CONTAINER_CREDENTIALS_FULL_URI": server.url + "/v2/credentials",
        "AWS_CONTAINER_AUTHORIZATION_TOKEN": "pod-token",
      ], command: "list-users; status")
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(try checker.verdicts() == [.bool(true)], "moto was reached with the issued keys")
    #expect(try server.log().first?["headers"]?["authorization"] == "pod-token")
    #expect(r.stdout.contains("credentials  container credentials"))
  }

  @Test("IMDSv2: a session token first, then the role's keys, which sign the request")
  func instanceMetadata() throws {
    let server = try FaultServer()
    try server.plan([
      .object(["raw": "imds-session-token"]), .object(["raw": "cogsh-role\n"]), FaultServer.answer(Self.issued),
    ])
    let checker = try Self.checker()
    let r = try Self.run(
      Cogsh(), config: "", checker: checker,
      environment: ["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url],
      command: "list-users; status")
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(try checker.verdicts() == [.bool(true)], "moto was reached with the issued keys")
    let log = try server.log()
    #expect(log.map { $0["method"]?.stringValue ?? "" } == ["PUT", "GET", "GET"])
    #expect(log[1]["headers"]?["x-aws-ec2-metadata-token"] == "imds-session-token")
    #expect(log[2]["path"] == "/latest/meta-data/iam/security-credentials/cogsh-role")
    #expect(r.stdout.contains("instance metadata (IMDSv2), role cogsh-role"))
  }

  @Test("IMDSv1 when the token's PUT is refused (403, 404, 405); never when AWS_EC2_METADATA_V1_DISABLED")
  func instanceMetadataV1() throws {
    for status in [403, 404, 405] {
      let server = try FaultServer()
      try server.plan([
        FaultServer.answer([:], status: status), .object(["raw": "cogsh-role\n"]), FaultServer.answer(Self.issued),
      ])
      let checker = try Self.checker()
      let r = try Self.run(
        Cogsh(), config: "", checker: checker,
        environment: ["AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url],
        command: "list-users; status")
      #expect(r.status == 0, "\(status): \(r.stderr)")
      #expect(try checker.verdicts() == [.bool(true)])
      let log = try server.log()
      #expect(log.map { $0["method"]?.stringValue ?? "" } == ["PUT", "GET", "GET"])
      #expect(log[1]["headers"]?["x-aws-ec2-metadata-token"] == nil, "IMDSv1 carries no token")
      #expect(r.stdout.contains("instance metadata (IMDSv1), role cogsh-role"), "\(r.stdout)")
    }
    let server = try FaultServer()
    try server.plan([FaultServer.answer([:], status: 403)])
    let r = try Self.run(
      Cogsh(), config: "", checker: try Self.checker(),
      environment: [
        "AWS_EC2_METADATA_DISABLED": "false", "AWS_EC2_METADATA_SERVICE_ENDPOINT": server.url,
        "AWS_EC2_METADATA_V1_DISABLED": "true",
      ], command: "list-users")
    #expect(r.status == 1 && r.stderr.contains("IMDSv1 is disabled"), "\(r.stderr)")
    #expect(try server.log().count == 1)
  }

  @Test("IAM Identity Center: the cached token is traded for the role's keys; an expired one says to log in")
  func sso() throws {
    let cogsh = Cogsh()
    let server = try FaultServer()
    try server.plan([
      Self.ssoAnswer
    ])
    let cache = cogsh.home.path + "/.aws/sso/cache"
    try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
    let name = Encoding.hex(Digest.sha1("corp"))
    try #"{"accessToken":"sso-access-token","expiresAt":"2099-01-01T00:00:00Z"}"#.write(
      toFile: "\(cache)/\(name).json", atomically: true, encoding: .utf8)
    let checker = try Self.checker()
    let r = try Self.run(
      cogsh, config: Self.ssoConfig, checker: checker,
      environment: ["AWS_PROFILE": "dev", "AWS_ENDPOINT_URL_SSO": server.url],
      command: "list-users; status")
    #expect(r.status == 0, "stderr: \(r.stderr)")
    #expect(try checker.verdicts() == [.bool(true)], "moto was reached with the issued keys")
    let request = try #require(try server.log().first)
    #expect(request["path"] == "/federation/credentials?role_name=Developer&account_id=111122223333")
    #expect(request["headers"]?["x-amz-sso_bearer_token"] == "sso-access-token")
    #expect(r.stdout.contains("IAM Identity Center, profile dev, role Developer in 111122223333"))
    // The legacy form: the start URL in the profile, the cache file named after it.
    try server.plan([
      Self.ssoAnswer
    ])
    let legacyURL = "https://legacy.awsapps.com/start"
    try #"{"accessToken":"legacy-token","expiresAt":"2099-01-01T00:00:00Z"}"#.write(
      toFile: "\(cache)/\(Encoding.hex(Digest.sha1(legacyURL))).json", atomically: true, encoding: .utf8)
    let legacy = try Self.run(
      cogsh,
      config: """
        [profile old]
        sso_start_url = \(legacyURL)
        sso_region = us-east-1
        sso_account_id = 111122223333
        sso_role_name = Developer
        """, checker: checker, environment: ["AWS_PROFILE": "old", "AWS_ENDPOINT_URL_SSO": server.url],
      command: "list-users")
    #expect(legacy.status == 0, "stderr: \(legacy.stderr)")
    #expect(try server.log().last?["headers"]?["x-amz-sso_bearer_token"] == "legacy-token")
    try #"{"accessToken":"old","expiresAt":"2020-01-01T00:00:00Z"}"#.write(
      toFile: "\(cache)/\(name).json", atomically: true, encoding: .utf8)
    let expired = try Self.run(
      cogsh, config: Self.ssoConfig, checker: checker,
      environment: ["AWS_PROFILE": "dev", "AWS_ENDPOINT_URL_SSO": server.url],
      command: "list-users")
    #expect(expired.status == 1)
    #expect(
      expired.stderr.contains("token for profile dev has expired")
        && expired.stderr.contains("aws sso login --profile dev"))
  }

  @Test(
    "an expired sso-session token is refreshed with its refresh token (SSO OIDC), the cache rewritten 0600, and used")
  func ssoRefresh() throws {
    let cogsh = Cogsh()
    let oidc = try FaultServer()
    try oidc.plan([
      FaultServer.answer(["accessToken": "refreshed-token", "expiresIn": 3600, "refreshToken": "next-refresh"])
    ])
    let sso = try FaultServer()
    try sso.plan([Self.ssoAnswer])
    let cache = cogsh.home.path + "/.aws/sso/cache"
    try FileManager.default.createDirectory(atPath: cache, withIntermediateDirectories: true)
    let file = "\(cache)/\(Encoding.hex(Digest.sha1("corp"))).json"
    try """
    {"accessToken":"expired-token","expiresAt":"2001-01-01T00:00:00Z","clientId":"oidc-client",\
    "clientSecret":"oidc-secret","registrationExpiresAt":"2099-01-01T00:00:00Z","refreshToken":"first-refresh",\
    "startUrl":"https://corp.awsapps.com/start","region":"us-east-1"}
    """.write(toFile: file, atomically: true, encoding: .utf8)
    let checker = try Self.checker()
    let r = try Self.run(
      cogsh, config: Self.ssoConfig, checker: checker,
      environment: ["AWS_PROFILE": "dev", "AWS_ENDPOINT_URL_SSO": sso.url, "AWS_ENDPOINT_URL_SSO_OIDC": oidc.url],
      command: "list-users")
    #expect(r.status == 0, "\(r.stderr)")
    let asked = try #require(try oidc.log().first)
    #expect(asked["path"] == "/token")
    let body = asked["body"] ?? .null
    #expect(body["grantType"] == "refresh_token" && body["refreshToken"] == "first-refresh")
    #expect(try sso.log().first?["headers"]?["x-amz-sso_bearer_token"] == "refreshed-token")
    let rewritten = try JSON.parse(String(contentsOfFile: file, encoding: .utf8))
    #expect(rewritten["accessToken"] == "refreshed-token" && rewritten["refreshToken"] == "next-refresh")
    #expect(fileMode(file) == 0o600)
  }

  /// An article pool with moto's STS and the pool behind the checking proxy (it learns the keys STS
  /// issues and holds each signed Cognito request to them), a web identity token file, and `config`
  /// as the AWS config file; no keys in the environment.
  struct BehindSTS {
    let cogsh: Cogsh
    let proxy: HelperServer
    let connection: [String]
    let tokenFile: String
    let environment: [String: String]

    init(config: String) throws {
      let (pool, cogsh, _) = try Moto.articleSession()
      self.cogsh = cogsh
      proxy = try HelperServer.stsCheckingProxy(to: try Moto.server().url)
      connection = ["--endpoint-url", proxy.url, "--pool-id", pool.poolId, "--client-id", pool.clientId]
      tokenFile = cogsh.home.path + "/web-identity-token"
      try "eyJhbGciOiJSUzI1NiJ9.e30.c2ln".write(toFile: tokenFile, atomically: true, encoding: .utf8)
      let file = cogsh.home.path + "/aws-config"
      try config.write(toFile: file, atomically: true, encoding: .utf8)
      environment = [
        "AWS_ACCESS_KEY_ID": "", "AWS_SECRET_ACCESS_KEY": "", "AWS_CONFIG_FILE": file,
        "AWS_ENDPOINT_URL_STS": proxy.url,
      ]
    }

    /// Runs `command` with the environment and `extra` over it.
    func run(_ command: String, _ extra: [String: String]) throws -> RunResult {
      try cogsh.run(connection + ["-c", command], extraEnvironment: environment.merging(extra) { _, b in b })
    }

    /// What the proxy saw: the verdicts on signed Cognito requests and the STS actions.
    func log() throws -> [JSON] {
      try JSON.parse(
        bytes: CurlTransport().send(HTTPRequest(url: proxy.url + "/_log", method: "GET", headers: [], body: [])).body
      ).arrayValue ?? []
    }
  }

  @Test(
    "web identity and assume role go through moto's STS; the issued keys sign the admin call; status names the role")
  func stsRoles() throws {
    let s = try BehindSTS(config: Self.roleConfig + "role_session_name = trainer\n")
    let web = try s.run(
      "list-users; status",
      ["AWS_WEB_IDENTITY_TOKEN_FILE": s.tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/cogsh-web"])
    #expect(web.status == 0, "stderr: \(web.stderr)")
    #expect(web.stdout.contains("credentials  web identity (AWS_WEB_IDENTITY_TOKEN_FILE), expires in "))
    let role = try s.run("list-users; status", ["AWS_PROFILE": "admin"])
    #expect(role.status == 0, "stderr: \(role.stderr)")
    #expect(role.stdout.contains("credentials  assume role arn:aws:iam::123456789012:role/cogsh-admin, profile admin"))
    let checked = try s.log()
    let verdicts = checked.compactMap { $0["ok"] }
    #expect(verdicts.count == 2 && verdicts.allSatisfy { $0 == .bool(true) }, "\(checked)")
  }

  @Test(
    "botocore's chain rules: a source profile's own keys sign one AssumeRole; source_profile with credential_source is refused; web identity from the environment comes before a profile's keys"
  )
  func chainRules() throws {
    let s = try BehindSTS(
      config: """
        [profile base]
        aws_access_key_id = AKIABASE
        aws_secret_access_key = base-secret
        role_arn = arn:aws:iam::123456789012:role/base-role
        credential_source = Environment
        [profile admin]
        role_arn = arn:aws:iam::123456789012:role/cogsh-admin
        source_profile = base
        [profile both]
        role_arn = arn:aws:iam::123456789012:role/cogsh-admin
        source_profile = base
        credential_source = Environment
        [profile keys]
        aws_access_key_id = AKIAKEYS
        aws_secret_access_key = keys-secret

        """)
    let admin = try s.run("list-users", ["AWS_PROFILE": "admin"])
    #expect(admin.status == 0, "\(admin.stderr)")
    #expect(
      try s.log().compactMap { $0["role"]?.stringValue } == ["arn:aws:iam::123456789012:role/cogsh-admin"],
      "one AssumeRole, for admin's role, signed with base's keys")
    let both = try s.run("list-users", ["AWS_PROFILE": "both"])
    #expect(both.status == 1 && both.stderr.contains("both source_profile and credential_source"), "\(both.stderr)")
    let web = try s.run(
      "status",
      [
        "AWS_PROFILE": "keys", "AWS_WEB_IDENTITY_TOKEN_FILE": s.tokenFile,
        "AWS_ROLE_ARN": "arn:aws:iam::123456789012:role/cogsh-web",
      ])
    #expect(web.stdout.contains("credentials  web identity (AWS_WEB_IDENTITY_TOKEN_FILE)"), "\(web.stdout)")
  }
}
