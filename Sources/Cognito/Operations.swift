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

  /// Every cognito-idp operation in botocore 1.43.11's model (2016-04-18), for completing `call ACTION`.
  public static let all: [String] = [
    "AddCustomAttributes", "AddUserPoolClientSecret", "AdminAddUserToGroup", "AdminConfirmSignUp",
    "AdminCreateUser", "AdminDeleteUser", "AdminDeleteUserAttributes", "AdminDisableProviderForUser",
    "AdminDisableUser", "AdminEnableUser", "AdminForgetDevice", "AdminGetDevice", "AdminGetUser",
    "AdminInitiateAuth", "AdminLinkProviderForUser", "AdminListDevices", "AdminListGroupsForUser",
    "AdminListUserAuthEvents", "AdminRemoveUserFromGroup", "AdminResetUserPassword", "AdminRespondToAuthChallenge",
    "AdminSetUserMFAPreference", "AdminSetUserPassword", "AdminSetUserSettings", "AdminUpdateAuthEventFeedback",
    "AdminUpdateDeviceStatus", "AdminUpdateUserAttributes", "AdminUserGlobalSignOut", "AssociateSoftwareToken",
    "ChangePassword", "CompleteWebAuthnRegistration", "ConfirmDevice", "ConfirmForgotPassword", "ConfirmSignUp",
    "CreateGroup", "CreateIdentityProvider", "CreateManagedLoginBranding", "CreateResourceServer", "CreateTerms",
    "CreateUserImportJob", "CreateUserPool", "CreateUserPoolClient", "CreateUserPoolDomain", "DeleteGroup",
    "DeleteIdentityProvider", "DeleteManagedLoginBranding", "DeleteResourceServer", "DeleteTerms", "DeleteUser",
    "DeleteUserAttributes", "DeleteUserPool", "DeleteUserPoolClient", "DeleteUserPoolClientSecret",
    "DeleteUserPoolDomain", "DeleteWebAuthnCredential", "DescribeIdentityProvider", "DescribeManagedLoginBranding",
    "DescribeManagedLoginBrandingByClient", "DescribeResourceServer", "DescribeRiskConfiguration", "DescribeTerms",
    "DescribeUserImportJob", "DescribeUserPool", "DescribeUserPoolClient", "DescribeUserPoolDomain",
    "ForgetDevice", "ForgotPassword", "GetCSVHeader", "GetDevice", "GetGroup", "GetIdentityProviderByIdentifier",
    "GetLogDeliveryConfiguration", "GetSigningCertificate", "GetTokensFromRefreshToken", "GetUICustomization",
    "GetUser", "GetUserAttributeVerificationCode", "GetUserAuthFactors", "GetUserPoolMfaConfig", "GlobalSignOut",
    "InitiateAuth", "ListDevices", "ListGroups", "ListIdentityProviders", "ListResourceServers",
    "ListTagsForResource", "ListTerms", "ListUserImportJobs", "ListUserPoolClientSecrets", "ListUserPoolClients",
    "ListUserPools", "ListUsers", "ListUsersInGroup", "ListWebAuthnCredentials", "ResendConfirmationCode",
    "RespondToAuthChallenge", "RevokeToken", "SetLogDeliveryConfiguration", "SetRiskConfiguration",
    "SetUICustomization", "SetUserMFAPreference", "SetUserPoolMfaConfig", "SetUserSettings", "SignUp",
    "StartUserImportJob", "StartWebAuthnRegistration", "StopUserImportJob", "TagResource", "UntagResource",
    "UpdateAuthEventFeedback", "UpdateDeviceStatus", "UpdateGroup", "UpdateIdentityProvider",
    "UpdateManagedLoginBranding", "UpdateResourceServer", "UpdateTerms", "UpdateUserAttributes", "UpdateUserPool",
    "UpdateUserPoolClient", "UpdateUserPoolDomain", "VerifySoftwareToken", "VerifyUserAttribute",
  ]

  /// The operations whose input requires UserPoolId, in botocore 1.43.11's model
  /// (scripts/vectors/operation_members.py prints them): `call` fills it from the profile when missing.
  public static let requiresPool: Set<String> = [
    "AddCustomAttributes", "AddUserPoolClientSecret", "AdminAddUserToGroup", "AdminConfirmSignUp", "AdminCreateUser",
    "AdminDeleteUser", "AdminDeleteUserAttributes", "AdminDisableProviderForUser", "AdminDisableUser",
    "AdminEnableUser", "AdminForgetDevice", "AdminGetDevice", "AdminGetUser", "AdminInitiateAuth",
    "AdminLinkProviderForUser", "AdminListDevices", "AdminListGroupsForUser", "AdminListUserAuthEvents",
    "AdminRemoveUserFromGroup", "AdminResetUserPassword", "AdminRespondToAuthChallenge", "AdminSetUserMFAPreference",
    "AdminSetUserPassword", "AdminSetUserSettings", "AdminUpdateAuthEventFeedback", "AdminUpdateDeviceStatus",
    "AdminUpdateUserAttributes", "AdminUserGlobalSignOut", "CreateGroup", "CreateIdentityProvider",
    "CreateManagedLoginBranding", "CreateResourceServer", "CreateTerms", "CreateUserImportJob",
    "CreateUserPoolClient", "CreateUserPoolDomain", "DeleteGroup", "DeleteIdentityProvider",
    "DeleteManagedLoginBranding", "DeleteResourceServer", "DeleteTerms", "DeleteUserPool", "DeleteUserPoolClient",
    "DeleteUserPoolClientSecret", "DeleteUserPoolDomain", "DescribeIdentityProvider", "DescribeManagedLoginBranding",
    "DescribeManagedLoginBrandingByClient", "DescribeResourceServer", "DescribeRiskConfiguration", "DescribeTerms",
    "DescribeUserImportJob", "DescribeUserPool", "DescribeUserPoolClient", "GetCSVHeader", "GetGroup",
    "GetIdentityProviderByIdentifier", "GetLogDeliveryConfiguration", "GetSigningCertificate", "GetUICustomization",
    "GetUserPoolMfaConfig", "ListGroups", "ListIdentityProviders", "ListResourceServers", "ListTerms",
    "ListUserImportJobs", "ListUserPoolClientSecrets", "ListUserPoolClients", "ListUsers", "ListUsersInGroup",
    "SetLogDeliveryConfiguration", "SetRiskConfiguration", "SetUICustomization", "SetUserPoolMfaConfig",
    "StartUserImportJob", "StopUserImportJob", "UpdateAuthEventFeedback", "UpdateGroup", "UpdateIdentityProvider",
    "UpdateResourceServer", "UpdateTerms", "UpdateUserPool", "UpdateUserPoolClient", "UpdateUserPoolDomain",
  ]

  /// The operations whose input requires both UserPoolId and ClientId (same source): `call` fills the
  /// app client's id too.
  public static let requiresPoolAndClient: Set<String> = [
    "AddUserPoolClientSecret", "AdminInitiateAuth", "AdminRespondToAuthChallenge", "CreateManagedLoginBranding",
    "CreateTerms", "DeleteUserPoolClient", "DeleteUserPoolClientSecret", "DescribeManagedLoginBrandingByClient",
    "DescribeUserPoolClient", "ListUserPoolClientSecrets", "UpdateUserPoolClient",
  ]

  /// The operations whose input has a ClientMetadata member (botocore's model), passed to Lambda triggers.
  public static let takesClientMetadata: Set<String> = [
    "AdminConfirmSignUp", "AdminCreateUser", "AdminInitiateAuth", "AdminResetUserPassword",
    "AdminRespondToAuthChallenge", "AdminUpdateUserAttributes", "ConfirmForgotPassword", "ConfirmSignUp",
    "ForgotPassword", "GetTokensFromRefreshToken", "GetUserAttributeVerificationCode", "InitiateAuth",
    "ResendConfirmationCode", "RespondToAuthChallenge", "SignUp", "UpdateUserAttributes",
  ]

  /// Whether `action` must be signed with AWS credentials.
  public static func needsSigning(_ action: String) -> Bool { !unsigned.contains(action) }

  /// Whether `action` looks like a Cognito operation name (PascalCase letters).
  public static func isWellFormed(_ action: String) -> Bool {
    guard let first = action.unicodeScalars.first, ("A"..."Z").contains(first) else { return false }
    return action.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) || ("a"..."z").contains($0) }
  }
}
