import Basics
import Cognito
import Testing

@testable import Auth

/// A challenge row owns its automatic answer and its choices: nothing else lists them.
@Suite("Challenge rows")
struct ChallengeRowTests {
  @Test("a row marked automatic is answered by the sign-in given what it needs, and no other row is")
  func automaticFromTheRow() throws {
    let settings = ClientSettings(poolId: "ap-northeast-1_abc", clientId: "c", clientSecret: nil)
    let secrets = SignInSecrets(
      password: "Passw0rd!", device: DeviceRecord(deviceKey: "ap-northeast-1_d", groupKey: "g", password: "p"),
      randomA: { SRP.randomPrivateValue() })
    let srp = ["SRP_B": "2a", "SALT": "0f", "SECRET_BLOCK": "AAAA", "USER_ID_FOR_SRP": "u", "USERNAME": "u"]
    var answered: [String] = []
    for row in ChallengeName.table {
      let answer = try SignIn.automaticAnswer(
        row.wire, params: srp, settings: settings, loginName: "u", secrets: secrets, a: SRP.randomPrivateValue(),
        now: 0)
      if answer != nil { answered.append(row.wire) }
      #expect((answer != nil) == row.automatic, "\(row.wire)")
      #expect(row.name.isAnsweredAutomatically == row.automatic)
    }
    #expect(answered.count == 3, "the SRP and device proofs: \(answered)")
    // Without what it needs, the user answers.
    let none = SignInSecrets(password: nil, device: nil)
    for row in ChallengeName.table where row.automatic {
      let answer = try SignIn.automaticAnswer(
        row.wire, params: srp, settings: settings, loginName: "u", secrets: none, a: nil, now: 0)
      #expect(answer == nil, "\(row.wire)")
    }
  }

  @Test("SELECT_CHALLENGE offers the USER_AUTH factors from one enum; the password factors are named once")
  func factors() {
    #expect(ChallengeName.selectChallenge.row?.choices == SignInFactor.allCases.map(\.rawValue))
    #expect(SignInFactor.allCases.filter(\.needsPassword) == [.password, .passwordSRP])
    #expect(SignInFactor.chosen(answering: .selectChallenge, ["ANSWER": "PASSWORD_SRP"]) == .passwordSRP)
    #expect(SignInFactor.chosen(answering: .selectMFAType, ["ANSWER": "PASSWORD_SRP"]) == nil)
    #expect(InitiateFlow.userAuth(preferred: "PASSWORD_SRP").needsPassword)
    #expect(!InitiateFlow.userAuth(preferred: "EMAIL_OTP").needsPassword)
  }
}
