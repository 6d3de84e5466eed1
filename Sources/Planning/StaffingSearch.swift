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
/// 2. **Remove** slack, the most expensive group first, each group with an equal share of the
///    rounds left. All the group's intervals above their minimum lose agents at once; a failing
///    interval blames the removals at it and just after it (its contacts wait into that interval),
///    failures with no removal next to them thin the batch by half, and the rest is simulated
///    again until a batch meets every target and is kept. An interval whose removal is kept loses
///    twice as many next time; one whose single removal fails its own interval is fixed (blamed
///    for the interval before it, after two more tries); a group is left after three rounds that
///    keep nothing. With day targets (`per: day`), a removal is kept when the day still meets
///    them, trying the intervals with most slack first and halving the batch on a failure.
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
    /// The targets the search gave up on, as the verification judges them: three additions in a
    /// row each brought them less than 10% closer (``StaffingSearch``). They are not in
    /// ``significantMisses``.
    public var unattainable: [TargetCheck]
    /// Every target the search set aside as unattainable, missed on the verification or not.
    let unattainableKeys: Set<SearchState.CheckKey>
    /// Whether the search set `check`'s target (the same subject, metric and interval) aside as unattainable.
    public func isUnattainable(_ check: TargetCheck) -> Bool { unattainableKeys.contains(SearchState.CheckKey(check)) }
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
    var seed = options.seed
    var verification = state.base
    var misses: [TargetCheck] = []
    var significant: [TargetCheck] = []
    for round in 0...options.verificationRounds {
      seed &+= 1
      verification = try simulate(state.staffing, seed: seed)
      let checks = scenario.targets.check(verification)
      misses = checks.filter { !$0.met }
      significant = scenario.targets.significantMisses(verification).filter { !state.unattainable.contains(.init($0)) }
      state.record(.verify, change: 0, misses: significant.count, simulations: 1)
      guard !significant.isEmpty, round < options.verificationRounds else { break }
      // Repair on these replications: add where the rule misses, then verify on the next seed.
      (state.base, state.checks, state.seed) = (verification, state.effective(checks), seed)
      try state.add(phase: .repair)
    }
    let unattainable = misses.filter { state.unattainable.contains(.init($0)) }
    return Outcome(erlang: erlang, staffing: state.staffing, scenario: scenario(with: state.staffing),
                   verification: verification, verificationSeed: seed, misses: misses, significantMisses: significant,
                   unattainable: unattainable, unattainableKeys: state.unattainable, steps: state.steps)
  }
}

/// The search's working state: the plan, its result on the current seed, and the log.
struct SearchState {
  let search: StaffingSearch
  let log: ((StaffingSearch.Step) -> Void)?
  var staffing: [[Int]]
  var base: RunResult
  var checks: [TargetCheck]
  var seed: UInt64
  var steps: [StaffingSearch.Step] = []
  /// Simulations the add and remove phases have run.
  var rounds = 0
  /// Targets that three additions in a row brought less than 10% closer: no staffing of these groups meets
  /// them (an opening backlog already overdue, say), so the search stops trying.
  var unattainable = Set<CheckKey>()

  var targets: Targets { search.scenario.targets }
  var intervalCount: Int { search.scenario.intervalCount }
  var groups: [AgentGroup] { search.scenario.agentGroups }

  init(search: StaffingSearch, log: ((StaffingSearch.Step) -> Void)?) throws(StaffingSearchError) {
    self.search = search
    self.log = log
    staffing = search.erlang.perGroup
    seed = search.options.seed
    base = try search.simulate(staffing, seed: seed)
    checks = search.scenario.targets.check(base)
    rounds = 1
    record(.erlang, change: staffing.reduce(0) { $0 + $1.reduce(0, +) }, misses: checks.count { !$0.met }, simulations: 1)
  }

  mutating func record(_ phase: StaffingSearch.Step.Phase, change: Int, misses: Int, simulations: Int) {
    let step = StaffingSearch.Step(phase: phase, change: change, misses: misses,
                                   plannedCost: search.plannedCost(staffing), simulations: simulations)
    steps.append(step)
    log?(step)
  }

  mutating func evaluate(_ plan: [[Int]]) throws(StaffingSearchError) -> (RunResult, [TargetCheck]) {
    rounds += 1
    let result = try search.simulate(plan, seed: seed)
    return (result, effective(targets.check(result)))
  }

