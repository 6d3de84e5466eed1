import Queueing
import Stochastic

/// A key performance indicator reported per interval and type, per type for the day, and for the
/// whole centre. The raw value is the name used in `summary.json` and `intervals.csv`; definitions
/// are in `Docs/metrics.md`.
public enum Metric: String, CaseIterable, Hashable, Sendable {
  /// Contacts that arrived: new contacts, retrials, repeats and escalations in. Those contained by
  /// self-service are among them; the queue metrics below count only the rest.
  case offered
  /// Contacts an agent started to handle.
  case answered
  /// Contacts that hung up while waiting.
  case abandoned
  /// Contacts still waiting when the run ended (only when nobody was left to answer them and they
  /// never abandon).
  case unserved
  /// Answered within the threshold ÷ the denominator the type's service-level definition names
  /// (contained contacts excluded, and carried-over deferred work that was not yet past the
  /// threshold at close: whether it meets its target is decided the next day).
  case serviceLevel = "service_level"
  /// Share of the contacts reaching the queue (offered − contained − blocked: those admitted) that
  /// found no free agent and queued, P(wait > 0).
  case waitProbability = "wait_probability"
  /// Average speed of answer: mean wait of answered contacts (seconds).
  case averageSpeedOfAnswer = "asa_s"
  /// Percentiles of the wait of answered contacts (seconds).
  case waitP50 = "wait_p50_s", waitP80 = "wait_p80_s", waitP90 = "wait_p90_s"
  case waitP95 = "wait_p95_s", waitP99 = "wait_p99_s"
  /// Mean wait of contacts that abandoned (seconds).
  case meanWaitAbandoned = "abandon_wait_s"
  /// Abandoned ÷ (offered − contained − blocked).
  case abandonRate = "abandon_rate"
  /// Average handle time of answered contacts (seconds).
  case averageHandleTime = "aht_s"
  /// Busy agent time ÷ staffed agent time (for a type: only when every group serving it is
  /// dedicated to it; see `by_group` otherwise).
  case occupancy
  /// Staffed agent time (agent-hours), overtime after an interval's end included (for a type: as
  /// for occupancy).
  case agentHours = "agent_hours"
  /// Contacts that joined this queue by escalation from another type (counted in `offered` too).
  case transferredIn = "transferred_in"
  /// Answered contacts whose service resolved them.
  case resolved
  /// Answered contacts transferred onward to another queue.
  case escalated
  /// Answered contacts that left neither resolved nor escalated.
  case unresolved
  /// Resolved ÷ answered.
  case resolutionRate = "resolution_rate"
  /// Escalated ÷ answered.
  case escalationRate = "escalation_rate"
  /// End-to-end time from a contact's first arrival to its resolution, over the contacts that
  /// first arrived as this type (and interval) and were resolved, escalations included (seconds).
  case resolutionTime = "resolution_time_s"
  /// Escalation (reported only when some type escalates): answers at a queue the contact reached
  /// by escalation, counted where the contact first arrived (its origin type and interval); a
  /// contact escalated twice counts at each answer after an escalation.
  case escalatedAnswered = "escalated_answered"
  /// Their mean total wait: the sum of the contact's waits in every queue from its first arrival
  /// to that answer (tier-1 wait + tier-2 wait), transfer times excluded (seconds).
  case escalatedTotalWait = "escalated_total_wait_s"
  /// Percentiles of that total wait (seconds).
  case escalatedTotalWaitP50 = "escalated_total_wait_p50_s", escalatedTotalWaitP90 = "escalated_total_wait_p90_s"
  case escalatedTotalWaitP95 = "escalated_total_wait_p95_s"
  /// Contacts resolved by self-service before reaching an agent (counted in `offered`).
  case contained
  /// Contacts that are a caller trying again after abandoning (counted in `offered`).
  case retrials
  /// Contacts that are a customer coming back because an earlier contact left the problem
  /// unresolved (counted in `offered`).
  case repeats
  /// Retrials and repeats that would come after the day ends (they load tomorrow, not this run),
  /// counted where the abandon or the unresolved contact happened.
  case returnsAfterClose = "returns_after_close"
  /// First-contact resolution: of the customer problems that first arrived as this type (and
  /// interval) and reached an agent, the share the first agent resolved (no escalation, no repeat).
  case firstContactResolution = "fcr"
  /// Repeats ÷ the contacts customers started (offered − transferred in).
  case repeatRate = "repeat_rate"
  /// Queued callers who took a callback (virtual hold) instead of waiting on the line.
  case callbacks
  /// Mean wait of answered callbacks, from joining the queue to the agent's call back (seconds).
  case callbackWait = "callback_wait_s"
  /// Per-contact, telephony, abandonment and self-service costs of the contacts.
  case contactCost = "contact_cost"
  /// Paid agent time times the groups' hourly costs, overtime at its premium (for a type: as for
  /// occupancy).
  case staffCost = "staff_cost"
  /// `staff_cost + contact_cost`.
  case totalCost = "total_cost"
  /// `total_cost ÷ (resolved + contained)`.
  case costPerResolved = "cost_per_resolved"
  /// Deferred work only (email, tickets; `null` for other types). Items of the opening backlog,
  /// counted in the first interval's `offered`.
  case carriedIn = "carried_in"
  /// Items still waiting at close (or arriving after it), carried over to the next day; counted
  /// where they arrived.
  case carriedOver = "carried_over"
  /// Items waiting at the end of the interval (for the day: at close).
  case backlog
  /// Their mean age at that moment: the time since they joined this queue, the opening backlog's
  /// age at opening included (seconds).
  case backlogAge = "backlog_age_s"
  /// The age of the oldest of them (seconds).
  case backlogOldest = "backlog_oldest_s"
  /// How many of them are already older than the service-level threshold (overdue).
  case backlogOverdue = "backlog_overdue"
  /// Blocking (reported only when the scenario has `lines` or a `queueCapacity`): contacts turned
  /// away because every line was held or the type's queue was full (counted in `offered`).
  case blocked
  /// Blocked ÷ offered: the share of the contacts offered that were turned away.
  case blockRate = "block_rate"
  /// The service level over the admitted contacts: blocked contacts left out of the denominator
  /// (`service_level` counts them as failures). Equal to `service_level` when nothing is blocked.
  case serviceLevelAdmitted = "service_level_admitted"
  /// The retrials (counted in `retrials`) of callers who had been blocked.
  case blockedRetrials = "blocked_retrials"

