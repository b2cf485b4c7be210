import Auth
import Cognito
import Foundation

/// Hints in the shell's words: which command to run. The layers below say what went wrong; only the
/// shell knows its commands, so hints that name them are made here.
enum ServiceHints {
  /// The shell's hint for any error, or nil to keep the error's own.
  static func hint(for error: Error) -> String? {
    switch error {
    case CognitoError.service(let e): return hint(for: e)
    case CognitoError.transport(_, let url, _):
      // Only a local address can be the sandbox.
      let local = URLComponents(string: url)?.host.map(Endpoint.isLoopback) ?? false
      return local
        ? "Check the endpoint URL and that the service is running (for the sandbox: sandbox status)."
        : "Check the URL, and that this machine reaches it (DNS, a proxy, the network)."
    case StoreError.unknownProfile: return "`profile list` shows the profiles there are."
    case SignInError.missingPool: return "Set one with `set pool-id ID`."
    case let e as ConfigurationError: return configurationHint(e)
    case let e as AccountError: return accountHint(e)
    case let e as OAuthError: return oauthHint(e)
    case IdentityError.noIdentityPool:
      return "Set one with `set identity-pool-id REGION:GUID` (the sandbox has one)."
    case IdentityError.noRole: return "Give the role with --role-arn, or read the pool's roles with AWS credentials."
    case IdentityError.noCredentials: return "Get them with `identity credentials`."
    case SandboxError.unservedAction: return "Try this command against a real user pool; the sandbox cannot emulate it."
    case SandboxError.unservedFlow(let flow):
      return "moto signs in with srp, password, admin and custom; try --flow \(flow == "USER_AUTH" ? "user-auth " : "")"
        + "against a real user pool."
    case is SandboxTriggerError:
      return "`sandbox trigger list` shows the pool's handlers; `help sandbox trigger` gives the forms a handler takes."
    case RefreshError.noRefreshToken: return "Sign in again with `login`."
    case RefreshError.secretHash(_, let tried):
      return "SECRET_HASH was computed over \(tried.map { "\"\($0)\"" }.joined(separator: " and ")); Cognito expects "
        + "the internal username (cognito:username) with the client secret set by `set client-secret`."
    case CredentialError.failed:
      return "Check that source's settings in ~/.aws/config; `status` shows which source is used."
    default: return nil
    }
  }

  static func configurationHint(_ error: ConfigurationError) -> String {
    switch error {
    case .noPool: return "Set one with `set pool-id ID`, --pool-id or COGNITO_USER_POOL_ID."
    case .noClient: return "Set one with `set client-id ID`, --client-id or COGNITO_CLIENT_ID."
    }
  }

  /// What to run next after an account operation refused, in commands.
  static func accountHint(_ error: AccountError) -> String? {
    switch error {
    case .nobodySignedIn: return "Sign in with `login USERNAME`."
    case .otherIssuer:
      return "Sign in again at this endpoint, or start cogsh with --trust-endpoint to send them there anyway "
        + "(a proxy of yours, say)."
    case .nobodyCurrent(let users):
      return "Signed in here: \(users.joined(separator: ", ")); pick one with `switch NAME`."
    case .noChallenge: return "Start with `login USERNAME`."
    case .otherChallenge(let pending, _): return "Answer it with `\(ChallengeHints.answeringCommand(pending))`."
    case .noCodeChallenge:
      return "mfa-code answers \(ChallengeName.codeChallenges.map(\.rawValue).sorted().joined(separator: ", "))."
    case .needsPasskey:
      return "Make one with `passkey register` while signed in, or answer it in \(ChallengeHints.webAuthnAdvice)."
    case .deadSession(_, let loginName):
      return "The challenge's Session is no longer valid (it lasts 3 minutes by default, and answers once); "
        + "it is forgotten. Sign in again with `login \(loginName)`."
    case .notMigrated(_, let username):
      return "The pool has a user-migration trigger, and Cognito runs it only on USER_PASSWORD_AUTH: a user "
        + "not migrated yet signs in with `login \(username) --flow password`."
    case .refreshOvertaken: return "Nothing to do: `tokens` shows the ones in use."
    case .codeRefused: return nil
    case .noDevice: return "`devices` lists the user's devices."
    case .notSignedInHere(let name, let switching):
      return switching ? "`users` lists who is; `login \(name)` signs in." : nil
    case .noTOTPSecret: return "Run `mfa setup`, or give the secret: totp SECRET."
    case .noIdToken: return "Sign in so that an id token comes back (with managed login: --scope openid)."
    }
  }

  /// What to check when managed login or an OAuth2 endpoint refused.
  static func oauthHint(_ error: OAuthError) -> String? {
    switch error {
    case .endpoint(_, "invalid_grant", _, _):
      return "A code works once, for 5 minutes, with the same redirect_uri and the PKCE verifier of its request; "
        + "a refresh token stops working once revoked. Sign in again with `login --hosted`."
    case .endpoint(_, "invalid_client", _, _):
      return "Check the client secret (`set client-secret`): a client with a secret authenticates with it, one "
        + "without must not."
    case .endpoint(_, "unauthorized_client", _, _), .callback("unauthorized_client", _):
      return "The app client does not allow this OAuth flow (AllowedOAuthFlows: code, implicit, client_credentials)."
    case .endpoint(_, "invalid_scope", _, _), .callback("invalid_scope", _):
      return "Ask only for scopes in the app client's AllowedOAuthScopes (`describe-user-pool-client`)."
    case .callback("access_denied", _): return "The sign-in was cancelled or refused in the browser."
    case .callback("redirect_mismatch", _), .redirectNotRegistered:
      return "Register the callback URL on the app client (CallbackURLs), or pass a registered one with --redirect-uri."
    case .flowNotAllowed: return "Add the flow to the app client's AllowedOAuthFlows, or use the other grant."
    case .scopesNotAllowed: return "Drop the scope, or add it to the app client's AllowedOAuthScopes."
    case .stateMismatch:
      return "Another sign-in's callback arrived (an old browser tab?); run `login --hosted` again."
    case .noDomain:
      return "Set it with `set domain https://PREFIX.auth.REGION.amazoncognito.com` (or the custom domain)."
    case .needsSecret: return "Set the app client's secret with `set client-secret`."
    case .listenerTimedOut:
      return "Finish signing in in the browser. If it shows redirect_mismatch, the callback URL is not registered on "
        + "the app client; --no-browser lets you paste the URL the browser ended on."
    case .cannotListen:
      return "Another program holds that port; pick a free one with --redirect-uri (it must be a registered callback)."
    default: return nil
    }
  }

  /// The identity pool's refusals of a login, by their words.
  static func identityHint(_ m: String) -> String? {
    if m.contains("not from a supported provider") {
      return "The identity pool does not list this user pool and app client as a provider (Cognito tab of its "
        + "authentication providers: the pool id and the client id must both match)."
    }
    if m.contains("issuer doesn't match providername") {
      return "The Logins key must be cognito-idp.REGION.amazonaws.com/POOL_ID of the pool that issued the id token."
    }
    if m.contains("token expired") {
      return "The id token expired: `refresh`, then ask again (`set auto-refresh on` does it by itself)."
    }
    if m.contains("unauthenticated access is not supported") {
      return "The identity pool does not allow guest identities; sign in first, or enable unauthenticated access."
    }
    return nil
  }

  /// The hint for a service error, or nil when the cause is not one we can name.
  static func hint(for error: ServiceError) -> String? {
    let m = error.serviceMessage.lowercased()
    switch error.code {
    case "NotAuthorizedException":
      if let hint = identityHint(m) { return hint }
      if m.contains("secret hash") || m.contains("secrethash") {
        return "Check the client secret (`set client-secret`). SECRET_HASH is computed over the USERNAME sent: "
          + "the typed name at sign-in, the internal name (the sub in an email pool) in challenges and refresh."
      }
      if m.contains("configured for secret") {
        return "The app client has a secret: set it with `set client-secret`."
      }
      if m.contains("session") {
        return "The challenge Session expired or was used already; sign in again with `login`."
      }
      if m.contains("password attempts exceeded") {
        return "The user is locked out for a while after repeated failures."
      }
      if m.contains("disabled") { return "An administrator disabled this user (admin-enable-user re-enables it)." }
      if m.contains("refresh token") { return "Sign in again: the refresh token is no longer valid." }
      if m.contains("access token") { return "Sign in again, or refresh: the access token is no longer valid." }
      if m.contains("incorrect username or password") {
        return "Check the username and password; with PreventUserExistenceErrors an unknown user reads the same."
      }
      return nil
    case "UserNotConfirmedException": return "Confirm the sign-up first (confirm-sign-up, or admin-confirm-sign-up)."
    case "PasswordResetRequiredException": return "Reset the password with forgot-password and confirm-forgot-password."
    case "UserNotFoundException": return "No such user in this pool; check the username and the pool id."
    case "UsernameExistsException": return "A user with that name exists; pick another name or delete the user."
    case "InvalidPasswordException":
      return "The password does not meet the pool's password policy (describe-user-pool shows it)."
    case "CodeMismatchException": return "The code is wrong; check it and try again."
    case "ExpiredCodeException": return "The code expired or was used; request a new one."
    case "ResourceNotFoundException":
      return "The pool or app client does not exist at this endpoint; check pool-id, client-id and region "
        + "(in a Region other than the pool id's, only a replica answers: `replicas` lists them)."
    case "TooManyRequestsException": return "Cognito is throttling requests; wait a moment and retry."
    case "LimitExceededException" where error.action == "CreateUserPoolReplica":
      return
        "A pool has one secondary replica at most: `replicas` shows it; to move it, deactivate and delete it first."
    case "LimitExceededException": return "Too many attempts; wait before trying again."
    case "FeatureUnavailableInTierException":
      return "The pool's feature plan (UserPoolTier, in describe-user-pool) lacks it: Essentials adds choice-based "
        + "sign-in, passkeys, email MFA and replicas; Plus adds threat protection. The plan is changed with "
        + "UpdateUserPool UserPoolTier, which is billed."
    case "WebAuthnNotEnabledException":
      return "Passkeys need the pool's WebAuthnConfiguration (SetUserPoolMfaConfig) and a plan of Essentials or "
        + "higher, and WEB_AUTHN among its sign-in policy's AllowedFirstAuthFactors."
    case "OperationNotEnabledException":
      if m.contains("inactive") {
        return "That Region's replica is INACTIVE: `replicas` shows which is ACTIVE; address it with --region R "
          + "(or `set region R`), or bring this one back with `replicas activate R`."
      }
      return "The Region addressed holds a secondary replica: it signs existing users in, and refuses sign-up, "
        + "password changes and resets, profile edits, TOTP and the pool's configuration. Do those at the primary "
        + "(`replicas` names it; `unset region` addresses the pool id's)."
    case "InvalidParameterException":
      if m.contains("flow not enabled") || m.contains("auth flow") {
        return "Enable that auth flow in the app client's ExplicitAuthFlows, or pick another with --flow."
      }
      return nil
    case "UnrecognizedClientException", "InvalidSignatureException", "ExpiredTokenException":
      return "The AWS credentials were refused; check AWS_PROFILE or the access keys."
    case "AccessDeniedException": return "The AWS credentials lack IAM permission for this action."
    default: return nil
    }
  }
}