  /// Checks with the targets found unattainable counted as met, so that the search looks past them.
  func effective(_ checks: [TargetCheck]) -> [TargetCheck] {
    guard !unattainable.isEmpty else { return checks }
    return checks.map { check in
      var check = check
      if unattainable.contains(CheckKey(check)) { check.met = true }
      return check
    }
  }

  // MARK: Adding

  /// The relative shortfall of a check (0 when met): how far the judged value is from the target,
  /// as a share of the target (of the level, for a probability rule).
  func shortfall(_ check: TargetCheck) -> Double {
    guard !check.met else { return 0 }
    if case .probability(let level) = targets.assurance { return max(0, level - check.judged) / level }
    let gap = check.kind.isFloor ? check.target - check.judged : check.judged - check.target
    return max(0, gap) / max(abs(check.target), 1e-9)
  }

  /// The checks that say where agents are missing, interval by interval: the interval checks that
  /// miss, or with day targets, the interval means of each missed day target that miss it (and,
  /// when no interval's mean does, the tenth of the intervals with the least slack).
  func localMisses(_ result: RunResult, _ checks: [TargetCheck]) -> [TargetCheck] {
    if targets.scope == .interval { return checks.filter { !$0.met && $0.interval != nil } }
    // In the checks' order (not a set's), so that the search is the same in every process.
    var seen = Set<Key>()
    let missedInOrder = checks.filter { !$0.met }.map { Key(subject: $0.subject, kind: $0.kind) }.filter { seen.insert($0).inserted }
    let missed = Set(missedInOrder)
    guard !missed.isEmpty else { return [] }
    let intervalChecks = localChecksAll(result, checks).filter { missed.contains(Key(subject: $0.subject, kind: $0.kind)) }
    var misses = intervalChecks.filter { !$0.met }
    for key in missedInOrder where !misses.contains(where: { Key(subject: $0.subject, kind: $0.kind) == key }) {
      let own = intervalChecks.filter { Key(subject: $0.subject, kind: $0.kind) == key }
      let tightest = own.sorted { slack($0) < slack($1) }.prefix(max(1, own.count / 10))
      misses += tightest.map { check in
        var check = check
        check.met = false
        // A small shortfall, so that the interval counts as missing in `shortfall(_:)`.
        check.judged = check.kind.isFloor ? check.target * (1 - 1e-3) : check.target * (1 + 1e-3)
        return check
      }
    }
    return misses
  }

  /// How far a check's mean is on the good side of its target, relative to the target.
  func slack(_ check: TargetCheck) -> Double {
    (check.kind.isFloor ? check.mean - check.target : check.target - check.mean) / max(abs(check.target), 1e-9)
  }

  struct Key: Hashable {
    var subject: TargetCheck.Subject
    var kind: TargetCheck.Kind
  }

  /// One check: what, and where.
  struct CheckKey: Hashable {
    var subject: TargetCheck.Subject
    var kind: TargetCheck.Kind
    var interval: Int?

    init(_ check: TargetCheck) {
      (subject, kind, interval) = (check.subject, check.kind, check.interval)
    }
  }

  /// The summed relative shortfall of `misses` at each interval.
  func shortfalls(_ misses: [TargetCheck]) -> [Int: Double] {
    var total: [Int: Double] = [:]
    for check in misses { total[check.interval!, default: 0] += shortfall(check) }
    return total
  }