  /// The quantile of the escalated contacts' total wait a percentile metric reports, or `nil`.
  public var escalatedQuantile: Double? {
    switch self {
    case .escalatedTotalWaitP50: 0.5
    case .escalatedTotalWaitP90: 0.9
    case .escalatedTotalWaitP95: 0.95
    default: nil
    }
  }

  /// The quantile of the wait a percentile metric (`wait_p50_s` …) reports, or `nil`.
  public var quantile: Double? {
    switch self {
    case .waitP50: 0.5
    case .waitP80: 0.8
    case .waitP90: 0.9
    case .waitP95: 0.95
    case .waitP99: 0.99
    default: nil
    }
  }
}

/// Counts and sums for the contacts that arrived in one interval (of one type), and the agent and
/// queue time of that interval.
struct CellCounters: Equatable, Sendable {
  var offered = 0.0, queued = 0.0, answered = 0.0, answeredInTime = 0.0
  var abandoned = 0.0, abandonedInTime = 0.0, unserved = 0.0
  var waitOfAnswered = 0.0, waitOfAbandoned = 0.0, handleOfAnswered = 0.0
  /// Time integrals over the interval (by clock time, not by arrival): agent-seconds busy,
  /// agent-seconds staffed, contact-seconds waiting.
  var busyTime = 0.0, staffedTime = 0.0, queueTime = 0.0
  var waits = QuantileHistogram()
  var transferredIn = 0.0, resolved = 0.0, escalated = 0.0, unresolved = 0.0
  /// Contacts that first arrived in this cell and were eventually resolved, and the sum of their
  /// times from first arrival to resolution.
  var resolvedJourneys = 0.0, journeyTime = 0.0
  /// Answers after an escalation of contacts that first arrived in this cell, the sum of their
  /// total waits, and (created at the first such answer) the waits' histogram.
  var escalatedAnswered = 0.0, escalatedWaitSum = 0.0
  var escalatedWaits: QuantileHistogram?
  var contained = 0.0, retrials = 0.0, repeats = 0.0, returnsAfterClose = 0.0
  /// Contacts blocked (a busy signal or a full queue), and retrials of blocked callers.
  var blocked = 0.0, blockedRetrials = 0.0
  /// Problems that first arrived in this cell whose first agent contact ended, and those it resolved.
  var firstContacts = 0.0, firstContactsResolved = 0.0
  var callbacks = 0.0, callbacksAnswered = 0.0, callbackWaits = 0.0
  /// Deferred work: opening backlog and carried-over items (by arrival), and the backlog waiting at
  /// the end of the interval (by clock: count, sum of ages, oldest age, overdue items).
  var carriedIn = 0.0, carriedOver = 0.0
  /// Carried-over items already past the service-level threshold when carried over.
  var carriedOverdue = 0.0
  var backlog = 0.0, backlogAgeSum = 0.0, backlogOldest = 0.0, backlogOverdue = 0.0
  /// Whether a deferred type is among the cell's types (the backlog metrics are defined only then).
  var hasDeferred = false
  /// Filled in when results are assembled (costs are prices times the counts above).
  var contactCost = 0.0, staffCost = 0.0

