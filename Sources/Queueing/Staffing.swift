/// Which queueing model answers a staffing question.
public enum QueueModel: Hashable, Sendable {
  /// M/M/n/n: no queue; a contact that finds every agent busy is blocked (trunks, overflow lines).
  case erlangB
  /// M/M/n: callers wait as long as it takes.
  case erlangC
  /// M/M/n+M: waiting callers abandon after an exponential patience with this mean, in seconds.
  case erlangA(meanPatience: Double)
}

/// How a service level counts callers who abandon (see `Docs/analytics.md`).
public enum ServiceLevelDefinition: String, CaseIterable, Hashable, Sendable {
  /// Answered within the threshold ÷ all offered calls: abandoned calls count as failures (default).
  case offered
  /// Answered within the threshold ÷ answered calls: abandoned calls are left out.
  case answered
  /// Answered within the threshold ÷ (offered − abandoned within the threshold).
  case excludingShortAbandons = "excl-short-abandons"
}

/// "`fraction` of contacts answered within `threshold` seconds", e.g. 80/20.
public struct ServiceLevelTarget: Hashable, Sendable {
  /// Required share, in `0...1` (0.8 for 80%).
  public var fraction: Double
  /// Seconds; ≥ 0.
  public var threshold: Double
  public var definition: ServiceLevelDefinition

  public init(fraction: Double, threshold: Double, definition: ServiceLevelDefinition = .offered) {
    self.fraction = fraction
    self.threshold = threshold
    self.definition = definition
  }
}

/// The targets a staffing must meet, all at once. Leave a target `nil` to ignore it.
public struct StaffingTargets: Hashable, Sendable {
  public var serviceLevel: ServiceLevelTarget?
  /// Largest average speed of answer, seconds (all calls for Erlang C, answered calls for Erlang A).
  public var maxAverageSpeedOfAnswer: Double?
  /// Largest probability of waiting at all, P(W > 0).
  public var maxWaitProbability: Double?
  /// Largest share of callers who abandon (Erlang A).
  public var maxAbandonment: Double?
  /// Largest occupancy, busy time ÷ agent time, in `0...1`.
  public var maxOccupancy: Double?
  /// Largest blocking probability (Erlang B).
  public var maxBlocking: Double?

  public init(
    serviceLevel: ServiceLevelTarget? = nil, maxAverageSpeedOfAnswer: Double? = nil,
    maxWaitProbability: Double? = nil, maxAbandonment: Double? = nil,
    maxOccupancy: Double? = nil, maxBlocking: Double? = nil
  ) {
    self.serviceLevel = serviceLevel
    self.maxAverageSpeedOfAnswer = maxAverageSpeedOfAnswer
    self.maxWaitProbability = maxWaitProbability
    self.maxAbandonment = maxAbandonment
    self.maxOccupancy = maxOccupancy
    self.maxBlocking = maxBlocking
  }

  /// The kinds of target that are set.
  public var kinds: [StaffingTargetKind] {
    var kinds: [StaffingTargetKind] = []
    if serviceLevel != nil { kinds.append(.serviceLevel) }
    if maxAverageSpeedOfAnswer != nil { kinds.append(.averageSpeedOfAnswer) }
    if maxWaitProbability != nil { kinds.append(.waitProbability) }
    if maxAbandonment != nil { kinds.append(.abandonment) }
    if maxOccupancy != nil { kinds.append(.occupancy) }
    if maxBlocking != nil { kinds.append(.blocking) }
    return kinds
  }
}

/// One kind of staffing target, for error messages and applicability checks.
public enum StaffingTargetKind: String, CaseIterable, Hashable, Sendable {
  case serviceLevel = "service level"
  case averageSpeedOfAnswer = "average speed of answer"
  case waitProbability = "probability of waiting"
  case abandonment = "abandonment"
  case occupancy = "occupancy"
  case blocking = "blocking"
}

