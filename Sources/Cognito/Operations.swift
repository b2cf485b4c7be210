/// Facts about Cognito's operations that the client needs.
public enum Operations {
  /// The operations the model marks `authtype: none`: sent without SigV4, authorised by the body.
  public static let unsigned: Set<String> = [
    "AssociateSoftwareToken", "ChangePassword", "CompleteWebAuthnRegistration", "ConfirmDevice",
    "ConfirmForgotPassword", "ConfirmSignUp", "DeleteUser", "DeleteUserAttributes", "DeleteWebAuthnCredential",
    "ForgetDevice", "ForgotPassword", "GetDevice", "GetTokensFromRefreshToken", "GetUser",
    "GetUserAttributeVerificationCode", "GetUserAuthFactors", "GlobalSignOut", "InitiateAuth", "ListDevices",
    "ListUserSessions", "ListWebAuthnCredentials", "ResendConfirmationCode", "RespondToAuthChallenge", "RevokeToken",
    "RevokeUserSession", "SetUserMFAPreference", "SetUserSettings", "SignUp", "StartWebAuthnRegistration",
    "UpdateAuthEventFeedback", "UpdateDeviceStatus", "UpdateUserAttributes", "VerifySoftwareToken",
    "VerifyUserAttribute",
  ]

  /// Every cognito-idp operation in botocore 1.44.18's model (2016-04-18), for completing `call ACTION`.
  public static let all: [String] = [
    "AddCustomAttributes", "AddUserPoolClientSecret", "AdminAddUserToGroup", "AdminConfirmSignUp", "AdminCreateUser",
    "AdminDeleteSoftwareToken", "AdminDeleteUser", "AdminDeleteUserAttributes", "AdminDisableProviderForUser",
    "AdminDisableUser", "AdminEnableUser", "AdminForgetDevice", "AdminGetDevice", "AdminGetUser",
    "AdminGetUserAuthFactors", "AdminInitiateAuth", "AdminLinkProviderForUser", "AdminListDevices",
    "AdminListGroupsForUser", "AdminListUserAuthEvents", "AdminListUserSessions", "AdminRemoveUserFromGroup",
    "AdminResetUserPassword", "AdminRespondToAuthChallenge", "AdminRevokeUserSession", "AdminSetUserMFAPreference",
    "AdminSetUserPassword", "AdminSetUserSettings", "AdminUpdateAuthEventFeedback", "AdminUpdateDeviceStatus",
    "AdminUpdateUserAttributes", "AdminUserGlobalSignOut", "AssociateSoftwareToken", "CancelPointInTimeRecovery",
    "ChangePassword", "CompleteWebAuthnRegistration", "ConfirmDevice", "ConfirmForgotPassword", "ConfirmSignUp",
    "CreateCIMDPolicy", "CreateGroup", "CreateIdentityProvider", "CreateManagedLoginBranding", "CreateResourceServer",
    "CreateTerms", "CreateUserImportJob", "CreateUserPool", "CreateUserPoolClient", "CreateUserPoolDomain",
    "CreateUserPoolReplica", "DeleteCIMDPolicy", "DeleteGroup", "DeleteIdentityProvider", "DeleteManagedLoginBranding",
    "DeleteResourceServer", "DeleteTerms", "DeleteUser", "DeleteUserAttributes", "DeleteUserPool",
    "DeleteUserPoolClient", "DeleteUserPoolClientSecret", "DeleteUserPoolDomain", "DeleteUserPoolReplica",
    "DeleteWebAuthnCredential", "DescribeCIMDPolicy", "DescribeIdentityProvider", "DescribeManagedLoginBranding",
    "DescribeManagedLoginBrandingByClient", "DescribePointInTimeRecovery", "DescribeResourceServer",
    "DescribeRiskConfiguration", "DescribeTerms", "DescribeTermsByClient", "DescribeUserImportJob", "DescribeUserPool",
    "DescribeUserPoolClient", "DescribeUserPoolDomain", "ForgetDevice", "ForgotPassword", "GetCSVHeader",
    "GetClientToken", "GetDerivedToken", "GetDevice", "GetGroup", "GetIdentityProviderByIdentifier",
    "GetLogDeliveryConfiguration", "GetProvisionedLimit", "GetSigningCertificate", "GetTokensFromRefreshToken",
    "GetUICustomization", "GetUser", "GetUserAttributeVerificationCode", "GetUserAuthFactors",
    "GetUserPoolClientSessionConfiguration", "GetUserPoolMfaConfig", "GetUserPoolSessionConfiguration", "GlobalSignOut",
    "InitiateAuth", "InitiatePointInTimeRecovery", "ListCIMDPolicies", "ListClientMetadataURLs", "ListDevices",
    "ListGroups", "ListIdentityProviders", "ListPointInTimeRecoveries", "ListResourceServers", "ListTagsForResource",
    "ListTerms", "ListUserImportJobs", "ListUserPoolClientSecrets", "ListUserPoolClients", "ListUserPoolReplicas",
    "ListUserPools", "ListUserSessions", "ListUsers", "ListUsersInGroup", "ListWebAuthnCredentials",
    "ResendConfirmationCode", "RespondToAuthChallenge", "RevokeToken", "RevokeUserSession",
    "SetLogDeliveryConfiguration", "SetRiskConfiguration", "SetUICustomization", "SetUserMFAPreference",
    "SetUserPoolClientSessionConfiguration", "SetUserPoolMfaConfig", "SetUserPoolSessionConfiguration",
    "SetUserSettings", "SignUp", "StartPointInTimeRecovery", "StartUserImportJob", "StartWebAuthnRegistration",
    "StopUserImportJob", "TagResource", "UntagResource", "UpdateAuthEventFeedback", "UpdateCIMDPolicy",
    "UpdateClientMetadataURLState", "UpdateDeviceStatus", "UpdateGroup", "UpdateIdentityProvider",
    "UpdateManagedLoginBranding", "UpdateProvisionedLimit", "UpdateResourceServer", "UpdateTerms",
    "UpdateUserAttributes", "UpdateUserPool", "UpdateUserPoolClient", "UpdateUserPoolDomain", "UpdateUserPoolReplica",
    "VerifySoftwareToken", "VerifyUserAttribute",
  ]