  /// The contact costs of this cell's counts at `prices`.
  func contactCost(at prices: ContactCosts) -> Double {
    answered * prices.perAnswered + abandoned * prices.perAbandoned + contained * prices.perContained
      + (waitOfAnswered - callbackWaits + handleOfAnswered + waitOfAbandoned) / 60 * prices.telephonyPerMinute
  }
  /// False when agent time cannot be attributed to this cell (a type served by shared groups).
  var agentTimeKnown = true

  mutating func recordAnswer(wait: Double, handle: Double, inTime: Bool) {
    answered += 1
    answeredInTime += inTime ? 1 : 0
    waitOfAnswered += wait
    handleOfAnswered += handle
    waits.record(seconds: wait)
  }

  /// A contact that first arrived in this cell is answered after an escalation, having waited
  /// `totalWait` seconds in all its queues together.
  mutating func recordEscalatedAnswer(totalWait: Double) {
    escalatedAnswered += 1
    escalatedWaitSum += totalWait
    if escalatedWaits == nil { escalatedWaits = QuantileHistogram() }
    escalatedWaits!.record(seconds: totalWait)
  }

  mutating func recordBacklog(_ snapshot: (count: Int, ageSum: Double, oldest: Double, overdue: Int)) {
    backlog = Double(snapshot.count)
    backlogAgeSum = snapshot.ageSum
    backlogOldest = snapshot.oldest
    backlogOverdue = Double(snapshot.overdue)
  }

  /// Replaces the backlog (a snapshot, which `add` sums over types) with `last`'s: a day's backlog is
  /// the one at the end of its last interval.
  mutating func keepBacklog(of last: CellCounters) {
    backlog = last.backlog
    backlogAgeSum = last.backlogAgeSum
    backlogOldest = last.backlogOldest
    backlogOverdue = last.backlogOverdue
  }

  mutating func recordAbandon(wait: Double, inTime: Bool) {
    abandoned += 1
    abandonedInTime += inTime ? 1 : 0
    waitOfAbandoned += wait
  }

