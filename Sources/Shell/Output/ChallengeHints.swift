import Auth
import Basics

/// How each challenge is answered, in the shell's words: the command, and the exact keys it takes.
enum ChallengeHints {
  /// The command that answers `c`, with the values the service offered where it said.
  static func answeringCommand(_ c: PendingChallenge) -> String {
    switch c.kind {
    case .newPasswordRequired: return "new-password"
    case .softwareTokenMFA, .smsMFA, .emailOTP, .smsOTP: return "mfa-code CODE"
    case .mfaSetup: return "mfa setup, then mfa verify CODE"
    case .selectChallenge:
      return "respond SELECT_CHALLENGE ANSWER=\(choices(c).joined(separator: "|")) [PASSWORD=…]"
    case .selectMFAType: return "respond SELECT_MFA_TYPE ANSWER=\(choices(c).joined(separator: "|"))"
    case .customChallenge: return "respond CUSTOM_CHALLENGE ANSWER=…"
    case .webAuthn: return "respond WEB_AUTHN (signed with the passkey cogsh holds; `passkey register` makes one)"
    case .passwordVerifier, .deviceSRPAuth, .devicePasswordVerifier, .unknown:
      let keys = c.kind.row?.keys.map { "\($0)=…" }.joined(separator: " ") ?? "NAME=VALUE ..."
      return "respond \(c.name) \(keys)"
    }
  }

  /// Where else a WEB_AUTHN challenge is answered: the passkey kept by a browser or an authenticator.
  static let webAuthnAdvice =
    "a browser, with the passkey it holds (or sign in with another factor: "
    + "login NAME --flow user-auth --preferred EMAIL_OTP)"

  /// What a SELECT_ challenge offers: `AvailableChallenges`, or `MFAS_CAN_CHOOSE` (a JSON list).
  static func choices(_ c: PendingChallenge) -> [String] {
    if c.kind == .selectMFAType {
      let listed = c.parameters["MFAS_CAN_CHOOSE"].flatMap { try? JSON.parse($0) }?.arrayValue?.compactMap(
        \.stringValue)
      return listed ?? c.kind.row?.choices ?? []
    }
    return c.availableChallenges ?? c.kind.row?.choices ?? []
  }

  /// The NAME=VALUE words `respond` offers at Tab for `c`.
  static func answerWords(_ c: PendingChallenge) -> [String] {
    switch c.kind {
    case .selectChallenge, .selectMFAType: return choices(c).map { "ANSWER=" + $0 }
    default: return (c.kind.row?.keys ?? []).map { $0 + "=" }
    }
  }

  /// How long the Session lasts, in words, for the message when a challenge arrives.
  static func lifetime(_ c: PendingChallenge) -> String {
    guard let seconds = c.lifetime else {
      return "3–15 minutes, as the app client sets it; the countdown assumes 3"
    }
    return "\(Int(seconds / 60)) minutes, the app client's AuthSessionValidity"
  }
}