  /// The operations whose input requires UserPoolId, in botocore 1.44.18's model
  /// (scripts/vectors/operation_members.py prints them): `call` fills it from the profile when missing.
  public static let requiresPool: Set<String> = [
    "AddCustomAttributes", "AddUserPoolClientSecret", "AdminAddUserToGroup", "AdminConfirmSignUp", "AdminCreateUser",
    "AdminDeleteSoftwareToken", "AdminDeleteUser", "AdminDeleteUserAttributes", "AdminDisableProviderForUser",
    "AdminDisableUser", "AdminEnableUser", "AdminForgetDevice", "AdminGetDevice", "AdminGetUser",
    "AdminGetUserAuthFactors", "AdminInitiateAuth", "AdminLinkProviderForUser", "AdminListDevices",
    "AdminListGroupsForUser", "AdminListUserAuthEvents", "AdminListUserSessions", "AdminRemoveUserFromGroup",
    "AdminResetUserPassword", "AdminRespondToAuthChallenge", "AdminRevokeUserSession", "AdminSetUserMFAPreference",
    "AdminSetUserPassword", "AdminSetUserSettings", "AdminUpdateAuthEventFeedback", "AdminUpdateDeviceStatus",
    "AdminUpdateUserAttributes", "AdminUserGlobalSignOut", "CancelPointInTimeRecovery", "CreateCIMDPolicy",
    "CreateGroup", "CreateIdentityProvider", "CreateManagedLoginBranding", "CreateResourceServer", "CreateTerms",
    "CreateUserImportJob", "CreateUserPoolClient", "CreateUserPoolDomain", "CreateUserPoolReplica", "DeleteCIMDPolicy",
    "DeleteGroup", "DeleteIdentityProvider", "DeleteManagedLoginBranding", "DeleteResourceServer", "DeleteTerms",
    "DeleteUserPool", "DeleteUserPoolClient", "DeleteUserPoolClientSecret", "DeleteUserPoolDomain",
    "DeleteUserPoolReplica", "DescribeCIMDPolicy", "DescribeIdentityProvider", "DescribeManagedLoginBranding",
    "DescribeManagedLoginBrandingByClient", "DescribePointInTimeRecovery", "DescribeResourceServer",
    "DescribeRiskConfiguration", "DescribeTerms", "DescribeTermsByClient", "DescribeUserImportJob", "DescribeUserPool",
    "DescribeUserPoolClient", "GetCSVHeader", "GetGroup", "GetIdentityProviderByIdentifier",
    "GetLogDeliveryConfiguration", "GetSigningCertificate", "GetUICustomization",
    "GetUserPoolClientSessionConfiguration", "GetUserPoolMfaConfig", "GetUserPoolSessionConfiguration",
    "InitiatePointInTimeRecovery", "ListCIMDPolicies", "ListClientMetadataURLs", "ListGroups", "ListIdentityProviders",
    "ListPointInTimeRecoveries", "ListResourceServers", "ListTerms", "ListUserImportJobs", "ListUserPoolClientSecrets",
    "ListUserPoolClients", "ListUserPoolReplicas", "ListUsers", "ListUsersInGroup", "SetLogDeliveryConfiguration",
    "SetRiskConfiguration", "SetUICustomization", "SetUserPoolClientSessionConfiguration", "SetUserPoolMfaConfig",
    "SetUserPoolSessionConfiguration", "StartPointInTimeRecovery", "StartUserImportJob", "StopUserImportJob",
    "UpdateAuthEventFeedback", "UpdateCIMDPolicy", "UpdateClientMetadataURLState", "UpdateGroup",
    "UpdateIdentityProvider", "UpdateResourceServer", "UpdateTerms", "UpdateUserPool", "UpdateUserPoolClient",
    "UpdateUserPoolDomain", "UpdateUserPoolReplica",
  ]

  /// The operations whose input requires both UserPoolId and ClientId (same source): `call` fills the
  /// app client's id too.
  public static let requiresPoolAndClient: Set<String> = [
    "AddUserPoolClientSecret", "AdminInitiateAuth", "AdminRespondToAuthChallenge", "CreateCIMDPolicy",
    "CreateManagedLoginBranding", "CreateTerms", "DeleteUserPoolClient", "DeleteUserPoolClientSecret",
    "DescribeManagedLoginBrandingByClient", "DescribeTermsByClient", "DescribeUserPoolClient",
    "GetUserPoolClientSessionConfiguration", "ListUserPoolClientSecrets", "SetUserPoolClientSessionConfiguration",
    "UpdateCIMDPolicy", "UpdateUserPoolClient",
  ]

  /// The operations whose input has a ClientMetadata member (botocore's model), passed to Lambda triggers.
  public static let takesClientMetadata: Set<String> = [
    "AdminConfirmSignUp", "AdminCreateUser", "AdminInitiateAuth", "AdminResetUserPassword",
    "AdminRespondToAuthChallenge", "AdminUpdateUserAttributes", "ConfirmForgotPassword", "ConfirmSignUp",
    "ForgotPassword", "GetClientToken", "GetTokensFromRefreshToken", "GetUserAttributeVerificationCode", "InitiateAuth",
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