  mutating func add(_ other: CellCounters) {
    offered += other.offered; queued += other.queued
    answered += other.answered; answeredInTime += other.answeredInTime
    abandoned += other.abandoned; abandonedInTime += other.abandonedInTime; unserved += other.unserved
    waitOfAnswered += other.waitOfAnswered; waitOfAbandoned += other.waitOfAbandoned
    handleOfAnswered += other.handleOfAnswered
    busyTime += other.busyTime; staffedTime += other.staffedTime; queueTime += other.queueTime
    waits.merge(other.waits)
    transferredIn += other.transferredIn; resolved += other.resolved; escalated += other.escalated
    unresolved += other.unresolved; resolvedJourneys += other.resolvedJourneys; journeyTime += other.journeyTime
    escalatedAnswered += other.escalatedAnswered; escalatedWaitSum += other.escalatedWaitSum
    if let histogram = other.escalatedWaits {
      if escalatedWaits == nil { escalatedWaits = histogram } else { escalatedWaits!.merge(histogram) }
    }
    contained += other.contained; retrials += other.retrials; repeats += other.repeats
    returnsAfterClose += other.returnsAfterClose
    blocked += other.blocked; blockedRetrials += other.blockedRetrials
    firstContacts += other.firstContacts; firstContactsResolved += other.firstContactsResolved
    contactCost += other.contactCost; staffCost += other.staffCost
    callbacks += other.callbacks; callbacksAnswered += other.callbacksAnswered; callbackWaits += other.callbackWaits
    carriedIn += other.carriedIn; carriedOver += other.carriedOver; carriedOverdue += other.carriedOverdue
    backlog += other.backlog; backlogAgeSum += other.backlogAgeSum; backlogOverdue += other.backlogOverdue
    backlogOldest = max(backlogOldest, other.backlogOldest)
    hasDeferred = hasDeferred || other.hasDeferred
    agentTimeKnown = agentTimeKnown && other.agentTimeKnown
  }

  /// The value of every metric, in `Metric.allCases` order; `nil` where a ratio has no denominator.
  /// With `keepingRatios` (steady-state studies) the ratio metrics' parts are kept too.
  func values(serviceLevel definition: ServiceLevelDefinition, keepingRatios: Bool = false) -> MetricValues<Metric> {
    var recorder = RatioRecorder(keepsParts: keepingRatios, count: Metric.allCases.count)
    func ratio(_ numerator: Double, _ denominator: Double) -> Double? { recorder.ratio(numerator, denominator) }
    // The contacts admitted to a queue: neither contained nor blocked.
    let reachedQueue = offered - contained - blocked
    // Carried-over deferred work not yet past its target is decided tomorrow: out of the service level.
    let decided = reachedQueue - (carriedOver - carriedOverdue)
    // The service level over `admitted` admitted contacts of those decided; blocked ones count as
    // failures in `service_level` (its denominator adds them back) and are left out of
    // `service_level_admitted`.
    func serviceLevel(admitted: Double, blockedFail: Double) -> Double? {
      switch definition {
      case .offered: ratio(answeredInTime, admitted + blockedFail)
      case .answered: ratio(answeredInTime, answered)
      case .excludingShortAbandons: ratio(answeredInTime, admitted + blockedFail - abandonedInTime)
      }
    }
    let values = Metric.allCases.enumerated().map { index, metric -> Double? in
      recorder.index = index
      return switch metric {
      case .offered: offered
      case .answered: answered
      case .abandoned: abandoned
      case .unserved: unserved
      case .serviceLevel: serviceLevel(admitted: decided, blockedFail: blocked)
      case .waitProbability: ratio(queued, reachedQueue)
      case .averageSpeedOfAnswer: ratio(waitOfAnswered, answered)
      case .waitP50, .waitP80, .waitP90, .waitP95, .waitP99: waits.quantile(metric.quantile!)
      case .meanWaitAbandoned: ratio(waitOfAbandoned, abandoned)
      case .abandonRate: ratio(abandoned, reachedQueue)
      case .averageHandleTime: ratio(handleOfAnswered, answered)
      case .occupancy: agentTimeKnown ? ratio(busyTime, staffedTime) : nil
      case .agentHours: agentTimeKnown ? staffedTime / 3600 : nil
      case .transferredIn: transferredIn
      case .resolved: resolved
      case .escalated: escalated
      case .unresolved: unresolved
      case .resolutionRate: ratio(resolved, answered)
      case .escalationRate: ratio(escalated, answered)
      case .resolutionTime: ratio(journeyTime, resolvedJourneys)
      case .escalatedAnswered: escalatedAnswered
      case .escalatedTotalWait: ratio(escalatedWaitSum, escalatedAnswered)
      case .escalatedTotalWaitP50, .escalatedTotalWaitP90, .escalatedTotalWaitP95:
        escalatedWaits?.quantile(metric.escalatedQuantile!)
      case .contained: contained
      case .retrials: retrials
      case .repeats: repeats
      case .returnsAfterClose: returnsAfterClose
      case .firstContactResolution: ratio(firstContactsResolved, firstContacts)
      case .repeatRate: ratio(repeats, offered - transferredIn)
      case .callbacks: callbacks
      case .callbackWait: ratio(callbackWaits, callbacksAnswered)
      case .contactCost: contactCost
      case .staffCost: agentTimeKnown ? staffCost : nil
      case .totalCost: agentTimeKnown ? staffCost + contactCost : nil
      case .costPerResolved: agentTimeKnown ? ratio(staffCost + contactCost, resolved + contained) : nil
      case .carriedIn: hasDeferred ? carriedIn : nil
      case .carriedOver: hasDeferred ? carriedOver : nil
      case .backlog: hasDeferred ? backlog : nil
      case .backlogAge: hasDeferred ? ratio(backlogAgeSum, backlog) : nil
      case .backlogOldest: hasDeferred && backlog > 0 ? backlogOldest : nil
      case .backlogOverdue: hasDeferred ? backlogOverdue : nil
      case .blocked: blocked
      case .blockRate: ratio(blocked, offered)
      case .serviceLevelAdmitted: serviceLevel(admitted: decided, blockedFail: 0)
      case .blockedRetrials: blockedRetrials
      }
    }
    return MetricValues(values, ratios: recorder.parts)
  }
}

