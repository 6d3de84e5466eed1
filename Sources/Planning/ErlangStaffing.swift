import ContactCenterModel
import Queueing

/// The staffing exact queueing theory gives a scenario, interval by interval and type by type: the
/// start of `ccsim staff`'s search, and the "Erlang only" answer it reports beside the simulated
/// one (`Docs/planning.md`, "Staffing").
///
/// Each type is staffed on its own, as if its queue were an M/M/n (Erlang C) or, when its
/// customers abandon, an M/M/n+M (Erlang A, with the mean of the patience distribution) queue in
/// steady state over each interval, by ``Queueing/Staffing/minimumAgents(_:workload:targets:serviceLevelThreshold:)``:
/// - the arrival rate is the interval's forecast times the mean surge factor over the interval,
///   less the share self-service contains, plus the escalations other types send it (their
///   unresolved share, in the same interval);
/// - the handle time is the type's mean in the interval (times its `handleTimeByInterval` factor
///   there) times the handle-time factor of its *primary group*: the group with the best
///   preference for it (then the shortest overflow delay, then the cheapest);
/// - chat sessions are servers of their own: the sessions needed, at the mean stretch, divided by
///   the group's concurrency and rounded up;
/// - the targets are the type's service level (its own threshold and definition), ASA and
///   abandonment (Erlang A only), and its primary group's occupancy cap. A type with none gets the
///   fewest agents that keep its queue stable (the offered load rounded down, plus one).
///
/// A group's requirement is the sum over the types it is primary for. What this leaves out —
/// pooling of skills, queues running on from one interval into the next, non-exponential times,
/// retrials, repeats, the day's busyness — is what the simulation search corrects.
public struct ErlangStaffing: Hashable, Sendable {
  /// For each type, the index (in ``ContactCenterModel/Scenario/agentGroups`` order) of the group
  /// its requirement is given to.
  public var primaryGroup: [Int]
  /// The model each type is staffed with.
  public var models: [QueueModel]
  /// `arrivalRates[type][interval]`: contacts per second reaching the type's queue.
  public var arrivalRates: [[Double]]
  /// `perType[type][interval]`: agents of its primary group the type needs.
  public var perType: [[Int]]
  /// `perGroup[group][interval]`: the sum of `perType` over the types a group is primary for.
  public var perGroup: [[Int]]
  /// `minimum[group][interval]`: the part of `perGroup` for types without targets, which the
  /// search never removes (it has nothing to check them by).
  public var minimum: [[Int]]

