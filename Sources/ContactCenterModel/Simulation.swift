import Queueing
import SimKernel
import Stochastic

/// What happens in the centre. Small values with integer payloads: nothing is allocated per event.
/// Arrivals from outside are not among them: they have a calendar of their own (see `Simulation`).
enum CenterEvent {
  /// An agent finishes the contact `journey`; `skill` indexes the engine's flat skill table
  /// (which names the group, and the resolution probability).
  case serviceEnd(skill: Int32, journey: UInt32)
  /// A waiting contact's patience runs out. `ticket` is its place in its type's line; the event is
  /// stale (skipped) if the contact was answered first.
  case abandon(type: Int32, ticket: UInt32)
  /// A waiting contact has waited long enough to become eligible for an overflow group (stale if
  /// it was answered or abandoned first).
  case overflow(type: Int32, ticket: UInt32)
  /// An escalated contact reaches the queue of its new type after its transfer time.
  case transfer(journey: UInt32)
  /// A customer comes back: a caller retrying after abandoning, or (`isRepeat`) a customer whose
  /// problem was left unresolved.
  case comeBack(journey: UInt32, isRepeat: Bool)
  /// A time bucket starts: 1…n are the planning intervals, n + 1 is after close.
  case boundary(bucket: Int32)
  /// A shift-staffed group's staffing changes (a shift or a break starts or ends): `step` indexes
  /// the group's steps.
  case staffing(group: Int32, step: Int32)
}

/// A contact in the centre, from its first arrival until it leaves: while it waits, is served, or
/// is being transferred. Journeys live in a slab and are reused, so nothing is allocated per contact.
struct Journey {
  /// Its current type (it changes when the contact is escalated).
  var type: Int32 = 0
  /// The counters it is counted in at its current queue: `type * bucketCount + bucket`.
  var cell: Int32 = 0
  /// The counters of its first arrival, where its end-to-end resolution time is counted.
  var originCell: Int32 = 0
  /// In a group that takes sessions: the agent (a ``SessionAgents`` record) serving it. Here, in
  /// what would be padding, the journey stays 48 bytes.
  var agent: Int32 = -1
  /// When it first arrived, and when it joined its current queue.
  var origin: SimTime = 0
  var joined: SimTime = 0
  /// The handle time drawn for its current type, before the serving group's factor.
  var handle: SimTime = 0
  /// Agent contacts finished so far for this problem (for first-contact resolution).
  var served: Int32 = 0
  /// Whether it waits for a callback at its current queue.
  var isCallback = false
}

/// A contact waiting in line: its journey and when it joined.
struct WaitingContact {
  var joined: SimTime
  var journey: UInt32
  var hasLeft: Bool
}

/// A first-come-first-served line with lazy removal: every contact gets a ticket (its absolute
/// position); an abandoning contact is marked as gone and skipped when it reaches the head. A ring
/// buffer of power-of-two capacity, so memory follows the longest line, not the number of contacts.
struct WaitingLine {
  private var slots = ContiguousArray<WaitingContact>(
    repeating: WaitingContact(joined: 0, journey: 0, hasLeft: true), count: 64)
  private var mask: UInt64 = 63
  private(set) var head: UInt64 = 0
  private(set) var tail: UInt64 = 0
  /// Contacts still waiting (those marked as gone excluded).
  private(set) var waiting = 0

  /// Appends a contact and returns its ticket: the low 32 bits of its position. Events carry
  /// tickets, and 32 bits rather than 64 keep a calendar entry at 32 bytes instead of 40, which
  /// the benchmark shows; a ticket is unambiguous while fewer than 2³² contacts pass through the
  /// line within one patience time.
  mutating func append(_ contact: WaitingContact) -> UInt32 {
    if tail - head == UInt64(slots.count) { grow() }
    slots[Int(tail & mask)] = contact
    tail += 1
    waiting += 1
    return UInt32(truncatingIfNeeded: tail - 1)
  }

  /// The contact holding `ticket` if it is still waiting.
  func waitingContact(_ ticket: UInt32) -> WaitingContact? {
    // How far before the tail the ticket is: 1 for the last contact appended.
    let back = UInt64(UInt32(truncatingIfNeeded: tail) &- ticket)
    guard back >= 1, back <= tail - head else { return nil }
    let contact = slots[Int((tail - back) & mask)]
    return contact.hasLeft ? nil : contact
  }

  /// Marks the contact holding `ticket` as gone (it must be waiting).
  mutating func remove(_ ticket: UInt32) {
    let back = UInt64(UInt32(truncatingIfNeeded: tail) &- ticket)
    slots[Int((tail - back) & mask)].hasLeft = true
    waiting -= 1
  }

  /// The first contact still waiting, or `nil`; contacts marked as gone before it are dropped.
  mutating func first() -> WaitingContact? {
    while head < tail {
      let contact = slots[Int(head & mask)]
      if !contact.hasLeft { return contact }
      head += 1
    }
    return nil
  }

  /// Removes and returns the first contact still waiting, or `nil`.
  mutating func popFirst() -> WaitingContact? {
    guard let contact = first() else { return nil }
    removeFirst()
    return contact
  }

  /// The contacts still waiting at `now`: how many, the sum and the largest of their times since
  /// joining, and how many have waited longer than `threshold`. A scan of the line: used for
  /// deferred work at interval ends only.
  func backlog(at now: SimTime, threshold: SimTime) -> (count: Int, ageSum: Double, oldest: Double, overdue: Int) {
    var (count, ageSum, oldest, overdue) = (0, 0.0, 0.0, 0)
    for position in head..<tail where !slots[Int(position & mask)].hasLeft {
      let age = now - slots[Int(position & mask)].joined
      count += 1
      ageSum += age
      oldest = max(oldest, age)
      overdue += age > threshold ? 1 : 0
    }
    return (count, ageSum, oldest, overdue)
  }

  /// Removes the first contact, which `first()` has just returned (so no gone contact precedes it).
  mutating func removeFirst() {
    head += 1
    waiting -= 1
  }

  private mutating func grow() {
    var larger = ContiguousArray(repeating: slots[0], count: slots.count * 2)
    let newMask = UInt64(larger.count - 1)
    for ticket in head..<tail { larger[Int(ticket & newMask)] = slots[Int(ticket & mask)] }
    slots = larger
    mask = newMask
  }
}

/// The idle agents of a group, as the times they became idle, oldest first: the front is the
/// agent idle longest. Agents become idle in time order, so appending keeps the order.
struct IdleAgents {
  private var times = ContiguousArray<SimTime>(repeating: 0, count: 16)
  private var mask = 15
  private var head = 0
  private(set) var count = 0

  var longestIdleSince: SimTime? { count > 0 ? times[head & mask] : nil }

  mutating func append(since time: SimTime) {
    if count == times.count { grow() }
    times[(head + count) & mask] = time
    count += 1
  }

  /// The agent idle longest starts work.
  mutating func removeLongestIdle() {
    head += 1
    count -= 1
  }

  /// The agent idle the shortest time goes off duty.
  mutating func removeMostRecent() { count -= 1 }

  private mutating func grow() {
    var larger = ContiguousArray<SimTime>(repeating: 0, count: times.count * 2)
    for i in 0..<count { larger[i] = times[(head + i) & mask] }
    times = larger
    mask = larger.count - 1
    head = 0
  }
}

/// The busy agents of a group that takes sessions, one record each: the contacts in hand (a call
/// or a deferred item fills an agent to the limit), and, for each load below the limit, the agents
/// at that load, so the least-loaded agent is found without a scan of the agents.
struct SessionAgents {
  private(set) var load: [Int32] = []
  /// An agent's index in `atLoad[load]` (meaningful while its load is below the limit and it is
  /// not leaving).
  private var position: [Int32] = []
  private var free: [Int32] = []
  /// Agents winding down to leave (their group's headcount fell): they take nothing new, are in no
  /// `atLoad` list, and go when their last contact ends.
  private(set) var leaving: [Int32] = []
  private var isLeaving: [Bool] = []
  /// `atLoad[l]` for 1 ≤ l < limit (index 0 unused).
  private var atLoad: [[Int32]]
  let limit: Int32

