import ContactCenterModel
import Stochastic

/// A reference case as a simulation study: the steady-state scenario that models it, the
/// replications and seed to run it with, and which simulated metric estimates which reference
/// value. The tests and `validation-report` (`Docs/validation.md`) run the same
/// studies, so both see the same numbers.
///
///     let study = ReferenceStudy.nDesign(file.cases[0])
///     let agreements = study.agreements(with: study.run())
///     agreements.allSatisfy(\.isInside)
public struct ReferenceStudy: Sendable {
  public var reference: ReferenceCase
  /// How the file says a product's value is judged.
  public var rule: ToleranceRule
  public var scenario: Scenario
  /// Independent replications (20, each of one long measurement window after a warm-up).
  public var replications: Int
  /// The master seed, fixed so that pass/fail is deterministic.
  public var seed: UInt64
  /// The metrics compared, in report order.
  public var comparisons: [ReferenceComparison]

  /// The priority cases the tests and the report use: multi-server cases with two and three classes
  /// at loads from 0.83 to 0.85 (the others are single-server or near-duplicates).
  public static let priorityCaseIDs: Set<String> = ["PR-001", "PR-002", "PR-013", "PR-022"]

  /// Runs the study's replications.
  /// - Parameter threads: ≥ 1; the result does not depend on it.
  /// - Throws: ``ContactCenterModel/CentreOverload`` if the study's centre overloads.
  public func run(threads: Int = 2) throws(CentreOverload) -> RunResult {
    try Experiment(scenario: scenario, seed: seed).run(replications: replications, threads: threads)
  }

  /// Each comparison judged by ``rule`` on `result` (a run of this study): a ratio as the ratio of
  /// sums over the replications (``RatioTally``), any other reading as the mean of their values.
  public func agreements(with result: RunResult) -> [Agreement] {
    comparisons.map { comparison in
      Agreement(comparison: comparison, rule: rule, reference: reference,
                simulated: SimulatedEstimate(comparison.reading, over: result.replications))
    }
  }
}

/// A simulated value over replications: its estimate, standard error and 99% interval.
public struct SimulatedEstimate: Hashable, Sendable {
  /// The estimate and its 99% Student-t confidence interval.
  public var interval: ConfidenceInterval
  /// The standard error of the estimate (s ÷ √R for a mean; the delta method for a ratio of sums).
  public var standardError: Double
  /// The replications that define the reading.
  public var count: Int

  /// `reading` over `replications`: the ratio of sums of its parts where every replication that
  /// defines it kept them (a steady-state run), else the mean of the replications' values.
  public init(_ reading: Reading, over replications: [ReplicationResult]) {
    let estimate = ReplicationEstimate(parts: replications.map { reading.parts(in: $0) },
                                       values: replications.map { reading.value(in: $0) })
    // No replication defines the reading: an empty tally's interval (mean 0, infinitely wide).
    interval = estimate?.confidenceInterval(level: 0.99) ?? Tally().confidenceInterval(level: 0.99)
    standardError = estimate?.standardError ?? .infinity
    count = estimate?.count ?? 0
  }
}

/// How a simulated value is judged against a reference value: the `tolerance_rule` of its file.
public enum ToleranceRule: Hashable, Sendable {
  /// A reference simulation's value (mean of `n_reps` replications with standard deviation
  /// `sd_per_rep`): inside iff |simulated − value| ≤ 4·√(sd_per_rep²/n_reps + se²), where `se` is
  /// the standard error of the simulator's estimate (sd ÷ √R over its `R` replications for a mean,
  /// the delta method for a ratio of sums).
  case referenceSimulation
  /// An exact value: inside iff it lies in the simulated 99% confidence interval, or within the
  /// file's `abs_tol + rel_tol·|value|` of the simulated mean.
  case exact
  /// An exact value checked by the simulation's own precision: inside iff |simulated − value| ≤
  /// `multiple` standard errors of the simulated estimate (as for ``referenceSimulation``; a value
  /// the simulation reproduces without variation, such as a wait probability of 0 with no waiting
  /// places, must match to 1e-12).
  case standardErrors(Double)
}

