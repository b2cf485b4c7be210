/// Times and durations in seconds as they come from outside (JWT claims, `ExpiresIn`, the store).
///
/// A Double from JSON can be anything up to infinity; converting one to an integer traps when it is
/// out of Int's range. Every number that becomes a time is checked here where it enters, so the code
/// that formats or compares times only ever sees values inside these bounds.
public enum EpochSeconds {
  /// 9999-12-31 23:59:59 UTC: the last second a four-digit year can show.
  public static let latest: Double = 253_402_300_799
  /// Ten years: the longest lifetime Cognito gives any token (the refresh token's maximum).
  public static let longestLifetime: Double = 315_360_000

  /// Whether `t` is a time cogsh can show and compare: 1970 to 9999.
  public static func isTime(_ t: Double) -> Bool { t.isFinite && t >= 0 && t <= latest }

  /// Whether `d` is a plausible token lifetime in seconds (`ExpiresIn`).
  public static func isLifetime(_ d: Double) -> Bool { d.isFinite && d > 0 && d <= longestLifetime }

  /// The number as a message shows it: `1e+19`, `-5`, `1234.5`, or `too large` for infinity.
  public static func describe(_ n: Double) -> String {
    if n.isNaN { return "not a number" }
    if n.isInfinite { return n > 0 ? "too large" : "too small" }
    if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
    return "\(n)"
  }

  /// `t` clamped into the range, for values that must be shown whatever they are.
  public static func clamped(_ t: Double) -> Double {
    guard t.isFinite else { return t > 0 ? latest : 0 }
    return min(max(t, 0), latest)
  }
}
