import SimKernel
import Stochastic

/// One replication of a scenario: a discrete-event simulation of every queue and agent group.
///
/// Agents within a group are interchangeable, so a group is a headcount, a number busy and the
/// times its idle agents became idle (for longest-idle routing). Each type has one first-come-
/// first-served line; which agent takes a contact and which contact a free agent takes follow the
/// scenario's ``RoutingPolicy`` (the ``RoutingTable``). A contact draws its handle time and
/// patience from its type's own streams when it arrives (or joins a queue by escalation), so two
/// staffing plans of a scenario see the same customers (common random numbers).
///
/// This file holds the state, the run loop and a contact's life (enter, join, abandon, overflow,
/// settle, come back); `Simulation+Service.swift` the agents' side (service start and finish,
/// sessions); `Simulation+Intervals.swift` interval boundaries and staffing steps;
/// `Simulation+Blocking.swift` trunk lines and queue capacities; and
/// `ReplicationResult+Assembly.swift` turns the counters into a result.
struct Simulation {
  let scenario: Scenario
  let seed: UInt64
  let replication: Int
  let typeCount: Int
  let groupCount: Int
  /// Warm-up, n intervals, after close.
  let bucketCount: Int
  var calendar = EventQueue<CenterEvent>(minimumCapacity: 1024)
  var arrivals: ArrivalSchedule

  /// Each type's source, kept alive by `sourceOwners`. Unmanaged so that the inner loop reaches a
  /// type's streams without a reference-count increment and decrement per draw (which `perf`
  /// showed as a tenth of the run).
  let sources: ContiguousArray<Unmanaged<ContactSource>>
  let sourceOwners: [ContactSource]
  let routing: RoutingTable
  let headcounts: [[Int]]
  /// Per group: `1 / (1 − shrinkage)`, and for a shift-staffed group its staffing steps (with the
  /// available agents drawn for this replication); empty for a headcount-staffed group.
  let grossUp: [Double]
  let staffingSteps: [[StaffingChange]]
  /// The day's busyness factor (a gamma draw with mean 1 when the scenario has `busynessCV`).
  let busyness: Double
  /// Each type's handle-time factor by bucket (`handleTimeByInterval`; all 1 without one).
  let handleTimeFactors: HandleTimeFactors

  var lines: [WaitingLine]
  /// The slots of all the lines together, kept at most ``CentreOverload/maximumWaiting``.
  var lineSlots: Int
  /// Set when the centre overloads; the run then stops (``stop(_:type:)``).
  var overload: CentreOverload?
  var groups: [GroupState]
  /// Whether a contact can be blocked (``Scenario/canBlock``); only then are `trunk` and
  /// `queueCapacities` (per type, `Int.max` when unlimited) consulted.
  let blocks: Bool
  /// Whether some type escalates: only then is each wait added to the journey's earlier waits
  /// (for `escalated_total_wait_s`).
  let escalates: Bool
  var trunk: TrunkLines
  let queueCapacities: [Int]
  var journeys = JourneySlab()
  var bucket = 0
  var closed = false
  var counters: CentreCounters
  /// The contacts of the replication, kept only when the caller asked for them (`nil` otherwise:
  /// each hook is then one branch).
  var log: ContactLog?