  init(limit: Int) {
    self.limit = Int32(limit)
    atLoad = Array(repeating: [], count: limit)
  }

  /// A busy agent with room for one more session, the least loaded, and its load.
  var leastLoaded: (agent: Int32, load: Int32)? {
    for level in 1..<Int(limit) where !atLoad[level].isEmpty { return (atLoad[level].last!, Int32(level)) }
    return nil
  }

  /// A record for an agent who starts work with `load` contacts in hand.
  mutating func open(load: Int32) -> Int32 {
    let agent: Int32
    if let reused = free.popLast() {
      agent = reused
      self.load[Int(agent)] = 0
    } else {
      agent = Int32(self.load.count)
      self.load.append(0)
      position.append(0)
      isLeaving.append(false)
    }
    setLoad(agent, load)
    return agent
  }

  mutating func setLoad(_ agent: Int32, _ newLoad: Int32) {
    let a = Int(agent)
    let old = Int(load[a])
    if old > 0 && old < Int(limit) && !isLeaving[a] {
      // Swap-remove from its level list.
      let i = Int(position[a])
      let moved = atLoad[old].removeLast()
      if moved != agent {
        atLoad[old][i] = moved
        position[Int(moved)] = Int32(i)
      }
    }
    load[a] = newLoad
    if newLoad > 0 && newLoad < limit && !isLeaving[a] {
      position[a] = Int32(atLoad[Int(newLoad)].count)
      atLoad[Int(newLoad)].append(agent)
    }
  }

  /// The agent has nothing in hand any more: its record is free.
  mutating func close(_ agent: Int32) {
    if isLeaving[Int(agent)] { setLeaving(agent, false) }
    setLoad(agent, 0)
    free.append(agent)
  }

  func isLeaving(_ agent: Int32) -> Bool { isLeaving[Int(agent)] }

  /// Marks `count` busy agents as leaving, the least loaded first (they are free soonest).
  mutating func sendHome(_ count: Int) {
    var candidates = load.indices.filter { load[$0] > 0 && !isLeaving[$0] }
    candidates.sort { (load[$0], $0) < (load[$1], $1) }
    for a in candidates.prefix(count) { setLeaving(Int32(a), true) }
  }

  /// The agent marked last stays after all (the headcount rose again, or another agent left in its
  /// place); `nil` when none is leaving.
  @discardableResult
  mutating func keepOne() -> Int32? {
    guard let agent = leaving.last else { return nil }
    setLeaving(agent, false)
    return agent
  }

  private mutating func setLeaving(_ agent: Int32, _ flag: Bool) {
    let current = load[Int(agent)]
    setLoad(agent, 0)          // out of its level list while the flag changes
    isLeaving[Int(agent)] = flag
    if flag { leaving.append(agent) } else { leaving.remove(at: leaving.lastIndex(of: agent)!) }
    setLoad(agent, current)
  }
}

/// A group's agents: how many should be on duty, how many are busy, who is idle since when, and
/// the time integrals of busy, staffed and overtime since the current bucket started.
struct GroupState {
  /// Agents who should be available for contacts now.
  var headcount: Int
  /// Agents within their paid presence (on a break or not): busy agents beyond this are overtime.
  var inShift: Int
  /// Paid agents now: the headcount grossed up for shrinkage, or the agents in paid shift time.
  var scheduled: Double
  var busy = 0
  /// Contacts in hand, counted in groups that take sessions (elsewhere it is `busy`).
  var inHand = 0
  var idle = IdleAgents()
  /// Which busy agent holds how many sessions (groups that take sessions only).
  var sessions: SessionAgents
  var lastChange: SimTime = 0
  var busyArea = 0.0, staffedArea = 0.0, overtimeArea = 0.0, scheduledArea = 0.0, inHandArea = 0.0
  /// Contacts started, and their handle times, since the current bucket started.
  var handled = 0.0, handleTime = 0.0

  init(headcount: Int, inShift: Int, scheduled: Double, concurrency: Int) {
    self.headcount = headcount
    self.inShift = inShift
    self.scheduled = scheduled
    sessions = SessionAgents(limit: concurrency)
  }

  /// Agents on duty: busy ones (some perhaps finishing after their interval) and idle ones.
  var onDuty: Int { busy + idle.count }

  mutating func accumulate(until now: SimTime, closed: Bool) {
    let elapsed = now - lastChange
    guard elapsed > 0 else { return }
    let busyAgents = Double(busy)
    busyArea += busyAgents * elapsed
    inHandArea += Double(inHand) * elapsed
    if closed {
      // After close only work is paid: idle agents have gone home (they come back if an escalated
      // contact still needs them), so staffed = busy, and all of it is overtime.
      staffedArea += busyAgents * elapsed
      overtimeArea += busyAgents * elapsed
    } else {
      staffedArea += Double(onDuty) * elapsed
      overtimeArea += Double(max(0, busy - inShift)) * elapsed
      scheduledArea += scheduled * elapsed
    }
    lastChange = now
  }
}

/// A type's random streams and samplers in one object, so the inner loop touches one reference
/// per contact rather than one per stream and sampler.
final class ContactSource {
  private let arrivals: RandomStream
  private let handleTimes: RandomStream
  private let patiences: RandomStream
  /// Resolution and escalation draws, and transfer times, for contacts served as this type.
  let outcomes: RandomStream
  private let handleTime: Sampler
  private let patience: Sampler?
  /// Cumulative escalation shares, their targets and transfer-time samplers.
  let escalationBounds: [Double]
  let escalationTargets: [Int32]
  let transferTimes: [Sampler?]
  /// The share self-service resolves, and who comes back (drawn on `outcomes`).
  let containment: Double
  let retrial: (probability: Double, delay: Sampler)?
  let repeats: (probability: Double, delay: Sampler, type: Int32)?
  /// Virtual hold, and the type's mean handle time for the expected-wait estimate.
  let callback: CallbackOffer?
  let meanHandleTime: Double

  init(_ type: ContactType, index: Int, seed: UInt64, replication: Int) {
    func stream(_ purpose: StreamPurpose) -> RandomStream {
      RandomStream(seed: StreamSeed(master: seed, replication: replication, purpose: purpose, index: index))
    }
    arrivals = stream(.arrivals)
    handleTimes = stream(.handleTime)
    patiences = stream(.patience)
    outcomes = stream(.outcome)
    handleTime = Sampler(type.handleTime)
    patience = type.patience.map(Sampler.init)
    var cumulative = 0.0
    escalationBounds = type.escalations.map { cumulative += $0.share; return cumulative }
    escalationTargets = type.escalations.map { Int32($0.to) }
    transferTimes = type.escalations.map { $0.transferTime.map(Sampler.init) }
    containment = type.containment
    retrial = type.retrial.map { ($0.probability, Sampler($0.delay)) }
    repeats = type.repeats.map { ($0.probability, Sampler($0.delay), Int32($0.type ?? index)) }
    callback = type.callback
    meanHandleTime = type.handleTime.mean
  }

  /// The opening backlog's items as (age at opening, handle time), oldest first, drawn on the
  /// type's own `backlog` stream so that the day's arrivals are the same with or without it.
  func openingBacklog(_ backlog: OpeningBacklog, seed: StreamSeed) -> [(age: SimTime, handle: SimTime)] {
    let stream = RandomStream(seed: seed)
    let age = Sampler(backlog.age)
    return (0..<backlog.count).map { _ in (stream.sample(age), stream.sample(handleTime)) }.sorted { $0.age > $1.age }
  }

  /// A unit-mean exponential draw: the integrated arrival rate to the next arrival.
  func unitExponential() -> Double { arrivals.exponential(mean: 1) }

  /// A contact's handle time and patience (`nil`: never abandons) as this type.
  func attributes() -> (handle: SimTime, patience: SimTime?) {
    let handle = handleTimes.sample(handleTime)
    guard let patience else { return (handle, nil) }
    return (handle, patiences.sample(patience))
  }
}