/// A KPI of an agent group, per interval and for the day (`by_group` in `summary.json`,
/// `groups.csv`).
public enum GroupMetric: String, CaseIterable, Hashable, Sendable {
  /// Contacts whose service started in the interval.
  case handled
  /// Mean handle time of those contacts, the group's handle-time factor included (seconds).
  case averageHandleTime = "aht_s"
  /// Busy agent time ÷ staffed agent time (an agent holding one chat session or more is busy).
  case occupancy
  /// Mean contacts in hand per busy agent: 1 for calls and deferred work, up to the group's
  /// concurrency for chat sessions.
  case concurrency
  /// Staffed agent time (agent-hours): agents on duty, plus those finishing a contact after
  /// their interval ended.
  case agentHours = "agent_hours"
  /// The part of `agent_hours` spent finishing contacts after the agent's interval (or the day)
  /// ended.
  case overtimeHours = "overtime_hours"
  /// Paid agent time (hours): agents on duty grossed up for shrinkage, plus overtime.
  case paidHours = "paid_hours"
  /// Paid time at the group's hourly cost, overtime at the scenario's overtime factor.
  case cost
}

/// A group's counts and agent time in one interval.
struct GroupCounters: Equatable, Sendable {
  var handled = 0.0, handleTime = 0.0
  var busyTime = 0.0, staffedTime = 0.0, overtimeTime = 0.0, inHandTime = 0.0
  /// Paid agent time within the plan: headcount grossed up for shrinkage, or paid shift time.
  var scheduledTime = 0.0
  /// Filled in when results are assembled, by ``price(_:overtimeFactor:)``.
  var paidTime = 0.0, cost = 0.0

  mutating func add(_ other: GroupCounters) {
    handled += other.handled; handleTime += other.handleTime
    busyTime += other.busyTime; staffedTime += other.staffedTime; overtimeTime += other.overtimeTime
    inHandTime += other.inHandTime
    scheduledTime += other.scheduledTime; paidTime += other.paidTime; cost += other.cost
  }

  /// Sets paid time and cost: the paid time within the plan, plus overtime paid as worked, at the
  /// premium.
  mutating func price(_ group: AgentGroup, overtimeFactor: Double) {
    paidTime = scheduledTime + overtimeTime
    cost = (scheduledTime + overtimeTime * overtimeFactor) / 3600 * group.hourlyCost
  }

