import Estimators

/// Times of day and dates as call logs write them, shared by the call-log readers: `H:MM:SS`,
/// the rule for times past midnight, timestamps and epoch seconds (the day arithmetic is
/// ``CalendarDay``'s).
enum ClockTime {
  /// Half a day: a time of day earlier than the call's arrival by more is read as after midnight.
  static let wrap = 12.0 * 3600

  /// `H:MM:SS` or `HH:MM:SS` (hours 0–23) in seconds after midnight; `nil` otherwise.
  static func seconds(_ text: Substring) -> Double? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[1].count == 2, parts[2].count == 2, (1...2).contains(parts[0].count),
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
      let h = Int(parts[0]), let m = Int(parts[1]), let s = Int(parts[2]), (0..<24).contains(h), (0..<60).contains(m),
      (0..<60).contains(s) else { return nil }
    return Double(h * 3600 + m * 60 + s)
  }

  /// A time of day of the call's day, moved past midnight (+ 86 400 s) when it is more than
  /// ``wrap`` before the call's `arrival`; a time earlier by less stays, and runs backwards.
  static func ofCall(_ seconds: Double, arrival: Double?) -> Double {
    if let arrival, seconds < arrival - wrap { return seconds + 86_400 }
    return seconds
  }

  /// `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS`: the day and the seconds after its midnight.
  static func timestamp(_ text: Substring) -> (day: CalendarDay, seconds: Double)? {
    guard text.count == 19, [" ", "T"].contains(text.dropFirst(10).first), let day = CalendarDay(iso: text.prefix(10)),
      text.dropFirst(11).prefix(2).allSatisfy(\.isNumber), let seconds = seconds(text.suffix(8)) else { return nil }
    return (day, seconds)
  }

  /// Seconds since 1970-01-01 00:00:00 UTC (a whole or decimal number ≥ 0): the UTC day and the
  /// seconds after its midnight.
  static func epoch(_ text: Substring) -> (day: CalendarDay, seconds: Double)? {
    guard let value = Double(text), value.isFinite, value >= 0, value < 253_402_300_800 else { return nil }
    let days = (value / 86_400).rounded(.down)
    return (CalendarDay(daysSinceEpoch: Int(days)), value - days * 86_400)
  }
}
