import Basics
import Cognito

/// What an `Account` operation refused, in words about the account; the shell adds hints that name
/// its commands.
public enum AccountError: UserFacingError, Equatable {
  case nobodySignedIn
  /// The user's tokens came from another endpoint or pool than the profile names now.
  case otherIssuer(user: String, issuedBy: String, now: String)
  /// Users are signed in, but none is current.
  case nobodyCurrent([String])
  case noChallenge
  /// Another challenge is pending than the one answered.
  case otherChallenge(PendingChallenge, asked: String)
  case noCodeChallenge
  /// WEB_AUTHN: cogsh holds no passkey for the challenge's relying party.
  case needsPasskey(rpId: String)
  /// The challenge's Session can no longer be answered; it was forgotten.
  case deadSession(ServiceError, loginName: String)
  /// A sign-in refused where a user-migration trigger would have run on USER_PASSWORD_AUTH.
  case notMigrated(ServiceError, username: String)
  /// A sign-in finished while a refresh was in flight; its tokens were kept.
  case refreshOvertaken(String)
  case codeRefused(status: String)
  case noDevice(String)
  case notSignedInHere(String, switching: Bool)
  case noTOTPSecret
  /// The identity pool takes the id token, and this user has none (managed login without openid).
  case noIdToken(String)

  public var message: String {
    switch self {
    case .nobodySignedIn: return "nobody is signed in"
    case .otherIssuer(let user, let issuedBy, let now):
      return "the tokens of \(user) came from \(issuedBy); the profile now points at \(now): not sent there"
    case .nobodyCurrent: return "no user is current"
    case .noChallenge: return "no challenge is pending"
    case .otherChallenge(let pending, let asked): return "the pending challenge is \(pending.name), not \(asked)"
    case .noCodeChallenge: return "no MFA or OTP challenge is pending"
    case .needsPasskey(let rpId): return "cogsh holds no passkey for the relying party \(rpId) to answer WEB_AUTHN"
    case .deadSession(let e, _): return "\(e.code): \(e.serviceMessage)"
    case .notMigrated(let e, _): return CognitoError.service(e).message
    case .refreshOvertaken(let user):
      return "\(user) signed in again while this refresh was in flight; the newer tokens are kept"
    case .codeRefused(let status): return "the code was not accepted (Status \(status))"
    case .noDevice(let user): return "no device is remembered for \(user)"
    case .notSignedInHere(let name, _): return "\(name) is not signed in here"
    case .noTOTPSecret: return "no TOTP secret is known for this user"
    case .noIdToken(let user): return "\(user) has no id token"
    }
  }

  public var detail: String? {
    switch self {
    case .deadSession(let e, _), .notMigrated(let e, _): return CognitoError.service(e).detail
    default: return nil
    }
  }
}
