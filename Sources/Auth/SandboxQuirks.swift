import Basics
import Cognito

/// Where moto, the sandbox, answers unlike Cognito, in one place: each quirk said once, named for it.
public enum SandboxQuirks {
  /// moto refuses a wrong SECRET_HASH with the hash it expected as the whole message (44 base64
  /// characters), where Cognito says "Unable to verify secret hash for client …".
  static func isMotoSecretHashRefusal(_ message: String) -> Bool {
    message.count == 44 && message.hasSuffix("=")
  }

  /// What neither moto 5.2.1 nor the sandbox's additions serve (moto answers them with an HTML 500),
  /// so say so first. GetTokensFromRefreshToken the sandbox serves itself (sandbox/cogsh_sandbox).
  public static let unserved: Set<String> = [
    "RevokeToken", "ConfirmDevice", "ListDevices", "ForgetDevice", "GetDevice",
    "ResendConfirmationCode", "VerifyUserAttribute", "GetUserAttributeVerificationCode", "DeleteUser",
    "GetUserAuthFactors", "GetIdentityPoolRoles", "SetIdentityPoolRoles",
  ]

  /// The sign-in flows the sandbox's InitiateAuth accepts (USER_AUTH is the sandbox server's own);
  /// others get a raw validation error from moto.
  public static let servedFlows: Set<String> = [
    "USER_SRP_AUTH", "USER_PASSWORD_AUTH", "REFRESH_TOKEN", "REFRESH_TOKEN_AUTH", "CUSTOM_AUTH",
    "ADMIN_NO_SRP_AUTH", "ADMIN_USER_PASSWORD_AUTH", "USER_AUTH",
  ]

  /// The client's preflight on the sandbox: what moto does not serve is refused before it is sent.
  @Sendable public static func refuseUnserved(_ action: String, _ body: JSON) throws {
    if unserved.contains(action) { throw SandboxError.unservedAction(action) }
    if action == "InitiateAuth" || action == "AdminInitiateAuth", let flow = body["AuthFlow"]?.stringValue,
      !servedFlows.contains(flow)
    {
      throw SandboxError.unservedFlow(flow)
    }
  }

  /// moto gives a new auth_time on refresh, where Cognito keeps the time of the sign-in: said so that
  /// nobody learns it as Cognito's.
  public static func refreshNote(changedClaims: [String]) -> String? {
    guard changedClaims.contains("auth_time") else { return nil }
    return "note: moto gives a new auth_time on refresh; Cognito keeps the time of the sign-in"
  }

  /// moto sends no mail; it hands the ForgotPassword code back in a header instead.
  static func forgotPasswordCode(_ response: CognitoResponse) -> String? {
    response.header("x-moto-forgot-password-confirmation-code")
  }

  /// The sandbox's managed login hands out moto's tokens, which cannot carry the request's nonce.
  static let noNonce =
    "note: the sandbox's id token is moto's and carries no nonce; Cognito's would, and cogsh checks it there"

  /// moto's identity pool gives the same fixed AWS credentials to every identity, checks no Logins,
  /// and has no roles: said once where a trainee would otherwise learn it as Cognito's behaviour.
  public static let identityNote =
    "note: moto's identity pool checks no Logins and hands every identity the same test credentials; "
    + "Cognito checks the id token against the pool's providers and picks a role"

  /// moto confirms a sign-up whatever code it is given, and sends none: the mailbox offers this one.
  static let anyConfirmationCode = "000000"
  static let confirmationCodeNote = "moto sends no code and accepts any; a real pool emails one"

  /// moto puts the sub in the email claim when the user has no email attribute.
  public static func emailIsSub(_ jwt: DecodedJWT) -> Bool {
    guard let email = jwt.string("email") else { return false }
    return email == jwt.string("sub")
  }
}

/// What the sandbox cannot do, said before anything is sent.
public enum SandboxError: UserFacingError, Equatable {
  case unservedAction(String)
  case unservedFlow(String)

  public var message: String {
    switch self {
    case .unservedAction(let action): return "the sandbox (moto) does not serve \(action)"
    case .unservedFlow(let flow): return "the sandbox (moto) does not serve the \(flow) sign-in flow"
    }
  }
}
