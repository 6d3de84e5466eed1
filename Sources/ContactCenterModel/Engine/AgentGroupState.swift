import SimKernel

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
    // Terms that are 0 most of the time (contacts in hand outside session groups, overtime before
    // close) are skipped when they are: adding +0.0 to a sum ≥ 0 leaves it exactly as it is.
    if inHand > 0 { inHandArea += Double(inHand) * elapsed }
    if closed {
      // After close only work is paid: idle agents have gone home (they come back if an escalated
      // contact still needs them), so staffed = busy, and all of it is overtime.
      staffedArea += busyAgents * elapsed
      overtimeArea += busyAgents * elapsed
    } else {
      staffedArea += Double(onDuty) * elapsed
      if busy > inShift { overtimeArea += Double(busy - inShift) * elapsed }
      scheduledArea += scheduled * elapsed
    }
    lastChange = now
  }
}
