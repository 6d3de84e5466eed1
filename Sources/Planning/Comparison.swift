import ContactCenterModel
import Stochastic

/// The difference between two plans' values of one metric, paired by replication: replication `i`
/// of both plans saw the same customers (common random numbers: the same seed gives every plan the
/// same arrivals, handle times and patience), so `d_i = plan_i − reference_i` has far less variance
/// than the difference of two independent means (Law 2015, §11.2).
public struct PairedDifference: Hashable, Sendable {
  /// The mean of the paired differences.
  public var mean: Double
  /// Half-width of its 95% Student-t confidence interval (`nil` with fewer than two pairs).
  public var ci95: Double?
  /// Replications in which both plans define the metric.
  public var pairs: Int

  /// Whether the 95% interval excludes 0. Identical plans give identical replications, so every
  /// difference is exactly 0 and nothing is significant.
  public var isSignificant: Bool { ci95.map { abs(mean) > $0 } ?? false }

  /// The paired difference of `values` minus `reference`, replication by replication (`nil` where
  /// no replication defines the metric for both).
  public init?(_ values: [Double?], minus reference: [Double?]) {
    precondition(values.count == reference.count, "paired replications")
    var tally = Tally()
    for case let (value?, base?) in zip(values, reference) { tally.add(value - base) }
    guard tally.count > 0 else { return nil }
    mean = tally.mean
    ci95 = tally.count > 1 ? tally.confidenceInterval(level: 0.95).halfWidth : nil
    pairs = tally.count
  }
}

/// Plans run on common random numbers and set side by side: each metric's estimate per plan and
/// its paired difference from the reference plan, and which plans meet the scenario's targets.
public struct PlanComparison: Sendable {
  /// The plans (the base scenario first, unless left out), with their results.
  public var plans: [(name: String, result: RunResult)]
  /// The plan every other is compared with.
  public var reference: Int
  /// One row per metric and subject, in report order.
  public var rows: [Row]

  /// One metric of one subject (the centre, a type or a group) across the plans.
  public struct Row: Sendable {
    public var scope: Scope
    /// The type or group id; empty for the centre.
    public var subject: String
    /// The metric's name as in `summary.json` (`service_level`, `occupancy`, `cost` …).
    public var metric: String
    /// Per plan: the estimate, and the paired difference from the reference (`nil` for the
    /// reference itself, and where the metric is undefined).
    public var estimates: [Estimate?]
    public var differences: [PairedDifference?]
  }

  public enum Scope: String, Sendable {
    case centre, type, group
  }

  /// The metrics compared for the centre, for each type and for each group.
  public static let centreMetrics: [Metric] = [
    .offered, .serviceLevel, .averageSpeedOfAnswer, .waitP90, .abandonRate, .occupancy, .agentHours,
    .firstContactResolution, .staffCost, .contactCost, .totalCost, .costPerResolved,
  ]
  public static let typeMetrics: [Metric] = [
    .serviceLevel, .averageSpeedOfAnswer, .waitP90, .abandonRate, .carriedOver, .backlogOverdue,
  ]
  public static let groupMetrics: [GroupMetric] = [.occupancy, .paidHours, .cost]
  /// Added to the centre's and each type's rows when some plan can block (``Scenario/canBlock``).
  public static let blockingMetrics: [Metric] = [.blockRate, .serviceLevelAdmitted]
  /// Added to each type's rows when some plan escalates (``Scenario/canEscalate``).
  public static let escalationMetrics: [Metric] = [.escalatedTotalWait]

  /// Compares `plans` (results of the same seed and replication count) with plan `reference`.
  /// Types and groups are matched by id: a type or group that some plan lacks has no value there.
  public init(plans: [(name: String, result: RunResult)], reference: Int = 0) {
    precondition(!plans.isEmpty && plans.indices.contains(reference), "a reference among the plans")
    let count = plans[0].result.replications.count
    precondition(plans.allSatisfy { $0.result.replications.count == count && $0.result.seed == plans[0].result.seed },
                 "plans compared on common random numbers: the same seed and replications")
    self.plans = plans
    self.reference = reference
    var rows: [Row] = []
    func row(_ scope: Scope, _ subject: String, _ metric: String, _ value: (RunResult) -> (Estimate?, [Double?])?) {
      let columns = plans.map { value($0.result) }
      let base = columns[reference]?.1
      rows.append(Row(
        scope: scope, subject: subject, metric: metric, estimates: columns.map { $0?.0 },
        differences: columns.indices.map { p in
          guard p != reference, let values = columns[p]?.1, let base else { return nil }
          return PairedDifference(values, minus: base)
        }))
    }
    let blocking = plans.contains { $0.result.scenario.canBlock } ? Self.blockingMetrics : []
    let escalation = plans.contains { $0.result.scenario.canEscalate } ? Self.escalationMetrics : []
    for metric in Self.centreMetrics + blocking {
      row(.centre, "", metric.rawValue) { ($0.totals[metric], $0.replications.map { $0.totals[metric] }) }
    }
    let typeIDs = Self.union(plans.map { $0.result.scenario.contactTypes.map(\.id) })
    for id in typeIDs {
      for metric in Self.typeMetrics + blocking + escalation {
        row(.type, id, metric.rawValue) { result in
          result.scenario.contactTypes.firstIndex { $0.id == id }.map { t in
            (result.types[t][metric], result.replications.map { $0.types[t][metric] })
          }
        }
      }
    }
    let groupIDs = Self.union(plans.map { $0.result.scenario.agentGroups.map(\.id) })
    for id in groupIDs {
      for metric in Self.groupMetrics {
        row(.group, id, metric.rawValue) { result in
          result.scenario.agentGroups.firstIndex { $0.id == id }.map { g in
            (result.groups[g][metric], result.replications.map { $0.groups[g][metric] })
          }
        }
      }
    }
    // A row no plan defines (a backlog metric without deferred work) says nothing.
    self.rows = rows.filter { $0.estimates.contains { $0 != nil } }
  }

  /// Ids in first-seen order.
  public static func union(_ lists: [[String]]) -> [String] {
    var seen = Set<String>()
    return lists.flatMap { $0 }.filter { seen.insert($0).inserted }
  }
}