/// A piece of a type's arrival process with a constant rate, up to `end`; its contacts count in
/// `bucket`.
struct ArrivalSegment {
  var end: SimTime
  var rate: Double
  var bucket: Int32

  /// The type's pieces over the run: the warm-up (at the first interval's rate), then each
  /// interval, cut where a surge starts or ends; rates times the day's busyness and the surges.
  static func pieces(of scenario: Scenario, type: Int, busyness: Double) -> [ArrivalSegment] {
    let rates = scenario.contactTypes[type].arrivalRates
    let start = scenario.measurementStart
    let surges = scenario.surges.filter { $0.applies(to: type) }
    var pieces: [ArrivalSegment] = []
    if start > 0 { pieces.append(ArrivalSegment(end: start, rate: rates[0] * busyness, bucket: 0)) }
    for (k, rate) in rates.enumerated() {
      let from = start + Double(k) * scenario.intervalLength
      let to = start + Double(k + 1) * scenario.intervalLength
      let cuts = surges.flatMap { [start + $0.start, start + $0.end] }.filter { $0 > from && $0 < to }
      var low = from
      for high in Set(cuts).sorted() + [to] {
        let factor = surges.reduce(1.0) { $1.start + start <= low && start + $1.end >= high ? $0 * $1.factor : $0 }
        pieces.append(ArrivalSegment(end: high, rate: rate * busyness * factor, bucket: Int32(k + 1)))
        low = high
      }
    }
    return pieces
  }
}

extension Scenario {
  /// Each interval's mean arrival rate of type `type` (contacts per second), the surges applied
  /// over the part of the interval they cover, at the day's expected busyness of 1: the rates the
  /// simulation draws arrivals from, averaged per interval (`ccsim staff`'s Erlang start).
  public func meanArrivalRates(type: Int) -> [Double] {
    var area = [Double](repeating: 0, count: intervalCount)
    var from = 0.0
    for piece in ArrivalSegment.pieces(of: self, type: type, busyness: 1) {
      if piece.bucket > 0 { area[Int(piece.bucket) - 1] += piece.rate * (piece.end - from) }
      from = piece.end
    }
    return area.map { $0 / intervalLength }
  }
}

/// A group's skill for a type, as the engine reads it.
struct Eligibility {
  /// Its index in the flat skill table (grouped by group, most preferred first).
  var index: Int32 = 0
  var group: Int32
  var type: Int32
  var preference: Int32
  /// Contact-side rank for the scenario's routing policy: lower is chosen first.
  var rank: Int32
  /// Idle agents the group needs for an arriving contact to take one: 1, or 1 + the blending
  /// reserve for deferred work.
  var idleNeeded: Int16 = 1
  /// The type's handling bit (see `Simulation.kindBit`), here so that the agent-side scan reads
  /// one table (it fits the padding: the entry stays 48 bytes).
  var kind: UInt8 = 0
  var overflowDelay: SimTime
  var handleTimeFactor: Double
  var resolution: Double
}

/// One replication of a scenario: a discrete-event simulation of every queue and agent group.
///
/// Agents within a group are interchangeable, so a group is a headcount, a number busy and the
/// times its idle agents became idle (for longest-idle routing). Each type has one first-come-
/// first-served line; which agent takes a contact and which contact a free agent takes follow the
/// scenario's ``RoutingPolicy``. A contact draws its handle time and patience from its type's own
/// streams when it arrives (or joins a queue by escalation), so two staffing plans of a scenario
/// see the same customers (common random numbers).
///
/// Arrivals are a non-homogeneous Poisson process with a piecewise-constant rate, generated
/// exactly by inverting the integrated rate: one unit-exponential draw per arrival, spent across
/// interval boundaries at each interval's rate. No interval, however short its peak, is skipped.
struct Simulation {
  private let scenario: Scenario
  private let seed: UInt64
  private let replication: Int
  private let typeCount: Int
  private let groupCount: Int
  private let bucketCount: Int        // warm-up, n intervals, after close
  private var calendar = EventQueue<CenterEvent>(minimumCapacity: 1024)
  /// Each type's next arrival from outside (the event is the type). Kept apart from `calendar`:
  /// an arrival always schedules the type's next one, which here sinks through a heap of one entry
  /// per type instead of the whole calendar (one sift-down per contact saved; an event at the same
  /// time as an arrival fires first).
  private var arrivalCalendar = EventQueue<Int32>(minimumCapacity: 16)

  /// Each type's source, kept alive by `sourceOwners`. Unmanaged so that the inner loop reaches a
  /// type's streams without a reference-count increment and decrement per draw (which `perf`
  /// showed as a tenth of the run).
  private let sources: ContiguousArray<Unmanaged<ContactSource>>
  private let sourceOwners: [ContactSource]
  private let thresholds: [SimTime]
  /// Whether a type offers callbacks (checked before anything else on the queueing path).
  private let offersCallback: ContiguousArray<Bool>
  private let priorities: [Int32]
  /// Each type's handling as one bit (``callBit``, ``sessionBit``, ``deferredBit``), so routing can
  /// filter the types an agent may take with a mask; and the deferred types.
  private let kindBit: ContiguousArray<UInt8>
  private let deferredTypes: [Int]
  /// Per group: whether it takes sessions (then its busy agents are tracked one by one), the
  /// stretch factor of a session started as an agent's 1st, 2nd, … one, and its blending reserve
  /// (−1: the group does not blend).
  private let takesSessions: ContiguousArray<Bool>
  private let stretch: [[Double]]
  private let reserve: ContiguousArray<Int>
  private static let callBit: UInt8 = 1, sessionBit: UInt8 = 2, deferredBit: UInt8 = 4, anyKind: UInt8 = 7
  /// Flat tables, so the inner loop touches no nested array: `skills[skillStart[g]..<skillStart[g + 1]]`
  /// is what group `g` may take, most preferred first; `servers[serverStart[t]..<serverStart[t + 1]]`
  /// the groups that may take type `t`; `overflowDelays[delayStart[t]..<delayStart[t + 1]]` the
  /// type's distinct positive overflow delays, ascending.
  private let skills: ContiguousArray<Eligibility>
  private let skillStart: ContiguousArray<Int>
  private let servers: ContiguousArray<Eligibility>
  private let serverStart: ContiguousArray<Int>
  private let overflowDelays: ContiguousArray<SimTime>
  private let delayStart: ContiguousArray<Int>
  private let headcounts: [[Int]]
  /// Per group: `1 / (1 − shrinkage)`, and for a shift-staffed group its staffing steps (with the
  /// available agents drawn for this replication); empty for a headcount-staffed group.
  private let grossUp: [Double]
  private let staffingSteps: [[(time: SimTime, inShift: Int, available: Int, paid: Int)]]
  private let relativeWait: Bool
  /// Each type's arrival rate as pieces of constant rate, busyness and surges applied:
  /// `segments[segmentStart[t]..<segmentStart[t + 1]]` in time order, none after close.
  private let segments: ContiguousArray<ArrivalSegment>
  private let segmentStart: ContiguousArray<Int>
  private let busyness: Double

  private var lines: [WaitingLine]
  private var groups: [GroupState]
  private var journeys: [Journey] = []
  private var freeJourneys: [UInt32] = []
  /// The segment of each type's next arrival, found when it is scheduled.
  private var nextSegment: [Int]
  private var bucket = 0
  private var closed = false

  /// `[type * bucketCount + bucket]` and `[group * bucketCount + bucket]`.
  private var cells: [CellCounters]
  private var groupCells: [GroupCounters]
  /// Per type: queue area since the last flush, and when it last changed.
  private var queueArea: [Double]
  private var queueChanged: [SimTime]
  private var queueLittle: [LittleCheck]
  private var groupLittle: [LittleCheck]

