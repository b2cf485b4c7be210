import Foundation

/// Retries as the AWS SDKs' standard mode makes them: a few attempts, truncated binary exponential
/// backoff with full jitter (botocore `retries/standard.py`: `rand(0,1) * min(2 ** (attempt - 1), 20)`),
/// on throttling, transient errors and dropped connections, and a server's Retry-After honoured.
public struct RetryPolicy: Sendable, Equatable {
  /// Attempts in all, the first included.
  public var maxAttempts: Int
  /// The longest wait between two attempts, in seconds.
  public var maxBackoff: Double = 20

  public init(maxAttempts: Int) { self.maxAttempts = maxAttempts }

  /// Standard mode's default: 3 attempts.
  public static let standard = RetryPolicy(maxAttempts: 3)
  /// Legacy mode's default: 5 attempts.
  public static let legacyAttempts = 5
  /// More attempts than this are taken as a mistake: each may wait 20 s.
  public static let mostAttempts = 10

  /// The error codes botocore's standard mode treats as throttling or transient.
  static let retryableCodes: Set<String> = [
    "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException",
    "TooManyRequestsException", "ProvisionedThroughputExceededException", "TransactionInProgressException",
    "RequestLimitExceeded", "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown",
    "PriorRequestNotComplete", "EC2ThrottledException", "RequestTimeout", "RequestTimeoutException",
  ]
  static let retryableStatuses: Set<Int> = [429, 500, 502, 503, 504]

  /// The label of the authorization code's exchange at /oauth2/token: the code works once.
  public static let codeExchange = "token (/oauth2/token, authorization code)"

  /// The actions whose request carries a value that works once: a challenge answer with its Session
  /// (and SRP proofs), a confirmation or MFA code, an authorization code. A retry after a lost answer
  /// could spend it twice, or be refused for having spent it: never retried. GetTokensFromRefreshToken
  /// is not among them: under rotation the old refresh token stays valid for the client's grace period
  /// (RetryGracePeriodSeconds) precisely so that a client can retry.
  public static let oneTimeActions: Set<String> = [
    "RespondToAuthChallenge", "AdminRespondToAuthChallenge", "VerifySoftwareToken", "ConfirmSignUp",
    "ConfirmForgotPassword", "VerifyUserAttribute", "ConfirmDevice", "CompleteWebAuthnRegistration", codeExchange,
  ]

  /// Whether `action` may be sent again after a failure.
  public static func mayRetry(_ action: String) -> Bool { !oneTimeActions.contains(action) }

  /// Why a failed attempt is worth another, or nil when it is not.
  public static func reason(for error: Error) -> String? {
    switch error {
    case CognitoError.service(let e):
      if retryableCodes.contains(e.code) { return e.code }
      if retryableStatuses.contains(e.httpStatus) { return "HTTP \(e.httpStatus)" }
      return nil
    case CognitoError.transport(let why, _, let transient): return transient ? why : nil
    // A request that timed out after it was sent may have been served: only a failed connect is retried.
    case CognitoError.connectTimedOut: return "no connection in time"
    default: return nil
    }
  }

  /// Seconds to wait before attempt `attempt + 1`, given `random` in [0, 1) and any Retry-After.
  public func delay(afterAttempt attempt: Int, random: Double, retryAfter: Double?) -> Double {
    let exponent = Double(min(max(attempt - 1, 0), 30))
    let jittered = random * min(pow(2, exponent), maxBackoff)
    guard let retryAfter, retryAfter.isFinite, retryAfter > 0 else { return jittered }
    return max(jittered, min(retryAfter, maxBackoff))
  }

  /// A server's wish, in seconds: `Retry-After` (seconds) or `x-amz-retry-after` (milliseconds).
  public static func retryAfter(headers: [(String, String)]) -> Double? {
    func value(_ name: String) -> String? { headers.first { $0.0.lowercased() == name }?.1 }
    if let ms = value("x-amz-retry-after").flatMap(Double.init), ms.isFinite, ms >= 0 { return ms / 1000 }
    if let s = value("retry-after").flatMap(Double.init), s.isFinite, s >= 0 { return s }
    return nil
  }

  /// The policy the AWS CLI would use: `AWS_MAX_ATTEMPTS`/`AWS_RETRY_MODE`, else the profile's
  /// `max_attempts`/`retry_mode`; adaptive mode is taken as standard. Nonsense values are ignored.
  public static func configured(_ env: AWSEnvironment, explicitProfile: String? = nil) -> RetryPolicy {
    let profile = env.config.profiles[env.profileName(explicit: explicitProfile)] ?? [:]
    let mode = (env.variables["AWS_RETRY_MODE"] ?? profile["retry_mode"])?.lowercased()
    var policy = mode == "legacy" ? RetryPolicy(maxAttempts: legacyAttempts) : .standard
    if let raw = env.variables["AWS_MAX_ATTEMPTS"] ?? profile["max_attempts"],
      let n = Int(raw.trimmingCharacters(in: .whitespaces)), n >= 1
    {
      policy.maxAttempts = min(n, mostAttempts)
    }
    return policy
  }
}

/// A retry about to happen, for the trace and the user.
public struct RetryEvent: Sendable, Equatable {
  public var action: String
  /// The attempt that failed (1-based), and how many are allowed.
  public var attempt: Int
  public var maxAttempts: Int
  public var reason: String
  public var delay: Double
}