  /// Adds agents where targets are missed until none is (see ``StaffingSearch``).
  mutating func add(phase: StaffingSearch.Step.Phase = .add) throws(StaffingSearchError) {
    var step = Array(repeating: 1, count: intervalCount)
    var missedBefore = Set<Int>()
    var stalls: [CheckKey: Int] = [:]
    let limit = rounds + search.options.maximumRounds
    while checks.contains(where: { !$0.met }) {
      guard rounds < limit else {
        throw .roundLimit(rounds: search.options.maximumRounds, misses: checks.count { !$0.met })
      }
      let misses = localMisses(base, checks)
      var byInterval: [Int: (types: Set<Int>, groups: Set<Int>)] = [:]
      for check in misses {
        switch check.subject {
        case .type(let t): byInterval[check.interval!, default: ([], [])].types.insert(t)
        case .group(let g): byInterval[check.interval!, default: ([], [])].groups.insert(g)
        }
      }
      for k in byInterval.keys { step[k] = missedBefore.contains(k) ? min(step[k] * 2, 8) : 1 }
      missedBefore = Set(byInterval.keys)
      // Candidate groups per interval for the missed types.
      var candidates: [Int: [Int]] = [:]
      for (k, missed) in byInterval where !missed.types.isEmpty {
        candidates[k] = groups.indices.filter { g in groups[g].skills.contains { missed.types.contains($0.type) } }
      }
      let tried = Set(candidates.values.filter { $0.count > 1 }.flatMap { $0 }).sorted()
      var trials: [Int: [Int: Double]] = [:]   // group → interval → shortfall after adding there
      let baseShortfall = shortfalls(misses)
      var simulations = 0
      for g in tried {
        var plan = staffing
        for (k, list) in candidates where list.count > 1 && list.contains(g) { plan[g][k] += step[k] }
        let (result, trialChecks) = try evaluate(plan)
        simulations += 1
        // The same missed checks, judged on the trial.
        let missedKeys = Set(misses.map(CheckKey.init))
        trials[g] = shortfalls(localChecksAll(result, trialChecks).filter { missedKeys.contains(CheckKey($0)) })
      }
      var change = 0
      for (k, missed) in byInterval {
        var chosen = Set(missed.groups)
        if let list = candidates[k] {
          if list.count == 1 {
            chosen.insert(list[0])
          } else {
            // The most shortfall removed per unit of cost; on a tie, the lowest fallback rank.
            let ranked = list.map { g in
              (g: g, value: value(of: g, at: k, trials: trials, base: baseShortfall), rank: fallbackRank(g, types: missed.types))
            }
            chosen.insert(ranked.max { ($0.value, -$0.rank) < ($1.value, -$1.rank) }!.g)
          }
        }
        for g in chosen {
          staffing[g][k] += step[k]
          change += step[k]
        }
      }
      let before = Dictionary(checks.filter { !$0.met }.map { (CheckKey($0), shortfall($0)) }) { a, _ in a }
      (base, checks) = try evaluate(staffing)
      for check in checks where !check.met {
        let key = CheckKey(check)
        guard let previous = before[key] else { continue }
        stalls[key] = shortfall(check) > previous * 0.9 ? stalls[key, default: 0] + 1 : 0
        if stalls[key]! >= 3 { unattainable.insert(key) }
      }
      checks = effective(checks)
      record(phase, change: change, misses: checks.count { !$0.met }, simulations: simulations + 1)
    }
  }

  /// Every local check of a result (not only the missed ones), for judging a trial.
  func localChecksAll(_ result: RunResult, _ checks: [TargetCheck]) -> [TargetCheck] {
    if targets.scope == .interval { return checks.filter { $0.interval != nil } }
    var local = targets
    local.scope = .interval
    local.assurance = .mean
    return local.check(result)
  }

  /// Shortfall removed at interval `k` per unit of cost, when group `g` was tried there.
  func value(of g: Int, at k: Int, trials: [Int: [Int: Double]], base: [Int: Double]) -> Double {
    guard let after = trials[g] else { return -.infinity }
    let gain = (base[k] ?? 0) - (after[k] ?? 0)
    return gain / max(search.agentIntervalCost[g], 1e-9)
  }

  /// Lower is better on a tie: the best preference for a missed type, then the cheapest, then the first.
  func fallbackRank(_ g: Int, types: Set<Int>) -> Double {
    let preference = groups[g].skills.filter { types.contains($0.type) }.map(\.preference).min() ?? Int.max
    return Double(preference) * 1e9 + search.agentIntervalCost[g] * 1e3 + Double(g) * 1e-3
  }

  // MARK: Removing

  /// Removes slack, the most expensive group first (see ``StaffingSearch``).
  mutating func remove() throws(StaffingSearchError) {
    let end = rounds + search.options.maximumRounds
    let order = groups.indices.sorted { (-search.agentIntervalCost[$0], $0) < (-search.agentIntervalCost[$1], $1) }
    for (position, g) in order.enumerated() {
      // Each group gets an equal share of the rounds left, so the cheaper groups get their turn.
      let budget = rounds + (end - rounds) / (order.count - position)
      if targets.scope == .interval { try removeByInterval(g, until: budget) } else { try removeForDay(g, until: budget) }
    }
  }

  /// Rounds in a row that keep no removal before a group is left as it is.
  static let patience = 3

  func removable(_ g: Int, _ k: Int) -> Int { staffing[g][k] - search.erlang.minimum[g][k] }

  /// The intervals with a failing check.
  func failing(_ checks: [TargetCheck]) -> Set<Int> { Set(checks.filter { !$0.met }.compactMap(\.interval)) }