  init(scenario: Scenario, seed: UInt64, replication: Int) {
    self.scenario = scenario
    self.seed = seed
    self.replication = replication
    let types = scenario.contactTypes
    let agentGroups = scenario.agentGroups
    typeCount = types.count
    groupCount = agentGroups.count
    bucketCount = scenario.intervalCount + 2
    sourceOwners = types.indices.map { ContactSource(types[$0], index: $0, seed: seed, replication: replication) }
    sources = ContiguousArray(sourceOwners.map { Unmanaged.passUnretained($0) })
    thresholds = types.map(\.serviceLevel.threshold)
    offersCallback = ContiguousArray(types.map { $0.callback != nil })
    priorities = types.map { Int32($0.priority) }
    kindBit = ContiguousArray(types.map {
      switch $0.handling {
      case .call: Self.callBit
      case .session: Self.sessionBit
      case .deferred: Self.deferredBit
      }
    })
    deferredTypes = types.indices.filter { types[$0].handling == .deferred }
    takesSessions = ContiguousArray(agentGroups.map { $0.skills.contains { types[$0.type].handling == .session } })
    stretch = agentGroups.map(\.concurrency.stretch)
    reserve = ContiguousArray(agentGroups.map { $0.blending?.reserve ?? -1 })
    relativeWait = scenario.routing.agentSide == .relativeWait
    var skills = [[Eligibility]](repeating: [], count: agentGroups.count)
    for (g, group) in agentGroups.enumerated() {
      for skill in group.skills {
        let rank: Int
        switch scenario.routing.contactSide {
        case .longestIdle: rank = 0
        case .groupOrder: rank = skill.preference
        case .leastSkilled: rank = group.skills.count * 1_000_000 + skill.preference
        }
        let blendedDeferred = types[skill.type].handling == .deferred ? group.blending?.reserve : nil
        let entry = Eligibility(
          group: Int32(g), type: Int32(skill.type), preference: Int32(skill.preference), rank: Int32(rank),
          idleNeeded: Int16(clamping: 1 + (blendedDeferred ?? 0)), kind: kindBit[skill.type], overflowDelay: skill.overflowDelay,
          handleTimeFactor: skill.handleTimeFactor, resolution: skill.resolution ?? types[skill.type].resolution)
        skills[g].append(entry)
      }
    }
    var flatSkills = ContiguousArray<Eligibility>()
    var skillStart = ContiguousArray<Int>([0])
    for groupSkills in skills {
      for var skill in groupSkills.sorted(by: { ($0.preference, $0.type) < ($1.preference, $1.type) }) {
        skill.index = Int32(flatSkills.count)
        flatSkills.append(skill)
      }
      skillStart.append(flatSkills.count)
    }
    var flatServers = ContiguousArray<Eligibility>()
    var serverStart = ContiguousArray<Int>([0])
    var delays = ContiguousArray<SimTime>()
    var delayStart = ContiguousArray<Int>([0])
    for t in types.indices {
      let typeServers = flatSkills.filter { Int($0.type) == t }
      flatServers.append(contentsOf: typeServers)
      serverStart.append(flatServers.count)
      delays.append(contentsOf: Set(typeServers.map(\.overflowDelay).filter { $0 > 0 }).sorted())
      delayStart.append(delays.count)
    }
    self.skills = flatSkills
    self.skillStart = skillStart
    self.servers = flatServers
    self.serverStart = serverStart
    overflowDelays = delays
    self.delayStart = delayStart
    headcounts = agentGroups.map(\.agents)
    let grossUp = agentGroups.map { 1 / (1 - $0.shrinkage) }
    self.grossUp = grossUp
    staffingSteps = agentGroups.indices.map { g in
      let group = agentGroups[g]
      guard !group.shifts.isEmpty else { return [] }
      // Shrinkage takes its share of the agents on the phones; the fraction is rounded up or down
      // at random (up with probability equal to it), so availability is right on average.
      let stream = RandomStream(seed: StreamSeed(master: seed, replication: replication, purpose: .staffing, index: g))
      return StaffingStep.steps(of: group.shifts).map { step in
        let expected = Double(step.onPhones) * (1 - group.shrinkage)
        let whole = expected.rounded(.down)
        let available = Int(whole) + (expected > whole && stream.uniform() < expected - whole ? 1 : 0)
        return (step.time, step.inShift, available, step.paid)
      }
    }
    if let cv = scenario.busynessCV {
      let stream = RandomStream(seed: StreamSeed(master: seed, replication: replication, purpose: .busyness, index: 0))
      busyness = stream.sample(Sampler(.gamma(mean: 1, cv: cv)))
    } else {
      busyness = 1
    }
    var segments = ContiguousArray<ArrivalSegment>()
    var segmentStart = ContiguousArray<Int>([0])
    for t in types.indices {
      segments.append(contentsOf: ArrivalSegment.pieces(of: scenario, type: t, busyness: busyness))
      segmentStart.append(segments.count)
    }
    self.segments = segments
    self.segmentStart = segmentStart
    lines = Array(repeating: WaitingLine(), count: typeCount)
    // A shift-staffed group starts empty: its first staffing step, at the opening, brings its agents.
    groups = agentGroups.indices.map { g in
      let first = agentGroups[g].shifts.isEmpty ? agentGroups[g].agents[0] : 0
      return GroupState(headcount: first, inShift: first, scheduled: Double(first) * grossUp[g],
                        concurrency: agentGroups[g].concurrency.limit)
    }
    nextSegment = Array(segmentStart.dropLast())
    cells = Array(repeating: CellCounters(), count: typeCount * bucketCount)
    groupCells = Array(repeating: GroupCounters(), count: groupCount * bucketCount)
    queueArea = Array(repeating: 0, count: typeCount)
    queueChanged = Array(repeating: 0, count: typeCount)
    queueLittle = Array(repeating: LittleCheck(), count: typeCount)
    groupLittle = Array(repeating: LittleCheck(), count: groupCount)
  }

  /// Runs the replication to the end and returns its results.
  mutating func run() -> ReplicationResult {
    for g in 0..<groupCount {
      for _ in 0..<groups[g].headcount { groups[g].idle.append(since: 0) }
    }
    for k in 1..<bucketCount {
      calendar.schedule(.boundary(bucket: Int32(k)), at: bucketStart(k))
    }
    // Shifts end by closing time; as with headcounts, the agents on duty at close stay until every
    // contact has left (paid as overtime), so the steps at close are not applied.
    for (g, steps) in staffingSteps.enumerated() {
      for (i, step) in steps.enumerated() where scenario.measurementStart + step.time < scenario.close {
        calendar.schedule(.staffing(group: Int32(g), step: Int32(i)), at: scenario.measurementStart + step.time)
      }
    }
    if scenario.measurementStart == 0 { bucket = 1 }
    enterOpeningBacklog()
    for type in 0..<typeCount { scheduleNextArrival(type: type, after: 0, from: segmentStart[type]) }

    var events: UInt64 = 0
    while true {
      let arrivalTime = arrivalCalendar.peekTime() ?? .infinity
      guard let time = calendar.peekTime(), time <= arrivalTime else {
        guard let arrival = arrivalCalendar.popNext() else { break }
        events += 1
        calendar.advance(to: arrival.time)
        arrive(type: Int(arrival.event))
        continue
      }
      let next = calendar.popNext()!
      events += 1
      switch next.event {
      case .serviceEnd(let skill, let journey): finishService(skill: Int(skill), journey: journey)
      case .abandon(let type, let ticket): abandon(type: Int(type), ticket: ticket)
      case .overflow(let type, let ticket): overflow(type: Int(type), ticket: ticket)
      case .transfer(let journey): joinAfterTransfer(journey)
      case .comeBack(let journey, let isRepeat): comeBack(journey, isRepeat: isRepeat)
      case .boundary(let k): startBucket(Int(k))
      case .staffing(let g, let step): changeStaffing(group: Int(g), step: Int(step))
      }
    }
    finish()
    return result(events: events)
  }

  private func bucketStart(_ k: Int) -> SimTime {
    k == 0 ? 0 : scenario.measurementStart + Double(k - 1) * scenario.intervalLength
  }

  /// The bucket a time falls in (a time on a boundary belongs to the later bucket).
  private func bucket(of time: SimTime) -> Int {
    guard time >= scenario.measurementStart else { return 0 }
    let k = Int(((time - scenario.measurementStart) / scenario.intervalLength).rounded(.down)) + 1
    return min(k, bucketCount - 1)
  }

  // MARK: Arrivals