/// A staffing question that has no answer.
public enum StaffingError: Error, Hashable, CustomStringConvertible {
  /// No target was given, so "the fewest agents" would be none.
  case noTargets
  /// The target does not exist in this model (abandonment in Erlang C, a wait in Erlang B).
  case notApplicable(StaffingTargetKind, model: String)
  /// No number of agents can meet the target (a 100% service level, an ASA of 0 s).
  case unattainable(StaffingTargetKind, reason: String)
  /// The search passed `limit` agents without meeting the targets.
  case beyondSearchLimit(limit: Int)

  public var description: String {
    switch self {
    case .noTargets: "no staffing target given"
    case .notApplicable(let kind, let model): "a \(kind.rawValue) target does not apply to \(model)"
    case .unattainable(let kind, let reason): "no staffing can meet the \(kind.rawValue) target: \(reason)"
    case .beyondSearchLimit(let limit): "no staffing up to \(limit) agents meets the targets"
    }
  }
}

/// Every metric of one queue at one staffing, whatever the model. Metrics a model does not have
/// take the value that model implies (no waiting in Erlang B: wait probability 0; nobody abandons
/// in Erlang C: abandonment 0).
public struct QueuePerformance: Hashable, Sendable {
  public var model: QueueModel
  public var workload: Workload
  public var agents: Int
  /// Threshold, seconds, of the service levels below.
  public var serviceLevelThreshold: Double
  /// `false` only for an Erlang-C queue with agents ≤ offered load.
  public var isStable: Bool
  /// P(W > 0).
  public var waitProbability: Double
  /// Service level, answered within the threshold ÷ all offered contacts.
  public var serviceLevel: Double
  /// Answered within the threshold ÷ answered contacts.
  public var serviceLevelOfAnswered: Double
  /// Answered within the threshold ÷ (offered − abandoned within the threshold).
  public var serviceLevelExcludingShortAbandons: Double
  /// Mean wait in seconds: of all calls for Erlang C, of answered calls for Erlang A, 0 for Erlang B.
  /// `+infinity` when unstable.
  public var averageSpeedOfAnswer: Double
  /// Busy time ÷ agent time.
  public var occupancy: Double
  /// Share of arrivals who abandon (0 outside Erlang A).
  public var abandonment: Double
  /// Share of arrivals blocked (0 outside Erlang B).
  public var blocking: Double

  /// Evaluates `model` with `agents` agents.
  /// - Parameter serviceLevelThreshold: Seconds, ≥ 0, for the service-level fields.
  public init(model: QueueModel, workload: Workload, agents: Int, serviceLevelThreshold: Double) {
    self.model = model
    self.workload = workload
    self.agents = agents
    self.serviceLevelThreshold = serviceLevelThreshold
    switch model {
    case .erlangB:
      let blocked = ErlangB.blocking(traffic: workload.traffic, servers: agents)
      isStable = true
      (waitProbability, averageSpeedOfAnswer, abandonment, blocking) = (0, 0, 0, blocked)
      (serviceLevel, serviceLevelOfAnswered, serviceLevelExcludingShortAbandons) = (1 - blocked, 1, 1 - blocked)
      occupancy = ErlangB.occupancy(traffic: workload.traffic, servers: agents)
    case .erlangC:
      let c = ErlangC(workload, agents: agents)
      let level = c.serviceLevel(within: serviceLevelThreshold)
      isStable = c.isStable
      (waitProbability, averageSpeedOfAnswer, occupancy) = (c.waitProbability, c.averageSpeedOfAnswer, c.occupancy)
      (serviceLevel, serviceLevelOfAnswered, serviceLevelExcludingShortAbandons) = (level, level, level)
      (abandonment, blocking) = (0, 0)
    case .erlangA(let meanPatience):
      let a = ErlangA(workload, meanPatience: meanPatience, agents: agents)
      let levels = a.serviceLevels(within: serviceLevelThreshold)
      isStable = true
      (waitProbability, averageSpeedOfAnswer, occupancy) = (a.waitProbability, a.averageSpeedOfAnswer, a.occupancy)
      serviceLevel = levels.offered
      serviceLevelOfAnswered = levels.answered
      serviceLevelExcludingShortAbandons = levels.excludingShortAbandons
      (abandonment, blocking) = (a.abandonment, 0)
    }
  }

