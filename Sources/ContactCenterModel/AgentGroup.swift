import Queueing
import SimKernel
import Stochastic

/// A group of interchangeable agents with the same skills and the same headcount plan.
public struct AgentGroup: Hashable, Sendable {
  /// The identifier used in results (`by_group.<id>`).
  public var id: String
  /// The types the group may take, with its preference and proficiency for each.
  public var skills: [Skill]
  /// Agents on duty per interval (≥ 0): agents available to take contacts. For a group staffed by
  /// ``shifts`` it is derived: the agents in shift and not on a break at each interval's midpoint.
  public var agents: [Int]
  /// The group's shifts; empty when it is staffed by a headcount per interval (`agents`).
  public var shifts: [Shift] = []
  /// The shifts the group may work, when its shifts are to be planned from a requirement (`ccsim staff`).
  public var shiftRules: ShiftRules?
  /// Cost of one paid agent-hour, in the scenario's currency.
  public var hourlyCost: Double
  /// The share of paid time not available for contacts (meetings, training, absence, breaks
  /// beyond the plan), 0 ≤ s < 1: `agents` on duty are paid as `agents ÷ (1 − s)`.
  public var shrinkage: Double
  /// Chat sessions an agent may hold at once, and their handle-time stretch.
  public var concurrency = Concurrency()
  /// Whether (and how) the group blends real-time and deferred work; `nil`: deferred work is taken
  /// like any other skill, by preference, priority and wait.
  public var blending: Blending?
  /// For a group staffed by headcount when `ccsim staff` plans it (no ``shiftRules``): the shortest
  /// time its staffing may stay at one non-zero level, in seconds, a whole number of intervals
  /// (`minimumBlock: 2h`), so that a plan never asks for one more person for 15 minutes; `nil`: no
  /// minimum. `ccsim run` simulates `agents` as written.
  public var minimumBlock: SimTime? {
    didSet { precondition(minimumBlock.map { $0 > 0 && $0.isFinite } ?? true, "a minimum block is > 0") }
  }

  public init(id: String, skills: [Skill], agents: [Int], hourlyCost: Double = 0, shrinkage: Double = 0) {
    precondition(hourlyCost >= 0 && hourlyCost.isFinite, "hourly cost must be ≥ 0")
    precondition(shrinkage >= 0 && shrinkage < 1, "shrinkage must be in 0..<1")
    precondition(!skills.isEmpty, "a group needs at least one skill")
    precondition(agents.allSatisfy { $0 >= 0 }, "headcounts must be ≥ 0")
    precondition(Set(skills.map(\.type)).count == skills.count, "a group lists each type once")
    self.id = id
    self.skills = skills
    self.agents = agents
    self.hourlyCost = hourlyCost
    self.shrinkage = shrinkage
  }
}

extension AgentGroup {
  /// A group staffed by shifts; `agents` is derived from them for `intervals` of `length` seconds.
  public init(id: String, skills: [Skill], shifts: [Shift], intervals: Int, length: SimTime, hourlyCost: Double = 0,
              shrinkage: Double = 0) {
    let steps = StaffingStep.steps(of: shifts)
    let agents = (0..<intervals).map { k in
      let middle = (Double(k) + 0.5) * length
      return steps.last { $0.time <= middle }?.onPhones ?? 0
    }
    self.init(id: id, skills: skills, agents: agents, hourlyCost: hourlyCost, shrinkage: shrinkage)
    self.shifts = shifts
  }
}

/// `count` agents working from `start` (seconds from the first interval's start) for `length`
/// seconds, with breaks.
public struct Shift: Hashable, Sendable {
  public var start: SimTime
  public var length: SimTime
  public var count: Int
  /// In time order, inside the shift, not overlapping.
  public var breaks: [ShiftBreak]

