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

  /// - Parameter values: One value per metric, in `Key.allCases` order.
  public init(_ values: [Double?]) {
    precondition(values.count == Key.allCases.count, "one value per metric")
    self.values = values
  }

  public subscript(metric: Key) -> Double? { values[Key.allCases.firstIndex(of: metric)!] }
}
