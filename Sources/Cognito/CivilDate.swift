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
