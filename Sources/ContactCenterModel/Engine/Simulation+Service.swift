import SimKernel

/// The agents' side of the centre: an agent starts on a contact, finishes it, and takes the next
/// one by the agent-side policy; in groups that take sessions, one agent holds several contacts.
extension Simulation {
  /// An idle agent of the skill's group starts on `journey`.
  mutating func takeIdleAgent(_ skill: SkillID, journey: JourneyID) {
    let g = routing[skill].group
    accumulateGroup(g)
    groups[g.index].idle.removeLongestIdle()
    groups[g.index].busy += 1
    if routing.takesSessions[g.index] { hand(skill, journey: journey, to: nil) } else { beginService(skill, journey: journey) }
  }

  /// A session contact starts with a busy agent of `agent`'s record, or (`nil`) an idle agent.
  mutating func startSession(_ skill: SkillID, journey: JourneyID, agent: Int32?) {
    guard let agent else { return takeIdleAgent(skill, journey: journey) }
    accumulateGroup(routing[skill].group)
    hand(skill, journey: journey, to: agent)
  }

  /// In a group that takes sessions, `journey` goes to the busy agent of record `agent`, or (`nil`)
  /// to an agent just counted busy, who gets a record. A session adds one to the agent's load and is
  /// stretched by the factor for that load; a call or deferred item fills the agent.
  private mutating func hand(_ skill: SkillID, journey: JourneyID, to agent: Int32?) {
    let g = routing[skill].group.index
    let isSession = routing.kindBit[routing[skill].type.index] == RoutingTable.sessionBit
    let record: Int32, load: Int32
    if let agent {
      record = agent
      load = groups[g].sessions.load[Int(agent)] + 1
      groups[g].sessions.setLoad(agent, load)
    } else {
      load = isSession ? 1 : groups[g].sessions.limit
      record = groups[g].sessions.open(load: load)
    }
    journeys[journey].agent = record
    groups[g].inHand += 1
    beginService(skill, journey: journey, stretch: isSession ? routing.stretch[g][Int(load) - 1] : 1)
  }

  /// An agent of the skill's group (already counted busy, the group's integrals accumulated to now)
  /// starts on `journey`. Its handle time is the drawn one times the skill's handle-time factor,
  /// `stretch` (a session's) and the type's factor for the interval service starts in.
  private mutating func beginService(_ skill: SkillID, journey: JourneyID, stretch: Double = 1) {
    let now = calendar.now
    let contact = journeys[journey]
    let type = contact.type.index
    let eligibility = routing[skill]
    let handle = contact.handle * eligibility.handleTimeFactor * stretch * handleTimeFactors[contact.type, bucket: bucket]
    let wait = now - contact.joined
    let cell = Int(contact.cell)
    counters.cells[cell].recordAnswer(wait: wait, handle: handle, inTime: wait <= routing.thresholds[type])
    if contact.isCallback {
      counters.cells[cell].callbacksAnswered += 1
      counters.cells[cell].callbackWaits += wait
    }
    if escalates { noteWait(wait, of: journey) }
    counters.queueLittle[type].answered += 1
    // An opening-backlog item joined before the run: only its wait within the run is in the queue area.
    counters.queueLittle[type].sumOfWaits += now - max(contact.joined, 0)
    let g = eligibility.group.index
    log?.answer(journey, at: now, wait: wait, handle: handle, group: g)
    groups[g].handled += 1
    groups[g].handleTime += handle
    calendar.schedule(.serviceEnd(skill: skill, journey: journey), at: now + handle)
  }

  /// In a scenario that escalates: adds the wait just ended to the journey's earlier waits, and for
  /// a contact answered after an escalation counts the total where it first arrived.
  private mutating func noteWait(_ wait: SimTime, of journey: JourneyID) {
    let contact = journeys[journey]
    let total = (contact.isEscalated ? journeys.earlierWaits(journey) : 0) + wait
    if contact.isEscalated { counters.cells[Int(contact.originCell)].recordEscalatedAnswer(totalWait: total) }
    journeys.setEarlierWaits(journey, total)
  }

