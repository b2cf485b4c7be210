/// The challenges Cognito asks, as one table: what each is called on the wire, which key a one-time
/// code goes under, and which cogsh answers by itself. A name Cognito adds later is `.unknown`, kept
/// as it came and answered with `respond NAME KEY=VALUE`.
public enum ChallengeName: Hashable, Sendable {
  case newPasswordRequired, mfaSetup, softwareTokenMFA, smsMFA, emailOTP, smsOTP
  case selectChallenge, selectMFAType, customChallenge, webAuthn
  case passwordVerifier, deviceSRPAuth, devicePasswordVerifier
  case unknown(String)

  static let names: [(ChallengeName, String)] = [
    (.newPasswordRequired, "NEW_PASSWORD_REQUIRED"), (.mfaSetup, "MFA_SETUP"),
    (.softwareTokenMFA, "SOFTWARE_TOKEN_MFA"), (.smsMFA, "SMS_MFA"), (.emailOTP, "EMAIL_OTP"), (.smsOTP, "SMS_OTP"),
    (.selectChallenge, "SELECT_CHALLENGE"), (.selectMFAType, "SELECT_MFA_TYPE"), (.customChallenge, "CUSTOM_CHALLENGE"),
    (.webAuthn, "WEB_AUTHN"), (.passwordVerifier, "PASSWORD_VERIFIER"), (.deviceSRPAuth, "DEVICE_SRP_AUTH"),
    (.devicePasswordVerifier, "DEVICE_PASSWORD_VERIFIER"),
  ]

  public init(_ raw: String) { self = Self.names.first { $0.1 == raw }?.0 ?? .unknown(raw) }

  /// The name as Cognito writes it.
  public var rawValue: String {
    if case .unknown(let raw) = self { return raw }
    return Self.names.first { $0.0 == self }?.1 ?? ""
  }

  /// The ChallengeResponses key of the one-time code this challenge asks for, if it asks for one.
  public var codeKey: String? {
    switch self {
    case .softwareTokenMFA, .smsMFA, .emailOTP, .smsOTP: return rawValue + "_CODE"
    default: return nil
    }
  }

  /// The challenges answered with a one-time code.
  public static let codeChallenges: [ChallengeName] = [.softwareTokenMFA, .smsMFA, .emailOTP, .smsOTP]

  /// Whether cogsh answers it without asking: the SRP and device proofs.
  public var isAnsweredAutomatically: Bool {
    [.passwordVerifier, .deviceSRPAuth, .devicePasswordVerifier].contains(self)
  }
}

extension PendingChallenge {
  /// The challenge's name, typed.
  public var kind: ChallengeName { ChallengeName(name) }
}
