import Dispatch
import Stochastic
import Synchronization

/// Independent replications of one scenario, run in parallel and merged in replication order, so
/// the result is identical whatever the number of threads.
///
///     let result = try Experiment(scenario: scenario, seed: 1).run(replications: 30, threads: 2)
///     result.totals[.serviceLevel]?.mean
public struct Experiment: Sendable {
  public var scenario: Scenario
  /// The master seed: every random stream of every replication is derived from it.
  public var seed: UInt64

  public init(scenario: Scenario, seed: UInt64) {
    self.scenario = scenario
    self.seed = seed
  }

  /// Runs replication `index` (0-based) alone.
  /// - Throws: ``CentreOverload`` when the replication overloads the centre.
  public func replicate(_ index: Int) throws(CentreOverload) -> ReplicationResult {
    try replicate(index, routing: RoutingTable(scenario: scenario))
  }

  /// Runs replication `index` with the experiment's routing table, built once and shared.
  func replicate(_ index: Int, routing: RoutingTable) throws(CentreOverload) -> ReplicationResult {
    var simulation = Simulation(scenario: scenario, routing: routing, seed: seed, replication: index)
    return try simulation.run()
  }

  /// Runs replication `index` keeping its contacts: its result, and every contact its summary
  /// counts in order of arrival.
  func replicateWithContacts(_ index: Int, routing: RoutingTable) throws(CentreOverload)
    -> (ReplicationResult, [ContactRecord]) {
    var simulation = Simulation(scenario: scenario, routing: routing, seed: seed, replication: index, logsContacts: true)
    let result = try simulation.run()
    return (result, simulation.log?.takeFinished() ?? [])
  }

  /// Runs `replications` replications on `threads` threads.
  /// - Parameters:
  ///   - replications: ≥ 1 (≥ 2 for confidence intervals).
  ///   - threads: ≥ 1; replication `i` runs on thread `i mod threads`, but results never depend on it.
  ///   - progress: Called (from any thread) with the number of replications finished so far.
  ///   - contacts: When given, called with each replication's contacts (``ContactRecord``, every
  ///     contact the replication's summary counts, in order of arrival), one replication at a time
  ///     and in replication order whatever the threads; a replication finished early waits in
  ///     memory for those before it. Without it the engine keeps no record of single contacts.
  /// - Throws: ``CentreOverload`` when a replication overloads the centre: the one of the lowest
  ///   index, whatever the threads (no replication after it starts once it is known, and every
  ///   one before it runs). Nothing else is returned: an overloaded centre has no results.
  public func run(
    replications: Int, threads: Int = 1, progress: (@Sendable (Int) -> Void)? = nil,
    contacts: (@Sendable ([ContactRecord]) -> Void)? = nil
  ) throws(CentreOverload) -> RunResult {
    precondition(replications >= 1 && threads >= 1, "need at least one replication and one thread")
    let results = Mutex([ReplicationResult?](repeating: nil, count: replications))
    let overload = Mutex<CentreOverload?>(nil)
    let finished = Atomic<Int>(0)
    let workers = min(threads, replications)
    let routing = RoutingTable(scenario: scenario)
    // Contacts of replications finished ahead of their turn, and the next replication to hand over.
    let delivery = Mutex((next: 0, waiting: [Int: [ContactRecord]]()))
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      for index in stride(from: worker, to: replications, by: workers) {
        if let first = overload.withLock({ $0 }), first.replication < index { return }
        do throws(CentreOverload) {
          let result: ReplicationResult
          if let contacts {
            let (replication, records) = try replicateWithContacts(index, routing: routing)
            result = replication
            delivery.withLock { state in
              state.waiting[index] = records
              while let ready = state.waiting.removeValue(forKey: state.next) {
                contacts(ready)
                state.next += 1
              }
            }
          } else {
            result = try replicate(index, routing: routing)
          }
          results.withLock { $0[index] = result }
        } catch {
          overload.withLock { first in if first.map({ error.replication < $0.replication }) ?? true { first = error } }
          return
        }
        let done = finished.add(1, ordering: .relaxed).newValue
        progress?(done)
      }
    }
    if let first = overload.withLock({ $0 }) { throw first }
    return RunResult(experiment: self, replications: results.withLock { $0.map { $0! } })
  }
}

/// A mean over replications with its confidence interval.
public struct Estimate: Hashable, Sendable {
  public var mean: Double
  /// Half-width of the 95% Student-t confidence interval (`nil` with fewer than two replications).
  public var ci95: Double?
  /// Replications in which the metric was defined (a ratio with an empty denominator is not).
  public var replications: Int
}

