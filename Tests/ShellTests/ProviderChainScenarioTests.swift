import Basics
import Cognito
import Foundation
import Testing

/// smithy-rs's scenarios for the default credential chain and the profile provider
/// (test-data/default-credential-provider-chain and profile-provider, vendored by
/// scripts/vectors/sdk_suites.sh): each scenario's environment and files set up under a
/// temporary root, every request cogsh makes answered by replay_server.py from its recorded traffic (the
/// host it names checked against the recorded ones), and the credentials compared, or the failure.
@Suite("smithy-rs's default-chain scenarios", .serialized)
struct ProviderChainScenarioTests {

  /// Scenarios cogsh does not follow, on purpose, with why. Each is still checked: the endpoint its
  /// configuration chose is the one the scenario's traffic went to, named in cogsh's refusal.
  static let differences: [String: String] = [
    "assume_role_override_global_env_url": plainHTTP, "assume_role_override_global_profile_url": plainHTTP,
    "assume_role_override_service_env_url": plainHTTP, "assume_role_override_service_profile_url": plainHTTP,
    "sso_override_global_env_url": plainHTTP,
  ]
  static let plainHTTP =
    "cogsh refuses plain http to a host that is not loopback: the signed request and the credentials STS answers with would cross the network in clear"

  struct Outcome {
    var credentials: AWSCredentials?
    var error: String?
    var unknownHosts: [String] = []
  }