  public init(start: SimTime, length: SimTime, count: Int, breaks: [ShiftBreak] = []) {
    precondition(start >= 0 && length > 0 && count >= 0, "a shift needs start ≥ 0, length > 0 and count ≥ 0")
    precondition(zip(breaks, breaks.dropFirst()).allSatisfy { $0.offset + $0.length <= $1.offset }
                 && breaks.allSatisfy { $0.offset >= 0 && $0.length > 0 && $0.offset + $0.length <= length },
                 "breaks must lie inside the shift, in order, without overlapping")
    self.start = start
    self.length = length
    self.count = count
    self.breaks = breaks
  }
}

/// A break `offset` seconds into a shift, `length` seconds long; paid (a rest break) or not (lunch).
public struct ShiftBreak: Hashable, Sendable {
  public var offset: SimTime
  public var length: SimTime
  public var paid: Bool

  public init(offset: SimTime, length: SimTime, paid: Bool = true) {
    self.offset = offset
    self.length = length
    self.paid = paid
  }
}

/// From `time` on, a shift-staffed group has `inShift` agents in their shift, `onPhones` of them
/// not on a break, and `paid` of them paid (unpaid breaks excluded).
public struct StaffingStep: Hashable, Sendable {
  public var time: SimTime
  public var inShift: Int
  public var onPhones: Int
  public var paid: Int

  /// The steps of a set of shifts, in time order, one per distinct time at which something changes.
  public static func steps(of shifts: [Shift]) -> [StaffingStep] {
    var changes: [SimTime: (inShift: Int, onPhones: Int, paid: Int)] = [:]
    func add(_ time: SimTime, _ inShift: Int, _ onPhones: Int, _ paid: Int) {
      let old = changes[time] ?? (0, 0, 0)
      changes[time] = (old.inShift + inShift, old.onPhones + onPhones, old.paid + paid)
    }
    for shift in shifts where shift.count > 0 {
      let n = shift.count
      add(shift.start, n, n, n)
      add(shift.start + shift.length, -n, -n, -n)
      for pause in shift.breaks {
        add(shift.start + pause.offset, 0, -n, pause.paid ? 0 : -n)
        add(shift.start + pause.offset + pause.length, 0, n, pause.paid ? 0 : n)
      }
    }
    var level = (inShift: 0, onPhones: 0, paid: 0)
    return changes.keys.sorted().map { time in
      let change = changes[time]!
      level = (level.inShift + change.inShift, level.onPhones + change.onPhones, level.paid + change.paid)
      return StaffingStep(time: time, inShift: level.inShift, onPhones: level.onPhones, paid: level.paid)
    }
  }
}

/// A group's ability to take one type.
public struct Skill: Hashable, Sendable {
  /// The index of the type.
  public var type: Int
  /// 1 = the group's first choice; larger numbers are taken only when no contact of a more
  /// preferred type is eligible (and, for `group-order` routing, ranks the group for the type).
  public var preference: Int
  /// Multiplies the type's handle time (0.8: 20% faster than the type's norm).
  public var handleTimeFactor: Double
  /// The probability this group resolves the type; `nil`: the type's own ``ContactType/resolution``.
  public var resolution: Double?
  /// A contact becomes eligible for this group only after waiting this long (overflow), seconds.
  public var overflowDelay: SimTime

  public init(type: Int, preference: Int = 1, handleTimeFactor: Double = 1, resolution: Double? = nil,
              overflowDelay: SimTime = 0) {
    precondition(preference >= 1, "preference must be ≥ 1")
    precondition(handleTimeFactor > 0 && handleTimeFactor.isFinite, "handle-time factor must be > 0")
    precondition(resolution.map { (0...1).contains($0) } ?? true, "resolution must be a probability")
    precondition(overflowDelay >= 0 && overflowDelay.isFinite, "overflow delay must be ≥ 0")
    self.type = type
    self.preference = preference
    self.handleTimeFactor = handleTimeFactor
    self.resolution = resolution
    self.overflowDelay = overflowDelay
  }
}