  mutating func removeByInterval(_ g: Int, until budget: Int) throws(StaffingSearchError) {
    var step = Array(repeating: 1, count: intervalCount)
    // A removal rejected only because the next interval failed gets two more tries before it is fixed.
    var chances = Array(repeating: 2, count: intervalCount)
    var open = Set((0..<intervalCount).filter { removable(g, $0) > 0 })
    var fruitless = 0
    while !open.isEmpty && rounds < budget && fruitless < Self.patience {
      let batch = open
      var amount: [Int: Int] = [:]
      for k in batch { amount[k] = min(step[k], removable(g, k)) }
      var accepted = batch.sorted()
      var kept: (plan: [[Int]], result: RunResult, checks: [TargetCheck])?
      var blamed = Set<Int>()       // rejected: its interval or the next one failed
      var ownFailure = Set<Int>()   // rejected: its own interval failed
      var simulations = 0
      while !accepted.isEmpty && rounds < budget {
        var plan = staffing
        for k in accepted { plan[g][k] -= amount[k]! }
        let (result, trialChecks) = try evaluate(plan)
        simulations += 1
        if trialChecks.allSatisfy(\.met) {
          kept = (plan, result, trialChecks)
          break
        }
        // A failing interval blames the removals at it and just after it (its contacts wait into
        // that interval), which are dropped. Failures with no removal next to them are the sum of
        // many (deferred work piling up, a queue running on): then every other removal is
        // dropped, unblamed, to be tried again in a later round.
        let tried = Set(accepted)
        var culprits = Set<Int>()
        var unexplained = false
        for j in failing(trialChecks) {
          if tried.contains(j) {
            culprits.insert(j)
            ownFailure.insert(j)
          }
          if tried.contains(j + 1) { culprits.insert(j + 1) }
          if !tried.contains(j) && !tried.contains(j + 1) { unexplained = true }
        }
        blamed.formUnion(culprits)
        accepted.removeAll { culprits.contains($0) }
        if unexplained {
          if accepted.count > 1 {
            accepted = stride(from: 0, to: accepted.count, by: 2).map { accepted[$0] }
          } else if let last = accepted.first, culprits.isEmpty {
            blamed.insert(last)
            ownFailure.insert(last)
            accepted = []
          }
        }
      }
      var change = 0
      fruitless = kept == nil ? fruitless + 1 : 0
      if let kept {
        (staffing, base, checks) = (kept.plan, kept.result, kept.checks)
        for k in accepted {
          change -= amount[k]!
          step[k] *= 2
          if removable(g, k) <= 0 { open.remove(k) }
        }
      }
      for k in blamed {
        if amount[k]! > 1 {
          step[k] = 1
        } else if ownFailure.contains(k) || chances[k] == 0 {
          open.remove(k)
        } else {
          chances[k] -= 1
        }
      }
      record(.remove, change: change, misses: checks.count { !$0.met }, simulations: simulations)
    }
  }

  mutating func removeForDay(_ g: Int, until budget: Int) throws(StaffingSearchError) {
    var fixed = Set<Int>()
    var size = Int.max   // the batch size to try: halved on a failure, doubled on a success
    while rounds < budget {
      // Intervals with most slack first: the local means of the group's own targets and its types'.
      let local = localChecksAll(base, checks)
      let served = Set(groups[g].skills.map(\.type))
      var slackAt = [Double](repeating: .infinity, count: intervalCount)
      for check in local {
        let mine: Bool = switch check.subject {
        case .type(let t): served.contains(t)
        case .group(let other): other == g
        }
        if mine, let k = check.interval { slackAt[k] = min(slackAt[k], slack(check)) }
      }
      let order = (0..<intervalCount).filter { removable(g, $0) > 0 && !fixed.contains($0) }
        .sorted { (-slackAt[$0], $0) < (-slackAt[$1], $1) }
      guard !order.isEmpty else { return }
      size = min(size, order.count)
      var plan = staffing
      for k in order.prefix(size) { plan[g][k] -= 1 }
      let (result, trialChecks) = try evaluate(plan)
      if trialChecks.allSatisfy(\.met) {
        staffing = plan
        (base, checks) = (result, trialChecks)
        record(.remove, change: -size, misses: 0, simulations: 1)
        size = size > Int.max / 2 ? size : size * 2
      } else {
        if size == 1 { fixed.insert(order[0]) }
        size = max(1, size / 2)
        record(.remove, change: 0, misses: checks.count { !$0.met }, simulations: 1)
      }
    }
  }
}