  /// The service level under `definition`.
  public func serviceLevel(_ definition: ServiceLevelDefinition) -> Double {
    switch definition {
    case .offered: serviceLevel
    case .answered: serviceLevelOfAnswered
    case .excludingShortAbandons: serviceLevelExcludingShortAbandons
    }
  }

  /// The targets this performance misses (empty when it meets them all). The service-level target
  /// is judged at this performance's threshold, which should be the target's.
  public func missedTargets(_ targets: StaffingTargets) -> [StaffingTargetKind] {
    var missed: [StaffingTargetKind] = []
    if let target = targets.serviceLevel, !(isStable && serviceLevel(target.definition) >= target.fraction) {
      missed.append(.serviceLevel)
    }
    if let limit = targets.maxAverageSpeedOfAnswer, !(averageSpeedOfAnswer <= limit) { missed.append(.averageSpeedOfAnswer) }
    if let limit = targets.maxWaitProbability, !(isStable && waitProbability <= limit) { missed.append(.waitProbability) }
    if let limit = targets.maxAbandonment, !(abandonment <= limit) { missed.append(.abandonment) }
    if let limit = targets.maxOccupancy, !(isStable && occupancy <= limit) { missed.append(.occupancy) }
    if let limit = targets.maxBlocking, !(blocking <= limit) { missed.append(.blocking) }
    return missed
  }

  /// `true` when every target is met.
  public func meets(_ targets: StaffingTargets) -> Bool { missedTargets(targets).isEmpty }
}

/// The fewest agents that meet a set of targets, for one interval or a whole day.
///
/// Every metric used as a target is monotone in the number of agents (service level rises;
/// ASA, wait probability, abandonment, occupancy and blocking fall), so the search brackets the
/// answer by doubling steps from a lower bound and then bisects: O(log n) evaluations.
///
///     let hotline = Workload(arrivalsPerHour: 200, meanHandleSeconds: 180)
///     let targets = StaffingTargets(serviceLevel: ServiceLevelTarget(fraction: 0.8, threshold: 20))
///     try Staffing.minimumAgents(.erlangC, workload: hotline, targets: targets).agents   // 14
public enum Staffing {
  /// The search gives up beyond this many agents.
  public static let searchLimit = 10_000_000

  /// The fewest agents meeting every target, and the performance they give.
  ///
  /// With no traffic the answer is 0 agents. The service levels of the returned performance are
  /// at the target's threshold, or at `serviceLevelThreshold` when there is no service-level target.
  /// - Throws: ``StaffingError`` when no target is given, a target does not apply to the model,
  ///   or no staffing can meet it.
  public static func minimumAgents(
    _ model: QueueModel, workload: Workload, targets: StaffingTargets, serviceLevelThreshold: Double = 20
  ) throws(StaffingError) -> QueuePerformance {
    try check(targets, for: model, traffic: workload.traffic)
    let threshold = targets.serviceLevel?.threshold ?? serviceLevelThreshold
    func evaluate(_ agents: Int) -> QueuePerformance {
      QueuePerformance(model: model, workload: workload, agents: agents, serviceLevelThreshold: threshold)
    }
    let a = workload.traffic
    if a == 0 { return evaluate(0) }
    // A lower bound: at least one agent; Erlang C needs n > a; occupancy a·(share served)/n ≤ cap
    // needs n ≥ a·(share served)/cap, and the share served is 1 outside Erlang A.
    // (One below ⌈a/cap⌉, so that rounding in a/cap cannot push the bound past the answer.)
    var bound = 1.0
    if case .erlangC = model { bound = max(bound, a.rounded(.down) + 1) }
    if let cap = targets.maxOccupancy, model == .erlangC { bound = max(bound, (a / cap).rounded(.up) - 1) }
    guard bound <= Double(searchLimit) else { throw .beyondSearchLimit(limit: searchLimit) }
    var low = Int(bound)
    // Invariant: every n < low misses; `high` meets.
    var step = 1
    var high = low
    var best = evaluate(high)
    while !best.meets(targets) {
      guard high < searchLimit else { throw .beyondSearchLimit(limit: searchLimit) }
      low = high + 1
      high = min(high + step, searchLimit)
      step *= 2
      best = evaluate(high)
    }
    while low < high {
      let middle = low + (high - low) / 2
      let candidate = evaluate(middle)
      if candidate.meets(targets) {
        (high, best) = (middle, candidate)
      } else {
        low = middle + 1
      }
    }
    return best
  }