  /// The Erlang requirement of `scenario`.
  /// - Throws: ``StaffingSearchError/typeUnserved(type:)`` when no group serves a type with contacts,
  ///   ``StaffingSearchError/erlang(type:error:)`` when a target is unattainable (a 100% service level).
  public init(scenario: Scenario) throws(StaffingSearchError) {
    let groups = scenario.agentGroups
    let types = scenario.contactTypes
    var primary: [Int] = []
    for (t, type) in types.enumerated() {
      let serving = groups.indices.compactMap { g in groups[g].skills.first { $0.type == t }.map { (g, $0) } }
      guard let best = serving.min(by: { a, b in
        (a.1.preference, a.1.overflowDelay, Self.paidHourlyCost(groups[a.0]), a.0)
          < (b.1.preference, b.1.overflowDelay, Self.paidHourlyCost(groups[b.0]), b.0)
      }) else {
        if type.arrivalRates.contains(where: { $0 > 0 }) || type.openingBacklog != nil { throw .typeUnserved(type: type.id) }
        primary.append(-1)
        continue
      }
      primary.append(best.0)
    }
    primaryGroup = primary
    arrivalRates = Self.queueArrivalRates(scenario, primary: primary)
    var models: [QueueModel] = []
    var perType: [[Int]] = []
    var untargeted = Array(repeating: false, count: types.count)
    for (t, type) in types.enumerated() {
      let zero = Array(repeating: 0, count: scenario.intervalCount)
      guard primary[t] >= 0 else {
        models.append(.erlangC)
        perType.append(zero)
        continue
      }
      let group = groups[primary[t]]
      let skill = group.skills.first { $0.type == t }!
      // A session's mean stretch over the concurrency levels; `nil` for calls and deferred work.
      var stretch: Double?
      var slots = 1
      if type.handling == .session {
        stretch = group.concurrency.stretch.reduce(0, +) / Double(group.concurrency.limit)
        slots = group.concurrency.limit
      }
      let model: QueueModel = type.handling != .deferred && type.patience != nil
        ? .erlangA(meanPatience: type.patience!.mean) : .erlangC
      models.append(model)
      let goals = scenario.targets.types[t]
      var targets = StaffingTargets(maxOccupancy: scenario.targets.maximumOccupancy[primary[t]])
      if let share = goals.serviceLevel {
        targets.serviceLevel = ServiceLevelTarget(fraction: share, threshold: type.serviceLevel.threshold,
                                                  definition: type.serviceLevel.definition)
      }
      targets.maxAverageSpeedOfAnswer = goals.averageSpeedOfAnswer
      if case .erlangA = model { targets.maxAbandonment = goals.abandonRate }
      untargeted[t] = targets.kinds.isEmpty
      var row: [Int] = []
      for (k, rate) in arrivalRates[t].enumerated() {
        var handle = type.meanHandleTime(interval: k) * skill.handleTimeFactor
        if let stretch { handle *= stretch }
        let workload = Workload(arrivalRate: rate, meanHandleTime: handle)
        let servers: Int
        if targets.kinds.isEmpty {
          servers = rate > 0 ? Int(workload.traffic.rounded(.down)) + 1 : 0
        } else {
          do {
            servers = try Staffing.minimumAgents(model, workload: workload, targets: targets,
                                                 serviceLevelThreshold: type.serviceLevel.threshold).agents
          } catch {
            throw .erlang(type: type.id, error: error)
          }
        }
        row.append((servers + slots - 1) / slots)
      }
      perType.append(row)
    }
    self.models = models
    self.perType = perType
    var perGroup = Array(repeating: Array(repeating: 0, count: scenario.intervalCount), count: groups.count)
    var minimum = perGroup
    for t in types.indices where primary[t] >= 0 {
      for k in 0..<scenario.intervalCount {
        perGroup[primary[t]][k] += perType[t][k]
        if untargeted[t] { minimum[primary[t]][k] += perType[t][k] }
      }
    }
    self.perGroup = perGroup
    self.minimum = minimum
  }

  /// What one agent on the phones for an hour costs: the hourly cost grossed up for shrinkage.
  public static func paidHourlyCost(_ group: AgentGroup) -> Double { group.hourlyCost / (1 - group.shrinkage) }

  /// `rates[type][interval]`: the forecast times the mean surge factor, less containment, plus the
  /// escalations in. Escalation flows are solved by repeated substitution (they converge, as every
  /// pass keeps only the unresolved share, below 1, of the flow before it).
  static func queueArrivalRates(_ scenario: Scenario, primary: [Int]) -> [[Double]] {
    let types = scenario.contactTypes
    let groups = scenario.agentGroups
    let external = types.indices.map { t in scenario.meanArrivalRates(type: t).map { $0 * (1 - types[t].containment) } }
    // The share of a type's answered contacts that leave unresolved, by its primary group's skill.
    let unresolved = types.indices.map { t -> Double in
      let resolution = primary[t] >= 0 ? groups[primary[t]].skills.first { $0.type == t }?.resolution : nil
      return 1 - (resolution ?? types[t].resolution)
    }
    var rates = external
    for _ in 0..<(types.count + 1) {
      var next = external
      for s in types.indices {
        for escalation in types[s].escalations {
          for k in next[escalation.to].indices {
            next[escalation.to][k] += rates[s][k] * unresolved[s] * escalation.share
          }
        }
      }
      rates = next
    }
    return rates
  }
}
