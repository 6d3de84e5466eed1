import SimKernel

/// A group's skill for a type, as the engine reads it.
struct Eligibility {
  /// Its index in the flat skill table (grouped by group, most preferred first).
  var index = SkillID(0)
  var group: GroupID
  var type: ContactTypeID
  var preference: Int32
  /// Contact-side rank for the scenario's routing policy: lower is chosen first.
  var rank: Int32
  /// Idle agents the group needs for an arriving contact to take one: 1, or 1 + the blending
  /// reserve for deferred work.
  var idleNeeded: Int16 = 1
  /// The type's handling bit (see ``RoutingTable/callBit``), here so that the agent-side scan reads
  /// one table (it fits the padding: the entry stays 48 bytes, which a test pins).
  var kind: UInt8 = 0
  var overflowDelay: SimTime
  var handleTimeFactor: Double
  var resolution: Double
}

/// Who may take what, and the router's scans: the scenario's skills as flat tables, with each
/// type's and group's handling. Built once per experiment from the scenario and shared by its
/// replications (the arrays are copy-on-write, so a replication's copy costs a retain per table).
///
/// `skills[skillStart[g]..<skillStart[g + 1]]` is what group `g` may take, most preferred first;
/// `servers[serverStart[t]..<serverStart[t + 1]]` the groups that may take type `t`;
/// `overflowDelays[delayStart[t]..<delayStart[t + 1]]` the type's distinct positive overflow
/// delays, ascending. Flat, so that the inner loop touches no nested array.
struct RoutingTable: Sendable {
  /// Each type's handling as one bit, so routing can filter the types an agent may take with a mask.
  static let callBit: UInt8 = 1, sessionBit: UInt8 = 2, deferredBit: UInt8 = 4, anyKind: UInt8 = 7

  let kindBit: ContiguousArray<UInt8>
  let deferredTypes: [ContactTypeID]
  let thresholds: [SimTime]
  let priorities: [Int32]
  /// Whether a type offers callbacks (checked before anything else on the queueing path).
  let offersCallback: ContiguousArray<Bool>
  /// Per group: whether it takes sessions (then its busy agents are tracked one by one), the
  /// stretch factor of a session started as an agent's 1st, 2nd, … one, and its blending reserve
  /// (−1: the group does not blend).
  let takesSessions: ContiguousArray<Bool>
  let stretch: [[Double]]
  let reserve: ContiguousArray<Int>
  /// Whether free agents take the contact longest past its threshold (else priority, then FCFS).
  let relativeWait: Bool
  private let skills: ContiguousArray<Eligibility>
  private let skillStart: ContiguousArray<Int>
  private let servers: ContiguousArray<Eligibility>
  private let serverStart: ContiguousArray<Int>
  private let overflowDelays: ContiguousArray<SimTime>
  private let delayStart: ContiguousArray<Int>

  init(scenario: Scenario) {
    let types = scenario.contactTypes
    let agentGroups = scenario.agentGroups
    let kindBit = ContiguousArray(types.map {
      switch $0.handling {
      case .call: Self.callBit
      case .session: Self.sessionBit
      case .deferred: Self.deferredBit
      }
    })
    self.kindBit = kindBit
    thresholds = types.map(\.serviceLevel.threshold)
    offersCallback = ContiguousArray(types.map { $0.callback != nil })
    priorities = types.map { Int32($0.priority) }
    deferredTypes = types.indices.filter { types[$0].handling == .deferred }.map(ContactTypeID.init)
    takesSessions = ContiguousArray(agentGroups.map { $0.skills.contains { types[$0.type].handling == .session } })
    stretch = agentGroups.map(\.concurrency.stretch)
    reserve = ContiguousArray(agentGroups.map { $0.blending?.reserve ?? -1 })
    relativeWait = scenario.routing.agentSide == .relativeWait
    var flatSkills = ContiguousArray<Eligibility>()
    var skillStart = ContiguousArray<Int>([0])
    for (g, group) in agentGroups.enumerated() {
      var groupSkills: [Eligibility] = []
      for skill in group.skills {
        let rank: Int
        switch scenario.routing.contactSide {
        case .longestIdle: rank = 0
        case .groupOrder: rank = skill.preference
        case .leastSkilled: rank = group.skills.count * 1_000_000 + skill.preference
        }
        let blendedDeferred = types[skill.type].handling == .deferred ? group.blending?.reserve : nil
        groupSkills.append(Eligibility(
          group: GroupID(g), type: ContactTypeID(skill.type), preference: Int32(skill.preference), rank: Int32(rank),
          idleNeeded: Int16(clamping: 1 + (blendedDeferred ?? 0)), kind: kindBit[skill.type],
          overflowDelay: skill.overflowDelay, handleTimeFactor: skill.handleTimeFactor,
          resolution: skill.resolution ?? types[skill.type].resolution))
      }
      for var skill in groupSkills.sorted(by: { ($0.preference, $0.type.rawValue) < ($1.preference, $1.type.rawValue) }) {
        skill.index = SkillID(flatSkills.count)
        flatSkills.append(skill)
      }
      skillStart.append(flatSkills.count)
    }
    var flatServers = ContiguousArray<Eligibility>()
    var serverStart = ContiguousArray<Int>([0])
    var delays = ContiguousArray<SimTime>()
    var delayStart = ContiguousArray<Int>([0])
    for t in types.indices {
      let typeServers = flatSkills.filter { $0.type.index == t }
      flatServers.append(contentsOf: typeServers)
      serverStart.append(flatServers.count)
      delays.append(contentsOf: Set(typeServers.map(\.overflowDelay).filter { $0 > 0 }).sorted())
      delayStart.append(delays.count)
    }
    skills = flatSkills
    self.skillStart = skillStart
    servers = flatServers
    self.serverStart = serverStart
    overflowDelays = delays
    self.delayStart = delayStart
  }

