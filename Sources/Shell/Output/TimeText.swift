import Basics

/// Times as people read them: UTC timestamps and relative durations.
enum TimeText {
  /// `2026-11-26 19:41:14 UTC`.
  static func utc(_ epoch: Double) -> String {
    guard EpochSeconds.isTime(epoch) else { return "\(EpochSeconds.describe(epoch)): out of range" }
    let t = CivilDate.components(epochSeconds: Int(epoch.rounded(.down)))
    return "\(t.year)-\(two(t.month))-\(two(t.day)) \(two(t.hour)):\(two(t.minute)):\(two(t.second)) UTC"
  }

  /// `54m`, `3h 5m`, `2d 4h`, `42s`.
  /// `16:07:06`, UTC: the time of day in a log.
  static func clock(_ epoch: Double) -> String {
    let c = CivilDate.components(epochSeconds: Int(EpochSeconds.clamped(epoch)))
    return String(format: "%02d:%02d:%02d", c.hour, c.minute, c.second)
  }

  static func duration(_ seconds: Double) -> String {
    // Clamped first: a difference of two checked times fits, but nothing here may trap on a bad one.
    let s = Int(min(abs(seconds), EpochSeconds.latest * 2).rounded(.down))
    if s < 60 { return "\(s)s" }
    if s < 3600 { return "\(s / 60)m" + (s % 60 != 0 && s < 600 ? " \(s % 60)s" : "") }
    if s < 86400 { return "\(s / 3600)h" + (s % 3600 / 60 != 0 ? " \(s % 3600 / 60)m" : "") }
    return "\(s / 86400)d" + (s % 86400 / 3600 != 0 ? " \(s % 86400 / 3600)h" : "")
  }

  /// `expires in 54m` / `expired 3h ago`.
  static func expiry(_ epoch: Double, now: Double) -> String {
    epoch >= now ? "expires in \(duration(epoch - now))" : "expired \(duration(now - epoch)) ago"
  }

  /// `in 5m` / `3h ago`.
  static func relative(_ epoch: Double, now: Double) -> String {
    epoch >= now ? "in \(duration(epoch - now))" : "\(duration(now - epoch)) ago"
  }
}
