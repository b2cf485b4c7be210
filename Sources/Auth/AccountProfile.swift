import Basics
import Cognito

/// A forgotten device: its key, and the pool's refusal when it would not forget it (it is forgotten here anyway).
public struct ForgottenDevice: Sendable {
  public var key: String
  public var refusal: ServiceError?
}

extension Account {
  /// A request about `username` through the app client, with SecretHash when the client has a secret.
  private func clientCall(_ action: Action, username: String, _ members: [String: JSON]) throws -> CognitoResponse {
    let settings = try configuration.clientSettings()
    var body = members
    body["ClientId"] = .string(settings.clientId)
    body["Username"] = .string(username)
    if let hash = settings.secretHash(username) { body["SecretHash"] = .string(hash) }
    return try client().call(action, .object(body))
  }

  /// A request made with the current user's access token.
  private func userCall(_ action: Action, _ members: [String: JSON]) throws -> JSON {
    var body = members
    body["AccessToken"] = .string(try userForAccessToken().tokens.accessToken)
    return try client().call(action, .object(body)).body
  }

  /// SignUp with the attributes given as name/value pairs.
  public func signUp(_ username: String, password: String, attributes: [(String, String)]) throws -> SignUpOutcome {
    var body: [String: JSON] = ["Password": .string(password)]
    if !attributes.isEmpty { body["UserAttributes"] = Attributes.list(attributes) }
    let r = SignUpOutcome(try clientCall(.signUp, username: username, body).body)
    if !r.confirmed, let custom = sandboxCustomMessage(to: username) {
      try deliver(custom)
    } else if !r.confirmed {
      try deliver(
        MailMessage(
          to: username, subject: "sign-up confirmation code", code: SandboxQuirks.anyConfirmationCode, at: clock(),
          note: SandboxQuirks.confirmationCodeNote))
    }
    return r
  }

  public func confirmSignUp(_ username: String, code: String) throws -> Acknowledgement {
    Acknowledgement(raw: try clientCall(.confirmSignUp, username: username, ["ConfirmationCode": .string(code)]).body)
  }

  public func resendConfirmationCode(_ username: String) throws -> CodeSent {
    CodeSent(try clientCall(.resendConfirmationCode, username: username, [:]).body)
  }

  /// ForgotPassword; on the sandbox the code comes back too, since moto sends no mail.
  public func forgotPassword(_ username: String) throws -> CodeSent {
    let response = try clientCall(.forgotPassword, username: username, [:])
    let code = SandboxQuirks.forgotPasswordCode(response)
    if let custom = sandboxCustomMessage(to: username), code != nil {
      try deliver(
        MailMessage(to: username, subject: custom.subject, code: code ?? custom.code, at: clock(), text: custom.text))
    } else if let code {
      try deliver(MailMessage(to: username, subject: "password reset code", code: code, at: clock()))
    }
    return CodeSent(response.body, sandboxCode: code)
  }

  /// Keeps a message a real pool would have sent, on the sandbox only (a real pool sends its own).
  public func deliver(_ message: MailMessage) throws {
    guard try configuration.settings().isSandbox == true else { return }
    try update { s in
      s.mailbox = Array(((s.mailbox ?? []) + [message]).suffix(50))
    }
  }

  public func confirmForgotPassword(_ username: String, code: String, password: String) throws -> Acknowledgement {
    Acknowledgement(
      raw: try clientCall(
        .confirmForgotPassword, username: username,
        ["ConfirmationCode": .string(code), "Password": .string(password)]
      ).body)
  }

  /// ChangePassword for the current user.
  public func changePassword(old: String, new: String) throws -> (Acknowledgement, username: String) {
    let user = try userForAccessToken()
    let r = try userCall(.changePassword, ["PreviousPassword": .string(old), "ProposedPassword": .string(new)])
    return (Acknowledgement(raw: r), user.username)
  }

  /// UpdateUserAttributes with the attributes given as name/value pairs.
  public func updateAttributes(_ attributes: [(String, String)]) throws -> AttributeUpdate {
    AttributeUpdate(try userCall(.updateUserAttributes, ["UserAttributes": Attributes.list(attributes)]))
  }

  /// GetUserAttributeVerificationCode: a code is sent for `name`.
  public func requestAttributeCode(_ name: String) throws -> CodeSent {
    CodeSent(try userCall(.getUserAttributeVerificationCode, ["AttributeName": .string(name)]))
  }

  public func verifyAttribute(_ name: String, code: String) throws -> Acknowledgement {
    Acknowledgement(raw: try userCall(.verifyUserAttribute, ["AttributeName": .string(name), "Code": .string(code)]))
  }

  /// ListDevices, and the key of the device remembered here for this user.
  public func devices() throws -> DeviceList {
    let user = try userForAccessToken()
    let r = try userCall(.listDevices, [:])
    return DeviceList(r, mine: try state().devices?[user.username]?.deviceKey)
  }

  /// ForgetDevice for `key`, else the device remembered here; forgotten here whatever the pool says.
  public func forgetDevice(_ key: String?) throws -> ForgottenDevice {
    let user = try userForAccessToken()
    guard let key = try key ?? state().devices?[user.username]?.deviceKey else {
      throw AccountError.noDevice(user.username)
    }
    var refusal: ServiceError?
    do {
      _ = try userCall(.forgetDevice, ["DeviceKey": .string(key)])
    } catch CognitoError.service(let e) {
      refusal = e
    }
    try update { s in
      if s.devices?[user.username]?.deviceKey == key { s.devices?[user.username] = nil }
    }
    return ForgottenDevice(key: key, refusal: refusal)
  }
}
