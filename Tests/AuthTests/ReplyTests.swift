import Basics
import Testing

@testable import Auth

/// The typed answers read the members the API reference names; the shell renders them without a server.
@Suite("Typed replies")
struct ReplyTests {
  @Test("SignUp, a code sent, and attributes awaiting a code (the reference's response syntax)")
  func codes() throws {
    let signUp = SignUpOutcome(
      try JSON.parse(
        #"{"UserConfirmed":false,"UserSub":"u-1","CodeDeliveryDetails":{"AttributeName":"email","DeliveryMedium":"EMAIL","Destination":"t***@e***"}}"#
      ))
    #expect(!signUp.confirmed && signUp.userSub == "u-1")
    #expect(signUp.delivery == CodeDelivery(medium: "EMAIL", destination: "t***@e***", attribute: "email"))
    #expect(SignUpOutcome(try JSON.parse(#"{"UserConfirmed":true,"UserSub":"u-2"}"#)).delivery == nil)
    let update = AttributeUpdate(
      try JSON.parse(#"{"CodeDeliveryDetailsList":[{"AttributeName":"email","DeliveryMedium":"EMAIL"}]}"#))
    #expect(update.awaitingVerification == ["email"])
    #expect(CodeSent(.object([:]), sandboxCode: "123456").delivery == nil)
  }

  @Test("ListDevices names each device by its device_name attribute; GetUser keeps the pool's order")
  func devicesAndProfile() throws {
    let list = DeviceList(
      try JSON.parse(
        #"{"Devices":[{"DeviceKey":"k1","DeviceAttributes":[{"Name":"device_status","Value":"valid"},{"Name":"device_name","Value":"laptop"}]},{"DeviceKey":"k2"}]}"#
      ), mine: "k2")
    #expect(list.devices == [.init(key: "k1", name: "laptop"), .init(key: "k2", name: nil)] && list.mine == "k2")
    let profile = UserProfile(
      try JSON.parse(
        #"{"Username":"9f3c","UserAttributes":[{"Name":"sub","Value":"9f3c"},{"Name":"email","Value":"a@b"}]}"#),
      fallbackName: "taro")
    #expect(profile.username == "9f3c" && profile.attributes.map(\.0) == ["sub", "email"])
    #expect(UserProfile(.object([:]), fallbackName: "taro").username == "taro")
  }

  @Test("the password policy's classes, the identity pool's providers and roles")
  func policyAndIdentityPool() throws {
    let policy = PasswordPolicy(
      try JSON.parse(#"{"MinimumLength":12,"RequireUppercase":true,"RequireSymbols":true,"RequireNumbers":false}"#))
    #expect(policy.minimumLength == 12 && policy.required == [.uppercase, .symbols])
    let pool = IdentityPoolDescription(
      pool: try JSON.parse(
        #"{"IdentityPoolId":"ap-northeast-1:x","AllowUnauthenticatedIdentities":true,"CognitoIdentityProviders":[{"ProviderName":"cognito-idp.ap-northeast-1.amazonaws.com/p","ClientId":"c"}]}"#
      ),
      roles: try JSON.parse(#"{"Roles":{"unauthenticated":"arn:u","authenticated":"arn:a"}}"#))
    #expect(pool.allowsGuests && pool.name == nil && pool.providers.map(\.clientId) == ["c"])
    #expect(pool.roles?.map(\.kind) == ["authenticated", "unauthenticated"])
    #expect(IdentityPoolDescription(pool: .object([:]), roles: nil).roles == nil)
    #expect(UserInfo(try JSON.parse(#"{"sub":"s","email_verified":true}"#)).claims.map(\.1) == ["true", "s"])
  }
}
