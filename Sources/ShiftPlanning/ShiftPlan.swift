import ContactCenterModel

/// One allowed shift of a group: a start, a length and one placement of its breaks, with the
/// planning intervals it covers.
///
/// An agent on the pattern counts in interval `k` when, at the interval's midpoint
/// `(k + ½) · intervalLength`, the shift has started and not ended and no break has started and not
/// ended: the rule ``ContactCenterModel/AgentGroup/init(id:skills:shifts:intervals:length:hourlyCost:shrinkage:)``
/// uses to derive the agents on duty from shifts.
public struct ShiftPattern: Hashable, Sendable {
  /// Seconds after the opening.
  public var start: Double
  /// Seconds.
  public var length: Double
  /// In time order, inside the shift.
  public var breaks: [ShiftBreak]
  /// The shift's length minus its unpaid breaks, seconds.
  public var paidSeconds: Double
  /// The planning intervals whose midpoint an agent on this pattern is on the phones, ascending.
  public var coveredIntervals: [Int]

  /// A pattern as ``ShiftPlanner`` lists it; `coveredIntervals` ascending, `paidSeconds` > 0.
  public init(start: Double, length: Double, breaks: [ShiftBreak], paidSeconds: Double, coveredIntervals: [Int]) {
    self.start = start
    self.length = length
    self.breaks = breaks
    self.paidSeconds = paidSeconds
    self.coveredIntervals = coveredIntervals
  }

  /// Paid hours of one agent on the pattern.
  public var paidHours: Double { paidSeconds / 3600 }

  /// `count` agents working the pattern.
  public func shift(count: Int) -> Shift { Shift(start: start, length: length, count: count, breaks: breaks) }
}

/// A planning interval the plan leaves short: fewer agents on the phones at its midpoint than required.
public struct UncoveredInterval: Hashable, Sendable {
  /// The interval's index (0 = the first interval of the day).
  public var interval: Int
  /// Agents required on the phones.
  public var required: Int
  /// Agents the plan has on the phones (< `required`).
  public var covered: Int

  /// Interval `interval` with `covered` of its `required` agents (`covered < required`).
  public init(interval: Int, required: Int, covered: Int) {
    self.interval = interval
    self.required = required
    self.covered = covered
  }

  /// Agents missing, > 0.
  public var missing: Int { required - covered }
}

/// How the solver ended.
public enum SolverStatus: String, Hashable, Sendable {
  /// The plan is optimal: no plan with the allowed shifts costs fewer paid hours (with its coverage).
  case optimal
  /// The search stopped once the plan was proven within the requested relative gap of the optimum.
  case withinGap = "within-gap"
  /// The time limit stopped the search: the best plan found so far, within ``ShiftPlan/gap`` of the optimum.
  case timeLimit = "time-limit"
  /// The node limit stopped the search: the best plan found so far, within ``ShiftPlan/gap`` of the optimum.
  case nodeLimit = "node-limit"
}

/// Shifts that cover a requirement per interval at the fewest paid hours, as ``ShiftPlanner`` found them.
///
/// When no set of allowed shifts covers every interval, the plan is the best partial one: the most
/// agent-intervals covered, then the fewest paid hours; ``uncovered`` names the intervals left short.
public struct ShiftPlan: Hashable, Sendable {
  /// The shifts with at least one agent, in the order of the patterns (by start, then length, then
  /// break offsets): ready for ``ContactCenterModel/AgentGroup/shifts``.
  public var shifts: [Shift]
  /// Agents required on the phones per interval, as given.
  public var requirement: [Int]
  /// Agents the plan has on the phones at each interval's midpoint.
  public var coverage: [Int]
  /// The intervals with `coverage < requirement`, ascending; empty when the plan covers the requirement.
  public var uncovered: [UncoveredInterval]
  /// Paid hours of the plan: every shift's length minus its unpaid breaks, times its agents.
  public var paidHours: Double
  /// `paidHours × hourlyCost`, in the scenario's currency.
  public var cost: Double
  /// How the solver ended; a plan stopped by a limit may not be optimal.
  public var status: SolverStatus
  /// The relative gap between the plan's objective and the solver's best bound when the search
  /// ended, `(plan − bound) ÷ plan`: 0 when ``status`` is `.optimal`. The objective counts shortfall penalties when agent
  /// limits apply (`Docs/shift-planning.md`), so this is a gap on that objective.
  public var gap: Double
  /// The patterns the integer program chose from (after merging patterns that cover the same intervals).
  public var patternCount: Int

  /// A plan as ``ShiftPlanner/plan(requirement:)`` returns it; each field as documented above.
  public init(shifts: [Shift], requirement: [Int], coverage: [Int], uncovered: [UncoveredInterval], paidHours: Double,
              cost: Double, status: SolverStatus, gap: Double, patternCount: Int) {
    self.shifts = shifts
    self.requirement = requirement
    self.coverage = coverage
    self.uncovered = uncovered
    self.paidHours = paidHours
    self.cost = cost
    self.status = status
    self.gap = gap
    self.patternCount = patternCount
  }

  /// Whether every interval has the agents it requires.
  public var isComplete: Bool { uncovered.isEmpty }
  /// Agents in the plan (the headcount it needs on the day).
  public var agents: Int { shifts.reduce(0) { $0 + $1.count } }
  /// Agent-intervals missing over the day.
  public var shortfall: Int { uncovered.reduce(0) { $0 + $1.missing } }

  /// `group` staffed by this plan's shifts, its `agents` derived from them; skills, costs,
  /// shrinkage, concurrency, blending and shift rules kept.
  ///
  /// - Parameter intervalLength: The scenario's interval length (seconds); the plan has one interval per requirement value.
  public func staffing(_ group: AgentGroup, intervalLength: Double) -> AgentGroup {
    var staffed = AgentGroup(id: group.id, skills: group.skills, shifts: shifts, intervals: requirement.count,
                             length: intervalLength, hourlyCost: group.hourlyCost, shrinkage: group.shrinkage)
    staffed.concurrency = group.concurrency
    staffed.blending = group.blending
    staffed.shiftRules = group.shiftRules
    return staffed
  }
}

/// Why no shift plan could be made.
public enum ShiftPlanningError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The group has no ``ContactCenterModel/AgentGroup/shiftRules``.
  case noShiftRules(group: String)
  /// The rules allow more patterns than the limit; fewer starts, lengths or break offsets are needed.
  case tooManyPatterns(count: Int, limit: Int)
  /// The time limit ran out before the linear relaxation was solved, so there is no plan yet.
  case noPlanWithinLimits(seconds: Double, nodes: Int?)
  /// GLPK failed (a numerical failure; `code` is its return code from `glp_intopt`).
  case solverFailed(code: Int)

  public var description: String {
    switch self {
    case .noShiftRules(let group):
      "group '\(group)' has no shiftRules: the shifts it may work are needed to plan them"
    case .tooManyPatterns(let count, let limit):
      "the shift rules allow \(count == Int.max ? "too many to count" : String(count)) shift patterns (starts × lengths × "
        + "break placements), more than the limit of \(limit): allow fewer starts or lengths, or place breaks on a coarser step"
    case .noPlanWithinLimits(let seconds, let nodes):
      "the solver found no shift plan within its limits (\(seconds.plainText) s" + (nodes.map { ", \($0) nodes" } ?? "") + ")"
    case .solverFailed(let code):
      "GLPK failed to solve the shift plan (glp_intopt returned \(code))"
    }
  }
}

extension Double {
  fileprivate var plainText: String {
    self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self)
  }
}