  /// An agent finishes `journey`. The agent is free: off duty if the group has more agents on duty
  /// than planned, else it takes the next eligible contact or becomes idle. Then the contact settles.
  mutating func finishService(skill: SkillID, journey: JourneyID) {
    let group = routing[skill].group
    let g = group.index
    let resolution = routing[skill].resolution
    accumulateGroup(group)
    if routing.takesSessions[g] {
      release(skill: skill, journey: journey)
    } else if groups[g].onDuty > groups[g].headcount {
      groups[g].busy -= 1
    } else if let (skill, next) = nextContact(group: group, othersIdle: groups[g].idle.count) {
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
  private mutating func release(skill: SkillID, journey: JourneyID) {
    let group = routing[skill].group
    let g = group.index
    let agent = journeys[journey].agent
    groups[g].inHand -= 1
    let held = groups[g].sessions.load[Int(agent)]
    let left = routing.kindBit[routing[skill].type.index] == RoutingTable.sessionBit ? held - 1 : 0
    let leaving = groups[g].sessions.isLeaving(agent)
    if left > 0 {
      groups[g].sessions.setLoad(agent, left)
      if !leaving { fillSessions(group: group, agent: agent) }
      return
    }
    groups[g].sessions.close(agent)
    if leaving {
      groups[g].busy -= 1
    } else if !groups[g].sessions.leaving.isEmpty {
      // The group is above plan: the first agent to empty its hands goes, and one winding down
      // stays in its place (with concurrency 1, exactly the rule for calls).
      groups[g].busy -= 1
      if let kept = groups[g].sessions.keepOne() { fillSessions(group: group, agent: kept) }
    } else if let (skill, next) = nextContact(group: group, othersIdle: groups[g].idle.count) {
      hand(skill, journey: next, to: nil)
      fillSessions(group: group, agent: journeys[next].agent)
    } else {
      groups[g].busy -= 1
      groups[g].idle.append(since: calendar.now)
    }
  }

  /// A busy agent with room takes waiting sessions until it is full or none is eligible (a session
  /// waits only when no agent has room, so the agent that frees up takes them all).
  private mutating func fillSessions(group: GroupID, agent: Int32) {
    let g = group.index
    while groups[g].sessions.load[Int(agent)] < groups[g].sessions.limit,
      let (skill, next) = nextContact(group: group, kinds: RoutingTable.sessionBit, othersIdle: groups[g].idle.count) {
      hand(skill, journey: next, to: agent)
    }
  }

  /// The group's idle agents take waiting contacts while there are eligible ones; then, in a group
  /// that takes sessions, its least-loaded busy agents take waiting sessions while they have room.
  mutating func serveWaiting(group: GroupID) {
    let g = group.index
    while groups[g].idle.count > 0, let (skill, next) = nextContact(group: group, othersIdle: groups[g].idle.count - 1) {
      takeIdleAgent(skill, journey: next)
    }
    guard routing.takesSessions[g] else { return }
    while let (agent, _) = groups[g].sessions.leastLoaded,
      let (skill, next) = nextContact(group: group, kinds: RoutingTable.sessionBit, othersIdle: groups[g].idle.count) {
      accumulateGroup(group)
      hand(skill, journey: next, to: agent)
    }
  }

  /// The waiting contact a free agent of `group` takes, by the agent-side policy, with the skill it
  /// is taken under, removed from its line; `nil` when none is eligible. `kinds` masks the handlings
  /// the agent may take (an agent holding sessions takes only sessions). A blending group takes
  /// deferred work only when no other contact is eligible and `othersIdle` (its idle agents besides
  /// this one) is at least its reserve.
  private mutating func nextContact(
    group: GroupID, kinds: UInt8 = RoutingTable.anyKind, othersIdle: Int
  ) -> (skill: SkillID, journey: JourneyID)? {
    var allowed = kinds
    let reserve = routing.reserve[group.index]
    if reserve >= 0 {
      if let found = routing.bestHead(group: group, kinds: kinds & ~RoutingTable.deferredBit, in: &lines, now: calendar.now) {
        return take(found)
      }
      guard othersIdle >= reserve else { return nil }
      allowed = kinds & RoutingTable.deferredBit
    }
    return routing.bestHead(group: group, kinds: allowed, in: &lines, now: calendar.now).map { take($0) }
  }

  /// Removes the chosen head from its line.
  @inline(__always)
  private mutating func take(_ found: (skill: SkillID, journey: JourneyID)) -> (skill: SkillID, journey: JourneyID) {
    let type = routing[found.skill].type
    accumulateQueue(type)
    lines[type.index].removeFirst()
    return found
  }
}
