import ContactCenterModel
import Queueing

/// Why `ccsim staff` cannot staff a scenario.
public enum StaffingSearchError: Error, Hashable, Sendable, CustomStringConvertible {
  /// The scenario has no targets, so the cheapest plan would have nobody.
  case noTargets
  /// A type has contacts but no group has a skill for it.
  case typeUnserved(type: String)
  /// Erlang cannot staff a type for its targets (a 100% service level, an ASA of 0 s).
  case erlang(type: String, error: StaffingError)
  /// The search ran out of simulation rounds with targets still missed.
  case roundLimit(rounds: Int, misses: Int)
  /// A plan the search simulated overloaded the centre.
  case overloaded(CentreOverload)

  public var description: String {
    switch self {
    case .noTargets:
      "the scenario has no targets: add a 'targets:' section (service level, asa, abandonment or occupancy; Docs/planning.md) for staff to meet"
    case .typeUnserved(let type): "contact type '\(type)' has contacts but no group has a skill for it"
    case .erlang(let type, let error): "contact type '\(type)': \(error)"
    case .roundLimit(let rounds, let misses):
      "after \(rounds) simulation rounds \(misses) target\(misses == 1 ? " is" : "s are") still missed: raise --max-rounds, or check that the targets can be met"
    case .overloaded(let overload): overload.description
    }
  }
}

/// The cheapest staffing per interval and group that meets a scenario's targets, found by
/// simulation from the Erlang requirement (`Docs/planning.md`, "Staffing").
///
/// The decision is the headcount of every group (``ContactCenterModel/Scenario/agentGroups``
/// order) in every interval. Every plan the search tries is simulated with the same seed and
/// replications (common random numbers), so two plans differ only by their staffing and a
/// comparison of their checks is not blurred by sampling noise (Law 2015, §11.2). Whether a plan
/// meets the targets is ``ContactCenterModel/Targets/check(_:)``'s verdict, under the scenario's
/// scope and assurance rule.
///
/// 1. **Add** until every target is met. At each interval with a missed target the search adds
///    agents to one group: a group whose occupancy cap is exceeded gets them; for a missed type
///    target, when several groups can serve the missed types, each candidate is tried with the
///    extra agents (one simulation per group) and the group with the largest reduction of the
///    interval's relative shortfall per unit of cost is chosen, so a cheap generalist wins where
///    it pools well and a specialist where it must. An interval that still misses after an
///    addition gets twice as many the next round (1, 2, 4, at most 8).
///
///    A target no staffing meets is set aside as soon as it is known: when the *ceiling plan*
///    (every group with, in every interval, enough extra agents that practically no contact
///    waits) misses it too — an opening backlog already past its threshold, say — or, failing
///    that, after three additions in a row each brought it less than 10% closer. Every agent added
///    for it alone is removed at once, and it never drives the plan again, in any phase
///    (``Outcome/released``; `SearchState+Unattainable.swift`).
/// 2. **Remove** slack, the most expensive group first, each group with an equal share of the
///    rounds left. All the group's intervals above their minimum lose agents at once; a failing
///    interval blames the removals at it and just after it (its contacts wait into that interval),
///    failures with no removal next to them thin the batch by half, and the rest is simulated
///    again until a batch meets every target and is kept. An interval whose removal is kept loses
///    twice as many next time; one whose single removal fails its own interval is fixed (blamed
///    for the interval before it, after two more tries); a group is left after three rounds that
///    keep nothing. With day targets (`per: day`), a removal is kept when the day still meets
///    them, trying the intervals with most slack first and halving the batch on a failure.
///    Then deferred work is moved later within its deadline: a group that works deferred work
///    alone has agents moved up to 4 intervals later (within half its shortest threshold), all
///    its intervals at once, kept when every target holds, and its removal runs again; moves after
///    which nothing could be removed are undone (``Outcome/deferredMoves``; `SearchState+Defer.swift`).
/// 3. **Verify** on fresh random numbers (seed + 1): the search chose among plans by the same
///    replications, which flatters the winner, and a plan that just meets a target on some
///    replications meets it on others only about half the time. The verification asks that no
///    target be missed *significantly* (``ContactCenterModel/Targets/significantMisses(_:level:)``);
///    if some is, the add phase continues on those replications and the plan is verified again on
///    seed + 2, up to ``Options/verificationRounds`` times.
///
/// A greedy search: each step is justified by simulation, but the plan is not proven the cheapest.
/// Deterministic: the same scenario and options give the same plan whatever the thread count.
public struct StaffingSearch: Sendable {
  public struct Options: Hashable, Sendable {
    /// Replications per simulated plan (≥ 2).
    public var replications: Int
    /// The search's seed; verification uses `seed + 1`, `seed + 2`, ….
    public var seed: UInt64
    public var threads: Int
    /// Simulated plans each phase may run: the add phase (and each repair) and the remove phase,
    /// which shares them equally among the groups.
    public var maximumRounds: Int
    /// Repair rounds after a verification that misses.
    public var verificationRounds: Int
    /// Whether unattainable targets are judged by the ceiling plan before the stall rule (off only
    /// in tests of the stall rule).
    var judgesByCeiling = true
    /// Whether deferred-work staffing is moved later within its deadline after the remove phase
    /// (`SearchState+Defer.swift`); off to compare with the interval-by-interval plan.
    public var movesDeferredWork = true