  /// The fewest agents per interval for a day's profile: one workload per interval.
  /// - Throws: The first interval's ``StaffingError``; errors depend on the targets, not the load,
  ///   except ``StaffingError/beyondSearchLimit(limit:)``.
  public static func requirements(
    _ model: QueueModel, workloads: [Workload], targets: StaffingTargets, serviceLevelThreshold: Double = 20
  ) throws(StaffingError) -> [QueuePerformance] {
    var result: [QueuePerformance] = []
    result.reserveCapacity(workloads.count)
    for workload in workloads {
      result.append(try minimumAgents(model, workload: workload, targets: targets, serviceLevelThreshold: serviceLevelThreshold))
    }
    return result
  }

  /// Rejects targets the model lacks and targets no staffing can meet.
  static func check(_ targets: StaffingTargets, for model: QueueModel, traffic: Double) throws(StaffingError) {
    let kinds = targets.kinds
    if kinds.isEmpty { throw .noTargets }
    let (name, applicable): (String, Set<StaffingTargetKind>) =
      switch model {
      case .erlangB: ("Erlang B (blocked calls are lost, nobody waits)", [.blocking, .occupancy])
      case .erlangC: ("Erlang C (callers never abandon or get blocked)", [.serviceLevel, .averageSpeedOfAnswer, .waitProbability, .occupancy])
      case .erlangA: ("Erlang A (callers are never blocked)", [.serviceLevel, .averageSpeedOfAnswer, .waitProbability, .abandonment, .occupancy])
      }
    if let kind = kinds.first(where: { !applicable.contains($0) }) { throw .notApplicable(kind, model: name) }
    guard traffic > 0 else { return }
    if let target = targets.serviceLevel {
      if !(target.fraction.isFinite && target.fraction >= 0) {
        throw .unattainable(.serviceLevel, reason: "the share must be between 0% and 100%")
      }
      if target.fraction >= 1 {
        throw .unattainable(.serviceLevel, reason: "with random arrivals some callers always wait, so 100% is never reached; use a share below 100%")
      }
    }
    if let limit = targets.maxAverageSpeedOfAnswer, !(limit > 0) {
      throw .unattainable(.averageSpeedOfAnswer, reason: "some callers always wait, so the average wait is above 0 s")
    }
    if let limit = targets.maxWaitProbability, !(limit > 0) {
      throw .unattainable(.waitProbability, reason: "with random arrivals some callers always wait")
    }
    if let limit = targets.maxAbandonment, !(limit > 0) {
      throw .unattainable(.abandonment, reason: "some callers always wait, so some always abandon")
    }
    if let limit = targets.maxOccupancy, !(limit > 0) {
      throw .unattainable(.occupancy, reason: "any traffic keeps agents busy some of the time")
    }
    if let limit = targets.maxBlocking, !(limit > 0) {
      throw .unattainable(.blocking, reason: "with random arrivals all lines are sometimes busy")
    }
  }
}
