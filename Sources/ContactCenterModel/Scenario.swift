import Queueing
import SimKernel
import Stochastic

/// A validated contact-centre scenario: everything one simulation run needs, in seconds and
/// integer indices. `ScenarioIO` builds it from a YAML file; a test can build it directly.
///
/// The day is divided into `intervalCount` planning intervals of `intervalLength` seconds.
/// Interval `k` covers `[warmUp + k·intervalLength, warmUp + (k+1)·intervalLength)`.
public struct Scenario: Hashable, Sendable {
  /// A short name, used for the results folder (`Results/<name>/…`).
  public var name: String
  /// Length of one planning interval (seconds), e.g. 900 for 15 minutes.
  public var intervalLength: SimTime
  /// Number of planning intervals (≥ 1).
  public var intervalCount: Int
  /// Whether the run is one day from empty, or a steady-state study with a warm-up.
  public var study: Study
  /// A day-level random busyness factor: when set, every arrival rate of a replication is
  /// multiplied by one draw of a gamma variable with mean 1 and this coefficient of variation, so
  /// daily volumes are over-dispersed (variance above the Poisson) as real centres show.
  public var busynessCV: Double?
  /// The clock time of the first interval's start, in seconds after midnight (for reports only).
  public var clockStart: SimTime
  /// The contact types, each with its own queue.
  public var contactTypes: [ContactType]
  /// The agent groups declared on their own (multi-skill). A type with `agents` adds a dedicated
  /// group besides these; ``agentGroups`` lists both.
  public var groups: [AgentGroup]
  /// Which agent takes a contact, and which contact a free agent takes.
  public var routing: RoutingPolicy
  /// Multiplicative overlays on the arrival rates for a time window (a sales event, an outage).
  public var surges: [Surge]
  /// The currency of every cost, and how overtime is paid.
  public var costs: CostRules
  /// What a plan must achieve (none unless set): service level, ASA, abandonment per type and an
  /// occupancy cap per group, with the scope and assurance they are judged by.
  public var targets: Targets
  /// Trunk lines shared by every contact of the voice types (calls): a caller holds one from
  /// arrival, through the queue and service, until it leaves or is transferred off voice; a call
  /// arriving when all are held is blocked (a busy signal). `nil`: unlimited (≥ 1 when set).
  /// See `Docs/model.md`, "Lines and busy signals".
  public var lines: Int? {
    didSet { precondition(lines.map { $0 >= 1 } ?? true, "lines must be at least 1") }
  }

  public init(
    name: String, intervalLength: SimTime, intervalCount: Int, study: Study = .day,
    busynessCV: Double? = nil, clockStart: SimTime = 0, contactTypes: [ContactType],
    groups: [AgentGroup] = [], routing: RoutingPolicy = RoutingPolicy(), surges: [Surge] = [],
    costs: CostRules = CostRules()
  ) {
    precondition(surges.allSatisfy { $0.types?.allSatisfy(contactTypes.indices.contains) ?? true },
                 "a surge names a type that does not exist")
    precondition(study == .day || groups.allSatisfy(\.shifts.isEmpty), "shifts need a day study")
    precondition(groups.allSatisfy { $0.shifts.allSatisfy { $0.start + $0.length <= Double(intervalCount) * intervalLength } },
                 "a shift ends after closing time")
    precondition(intervalLength > 0 && intervalCount >= 1, "need at least one interval of positive length")
    precondition(busynessCV.map { $0 > 0 } ?? true, "busyness CV must be > 0")
    precondition(contactTypes.allSatisfy {
      $0.arrivalRates.count == intervalCount && ($0.agents?.count ?? intervalCount) == intervalCount
        && ($0.handleTimeFactors?.count ?? intervalCount) == intervalCount
    } && groups.allSatisfy { $0.agents.count == intervalCount }, "every profile needs one value per interval")
    precondition(groups.allSatisfy { $0.skills.allSatisfy { contactTypes.indices.contains($0.type) } },
                 "a skill names a type that does not exist")
    precondition(contactTypes.allSatisfy { $0.escalations.allSatisfy { contactTypes.indices.contains($0.to) } },
                 "an escalation names a type that does not exist")
    precondition(contactTypes.allSatisfy { $0.repeats?.type.map(contactTypes.indices.contains) ?? true },
                 "a repeat contact names a type that does not exist")
    precondition(contactTypes.allSatisfy {
      $0.handling != .deferred || ($0.patience == nil && $0.retrial == nil)
    }, "deferred work never abandons")
    precondition(contactTypes.allSatisfy { $0.callback == nil || $0.handling == .call }, "only calls take callbacks")
    precondition(study == .day || contactTypes.allSatisfy { $0.openingBacklog == nil }, "an opening backlog needs a day study")
    precondition(contactTypes.allSatisfy { $0.openingBacklog == nil || $0.handling == .deferred },
                 "only deferred work has an opening backlog")
    self.name = name
    self.intervalLength = intervalLength
    self.intervalCount = intervalCount
    self.study = study
    self.busynessCV = busynessCV
    self.clockStart = clockStart
    self.contactTypes = contactTypes
    self.groups = groups
    self.routing = routing
    self.surges = surges
    self.costs = costs
    // One occupancy cap per entry of `agentGroups`: the declared groups, then the types with agents.
    targets = .none(types: contactTypes.count, groups: groups.count + contactTypes.filter { $0.agents != nil }.count)
  }

