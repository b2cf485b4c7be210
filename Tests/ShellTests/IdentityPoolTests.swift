import Basics
import Cognito
import Foundation
import Testing

/// Identity pools against moto (which serves cognito-identity and STS), and the refusals only a real
/// pool makes against the reference server, which checks the Logins as Cognito does.
@Suite("Identity pools", .serialized)
struct IdentityPoolTests {
  /// The identity pools' and STS's endpoints, as `AWS_ENDPOINT_URL_<SERVICE>` name them.
  static func otherServices(at url: String) -> [String: String] {
    ["AWS_ENDPOINT_URL_COGNITO_IDENTITY": url, "AWS_ENDPOINT_URL_STS": url]
  }

  /// A fresh article pool with a user signed in, an identity pool beside it (guests allowed), and the
  /// flags. --endpoint-url is the user pool's: moto's identity pools and STS are named as the SDKs
  /// name them, in `cogsh`'s environment.
  static func signedIn(_ cogsh: inout Cogsh) throws -> [String] {
    let pool = try Moto.articlePool()
    cogsh.environment = Self.otherServices(at: pool.url)
    let client = ServiceClient(
      service: .identityPools, endpoint: Endpoint(url: pool.url, region: "us-east-1", isCustom: true),
      transport: CurlTransport(), credentials: { AWSCredentials(accessKeyId: "testing", secretAccessKey: "testing") })
    let created = try client.call(
      Action("CreateIdentityPool"),
      [
        "IdentityPoolName": "test", "AllowUnauthenticatedIdentities": true,
        "CognitoIdentityProviders": [
          [
            "ProviderName": .string("cognito-idp.us-east-1.amazonaws.com/\(pool.poolId)"),
            "ClientId": .string(pool.clientId),
          ]
        ],
      ])
    let identityPool = try #require(created.body["IdentityPoolId"]?.stringValue)
    let flags = [
      "--endpoint-url", pool.url, "--pool-id", pool.poolId, "--client-id", pool.clientId, "--identity-pool-id",
      identityPool,
    ]
    let setup = try cogsh.run(
      flags + [
        "-c",
        "admin-create-user ren@example.com --temporary-password first-pass-1 --suppress-message; "
          + "admin-set-user-password ren@example.com ren-pass-1 --permanent; "
          + "login ren@example.com --flow password --password ren-pass-1",
      ])
    #expect(setup.status == 0, "stderr: \(setup.stderr)")
    return flags
  }

