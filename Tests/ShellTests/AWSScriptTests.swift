import Foundation
import Testing

@testable import Cognito
@testable import Shell

/// How calls become AWS CLI commands, on hand-made calls.
@Suite("AWS CLI scripts")
struct AWSScriptTests {
  static func call(_ action: String, _ request: JSON, _ response: JSON?) -> CallRecord {
    CallRecord(service: "cognito-idp", action: action, request: request, response: response, status: 200, purpose: nil)
  }

  @Test("names as the CLI writes them; a value an answer gave is carried by --query; SRP steps stop the script")
  func script() {
    #expect(AWSScript.kebab("SetUserMFAPreference") == "set-user-mfa-preference")
    #expect(AWSScript.kebab("AdminRespondToAuthChallenge") == "admin-respond-to-auth-challenge")
    let calls = [
      Self.call(
        "InitiateAuth", ["AuthFlow": "USER_SRP_AUTH", "ClientId": "c1", "AuthParameters": ["SRP_A": "ab12cd34ef"]],
        ["ChallengeName": "PASSWORD_VERIFIER", "Session": "session-value-1", "ChallengeParameters": ["USERNAME": "u"]]),
      Self.call(
        "RespondToAuthChallenge",
        ["ChallengeName": "PASSWORD_VERIFIER", "Session": "session-value-1", "ChallengeResponses": ["USERNAME": "u"]],
        ["AuthenticationResult": ["AccessToken": "access-token-1"]]),
      Self.call("GetUser", ["AccessToken": "access-token-1"], ["Username": "u"]),
    ]
    let text = AWSScript.write(calls, poolId: "us-east-1_P", clientId: "c1", region: "us-east-1", endpoint: nil)
    #expect(text.contains("read -r SESSION_1 <<<"), "\(text)")
    #expect(text.contains("--query 'Session' --output text"))
    #expect(text.contains("cogsh answered PASSWORD_VERIFIER here by itself. It is not expressible with the AWS CLI"))
    #expect(text.contains("exit 3") && !text.contains("get-user"), "nothing after a step the CLI cannot take")
    #expect(text.contains("\"ClientId\" : \"${CLIENT_ID}\"") && !text.contains("--endpoint-url"))
  }

  @Test("secrets become variables named in the header; the same secret is one variable")
  func secrets() {
    let calls = [
      Self.call("AdminCreateUser", ["UserPoolId": "p", "Username": "u", "TemporaryPassword": "pa$$ `word`"], [:]),
      Self.call(
        "InitiateAuth",
        [
          "AuthFlow": "USER_PASSWORD_AUTH", "ClientId": "c",
          "AuthParameters": ["USERNAME": "u", "PASSWORD": "pa$$ `word`"],
        ],
        [:]),
    ]
    let text = AWSScript.write(calls, poolId: "p", clientId: "c", region: "eu-west-1", endpoint: "http://127.0.0.1:1")
    #expect(!text.contains("pa$$") && !text.contains("word`"))
    #expect(text.contains(": \"${SECRET_1:?set SECRET_1 (TemporaryPassword of AdminCreateUser)}\""))
    #expect(!text.contains("SECRET_2") && text.components(separatedBy: "${SECRET_1}").count == 3)
    #expect(text.contains("--endpoint-url \"${COGNITO_ENDPOINT:-http://127.0.0.1:1}\""))
  }

  @Test("record --aws FILE is record start --aws FILE")
  func shortForm() throws {
    let record = try #require(Registry.find("record"))
    let (spec, rest) = try record.resolve(["--aws", "flow.sh"])
    #expect(spec.name == "record start" && rest == ["--aws", "flow.sh"])
  }
}