  /// Every agent group: the declared ``groups``, then one dedicated group (named after the type)
  /// for each type that has its own `agents`.
  public var agentGroups: [AgentGroup] {
    groups + contactTypes.enumerated().compactMap { index, type in
      type.agents.map {
        var group = AgentGroup(id: type.id, skills: [Skill(type: index)], agents: $0, hourlyCost: type.hourlyCost,
                               shrinkage: type.shrinkage)
        group.concurrency = type.concurrency
        return group
      }
    }
  }

  /// When the first planning interval starts: the warm-up length (0 for a day study).
  public var measurementStart: SimTime { study.warmUp }
  /// When the last planning interval ends; no contact arrives after it.
  public var close: SimTime { measurementStart + Double(intervalCount) * intervalLength }
}

/// The kind of study.
public enum Study: Hashable, Sendable {
  /// A day from an empty centre. Arrivals stop when the last interval ends; the agents of the last
  /// interval stay until every contact still waiting is answered (or abandons), and that overtime
  /// counts in the day's staffed time.
  case day
  /// A steady-state study: the centre runs for `warmUp` seconds with the first interval's arrival
  /// rate and headcount before the first interval starts; contacts arriving during the warm-up are
  /// not counted, and day totals cover the planning intervals only.
  case steadyState(warmUp: SimTime)

  public var warmUp: SimTime {
    switch self {
    case .day: 0
    case .steadyState(let warmUp): warmUp
    }
  }
}

/// One kind of contact: a queue of its own, served by every group with a skill for it.
public struct ContactType: Hashable, Sendable {
  /// The identifier used in results (`by_type.<id>`).
  public var id: String
  /// Poisson arrival rate per interval (contacts per second, ≥ 0), piecewise constant. A type fed
  /// only by escalations from other types has rate 0 throughout.
  public var arrivalRates: [Double]
  /// Talk plus after-contact work: how long an agent is busy with one contact (seconds), before
  /// the serving group's handle-time factor.
  public var handleTime: Distribution
  /// The day curve of the mean handle time: one factor per planning interval multiplying the handle
  /// time of a contact whose service starts in that interval (the first interval's in a steady-state
  /// warm-up, the last's after close), so the distribution keeps its shape and its mean becomes
  /// `handleTime.mean × factor`; `nil`: 1 throughout. Each finite and > 0 (``Scenario`` checks
  /// there is one per interval). See ``meanHandleTime(interval:)``.
  public var handleTimeFactors: [Double]? {
    didSet {
      precondition(handleTimeFactors?.allSatisfy { $0 > 0 && $0.isFinite } ?? true, "handle-time factors must be finite and > 0")
    }
  }
  /// How long a caller waits before hanging up; `nil` for contacts that never abandon. An escalated
  /// contact draws a fresh patience when it joins this type's queue.
  public var patience: Distribution?
  /// Agents of a group dedicated to this type, per interval (≥ 0); `nil` when the type is served
  /// by declared groups only. An agent whose interval ends finishes the contact in hand, then leaves.
  public var agents: [Int]?
  /// What counts as answered in time, and which contacts the service level divides by.
  public var serviceLevel: ServiceLevelRule
  /// Priority class, 1 (most urgent) to 4. A free agent takes contacts of a more urgent class first
  /// among the types it prefers equally (see ``RoutingPolicy``).
  public var priority: Int
  /// The probability that service resolves the contact (0…1), unless the serving group's skill
  /// says otherwise.
  public var resolution: Double
  /// Where unresolved contacts go: each target takes its `share` of them; the rest leave
  /// unresolved. Shares sum to at most 1.
  public var escalations: [Escalation]
  /// The share of this type's customer contacts (new ones, retrials and repeats; not escalations)
  /// that self-service resolves before they reach an agent (0…1).
  public var containment: Double
  /// Callers who abandon this queue try again: with `probability`, after `delay`, as this type.
  public var retrial: Recontact?
  /// Customers who leave unresolved (not escalated) come back: with `probability`, after `delay`,
  /// as type `as` (another channel, say) or this type.
  public var repeats: Recontact?
  /// Virtual hold: callers who would wait long may take a callback that keeps their place.
  public var callback: CallbackOffer?
  /// What this type's contacts cost besides agent time.
  public var contactCosts: ContactCosts
  /// The hourly cost, shrinkage and chat concurrency of its dedicated group, when the type has its
  /// own `agents` (see ``AgentGroup``).
  public var hourlyCost = 0.0
  public var shrinkage = 0.0
  public var concurrency = Concurrency()
  /// The channel its contacts come through, and how agents handle them (set both with
  /// ``setChannel(_:handling:)``).
  public private(set) var channel = Channel.voice
  public private(set) var handling = Handling.call
  /// Deferred work already waiting when the day opens (email and tickets only).
  public var openingBacklog: OpeningBacklog?
  /// At most this many of its contacts wait at once (≥ 0); a contact that would wait when this
  /// many are waiting is blocked. `nil`: unlimited. Calls and sessions only (deferred work queues).
  public var queueCapacity: Int? {
    didSet { precondition(queueCapacity.map { $0 >= 0 } ?? true, "a queue capacity must be ≥ 0") }
  }

