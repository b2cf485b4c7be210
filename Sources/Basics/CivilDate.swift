/// Proleptic Gregorian dates from day counts, without Foundation's calendar machinery.
public enum CivilDate {
  /// The UTC calendar fields of a time in seconds since 1970.
  public static func components(epochSeconds: Int) -> (
    year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int
  ) {
    let days = epochSeconds >= 0 ? epochSeconds / 86400 : (epochSeconds - 86399) / 86400
    let secs = epochSeconds - days * 86400
    let (y, m, d) = fromDays(days)
    return (y, m, d, secs / 3600, secs / 60 % 60, secs % 60)
  }

  /// `2026-11-29T16:07:06Z`, as ISO 8601 and the AWS credential_process contract write a time.
  public static func iso8601(epochSeconds t: Double) -> String {
    let c = components(epochSeconds: Int(EpochSeconds.clamped(t)))
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(c.year)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z"
  }

  /// Days since 1970-01-01 of a civil date (Howard Hinnant's days_from_civil).
  public static func days(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// Seconds since 1970 of an ISO 8601 UTC time as AWS writes it (`2026-11-29T16:00:00Z`, with
  /// optional fractional seconds or `+00:00`); nil for anything else.
  public static func epochSeconds(iso8601 text: String) -> Double? {
    let b = Array(text.utf8)
    func number(_ from: Int, _ count: Int) -> Int? {
      guard from + count <= b.count else { return nil }
      var n = 0
      for k in from..<(from + count) {
        guard (48...57).contains(b[k]) else { return nil }
        n = n * 10 + Int(b[k] - 48)
      }
      return n
    }
    guard b.count >= 20, b[4] == 45, b[7] == 45, b[10] == 84 || b[10] == 32, b[13] == 58, b[16] == 58,
      let year = number(0, 4), let month = number(5, 2), let day = number(8, 2), let hour = number(11, 2),
      let minute = number(14, 2), let second = number(17, 2), (1...12).contains(month), (1...31).contains(day),
      hour < 24, minute < 60, second < 61
    else { return nil }
    var rest = b[19...]
    if rest.first == 46 { rest = rest.drop(while: { $0 == 46 || (48...57).contains($0) }) }
    guard Array(rest) == Array("Z".utf8) || Array(rest) == Array("+00:00".utf8) else { return nil }
    return Double(days(year: year, month: month, day: day) * 86400 + hour * 3600 + minute * 60 + second)
  }

  /// Year, month (1–12), day (1–31) of `days` since 1970-01-01 (Howard Hinnant's algorithm).
  public static func fromDays(_ days: Int) -> (Int, Int, Int) {
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
    let y = yoe + era * 400
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    return (m <= 2 ? y + 1 : y, m, d)
  }
}

/// Two decimal digits, zero-padded.
public func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
