import Cognito
import Testing

@Suite("AWS configuration chain")
struct ConfigTests {
  static let config = try! SharedConfig.parse(
    """
    [default]
    region = eu-west-1
    [profile dev]
    region = ap-northeast-1
    aws_access_key_id = CFGKEY
    aws_secret_access_key = cfgsecret
    services = local
    [services local]
    cognito_identity_provider =
      endpoint_url = http://localhost:9229
    [profile plain]
    endpoint_url = http://127.0.0.1:4566
    """, isConfigFile: true)
  static let credentials = try! SharedConfig.parse(
    """
    [default]
    aws_access_key_id = DEFKEY
    aws_secret_access_key = defsecret
    [work]
    aws_access_key_id = WORKKEY
    aws_secret_access_key = worksecret
    aws_session_token = worktoken
    """, isConfigFile: false)

  func env(_ vars: [String: String]) -> AWSEnvironment {
    // No instance metadata service here: the chain's last source is turned off as AWS documents.
    AWSEnvironment(
      variables: vars.merging(["AWS_EC2_METADATA_DISABLED": "true"]) { a, _ in a }, config: Self.config,
      credentialsFile: Self.credentials)
  }

  @Test("environment keys win, with their session token")
  func environmentFirst() {
    let c = env(["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "tok"])
      .credentials()
    #expect(c?.accessKeyId == "ENVKEY" && c?.sessionToken == "tok" && c?.source == "environment")
  }

  @Test("AWS_PROFILE picks the credentials file section, then the config file's")
  func profiles() {
    #expect(env([:]).credentials()?.accessKeyId == "DEFKEY")
    #expect(env(["AWS_PROFILE": "work"]).credentials()?.sessionToken == "worktoken")
    #expect(env(["AWS_PROFILE": "dev"]).credentials()?.accessKeyId == "CFGKEY")
    #expect(env(["AWS_PROFILE": "nobody"]).credentials() == nil)
  }

  @Test("an explicit profile skips the environment keys")
  func explicitProfile() {
    let e = env(["AWS_ACCESS_KEY_ID": "ENVKEY", "AWS_SECRET_ACCESS_KEY": "s"])
    #expect(e.credentials(explicitProfile: "work")?.accessKeyId == "WORKKEY")
  }

  @Test("region: AWS_REGION, AWS_DEFAULT_REGION, then the profile")
  func region() {
    #expect(env(["AWS_REGION": "us-west-2", "AWS_DEFAULT_REGION": "us-east-2"]).region() == "us-west-2")
    #expect(env(["AWS_DEFAULT_REGION": "us-east-2"]).region() == "us-east-2")
    #expect(env(["AWS_PROFILE": "dev"]).region() == "ap-northeast-1")
    #expect(env([:]).region() == "eu-west-1")
  }

  @Test("endpoint overrides in botocore's order")
  func endpoint() {
    #expect(
      env([
        "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": "http://127.0.0.1:1", "AWS_ENDPOINT_URL": "http://127.0.0.1:2",
      ])
      .endpointURL() == "http://127.0.0.1:1")
    #expect(env(["AWS_ENDPOINT_URL": "http://127.0.0.1:2"]).endpointURL() == "http://127.0.0.1:2")
    #expect(env(["AWS_PROFILE": "dev"]).endpointURL() == "http://localhost:9229")
    #expect(env(["AWS_PROFILE": "plain"]).endpointURL() == "http://127.0.0.1:4566")
    #expect(env(["AWS_PROFILE": "plain", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS": "true"]).endpointURL() == nil)
  }
}

/// Hosts per partition and FIPS, as botocore's endpoint rules resolve them.
@Suite("Endpoints per partition")
struct EndpointTests {
  @Test("every region and FIPS choice gives botocore's host (vectors from scripts/vectors/endpoint_vectors.py)")
  func botocoreTable() throws {
    let cases = try Vectors.load("endpoints-botocore.json")["cases"]!.arrayValue!
    #expect(cases.count >= 60)
    let services = ["cognito-idp": Service.userPools, "cognito-identity": .identityPools, "sts": .sts]
    for c in cases {
      let region = c["region"]!.stringValue!
      let fips = c["fips"] == .bool(true)
      let service = try #require(services[c["service"]!.stringValue!])
      #expect(
        try Endpoint.resolve(url: nil, region: region, fips: fips, service: service).url == c["url"]!.stringValue!,
        "\(service.endpointPrefix) \(region) \(fips)")
    }
  }