  /// Sets the channel and how its contacts are handled: voice contacts are calls, chat contacts
  /// sessions, email deferred work; social messages are sessions or deferred work (the default).
  public mutating func setChannel(_ channel: Channel, handling: Handling? = nil) {
    let handling = handling ?? channel.defaultHandling
    precondition(channel == .social || handling == channel.defaultHandling, "only social contacts choose their handling")
    precondition(channel != .social || handling != .call, "social contacts are sessions or deferred work")
    self.channel = channel
    self.handling = handling
  }

  public init(
    id: String, arrivalRates: [Double], handleTime: Distribution, patience: Distribution?,
    agents: [Int]? = nil, serviceLevel: ServiceLevelRule, priority: Int = 1, resolution: Double = 1,
    escalations: [Escalation] = [], containment: Double = 0, retrial: Recontact? = nil, repeats: Recontact? = nil,
    contactCosts: ContactCosts = ContactCosts()
  ) {
    precondition((0...1).contains(containment), "containment must be a probability")
    precondition(arrivalRates.allSatisfy { $0.isFinite && $0 >= 0 }, "arrival rates must be finite and ≥ 0")
    precondition(agents?.allSatisfy { $0 >= 0 } ?? true, "headcounts must be ≥ 0")
    precondition(handleTime.problem == nil && patience?.problem == nil, "invalid distribution")
    precondition((1...4).contains(priority), "priority must be 1…4")
    precondition((0...1).contains(resolution), "resolution must be a probability")
    precondition(escalations.allSatisfy { $0.share >= 0 } && escalations.reduce(0) { $0 + $1.share } <= 1 + 1e-12,
                 "escalation shares must be ≥ 0 and sum to at most 1")
    self.id = id
    self.arrivalRates = arrivalRates
    self.handleTime = handleTime
    self.patience = patience
    self.agents = agents
    self.serviceLevel = serviceLevel
    self.priority = priority
    self.resolution = resolution
    self.escalations = escalations
    self.containment = containment
    self.retrial = retrial
    self.repeats = repeats
    self.contactCosts = contactCosts
  }
}

/// The channel a type's contacts come through (results are also reported per channel).
public enum Channel: String, CaseIterable, Hashable, Sendable {
  case voice, chat, email, ticket, social

  /// How a channel's contacts are handled unless the scenario says otherwise.
  public var defaultHandling: Handling {
    switch self {
    case .voice: .call
    case .chat: .session
    case .email, .ticket, .social: .deferred
    }
  }
}

