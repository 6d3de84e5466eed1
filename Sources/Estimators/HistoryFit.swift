import Foundation

/// Every model input estimated from a ``CallHistory``, each with its standard error, sample size
/// and method (`Docs/history.md`, "Estimators"): what `ccsim fit` writes into a scenario and
/// `fit.json`.
public struct HistoryFit: Sendable {
  /// Choices of the fit.
  public struct Options: Hashable, Sendable {
    /// The days whose calls make the scenario's day (volumes, staffing); `nil`: every day.
    public var days: Set<CalendarDay>?
    /// A caller's next call within this many seconds is a retrial (after abandoning) or a repeat
    /// (after being served).
    public var returnWindow: Double = 7_200
    /// An agent has a skill for the types making at least this share of the calls they served.
    public var skillShare: Double = 0.1
    /// Below this many events a type's duration fit is the centre's pooled one.
    public var minimumEvents = 30
    public init(days: Set<CalendarDay>? = nil) { self.days = days }
  }

  public var intervalLength: Double
  public var serviceLevelThreshold: Double
  /// The days the scenario's day is made of, and every day of the log.
  public var days: [CalendarDay]
  public var allDays: [CalendarDay]
  /// The intervals of the opening hours: first ..< end (an interval index of the day).
  public var opening: Range<Int>
  public var types: [TypeFit]
  /// The busyness CV from the daily totals of fresh contacts, per day of the week with ≥ 3 days
  /// (pooled over them); `nil` with fewer days.
  public var busyness: Busyness?
  public var returns: CallHistory.Returns?
  /// The delays to a retrial and to a repeat fitted (best AIC first), when enough returns were seen.
  public var retrialDelay: [LifetimeFit] = [], repeatDelay: [LifetimeFit] = []
  /// How the agents per interval were counted.
  public var staffingSource: StaffingSource
  public var groups: [GroupFit]
  public var options: Options
  /// What was fitted: a call log (every estimator) or an interval report (means and counts only).
  public var source: Source = .callLog

  public enum Source: String, Hashable, Sendable {
    case callLog = "call log", intervalReport = "interval report"
  }

  public enum StaffingSource: String, Hashable, Sendable {
    /// Distinct agents serving during each interval (the log names agents).
    case agentIDs = "distinct agents serving"
    /// The mean number of calls in service, rounded up: a lower bound (idle agents are invisible).
    case callsInService = "calls in service (a lower bound)"
    /// An interval report's agents staffed.
    case reported = "agents staffed as reported"
    /// An interval report without agents: answered × AHT ÷ the interval, rounded up (a lower bound).
    case reportedWorkload = "answered × AHT ÷ interval (a lower bound)"
  }

  public struct Busyness: Hashable, Sendable {
    public var cv: Double
    public var standardError: Double?
    /// Days of the week it was estimated from (1 = Sunday) and the days in all.
    public var weekdays: [Int]
    public var days: Int
  }

  public struct TypeFit: Sendable {
    public var id: String
    /// Fresh contacts (new; not retrials or repeats) per interval of the opening hours, mean over
    /// the days, with standard errors; self-service included (the scenario's volumes).
    public var arrivals: ArrivalEstimates
    /// Calls offered, answered, abandoned and contained over the days.
    public var offered: Int, answered: Int, abandoned: Int, contained: Int
    /// contained ÷ (offered + contained), with its binomial standard error.
    public var containment: Double, containmentStandardError: Double
    /// Handle-time fits, best AIC first; `pooledHandle`: too few calls, the centre's fits instead.
    public var handle: [LifetimeFit]
    public var pooledHandle: Bool
    /// Mean handle time by the interval service started in (opening hours), and whether it changes
    /// through the day (the scenario's `handleTimeByInterval` when it does).
    public var handleCurve: HandleTimeCurve
    /// Patience fits with answered calls censored at their wait, best AIC first (empty: nobody
    /// abandoned); `pooledPatience`: too few abandonments, the centre's fits instead.
    public var patience: [LifetimeFit]
    public var pooledPatience: Bool
    public var kaplanMeier: KaplanMeier
    /// The exponential estimate: Σ waits of everyone who queued ÷ abandonments (Brown et al. 2005).
    public var exponentialPatienceMean: Double?
    public var exponentialPatienceStandardError: Double?
    /// The naive mean of the abandoners' waits: biased low (it ignores the censored callers);
    /// reported to show how far off it is, never used.
    public var naiveAbandonerMean: Double?
    /// Calls per priority class, where the log has one.
    public var priorities: [Int: CallHistory.PriorityCount]
  }

  public struct GroupFit: Hashable, Sendable {
    public var id: String
    public var skills: [String]
    public var members: [String]
    /// Agents per interval of the opening hours: the mean over the days, rounded (half up).
    public var agents: [Int]
  }