  subscript(skill: SkillID) -> Eligibility { skills[skill.index] }

  /// The groups that may take `type`, as their skills for it.
  func servers(of type: ContactTypeID) -> ArraySlice<Eligibility> {
    servers[serverStart[type.index]..<serverStart[type.index + 1]]
  }

  /// How many types `group` may take.
  func skillCount(of group: GroupID) -> Int { skillStart[group.index + 1] - skillStart[group.index] }

  /// The type's distinct positive overflow delays, ascending: when a waiting contact of it becomes
  /// eligible for more groups.
  func overflowDelays(of type: ContactTypeID) -> ArraySlice<SimTime> {
    overflowDelays[delayStart[type.index]..<delayStart[type.index + 1]]
  }

  /// The skill of the group with an idle agent that takes a contact of `type` that has waited
  /// `waited` seconds: the lowest rank, then the agent idle longest; `nil` when no eligible group
  /// has an idle agent. Indices, not copies, keep the inner loop lean; and inlined, because a call
  /// to a non-mutating method from a mutating one once copied the whole simulation per contact.
  @inline(__always)
  func idleServer(type: ContactTypeID, waited: SimTime, groups: [GroupState]) -> SkillID? {
    var best = -1
    var bestRank = Int32.max
    var bestSince = SimTime.infinity
    for i in serverStart[type.index]..<serverStart[type.index + 1] {
      guard servers[i].overflowDelay <= waited,
        servers[i].idleNeeded == 1 || groups[servers[i].group.index].idle.count >= Int(servers[i].idleNeeded),
        let since = groups[servers[i].group.index].idle.longestIdleSince,
        (servers[i].rank, since) < (bestRank, bestSince)
      else { continue }
      (best, bestRank, bestSince) = (servers[i].index.index, servers[i].rank, since)
    }
    return best < 0 ? nil : SkillID(best)
  }

  /// For a session contact that has waited `waited` seconds: the skill, and the agent that takes
  /// it — a busy agent's record, or `nil` for an idle agent. The lowest rank, then the fewest
  /// sessions in hand (an idle agent holds none), then the agent idle longest. Agents winding down
  /// to leave take nothing new.
  func sessionServer(type: ContactTypeID, waited: SimTime, groups: [GroupState]) -> (skill: SkillID, agent: Int32?)? {
    var best: (skill: SkillID, agent: Int32?)?
    var bestKey = (Int32.max, Int32.max, SimTime.infinity)
    for i in serverStart[type.index]..<serverStart[type.index + 1] where servers[i].overflowDelay <= waited {
      let g = servers[i].group.index
      if let since = groups[g].idle.longestIdleSince {
        if (servers[i].rank, 0, since) < bestKey {
          (best, bestKey) = ((servers[i].index, nil), (servers[i].rank, 0, since))
        }
      } else if let (agent, load) = groups[g].sessions.leastLoaded,
        (servers[i].rank, load, 0) < bestKey {
        (best, bestKey) = ((servers[i].index, agent), (servers[i].rank, load, 0))
      }
    }
    return best
  }

  /// The head of line the agent-side policy picks for `group` among the types in `kinds`, at `now`:
  /// the contact longest past its threshold (relative wait), or the most preferred type, then the
  /// highest priority, then the longest waiting. Looking at a line's head drops the contacts that
  /// left before it, hence `inout`.
  @inline(__always)
  func bestHead(group: GroupID, kinds: UInt8, in lines: inout [WaitingLine], now: SimTime) -> (skill: SkillID, journey: JourneyID)? {
    var best = -1
    var bestPriority = Int32.max
    var bestJoined = SimTime.infinity
    var bestScore = -SimTime.infinity
    var bestJourney = JourneyID(0)
    for i in skillStart[group.index]..<skillStart[group.index + 1] {
      let type = skills[i].type.index
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
    return best < 0 ? nil : (SkillID(best), bestJourney)
  }
}
