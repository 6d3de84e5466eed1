import ContactCenterModel

/// A value axis of a chart: its title (with the unit, "Service level (%)"), how its ticks are
/// chosen and labelled, and optionally a fixed range.
///
///     ChartAxis(title: "Service level (%)", range: 0...100)
///     ChartAxis(title: "Time of day", ticks: .clock)
public struct ChartAxis: Hashable, Sendable {
  /// How tick values are chosen and written.
  public enum Ticks: Hashable, Sendable {
    /// Round numbers (1, 2, 2.5 or 5 times a power of ten).
    case numbers
    /// Seconds after midnight, labelled `HH:MM`, every 5 minutes to 12 hours; the range is the
    /// data's, not rounded outwards.
    case clock
  }

  /// The axis title as shown, with its unit in parentheses.
  public var title: String
  public var ticks: Ticks
  /// A fixed range; `nil`: from the data (rounded outwards to whole ticks).
  public var range: ClosedRange<Double>?
  /// Whether a range taken from the data must include zero (counts, costs, agents).
  public var includesZero: Bool

  public init(title: String, ticks: Ticks = .numbers, range: ClosedRange<Double>? = nil, includesZero: Bool = true) {
    self.title = title
    self.ticks = ticks
    self.range = range
    self.includesZero = includesZero
  }

  /// The scale for data spanning `lower...upper` (already finite) with at most `maximumTicks` ticks.
  func scale(dataLower: Double?, dataUpper: Double?, maximumTicks: Int) -> AxisScale {
    let lower = range?.lowerBound ?? dataLower ?? 0
    let upper = range?.upperBound ?? dataUpper ?? 0
    switch ticks {
    case .clock:
      return AxisScale.clock(from: lower, to: upper, maximumTicks: maximumTicks)
    case .numbers:
      if let range { return AxisScale.fixed(range, maximumTicks: maximumTicks) }
      return AxisScale.nice(lower: includesZero ? min(lower, 0) : lower, upper: includesZero ? max(upper, 0) : upper,
                            maximumTicks: maximumTicks)
    }
  }
}

/// The numeric range an axis shows and its ticks with their labels.
public struct AxisScale: Hashable, Sendable {
  public var lower: Double
  public var upper: Double
  /// Tick values, ascending, inside `lower...upper`.
  public var ticks: [Double]
  /// The tick labels, one per tick.
  public var labels: [String]

  /// Round ticks covering `lower...upper`: the smallest step of the form {1, 2, 2.5, 5} × 10^k that
  /// needs at most `maximumTicks` ticks, and the range widened to whole steps. An empty range
  /// (`lower == upper`) is widened to a unit around it (`0...1` for zero).
  ///
  ///     AxisScale.nice(lower: 0, upper: 87, maximumTicks: 6).ticks   // [0, 20, 40, 60, 80, 100]
  ///     AxisScale.nice(lower: 0, upper: 0.7, maximumTicks: 6).labels // ["0.0", "0.2", …, "0.8"]
  ///
  /// Never traps, whatever the bounds: a NaN or infinite bound gives `0...1`; a range narrower
  /// than a billionth takes steps of at least 10⁻⁹ (labels have at most nine decimals); a range far
  /// from zero for its width (`1e17...1e17 + 16`) takes steps whose multiples fit in an `Int`; and a
  /// range no round step can cover in finite numbers (`-1.7e308...1.7e308`) gets just its two ends
  /// as ticks. The ticks are finite, ascending, at least two, and cover `lower...upper`.
  /// - Parameter maximumTicks: At least 2 (smaller values are taken as 2).
  public static func nice(lower: Double, upper: Double, maximumTicks: Int) -> AxisScale {
    let maximumTicks = max(maximumTicks, 2)
    var (lower, upper) = (min(lower, upper), max(lower, upper))
    if !(lower.isFinite && upper.isFinite) { (lower, upper) = (0, 1) }
    if upper == lower {
      if lower == 0 { upper = 1 } else { (lower, upper) = lower > 0 ? (0, lower * 1.25) : (lower * 1.25, 0) }
      (lower, upper) = (max(lower, -.greatestFiniteMagnitude), min(upper, .greatestFiniteMagnitude))   // 1.25 × 1e308
    }
    let rough = (upper - lower) / Double(maximumTicks - 1)
    var exponent = Int((rough.magnitude).log10Floor) - 1
    while exponent <= Step.largestExponent {
      for mantissa in [10, 20, 25, 50] {   // step = mantissa × 10^(exponent − 1)
        let step = Step(mantissa: mantissa, exponent: exponent - 1)
        let first = (lower / step.value).rounded(.down), last = (upper / step.value).rounded(.up)
        guard step.isUsable(from: first, through: last, covering: lower, upper) else { continue }
        if last - first + 1 <= Double(maximumTicks) {
          let ticks = stride(from: Int(first), through: Int(last), by: 1).map(step.multiple)
          return AxisScale(lower: step.multiple(Int(first)), upper: step.multiple(Int(last)), ticks: ticks,
                           labels: ticks.map { Markup.number($0, decimals: step.decimals) })
        }
      }
      exponent += 1
    }
    // No round step covers the range in finite numbers: its two ends.
    return AxisScale(lower: lower, upper: upper, ticks: [lower, upper], labels: [lower, upper].map { Markup.number($0, decimals: 0) })
  }

