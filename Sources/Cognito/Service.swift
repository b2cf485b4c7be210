import Basics

/// What tells one AWS service from another for the client: how a request is addressed, shaped and
/// signed. One `ServiceClient` and one transport serve every descriptor here.
public struct Service: Sendable, Equatable {
  /// How requests and answers are encoded.
  public enum Wire: Sendable, Equatable {
    /// POST `application/x-amz-json-1.1` with `X-Amz-Target: PREFIX.Action` (cognito-idp, cognito-identity).
    case json11(targetPrefix: String)
    /// POST form-encoded `Action=…&Version=…`, answered in XML (STS).
    case query(version: String)
    /// POST form-encoded to a path of a pool's own domain, answered in JSON, never SigV4-signed (OAuth2).
    case form
  }

  /// The host label: `cognito-idp` in `cognito-idp.eu-west-1.amazonaws.com`.
  public var endpointPrefix: String
  /// The service name in the SigV4 credential scope.
  public var signingName: String
  public var wire: Wire
  /// The actions sent without SigV4 (the model's `authtype: none`): authorised by their body.
  public var unsigned: Set<String>
  /// Whether every action is unsigned (OAuth2 endpoints authenticate with the client's own secret).
  public var neverSigned = false
  /// The suffix of `AWS_ENDPOINT_URL_<ID>`, as the AWS SDKs name the service.
  public var environmentId: String

  /// Whether `action` must carry SigV4.
  public func needsSigning(_ action: String) -> Bool { !neverSigned && !unsigned.contains(action) }

  /// botocore's endpoint rule set for the service (EndpointRuleSets), evaluated by EndpointRules.
  public var ruleSet: String = ""

  /// The URL the rules give for `region`, FIPS and dual-stack when asked; an error in the rules' words
  /// when the partition has no such endpoint.
  public func regionalURL(region: String, fips: Bool = false, dualStack: Bool = false) throws -> String {
    let parameters: [String: JSON] = [
      "Region": .string(region), "UseFIPS": .bool(fips), "UseDualStack": .bool(dualStack),
    ]
    switch EndpointRules.resolve(ruleSet, parameters: parameters) {
    case .url(let url): return url
    case .error(let why): throw CognitoError.noEndpoint(service: endpointPrefix, why: why)
    }
  }

  /// Cognito user pools (`AWSCognitoIdentityProviderService`).
  public static let userPools = Service(
    endpointPrefix: "cognito-idp", signingName: "cognito-idp",
    wire: .json11(targetPrefix: "AWSCognitoIdentityProviderService"), unsigned: Operations.unsigned,
    environmentId: "COGNITO_IDENTITY_PROVIDER", ruleSet: EndpointRuleSets.cognitoIdp)

  /// Cognito identity pools (`AWSCognitoIdentityService`); botocore's model marks these unsigned.
  public static let identityPools = Service(
    endpointPrefix: "cognito-identity", signingName: "cognito-identity",
    wire: .json11(targetPrefix: "AWSCognitoIdentityService"),
    unsigned: ["GetCredentialsForIdentity", "GetId", "GetOpenIdToken", "UnlinkIdentity"],
    environmentId: "COGNITO_IDENTITY", ruleSet: EndpointRuleSets.cognitoIdentity)

  /// AWS STS, for roles in the AWS credential chain.
  public static let sts = Service(
    endpointPrefix: "sts", signingName: "sts", wire: .query(version: "2011-06-15"),
    unsigned: ["AssumeRoleWithSAML", "AssumeRoleWithWebIdentity"], environmentId: "STS", ruleSet: EndpointRuleSets.sts)

  /// AWS Sign-In (CreateOAuth2Token), which refreshes an `aws login` session.
  public static let signIn = Service(
    endpointPrefix: "signin", signingName: "signin", wire: .form, unsigned: [], neverSigned: true,
    environmentId: "SIGNIN", ruleSet: EndpointRuleSets.signin)

  /// IAM Identity Center's portal (GetRoleCredentials), for SSO profiles.
  public static let sso = Service(
    endpointPrefix: "portal.sso", signingName: "awsssoportal", wire: .form, unsigned: [], neverSigned: true,
    environmentId: "SSO", ruleSet: EndpointRuleSets.sso)

  /// A user pool domain's OAuth2 endpoints (`/oauth2/token`, `/oauth2/revoke`, `/oauth2/userInfo`).
  public static let oauth2 = Service(
    endpointPrefix: "", signingName: "", wire: .form, unsigned: [], neverSigned: true, environmentId: "")
}

/// A Cognito action's name, typed so that a misspelt one is a compile error where cogsh names it.
public struct Action: Hashable, Sendable, CustomStringConvertible {
  public let name: String
  public init(_ name: String) { self.name = name }
  public var description: String { name }
}

extension Action {
  public static let initiateAuth = Action("InitiateAuth")
  public static let adminInitiateAuth = Action("AdminInitiateAuth")
  public static let respondToAuthChallenge = Action("RespondToAuthChallenge")
  public static let adminRespondToAuthChallenge = Action("AdminRespondToAuthChallenge")
  public static let associateSoftwareToken = Action("AssociateSoftwareToken")
  public static let verifySoftwareToken = Action("VerifySoftwareToken")
  public static let setUserMFAPreference = Action("SetUserMFAPreference")
  public static let getTokensFromRefreshToken = Action("GetTokensFromRefreshToken")
  public static let revokeToken = Action("RevokeToken")
  public static let getUser = Action("GetUser")
  public static let globalSignOut = Action("GlobalSignOut")
  public static let deleteUser = Action("DeleteUser")
  public static let signUp = Action("SignUp")
  public static let confirmSignUp = Action("ConfirmSignUp")
  public static let resendConfirmationCode = Action("ResendConfirmationCode")
  public static let forgotPassword = Action("ForgotPassword")
  public static let confirmForgotPassword = Action("ConfirmForgotPassword")
  public static let changePassword = Action("ChangePassword")
  public static let updateUserAttributes = Action("UpdateUserAttributes")
  public static let getUserAttributeVerificationCode = Action("GetUserAttributeVerificationCode")
  public static let verifyUserAttribute = Action("VerifyUserAttribute")
  public static let confirmDevice = Action("ConfirmDevice")
  public static let listDevices = Action("ListDevices")
  public static let forgetDevice = Action("ForgetDevice")
  public static let describeUserPool = Action("DescribeUserPool")
  public static let describeUserPoolClient = Action("DescribeUserPoolClient")
  public static let createUserPool = Action("CreateUserPool")
  public static let createUserPoolClient = Action("CreateUserPoolClient")
  public static let adminCreateUser = Action("AdminCreateUser")
  public static let listUsers = Action("ListUsers")
}