    public init(replications: Int = 30, seed: UInt64 = 1, threads: Int = 1, maximumRounds: Int = 100,
                verificationRounds: Int = 3) {
      precondition(replications >= 2 && threads >= 1 && maximumRounds >= 1 && verificationRounds >= 0,
                   "staffing options out of range")
      self.replications = replications
      self.seed = seed
      self.threads = threads
      self.maximumRounds = maximumRounds
      self.verificationRounds = verificationRounds
    }
  }

  /// One step of the search, for the log and the report.
  public struct Step: Hashable, Sendable {
    public enum Phase: String, Hashable, Sendable {
      case erlang, add, remove, verify, repair
      /// Targets set aside as unattainable: the ceiling plan simulated, the agents added for them removed.
      case setAside = "set-aside"
      /// Groups with a `minimumBlock` raised to blocks people can work (``StaffingBlocks``).
      case blocks
      /// Deferred-work agents moved later within their deadline (`change` 0: the headcount is kept).
      case deferral = "defer"
    }

    public var phase: Phase
    /// Agent-intervals added (positive) or removed (negative) by the step.
    public var change: Int
    /// Targets missed by the plan the step leaves, on the replications it was judged by (for a
    /// verification: missed significantly).
    public var misses: Int
    /// Planned paid cost of the plan the step leaves.
    public var plannedCost: Double
    /// Simulations the step ran.
    public var simulations: Int
  }

  /// What the search found.
  public struct Outcome: Sendable {
    /// The Erlang start (`perGroup`).
    public var erlang: ErlangStaffing
    /// The staffing found, `staffing[group][interval]`.
    public var staffing: [[Int]]
    /// The scenario with that staffing (every group staffed by headcount).
    public var scenario: Scenario
    /// The plan simulated on fresh random numbers (``verificationSeed``).
    public var verification: RunResult
    public var verificationSeed: UInt64
    /// The targets the verification misses by the scenario's rule, and those it misses
    /// significantly (``ContactCenterModel/Targets/significantMisses(_:level:)``).
    public var misses: [TargetCheck]
    public var significantMisses: [TargetCheck]
    /// The targets the search set aside as unattainable, as the verification judges them: missed
    /// even by the ceiling plan, or three additions in a row each brought them less than 10%
    /// closer (``StaffingSearch``). They are not in ``significantMisses``.
    public var unattainable: [TargetCheck]
    /// Every target the search set aside as unattainable, missed on the verification or not, and how.
    let unattainableKeys: [SearchState.CheckKey: Unattainability]
    /// How many targets the search set aside, by how it judged them (missed on the verification or not).
    public var setAsideCounts: (ceiling: Int, stall: Int) {
      (unattainableKeys.values.count { $0 == .ceiling }, unattainableKeys.values.count { $0 == .stall })
    }
    /// The agents taken out of the plan because the targets they were added for were set aside.
    public var released: Released
    /// Deferred work moved later within its deadline, and the planned cost before and after
    /// (removals that the moves allowed included); `nil` when no group works deferred work alone
    /// or the targets are day targets.
    public var deferredMoves: DeferredMoves?
    /// Whether the search set `check`'s target (the same subject, metric and interval) aside as unattainable.
    public func isUnattainable(_ check: TargetCheck) -> Bool { unattainability(of: check) != nil }
    /// How the search found `check`'s target unattainable, or `nil` when it did not set it aside.
    public func unattainability(of check: TargetCheck) -> Unattainability? { unattainableKeys[SearchState.CheckKey(check)] }
    /// Whether no target is missed significantly on fresh random numbers.
    public var verified: Bool { significantMisses.isEmpty }
    /// Every step, in order.
    public var steps: [Step]
    /// Simulations run in all.
    public var simulations: Int { steps.reduce(0) { $0 + $1.simulations } }
  }

