import Basics
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
    #expect(text.contains("need TEMPORARY_PASSWORD 'TemporaryPassword of AdminCreateUser'"), "\(text)")
    #expect(!text.contains("need PASSWORD") && text.components(separatedBy: "${TEMPORARY_PASSWORD}").count == 3)
    #expect(text.contains("--endpoint-url \"${COGNITO_ENDPOINT:-http://127.0.0.1:1}\""))
  }

  @Test(
    "one-time codes are asked for where they are sent, each its own; a token no answer gave is read from the environment"
  )
  func codesAndTokens() {
    let calls = [
      Self.call("GetUser", ["AccessToken": "access-token-from-before"], ["Username": "u"]),
      Self.call("VerifySoftwareToken", ["AccessToken": "access-token-from-before", "UserCode": "123456"], [:]),
      Self.call(
        "RespondToAuthChallenge",
        [
          "ChallengeName": "SOFTWARE_TOKEN_MFA", "Session": "s",
          "ChallengeResponses": ["USERNAME": "u", "SOFTWARE_TOKEN_MFA_CODE": "123456"],
        ], [:]),
    ]
    let text = AWSScript.write(calls, poolId: "p", clientId: "c", region: "eu-west-1", endpoint: nil)
    #expect(text.contains("need ACCESS_TOKEN 'AccessToken of GetUser'"), "\(text)")
    let lines = text.split(separator: "\n").map(String.init)
    let asked = try? #require(lines.firstIndex(of: "need USER_CODE 'UserCode of VerifySoftwareToken'"))
    let sent = lines.firstIndex { $0.contains("verify-software-token") }
    #expect(asked != nil && sent != nil && asked! < sent!, "a code is asked for right before its call")
    #expect(text.contains("need SOFTWARE_TOKEN_MFA_CODE"), "the same code value twice is two questions")
    #expect(!text.contains("123456"))
  }

  @Test("record --aws FILE is record start --aws FILE")
  func shortForm() throws {
    let record = try #require(Registry.find("record"))
    let (spec, rest) = try record.resolve(["--aws", "flow.sh"])
    #expect(spec.name == "record start" && rest == ["--aws", "flow.sh"])
  }
}