  /// Schedules the type's next arrival after `time` (which lies in segment `first`) by spending one
  /// unit-exponential draw across the segments' rates (inversion of the integrated rate); none
  /// after close.
  private mutating func scheduleNextArrival(type: Int, after time: SimTime, from first: Int) {
    var remaining = sources[type]._withUnsafeGuaranteedRef { $0.unitExponential() }
    var t = time
    for i in first..<segmentStart[type + 1] {
      let segment = segments[i]
      if segment.rate > 0 {
        let needed = remaining / segment.rate
        if t + needed < segment.end {
          arrivalCalendar.schedule(Int32(type), at: t + needed)
          nextSegment[type] = i
          return
        }
        remaining -= segment.rate * (segment.end - t)
      }
      t = segment.end
    }
  }

  private mutating func arrive(type: Int) {
    let now = calendar.now
    let segment = nextSegment[type]
    let arrivalBucket = Int(segments[segment].bucket)
    scheduleNextArrival(type: type, after: now, from: segment)
    let (handle, patience) = sources[type]._withUnsafeGuaranteedRef { $0.attributes() }
    let cell = Int32(type * bucketCount + arrivalBucket)
    let journey = newJourney(Journey(
      type: Int32(type), cell: cell, originCell: cell, origin: now, joined: now, handle: handle))
    enter(journey, patience: patience)
  }

  /// Deferred work waiting at the opening joins its queue, oldest first, as if it had joined its age
  /// ago (so its wait, and its service level, count from then); counted in the first interval.
  private mutating func enterOpeningBacklog() {
    for t in deferredTypes {
      guard let backlog = scenario.contactTypes[t].openingBacklog else { continue }
      let seed = StreamSeed(master: seed, replication: replication, purpose: .backlog, index: t)
      let cell = Int32(t * bucketCount + bucket)
      for item in sourceOwners[t].openingBacklog(backlog, seed: seed) {
        let journey = newJourney(Journey(
          type: Int32(t), cell: cell, originCell: cell, origin: -item.age, joined: -item.age, handle: item.handle))
        cells[Int(cell)].carriedIn += 1
        let queued = cells[Int(cell)].queued
        join(journey, patience: nil)
        // It waited before the opening, even if an agent takes it at once.
        if cells[Int(cell)].queued == queued && item.age > 0 { cells[Int(cell)].queued += 1 }
      }
    }
  }

  /// A customer's contact (new, retrial or repeat) enters: self-service contains a share of them,
  /// the rest join the queue.
  private mutating func enter(_ journey: UInt32, patience: SimTime?) {
    let type = Int(journeys[Int(journey)].type)
    let containment = sources[type]._withUnsafeGuaranteedRef { $0.containment }
    if containment > 0 && sources[type]._withUnsafeGuaranteedRef({ $0.outcomes.uniform() }) < containment {
      let cell = Int(journeys[Int(journey)].cell)
      cells[cell].offered += 1
      cells[cell].contained += 1
      releaseJourney(journey)
      return
    }
    join(journey, patience: patience)
  }

  /// The customer of `journey` comes back after a delay drawn from `delay` (on the stream of the
  /// type it left), as `type`; one that would come after close is counted in `cell` and dropped.
  private mutating func scheduleComeBack(
    _ journey: UInt32, as type: Int32, delay: Sampler, stream source: ContactSource, isRepeat: Bool, countedIn cell: Int
  ) {
    let at = calendar.now + source.outcomes.sample(delay)
    guard at < scenario.close else {
      cells[cell].returnsAfterClose += 1
      releaseJourney(journey)
      return
    }
    journeys[Int(journey)].type = type
    calendar.schedule(.comeBack(journey: journey, isRepeat: isRepeat), at: at)
  }

  /// A retrial or repeat arrives: fresh handle time and patience for its type, counted in the
  /// current interval.
  private mutating func comeBack(_ journey: UInt32, isRepeat: Bool) {
    let (cell, patience) = rejoin(journey)
    if isRepeat { cells[cell].repeats += 1 } else { cells[cell].retrials += 1 }
    enter(journey, patience: patience)
  }

  /// The contact `journey` joins its type's queue now: an idle eligible agent takes it at once, or
  /// it waits (and may abandon or overflow).
  private mutating func join(_ journey: UInt32, patience: SimTime?) {
    let now = calendar.now
    let type = Int(journeys[Int(journey)].type)
    let cell = Int(journeys[Int(journey)].cell)
    cells[cell].offered += 1
    queueLittle[type].arrivals += 1
    if kindBit[type] == Self.callBit {
      if let server = idleServer(type: type, waited: 0) {
        takeIdleAgent(server, journey: journey)
        return
      }
    } else if kindBit[type] == Self.sessionBit {
      if let (skill, agent) = sessionServer(type: type, waited: 0) {
        startSession(skill, journey: journey, agent: agent)
        return
      }
    } else if closed {
      // Deferred work arriving after close (an escalation) waits for tomorrow.
      cells[cell].queued += 1
      carryOver(journey, type: type)
      return
    } else if let server = idleServer(type: type, waited: 0) {
      takeIdleAgent(server, journey: journey)
      return
    }
    accumulateQueue(type: type)
    cells[cell].queued += 1
    var patience = patience
    if offersCallback[type] && takesCallback(type: type) {
      patience = nil
      cells[cell].callbacks += 1
      journeys[Int(journey)].isCallback = true
    }
    // The journey's join time: now, or before the run for an opening-backlog item.
    let ticket = lines[type].append(WaitingContact(joined: journeys[Int(journey)].joined, journey: journey, hasLeft: false))
    if let patience {
      calendar.schedule(.abandon(type: Int32(type), ticket: ticket), at: now + patience)
    }
    for i in delayStart[type]..<delayStart[type + 1] where patience.map({ overflowDelays[i] < $0 }) ?? true {
      calendar.schedule(.overflow(type: Int32(type), ticket: ticket), at: now + overflowDelays[i])
    }
  }

  /// Whether a caller who must queue for `type` takes a callback: offered when the expected wait
  /// — (contacts waiting + 1) × the type's mean handle time ÷ the agents on duty in the groups that
  /// serve it — exceeds the threshold, and taken with the offer's share (drawn on `outcome`).
  private mutating func takesCallback(type: Int) -> Bool {
    let source = sources[type].takeUnretainedValue()
    guard let offer = source.callback else { return false }
    var agents = 0
    for i in serverStart[type]..<serverStart[type + 1] { agents += groups[Int(servers[i].group)].onDuty }
    let expectedWait = Double(lines[type].waiting + 1) * source.meanHandleTime / Double(max(agents, 1))
    return expectedWait > offer.threshold && source.outcomes.uniform() < offer.share
  }

  // MARK: Routing

  /// The skill (an index into `skills`) of the group with an idle agent that takes a contact of
  /// `type` that has waited `waited` seconds: the lowest rank, then the agent idle longest; `nil`
  /// when no eligible group has an idle agent. Indices, not copies, keep the inner loop lean; and
  /// inlined, because a call to a non-mutating method from a mutating one copied the whole
  /// simulation struct (368 bytes) per contact.
  @inline(__always)
  private func idleServer(type: Int, waited: SimTime) -> Int? {
    var best = -1
    var bestRank = Int32.max
    var bestSince = SimTime.infinity
    for i in serverStart[type]..<serverStart[type + 1] {
      guard servers[i].overflowDelay <= waited,
        servers[i].idleNeeded == 1 || groups[Int(servers[i].group)].idle.count >= Int(servers[i].idleNeeded),
        let since = groups[Int(servers[i].group)].idle.longestIdleSince,
        (servers[i].rank, since) < (bestRank, bestSince)
      else { continue }
      (best, bestRank, bestSince) = (Int(servers[i].index), servers[i].rank, since)
    }
    return best < 0 ? nil : best
  }

