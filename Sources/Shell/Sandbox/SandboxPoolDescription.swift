import Basics

/// The sandbox's pool and app client, built in so that cogsh starts a sandbox from any directory: the
/// seed article's Terraform as CreateUserPool and CreateUserPoolClient bodies. examples/sandbox-pool.json
/// is the same text for reading and editing (a test keeps the two equal); COGSH_SANDBOX_POOL overrides it.
enum SandboxPoolDescription {
  static let text = #"""
    {
      "_comment": "The seed article's Terraform (aws_cognito_user_pool.dev and aws_cognito_user_pool_client.dev) as the CreateUserPool and CreateUserPoolClient request bodies that `cogsh --sandbox` sends to moto, with what choice-based sign-in needs, which the article predates: the Essentials plan, a sign-in policy allowing passwords, email codes and passkeys, ALLOW_USER_AUTH on the client.",
      "CreateUserPool": {
        "PoolName": "dev",
        "UsernameAttributes": ["email"],
        "AutoVerifiedAttributes": ["email"],
        "AdminCreateUserConfig": { "AllowAdminCreateUserOnly": false },
        "Policies": {
          "PasswordPolicy": {
            "MinimumLength": 8,
            "RequireLowercase": false,
            "RequireUppercase": false,
            "RequireNumbers": false,
            "RequireSymbols": false,
            "TemporaryPasswordValidityDays": 7
          },
          "SignInPolicy": { "AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP", "WEB_AUTHN"] }
        },
        "AccountRecoverySetting": { "RecoveryMechanisms": [{ "Name": "verified_email", "Priority": 1 }] },
        "UserPoolTags": { "Environment": "development" },
        "UserPoolTier": "ESSENTIALS"
      },
      "CreateUserPoolClient": {
        "ClientName": "dev",
        "GenerateSecret": false,
        "ExplicitAuthFlows": [
          "ALLOW_USER_SRP_AUTH",
          "ALLOW_REFRESH_TOKEN_AUTH",
          "ALLOW_ADMIN_USER_PASSWORD_AUTH",
          "ALLOW_CUSTOM_AUTH",
          "ALLOW_USER_PASSWORD_AUTH",
          "ALLOW_USER_AUTH"
        ],
        "CallbackURLs": ["http://localhost:3333"],
        "LogoutURLs": ["http://localhost:3333"],
        "AllowedOAuthFlowsUserPoolClient": true,
        "AllowedOAuthFlows": ["code", "implicit"],
        "AllowedOAuthScopes": ["email", "openid"],
        "SupportedIdentityProviders": ["COGNITO"]
      }
    }
    """#

  // The literal above is valid JSON (a test parses it); failing here would be a build mistake.
  static let builtIn: JSON = (try? JSON.parse(bytes: Array(text.utf8))) ?? .object([:])
}
