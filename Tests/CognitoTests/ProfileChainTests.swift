import Basics
import Foundation
import Testing

@testable import Cognito

/// smithy-rs's assume-role tests (assume-role-tests.json, vendored by scripts/vectors/sdk_suites.sh):
/// every case's profiles planned into a chain of sources, compared with the suite's chain or error.
@Suite("smithy-rs's assume-role (profile chain) tests")
struct ProfileChainTests {
  /// The suite's name for a planned step, with the fields it compares.
  static func describe(
    _ chain: ProfileChain, _ profiles: [String: [String: String]], _ sessions: [String: [String: String]]
  )
    -> [JSON]
  {
    var steps: [JSON] = []
    switch chain.base {
    case .accessKey(let p):
      var keys: [String: JSON] = [:]
      for (k, out) in [
        ("aws_access_key_id", "access_key_id"), ("aws_secret_access_key", "secret_access_key"),
        ("aws_session_token", "session_token"), ("aws_account_id", "account_id"),
      ] {
        if let v = profiles[p]?[k] { keys[out] = .string(v) }
      }
      steps.append(["AccessKey": .object(keys)])
    case .namedSource(let s): steps.append(["NamedSource": .string(s)])
    case .webIdentity(let arn, let file, let session):
      var w: [String: JSON] = ["role_arn": .string(arn), "web_identity_token_file": .string(file)]
      if let session { w["role_session_name"] = .string(session) }
      steps.append(["WebIdentityToken": .object(w)])
    case .sso(let p):
      var fields: [String: JSON] = [:]
      let profile = profiles[p] ?? [:]
      let session = profile["sso_session"].flatMap { sessions[$0] } ?? [:]
      for key in ["sso_account_id", "sso_role_name", "sso_session"] {
        if let v = profile[key] { fields[key] = .string(v) }
      }
      for key in ["sso_region", "sso_start_url"] {
        if let v = session[key] ?? profile[key] { fields[key] = .string(v) }
      }
      steps.append(["Sso": .object(fields)])
    case .process(let command, _): steps.append(["CredentialProcess": .string(command)])
    case .login(let session, _): steps.append(["LoginSession": .string(session)])
    }
    for role in chain.roles {
      var r: [String: JSON] = ["role_arn": .string(role.arn)]
      if let s = role.sessionName { r["role_session_name"] = .string(s) }
      if let e = role.externalId { r["external_id"] = .string(e) }
      steps.append(["AssumeRole": .object(r)])
    }
    return steps
  }

  static func strings(_ json: JSON?) -> [String: [String: String]] {
    var out: [String: [String: String]] = [:]
    for (name, keys) in json?.objectValue ?? [:] {
      var section: [String: String] = [:]
      for (k, v) in keys.objectValue ?? [:] { section[k] = v.stringValue }
      out[name] = section
    }
    return out
  }

  @Test("every case of assume-role-tests.json")
  func everyCase() throws {
    let cases = try #require(try Vectors.load("assume-role-tests.json").arrayValue)
    for c in cases {
      let name = c["docs"]?.stringValue ?? "?"
      let profiles = Self.strings(c["input"]?["profiles"])
      let sessions = Self.strings(c["input"]?["sso_sessions"])
      let selected = c["input"]?["selected_profile"]?.stringValue ?? "default"
      do {
        let chain = try ProfileChain.resolve(selected, profiles: profiles, ssoSessions: sessions)
        let expected = try #require(
          c["output"]?["ProfileChain"]?.arrayValue, "\(name): planned, where an error is expected")
        #expect(Self.describe(chain, profiles, sessions) == expected, "\(name)")
      } catch let CredentialError.failed(_, why) {
        let words = try #require(c["output"]?["Error"]?.stringValue, "\(name): \(why)")
        #expect(why.contains(words), "\(name): \(why)")
      }
    }
    print("assume-role-tests.json: \(cases.count) cases run")
    #expect(cases.count == 28)
  }
}