  /// A replication of `scenario` whose routing table `routing` was built from it (once per
  /// experiment); its streams are keyed by (`seed`, `replication`). With `logsContacts` it keeps a
  /// ``ContactRecord`` of every contact its summary counts (``log``).
  init(scenario: Scenario, routing: RoutingTable, seed: UInt64, replication: Int, logsContacts: Bool = false) {
    self.scenario = scenario
    self.seed = seed
    self.replication = replication
    self.routing = routing
    let types = scenario.contactTypes
    let agentGroups = scenario.agentGroups
    typeCount = types.count
    groupCount = agentGroups.count
    bucketCount = scenario.intervalCount + 2
    sourceOwners = types.indices.map { ContactSource(types[$0], index: $0, seed: seed, replication: replication) }
    sources = ContiguousArray(sourceOwners.map { Unmanaged.passUnretained($0) })
    handleTimeFactors = HandleTimeFactors(scenario, bucketCount: bucketCount)
    headcounts = agentGroups.map(\.agents)
    let grossUp = agentGroups.map { 1 / (1 - $0.shrinkage) }
    self.grossUp = grossUp
    staffingSteps = agentGroups.indices.map { g in
      Self.staffingChanges(of: agentGroups[g], stream: StreamKey(master: seed, replication: replication, purpose: .staffing, index: g))
    }
    if let cv = scenario.busynessCV {
      let stream = RandomStream(key: StreamKey(master: seed, replication: replication, purpose: .busyness, index: 0))
      busyness = stream.sample(Sampler(.gamma(mean: 1, cv: cv)))
    } else {
      busyness = 1
    }
    arrivals = ArrivalSchedule(scenario: scenario, busyness: busyness)
    lines = Array(repeating: WaitingLine(), count: typeCount)
    lineSlots = typeCount * WaitingLine.initialCapacity
    // A shift-staffed group starts empty: its first staffing step, at the opening, brings its agents.
    groups = agentGroups.indices.map { g in
      let first = agentGroups[g].shifts.isEmpty ? agentGroups[g].agents[0] : 0
      return GroupState(headcount: first, inShift: first, scheduled: Double(first) * grossUp[g],
                        concurrency: agentGroups[g].concurrency.limit)
    }
    counters = CentreCounters(typeCount: typeCount, groupCount: groupCount, bucketCount: bucketCount)
    blocks = scenario.canBlock
    escalates = scenario.canEscalate
    trunk = TrunkLines(scenario)
    queueCapacities = types.map { $0.queueCapacity ?? .max }
    if logsContacts {
      log = ContactLog(replication: replication, bucketCount: bucketCount, countsAfterClose: scenario.study == .day)
    }
  }

