import Histogram

/// The time integral and time-weighted average of a piecewise-constant quantity (agents busy,
/// contacts waiting), updated at each change.
///
///     var busy = TimeWeighted(startingAt: 0)
///     busy.set(3, at: 10)      // 0 busy until t = 10, then 3
///     busy.area(until: 20)     // 30 agent-seconds
public struct TimeWeighted: Hashable, Sendable {
  /// The current level.
  public private(set) var level: Double = 0
  private var lastChange: Double
  private var accumulated = 0.0
  private let start: Double

  public init(startingAt time: Double, level: Double = 0) {
    start = time
    lastChange = time
    self.level = level
  }

  /// Changes the level at `time` (not before the previous change).
  public mutating func set(_ newLevel: Double, at time: Double) {
    precondition(time >= lastChange, "time-weighted update at \(time) before \(lastChange)")
    accumulated += level * (time - lastChange)
    lastChange = time
    level = newLevel
  }

  /// Adds `delta` to the level at `time`.
  public mutating func add(_ delta: Double, at time: Double) { set(level + delta, at: time) }

  /// ∫ level dt from the start to `time` (not before the last change).
  public func area(until time: Double) -> Double {
    precondition(time >= lastChange, "area until \(time) before the last change at \(lastChange)")
    return accumulated + level * (time - lastChange)
  }

  /// The time-weighted average from the start to `time`; 0 over an empty span.
  public func average(until time: Double) -> Double {
    time > start ? area(until: time) / (time - start) : 0
  }
}

/// Quantiles of a non-negative quantity in seconds (waits) in memory that does not grow with the
/// number of observations: an HdrHistogram of milliseconds with two significant digits, so a
/// reported quantile is within 1% (or 1 ms) of the exact sample quantile, from 0 to 400 days
/// (34 560 000 s: deferred work waiting for days, on horizons of a year). Values above 400 days
/// are recorded as 400 days, so a quantile there reads about 400 days. About 15 KiB each (the
/// counts double in range for each 512 bytes); histograms merge exactly. The buckets of a value do
/// not depend on the range, so widening it changes no quantile inside the old range.
///
///     var waits = QuantileHistogram()
///     waits.record(seconds: 12.5)
///     waits.quantile(0.9)    // seconds
public struct QuantileHistogram: Sendable, Equatable {
  /// The largest value kept apart: 400 days, in milliseconds.
  static let highestMilliseconds: UInt64 = 400 * 24 * 3_600_000
  /// The largest value kept apart, in seconds (400 days).
  public static let highestSeconds = Double(highestMilliseconds) / 1000
  private var histogram = Histogram<UInt32>(
    highestTrackableValue: QuantileHistogram.highestMilliseconds, numberOfSignificantValueDigits: .two)

  public init() {}

  /// The number of values recorded.
  public var count: UInt64 { histogram.totalCount }

  /// Records one value (seconds, ≥ 0).
  public mutating func record(seconds: Double) {
    let milliseconds = (seconds * 1000).rounded()
    let clamped = milliseconds >= Double(Self.highestMilliseconds) ? Self.highestMilliseconds : UInt64(max(0, milliseconds))
    histogram.record(clamped)
  }

  /// Adds every value recorded in `other`.
  public mutating func merge(_ other: QuantileHistogram) { histogram.add(other.histogram) }

  /// The `probability` quantile in seconds (the midpoint of its histogram bucket); `nil` when empty.
  /// - Parameter probability: In `0...1`, e.g. 0.9 for the 90th percentile.
  public func quantile(_ probability: Double) -> Double? {
    precondition((0...1).contains(probability), "quantile probability must be in 0...1, got \(probability)")
    guard count > 0 else { return nil }
    let value = histogram.valueAtPercentile(probability * 100)
    return Double(histogram.medianEquivalentForValue(value)) / 1000
  }

  public static func == (lhs: QuantileHistogram, rhs: QuantileHistogram) -> Bool { lhs.histogram == rhs.histogram }
}
