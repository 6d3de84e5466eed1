import Foundation

/// A value a person typed that is not what was expected: names where it was written (a flag or
/// `file:line:column`), the field, what was expected and what was found.
public struct InputError: Error, Hashable, CustomStringConvertible {
  /// `file:line:column` for a file, or `nil` when the field is a command-line flag.
  public var location: String?
  /// The flag (`--rate`) or the column / field path (`contacts`).
  public var field: String
  public var expected: String
  public var found: String

  public init(location: String? = nil, field: String, expected: String, found: String) {
    self.location = location
    self.field = field
    self.expected = expected
    self.found = found
  }

  public var description: String {
    let place = location.map { "\($0): " } ?? ""
    return "\(place)\(field): expected \(expected), found \(found.isEmpty ? "nothing" : "'\(found)'")"
  }
}

/// Quantities with units, as planners type them: durations (`20s`, `4m`, `1.5h`), rates
/// (`200/h`, `100/30m`), percentages (`85%`) and service-level targets (`80/20s`).
///
/// Parsers return `nil` for text that is not the quantity; callers turn that into an
/// ``InputError`` naming the field. Units are required: `20` alone is not a duration.
public enum Quantity {
  /// Seconds in a duration such as `20s`, `4m`, `1.5h` (seconds, minutes, hours); finite and ≥ 0.
  public static func seconds(_ text: String) -> Double? {
    let text = text.trimmingWhitespace()
    guard let unit = text.last else { return nil }
    let factor: Double
    switch unit {
    case "s": factor = 1
    case "m": factor = 60
    case "h": factor = 3600
    case "d": factor = 86_400
    default: return nil
    }
    guard let value = number(text.dropLast()), value >= 0, (value * factor).isFinite else { return nil }
    return value * factor
  }

  /// Contacts per second in a rate such as `200/h`, `3.5/m`, `2/s` or `100/30m` (100 per 30 minutes).
  public static func ratePerSecond(_ text: String) -> Double? {
    let parts = text.trimmingWhitespace().split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2, let count = number(parts[0]), count >= 0 else { return nil }
    let period = String(parts[1]).trimmingWhitespace()
    let seconds = period.count == 1 ? Quantity.seconds("1" + period) : Quantity.seconds(period)
    guard let seconds, seconds > 0, (count / seconds).isFinite else { return nil }
    return count / seconds
  }

  /// The fraction in a percentage such as `85%` or `2.5%`, in `0...1`.
  public static func fraction(_ text: String) -> Double? {
    let text = text.trimmingWhitespace()
    guard text.hasSuffix("%"), let value = number(text.dropLast()), value >= 0, value <= 100 else { return nil }
    return value / 100
  }

  /// A service-level target `P/T`: `80/20s` or `80%/20s` is 80% within 20 seconds.
  public static func serviceLevel(_ text: String) -> (fraction: Double, seconds: Double)? {
    let parts = text.trimmingWhitespace().split(separator: "/", omittingEmptySubsequences: false)
    guard parts.count == 2 else { return nil }
    var share = String(parts[0]).trimmingWhitespace()
    if share.hasSuffix("%") { share.removeLast() }
    guard let percent = number(Substring(share)), percent >= 0, percent <= 100,
      let seconds = seconds(String(parts[1]))
    else { return nil }
    return (percent / 100, seconds)
  }

  /// A plain finite decimal number (no unit, no sign other than a leading `-`).
  static func number(_ text: Substring) -> Double? {
    let text = String(text).trimmingWhitespace()
    guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-" || $0 == "e" || $0 == "E" || $0 == "+") }),
      let value = Double(text), value.isFinite
    else { return nil }
    return value
  }
}

extension String {
  func trimmingWhitespace() -> String {
    String(drop(while: { $0.isWhitespace }).reversed().drop(while: { $0.isWhitespace }).reversed())
  }
}