  /// Fits everything; `history` has its returns marked (``CallHistory/returns(window:)``) here.
  public init(_ history: CallHistory, options: Options = Options()) {
    var history = history
    self.options = options
    intervalLength = history.intervalLength
    serviceLevelThreshold = history.serviceLevelThreshold
    allDays = history.days
    days = allDays.filter { options.days?.contains($0) ?? true }
    let returns = history.hasCustomers ? history.returns(window: options.returnWindow) : nil
    self.returns = returns
    let returnShare = returns?.returnShare ?? 0
    if let returns {
      let families: [LifetimeFamily] = [.exponential, .weibull, .lognormal, .gamma]
      if returns.abandoned >= options.minimumEvents { retrialDelay = LifetimeFit.ranked(returns.retrialDelays, among: families) }
      if returns.served >= options.minimumEvents { repeatDelay = LifetimeFit.ranked(returns.repeatDelays, among: families) }
    }
    let selected = Set(days)
    let cells = history.cells.filter { selected.contains($0.key.day) }
    let staffing = history.staffing.filter { selected.contains($0.key.day) }

    // Service running on after the last call is the day's overtime, not opening hours.
    let active = Set(cells.filter { $0.value.offered + $0.value.contained > 0 }.map(\.key.interval))
    opening = (active.min() ?? 0)..<((active.max() ?? 0) + 1)
    let opening = opening

    let pooledHandle = history.handleTimes.values.reduce(into: DurationTally()) { $0.merge($1) }
    let pooledPatience = history.patience.values.reduce(into: DurationTally()) { $0.merge($1) }
    let handleFamilies: [LifetimeFamily] = [.lognormal, .gamma, .weibull]
    let patienceFamilies: [LifetimeFamily] = [.exponential, .weibull, .lognormal]
    let minimum = Double(options.minimumEvents)
    // The centre's pooled fits stand in for types with too few events; fitted only when needed.
    let centreHandle = history.handleTimes.values.contains { $0.events < minimum }
      ? LifetimeFit.ranked(pooledHandle, among: handleFamilies) : []
    let centrePatience = history.patience.values.contains { $0.events < minimum }
      ? LifetimeFit.ranked(pooledPatience, among: patienceFamilies) : []
    let days = self.days

    // Each type's totals over the chosen days, in one pass over the cells.
    var totals: [String: CallHistory.Cell] = [:]
    for (key, cell) in cells {
      totals[key.type, default: CallHistory.Cell()].add(cell)
    }
    types = totals.keys.sorted().map { type in
      let counts = days.map { day in
        opening.map { interval in
          (cells[CallHistory.CellKey(day: day, interval: interval, type: type)] ?? CallHistory.Cell()).fresh(returnShare: returnShare)
        }
      }
      let total = totals[type] ?? CallHistory.Cell()
      let arrived = Double(total.offered + total.contained)
      let containment = arrived > 0 ? Double(total.contained) / arrived : 0
      let handleData = history.handleTimes[type] ?? DurationTally()
      let patienceData = history.patience[type] ?? DurationTally()
      let ownHandle = handleData.events >= minimum
      let ownPatience = patienceData.events >= minimum
      let byStart = history.handleByStart[type] ?? [:]
      let handleFits = ownHandle ? LifetimeFit.ranked(handleData, among: handleFamilies) : centreHandle
      return TypeFit(
        id: type, arrivals: ArrivalEstimates(counts: counts),
        offered: total.offered, answered: total.answered, abandoned: total.abandoned, contained: total.contained,
        containment: containment,
        containmentStandardError: arrived > 0 ? (containment * (1 - containment) / arrived).squareRoot() : 0,
        handle: handleFits, pooledHandle: !ownHandle,
        handleCurve: HandleTimeCurve(opening.map { byStart[$0] ?? HandleTimeCurve.Sums() }, mean: handleFits.first?.mean ?? 0),
        patience: ownPatience ? LifetimeFit.ranked(patienceData, among: patienceFamilies) : centrePatience,
        pooledPatience: !ownPatience,
        kaplanMeier: KaplanMeier(ownPatience ? patienceData : pooledPatience),
        exponentialPatienceMean: total.abandoned > 0 ? (total.answeredWait + total.abandonedWait) / Double(total.abandoned) : nil,
        exponentialPatienceStandardError: total.abandoned > 0
          ? (total.answeredWait + total.abandonedWait) / Double(total.abandoned) / Double(total.abandoned).squareRoot() : nil,
        naiveAbandonerMean: total.abandoned > 0 ? total.abandonedWait / Double(total.abandoned) : nil,
        priorities: history.priorities[type] ?? [:])
    }

    busyness = Self.busyness(cells: cells, days: days, returnShare: returnShare)
    staffingSource = history.hasAgents ? .agentIDs : .callsInService
    groups = history.hasAgents
      ? Self.skillGroups(history, staffing: staffing, days: days, opening: opening, types: types.map(\.id), share: options.skillShare)
      : [Self.busyGroup(staffing, days: days, opening: opening, types: types.map(\.id), intervalLength: intervalLength)]
  }

