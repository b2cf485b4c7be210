/// Facts about Cognito's operations that the client needs.
public enum Operations {
  /// The operations the model marks `authtype: none`: sent without SigV4, authorised by the body.
  public static let unsigned: Set<String> = [
    "AssociateSoftwareToken", "ChangePassword", "CompleteWebAuthnRegistration", "ConfirmDevice",
    "ConfirmForgotPassword", "ConfirmSignUp", "DeleteUser", "DeleteUserAttributes", "DeleteWebAuthnCredential",
    "ForgetDevice", "ForgotPassword", "GetDevice", "GetTokensFromRefreshToken", "GetUser",
    "GetUserAttributeVerificationCode", "GetUserAuthFactors", "GlobalSignOut", "InitiateAuth", "ListDevices",
    "ListWebAuthnCredentials", "ResendConfirmationCode", "RespondToAuthChallenge", "RevokeToken",
    "SetUserMFAPreference", "SetUserSettings", "SignUp", "StartWebAuthnRegistration", "UpdateAuthEventFeedback",
    "UpdateDeviceStatus", "UpdateUserAttributes", "VerifySoftwareToken", "VerifyUserAttribute",
  ]

  /// Whether `action` must be signed with AWS credentials.
  public static func needsSigning(_ action: String) -> Bool { !unsigned.contains(action) }

  /// Whether `action` looks like a Cognito operation name (PascalCase letters).
  public static func isWellFormed(_ action: String) -> Bool {
    guard let first = action.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
    return action.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
  }
}