/// The value of each metric as an estimate over replications: the contact metrics (``Metric``) of
/// a type, priority class or the centre, or the metrics of an agent group (``GroupMetric``).
public struct KPIs: Hashable, Sendable {
  /// In `Metric.allCases` (or `GroupMetric.allCases`) order; `nil` where no replication defined
  /// the metric.
  public var estimates: [Estimate?]
  /// The number of replications merged.
  public var replicationCount: Int

  public subscript(metric: Metric) -> Estimate? {
    estimates[Metric.allCases.firstIndex(of: metric)!]
  }

  public subscript(metric: GroupMetric) -> Estimate? {
    estimates[GroupMetric.allCases.firstIndex(of: metric)!]
  }

  /// These contact-metric estimates, only of `metrics` (in their order), such as a scenario's
  /// ``Scenario/reportedMetrics``.
  public func restricted(to metrics: [Metric]) -> KPIs {
    var kept = self
    kept.estimates = metrics.map { self[$0] }
    return kept
  }

  /// The estimates of each metric over `perReplication` (``ReplicationEstimate``): a ratio whose
  /// parts the replications kept (a steady-state study) as the ratio of sums with its delta-method
  /// interval; any other metric as the mean of the replications' values.
  init<Key>(_ perReplication: [MetricValues<Key>], level: Double = 0.95) {
    replicationCount = perReplication.count
    estimates = Key.allCases.indices.map { m in
      guard let estimate = ReplicationEstimate(perReplication, index: m) else { return nil }
      let ci = estimate.count > 1 ? estimate.confidenceInterval(level: level).halfWidth : nil
      return Estimate(mean: estimate.mean, ci95: ci, replications: estimate.count)
    }
  }
}

/// The result of an experiment: every replication, and the estimates merged from them.
public struct RunResult: Hashable, Sendable {
  public var scenario: Scenario
  public var seed: UInt64
  /// Each replication, in replication order.
  public var replications: [ReplicationResult]
  /// The centre's day.
  public var totals: KPIs
  /// Each type's day, in scenario order.
  public var types: [KPIs]
  /// `intervals[type][interval]`.
  public var intervals: [[KPIs]]
  /// The priority classes some type has, ascending, and the day of each class's types together.
  public var priorityClasses: [Int]
  public var priorities: [KPIs]
  /// The channels some type uses, in ``Channel`` order, and the day of each channel's types together.
  public var channelNames: [Channel]
  public var channels: [KPIs]
  /// Each agent group's day (``GroupMetric``), in ``Scenario/agentGroups`` order, and
  /// `groupIntervals[group][interval]`.
  public var groups: [KPIs]
  public var groupIntervals: [[KPIs]]

  init(experiment: Experiment, replications: [ReplicationResult]) {
    scenario = experiment.scenario
    seed = experiment.seed
    self.replications = replications
    let intervalCount = experiment.scenario.intervalCount
    totals = KPIs(replications.map(\.totals))
    types = experiment.scenario.contactTypes.indices.map { t in KPIs(replications.map { $0.types[t] }) }
    intervals = experiment.scenario.contactTypes.indices.map { t in
      (0..<intervalCount).map { k in KPIs(replications.map { $0.intervals[t][k] }) }
    }
    priorityClasses = replications.first?.priorityClasses ?? []
    priorities = priorityClasses.indices.map { p in KPIs(replications.map { $0.priorities[p] }) }
    channelNames = replications.first?.channelNames ?? []
    channels = channelNames.indices.map { c in KPIs(replications.map { $0.channels[c] }) }
    let groupCount = replications.first?.groups.count ?? 0
    groups = (0..<groupCount).map { g in KPIs(replications.map { $0.groups[g] }) }
    groupIntervals = (0..<groupCount).map { g in
      (0..<intervalCount).map { k in KPIs(replications.map { $0.groupIntervals[g][k] }) }
    }
  }

  /// The `level` confidence interval of a metric of the centre's day, or of a type's day (tests
  /// use 0.99): in a steady-state study a ratio metric's is the ratio of sums with its
  /// delta-method interval, as in ``KPIs``.
  public func confidenceInterval(_ metric: Metric, type: Int? = nil, level: Double) -> ConfidenceInterval? {
    Self.interval(replications.map { replication in type.map { replication.types[$0] } ?? replication.totals }, metric, level: level)
  }

  /// The `level` confidence interval of a metric of a group's day.
  public func confidenceInterval(_ metric: GroupMetric, group: Int, level: Double) -> ConfidenceInterval? {
    Self.interval(replications.map { $0.groups[group] }, metric, level: level)
  }

  private static func interval<Key>(_ values: [MetricValues<Key>], _ metric: Key, level: Double) -> ConfidenceInterval? {
    let estimate = ReplicationEstimate(values, index: Key.allCases.firstIndex(of: metric)!)
    return estimate.flatMap { $0.count > 1 ? $0.confidenceInterval(level: level) : nil }
  }
}
