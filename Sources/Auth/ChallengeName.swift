import Cognito

/// The challenges Cognito asks, as one table: what each is called on the wire, the answer keys it
/// takes, how cogsh answers it by itself when it does, the choices a SELECT_ challenge offers, and
/// what it asks in a sentence. A name Cognito adds later is `.unknown`, kept as it came and answered
/// with its keys given by hand. Adding a challenge is a row here (its automatic answer with it), plus a
/// command in the shell where it needs one.
public enum ChallengeName: Hashable, Sendable {
  case newPasswordRequired, mfaSetup, softwareTokenMFA, smsMFA, emailOTP, smsOTP
  case selectChallenge, selectMFAType, customChallenge, webAuthn
  case passwordVerifier, deviceSRPAuth, devicePasswordVerifier
  case unknown(String)

  /// One challenge's facts.
  public struct Row: Sendable {
    public var name: ChallengeName
    public var wire: String
    /// The ChallengeResponses keys the answer supplies (USERNAME, SECRET_HASH and Session are added).
    public var keys: [String]
    /// What the challenge asks, in a sentence.
    public var explanation: String
    /// The answers a SELECT_ challenge offers when the service does not list them.
    public var choices: [String] = []
    /// How cogsh answers it by itself (the SRP and device proofs), given what it needs; nil when the
    /// user answers.
    var automaticAnswer: AutomaticAnswer?

    /// Answered by cogsh itself, given what it needs.
    public var automatic: Bool { automaticAnswer != nil }
  }

  public static let table: [Row] = [
    Row(
      name: .newPasswordRequired, wire: "NEW_PASSWORD_REQUIRED", keys: ["NEW_PASSWORD"],
      explanation: "the password is temporary: choose a new one (and any required attributes)"),
    Row(
      name: .mfaSetup, wire: "MFA_SETUP", keys: [],
      explanation: "the pool requires MFA and the user has none: associate an authenticator first"),
    Row(
      name: .softwareTokenMFA, wire: "SOFTWARE_TOKEN_MFA", keys: ["SOFTWARE_TOKEN_MFA_CODE"],
      explanation: "a code from the user's authenticator app"),
    Row(
      name: .smsMFA, wire: "SMS_MFA", keys: ["SMS_MFA_CODE"],
      explanation: "the code sent by text message"),
    Row(
      name: .emailOTP, wire: "EMAIL_OTP", keys: ["EMAIL_OTP_CODE"],
      explanation: "the code sent by email"),
    Row(
      name: .smsOTP, wire: "SMS_OTP", keys: ["SMS_OTP_CODE"],
      explanation: "the one-time code sent by text message (passwordless sign-in)"),
    Row(
      name: .selectChallenge, wire: "SELECT_CHALLENGE", keys: ["ANSWER"],
      explanation: "choose how to sign in, from the factors the pool offers",
      choices: SignInFactor.allCases.map(\.rawValue)),
    Row(
      name: .selectMFAType, wire: "SELECT_MFA_TYPE", keys: ["ANSWER"],
      explanation: "choose which of the user's MFA kinds to use",
      choices: ["SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP"]),
    Row(
      name: .customChallenge, wire: "CUSTOM_CHALLENGE", keys: ["ANSWER"],
      explanation: "the pool's own question, from its Lambda triggers"),
    Row(
      name: .webAuthn, wire: "WEB_AUTHN", keys: ["CREDENTIAL"],
      explanation: "a passkey's signature, made by a browser or an authenticator"),
    Row(
      name: .passwordVerifier, wire: "PASSWORD_VERIFIER", keys: ["PASSWORD_CLAIM_SIGNATURE"],
      explanation: "the SRP proof that the password is known", automaticAnswer: SignIn.passwordVerifierAnswer),
    Row(
      name: .deviceSRPAuth, wire: "DEVICE_SRP_AUTH", keys: ["SRP_A"],
      explanation: "a remembered device starts its own SRP exchange", automaticAnswer: SignIn.deviceSRPAnswer),
    Row(
      name: .devicePasswordVerifier, wire: "DEVICE_PASSWORD_VERIFIER", keys: ["PASSWORD_CLAIM_SIGNATURE"],
      explanation: "the SRP proof that the device's secret is known",
      automaticAnswer: SignIn.devicePasswordVerifierAnswer),
  ]

  public init(_ raw: String) { self = Self.table.first { $0.wire == raw }?.name ?? .unknown(raw) }

  /// This challenge's row; nil for a name Cognito added after this table.
  public var row: Row? { Self.table.first { $0.name == self } }

  /// The name as Cognito writes it.
  public var rawValue: String {
    if case .unknown(let raw) = self { return raw }
    return row?.wire ?? ""
  }

  /// The ChallengeResponses key of the one-time code this challenge asks for, if it asks for one.
  public var codeKey: String? { row?.keys.first { $0.hasSuffix("_CODE") } }

  /// The challenges answered with a one-time code.
  public static var codeChallenges: [ChallengeName] { table.map(\.name).filter { $0.codeKey != nil } }

  /// Whether cogsh answers it without asking: the SRP and device proofs.
  public var isAnsweredAutomatically: Bool { row?.automatic ?? false }
}

/// What an automatic answer is given: the challenge's parameters and what the sign-in holds.
struct AutomaticInput {
  var params: [String: String]
  var settings: ClientSettings
  var loginName: String
  var secrets: SignInSecrets
  var a: BigNum?
  var now: Double
}

/// An automatic answer: the responses, the SRP private value the next step needs, and the SRP values
/// for `--explain`; nil when what it needs is missing (the user answers then).
typealias AutomaticAnswer =
  @Sendable (AutomaticInput) throws -> (responses: [String: String], nextA: BigNum?, trace: SignIn.SRPTrace?)?

/// A factor of choice-based sign-in (USER_AUTH): AvailableChallenges, PREFERRED_CHALLENGE and
/// SELECT_CHALLENGE's ANSWER name them.
public enum SignInFactor: String, CaseIterable, Sendable {
  case password = "PASSWORD", passwordSRP = "PASSWORD_SRP", emailOTP = "EMAIL_OTP", smsOTP = "SMS_OTP"
  case webAuthn = "WEB_AUTHN"

  /// Whether choosing it needs the password: sent (PASSWORD) or proved by SRP and kept here (PASSWORD_SRP).
  public var needsPassword: Bool { self == .password || self == .passwordSRP }

  /// Whether cogsh can answer where it leads (a passkey lives in a browser or an authenticator).
  public var answeredHere: Bool { self != .webAuthn }

  /// The factor chosen by `answers` to `challenge`, when it is SELECT_CHALLENGE.
  public static func chosen(answering challenge: ChallengeName, _ answers: [String: String]) -> SignInFactor? {
    challenge == .selectChallenge ? answers["ANSWER"].flatMap(SignInFactor.init(rawValue:)) : nil
  }
}

extension PendingChallenge {
  /// The challenge's name, typed (the stored name is typed too; kept for the callers that say kind).
  public var kind: ChallengeName { name }
}

/// Written, read, shown and compared as Cognito writes the name: a stored challenge keeps the store's
/// format (`"name": "NEW_PASSWORD_REQUIRED"`), and `"\(name)"` prints the wire name.
extension ChallengeName: Codable, CustomStringConvertible, ExpressibleByStringLiteral {
  public init(from decoder: Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }

  public func encode(to encoder: Encoder) throws {
    var c = encoder.singleValueContainer()
    try c.encode(rawValue)
  }

  public var description: String { rawValue }

  public init(stringLiteral value: String) { self.init(value) }
}
