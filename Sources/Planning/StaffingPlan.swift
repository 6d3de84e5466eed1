import ContactCenterModel
import ShiftPlanning

/// What one more agent in one interval of one group buys, estimated by common random numbers:
/// the plan and the plan with the extra agent run on the same replications, the differences taken
/// replication by replication (`marginal.csv`).
public struct MarginalValue: Sendable {
  /// The group (``ContactCenterModel/Scenario/agentGroups`` order) and the interval.
  public var group: Int
  public var interval: Int
  /// The planned paid cost of the agent for the interval (shrinkage included).
  public var agentCost: Double
  /// The types the group serves, and for each the change in its interval service level,
  /// ASA (seconds) and abandon rate.
  public var types: [Int]
  public var serviceLevel: [PairedDifference?]
  public var averageSpeedOfAnswer: [PairedDifference?]
  public var abandonRate: [PairedDifference?]
  /// The change in the interval's total cost: every group's paid cost and every type's contact
  /// cost (abandonment, telephony…) in the interval.
  public var totalCost: PairedDifference?
}

/// A group's shifts planned from the staffing found (`shifts.csv`).
public struct GroupShiftPlan: Sendable {
  /// The group (in ``ContactCenterModel/Scenario/agentGroups`` order).
  public var group: Int
  /// The agents needed on the phones per interval: the staffing grossed up for shrinkage, plus
  /// what the verification asked for.
  public var requirement: [Int]
  public var plan: ShiftPlan
}

/// Everything `ccsim staff` reports: the Erlang start and the staffing found, both simulated on
/// the same fresh replications, the shifts planned from it, the marginal values, and the final plan.
public struct StaffingPlan: Sendable {
  public var search: StaffingSearch
  public var outcome: StaffingSearch.Outcome
  /// The Erlang-only staffing, simulated on the verification seed (for the side-by-side).
  public var erlangResult: RunResult
  /// The shifts of every group with shift rules (empty when no group has any).
  public var shifts: [GroupShiftPlan]
  /// The final plan: the staffing found, with the planned shifts for groups with shift rules,
  /// and its result on the verification seed.
  public var scenario: Scenario
  public var result: RunResult
  /// Targets the final plan misses by the rule, and significantly (unattainable ones excluded).
  public var misses: [TargetCheck]
  public var significantMisses: [TargetCheck]
  /// One per group and interval (empty when not asked for).
  public var marginal: [MarginalValue]
  /// Shift repair rounds run (the requirement raised where the shift plan missed a target).
  public var shiftRepairs: Int
  /// Simulated plans in all: the search's, the shift plans', the Erlang plan's and the marginal values'.
  public var simulations: Int

  /// Planned paid cost of the Erlang staffing, of the staffing found (headcount grossed up for
  /// shrinkage), and of the final plan: the staffing found with each shift group's paid shift
  /// hours in place of its headcount.
  public var plannedCosts: (erlang: Double, staffed: Double, final: Double) {
    let staffed = search.plannedCost(outcome.staffing)
    var final = staffed
    for shiftPlan in shifts {
      let group = search.scenario.agentGroups[shiftPlan.group]
      let headcountCost = Double(outcome.staffing[shiftPlan.group].reduce(0, +)) * ErlangStaffing.paidHourlyCost(group)
        * search.scenario.intervalLength / 3600
      final += shiftPlan.plan.cost - headcountCost
    }
    return (search.plannedCost(outcome.erlang.perGroup), staffed, final)
  }

  /// The seed every reported result uses.
  public var seed: UInt64 { outcome.verificationSeed }
}

