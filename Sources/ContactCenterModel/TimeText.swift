import Foundation

/// Clock times and durations as text: the one formatter of times that every module uses (reports,
/// scenario files written back, error messages), so that `09:30` or `15m` reads the same wherever
/// it appears.
///
///     TimeText.clock(34_200)                                   // "09:30"
///     TimeText.clock(36_061.9, precision: .seconds)            // "10:01:01"
///     TimeText.duration(5_400, style: .scenario)               // "90m"
///     TimeText.duration(5_400, style: .compound)               // "1h30m"
///
/// Times are seconds (`SimTime`); a clock time is seconds after midnight. Nothing here depends on
/// the locale.
public enum TimeText {
  /// How precisely a clock time is written.
  public enum ClockPrecision: Sendable {
    /// `HH:MM`, rounded to the nearest minute (planning intervals, opening hours, shift starts).
    case minutes
    /// `HH:MM:SS`, the second the clock is in (truncated: a moment of a simulation).
    case seconds
    /// `HH:MM`, or `HH:MM:SS` when the seconds are not zero, rounded to the nearest second (times a
    /// person wrote to the second).
    case secondsWhenNeeded
  }

  /// `seconds` after midnight as a clock time. Hours run on past 24 (`25:30` is 01:30 the next
  /// day, as in `intervals.csv`); times before midnight get a leading `-`.
  ///
  ///     TimeText.clock(90_000)                                  // "25:00"
  ///     TimeText.clock(30_615, precision: .secondsWhenNeeded)   // "08:30:15"
  /// - Parameter seconds: Any value; a NaN, infinite or larger than 10¹⁵ one (no clock time) gives `--:--`.
  public static func clock(_ seconds: Double, precision: ClockPrecision = .minutes) -> String {
    guard seconds.isFinite, seconds.magnitude < 1e15 else { return "--:--" }
    let unit = precision == .minutes ? 60.0 : 1
    let whole = Int((seconds / unit).rounded(precision == .seconds ? .down : .toNearestOrAwayFromZero)) * Int(unit)
    let magnitude = abs(whole)
    let (h, m, s) = (magnitude / 3600, magnitude / 60 % 60, magnitude % 60)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    let showsSeconds = precision == .seconds || (precision == .secondsWhenNeeded && s != 0)
    return (whole < 0 ? "-" : "") + two(h) + ":" + two(m) + (showsSeconds ? ":" + two(s) : "")
  }

  /// A unit a duration may be written in, with when it is used.
  public struct DurationUnit: Sendable {
    /// Written after the amount: `h`, `min`, `s`.
    public var symbol: String
    /// Its length in seconds.
    public var seconds: Double
    /// The shortest duration written in this unit (seconds).
    public var minimum: Double
    /// A duration is written in this unit only when it is a whole multiple of `step` seconds
    /// (360 lets hours show one decimal: `1.5h`).
    public var step: Double
    /// Writes the amount (the duration divided by ``seconds``).
    public var amount: @Sendable (Double) -> String

    public init(_ symbol: String, seconds: Double, minimum: Double = 0, step: Double, amount: @escaping @Sendable (Double) -> String) {
      (self.symbol, self.seconds, self.minimum, self.step, self.amount) = (symbol, seconds, minimum, step, amount)
    }
  }

  /// How durations are written: the units, largest first (the first that fits is used; the last
  /// is used when none fits), what stands between amount and unit, and the text of an infinite
  /// or undefined duration.
  public struct DurationStyle: Sendable {
    public var units: [DurationUnit]
    public var separator: String
    /// `nil`: non-finite durations are written in the last unit like any other.
    public var nonFinite: String?
    /// Whether a whole number of seconds is written as a sum of units (`1h30m15s`); other
    /// durations are written as ``TimeText/DurationStyle/short`` writes them.
    public var isCompound: Bool

    public init(units: [DurationUnit], separator: String = "", nonFinite: String? = nil, isCompound: Bool = false) {
      (self.units, self.separator, self.nonFinite, self.isCompound) = (units, separator, nonFinite, isCompound)
    }

    /// As a scenario file reads it back exactly: whole hours as `8h`, else whole minutes as
    /// `45m` (`0m` for zero), else seconds as Swift prints the `Double` (`22.5s`, `90.0s`).
    public static let scenario = DurationStyle(units: [
      DurationUnit("h", seconds: 3600, minimum: 3600, step: 3600, amount: integer),
      DurationUnit("m", seconds: 60, minimum: -.infinity, step: 60, amount: integer),
      DurationUnit("s", seconds: 1, step: 1) { $0.isFinite ? "\($0)" : "" },
    ])

    /// Short, for messages: `20s`, `4m`, `1.5m`, `1.5h` (hours from 1 h in tenths, minutes from
    /// 1 min in tenths, else seconds; up to three decimals, trailing zeros dropped).
    public static let short = DurationStyle(units: [
      DurationUnit("h", seconds: 3600, minimum: 3600, step: 360, amount: trimmed),
      DurationUnit("m", seconds: 60, minimum: 60, step: 6, amount: trimmed),
      DurationUnit("s", seconds: 1, step: 1, amount: trimmed),
    ])

    /// In the units a planner writes it with: `8h`, `1h30m`, `15m`, `45s`, `0m`; a duration that
    /// is not a whole number of seconds as ``short`` writes it.
    public static let compound = DurationStyle(units: short.units, isCompound: true)

    /// Compact, for tables: whole minutes from 1 min as `2m`, else seconds as `90s` or `22.5s`
    /// (one decimal); `∞` for an infinite duration.
    public static let compact = DurationStyle(units: [
      DurationUnit("m", seconds: 60, minimum: 60, step: 60, amount: integer),
      DurationUnit("s", seconds: 1, step: 1) { $0 == $0.rounded() ? integer($0) : String(format: "%.1f", $0) },
    ], nonFinite: "∞")

    /// A whole amount as an integer (`8`).
    static func integer(_ amount: Double) -> String { "\(Int(amount))" }

    /// An amount with up to three decimals, trailing zeros dropped (`1.5`, `20`).
    static func trimmed(_ amount: Double) -> String {
      let text = String(format: "%.3f", amount)
      return String(text.reversed().drop(while: { $0 == "0" }).drop(while: { $0 == "." }).reversed())
    }
  }

  /// `seconds` as a duration in `style`.
  ///
  ///     TimeText.duration(22.5, style: .scenario)   // "22.5s"
  ///     TimeText.duration(90, style: .short)        // "1.5m"
  ///     TimeText.duration(120, style: .compact)     // "2m"
  /// - Parameter seconds: Any value; what a non-finite one gives depends on the style.
  public static func duration(_ seconds: Double, style: DurationStyle) -> String {
    if !seconds.isFinite, let text = style.nonFinite { return text }
    if style.isCompound {
      let whole = Int(exactly: seconds.rounded()) ?? 0
      guard seconds.isFinite, abs(seconds - Double(whole)) < 1e-6 else { return duration(seconds, style: .short) }
      let (h, m, s) = (whole / 3600, whole / 60 % 60, whole % 60)
      let text = (h > 0 ? "\(h)h" : "") + (m > 0 ? "\(m)m" : "") + (s > 0 ? "\(s)s" : "")
      return text.isEmpty ? "0m" : text
    }
    let unit = style.units.first { seconds >= $0.minimum && seconds.truncatingRemainder(dividingBy: $0.step) == 0 } ?? style.units.last!
    return unit.amount(seconds / unit.seconds) + style.separator + unit.symbol
  }
}