  /// The value of every metric, in `GroupMetric.allCases` order; with `keepingRatios`
  /// (steady-state studies) the ratio metrics' parts too.
  func values(keepingRatios: Bool = false) -> MetricValues<GroupMetric> {
    var recorder = RatioRecorder(keepsParts: keepingRatios, count: GroupMetric.allCases.count)
    let values = GroupMetric.allCases.enumerated().map { index, metric -> Double? in
      recorder.index = index
      return switch metric {
      case .handled: handled
      case .averageHandleTime: recorder.ratio(handleTime, handled)
      case .occupancy: recorder.ratio(busyTime, staffedTime)
      case .concurrency: recorder.ratio(inHandTime, busyTime)
      case .agentHours: staffedTime / 3600
      case .overtimeHours: overtimeTime / 3600
      case .paidHours: paidTime / 3600
      case .cost: cost
      }
    }
    return MetricValues(values, ratios: recorder.parts)
  }
}

/// Sample-path identities of one replication, summed over the whole run (warm-up and the time
/// after close included). Little's law on a run that ends empty: ∫ queue length dt = Σ waits, and
/// ∫ contacts in hand dt (busy agents, where agents hold one contact at a time) = Σ handle times of
/// the contacts served.
public struct LittleCheck: Hashable, Sendable {
  /// ∫ (contacts waiting) dt, contact-seconds.
  public var queueArea = 0.0
  /// Σ over every contact of its time in queue (answered, abandoned or still waiting at the end).
  public var sumOfWaits = 0.0
  /// ∫ (contacts in hand) dt, agent-seconds: ∫ (agents busy) dt, except in groups holding sessions.
  public var busyArea = 0.0
  /// Σ handle time of every contact answered.
  public var sumOfHandleTimes = 0.0
  /// Contacts that joined a queue (arrivals and escalations), and how their waits ended.
  public var arrivals = 0, answered = 0, abandoned = 0, unserved = 0

  mutating func add(_ other: LittleCheck) {
    queueArea += other.queueArea; sumOfWaits += other.sumOfWaits
    busyArea += other.busyArea; sumOfHandleTimes += other.sumOfHandleTimes
    arrivals += other.arrivals; answered += other.answered; abandoned += other.abandoned; unserved += other.unserved
  }
}

/// One replication's results: the value of every metric for every interval and type, per type for
/// the day, and for the centre.
public struct ReplicationResult: Hashable, Sendable {
  /// `intervals[type][interval][metric]`.
  public var intervals: [[MetricValues<Metric>]]
  /// `types[type][metric]`: the type's day (all its planning intervals).
  public var types: [MetricValues<Metric>]
  /// `totals[metric]`: every type together.
  public var totals: MetricValues<Metric>
  /// `priorities[i][metric]`: the types of priority class `priorityClasses[i]` together.
  public var priorities: [MetricValues<Metric>]
  /// The priority classes that some type has, ascending.
  public var priorityClasses: [Int]
  /// `channels[i][metric]`: the types of channel `channelNames[i]` together (channels in
  /// ``Channel`` order, those some type has).
  public var channels: [MetricValues<Metric>]
  public var channelNames: [Channel]
  /// `groups[group][groupMetric]` for the day, in ``Scenario/agentGroups`` order.
  public var groups: [MetricValues<GroupMetric>]
  /// `groupIntervals[group][interval][groupMetric]`.
  public var groupIntervals: [[MetricValues<GroupMetric>]]
  /// Identities for validation, for the whole centre.
  public var little: LittleCheck
  /// Little's law per queue: `queues[type]` (queue area, waits and counts of that queue).
  public var queues: [LittleCheck]
  /// Per group: `agentGroups[group]` (busy area and handle times of that group).
  public var agentGroups: [LittleCheck]
  /// The arrival-rate multiplier drawn for the day (1 without a busyness factor).
  public var busyness: Double
  /// Events processed.
  public var events: UInt64
}