  /// For a session contact that has waited `waited` seconds: the skill, and the agent that takes
  /// it — a busy agent's record, or `nil` for an idle agent. The lowest rank, then the fewest
  /// sessions in hand (an idle agent holds none), then the agent idle longest. Agents winding down
  /// to leave take nothing new.
  private func sessionServer(type: Int, waited: SimTime) -> (skill: Int, agent: Int32?)? {
    var best: (skill: Int, agent: Int32?)?
    var bestKey = (Int32.max, Int32.max, SimTime.infinity)
    for i in serverStart[type]..<serverStart[type + 1] where servers[i].overflowDelay <= waited {
      let g = Int(servers[i].group)
      if let since = groups[g].idle.longestIdleSince {
        if (servers[i].rank, 0, since) < bestKey {
          (best, bestKey) = ((Int(servers[i].index), nil), (servers[i].rank, 0, since))
        }
      } else if let (agent, load) = groups[g].sessions.leastLoaded,
        (servers[i].rank, load, 0) < bestKey {
        (best, bestKey) = ((Int(servers[i].index), agent), (servers[i].rank, load, 0))
      }
    }
    return best
  }

  /// The waiting contact a free agent of `group` takes, by the agent-side policy, with the skill
  /// (an index into `skills`) it is taken under; `nil` when none is eligible. `kinds` masks the
  /// handlings the agent may take (an agent holding sessions takes only sessions). A blending group
  /// takes deferred work only when no other contact is eligible and `othersIdle` (its idle agents
  /// besides this one) is at least its reserve.
  private mutating func nextContact(group: Int, kinds: UInt8 = anyKind, othersIdle: Int) -> (skill: Int, journey: UInt32)? {
    var allowed = kinds
    if reserve[group] >= 0 {
      if let found = bestHead(group: group, kinds: kinds & ~Self.deferredBit) { return take(found) }
      guard othersIdle >= reserve[group] else { return nil }
      allowed = kinds & Self.deferredBit
    }
    return bestHead(group: group, kinds: allowed).map { take($0) }
  }

  /// The head of line the agent-side policy picks for `group` among the types in `kinds`.
  @inline(__always)
  private mutating func bestHead(group: Int, kinds: UInt8) -> (skill: Int, journey: UInt32)? {
    let now = calendar.now
    var best = -1
    var bestPriority = Int32.max
    var bestJoined = SimTime.infinity
    var bestScore = -SimTime.infinity
    var bestJourney: UInt32 = 0
    for i in skillStart[group]..<skillStart[group + 1] {
      let type = Int(skills[i].type)
      guard kinds & skills[i].kind != 0, let head = lines[type].first(), now - head.joined >= skills[i].overflowDelay
      else { continue }
      if relativeWait {
        let score = (now - head.joined) / max(thresholds[type], 1)
        if score > bestScore { (best, bestScore, bestJourney) = (i, score, head.journey) }
      } else {
        // Skills are sorted by preference: once one is chosen only an equally preferred type can win.
        if best >= 0 && skills[i].preference != skills[best].preference { break }
        if (priorities[type], head.joined) < (bestPriority, bestJoined) {
          (best, bestPriority, bestJoined, bestJourney) = (i, priorities[type], head.joined, head.journey)
        }
      }
    }
    return best < 0 ? nil : (best, bestJourney)
  }

  /// Removes the chosen head from its line.
  @inline(__always)
  private mutating func take(_ found: (skill: Int, journey: UInt32)) -> (skill: Int, journey: UInt32) {
    let type = Int(skills[found.skill].type)
    accumulateQueue(type: type)
    lines[type].removeFirst()
    return found
  }

  private mutating func takeIdleAgent(_ skill: Int, journey: UInt32) {
    let g = Int(skills[skill].group)
    accumulateGroup(g)
    groups[g].idle.removeLongestIdle()
    groups[g].busy += 1
    if takesSessions[g] { hand(skill, journey: journey, to: nil) } else { beginService(skill, journey: journey) }
  }

  /// A session contact starts with a busy agent of `agent`'s record, or (`nil`) an idle agent.
  private mutating func startSession(_ skill: Int, journey: UInt32, agent: Int32?) {
    guard let agent else { return takeIdleAgent(skill, journey: journey) }
    accumulateGroup(Int(skills[skill].group))
    hand(skill, journey: journey, to: agent)
  }

  /// In a group that takes sessions, `journey` goes to the busy agent of record `agent`, or (`nil`)
  /// to an agent just counted busy, who gets a record. A session adds one to the agent's load and is
  /// stretched by the factor for that load; a call or deferred item fills the agent.
  private mutating func hand(_ skill: Int, journey: UInt32, to agent: Int32?) {
    let g = Int(skills[skill].group)
    let isSession = kindBit[Int(skills[skill].type)] == Self.sessionBit
    let record: Int32, load: Int32
    if let agent {
      record = agent
      load = groups[g].sessions.load[Int(agent)] + 1
      groups[g].sessions.setLoad(agent, load)
    } else {
      load = isSession ? 1 : groups[g].sessions.limit
      record = groups[g].sessions.open(load: load)
    }
    journeys[Int(journey)].agent = record
    groups[g].inHand += 1
    beginService(skill, journey: journey, stretch: isSession ? stretch[g][Int(load) - 1] : 1)
  }

  // MARK: Service

  /// An agent of the skill's group (already counted busy, the group's integrals accumulated to now)
  /// starts on `journey`; `stretch` multiplies a session's handle time.
  private mutating func beginService(_ skill: Int, journey: UInt32, stretch: Double = 1) {
    let now = calendar.now
    let contact = journeys[Int(journey)]
    let type = Int(contact.type)
    let handle = contact.handle * skills[skill].handleTimeFactor * stretch
    let wait = now - contact.joined
    cells[Int(contact.cell)].recordAnswer(wait: wait, handle: handle, inTime: wait <= thresholds[type])
    if contact.isCallback {
      cells[Int(contact.cell)].callbacksAnswered += 1
      cells[Int(contact.cell)].callbackWaits += wait
    }
    queueLittle[type].answered += 1
    // An opening-backlog item joined before the run: only its wait within the run is in the queue area.
    queueLittle[type].sumOfWaits += now - max(contact.joined, 0)
    let g = Int(skills[skill].group)
    groups[g].handled += 1
    groups[g].handleTime += handle
    calendar.schedule(.serviceEnd(skill: Int32(skill), journey: journey), at: now + handle)
  }

  private mutating func finishService(skill: Int, journey: UInt32) {
    let g = Int(skills[skill].group)
    let resolution = skills[skill].resolution
    accumulateGroup(g)
    // The agent is free: off duty if the group has more agents on duty than planned, else it takes
    // the next eligible contact or becomes idle.
    if takesSessions[g] {
      release(skill: skill, journey: journey)
    } else if groups[g].onDuty > groups[g].headcount {
      groups[g].busy -= 1
    } else if let (skill, next) = nextContact(group: g, othersIdle: groups[g].idle.count) {
      beginService(skill, journey: next)
    } else {
      groups[g].busy -= 1
      groups[g].idle.append(since: calendar.now)
    }
    settle(journey, resolution: resolution)
  }

  /// In a group that takes sessions, the agent serving `journey` finishes it. With nothing left in
  /// hand it goes if it is winding down, or in the place of one that is; otherwise it is free as in
  /// `finishService`. Still holding sessions, it takes waiting sessions while it has room, unless it
  /// is winding down.
  private mutating func release(skill: Int, journey: UInt32) {
    let g = Int(skills[skill].group)
    let agent = journeys[Int(journey)].agent
    groups[g].inHand -= 1
    let held = groups[g].sessions.load[Int(agent)]
    let left = kindBit[Int(skills[skill].type)] == Self.sessionBit ? held - 1 : 0
    let leaving = groups[g].sessions.isLeaving(agent)
    if left > 0 {
      groups[g].sessions.setLoad(agent, left)
      if !leaving { fillSessions(group: g, agent: agent) }
      return
    }
    groups[g].sessions.close(agent)
    if leaving {
      groups[g].busy -= 1
    } else if !groups[g].sessions.leaving.isEmpty {
      // The group is above plan: the first agent to empty its hands goes, and one winding down
      // stays in its place (with concurrency 1, exactly the rule for calls).
      groups[g].busy -= 1
      if let kept = groups[g].sessions.keepOne() { fillSessions(group: g, agent: kept) }
    } else if let (skill, next) = nextContact(group: g, othersIdle: groups[g].idle.count) {
      hand(skill, journey: next, to: nil)
      fillSessions(group: g, agent: journeys[Int(next)].agent)
    } else {
      groups[g].busy -= 1
      groups[g].idle.append(since: calendar.now)
    }
  }

