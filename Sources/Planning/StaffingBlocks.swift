import ContactCenterModel

/// Staffing in blocks people can work: a group's `minimumBlock` (``ContactCenterModel/AgentGroup/minimumBlock``)
/// asks that its staffing stay at each non-zero level for at least that many intervals, so that a
/// plan never asks for one more person for 15 minutes (`Docs/planning.md`, "Minimum blocks").
///
/// A *run* is a maximal stretch of intervals at one level. Runs at level 0 (nobody) may be of any
/// length; every other run lasts at least `block` intervals (or the whole day, when the day is
/// shorter than a block).
enum StaffingBlocks {
  /// Whether every non-zero run of `staffing` lasts at least `block` intervals.
  ///
  ///     StaffingBlocks.holds([0, 3, 3, 3, 3, 5, 5, 5, 5], block: 4)   // true
  ///     StaffingBlocks.holds([2, 2, 2, 3, 2, 2, 2, 2], block: 4)      // false: 2 for 3 intervals, 3 for 1
  static func holds(_ staffing: [Int], block: Int) -> Bool {
    let block = min(block, staffing.count)
    var start = 0
    for k in staffing.indices where k + 1 == staffing.count || staffing[k + 1] != staffing[k] {
      if staffing[k] != 0 && k + 1 - start < block { return false }
      start = k + 1
    }
    return true
  }

  /// The cheapest staffing at or above `staffing` in every interval whose non-zero runs last at
  /// least `block` intervals: the day is cut into segments, each at the highest level inside it,
  /// and the cut with the fewest agent-intervals is found by dynamic programming over the segment
  /// ends (on a tie, the earliest cut). Never lowers an interval, so a plan that meets its targets
  /// still does (more agents only answer sooner).
  ///
  ///     StaffingBlocks.raised([1, 7, 8, 5, 0, 0, 0, 0], block: 4)   // [8, 8, 8, 8, 0, 0, 0, 0]
  ///     StaffingBlocks.raised([2, 2, 2, 2, 3, 2, 2, 2], block: 4)   // [2, 2, 2, 2, 3, 3, 3, 3]
  ///
  /// - Parameter block: Intervals, ≥ 1.
  /// - Complexity: O(n²) for n intervals.
  static func raised(_ staffing: [Int], block: Int) -> [Int] {
    precondition(block >= 1, "a block is at least one interval")
    let n = staffing.count
    let block = min(block, n)
    guard n > 0, block > 1 else { return staffing }
    // best[j]: fewest agent-intervals covering 0..<j; cut[j]: where its last segment starts.
    var best = [Int](repeating: .max, count: n + 1)
    var cut = [Int](repeating: 0, count: n + 1)
    best[0] = 0
    for j in 1...n {
      var level = 0
      for i in stride(from: j - 1, through: 0, by: -1) {
        level = max(level, staffing[i])
        guard level == 0 || j - i >= block, best[i] != .max else { continue }
        let cost = best[i] + level * (j - i)
        if cost < best[j] || (cost == best[j] && i < cut[j]) { (best[j], cut[j]) = (cost, i) }
      }
    }
    var result = staffing
    var j = n
    while j > 0 {
      let i = cut[j]
      let level = staffing[i..<j].max()!
      for k in i..<j { result[k] = level }
      j = i
    }
    return result
  }
}

extension SearchState {
  /// Raises every group with a `minimumBlock` to the cheapest staffing at or above its own whose
  /// non-zero levels last a block at least (``StaffingBlocks``), and simulates the plan again when
  /// that changed it (a `blocks` step).
  mutating func formBlocks() throws(StaffingSearchError) {
    var change = 0
    for g in groups.indices {
      guard let block = blockIntervals(g) else { continue }
      let raised = StaffingBlocks.raised(staffing[g], block: block)
      change += zip(raised, staffing[g]).reduce(0) { $0 + $1.0 - $1.1 }
      staffing[g] = raised
    }
    guard change > 0 else { return }
    (base, checks) = try evaluate(staffing)
    record(.blocks, change: change, misses: checks.count { !$0.met }, simulations: 1)
  }

  /// The minimum block of group `g` in intervals, or `nil` when it has none.
  func blockIntervals(_ g: Int) -> Int? {
    groups[g].minimumBlock.map { max(1, Int(($0 / search.scenario.intervalLength).rounded())) }
  }

  /// After ``formBlocks()``, which only raises: lowers whole runs of the groups with a minimum
  /// block by one agent at a time, the longest run first, keeping each lowering that leaves every
  /// target met (one simulation each, `blocks` steps) and leaving a run that fails as it is, until
  /// no run can be lowered or the phase's `maximumRounds` are spent. A lowered run still lasts a
  /// block (it may merge with a neighbour at its new level), so the blocks hold throughout.
  mutating func lowerBlocks() throws(StaffingSearchError) {
    let budget = rounds + search.options.maximumRounds
    for g in groups.indices {
      guard blockIntervals(g) != nil else { continue }
      var fixed = Set<Range<Int>>()
      while rounds < budget {
        let lowerable = runs(staffing[g]).filter { run in
          !fixed.contains(run) && run.allSatisfy { staffing[g][$0] > search.erlang.minimum[g][$0] }
        }
        guard let run = lowerable.max(by: { ($0.count, -$0.lowerBound) < ($1.count, -$1.lowerBound) }) else { break }
        var plan = staffing
        for k in run { plan[g][k] -= 1 }
        let (result, trialChecks) = try evaluate(plan)
        if trialChecks.allSatisfy(\.met) {
          for k in run { ledger.consume(group: g, interval: k, amount: 1) }
          (staffing, base, checks) = (plan, result, trialChecks)
          record(.blocks, change: -run.count, misses: 0, simulations: 1)
        } else {
          fixed.insert(run)
          record(.blocks, change: 0, misses: checks.count { !$0.met }, simulations: 1)
        }
      }
    }
  }

  /// The maximal runs of one non-zero level.
  func runs(_ staffing: [Int]) -> [Range<Int>] {
    var result: [Range<Int>] = []
    var start = 0
    for k in staffing.indices where k + 1 == staffing.count || staffing[k + 1] != staffing[k] {
      if staffing[k] != 0 { result.append(start..<(k + 1)) }
      start = k + 1
    }
    return result
  }

  /// Whether every group with a `minimumBlock` keeps it (checked before each verification).
  var blocksHold: Bool {
    groups.indices.allSatisfy { g in blockIntervals(g).map { StaffingBlocks.holds(staffing[g], block: $0) } ?? true }
  }
}