/// Where a simulated metric is read from one replication's results.
public enum Reading: Hashable, Sendable {
  /// A contact metric of one type's day.
  case type(Metric, Int)
  /// A contact metric of the whole centre's day.
  case total(Metric)
  /// A metric of one agent group's day.
  case group(GroupMetric, Int)
  /// A count of one type (e.g. resolved) divided by the contacts offered to another (the entry type).
  case share(Metric, type: Int, ofOfferedTo: Int)
  /// A count of one type per hour of a measurement window `hours` long (e.g. throughput).
  case perHour(Metric, type: Int, hours: Double)
  /// A type's mean queue length by Little's law: answered per second of the window × ASA (exact
  /// on a run whose admitted contacts are all answered, i.e. without abandonment).
  case queueLength(type: Int, hours: Double)

  /// The reading's numerator and denominator in `replication`, where it is a ratio whose parts
  /// the replication kept (a steady-state run): a ratio metric, or a count over another type's
  /// offered contacts; `nil` otherwise.
  public func parts(in replication: ReplicationResult) -> RatioParts? {
    switch self {
    case .type(let metric, let type): replication.types[type].ratio(metric)
    case .total(let metric): replication.totals.ratio(metric)
    case .group(let metric, let group): replication.groups[group].ratio(metric)
    case .share(let metric, let type, let entry):
      // Kept parts mark a steady-state run; the share's own parts are two counts.
      replication.totals.ratios.isEmpty ? nil : replication.types[type][metric].flatMap { count in
        replication.types[entry][.offered].map { RatioParts(numerator: count, denominator: $0) }
      }
    case .perHour, .queueLength: nil
    }
  }

  /// The value in `replication`, or `nil` where the replication does not define it.
  public func value(in replication: ReplicationResult) -> Double? {
    switch self {
    case .type(let metric, let type): replication.types[type][metric]
    case .total(let metric): replication.totals[metric]
    case .group(let metric, let group): replication.groups[group][metric]
    case .share(let metric, let type, let entry):
      replication.types[type][metric].flatMap { count in replication.types[entry][.offered].map { count / $0 } }
    case .perHour(let metric, let type, let hours): replication.types[type][metric].map { $0 / hours }
    case .queueLength(let type, let hours):
      replication.types[type][.answered].flatMap { answered in
        replication.types[type][.averageSpeedOfAnswer].map { answered / (hours * 3600) * $0 }
      }
    }
  }
}

/// One reference value and the simulated metric that estimates it.
public struct ReferenceComparison: Hashable, Sendable {
  /// The reference file's key, e.g. `"class1_p_wait"`.
  public var key: String
  /// The simulator's side in words, e.g. `"class1 wait_probability"`.
  public var label: String
  public var reading: Reading
}

/// A simulated metric judged against its reference value.
public struct Agreement: Hashable, Sendable, CustomStringConvertible {
  public var caseID: String
  public var comparison: ReferenceComparison
  /// The reference value; `nil` if the case lacks the key (never inside).
  public var reference: Double?
  /// The simulated estimate over replications and its 99% Student-t confidence interval.
  public var simulated: ConfidenceInterval
  /// The largest |simulated − reference| the rule accepts.
  public var allowed: Double
  public var isInside: Bool

  init(comparison: ReferenceComparison, rule: ToleranceRule, reference: ReferenceCase, simulated: SimulatedEstimate) {
    caseID = reference.id
    self.comparison = comparison
    self.simulated = simulated.interval
    let key = comparison.key
    self.reference = reference.expected(key)
    let ours = simulated.standardError
    switch rule {
    case .referenceSimulation:
      if let sd = reference.expected(key, "sd_per_rep"), let n = reference.expected(key, "n_reps") {
        allowed = max(4 * (sd * sd / n + ours * ours).squareRoot(), 1e-12)
      } else {
        allowed = .nan
      }
    case .exact:
      let absolute = reference.expected(key, "abs_tol") ?? 0, relative = reference.expected(key, "rel_tol") ?? 0
      let tolerance = absolute + relative * abs(self.reference ?? 0)
      allowed = max(self.simulated.halfWidth, tolerance)
    case .standardErrors(let multiple):
      allowed = max(multiple * ours, 1e-12)
    }
    let deviation = self.reference.map { abs(simulated.interval.mean - $0) } ?? .nan
    isInside = deviation <= allowed   // false for a missing reference or tolerance (NaN)
  }

  public var description: String {
    guard let reference else { return "\(caseID) lacks \(comparison.key)" }
    return "\(caseID) \(comparison.key) (\(comparison.label)): simulated \(simulated.mean) "
      + "vs reference \(reference) ± \(allowed)"
  }
}