  /// A busy agent with room takes waiting sessions until it is full or none is eligible (a session
  /// waits only when no agent has room, so the agent that frees up takes them all).
  private mutating func fillSessions(group g: Int, agent: Int32) {
    while groups[g].sessions.load[Int(agent)] < groups[g].sessions.limit,
      let (skill, next) = nextContact(group: g, kinds: Self.sessionBit, othersIdle: groups[g].idle.count) {
      hand(skill, journey: next, to: agent)
    }
  }

  /// After service: resolved, escalated to another queue, or left unresolved.
  private mutating func settle(_ journey: UInt32, resolution: Double) {
    let now = calendar.now
    let contact = journeys[Int(journey)]
    let first: Double = contact.served == 0 ? 1 : 0
    cells[Int(contact.originCell)].firstContacts += first
    if resolution >= 1 || sources[Int(contact.type)]._withUnsafeGuaranteedRef({ $0.outcomes.uniform() }) < resolution {
      cells[Int(contact.cell)].resolved += 1
      cells[Int(contact.originCell)].resolvedJourneys += 1
      cells[Int(contact.originCell)].journeyTime += now - contact.origin
      cells[Int(contact.originCell)].firstContactsResolved += first
      releaseJourney(journey)
      return
    }
    journeys[Int(journey)].served += 1
    let source = sources[Int(contact.type)].takeUnretainedValue()
    let draw = source.escalationBounds.isEmpty ? 1 : source.outcomes.uniform()
    guard let route = source.escalationBounds.firstIndex(where: { draw < $0 }) else {
      cells[Int(contact.cell)].unresolved += 1
      if let repeats = source.repeats, repeats.probability > 0, source.outcomes.uniform() < repeats.probability {
        scheduleComeBack(journey, as: repeats.type, delay: repeats.delay, stream: source, isRepeat: true,
                         countedIn: Int(contact.cell))
      } else {
        releaseJourney(journey)
      }
      return
    }
    cells[Int(contact.cell)].escalated += 1
    journeys[Int(journey)].type = source.escalationTargets[route]
    if let transfer = source.transferTimes[route] {
      calendar.schedule(.transfer(journey: journey), at: now + source.outcomes.sample(transfer))
    } else {
      joinAfterTransfer(journey)
    }
  }

  /// An escalated contact joins its new type's queue, with that type's handle time and patience.
  private mutating func joinAfterTransfer(_ journey: UInt32) {
    let (cell, patience) = rejoin(journey)
    cells[cell].transferredIn += 1
    join(journey, patience: patience)
  }

  /// A contact arriving again (escalated, retrying or repeating) draws a handle time and patience
  /// for its current type now, and is counted in the current interval: its cell, and its patience.
  private mutating func rejoin(_ journey: UInt32) -> (cell: Int, patience: SimTime?) {
    let type = Int(journeys[Int(journey)].type)
    let (handle, patience) = sources[type]._withUnsafeGuaranteedRef { $0.attributes() }
    let cell = type * bucketCount + bucket
    journeys[Int(journey)].cell = Int32(cell)
    journeys[Int(journey)].joined = calendar.now
    journeys[Int(journey)].handle = handle
    journeys[Int(journey)].isCallback = false
    return (cell, patience)
  }

  private mutating func abandon(type: Int, ticket: UInt32) {
    guard let waiting = lines[type].waitingContact(ticket) else { return }   // answered meanwhile
    accumulateQueue(type: type)
    lines[type].remove(ticket)
    let contact = journeys[Int(waiting.journey)]
    let wait = calendar.now - contact.joined
    cells[Int(contact.cell)].recordAbandon(wait: wait, inTime: wait <= thresholds[type])
    queueLittle[type].abandoned += 1
    queueLittle[type].sumOfWaits += wait
    let source = sources[type].takeUnretainedValue()
    if let retrial = source.retrial, retrial.probability > 0, source.outcomes.uniform() < retrial.probability {
      scheduleComeBack(waiting.journey, as: Int32(type), delay: retrial.delay, stream: source, isRepeat: false,
                       countedIn: Int(contact.cell))
    } else {
      releaseJourney(waiting.journey)
    }
  }

  private mutating func overflow(type: Int, ticket: UInt32) {
    guard let waiting = lines[type].waitingContact(ticket) else { return }
    let waited = calendar.now - waiting.joined
    if kindBit[type] == Self.sessionBit {
      guard let (skill, agent) = sessionServer(type: type, waited: waited) else { return }
      accumulateQueue(type: type)
      lines[type].remove(ticket)
      startSession(skill, journey: waiting.journey, agent: agent)
    } else {
      guard let server = idleServer(type: type, waited: waited) else { return }
      accumulateQueue(type: type)
      lines[type].remove(ticket)
      takeIdleAgent(server, journey: waiting.journey)
    }
  }

  /// Deferred work still waiting at close (or arriving after it) is carried over to the next day:
  /// counted where it arrived, and out of this run.
  private mutating func carryOver(_ journey: UInt32, type: Int) {
    let contact = journeys[Int(journey)]
    cells[Int(contact.cell)].carriedOver += 1
    cells[Int(contact.cell)].carriedOverdue += calendar.now - contact.joined > thresholds[type] ? 1 : 0
    queueLittle[type].unserved += 1
    queueLittle[type].sumOfWaits += calendar.now - max(contact.joined, 0)
    releaseJourney(journey)
  }

  // MARK: Journeys

  private mutating func newJourney(_ journey: Journey) -> UInt32 {
    if let id = freeJourneys.popLast() {
      journeys[Int(id)] = journey
      return id
    }
    journeys.append(journey)
    return UInt32(journeys.count - 1)
  }

  private mutating func releaseJourney(_ id: UInt32) { freeJourneys.append(id) }

  // MARK: Time

  private mutating func startBucket(_ k: Int) {
    for type in 0..<typeCount { flushQueue(type: type) }
    for g in 0..<groupCount { flushGroup(g) }
    if bucket >= 1 {
      for t in deferredTypes {
        let backlog = lines[t].backlog(at: calendar.now, threshold: thresholds[t])
        cells[t * bucketCount + bucket].recordBacklog(backlog)
      }
    }
    bucket = k
    if k == bucketCount - 1 {
      closed = true     // the last interval's agents stay until every contact is finished
      for t in deferredTypes {
        while let waiting = lines[t].popFirst() { carryOver(waiting.journey, type: t) }
      }
      return
    }
    for g in 0..<groupCount where staffingSteps[g].isEmpty {
      let target = headcounts[g][k - 1]
      setStaffing(group: g, available: target, inShift: target, paid: Double(target) * grossUp[g])
    }
    for g in 0..<groupCount { serveWaiting(group: g) }
  }

  /// A shift or break of a shift-staffed group starts or ends.
  private mutating func changeStaffing(group g: Int, step i: Int) {
    let step = staffingSteps[g][i]
    accumulateGroup(g)
    setStaffing(group: g, available: step.available, inShift: step.inShift, paid: Double(step.paid))
    serveWaiting(group: g)
  }

  /// Sets a group's staffing (its integrals accumulated up to now). Newcomers start idle; surplus
  /// idle agents leave now (the ones idle the shortest time), busy ones when they finish. In a group
  /// that takes sessions as many busy agents as must go are marked now (the least loaded) and wind
  /// down; the first agents to empty their hands go, marked or not (an unmarked one releases a
  /// marked one); if the headcount rises again before they are gone, they stay.
  private mutating func setStaffing(group g: Int, available: Int, inShift: Int, paid: Double) {
    let now = calendar.now
    groups[g].headcount = available
    groups[g].inShift = inShift
    groups[g].scheduled = paid
    let leaving = groups[g].sessions.leaving.count
    var staying = groups[g].onDuty - leaving
    if staying < available && leaving > 0 {
      for _ in 0..<min(available - staying, leaving) { groups[g].sessions.keepOne() }
      staying = groups[g].onDuty - groups[g].sessions.leaving.count
    }
    while staying < available {
      groups[g].idle.append(since: now)
      staying += 1
    }
    while staying > available && groups[g].idle.count > 0 {
      groups[g].idle.removeMostRecent()
      staying -= 1
    }
    if staying > available && takesSessions[g] { groups[g].sessions.sendHome(staying - available) }
  }

