import ContactCenterModel

/// Deferred work staffed later within its deadline (`Docs/planning.md`, "Deferred work").
///
/// Email and tickets need not be answered in the interval they arrive: an "80% within 4 h" target
/// is met as well by an agent at 07:00 as by one at 04:00. The add phase staffs where a target
/// misses, interval by interval, so the agents for a night's email stand in the night, in steps that
/// overshoot; the remove phase then takes out single agents, and an agent at 03:00 whose work
/// could wait until 04:00 stays, because taking it out alone leaves the work undone.
///
/// After the remove phase, for each *deferred-work group* (its best-preference skills are all
/// deferred types whose service-level threshold spans two intervals at least), the search tries
/// **moves**: one agent from every interval above the group's minimum goes `d` intervals later
/// (`d` at most 4 and at most half the shortest threshold of its deferred types, in intervals), all
/// at once, and the plan is simulated on the search's seed (common random numbers). A move keeps the
/// headcount, so the planned cost is equal; it is kept when every target still holds. A failing
/// interval `j` blames the moves whose contacts it can be: a source `k` with `j` at `k` or `k − 1`
/// (the group's calls, answered later), or with `j`'s deadline between `k` and `k + d` (`j + h` in
/// `k + 1 … k + d`, `h` the threshold in intervals); a blamed move's distance halves, and one of
/// distance 1 is fixed. Failures no move explains thin the batch by half, as in the remove phase.
/// After the moves the group's removal is run again on the intervals agents were moved to: agents
/// moved onto intervals that had slack for them are taken out, which is where the saving comes from. Moves after which no agent could
/// be removed are undone (they would only reshape the plan at the same cost). Moves and removals
/// alternate while both keep something, within the group's share of `maximumRounds` simulations.
///
/// Interval targets only (`per: interval`): a day target does not say which interval a move hurts.
extension SearchState {
  /// The longest move of a group's agents, in intervals (0: the group does not work deferred work
  /// alone): at most 4, and at most half the shortest threshold of its deferred types.
  func deferralReach(_ g: Int) -> Int {
    let types = search.scenario.contactTypes
    let skills = groups[g].skills
    guard let best = skills.map(\.preference).min(),
          skills.filter({ $0.preference == best }).allSatisfy({ types[$0.type].handling == .deferred }),
          let threshold = skills.filter({ types[$0.type].handling == .deferred }).map({ types[$0.type].serviceLevel.threshold }).min()
    else { return 0 }
    return min(Self.longestMove, Int((threshold / search.scenario.intervalLength).rounded(.down)) / 2)
  }

  /// The longest move tried, in intervals.
  static let longestMove = 4

  /// The most simulations the moves may take in one search (within `maximumRounds`): where the moves
  /// free nothing (the retail day, whose night is set by yesterday's email backlog) the attempt
  /// stays a small part of the search (about 25 of 130 simulations there, against 74 unbounded).
  static let moveBudget = 24

  /// Moves deferred-work staffing later and removes what that frees (see above); records the
  /// agent-intervals moved and the planned cost before and after in ``deferred``.
  mutating func deferWork() throws(StaffingSearchError) {
    guard search.options.movesDeferredWork, targets.scope == .interval else { return }
    let movable = groups.indices.filter { deferralReach($0) >= 1 }
    guard !movable.isEmpty else { return }
    var moves = StaffingSearch.DeferredMoves(agentIntervals: 0, plannedCostBefore: search.plannedCost(staffing),
                                             plannedCostAfter: 0)
    let end = rounds + min(search.options.maximumRounds, Self.moveBudget)
    for (position, g) in movable.enumerated() {
      let budget = rounds + (end - rounds) / (movable.count - position)
      while rounds < budget {
        // Moves that let no agent be removed are undone: they save nothing and only reshape the plan.
        let saved = (staffing: staffing, base: base, checks: checks, ledger: ledger)
        let before = staffing[g].reduce(0, +)
        let (moved, destinations) = try move(g, until: rounds + max(1, (budget - rounds) / 2))
        guard moved > 0 else { break }
        try removeByInterval(g, until: budget, only: destinations)
        guard staffing[g].reduce(0, +) < before else {
          (staffing, base, checks, ledger) = saved
          break
        }
        moves.agentIntervals += moved
      }
    }
    moves.plannedCostAfter = search.plannedCost(staffing)
    deferred = moves
  }

  /// Move rounds on group `g` until nothing is left to move, `budget` is reached or three rounds in
  /// a row keep nothing. - Returns: the agent-intervals moved, and the intervals they were moved to.
  mutating func move(_ g: Int, until budget: Int) throws(StaffingSearchError) -> (moved: Int, destinations: Set<Int>) {
    let reach = deferralReach(g)
    let horizon = deferralHorizon(g)
    let n = intervalCount
    // A move stays inside the day: from k at most to the last interval.
    var distance = (0..<n).map { min(reach, n - 1 - $0) }
    var open = Set((0..<n).filter { removable(g, $0) > 0 && $0 + 1 < n })
    var fruitless = 0, total = 0
    var destinations = Set<Int>()
    while !open.isEmpty && rounds < budget && fruitless < Self.patience {
      var accepted = open.sorted()
      var kept: (plan: [[Int]], result: RunResult, checks: [TargetCheck])?
      var simulations = 0
      var blamed = Set<Int>()
      while !accepted.isEmpty && rounds < budget {
        var plan = staffing
        for k in accepted {
          plan[g][k] -= 1
          plan[g][k + distance[k]] += 1
        }
        let (result, trialChecks) = try evaluate(plan)
        simulations += 1
        if trialChecks.allSatisfy(\.met) {
          kept = (plan, result, trialChecks)
          break
        }
        var culprits = Set<Int>(), unexplained = false
        for j in failing(trialChecks) {
          let mine = accepted.filter { k in
            j == k || j == k - 1 || (k + 1...k + distance[k]).contains(j + horizon)
          }
          if mine.isEmpty { unexplained = true }
          culprits.formUnion(mine)
        }
        blamed.formUnion(culprits)
        accepted.removeAll { culprits.contains($0) }
        if unexplained && culprits.isEmpty {
          if accepted.count > 1 {
            accepted = stride(from: 0, to: accepted.count, by: 2).map { accepted[$0] }
          } else {
            blamed.formUnion(accepted)
            accepted = []
          }
        }
      }
      var change = 0
      fruitless = kept == nil ? fruitless + 1 : 0
      if let kept {
        (staffing, base, checks) = (kept.plan, kept.result, kept.checks)
        for k in accepted {
          let to = k + distance[k]
          destinations.insert(to)
          ledger.move(group: g, from: k, to: to, amount: 1)
          change += 1
          if removable(g, k) <= 0 { open.remove(k) }
          if to + 1 < n { open.insert(to) }
        }
      }
      for k in blamed {
        if distance[k] > 1 { distance[k] /= 2 } else { open.remove(k) }
      }
      total += change
      record(.deferral, change: 0, misses: checks.count { !$0.met }, simulations: simulations)
    }
    return (total, destinations)
  }

  /// The shortest service-level threshold of group `g`'s deferred types, in whole intervals.
  func deferralHorizon(_ g: Int) -> Int {
    let types = search.scenario.contactTypes
    let threshold = groups[g].skills.filter { types[$0.type].handling == .deferred }.map { types[$0.type].serviceLevel.threshold }.min() ?? 0
    return Int((threshold / search.scenario.intervalLength).rounded(.down))
  }
}
