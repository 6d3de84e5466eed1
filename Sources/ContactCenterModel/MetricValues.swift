/// One replication's value of every metric of one kind — the contact metrics (``Metric``) of a
/// type, priority class, channel or the centre, or the metrics of an agent group
/// (``GroupMetric``) — read by metric rather than by position.
///
///     let replication = Experiment(scenario: scenario, seed: 1).replicate(0)
///     replication.totals[.serviceLevel]   // Double? (nil where the metric is undefined)
public struct MetricValues<Key: CaseIterable & Hashable & Sendable>: Hashable, Sendable where Key.AllCases == [Key] {
  /// Every metric's value in `Key.allCases` order; `nil` where the replication did not define it
  /// (a ratio with an empty denominator).
  public var values: [Double?]

  /// In a steady-state study, each ratio metric's numerator and denominator in `Key.allCases`
  /// order (`nil` for a metric that is not a ratio, such as a count or a percentile), from which
  /// the run estimates it as a ratio of sums over replications; empty in a day study.
  public var ratios: [RatioParts?]

  /// - Parameters:
  ///   - values: One value per metric, in `Key.allCases` order.
  ///   - ratios: Empty, or one entry per metric (see ``ratios``).
  public init(_ values: [Double?], ratios: [RatioParts?] = []) {
    precondition(values.count == Key.allCases.count, "one value per metric")
    precondition(ratios.isEmpty || ratios.count == values.count, "no ratio parts, or one entry per metric")
    self.values = values
    self.ratios = ratios
  }

  public subscript(metric: Key) -> Double? { values[Key.allCases.firstIndex(of: metric)!] }

  /// The numerator and denominator of a ratio metric, where kept (``ratios``).
  public func ratio(_ metric: Key) -> RatioParts? {
    ratios.isEmpty ? nil : ratios[Key.allCases.firstIndex(of: metric)!]
  }
}

/// A ratio metric of one replication as its two totals, e.g. `asa_s` as the sum of the waits of the
/// answered contacts and their number. The value is `numerator ÷ denominator` when the
/// denominator is > 0.
public struct RatioParts: Hashable, Sendable {
  public var numerator: Double
  public var denominator: Double

  public init(numerator: Double, denominator: Double) { (self.numerator, self.denominator) = (numerator, denominator) }

  /// `numerator ÷ denominator`; `nil` when the denominator is 0.
  public var value: Double? { denominator > 0 ? numerator / denominator : nil }
}

/// Collects the parts of the ratio metrics while a metric list is computed: ``ratio(_:_:)`` gives
/// the value and, when parts are kept, notes them at the metric being computed (``index``).
struct RatioRecorder {
  let keepsParts: Bool
  var index = 0
  var parts: [RatioParts?]

  init(keepsParts: Bool, count: Int) {
    self.keepsParts = keepsParts
    parts = keepsParts ? Array(repeating: nil, count: count) : []
  }

  /// `numerator ÷ denominator`, `nil` when the denominator is 0; the parts are noted at ``index``.
  mutating func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
    if keepsParts { parts[index] = RatioParts(numerator: numerator, denominator: denominator) }
    return denominator > 0 ? numerator / denominator : nil
  }
}