  /// The group's idle agents take waiting contacts while there are eligible ones; then, in a group
  /// that takes sessions, its least-loaded busy agents take waiting sessions while they have room.
  private mutating func serveWaiting(group g: Int) {
    while groups[g].idle.count > 0, let (skill, next) = nextContact(group: g, othersIdle: groups[g].idle.count - 1) {
      takeIdleAgent(skill, journey: next)
    }
    guard takesSessions[g] else { return }
    while let (agent, _) = groups[g].sessions.leastLoaded,
      let (skill, next) = nextContact(group: g, kinds: Self.sessionBit, othersIdle: groups[g].idle.count) {
      accumulateGroup(g)
      hand(skill, journey: next, to: agent)
    }
  }

  private mutating func accumulateQueue(type: Int) {
    let now = calendar.now
    queueArea[type] += Double(lines[type].waiting) * (now - queueChanged[type])
    queueChanged[type] = now
  }

  private mutating func accumulateGroup(_ g: Int) {
    groups[g].accumulate(until: calendar.now, closed: closed)
  }

  /// Moves the type's queue area into the current bucket.
  private mutating func flushQueue(type: Int) {
    accumulateQueue(type: type)
    cells[type * bucketCount + bucket].queueTime += queueArea[type]
    queueLittle[type].queueArea += queueArea[type]
    queueArea[type] = 0
  }

  /// Moves the group's running integrals into the current bucket.
  private mutating func flushGroup(_ g: Int) {
    accumulateGroup(g)
    let cell = g * bucketCount + bucket
    groupCells[cell].busyTime += groups[g].busyArea
    groupCells[cell].staffedTime += groups[g].staffedArea
    groupCells[cell].overtimeTime += groups[g].overtimeArea
    groupCells[cell].scheduledTime += groups[g].scheduledArea
    groupCells[cell].handled += groups[g].handled
    groupCells[cell].handleTime += groups[g].handleTime
    // Without sessions an agent has one contact in hand while busy (`inHand` is kept for sessions only).
    groupCells[cell].inHandTime += takesSessions[g] ? groups[g].inHandArea : groups[g].busyArea
    // Little's law for agents: ∫ contacts in hand dt = Σ handle times (busy agents, without sessions).
    groupLittle[g].busyArea += takesSessions[g] ? groups[g].inHandArea : groups[g].busyArea
    groupLittle[g].sumOfHandleTimes += groups[g].handleTime
    groups[g].busyArea = 0
    groups[g].staffedArea = 0
    groups[g].overtimeArea = 0
    groups[g].scheduledArea = 0
    groups[g].inHandArea = 0
    groups[g].handled = 0
    groups[g].handleTime = 0
  }

  /// Contacts still waiting when nothing more can happen (no agent left, no patience) are unserved.
  private mutating func finish() {
    let now = calendar.now
    for type in 0..<typeCount {
      flushQueue(type: type)
      while let waiting = lines[type].popFirst() {
        let contact = journeys[Int(waiting.journey)]
        cells[Int(contact.cell)].unserved += 1
        queueLittle[type].unserved += 1
        queueLittle[type].sumOfWaits += now - contact.joined
      }
    }
    for g in 0..<groupCount { flushGroup(g) }
  }

  // MARK: Results

  private func result(events: UInt64) -> ReplicationResult {
    let n = scenario.intervalCount
    let types = scenario.contactTypes
    // Day totals: the planning intervals, plus the overtime after close in a day study.
    let dayBuckets = scenario.study == .day ? Array(1...(n + 1)) : Array(1...n)
    // Agent time belongs to a type only when every group serving it serves nothing else.
    let dedicated: [[Int]?] = types.indices.map { t in
      let groups = servers[serverStart[t]..<serverStart[t + 1]].map { Int($0.group) }
      return groups.allSatisfy { skillStart[$0 + 1] - skillStart[$0] == 1 } ? groups : nil
    }
    let agentGroups = scenario.agentGroups
    var groupCells = groupCells
    for g in 0..<groupCount {
      for k in 0..<bucketCount {
        groupCells[g * bucketCount + k].price(agentGroups[g], overtimeFactor: scenario.costs.overtimeFactor)
      }
    }
    func typeCell(_ t: Int, _ k: Int) -> CellCounters {
      var cell = cells[t * bucketCount + k]
      cell.hasDeferred = types[t].handling == .deferred
      var prices = types[t].contactCosts
      if types[t].handling != .call { prices.telephonyPerMinute = 0 }    // only callers are on the line
      cell.contactCost = cell.contactCost(at: prices)
      if let groups = dedicated[t] {
        for g in groups {
          cell.busyTime += groupCells[g * bucketCount + k].busyTime
          cell.staffedTime += groupCells[g * bucketCount + k].staffedTime
          cell.staffCost += groupCells[g * bucketCount + k].cost
        }
      } else {
        cell.agentTimeKnown = false
      }
      return cell
    }
    var centre = CellCounters()
    var byPriority: [Int: CellCounters] = [:]
    var byChannel: [Channel: CellCounters] = [:]
    var intervals: [[[Double?]]] = []
    var typeValues: [[Double?]] = []
    for (t, type) in types.enumerated() {
      let definition = type.serviceLevel.definition
      intervals.append((1...n).map { typeCell(t, $0).values(serviceLevel: definition) })
      var day = CellCounters()
      for k in dayBuckets { day.add(typeCell(t, k)) }
      day.keepBacklog(of: typeCell(t, n))     // the day's backlog is the one at close
      typeValues.append(day.values(serviceLevel: definition))
      day.agentTimeKnown = true
      day.busyTime = 0
      day.staffedTime = 0
      day.staffCost = 0
      centre.add(day)
      byPriority[type.priority, default: CellCounters()].add(day)
      byChannel[type.channel, default: CellCounters()].add(day)
    }
    var groupValues: [[Double?]] = []
    var groupIntervals: [[[Double?]]] = []
    for g in 0..<groupCount {
      var day = GroupCounters()
      for k in dayBuckets { day.add(groupCells[g * bucketCount + k]) }
      groupValues.append(day.values)
      groupIntervals.append((1...n).map { groupCells[g * bucketCount + $0].values })
      centre.busyTime += day.busyTime
      centre.staffedTime += day.staffedTime
      centre.staffCost += day.cost
    }
    func commonDefinition(_ selected: [ContactType]) -> ServiceLevelDefinition {
      let definitions = Set(selected.map(\.serviceLevel.definition))
      return definitions.count == 1 ? definitions.first! : .offered
    }
    let classes = byPriority.keys.sorted()
    let priorityValues = classes.map { p -> [Double?] in
      var cell = byPriority[p]!
      cell.agentTimeKnown = false
      return cell.values(serviceLevel: commonDefinition(types.filter { $0.priority == p }))
    }
    let channels = Channel.allCases.filter { byChannel[$0] != nil }
    let channelValues = channels.map { c -> [Double?] in
      var cell = byChannel[c]!
      cell.agentTimeKnown = false
      return cell.values(serviceLevel: commonDefinition(types.filter { $0.channel == c }))
    }
    var little = LittleCheck()
    for check in queueLittle + groupLittle { little.add(check) }
    return ReplicationResult(
      intervals: intervals, types: typeValues, totals: centre.values(serviceLevel: commonDefinition(types)),
      priorities: priorityValues, priorityClasses: classes, channels: channelValues, channelNames: channels,
      groups: groupValues, groupIntervals: groupIntervals,
      little: little, queues: queueLittle, agentGroups: groupLittle, busyness: busyness, events: events)
  }
}
