import ContactCenterModel

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
  /// Targets set aside as unattainable, and how each was found (`SearchState+Unattainable.swift`):
  /// missed by the ceiling plan, or three additions in a row brought it less than 10% closer.
  var unattainable: [CheckKey: StaffingSearch.Unattainability] = [:]
  /// The agents added, each addition with the targets that asked for it.
  var ledger: AdditionLedger<CheckKey>
  /// The checks the ceiling plan misses, and the seed it was simulated on.
  var ceiling: (seed: UInt64, missed: Set<CheckKey>)?
  /// The agents removed because the targets they were added for were set aside.
  var released: StaffingSearch.Released
  /// What moving deferred work later did (`SearchState+Defer.swift`); `nil` when no group was tried.
  var deferred: StaffingSearch.DeferredMoves?

  var targets: Targets { search.scenario.targets }
  var intervalCount: Int { search.scenario.intervalCount }
  var groups: [AgentGroup] { search.scenario.agentGroups }

  init(search: StaffingSearch, log: ((StaffingSearch.Step) -> Void)?) throws(StaffingSearchError) {
    self.search = search
    self.log = log
    staffing = search.erlang.perGroup
    seed = search.options.seed
    ledger = AdditionLedger(groups: staffing.count, intervals: search.scenario.intervalCount)
    released = StaffingSearch.Released(agentIntervals: Array(repeating: 0, count: staffing.count), plannedCost: 0)
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
      if unattainable[CheckKey(check)] != nil { check.met = true }
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

    init(subject: TargetCheck.Subject, kind: TargetCheck.Kind, interval: Int?) {
      (self.subject, self.kind, self.interval) = (subject, kind, interval)
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
    // An opening backlog may hold items already past their threshold: judge before adding.
    if checks.contains(where: { !$0.met }) && search.scenario.contactTypes.contains(where: { $0.openingBacklog != nil }) {
      try setAsideUnattainable(stalled: [], probe: true)
    }
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
      let missesAt = Dictionary(grouping: misses) { $0.interval! }
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
          ledger.record(group: g, interval: k, amount: step[k], causes: causes(of: g, among: missesAt[k]!))
        }
      }
      let before = Dictionary(checks.filter { !$0.met }.map { (CheckKey($0), shortfall($0)) }) { a, _ in a }
      (base, checks) = try evaluate(staffing)
      var stalled: [CheckKey] = [], slowed = false
      for check in checks where !check.met {
        let key = CheckKey(check)
        guard let previous = before[key] else { continue }
        stalls[key] = shortfall(check) > previous * 0.9 ? stalls[key, default: 0] + 1 : 0
        if stalls[key]! >= 1 { slowed = true }
        if stalls[key]! >= 3 { stalled.append(key) }
      }
      record(phase, change: change, misses: checks.count { !$0.met }, simulations: simulations + 1)
      // A missed target an addition hardly moved: is it attainable at all?
      try setAsideUnattainable(stalled: stalled, probe: slowed)
    }
  }

  /// The targets an addition to group `g` answers, among an interval's local misses: the group's
  /// own, and those of the missed types it serves (all of them, should it serve none).
  func causes(of g: Int, among misses: [TargetCheck]) -> Set<CheckKey> {
    let served = Set(groups[g].skills.map(\.type))
    let mine = misses.filter { check in
      switch check.subject {
      case .type(let t): served.contains(t)
      case .group(let other): other == g
      }
    }
    return Set((mine.isEmpty ? misses : mine).map(causeKey))
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
}
