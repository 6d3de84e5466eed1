import Estimators

/// Times of day and dates as call logs write them, shared by the call-log readers: `H:MM:SS`,
/// the rule for times past midnight, timestamps and epoch seconds (the day arithmetic is
/// ``CalendarDay``'s).
enum ClockTime {
  /// Half a day: a time of day earlier than the call's arrival by more is read as after midnight.
  static let wrap = 12.0 * 3600

  /// `H:MM:SS` or `HH:MM:SS` (hours 0–23) in seconds after midnight; `nil` otherwise. With
  /// `fractions`, the seconds may carry a decimal fraction (`08:00:05.125`, any number of digits
  /// after the point), kept exactly as a `Double` parses it.
  static func seconds(_ text: Substring, fractions: Bool = false) -> Double? {
    var text = text
    var fraction = 0.0
    if fractions, let point = text.firstIndex(of: ".") {
      let digits = text[text.index(after: point)...]
      guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let value = Double("0." + digits) else { return nil }
      fraction = value
      text = text[..<point]
    }
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 3, parts[1].count == 2, parts[2].count == 2, (1...2).contains(parts[0].count),
      parts.allSatisfy({ $0.allSatisfy(\.isASCII) }),
      let h = Int(parts[0]), let m = Int(parts[1]), let s = Int(parts[2]), (0..<24).contains(h), (0..<60).contains(m),
      (0..<60).contains(s) else { return nil }
    return Double(h * 3600 + m * 60 + s) + fraction
  }

  /// A time of day of the call's day, moved past midnight (+ 86 400 s) when it is more than
  /// ``wrap`` before the call's `arrival`; a time earlier by less stays, and runs backwards.
  static func ofCall(_ seconds: Double, arrival: Double?) -> Double {
    if let arrival, seconds < arrival - wrap { return seconds + 86_400 }
    return seconds
  }

  /// `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS`, the seconds possibly with a decimal fraction
  /// (`2000-01-01 08:00:05.125`): the day and the seconds after its midnight.
  static func timestamp(_ text: Substring) -> (day: CalendarDay, seconds: Double)? {
    guard text.count == 19 || (text.count > 20 && text.dropFirst(19).first == "."),
      [" ", "T"].contains(text.dropFirst(10).first), let day = CalendarDay(iso: text.prefix(10)),
      text.dropFirst(11).prefix(2).allSatisfy(\.isNumber), let seconds = seconds(text.dropFirst(11), fractions: true)
    else { return nil }
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