/// How agents handle a type's contacts (`Docs/model.md`, "Channels").
public enum Handling: String, CaseIterable, Hashable, Sendable {
  /// A contact takes a whole agent; customers wait on the line and may abandon (voice).
  case call
  /// An agent of a group with concurrency k holds up to k sessions at once, each one's handle time
  /// stretched by the group's factor for the number held (chat).
  case session
  /// Deferred work (email, tickets): takes a whole agent, never abandons, and what is still waiting
  /// at close is carried over to the next day as backlog.
  case deferred
}

/// Deferred work waiting when the day opens: `count` items whose ages (in open hours, as in the
/// service-level target) at opening follow `age`. They count as offered in the first interval.
public struct OpeningBacklog: Hashable, Sendable {
  public var count: Int
  public var age: Distribution

  public init(count: Int, age: Distribution) {
    precondition(count >= 0, "a backlog count must be ≥ 0")
    precondition(age.problem == nil, "invalid backlog age distribution")
    self.count = count
    self.age = age
  }
}

/// How many chat sessions an agent may hold at once (`limit`), and the factor that stretches a
/// session's handle time when it is the agent's 1st, 2nd, … k-th concurrent one.
public struct Concurrency: Hashable, Sendable {
  public var limit: Int
  /// `stretch[i]` applies to a session started as the agent's (i + 1)-th; `limit` factors.
  public var stretch: [Double]

  public init(limit: Int = 1, stretch: [Double]? = nil) {
    precondition(limit >= 1, "concurrency must be ≥ 1")
    let stretch = stretch ?? Array(repeating: 1, count: limit)
    precondition(stretch.count == limit && stretch.allSatisfy { $0 > 0 && $0.isFinite },
                 "one stretch factor > 0 per concurrency level")
    self.limit = limit
    self.stretch = stretch
  }
}

/// Blending of real-time and deferred work in a group: a free agent takes deferred work only when
/// no real-time contact it could take is waiting, and only while at least `reserve` other agents of
/// the group stay idle for real-time contacts.
public struct Blending: Hashable, Sendable {
  public var reserve: Int

  public init(reserve: Int = 0) {
    precondition((0...10_000).contains(reserve), "a blending reserve must be 0…10000")
    self.reserve = reserve
  }
}

/// The costs of a scenario that are not per group: the currency, and the premium on overtime.
public struct CostRules: Hashable, Sendable {
  /// A label for results, such as `EUR` (costs are plain numbers in it).
  public var currency: String
  /// Overtime (agents finishing a contact after their interval or the day ended) is paid at the
  /// hourly cost times this factor.
  public var overtimeFactor: Double

  public init(currency: String = "", overtimeFactor: Double = 1) {
    precondition(overtimeFactor >= 0 && overtimeFactor.isFinite, "overtime factor must be ≥ 0")
    self.currency = currency
    self.overtimeFactor = overtimeFactor
  }
}

/// What a type's contacts cost besides agent time (all ≥ 0, in the scenario's currency).
public struct ContactCosts: Hashable, Sendable {
  /// Per answered contact (a licence, a CRM transaction, a survey).
  public var perAnswered: Double
  /// Per minute a caller is on the line: waiting (answered or abandoned) and in service.
  public var telephonyPerMinute: Double
  /// Per abandoned contact: the value of the lost sale or the cost of the call back.
  public var perAbandoned: Double
  /// Per contact self-service contained (the bot's cost).
  public var perContained: Double

  public init(perAnswered: Double = 0, telephonyPerMinute: Double = 0, perAbandoned: Double = 0, perContained: Double = 0) {
    precondition([perAnswered, telephonyPerMinute, perAbandoned, perContained].allSatisfy { $0 >= 0 && $0.isFinite },
                 "contact costs must be finite and ≥ 0")
    self.perAnswered = perAnswered
    self.telephonyPerMinute = telephonyPerMinute
    self.perAbandoned = perAbandoned
    self.perContained = perContained
  }
}

/// Arrival rates multiplied by `factor` from `start` to `end` (seconds from the first interval's
/// start, which may fall inside intervals), for the listed types or all of them. Overlapping
/// surges multiply.
public struct Surge: Hashable, Sendable {
  public var start: SimTime
  public var end: SimTime
  public var factor: Double
  /// Indices of the types affected; `nil`: every type.
  public var types: [Int]?

  public init(start: SimTime, end: SimTime, factor: Double, types: [Int]? = nil) {
    precondition(start >= 0 && end > start && end.isFinite, "a surge needs 0 ≤ start < end")
    precondition(factor >= 0 && factor.isFinite, "a surge factor must be finite and ≥ 0")
    self.start = start
    self.end = end
    self.factor = factor
    self.types = types
  }

