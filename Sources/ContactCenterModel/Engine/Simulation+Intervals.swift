import SimKernel
import Stochastic

/// A shift-staffed group's staffing from one step on: the agents in paid shift time, those of them
/// available for contacts (after shrinkage, drawn for the replication), and the paid agents.
struct StaffingChange {
  var time: SimTime
  var inShift: Int
  var available: Int
  var paid: Int
}

/// Time in the centre: interval boundaries (counters flushed, headcounts applied, deferred work
/// carried over at close), shift and break steps, and the time integrals of queues and groups.
extension Simulation {
  /// When bucket `k` starts: 0 for the warm-up, then each interval from the measurement start.
  func bucketStart(_ k: Int) -> SimTime {
    k == 0 ? 0 : scenario.measurementStart + Double(k - 1) * scenario.intervalLength
  }

  /// The staffing steps of a group with shifts (none for a headcount-staffed group). Shrinkage
  /// takes its share of the agents on the phones; the fraction is rounded up or down at random (up
  /// with probability equal to it, on the group's `staffing` stream), so availability is right on
  /// average.
  static func staffingChanges(of group: AgentGroup, stream key: StreamKey) -> [StaffingChange] {
    guard !group.shifts.isEmpty else { return [] }
    let stream = RandomStream(key: key)
    return StaffingStep.steps(of: group.shifts).map { step in
      let expected = Double(step.onPhones) * (1 - group.shrinkage)
      let whole = expected.rounded(.down)
      let available = Int(whole) + (expected > whole && stream.uniform() < expected - whole ? 1 : 0)
      return StaffingChange(time: step.time, inShift: step.inShift, available: available, paid: step.paid)
    }
  }

  /// Bucket `k` starts: the last one's counters are flushed (and its deferred backlog recorded);
  /// at close deferred work still waiting is carried over; otherwise headcount-staffed groups take
  /// the interval's headcount, and every group serves what waits.
  mutating func startBucket(_ k: Int) {
    for t in 0..<typeCount { flushQueue(ContactTypeID(t)) }
    for g in 0..<groupCount { flushGroup(GroupID(g)) }
    if bucket >= 1 {
      for type in routing.deferredTypes {
        let backlog = lines[type.index].backlog(at: calendar.now, threshold: routing.thresholds[type.index])
        counters.cells[counters.cell(type, bucket: bucket)].recordBacklog(backlog)
      }
    }
    bucket = k
    if k == bucketCount - 1 {
      closed = true     // the last interval's agents stay until every contact is finished
      for type in routing.deferredTypes {
        while let waiting = lines[type.index].popFirst() { carryOver(waiting.journey) }
      }
      return
    }
    for g in 0..<groupCount where staffingSteps[g].isEmpty {
      let target = headcounts[g][k - 1]
      setStaffing(group: GroupID(g), available: target, inShift: target, paid: Double(target) * grossUp[g])
    }
    for g in 0..<groupCount { serveWaiting(group: GroupID(g)) }
  }

  /// A shift or break of a shift-staffed group starts or ends.
  mutating func changeStaffing(group: GroupID, step i: Int) {
    let step = staffingSteps[group.index][i]
    accumulateGroup(group)
    setStaffing(group: group, available: step.available, inShift: step.inShift, paid: Double(step.paid))
    serveWaiting(group: group)
  }

  /// Sets a group's staffing (its integrals accumulated up to now). Newcomers start idle; surplus
  /// idle agents leave now (the ones idle the shortest time), busy ones when they finish. In a group
  /// that takes sessions as many busy agents as must go are marked now (the least loaded) and wind
  /// down; the first agents to empty their hands go, marked or not (an unmarked one releases a
  /// marked one); if the headcount rises again before they are gone, they stay.
  private mutating func setStaffing(group: GroupID, available: Int, inShift: Int, paid: Double) {
    let now = calendar.now
    let g = group.index
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
    if staying > available && routing.takesSessions[g] { groups[g].sessions.sendHome(staying - available) }
  }

  mutating func accumulateQueue(_ type: ContactTypeID) {
    counters.accumulateQueue(type, waiting: lines[type.index].waiting, now: calendar.now)
  }

  mutating func accumulateGroup(_ group: GroupID) {
    groups[group.index].accumulate(until: calendar.now, closed: closed)
  }

  /// Moves the type's queue area into the current bucket.
  private mutating func flushQueue(_ type: ContactTypeID) {
    counters.flushQueue(type, waiting: lines[type.index].waiting, now: calendar.now, into: bucket)
  }

  /// Moves the group's running integrals into the current bucket.
  private mutating func flushGroup(_ group: GroupID) {
    accumulateGroup(group)
    counters.flushGroup(group, &groups[group.index], takesSessions: routing.takesSessions[group.index], into: bucket)
  }

  /// Contacts still waiting when nothing more can happen (no agent left, no patience) are unserved.
  mutating func finish() {
    let now = calendar.now
    for t in 0..<typeCount {
      let type = ContactTypeID(t)
      flushQueue(type)
      while let waiting = lines[t].popFirst() {
        let contact = journeys[waiting.journey]
        counters.cells[Int(contact.cell)].unserved += 1
        counters.queueLittle[t].unserved += 1
        log?.leave(waiting.journey, at: now, .unserved)
        counters.queueLittle[t].sumOfWaits += now - contact.joined
      }
    }
    for g in 0..<groupCount { flushGroup(GroupID(g)) }
  }
}