  public let scenario: Scenario
  public let options: Options
  public let erlang: ErlangStaffing
  /// The types whose agents are a dedicated group, in ``ContactCenterModel/Scenario/agentGroups`` order after the declared groups.
  let dedicated: [Int]
  /// Planned paid cost of one agent for one interval, per group.
  let agentIntervalCost: [Double]

  /// - Throws: ``StaffingSearchError/noTargets`` for a scenario without targets, and as ``ErlangStaffing/init(scenario:)``.
  public init(scenario: Scenario, options: Options = Options()) throws(StaffingSearchError) {
    guard !scenario.targets.isEmpty else { throw .noTargets }
    self.scenario = scenario
    self.options = options
    erlang = try ErlangStaffing(scenario: scenario)
    dedicated = scenario.contactTypes.indices.filter { scenario.contactTypes[$0].agents != nil }
    agentIntervalCost = scenario.agentGroups.map { ErlangStaffing.paidHourlyCost($0) * scenario.intervalLength / 3600 }
  }

  /// `scenario` with every group staffed by `staffing` (shifts replaced by the headcount).
  public func scenario(with staffing: [[Int]]) -> Scenario {
    var staffed = scenario
    for g in staffed.groups.indices {
      staffed.groups[g].agents = staffing[g]
      staffed.groups[g].shifts = []
    }
    for (offset, t) in dedicated.enumerated() { staffed.contactTypes[t].agents = staffing[scenario.groups.count + offset] }
    return staffed
  }

  /// Paid cost of a headcount plan as planned: agents grossed up for shrinkage at each group's
  /// hourly cost (no overtime, which only simulation shows).
  public func plannedCost(_ staffing: [[Int]]) -> Double {
    zip(staffing, agentIntervalCost).reduce(0) { sum, pair in sum + Double(pair.0.reduce(0, +)) * pair.1 }
  }

  /// Simulates a plan on seed `seed`.
  /// - Throws: ``StaffingSearchError/overloaded(_:)`` when the plan overloads the centre.
  public func simulate(_ staffing: [[Int]], seed: UInt64) throws(StaffingSearchError) -> RunResult {
    do throws(CentreOverload) {
      return try Experiment(scenario: scenario(with: staffing), seed: seed)
        .run(replications: options.replications, threads: options.threads)
    } catch {
      throw .overloaded(error)
    }
  }

  /// Runs the search.
  /// - Parameter log: Called after every step (for a progress line).
  /// - Throws: ``StaffingSearchError/roundLimit(rounds:misses:)`` when the add phase runs out of rounds.
  public func run(log: ((Step) -> Void)? = nil) throws(StaffingSearchError) -> Outcome {
    var state = try SearchState(search: self, log: log)
    try state.add()
    try state.remove()
    try state.deferWork()
    try state.formBlocks()
    try state.lowerBlocks()
    var seed = options.seed
    var verification = state.base
    var misses: [TargetCheck] = []
    var significant: [TargetCheck] = []
    for round in 0...options.verificationRounds {
      seed &+= 1
      precondition(state.blocksHold, "a group's staffing breaks its minimum block")
      verification = try simulate(state.staffing, seed: seed)
      let checks = scenario.targets.check(verification)
      misses = checks.filter { !$0.met }
      significant = scenario.targets.significantMisses(verification).filter { state.unattainable[.init($0)] == nil }
      state.record(.verify, change: 0, misses: significant.count, simulations: 1)
      guard !significant.isEmpty, round < options.verificationRounds else { break }
      // Repair on these replications: add where the rule misses, then verify on the next seed.
      (state.base, state.checks, state.seed) = (verification, state.effective(checks), seed)
      try state.add(phase: .repair)
      try state.formBlocks()
    }
    let unattainable = misses.filter { state.unattainable[.init($0)] != nil }
    return Outcome(erlang: erlang, staffing: state.staffing, scenario: scenario(with: state.staffing),
                   verification: verification, verificationSeed: seed, misses: misses, significantMisses: significant,
                   unattainable: unattainable, unattainableKeys: state.unattainable, released: state.released, deferredMoves: state.deferred,
                   steps: state.steps)
  }
}
