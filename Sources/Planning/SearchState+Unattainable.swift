import ContactCenterModel

/// Targets no staffing meets, found as early as they can be, and the agents added for them taken
/// out again (`Docs/planning.md`, "Unattainable targets").
///
/// Two tests, in order:
///
/// 1. **The ceiling plan.** The plan with, in every interval and every group, as many agents
///    again as its types could bring contacts at once (``ceilingHeadroom``): so many that
///    practically no contact waits. A target this plan misses on the search's replications is
///    missed by any staffing the search could choose, since more agents only answer sooner: the
///    canonical case is a deferred type whose opening backlog holds items already older than the
///    service-level threshold (`ContactType.openingBacklog`), which miss their target at any
///    staffing. The ceiling plan is simulated once per seed, at the start of an add phase when a
///    type has an opening backlog, otherwise at the first addition that brings some missed target
///    less than 10% closer.
/// 2. **The stall rule**, the fallback: a target still missed after three additions in a row,
///    each bringing it less than 10% closer.
///
/// A target set aside is counted as met from then on (``effective(_:)``), in the add, remove and
/// repair phases, and every agent added for it alone (``AdditionLedger``) is removed at once; an
/// addition another, attainable target asked for too stays. The plan is then simulated again and
/// the search goes on from there.
extension SearchState {
  /// Agents added to every group in every interval for the ceiling plan: for each type the group
  /// serves, twice the contacts its busiest interval can have in hand at once (arrivals over an
  /// interval plus the day's largest mean handle time, with the Erlang start's rates, which include escalations,
  /// surges and containment), plus 10, plus the type's opening backlog, so that the whole backlog
  /// can start at the opening.
  static func ceilingHeadroom(_ search: StaffingSearch) -> [Int] {
    let scenario = search.scenario
    let perType = scenario.contactTypes.indices.map { t -> Int in
      let type = scenario.contactTypes[t]
      let peak = search.erlang.arrivalRates[t].max() ?? 0
      let inHand = peak * (scenario.intervalLength + type.largestMeanHandleTime)
      return Int((2 * inHand).rounded(.up)) + 10 + (type.openingBacklog?.count ?? 0)
    }
    return scenario.agentGroups.map { group in group.skills.reduce(0) { $0 + perType[$1.type] } }
  }

  /// The checks the ceiling plan misses on the current seed, simulating it when it has not been
  /// on this seed yet. - Returns: the misses, and whether a simulation ran.
  mutating func ceilingMisses() throws(StaffingSearchError) -> (missed: Set<CheckKey>, simulated: Bool) {
    if let ceiling, ceiling.seed == seed { return (ceiling.missed, false) }
    let headroom = Self.ceilingHeadroom(search)
    let plan = staffing.indices.map { g in staffing[g].map { $0 + headroom[g] } }
    rounds += 1
    let result = try search.simulate(plan, seed: seed)
    let missed = Set(targets.check(result).filter { !$0.met }.map(CheckKey.init))
    ceiling = (seed, missed)
    return (missed, true)
  }

  /// The key an addition for a local miss is recorded under: the check itself with interval
  /// targets, the day target it localises with day targets (``localMisses(_:_:)``).
  func causeKey(_ local: TargetCheck) -> CheckKey {
    targets.scope == .interval ? CheckKey(local) : CheckKey(subject: local.subject, kind: local.kind, interval: nil)
  }

  /// Sets aside the missed targets that are unattainable: those the ceiling plan misses (simulated
  /// first when `probe` is set and it has not been on this seed) and `stalled`; removes the agents
  /// added only for targets set aside, simulates the plan again when some were, and logs a
  /// `set-aside` step when it simulated anything.
  mutating func setAsideUnattainable(stalled: [CheckKey], probe: Bool) throws(StaffingSearchError) {
    var simulations = 0
    var found: [CheckKey: StaffingSearch.Unattainability] = [:]
    if (probe && search.options.judgesByCeiling) || ceiling?.seed == seed {
      let (missed, simulated) = try ceilingMisses()
      if simulated { simulations += 1 }
      for check in checks where !check.met {
        let key = CheckKey(check)
        if unattainable[key] == nil && missed.contains(key) { found[key] = .ceiling }
      }
    }
    for key in stalled where unattainable[key] == nil && found[key] == nil { found[key] = .stall }
    unattainable.merge(found) { old, _ in old }
    var change = 0
    if !found.isEmpty {
      for cell in ledger.release(where: { unattainable[$0] != nil }) {
        staffing[cell.group][cell.interval] -= cell.amount
        released.agentIntervals[cell.group] += cell.amount
        released.plannedCost += Double(cell.amount) * search.agentIntervalCost[cell.group]
        change -= cell.amount
      }
      if change < 0 {
        (base, checks) = try evaluate(staffing)
        simulations += 1
      }
      checks = effective(checks)
    }
    if simulations > 0 { record(.setAside, change: change, misses: checks.count { !$0.met }, simulations: simulations) }
  }
}
