import Foundation
import Testing

@testable import Cognito

/// botocore's endpoint-rule tests for every service cogsh calls (vendored by
/// scripts/vectors/endpoint_rules.py), each case run through the rules engine with botocore's rule set.
@Suite("botocore's endpoint-rule tests")
struct EndpointRuleTests {
  @Test(
    "every case, for each service",
    arguments: [
      ("cognito-idp", EndpointRuleSets.cognitoIdp, 57), ("cognito-identity", EndpointRuleSets.cognitoIdentity, 35),
      ("sts", EndpointRuleSets.sts, 69), ("sso", EndpointRuleSets.sso, 40), ("signin", EndpointRuleSets.signin, 22),
    ])
  func everyCase(_ service: String, _ ruleSet: String, _ count: Int) throws {
    let cases = try #require(try Vectors.load("endpoint-rules-\(service).json")["testCases"]?.arrayValue)
    for c in cases {
      let outcome = EndpointRules.resolve(ruleSet, parameters: c["params"]?.objectValue ?? [:])
      let expected: EndpointRules.Outcome =
        c["expect"]?["error"]?.stringValue.map { .error($0) }
        ?? .url(c["expect"]?["endpoint"]?["url"]?.stringValue ?? "?")
      #expect(outcome == expected, "\(service): \(c["documentation"]?.stringValue ?? "?")")
    }
    print("endpoint-rules-\(service).json: \(cases.count) cases run")
    #expect(cases.count == count)
  }
}