  @Test("the enhanced and basic flows and a guest identity, each proved by GetCallerIdentity")
  func flows() throws {
    var cogsh = Cogsh()
    let flags = try Self.signedIn(&cogsh)
    let enhanced = try cogsh.run(flags + ["-c", "identity credentials; tokens; identity whoami"])
    #expect(enhanced.status == 0, "stderr: \(enhanced.stderr)")
    #expect(enhanced.stdout.contains("flow        enhanced") && enhanced.stdout.contains("aws      "))
    #expect(enhanced.stdout.contains("arn      arn:aws:sts::"))
    let again = try cogsh.run(flags + ["-c", "identity credentials"])
    let identity = { (text: String) in text.split(separator: "\n").first { $0.hasPrefix("identity") } }
    #expect(identity(again.stdout) == identity(enhanced.stdout), "the identity id is kept, not asked again")

    let basic = try cogsh.run(
      flags + ["-c", "identity credentials --basic --role-arn arn:aws:iam::123456789012:role/reader; identity whoami"])
    #expect(basic.status == 0, "stderr: \(basic.stderr)")
    #expect(basic.stdout.contains("flow        basic") && basic.stdout.contains("assumed-role/reader/cogsh-"))

    let guest = try cogsh.run(flags + ["-c", "identity credentials --guest; identity whoami --guest"])
    #expect(guest.status == 0 && guest.stdout.contains("(guest)"), "stderr: \(guest.stderr)")
    // The guest's identity is kept, as a user's is: the same id from the next command and the next run.
    let ids = try cogsh.run(flags + ["-c", "identity id --guest; identity id --guest"])
    let later = try cogsh.run(flags + ["-c", "identity id --guest"])
    let shown = ids.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").last.map(String.init) }
    #expect(
      shown.count == 2 && shown[0] == shown[1] && later.stdout.contains(shown[0]), "\(ids.stdout) \(later.stdout)")
    #expect(guest.stdout.contains(shown.first ?? "?"), "the credentials' identity is the kept one")
    // Kept per identity pool: another pool does not find it.
    let other = try cogsh.run(
      flags + ["--identity-pool-id", "us-east-1:00000000-0000-0000-0000-000000000000", "-c", "identity id --guest"])
    #expect(!other.stdout.contains(shown.first ?? "?"))
  }

  /// The AWS CLI on PATH, or the one scripts/setup --tests put in .venv.
  static func awsCLI() -> String {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
    where FileManager.default.isExecutableFile(atPath: "\(dir)/aws") {
      return "\(dir)/aws"
    }
    return Project.path(".venv/bin/aws")
  }

  @Test("export --aws --format credential-process serves the AWS CLI and cogsh's own credential chain")
  func credentialProcess() throws {
    var cogsh = Cogsh()
    let flags = try Self.signedIn(&cogsh)
    let got = try cogsh.run(
      flags + ["-c", "identity credentials --basic --role-arn arn:aws:iam::123456789012:role/cli"])
    #expect(got.status == 0, "stderr: \(got.stderr)")
    let doc = try cogsh.run(flags + ["-c", "export --aws --format credential-process"])
    let parsed = try JSON.parse(Data(doc.stdout.utf8))
    #expect(parsed["Version"] == .number(1) && parsed["AccessKeyId"]?.stringValue?.hasPrefix("ASIA") == true)
    #expect(parsed["Expiration"]?.stringValue?.hasSuffix("Z") == true && parsed["SessionToken"] != nil)

    // A profile whose credentials come from cogsh, as a user would write it in ~/.aws/config.
    let quoted = flags.map { "'\($0)'" }.joined(separator: " ")
    let config = cogsh.home.path + "/aws-config"
    try """
    [profile viacogsh]
    region = us-east-1
    credential_process = \(Project.cogsh) \(quoted) -c "export --aws --format credential-process"

    """.write(toFile: config, atomically: true, encoding: .utf8)
    let env = [
      "AWS_CONFIG_FILE": config, "AWS_SHARED_CREDENTIALS_FILE": cogsh.home.path + "/none",
      "COGSH_HOME": cogsh.cogshHome, "HOME": cogsh.home.path, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "",
    ].merging(cogsh.environment) { a, _ in a }
    let aws = try runProgram(
      Self.awsCLI(), ["sts", "get-caller-identity", "--profile", "viacogsh", "--endpoint-url", flags[1]],
      environment: env)
    let (answer, problem) = (aws.stdout, aws.stderr)
    #expect(aws.status == 0 && answer.contains("assumed-role/cli/cogsh-"), "aws: \(answer) \(problem)")

    // cogsh's own chain runs the same process for a signed call.
    let chained = try cogsh.run(
      flags + ["--aws-profile", "viacogsh", "-c", "status; list-users"],
      extraEnvironment: FaultServer.withoutCredentials.merging(["AWS_CONFIG_FILE": config]) { _, b in b })
    #expect(chained.status == 0, "stderr: \(chained.stderr)")
    #expect(chained.stdout.contains("credential_process"), "\(chained.stdout)")
  }

  @Test(
    "identity pools and STS reach their own endpoints (AWS_ENDPOINT_URL_<SERVICE>), not the user pool's; another identity pool gets its own GetId"
  )
  func ownEndpoints() throws {
    var cogsh = Cogsh()
    let flags = try Self.signedIn(&cogsh)
    let identity = try FaultServer()
    let sts = try FaultServer()
    let id = "us-east-1:44444444-4444-4444-8444-444444444444"
    try identity.plan([
      FaultServer.answer(["IdentityId": .string(id)]),
      FaultServer.answer([
        "IdentityId": .string(id),
        "Credentials": [
          "AccessKeyId": "ASIAOWNENDPOINT", "SecretKey": "s", "SessionToken": "t",
          "Expiration": .number(Date().timeIntervalSince1970 + 3600),
        ],
      ]),
      FaultServer.answer(["IdentityId": "us-east-1:55555555-5555-4555-8555-555555555555"]),
    ])
    try sts.plan([
      [
        "status": 200,
        "raw": """
        <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>\
        <Arn>arn:aws:sts::123456789012:assumed-role/own-endpoint/CognitoIdentityCredentials</Arn>\
        <UserId>AROAOWN:CognitoIdentityCredentials</UserId><Account>123456789012</Account>\
        </GetCallerIdentityResult></GetCallerIdentityResponse>
        """,
      ]
    ])
    cogsh.environment = ["AWS_ENDPOINT_URL_COGNITO_IDENTITY": identity.url, "AWS_ENDPOINT_URL_STS": sts.url]
    let whoami = try cogsh.run(flags + ["-c", "identity credentials; identity whoami"])
    #expect(whoami.status == 0, "\(whoami.stdout) \(whoami.stderr)")
    #expect(whoami.stdout.contains("assumed-role/own-endpoint"), "\(whoami.stdout)")
    #expect(try identity.actions() == ["GetId", "GetCredentialsForIdentity"])
    #expect(try sts.log().count == 1)
    // Another identity pool, the same user: its own GetId, not the first pool's identity.
    var other = flags
    other[other.count - 1] = "us-east-1:66666666-6666-4666-8666-666666666666"
    let second = try cogsh.run(other + ["-c", "identity id"])
    #expect(second.status == 0 && second.stdout.contains("55555555-5555"), "\(second.stdout) \(second.stderr)")
    #expect(try identity.actions() == ["GetId", "GetCredentialsForIdentity", "GetId"])
    // Without them, --endpoint-url (the user pool's) is not where identity pools go, and that is said.
    cogsh.environment = [:]
    let unset = try cogsh.run(flags + ["-c", "identity id"])
    #expect(
      unset.stderr.contains("note: cognito-identity is reached at https://cognito-identity.us-east-1.amazonaws.com"))
  }

  @Test("each refusal a real identity pool makes keeps its words and gets its hint")
  func refusals() throws {
    let server = try HelperServer.reference()
    var cogsh = Cogsh()
    cogsh.environment = Self.otherServices(at: server.url)
    let connection = ["--endpoint-url", server.url, "--client-id", "plain"]
    let ref = connection + ["--pool-id", "us-east-1_RefPool"]
    let pools = (
      good: "us-east-1:11111111-1111-4111-8111-111111111111", other: "us-east-1:22222222-2222-4222-8222-222222222222",
      typo: "us-east-1:33333333-3333-4333-8333-333333333333"
    )
    let login = try cogsh.run(ref + ["-c", "login alice@example.com --flow password --password alice-password"])
    try #require(login.status == 0, "stderr: \(login.stderr)")
    let good = try cogsh.run(ref + ["--identity-pool-id", pools.good, "-c", "identity credentials"])
    #expect(good.status == 0 && good.stdout.contains("ASIAREFERENCE"), "stderr: \(good.stderr)")
    #expect(good.stdout.contains("role/readers (cognito:preferred_role"), "the role is named, and why")
    #expect(good.stdout.contains("cognito:roles  arn:aws:iam::123456789012:role/readers"))

    let provider = try cogsh.run(ref + ["--identity-pool-id", pools.other, "-c", "identity id"])
    #expect(provider.stderr.contains("Token is not from a supported provider of this identity pool."))
    #expect(provider.stderr.contains("does not list this user pool and app client as a provider"))

    // Another pool id than the one that issued the tokens: cogsh would refuse to send them (they came
    // from another pool) but for --trust-endpoint; trusted, the identity pool's own refusal shows.
    let untrusted = try cogsh.run(
      connection + ["--pool-id", "us-east-1_Typo", "--identity-pool-id", pools.typo, "-c", "identity id"])
    #expect(untrusted.status == 1 && untrusted.stderr.contains("not sent there"), "\(untrusted.stderr)")
    let key = try cogsh.run(
      ["--trust-endpoint"] + connection + [
        "--pool-id", "us-east-1_Typo", "--identity-pool-id", pools.typo, "-c", "identity id",
      ])
    #expect(key.stderr.contains("Issuer doesn't match providerName") && key.stderr.contains("The Logins key must be"))

    let guests = try cogsh.run(ref + ["--identity-pool-id", pools.other, "-c", "identity id --guest"])
    #expect(guests.stderr.contains("Unauthenticated access is not supported") && guests.stderr.contains("guest"))

    // An id token past its exp, as a session left overnight holds it.
    let file = cogsh.cogshHome + "/sessions/default.json"
    var state = try JSON.parse(Data(contentsOf: URL(fileURLWithPath: file)))
    let claims =
      #"{"sub":"sub-alice","aud":"plain","token_use":"id","exp":1000,"iss":"https://cognito-idp.us-east-1.amazonaws.com/us-east-1_RefPool"}"#
    let expired = b64url(#"{"alg":"RS256"}"#) + "." + b64url(claims) + ".c2ln"
    if case .object(var top) = state, case .object(var users)? = top["users"],
      case .object(var alice)? = users["alice@example.com"],
      case .object(var tokens)? = alice["tokens"]
    {
      tokens["idToken"] = .string(expired)
      alice["tokens"] = .object(tokens)
      alice["identities"] = nil
      users["alice@example.com"] = .object(alice)
      top["users"] = .object(users)
      top["identities"] = nil
      state = .object(top)
    }
    plantStateFile(home: cogsh.cogshHome, "sessions/default.json", state.serialized())
    let old = try cogsh.run(ref + ["--identity-pool-id", pools.good, "-c", "identity id"])
    #expect(
      old.stderr.contains("Invalid login token. Token expired") && old.stderr.contains("refresh"), "\(old.stderr)")
  }
}
