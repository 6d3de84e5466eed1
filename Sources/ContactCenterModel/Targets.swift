import SimKernel
import Stochastic

/// What a plan must achieve, and how sure a simulation must be that it does (`targets:` in a
/// scenario; `Docs/planning.md`, "Targets"). `ccsim compare` says which plans meet them and
/// `ccsim staff` finds the cheapest plan that does.
public struct Targets: Hashable, Sendable {
  /// The targets of each type, in scenario order (the scenario's `targets:` with the type's own
  /// `targets:` over them).
  public var types: [TypeTargets]
  /// The occupancy cap of each group, in ``Scenario/agentGroups`` order (`nil`: no cap).
  public var maximumOccupancy: [Double?]
  /// Whether every planning interval must meet the targets, or the day as a whole.
  public var scope: Scope
  /// What counts as meeting a target, given the replications.
  public var assurance: Assurance

  public enum Scope: String, CaseIterable, Hashable, Sendable {
    /// Every planning interval in which the metric is defined (some contacts arrived, some agent
    /// was on duty).
    case interval
    /// The day's figure of each type and group.
    case day
  }

  /// How replications decide whether a target is met.
  public enum Assurance: Hashable, Sendable {
    /// The mean over replications meets the target.
    case mean
    /// The one-sided `level` Student-t confidence bound meets it: the lower bound for the service
    /// level, the upper bound for ASA, abandonment and occupancy.
    case confidence(level: Double)
    /// At least a share `level` of the replications (simulated days) meet it on their own.
    case probability(level: Double)
  }

  public init(types: [TypeTargets], maximumOccupancy: [Double?], scope: Scope = .interval,
              assurance: Assurance = .confidence(level: 0.95)) {
    precondition(maximumOccupancy.allSatisfy { $0.map { $0 > 0 && $0 <= 1 } ?? true }, "an occupancy cap is in (0, 1]")
    switch assurance {
    case .mean: break
    case .confidence(let level), .probability(let level):
      precondition(level > 0 && level < 1, "an assurance level is in (0, 1)")
    }
    self.types = types
    self.maximumOccupancy = maximumOccupancy
    self.scope = scope
    self.assurance = assurance
  }

  /// A scenario without targets.
  public static func none(types: Int, groups: Int) -> Targets {
    Targets(types: Array(repeating: TypeTargets(), count: types), maximumOccupancy: Array(repeating: nil, count: groups))
  }

  /// Whether any target is set.
  public var isEmpty: Bool { types.allSatisfy(\.isEmpty) && maximumOccupancy.allSatisfy { $0 == nil } }
}

/// The targets of one contact type (`nil`: none).
public struct TypeTargets: Hashable, Sendable {
  /// The least service level (share answered within the type's own threshold), 0…1.
  public var serviceLevel: Double?
  /// The longest average speed of answer (seconds).
  public var averageSpeedOfAnswer: SimTime?
  /// The largest abandon rate, 0…1.
  public var abandonRate: Double?

  public init(serviceLevel: Double? = nil, averageSpeedOfAnswer: SimTime? = nil, abandonRate: Double? = nil) {
    precondition(serviceLevel.map { (0...1).contains($0) } ?? true, "a service-level target is a share")
    precondition(averageSpeedOfAnswer.map { $0 >= 0 } ?? true, "an ASA target is ≥ 0")
    precondition(abandonRate.map { (0...1).contains($0) } ?? true, "an abandonment target is a share")
    self.serviceLevel = serviceLevel
    self.averageSpeedOfAnswer = averageSpeedOfAnswer
    self.abandonRate = abandonRate
  }

  public var isEmpty: Bool { serviceLevel == nil && averageSpeedOfAnswer == nil && abandonRate == nil }
}

/// One target checked against a run: which type or group, which interval (or the day), the metric,
/// the target, the estimate and the value the assurance rule compares with it.
public struct TargetCheck: Hashable, Sendable {
  public enum Subject: Hashable, Sendable {
    case type(Int)
    case group(Int)
  }

  public enum Kind: String, CaseIterable, Hashable, Sendable {
    case serviceLevel = "service_level"
    case averageSpeedOfAnswer = "asa_s"
    case abandonRate = "abandon_rate"
    case occupancy

    /// Whether larger values are better (the target is a floor) rather than worse (a ceiling).
    public var isFloor: Bool { self == .serviceLevel }
  }

  public var subject: Subject
  /// The planning interval, or `nil` for the day.
  public var interval: Int?
  public var kind: Kind
  public var target: Double
  /// The mean over the replications that define the metric.
  public var mean: Double
  /// What the assurance rule compared with the target: the mean, the one-sided confidence bound,
  /// or the share of replications meeting the target.
  public var judged: Double
  public var met: Bool
}

extension Targets {
  /// Every target checked against `result` (types first, then groups; per interval in interval
  /// order when the scope is `interval`). A metric that no replication defines (no contacts in an
  /// interval, nobody on duty) has nothing to check and is skipped.
  public func check(_ result: RunResult) -> [TargetCheck] { checks(result, reading: .rule) }