  static func run(_ scenario: String, in root: String) throws -> (Outcome, JSON) {
    let dir = root + "/" + scenario
    let expected = try JSON.parse(String(contentsOfFile: dir + "/test-case.json", encoding: .utf8))
    let home = TempDirectory()
    // The scenario's files under the temporary root; absolute paths in them moved with them.
    let files = FileManager.default.enumerator(atPath: dir + "/fs")?.allObjects as? [String] ?? []
    for file in files {
      var isDir: ObjCBool = false
      guard FileManager.default.fileExists(atPath: dir + "/fs/" + file, isDirectory: &isDir), !isDir.boolValue else {
        continue
      }
      let target = home.path + "/" + file
      try FileManager.default.createDirectory(
        atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      let text = try String(contentsOfFile: dir + "/fs/" + file, encoding: .utf8)
      try text.replacingOccurrences(of: "= /", with: "= \(home.path)/").write(
        toFile: target, atomically: true, encoding: .utf8)
    }
    let replay = try HelperServer(script: "replay_server.py", arguments: [dir + "/http-traffic.json"])
    var env: [String: String] = [:]
    let environment = try JSON.parse(String(contentsOfFile: dir + "/env.json", encoding: .utf8))
    for (k, v) in environment.objectValue ?? [:] { env[k] = v.stringValue }
    // The profile provider's scenarios test it alone: the chain's later sources are off.
    if root.hasSuffix("profile-provider") { env["AWS_EC2_METADATA_DISABLED"] = "true" }
    for key in ["HOME", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"] {
      if let v = env[key], v.hasPrefix("/") { env[key] = home.path + v }
    }
    let locations = AWSEnvironment.fileLocations(env, home: home.path)
    // As cogsh loads them: a file that does not parse is read as empty, and stops the chain.
    var aws = AWSEnvironment(variables: env)
    func parse(_ path: String, _ isConfig: Bool) -> SharedConfig {
      do {
        return try SharedConfig.parse(
          (try? String(contentsOfFile: path, encoding: .utf8)) ?? "", isConfigFile: isConfig, file: path)
      } catch {
        aws.fileError = aws.fileError ?? (error as? SharedConfig.ParseError)
        return SharedConfig()
      }
    }
    aws.config = parse(locations.config, true)
    aws.credentialsFile = parse(locations.credentials, false)
    let expiry = expected["result"]?["Ok"]?["expiry"]?.numberValue
    let now = expiry.map { $0 - 600 } ?? 1_632_240_000
    let transport = Redirecting(to: replay.url)
    // The profile provider's scenarios name their profile as a user would with --aws-profile: the
    // environment's keys are not the answer there.
    let explicit = root.hasSuffix("profile-provider") ? env["AWS_PROFILE"] ?? "default" : nil
    let chain = CredentialChain(
      env: aws, explicitProfile: explicit, io: CredentialIO(transport: transport, now: { now }))
    var outcome = Outcome()
    do {
      outcome.credentials = try chain.resolve()
    } catch {
      outcome.error = (error as? UserFacingError)?.message ?? "\(error)"
    }
    // Every host cogsh went to is one the scenario's traffic went to: endpoints resolved alike.
    let traffic = try JSON.parse(String(contentsOfFile: dir + "/http-traffic.json", encoding: .utf8))
    let recorded = Set(
      (traffic["events"]?.arrayValue ?? []).compactMap { $0["action"]?["Request"]?["request"]?["uri"]?.stringValue }
        .map { Endpoint.split($0).prefix })
    outcome.unknownHosts = Set(transport.sent.map { Endpoint.split($0).prefix }).subtracting(recorded).sorted()
    return (outcome, expected)
  }

  /// Sends every request to the replay server instead of the host it names, and remembers where it
  /// was meant to go.
  final class Redirecting: HTTPTransport {
    let target: String
    let inner = CurlTransport(connectTimeoutSeconds: 2, totalTimeoutSeconds: 5)
    var sent: [String] = []
    init(to target: String) { self.target = target }
    func send(_ request: HTTPRequest) throws -> HTTPResponse {
      sent.append(request.url)
      let parts = Endpoint.split(request.url)
      var moved = request
      moved.url = target + parts.path + (parts.query.map { "?" + $0 } ?? "")
      return try inner.send(moved)
    }
  }

  @Test(
    "every scenario of the default chain and of the profile provider",
    arguments: [("provider-chain", 29), ("profile-provider", 18)])
  func everyScenario(_ folder: String, _ count: Int) throws {
    let root = Project.path("Tests/Vectors/\(folder)")
    let scenarios = try FileManager.default.contentsOfDirectory(atPath: root).sorted()
    #expect(scenarios.count == count)
    var agreed = 0
    for scenario in scenarios {
      let (outcome, expected) = try Self.run(scenario, in: root)
      let result = expected["result"]
      let ok: Bool
      if let want = result?["Ok"] {
        ok =
          outcome.credentials?.accessKeyId == want["access_key_id"]?.stringValue
          && outcome.credentials?.secretAccessKey == want["secret_access_key"]?.stringValue
          && outcome.credentials?.sessionToken == want["session_token"]?.stringValue
      } else {
        ok = outcome.credentials == nil
      }
      #expect(outcome.unknownHosts.isEmpty, "\(scenario): sent to \(outcome.unknownHosts), which its traffic never was")
      if ok {
        agreed += 1
      } else if Self.differences[scenario] != nil {
        let traffic = try JSON.parse(String(contentsOfFile: root + "/\(scenario)/http-traffic.json", encoding: .utf8))
        let host = (traffic["events"]?.arrayValue ?? []).compactMap {
          $0["action"]?["Request"]?["request"]?["uri"]?.stringValue
        }.first.map { Endpoint.split($0).prefix }
        #expect(
          host != nil && outcome.error?.contains(host ?? "?") == true,
          "\(scenario): \(outcome.error ?? "no error") should name \(host ?? "?")")
      } else {
        Issue.record(
          "\(scenario): expected \(result?.serialized() ?? "?"), got \(outcome.credentials.map { "credentials \($0.accessKeyId) from \($0.source)" } ?? outcome.error ?? "no credentials")"
        )
      }
    }
    let apart = scenarios.filter { Self.differences[$0] != nil }.count
    print("\(folder): \(agreed) of \(scenarios.count) scenarios agree; \(apart) differ on purpose (see differences)")
  }
}
