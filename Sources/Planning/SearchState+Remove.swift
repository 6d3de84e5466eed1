import ContactCenterModel

extension SearchState {
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

  /// - Parameter only: The intervals to try (all when `nil`): after deferred-work moves, those the
  ///   agents were moved to.
  mutating func removeByInterval(_ g: Int, until budget: Int, only: Set<Int>? = nil) throws(StaffingSearchError) {
    var step = Array(repeating: 1, count: intervalCount)
    // A removal rejected only because the next interval failed gets two more tries before it is fixed.
    var chances = Array(repeating: 2, count: intervalCount)
    var open = Set((0..<intervalCount).filter { removable(g, $0) > 0 && only?.contains($0) ?? true })
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
          ledger.consume(group: g, interval: k, amount: amount[k]!)
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
        for k in order.prefix(size) { ledger.consume(group: g, interval: k, amount: 1) }
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