  func applies(to type: Int) -> Bool { types?.contains(type) ?? true }
}

/// Virtual hold: when a caller must queue and the expected wait exceeds `threshold`, the caller is
/// offered a callback and takes it with probability `share`. A callback keeps its place in line,
/// never abandons and is not on the line while it waits; an agent calls back when its turn comes.
public struct CallbackOffer: Hashable, Sendable {
  public var threshold: SimTime
  public var share: Double

  public init(threshold: SimTime, share: Double) {
    precondition(threshold >= 0 && threshold.isFinite, "callback threshold must be ≥ 0")
    precondition((0...1).contains(share), "callback share must be a probability")
    self.threshold = threshold
    self.share = share
  }
}

/// A customer coming back: a caller retrying after abandoning, or a customer whose problem was not
/// solved contacting the centre again.
public struct Recontact: Hashable, Sendable {
  /// The probability that the customer comes back (0…1).
  public var probability: Double
  /// Time from abandoning (or the end of the unresolved contact) to the new contact.
  public var delay: Distribution
  /// The index of the type the customer comes back as; `nil`: the same type.
  public var type: Int?
  /// Retrials only: the probability that a caller who was blocked (a busy signal) tries again,
  /// after the same `delay`; `nil`: the same as `probability`.
  public var afterBlock: Double?
  /// The probability that a blocked caller tries again: `afterBlock`, or `probability`.
  public var probabilityAfterBlock: Double { afterBlock ?? probability }

  public init(probability: Double, delay: Distribution, type: Int? = nil, afterBlock: Double? = nil) {
    precondition((0...1).contains(probability), "a come-back probability must be in 0…1")
    precondition(afterBlock.map { (0...1).contains($0) } ?? true, "a retrial probability after a block must be in 0…1")
    precondition(delay.problem == nil, "invalid come-back delay distribution")
    self.probability = probability
    self.delay = delay
    self.type = type
    self.afterBlock = afterBlock
  }
}

/// An unresolved contact transferred to another type's queue (tier 2, a supervisor, a back
/// office), after an optional transfer time.
public struct Escalation: Hashable, Sendable {
  /// The index of the type whose queue the contact joins.
  public var to: Int
  /// The share of the unresolved contacts that go there (0…1).
  public var share: Double
  /// Time between the end of service and joining the target queue (`nil`: at once).
  public var transferTime: Distribution?

  public init(to: Int, share: Double, transferTime: Distribution? = nil) {
    precondition(transferTime?.problem == nil, "invalid transfer-time distribution")
    self.to = to
    self.share = share
    self.transferTime = transferTime
  }
}

/// How contacts and agents are matched (`Docs/model.md`, "Routing").
public struct RoutingPolicy: Hashable, Sendable {
  /// Which idle agent takes an arriving (or newly eligible) contact.
  public enum ContactSide: String, CaseIterable, Hashable, Sendable {
    /// The agent idle longest among every eligible group.
    case longestIdle = "longest-idle"
    /// The group with the best (lowest) preference level for the type; then longest idle.
    case groupOrder = "group-order"
    /// The eligible group with the fewest skills, which keeps multi-skilled agents free for the
    /// contacts only they can take; then preference, then longest idle.
    case leastSkilled = "least-skilled"
  }

  /// Which waiting contact a free agent takes.
  public enum AgentSide: String, CaseIterable, Hashable, Sendable {
    /// The head of the queue with the best preference level, then the most urgent priority
    /// class, then the longest wait.
    case preference
    /// The head with the longest wait relative to its type's service-level threshold.
    case relativeWait = "relative-wait"
  }

  public var contactSide: ContactSide
  public var agentSide: AgentSide

  public init(contactSide: ContactSide = .longestIdle, agentSide: AgentSide = .preference) {
    self.contactSide = contactSide
    self.agentSide = agentSide
  }
}

/// "`threshold` seconds" service level, and its denominator.
public struct ServiceLevelRule: Hashable, Sendable {
  /// A contact answered within this many seconds counts as answered in time.
  public var threshold: SimTime
  /// Which contacts the service level divides by (see `Docs/metrics.md`).
  public var definition: ServiceLevelDefinition

  public init(threshold: SimTime, definition: ServiceLevelDefinition = .offered) {
    precondition(threshold >= 0 && threshold.isFinite, "service-level threshold must be ≥ 0")
    self.threshold = threshold
    self.definition = definition
  }
}
