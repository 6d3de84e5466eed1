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
    if fractions, let point = text.utf8.firstIndex(of: UInt8(ascii: ".")) {
      let digits = text[text.index(after: point)...]
      guard !digits.isEmpty, digits.utf8.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
        let value = Double("0." + digits) else { return nil }
      fraction = value
      text = text[..<point]
    }
    // Read on the UTF-8 bytes (a log has millions of these): H or HH, then :MM:SS.
    let bytes = text.utf8
    guard (7...8).contains(bytes.count) else { return nil }
    var values: [Int] = [0, 0, 0]
    var part = 0, digits = 0
    var lengths = [0, 0, 0]
    for byte in bytes {
      if byte == UInt8(ascii: ":") {
        guard part < 2, digits > 0 else { return nil }
        lengths[part] = digits
        part += 1
        digits = 0
      } else {
        guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
        values[part] = values[part] * 10 + Int(byte - UInt8(ascii: "0"))
        digits += 1
      }
    }
    lengths[part] = digits
    guard part == 2, (1...2).contains(lengths[0]), lengths[1] == 2, lengths[2] == 2,
      values[0] < 24, values[1] < 60, values[2] < 60 else { return nil }
    return Double(values[0] * 3600 + values[1] * 60 + values[2]) + fraction
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

  /// `H:MM` or `H:MM:SS` (hours 0–23; `HH` too) in seconds after midnight: an interval report's
  /// start of interval; `nil` otherwise.
  static func minutes(_ text: Substring) -> Double? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return seconds(text) }
    return seconds(text + ":00")
  }

  /// `YYYY-MM-DD HH:MM[:SS]` (or with `T`): the day and the seconds after its midnight.
  static func minuteTimestamp(_ text: Substring) -> (day: CalendarDay, seconds: Double)? {
    guard text.count == 16 else { return timestamp(text) }
    return timestamp(text + ":00")
  }

  /// A duration written as a clock, `H:MM:SS` (hours of any length) or `MM:SS` (minutes of any
  /// length: `125:30`), in seconds; `nil` otherwise. ACDs write AHT and ASA so.
  static func clockDuration(_ text: Substring) -> Double? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
      parts.dropFirst().allSatisfy({ $0.count == 2 }), parts[0].count <= 6 else { return nil }
    var total = 0
    for (position, part) in parts.enumerated() {
      guard let value = Int(part), position == 0 || value < 60 else { return nil }
      total = total * 60 + value
    }
    return Double(total)
  }

  /// A fixed offset from UTC, `+HH:MM` or `-HH:MM` (also `UTC` and `Z` for 0), within ±14:00, in
  /// seconds; `nil` otherwise.
  static func utcOffset(_ text: Substring) -> Double? {
    if text == "UTC" || text == "Z" { return 0 }
    guard text.count == 6, let sign = text.first, sign == "+" || sign == "-", text.dropFirst(3).first == ":",
      text.dropFirst().allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ":") }),
      let hours = Int(text.dropFirst().prefix(2)), let minutes = Int(text.suffix(2)), minutes < 60,
      hours * 60 + minutes <= 14 * 60 else { return nil }
    return Double(sign == "-" ? -1 : 1) * Double(hours * 3600 + minutes * 60)
  }

  /// A time of `day` (seconds after its midnight, 0 ≤ seconds < 86 400) moved by `offset` seconds,
  /// into the day it then falls on; `nil` before 1970-01-01 or after 9999-12-31.
  static func shifted(_ day: CalendarDay, _ seconds: Double, by offset: Double) -> (day: CalendarDay, seconds: Double)? {
    let moved = seconds + offset
    let days = (moved / 86_400).rounded(.down)
    let number = day.daysSinceEpoch + Int(days)
    guard (0...2_932_896).contains(number) else { return nil }
    return (CalendarDay(daysSinceEpoch: number), moved - days * 86_400)
  }
}