  @Test(
    "a region is refused unless botocore's validate_region_name takes it",
    arguments: [
      ("eu-west-1", true), ("us-gov-east-1", true), ("a", true), ("A1", true),
      (String(repeating: "a", count: 63), true),
      (String(repeating: "a", count: 64), false), ("-eu", false), ("eu-", false), ("evil.com/#", false),
      ("eu west", false), ("eu_west_1", false), ("ｅｕ", false), ("eu\n1", false),
    ])
  func regionNames(_ region: String, _ valid: Bool) {
    #expect(Endpoint.isRegionName(region) == valid)
    #expect(((try? Endpoint.resolve(url: nil, region: region)) != nil) == valid)
  }

  @Test(
    "FIPS or dual-stack with a custom endpoint is refused in the rules' words; dual-stack where the partition has it")
  func fipsDualStack() throws {
    for (fips, dual, words) in [
      (true, false, "FIPS and custom endpoint are not supported"),
      (false, true, "Dualstack and custom endpoint are not supported"),
    ] {
      #expect(throws: CognitoError.noEndpoint(service: "cognito-idp", why: "Invalid Configuration: \(words)")) {
        try Endpoint.resolve(url: "https://proxy.example", region: "us-east-1", fips: fips, dualStack: dual)
      }
    }
    #expect(
      try Endpoint.resolve(url: nil, region: "cn-north-1", dualStack: true).url
        == "https://cognito-idp.cn-north-1.api.amazonwebservices.com.cn")
    #expect(
      try Endpoint.resolve(url: nil, region: "us-gov-east-1", fips: true, dualStack: true, service: .identityPools).url
        == "https://cognito-identity-fips.us-gov-east-1.api.aws")
    let config = try SharedConfig.parse("[profile v6]\nuse_dualstack_endpoint = true\n", isConfigFile: true)
    #expect(AWSEnvironment(variables: ["AWS_PROFILE": "v6"], config: config).usesDualStack())
    #expect(AWSEnvironment(variables: ["AWS_USE_DUALSTACK_ENDPOINT": "true"]).usesDualStack())
    #expect(!AWSEnvironment(variables: [:]).usesDualStack())
  }

  @Test("AWS_USE_FIPS_ENDPOINT, else the profile's use_fips_endpoint")
  func fipsSetting() {
    let config = try! SharedConfig.parse("[profile gov]\nuse_fips_endpoint = true\n", isConfigFile: true)
    #expect(AWSEnvironment(variables: ["AWS_USE_FIPS_ENDPOINT": "true"]).usesFIPS())
    #expect(AWSEnvironment(variables: ["AWS_PROFILE": "gov"], config: config).usesFIPS())
    #expect(
      !AWSEnvironment(variables: ["AWS_PROFILE": "gov", "AWS_USE_FIPS_ENDPOINT": "false"], config: config).usesFIPS())
    #expect(!AWSEnvironment(variables: [:]).usesFIPS())
  }

  @Test("a custom endpoint's path is kept, and is what gets signed")
  func customPath() throws {
    let e = try Endpoint.resolve(url: "https://proxy.example.com/cognito/v1", region: "eu-west-1")
    #expect(e.path == "/cognito/v1")
    let client = ServiceClient(
      endpoint: e, transport: CurlTransport(), credentials: { AWSCredentials(accessKeyId: "A", secretAccessKey: "S") })
    let request = try client.request("AdminGetUser", body: [:])
    #expect(request.url == "https://proxy.example.com/cognito/v1")
    #expect(try Endpoint.resolve(url: "https://proxy.example.com", region: "eu-west-1").path == "/")
  }
}
