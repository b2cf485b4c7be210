import Basics
import Cognito
import Foundation
import Testing

/// The AWS SDKs' shared profile-file suite (smithy-rs's `profile-parser-tests.json`, vendored verbatim by
/// scripts/vectors/sdk_suites.sh), every case run: the parse of each file, the merge of the two.
@Suite("The SDKs' shared profile-file suite")
struct ProfileSuiteTests {
  /// A JSON object of strings as a dictionary.
  static func strings(_ json: JSON?) -> [String: String] {
    var out: [String: String] = [:]
    for (k, v) in json?.objectValue ?? [:] { out[k] = v.stringValue }
    return out
  }

  @Test("every case of profile-parser-tests.json")
  func everyCase() throws {
    let cases = try #require(try Vectors.load("profile-parser-tests.json")["tests"]?.arrayValue)
    var passed = 0
    for c in cases {
      let name = c["name"]?.stringValue ?? "?"
      let input = c["input"]
      let expected = c["output"]
      do {
        let config = try SharedConfig.parse(
          input?["configFile"]?.stringValue ?? "", isConfigFile: true, file: "config")
        let credentials = try SharedConfig.parse(
          input?["credentialsFile"]?.stringValue ?? "", isConfigFile: false, file: "credentials")
        guard let want = expected?["config"] else {
          Issue.record("\(name): parsed, where the suite expects \(expected?["errorContaining"]?.stringValue ?? "?")")
          continue
        }
        var profiles: [String: [String: String]] = [:]
        for (k, v) in want["profiles"]?.objectValue ?? [:] { profiles[k] = Self.strings(v) }
        #expect(SharedConfig.merged(config: config, credentials: credentials) == profiles, "\(name)")
        if let sessions = want["sso_sessions"]?.objectValue {
          var got: [String: [String: String]] = [:]
          for (k, v) in config.otherSections where k.hasPrefix("sso-session ") {
            got[String(k.dropFirst("sso-session ".count))] = v
          }
          var wanted: [String: [String: String]] = [:]
          for (k, v) in sessions { wanted[k] = Self.strings(v) }
          #expect(got == wanted, "\(name)")
        }
        passed += 1
      } catch let error as SharedConfig.ParseError {
        let words = try #require(expected?["errorContaining"]?.stringValue, "\(name): \(error.message)")
        #expect(error.message.contains(words), "\(name): \(error.message)")
        passed += 1
      }
    }
    print("profile-parser-tests.json: \(passed) of \(cases.count) cases run and compared")
    #expect(cases.count == 65)
  }

  @Test("every Linux case of file-location-tests.json (the Windows ones are for Windows: cogsh runs on Linux)")
  func fileLocations() throws {
    let cases = try #require(try Vectors.load("file-location-tests.json")["tests"]?.arrayValue)
    var run = 0
    for c in cases where c["platform"]?.stringValue != "windows" {
      let variables = Self.strings(c["environment"])
      let files = AWSEnvironment.fileLocations(variables, home: "/nonexistent")
      #expect(files.config == c["configLocation"]?.stringValue, "\(c["name"]?.stringValue ?? "?")")
      #expect(files.credentials == c["credentialsLocation"]?.stringValue, "\(c["name"]?.stringValue ?? "?")")
      if let profile = c["profile"]?.stringValue {
        #expect(AWSEnvironment(variables: variables).profileName() == profile)
      }
      run += 1
    }
    print("file-location-tests.json: \(run) of \(cases.count) cases run (\(cases.count - run) for Windows left out)")
    #expect(run == 4)
  }
}

/// The AWS CLI's suite for configured endpoints (configured_endpoint_urls/profile-tests.json, vendored
/// by scripts/vectors/cli_suites.sh): its profiles written as a config file, read by cogsh's parser,
/// and each case's endpoint looked up as cogsh looks one up for any service.
@Suite("The AWS CLI's configured-endpoint suite")
struct ConfiguredEndpointSuiteTests {
  /// The suite's profiles and services sections as the text of a config file.
  static func configText(_ suite: JSON) -> String {
    var lines: [String] = []
    for (name, keys) in suite["profiles"]?.objectValue ?? [:] {
      lines.append(name == "default" ? "[default]" : "[profile \(name)]")
      for (k, v) in keys.objectValue ?? [:] { lines.append("\(k) = \(v.stringValue ?? "")") }
    }
    for (name, services) in suite["services"]?.objectValue ?? [:] {
      lines.append("[services \(name)]")
      for (service, keys) in services.objectValue ?? [:] {
        lines.append("\(service) =")
        for (k, v) in keys.objectValue ?? [:] { lines.append("  \(k) = \(v.stringValue ?? "")") }
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  @Test("every case of configured-endpoint-urls.json")
  func everyCase() throws {
    let suite = try #require(try Vectors.load("configured-endpoint-urls.json")["testSuites"]?.arrayValue?.first)
    let config = try SharedConfig.parse(Self.configText(suite), isConfigFile: true)
    let cases = try #require(suite["endpointUrlTests"]?.arrayValue)
    for c in cases {
      let name = c["name"]?.stringValue ?? "?"
      let environment = ProfileSuiteTests.strings(suite["environments"]?[c["environment"]?.stringValue ?? ""])
      let client = ProfileSuiteTests.strings(suite["client_configs"]?[c["client_config"]?.stringValue ?? ""])
      let aws = AWSEnvironment(variables: environment, config: config)
      let service = try #require(c["service"]?.stringValue).uppercased()
      let found =
        client["endpoint_url"]
        ?? aws.endpointURL(
          service: service, explicitProfile: c["profile"]?.stringValue,
          ignoringConfigured: client["ignore_configured_endpoint_urls"] == "true")
      let expected = try #require(c["output"]?["endpointUrl"]?.stringValue)
      // The regional endpoint is what the service's rules give when nothing is configured.
      let regional = expected.hasSuffix(".fake-region-10.amazonaws.com")
      #expect(found == (regional ? nil : expected), "\(name)")
    }
    print("configured-endpoint-urls.json: \(cases.count) cases run")
    #expect(cases.count == 39)
  }
}