  /// The targets `result` misses beyond reasonable doubt: even the favourable end of the two-sided
  /// `level` Student-t interval misses — of the mean under the `mean` and `confidence` rules, of the
  /// share of replications meeting the target under the `probability` rule. A plan chosen because
  /// it just meets its targets on some replications meets them on fresh ones only about half the
  /// time where it is tight, but it misses none of them significantly; `ccsim staff` verifies its
  /// plan this way (`Docs/planning.md`, "Staffing").
  public func significantMisses(_ result: RunResult, level: Double = 0.95) -> [TargetCheck] {
    precondition(level > 0 && level < 1, "a confidence level is in (0, 1)")
    return checks(result, reading: .favourable(level: level)).filter { !$0.met }
  }

  /// How `judge` reads the replications: by the assurance rule, or at the favourable end of an interval.
  enum Reading {
    case rule
    case favourable(level: Double)
  }

  func checks(_ result: RunResult, reading: Reading) -> [TargetCheck] {
    let scenario = result.scenario
    let intervals: [Int?] = scope == .day ? [nil] : Array(0..<scenario.intervalCount)
    var checks: [TargetCheck] = []
    for (t, goals) in types.enumerated() {
      let wanted: [(TargetCheck.Kind, Double?, Metric)] = [
        (.serviceLevel, goals.serviceLevel, .serviceLevel),
        (.averageSpeedOfAnswer, goals.averageSpeedOfAnswer, .averageSpeedOfAnswer),
        (.abandonRate, goals.abandonRate, .abandonRate),
      ]
      for interval in intervals {
        for case let (kind, target?, metric) in wanted {
          let values = result.replications.map { replication in
            (interval.map { replication.intervals[t][$0] } ?? replication.types[t])[metric]
          }
          if let check = judge(values, kind: kind, target: target, subject: .type(t), interval: interval, reading: reading) {
            checks.append(check)
          }
        }
      }
    }
    for (g, cap) in maximumOccupancy.enumerated() {
      guard let cap else { continue }
      for interval in intervals {
        let values = result.replications.map { replication in
          (interval.map { replication.groupIntervals[g][$0] } ?? replication.groups[g])[.occupancy]
        }
        if let check = judge(values, kind: .occupancy, target: cap, subject: .group(g), interval: interval,
                             reading: reading) {
          checks.append(check)
        }
      }
    }
    return checks
  }

  /// Whether `result` meets every target (true when there are none).
  public func areMet(by result: RunResult) -> Bool { check(result).allSatisfy(\.met) }

  /// One target judged over the replications' values (`nil` where a replication leaves the
  /// metric undefined).
  func judge(_ values: [Double?], kind: TargetCheck.Kind, target: Double, subject: TargetCheck.Subject,
             interval: Int?, reading: Reading = .rule) -> TargetCheck? {
    var tally = Tally()
    for case let value? in values { tally.add(value) }
    guard tally.count > 0 else { return nil }
    // A tiny tolerance, so that a service level of exactly 80% meets an 80% target despite rounding.
    let slack = 1e-9 * max(1, abs(target))
    func meets(_ value: Double) -> Bool { kind.isFloor ? value >= target - slack : value <= target + slack }
    if case .favourable(let level) = reading {
      // The favourable end of the two-sided interval: of the values, or of the share meeting the target.
      var sample = Tally()
      if case .probability = assurance {
        for case let value? in values { sample.add(meets(value) ? 1 : 0) }
      } else {
        sample = tally
      }
      let halfWidth = sample.count > 1 ? sample.confidenceInterval(level: level).halfWidth : .infinity
      let favourable: Double
      let met: Bool
      if case .probability(let share) = assurance {
        favourable = sample.mean + halfWidth
        met = favourable >= share - 1e-12
      } else {
        favourable = kind.isFloor ? sample.mean + halfWidth : sample.mean - halfWidth
        met = meets(favourable)
      }
      return TargetCheck(subject: subject, interval: interval, kind: kind, target: target, mean: tally.mean,
                         judged: favourable, met: met)
    }
    let judged: Double
    switch assurance {
    case .mean:
      judged = tally.mean
    case .confidence(let level):
      // A one-sided `level` bound is one end of the two-sided 2·level − 1 interval. With one
      // replication there is no bound: it is infinitely wide, so no target is met with confidence.
      let halfWidth = tally.count > 1 ? tally.confidenceInterval(level: 2 * level - 1).halfWidth : .infinity
      judged = kind.isFloor ? tally.mean - halfWidth : tally.mean + halfWidth
    case .probability:
      judged = Double(values.compactMap { $0 }.filter(meets).count) / Double(tally.count)
    }
    let met: Bool = switch assurance {
    case .probability(let level): judged >= level - 1e-12
    default: meets(judged)
    }
    return TargetCheck(subject: subject, interval: interval, kind: kind, target: target, mean: tally.mean,
                       judged: judged, met: met)
  }
}