  /// Jongbloed & Koole's ĉ per day of the week with at least three days, pooled as
  /// ĉ² = Σ (Dₖ − 1) ĉₖ² ÷ Σ (Dₖ − 1) (days of different weekdays differ by more than busyness);
  /// its standard error combines the weekdays' se(ĉₖ²) with the same weights, then the delta
  /// method gives se(ĉ) = se(ĉ²) ÷ 2ĉ.
  static func busyness(cells: [CallHistory.CellKey: CallHistory.Cell], days: [CalendarDay], returnShare: Double) -> Busyness? {
    var totals: [CalendarDay: Double] = [:]
    for (key, cell) in cells { totals[key.day, default: 0] += cell.fresh(returnShare: returnShare) }
    let byWeekday = Dictionary(grouping: days, by: \.weekday).filter { $0.value.count >= 3 }
    guard !byWeekday.isEmpty else { return nil }
    var weighted = 0.0, weights = 0.0, errorSquares = 0.0
    for (_, days) in byWeekday {
      let estimate = ArrivalEstimates(counts: days.map { [totals[$0] ?? 0] })
      guard let cv = estimate.busynessCV, let variance = estimate.dailyTotalVariance, estimate.meanDailyTotal > 0 else { continue }
      let weight = Double(days.count - 1)
      weighted += weight * cv * cv
      weights += weight
      // se(ĉₖ²) = √(2/(Dₖ − 1)) s²/N̄² (the delta method of ArrivalEstimates), combined over the weekdays.
      let squaredError = (2 / weight).squareRoot() * variance / (estimate.meanDailyTotal * estimate.meanDailyTotal)
      errorSquares += weight * weight * squaredError * squaredError
    }
    guard weights > 0 else { return nil }
    let cv = (weighted / weights).squareRoot()
    let squaredError = errorSquares.squareRoot() / weights
    return Busyness(cv: cv, standardError: cv > 0 ? squaredError / (2 * cv) : squaredError.squareRoot(), weekdays: byWeekday.keys.sorted(),
                    days: byWeekday.values.reduce(0) { $0 + $1.count })
  }

  /// Agents with the same skills (the types making ≥ `share` of their calls) form a group, named
  /// after its skills (`NW-PS`); its agents per interval are its members serving then, mean over the days.
  /// A type no group has a skill for goes to the group that served most of its calls.
  static func skillGroups(_ history: CallHistory, staffing: [CallHistory.DayInterval: CallHistory.Staffing],
                          days: [CalendarDay], opening: Range<Int>, types: [String], share: Double) -> [GroupFit] {
    var membersBySkills: [[String]: [Int]] = [:]
    for (agent, served) in history.servedByAgent.enumerated() {
      let total = Double(served.values.reduce(0, +))
      let skills = served.filter { Double($0.value) >= share * total && types.contains($0.key) }.keys.sorted()
      guard !skills.isEmpty else { continue }
      membersBySkills[skills, default: []].append(agent)
    }
    var groups = membersBySkills.map { skills, members in (skills: skills, members: members) }
      .sorted { ($0.members.count, $1.skills.joined(separator: "+")) > ($1.members.count, $0.skills.joined(separator: "+")) }
    for type in types where !groups.contains(where: { $0.skills.contains(type) }) {
      let served = groups.map { group in group.members.reduce(0) { $0 + (history.servedByAgent[$1][type] ?? 0) } }
      // The group that served most of its calls, else the largest: every type needs a group.
      if let best = served.indices.max(by: { served[$0] < served[$1] }) {
        groups[best].skills = (groups[best].skills + [type]).sorted()
      }
    }
    return groups.map { group in
      let members = Set(group.members)
      let agents = opening.map { interval in
        let sum = days.reduce(0) { $0 + (staffing[CallHistory.DayInterval(day: $1, interval: interval)]?.agents.intersection(members).count ?? 0) }
        return Int((Double(sum) / Double(max(days.count, 1))).rounded(.toNearestOrAwayFromZero))
      }
      return GroupFit(id: group.skills.joined(separator: "-"), skills: group.skills,
                      members: group.members.map { history.agents[$0] }.sorted(), agents: agents)
    }
  }

  /// Without agent ids: one group for every type, its agents per interval the mean number of calls
  /// in service rounded up — a lower bound on the staffing.
  static func busyGroup(_ staffing: [CallHistory.DayInterval: CallHistory.Staffing], days: [CalendarDay],
                        opening: Range<Int>, types: [String], intervalLength: Double) -> GroupFit {
    let agents = opening.map { interval in
      let busy = days.reduce(0.0) { $0 + (staffing[CallHistory.DayInterval(day: $1, interval: interval)]?.busyTime ?? 0) }
      return Int((busy / intervalLength / Double(max(days.count, 1)) - 1e-9).rounded(.up))
    }
    return GroupFit(id: "agents", skills: types, members: [], agents: agents)
  }
}
