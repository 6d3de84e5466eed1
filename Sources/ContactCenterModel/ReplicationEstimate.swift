import Stochastic

/// One metric estimated over independent replications: the ratio of sums of its parts where the
/// replications kept them (the ratios of a steady-state study, ``MetricValues/ratios``), with the
/// delta-method error of ``RatioTally``; else the mean of the replications' values, with s ÷ √R.
/// `summary.json`, ``RunResult/confidenceInterval(_:type:level:)`` and the validation studies all
/// estimate through it (`Docs/metrics.md`, "Steady-state estimates").
///
///     let asa = ReplicationEstimate(parts: replications.map { $0.totals.ratio(.averageSpeedOfAnswer) },
///                                   values: replications.map { $0.totals[.averageSpeedOfAnswer] })
///     asa?.confidenceInterval(level: 0.99)
public struct ReplicationEstimate: Hashable, Sendable {
  private enum Source: Hashable, Sendable {
    case mean(Tally)
    case ratio(RatioTally)
  }

  private let source: Source

  /// `nil` when no replication defines the metric (no values, and no parts with a denominator > 0).
  /// - Parameters:
  ///   - parts: Per replication, the ratio's numerator and denominator, or `nil` (not kept).
  ///   - values: Per replication, the metric's value, or `nil` (undefined); used when no part was kept.
  public init?(parts: [RatioParts?], values: [Double?]) {
    var ratios = RatioTally()
    for case let part? in parts { ratios.add(numerator: part.numerator, denominator: part.denominator) }
    if ratios.ratio != nil {
      source = .ratio(ratios)
      return
    }
    var tally = Tally()
    for case let value? in values { tally.add(value) }
    guard tally.count > 0 else { return nil }
    source = .mean(tally)
  }

  /// The metric `m` (its index in the key's `allCases`) over `replications`.
  init?<Key>(_ replications: [MetricValues<Key>], index m: Int) {
    self.init(parts: replications.map { $0.ratios.isEmpty ? nil : $0.ratios[m] }, values: replications.map { $0.values[m] })
  }

  /// Whether it is a ratio of sums (else a mean of the replications' values).
  public var isRatioOfSums: Bool { if case .ratio = source { true } else { false } }

  /// The replications it is estimated from.
  public var count: Int {
    switch source {
    case .mean(let tally): tally.count
    case .ratio(let ratios): ratios.count
    }
  }

  public var mean: Double {
    switch source {
    case .mean(let tally): tally.mean
    case .ratio(let ratios): ratios.ratio!
    }
  }

  /// Its standard error; `nil` from a single replication.
  public var standardError: Double? {
    guard count > 1 else { return nil }
    return switch source {
    case .mean(let tally): tally.standardDeviation / Double(tally.count).squareRoot()
    case .ratio(let ratios): ratios.standardError
    }
  }

  /// The `level` Student-t confidence interval (R − 1 degrees of freedom); infinitely wide from a
  /// single replication.
  public func confidenceInterval(level: Double) -> ConfidenceInterval {
    switch source {
    case .mean(let tally): tally.confidenceInterval(level: level)
    case .ratio(let ratios): ratios.confidenceInterval(level: level)!
    }
  }
}
