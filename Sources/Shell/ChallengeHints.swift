import Cognito
import Session

/// How each challenge is answered, in the shell's words: the command, and the exact keys it takes.
enum ChallengeHints {
  /// The default choices of SELECT_CHALLENGE when the service did not list them.
  static let userAuthFactors = ["PASSWORD", "PASSWORD_SRP", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]

  /// The command that answers `c`, with the values the service offered where it said.
  static func answeringCommand(_ c: PendingChallenge) -> String {
    switch c.name {
    case "NEW_PASSWORD_REQUIRED": return "new-password"
    case "SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP", "SMS_OTP": return "mfa-code CODE"
    case "MFA_SETUP": return "mfa setup, then mfa verify CODE"
    case "SELECT_CHALLENGE":
      return "respond SELECT_CHALLENGE ANSWER=\(choices(c).joined(separator: "|")) [PASSWORD=…]"
    case "SELECT_MFA_TYPE": return "respond SELECT_MFA_TYPE ANSWER=\(choices(c).joined(separator: "|"))"
    case "CUSTOM_CHALLENGE": return "respond CUSTOM_CHALLENGE ANSWER=…"
    default: return "respond \(c.name) NAME=VALUE ..."
    }
  }

  /// What a SELECT_ challenge offers: `AvailableChallenges`, or `MFAS_CAN_CHOOSE` (a JSON list).
  static func choices(_ c: PendingChallenge) -> [String] {
    if c.name == "SELECT_MFA_TYPE" {
      let listed = c.parameters["MFAS_CAN_CHOOSE"].flatMap { try? JSON.parse($0) }?.arrayValue?.compactMap(
        \.stringValue)
      return listed ?? ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]
    }
    return c.availableChallenges ?? userAuthFactors
  }

  /// The NAME=VALUE words `respond` offers at Tab for `c`.
  static func answerWords(_ c: PendingChallenge) -> [String] {
    switch c.name {
    case "SELECT_CHALLENGE", "SELECT_MFA_TYPE": return choices(c).map { "ANSWER=" + $0 }
    case "NEW_PASSWORD_REQUIRED": return ["NEW_PASSWORD="]
    case "CUSTOM_CHALLENGE": return ["ANSWER="]
    case "SOFTWARE_TOKEN_MFA", "SMS_MFA", "EMAIL_OTP", "SMS_OTP": return ["\(c.name)_CODE="]
    default: return []
    }
  }

  /// How long the Session lasts, in words, for the message when a challenge arrives.
  static func lifetime(_ c: PendingChallenge) -> String {
    guard let seconds = c.lifetime else {
      return "3–15 minutes, as the app client sets it; the countdown assumes 3"
    }
    return "\(Int(seconds / 60)) minutes (the app client's AuthSessionValidity)"
  }
}