  /// Exactly `range`, with round ticks inside it (a percentage axis `0...100`).
  public static func fixed(_ range: ClosedRange<Double>, maximumTicks: Int) -> AxisScale {
    var scale = nice(lower: range.lowerBound, upper: range.upperBound, maximumTicks: maximumTicks)
    if scale.lower == range.lowerBound && scale.upper == range.upperBound { return scale }
    let inside = scale.ticks.indices.filter { range.contains(scale.ticks[$0]) }
    scale.ticks = inside.map { scale.ticks[$0] }
    scale.labels = inside.map { scale.labels[$0] }
    scale.lower = range.lowerBound
    scale.upper = range.upperBound
    return scale
  }

  /// Clock ticks (`HH:MM`) every 5, 10, 15 or 30 minutes or 1, 2, 3, 4, 6 or 12 hours, the
  /// shortest step that needs at most `maximumTicks` ticks between `start` and `end` (seconds
  /// after midnight); the range is kept as given. Longer ranges take a whole number of days per
  /// step. An empty or reversed range is taken as the hour from `start`; a range with a NaN or
  /// infinite end, or beyond a million years, as the hour from midnight.
  /// - Parameter maximumTicks: At least 2 (smaller values are taken as 2).
  public static func clock(from start: Double, to end: Double, maximumTicks: Int) -> AxisScale {
    let maximumTicks = max(maximumTicks, 2)
    var (start, end) = end > start ? (start, end) : (start, start + 3600)
    if !(start.isFinite && end.isFinite) || max(start.magnitude, end.magnitude) > 3e13 { (start, end) = (0, 3600) }
    let steps: [Double] = [300, 600, 900, 1800, 3600, 7200, 10_800, 14_400, 21_600, 43_200, 86_400]
    let step = steps.first { ((end / $0).rounded(.down) - (start / $0).rounded(.up) + 1) <= Double(maximumTicks) }
      ?? 86_400 * ((end - start) / 86_400 / Double(maximumTicks - 1)).rounded(.up)
    let ticks = stride(from: Int((start / step).rounded(.up)), through: Int((end / step).rounded(.down)), by: 1)
      .map { Double($0) * step }
    return AxisScale(lower: start, upper: end, ticks: ticks, labels: ticks.map { TimeText.clock($0) })
  }

  /// A step {10, 20, 25, 50} × 10^exponent, whose multiples are computed without accumulating
  /// rounding error (`3 × 0.1` is written `0.3`).
  private struct Step {
    var mantissa: Int
    var exponent: Int

    var value: Double { multiple(1) }

    func multiple(_ count: Int) -> Double {
      let units = Double(count * mantissa)
      return exponent >= 0 ? units * Markup.powerOfTen(exponent) : units / Markup.powerOfTen(-exponent)
    }

    /// Decimals needed to write every multiple exactly.
    var decimals: Int {
      let places = max(0, -exponent)
      return mantissa % 10 == 0 ? max(0, places - 1) : places
    }

    /// Beyond 10^308 no step is finite.
    static let largestExponent = 310

    /// Whether the multiples `first…last` of this step can be the ticks of `lower...upper`: the
    /// step is finite and positive, its labels need at most nine decimals
    /// (``Markup/number(_:decimals:)``), `first` and `last` are integers a `Double` holds exactly
    /// (so their multiples fit in an `Int`, mantissa included), and the end ticks are finite and
    /// cover the range despite rounding.
    func isUsable(from first: Double, through last: Double, covering lower: Double, _ upper: Double) -> Bool {
      let value = value
      guard value.isFinite && value > 0, decimals <= 9 else { return false }
      guard first.magnitude < 9e15, last.magnitude < 9e15 else { return false }
      let (low, high) = (multiple(Int(first)), multiple(Int(last)))
      return low.isFinite && high.isFinite && low <= lower && high >= upper
    }
  }
}

extension Double {
  /// ⌊log₁₀ x⌋ for a positive finite x (0 for anything else).
  fileprivate var log10Floor: Double {
    guard self > 0 && isFinite else { return 0 }
    var exponent = 0.0, x = self
    while x >= 10 { x /= 10; exponent += 1 }
    while x < 1 { x *= 10; exponent -= 1 }
    return exponent
  }
}