extension StaffingSearch {
  /// The whole staffing job: the search, then shifts for every group with shift rules (verified by
  /// simulation; where a target is missed significantly the requirement of the shift groups serving
  /// it is raised by one agent and the shifts planned again, up to twice), and the marginal values.
  ///
  /// - Parameters:
  ///   - shiftLimits: The shift planner's limits; by default those of `ccsim staff`
  ///     (``StaffingJob/defaultShiftLimits``), so a caller gets the plan the command finds.
  ///   - marginal: Whether to estimate the marginal values (two simulations per group).
  ///   - log: Called after every search step.
  public func plan(shiftLimits: ShiftPlanner.Limits = StaffingJob.defaultShiftLimits, marginal: Bool = true,
                   log: ((Step) -> Void)? = nil) throws -> StaffingPlan {
    let outcome = try run(log: log)
    let seed = outcome.verificationSeed
    func significant(_ result: RunResult) -> [TargetCheck] {
      scenario.targets.significantMisses(result).filter { !outcome.isUnattainable($0) }
    }
    // Shifts.
    let groups = scenario.agentGroups
    let shiftGroups = scenario.groups.indices.filter { scenario.groups[$0].shiftRules != nil }
    var requirement: [Int: [Int]] = [:]
    for g in shiftGroups {
      requirement[g] = ShiftPlanner.onPhoneRequirement(available: outcome.staffing[g], shrinkage: groups[g].shrinkage)
    }
    var final = outcome.scenario
    var result = outcome.verification
    var shifts: [GroupShiftPlan] = []
    var repairs = 0
    if !shiftGroups.isEmpty {
      while true {
        final = outcome.scenario
        shifts = []
        for g in shiftGroups {
          let planner = try ShiftPlanner(group: scenario.groups[g], in: scenario, limits: shiftLimits)
          let plan = try planner.plan(requirement: requirement[g]!)
          final.groups[g] = plan.staffing(scenario.groups[g], intervalLength: scenario.intervalLength)
          shifts.append(GroupShiftPlan(group: g, requirement: requirement[g]!, plan: plan))
        }
        result = try Experiment(scenario: final, seed: seed).run(replications: options.replications, threads: options.threads)
        let missed = significant(result)
        guard !missed.isEmpty, repairs < 2 else { break }
        var raised = false
        for check in missed {
          guard let k = check.interval else { continue }
          for g in shiftGroups {
            let serves: Bool = switch check.subject {
            case .type(let t): groups[g].skills.contains { $0.type == t }
            case .group(let other): other == g
            }
            if serves { requirement[g]![k] += 1; raised = true }
          }
        }
        guard raised else { break }
        repairs += 1
      }
    }
    let erlangResult = try simulate(erlang.perGroup, seed: seed)
    let values = marginal ? try marginalValues(of: outcome.staffing, base: outcome.verification, seed: seed) : []
    return StaffingPlan(
      search: self, outcome: outcome, erlangResult: erlangResult, shifts: shifts, scenario: final, result: result,
      misses: scenario.targets.check(result).filter { !$0.met }, significantMisses: significant(result),
      marginal: values, shiftRepairs: repairs,
      simulations: outcome.simulations + (shiftGroups.isEmpty ? 0 : repairs + 1) + 1 + (marginal ? 2 * groups.count : 0))
  }

  /// The marginal value of one more agent in every interval of every group, against `base` (the
  /// plan's result on `seed`). Two simulations per group: one agent more in every even interval,
  /// then in every odd one, so that each interval's neighbours keep the plan's staffing.
  public func marginalValues(of staffing: [[Int]], base: RunResult, seed: UInt64) throws(StaffingSearchError) -> [MarginalValue] {
    let groups = scenario.agentGroups
    let (sl, asa, abandon): (Metric, Metric, Metric) = (.serviceLevel, .averageSpeedOfAnswer, .abandonRate)
    func intervalCost(_ replication: ReplicationResult, _ k: Int) -> Double? {
      let staff = replication.groupIntervals.reduce(0.0) { $0 + ($1[k][.cost] ?? 0) }
      let contacts = replication.intervals.reduce(0.0) { $0 + ($1[k][.contactCost] ?? 0) }
      return staff + contacts
    }
    var values: [MarginalValue] = []
    for g in groups.indices {
      let runs = try (0..<2).map { parity throws(StaffingSearchError) -> RunResult in
        var plan = staffing
        for k in stride(from: parity, to: scenario.intervalCount, by: 2) { plan[g][k] += 1 }
        return try simulate(plan, seed: seed)
      }
      let types = groups[g].skills.map(\.type)
      for k in 0..<scenario.intervalCount {
        let run = runs[k % 2]
        func difference(_ t: Int, _ m: Metric) -> PairedDifference? {
          PairedDifference(run.replications.map { $0.intervals[t][k][m] }, minus: base.replications.map { $0.intervals[t][k][m] })
        }
        values.append(MarginalValue(
          group: g, interval: k, agentCost: agentIntervalCost[g], types: types,
          serviceLevel: types.map { difference($0, sl) }, averageSpeedOfAnswer: types.map { difference($0, asa) },
          abandonRate: types.map { difference($0, abandon) },
          totalCost: PairedDifference(run.replications.map { intervalCost($0, k) }, minus: base.replications.map { intervalCost($0, k) })))
      }
    }
    return values
  }
}