  /// Runs the replication to the end and returns its results.
  /// - Throws: ``CentreOverload`` when the waiting lines or the contacts in the centre pass their
  ///   limits; the run stops there.
  mutating func run() throws(CentreOverload) -> ReplicationResult {
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
        calendar.schedule(.staffing(group: GroupID(g), step: Int32(i)), at: scenario.measurementStart + step.time)
      }
    }
    if scenario.measurementStart == 0 { bucket = 1 }
    enterOpeningBacklog()
    for t in 0..<typeCount where overload == nil {
      let type = ContactTypeID(t)
      arrivals.scheduleNext(type, after: 0, unitDraw: sources[t]._withUnsafeGuaranteedRef { $0.unitExponential() })
    }

    var events: UInt64 = 0
    while true {
      let arrivalTime = arrivals.nextTime() ?? .infinity
      guard let time = calendar.peekTime(), time <= arrivalTime else {
        guard let arrival = arrivals.popNext() else { break }
        events += 1
        calendar.advance(to: arrival.time)
        arrive(arrival.type, countedIn: arrival.bucket)
        continue
      }
      let next = calendar.popNext()!
      events += 1
      switch next.event {
      case .serviceEnd(let skill, let journey): finishService(skill: skill, journey: journey)
      case .abandon(let type, let ticket): abandon(type: type, ticket: ticket)
      case .overflow(let type, let ticket): overflow(type: type, ticket: ticket)
      case .transfer(let journey): joinAfterTransfer(journey)
      case .comeBack(let journey, let isRepeat): comeBack(journey, isRepeat: isRepeat)
      case .boundary(let k): startBucket(Int(k))
      case .staffing(let g, let step): changeStaffing(group: g, step: Int(step))
      }
    }
    if let overload { throw overload }
    finish()
    return ReplicationResult(
      assembling: counters, routing: routing, scenario: scenario, busyness: busyness, events: events)
  }

  // MARK: A contact's life

  /// A contact of `type` arrives from outside, counted in `arrivalBucket`; the type's next arrival
  /// is scheduled first.
  private mutating func arrive(_ type: ContactTypeID, countedIn arrivalBucket: Int) {
    let now = calendar.now
    let source = sources[type.index]
    arrivals.scheduleNext(type, after: now, unitDraw: source._withUnsafeGuaranteedRef { $0.unitExponential() })
    let (handle, patience) = source._withUnsafeGuaranteedRef { $0.attributes() }
    let cell = Int32(counters.cell(type, bucket: arrivalBucket))
    guard let journey = journeys.allocate(Journey(
      type: type, cell: cell, originCell: cell, origin: now, joined: now, handle: handle))
    else { return stop(.inCentre, type: type) }
    log?.arrive(journey, type: type, at: now, cell: cell)
    enter(journey, patience: patience)
  }

  /// Deferred work waiting at the opening joins its queue, oldest first, as if it had joined its age
  /// ago (so its wait, and its service level, count from then); counted in the first interval.
  private mutating func enterOpeningBacklog() {
    for type in routing.deferredTypes {
      guard let backlog = scenario.contactTypes[type.index].openingBacklog else { continue }
      let key = StreamKey(master: seed, replication: replication, purpose: .backlog, index: type.index)
      let cell = counters.cell(type, bucket: bucket)
      for item in sourceOwners[type.index].openingBacklog(backlog, key: key) {
        guard let journey = journeys.allocate(Journey(
          type: type, cell: Int32(cell), originCell: Int32(cell), origin: -item.age, joined: -item.age, handle: item.handle))
        else { return stop(.inCentre, type: type) }
        log?.arrive(journey, type: type, at: -item.age, cell: Int32(cell))
        counters.cells[cell].carriedIn += 1
        let queued = counters.cells[cell].queued
        join(journey, patience: nil)
        // It waited before the opening, even if an agent takes it at once.
        if counters.cells[cell].queued == queued && item.age > 0 { counters.cells[cell].queued += 1 }
      }
    }
  }

  /// A customer's contact (new, retrial or repeat) enters: a call takes a line (blocked when every
  /// line is held), self-service contains a share of them, the rest join the queue.
  private mutating func enter(_ journey: JourneyID, patience: SimTime?) {
    if blocks && !takeLine(journey) {
      let cell = Int(journeys[journey].cell)
      counters.cells[cell].offered += 1
      return block(journey, cell: cell)
    }
    let source = sources[journeys[journey].type.index]
    let containment = source._withUnsafeGuaranteedRef { $0.containment }
    if containment > 0 && source._withUnsafeGuaranteedRef({ $0.outcomes.uniform() }) < containment {
      let cell = Int(journeys[journey].cell)
      counters.cells[cell].offered += 1
      counters.cells[cell].contained += 1
      log?.leave(journey, at: calendar.now, .contained)
      if blocks { releaseLine(journey) }
      journeys.release(journey)
      return
    }
    join(journey, patience: patience)
  }

  /// The contact `journey` joins its type's queue now: an idle eligible agent takes it at once, or
  /// it waits (and may abandon or overflow).
  mutating func join(_ journey: JourneyID, patience: SimTime?) {
    let now = calendar.now
    let type = journeys[journey].type
    let cell = Int(journeys[journey].cell)
    counters.cells[cell].offered += 1
    counters.queueLittle[type.index].arrivals += 1
    log?.join(journey, joined: journeys[journey].joined)
    let kind = routing.kindBit[type.index]
    if kind == RoutingTable.callBit {
      if let server = routing.idleServer(type: type, waited: 0, groups: groups) {
        takeIdleAgent(server, journey: journey)
        return
      }
    } else if kind == RoutingTable.sessionBit {
      if let (skill, agent) = routing.sessionServer(type: type, waited: 0, groups: groups) {
        startSession(skill, journey: journey, agent: agent)
        return
      }
    } else if closed {
      // Deferred work arriving after close (an escalation) waits for tomorrow.
      counters.cells[cell].queued += 1
      carryOver(journey)
      return
    } else if let server = routing.idleServer(type: type, waited: 0, groups: groups) {
      takeIdleAgent(server, journey: journey)
      return
    }
    if blocks && queueIsFull(type) {
      counters.queueLittle[type.index].arrivals -= 1   // it never joins the queue
      return block(journey, cell: cell)
    }
    accumulateQueue(type)
    counters.cells[cell].queued += 1
    var patience = patience
    if routing.offersCallback[type.index] && takesCallback(type) {
      patience = nil
      counters.cells[cell].callbacks += 1
      journeys[journey].isCallback = true
      if blocks { releaseLine(journey) }   // the caller hangs up; the agent calls back
    }
    if lines[type.index].isFull {
      // The line doubles: only while all the lines together stay within the limit.
      guard lineSlots + lines[type.index].capacity <= CentreOverload.maximumWaiting else {
        journeys.release(journey)
        return stop(.waiting, type: type)
      }
      lineSlots += lines[type.index].capacity
    }
    // The journey's join time: now, or before the run for an opening-backlog item.
    let ticket = lines[type.index].append(WaitingContact(joined: journeys[journey].joined, journey: journey, hasLeft: false))
    if let patience {
      calendar.schedule(.abandon(type: type, ticket: ticket), at: now + patience)
    }
    for delay in routing.overflowDelays(of: type) where patience.map({ delay < $0 }) ?? true {
      calendar.schedule(.overflow(type: type, ticket: ticket), at: now + delay)
    }
  }

  /// Whether a caller who must queue for `type` takes a callback: offered when the expected wait
  /// — (contacts waiting + 1) × the type's mean handle time (the current interval's) ÷ the agents
  /// on duty in the groups that serve it — exceeds the threshold, and taken with the offer's share
  /// (drawn on `outcome`).
  private mutating func takesCallback(_ type: ContactTypeID) -> Bool {
    let source = sources[type.index].takeUnretainedValue()
    guard let offer = source.callback else { return false }
    var agents = 0
    for server in routing.servers(of: type) { agents += groups[server.group.index].onDuty }
    let meanHandleTime = source.meanHandleTime * handleTimeFactors[type, bucket: bucket]
    let expectedWait = Double(lines[type.index].waiting + 1) * meanHandleTime / Double(max(agents, 1))
    return expectedWait > offer.threshold && source.outcomes.uniform() < offer.share
  }

  /// A waiting contact's patience runs out (unless it was answered first): it abandons, and may
  /// try again later.
  private mutating func abandon(type: ContactTypeID, ticket: UInt32) {
    guard let waiting = lines[type.index].waitingContact(ticket) else { return }   // answered meanwhile
    accumulateQueue(type)
    lines[type.index].remove(ticket)
    let contact = journeys[waiting.journey]
    let wait = calendar.now - contact.joined
    counters.cells[Int(contact.cell)].recordAbandon(wait: wait, inTime: wait <= routing.thresholds[type.index])
    counters.queueLittle[type.index].abandoned += 1
    counters.queueLittle[type.index].sumOfWaits += wait
    log?.abandon(waiting.journey, at: calendar.now, wait: wait)
    if blocks { releaseLine(waiting.journey) }
    let source = sources[type.index].takeUnretainedValue()
    if let retrial = source.retrial, retrial.probability > 0, source.outcomes.uniform() < retrial.probability {
      scheduleComeBack(waiting.journey, as: type, delay: retrial.delay, stream: source, isRepeat: false,
                       countedIn: Int(contact.cell))
    } else {
      journeys.release(waiting.journey)
    }
  }

  /// A waiting contact becomes eligible for an overflow group (unless it has left the line): an
  /// idle agent of a group it may now reach takes it.
  private mutating func overflow(type: ContactTypeID, ticket: UInt32) {
    guard let waiting = lines[type.index].waitingContact(ticket) else { return }
    let waited = calendar.now - waiting.joined
    if routing.kindBit[type.index] == RoutingTable.sessionBit {
      guard let (skill, agent) = routing.sessionServer(type: type, waited: waited, groups: groups) else { return }
      accumulateQueue(type)
      lines[type.index].remove(ticket)
      startSession(skill, journey: waiting.journey, agent: agent)
    } else {
      guard let server = routing.idleServer(type: type, waited: waited, groups: groups) else { return }
      accumulateQueue(type)
      lines[type.index].remove(ticket)
      takeIdleAgent(server, journey: waiting.journey)
    }
  }

  /// After service: resolved, escalated to another queue, or left unresolved.
  mutating func settle(_ journey: JourneyID, resolution: Double) {
    let now = calendar.now
    let heldLine = blocks && releaseLine(journey)
    let contact = journeys[journey]
    let first: Double = contact.served == 0 ? 1 : 0
    let (cell, origin) = (Int(contact.cell), Int(contact.originCell))
    counters.cells[origin].firstContacts += first
    let source = sources[contact.type.index]
    if resolution >= 1 || source._withUnsafeGuaranteedRef({ $0.outcomes.uniform() }) < resolution {
      counters.cells[cell].resolved += 1
      counters.cells[origin].resolvedJourneys += 1
      counters.cells[origin].journeyTime += now - contact.origin
      counters.cells[origin].firstContactsResolved += first
      log?.serve(journey, at: now, .resolved)
      journeys.release(journey)
      return
    }
    journeys[journey].served += 1
    let outcome = source.takeUnretainedValue()
    let draw = outcome.escalationBounds.isEmpty ? 1 : outcome.outcomes.uniform()
    guard let route = outcome.escalationBounds.firstIndex(where: { draw < $0 }) else {
      counters.cells[cell].unresolved += 1
      log?.serve(journey, at: now, .unresolved)
      if let repeats = outcome.repeats, repeats.probability > 0, outcome.outcomes.uniform() < repeats.probability {
        scheduleComeBack(journey, as: repeats.type, delay: repeats.delay, stream: outcome, isRepeat: true, countedIn: cell)
      } else {
        journeys.release(journey)
      }
      return
    }
    counters.cells[cell].escalated += 1
    log?.serve(journey, at: now, .escalated)
    journeys[journey].type = outcome.escalationTargets[route]
    journeys[journey].isEscalated = true
    if heldLine { keepLine(journey) }
    if let transfer = outcome.transferTimes[route] {
      calendar.schedule(.transfer(journey: journey), at: now + outcome.outcomes.sample(transfer))
    } else {
      joinAfterTransfer(journey)
    }
  }

  /// The customer of `journey` comes back after a delay drawn from `delay` (on the stream of the
  /// type it left), as `type`; one that would come after close is counted in `cell` and dropped.
  mutating func scheduleComeBack(
    _ journey: JourneyID, as type: ContactTypeID, delay: Sampler, stream source: ContactSource, isRepeat: Bool,
    countedIn cell: Int
  ) {
    let at = calendar.now + source.outcomes.sample(delay)
    guard at < scenario.close else {
      counters.cells[cell].returnsAfterClose += 1
      journeys.release(journey)
      return
    }
    journeys[journey].type = type
    calendar.schedule(.comeBack(journey: journey, isRepeat: isRepeat), at: at)
  }

  /// A retrial or repeat arrives: fresh handle time and patience for its type, counted in the
  /// current interval.
  private mutating func comeBack(_ journey: JourneyID, isRepeat: Bool) {
    let (cell, patience) = rejoin(journey)
    journeys[journey].isEscalated = false   // a new contact: its waits start again
    if isRepeat { counters.cells[cell].repeats += 1 } else { counters.cells[cell].retrials += 1 }
    if journeys[journey].retriesAfterBlock {
      counters.cells[cell].blockedRetrials += 1
      journeys[journey].retriesAfterBlock = false
    }
    enter(journey, patience: patience)
  }

  /// An escalated contact joins its new type's queue, with that type's handle time and patience.
  private mutating func joinAfterTransfer(_ journey: JourneyID) {
    let (cell, patience) = rejoin(journey)
    counters.cells[cell].transferredIn += 1
    join(journey, patience: patience)
  }

  /// A contact arriving again (escalated, retrying or repeating) draws a handle time and patience
  /// for its current type now, and is counted in the current interval: its cell, and its patience.
  private mutating func rejoin(_ journey: JourneyID) -> (cell: Int, patience: SimTime?) {
    let type = journeys[journey].type
    let (handle, patience) = sources[type.index]._withUnsafeGuaranteedRef { $0.attributes() }
    let cell = counters.cell(type, bucket: bucket)
    journeys[journey].cell = Int32(cell)
    journeys[journey].joined = calendar.now
    journeys[journey].handle = handle
    journeys[journey].isCallback = false
    log?.begin(journey, type: type, at: calendar.now, cell: Int32(cell))
    return (cell, patience)
  }

  /// The centre is overloaded (a contact of `type` was one too many for `limit`): the run stops.
  /// Its calendars and lines are emptied (their memory freed), so the loop finds nothing more to
  /// do and no check is added per event; the first overload is the one reported.
  mutating func stop(_ limit: CentreOverload.Limit, type: ContactTypeID) {
    if overload == nil {
      let now = calendar.now
      let interval = bucket == 0 ? "the warm-up" : bucket == bucketCount - 1 ? "the time after close"
        : "the interval from " + TimeText.clock(scenario.clockStart + bucketStart(bucket) - scenario.measurementStart)
      overload = CentreOverload(
        limit: limit, type: scenario.contactTypes[type.index].id,
        clockTime: scenario.clockStart + now - scenario.measurementStart, interval: interval, replication: replication)
    }
    var empty = EventQueue<CenterEvent>(minimumCapacity: 16)
    empty.advance(to: calendar.now)
    calendar = empty
    arrivals.stop()
    lines = Array(repeating: WaitingLine(), count: typeCount)
    lineSlots = typeCount * WaitingLine.initialCapacity
  }

  /// Deferred work still waiting at close (or arriving after it) is carried over to the next day:
  /// counted where it arrived, and out of this run.
  mutating func carryOver(_ journey: JourneyID) {
    let contact = journeys[journey]
    let type = contact.type.index
    counters.cells[Int(contact.cell)].carriedOver += 1
    counters.cells[Int(contact.cell)].carriedOverdue += calendar.now - contact.joined > routing.thresholds[type] ? 1 : 0
    counters.queueLittle[type].unserved += 1
    counters.queueLittle[type].sumOfWaits += calendar.now - max(contact.joined, 0)
    log?.leave(journey, at: calendar.now, .carriedOver)
    journeys.release(journey)
  }
}
