import Queueing
import SimKernel
import Stochastic
import Testing
@testable import ContactCenterModel


/// A type of `channel` served by declared groups only.
private func channelType(
  _ id: String, _ channel: Channel, perHour: Double, handle: Distribution = .exponential(mean: 300),
  patience: Distribution? = nil, threshold: SimTime = 20, priority: Int = 1, intervals: Int = 1
) -> ContactType {
  var type = ContactType(id: id, arrivalRates: Array(repeating: perHour / 3600, count: intervals), handleTime: handle,
                         patience: patience, serviceLevel: ServiceLevelRule(threshold: threshold), priority: priority)
  type.setChannel(channel)
  return type
}

private func group(_ id: String, _ types: [Int], agents: Int, intervals: Int = 1, concurrency: Concurrency = Concurrency(),
                   blending: Blending? = nil) -> AgentGroup {
  var group = AgentGroup(id: id, skills: types.map { Skill(type: $0) }, agents: Array(repeating: agents, count: intervals))
  group.concurrency = concurrency
  group.blending = blending
  return group
}

@Suite(.tags(.statistical))
struct ChannelTests {
  /// A chat group whose agents hold one session at a time is a voice group: same customers, same
  /// numbers, to the last bit (the session bookkeeping takes another code path), also when the
  /// headcount drops and busy agents must leave.
  @Test func chatWithConcurrencyOneIsVoice() throws {
    func scenario(_ channel: Channel) -> Scenario {
      let types = [channelType("a", channel, perHour: 150, patience: .exponential(mean: 120)),
                   channelType("b", .voice, perHour: 60, patience: .exponential(mean: 200))]
      // Headcounts that rise and fall, so that busy agents must leave as well as join.
      var mixed = group("mixed", [0, 1], agents: 12, intervals: 4), first = group("first", [0], agents: 4, intervals: 4)
      mixed.agents = [12, 7, 14, 6]
      first.agents = [4, 1, 5, 2]
      return Scenario(
        name: "chat-1", intervalLength: 3600, intervalCount: 4, study: .day,
        contactTypes: types.map { var t = $0; t.arrivalRates = Array(repeating: t.arrivalRates[0], count: 4); return t },
        groups: [mixed, first], routing: RoutingPolicy(contactSide: .longestIdle, agentSide: .preference))
    }
    let voice = try Experiment(scenario: scenario(.voice), seed: 11).run(replications: 6, threads: 2)
    let chat = try Experiment(scenario: scenario(.chat), seed: 11).run(replications: 6, threads: 2)
    for (v, c) in zip(voice.replications, chat.replications) {
      #expect(v.types == c.types)
      #expect(v.intervals == c.intervals)
      #expect(v.groups == c.groups)
      #expect(v.events == c.events)
    }
    #expect(chat.types[0][.answered]!.mean > 300)
  }

  /// Sessions that do not slow each other down (no stretch) make a chat group of n agents holding
  /// up to k sessions an M/M/nk queue: Erlang C with n·k servers, whichever agent takes a session.
  /// Steady state, 20 replications of about 100 000 chats; the exact value must be inside the 99%
  /// interval.
  @Test func unstretchedSessionsAreErlangCWithNTimesKServers() throws {
    let perHour = 300.0, handle = 480.0, agents = 15, k = 3          // 40 erlangs on 45 session slots
    var chat = channelType("chat", .chat, perHour: perHour, handle: .exponential(mean: handle), threshold: 60)
    chat.serviceLevel = ServiceLevelRule(threshold: 60)
    let scenario = Scenario(
      name: "mmnk", intervalLength: 100_000 / (perHour / 3600), intervalCount: 1, study: .steadyState(warmUp: 20 * handle),
      contactTypes: [chat], groups: [group("chat", [0], agents: agents, concurrency: Concurrency(limit: k))])
    let result = try Experiment(scenario: scenario, seed: 2026_11_23).run(replications: 20, threads: 2)
    let theory = ErlangC(Workload(arrivalsPerHour: perHour, meanHandleSeconds: handle), agents: agents * k)
    let exactValues: [(Metric, Double)] = [
      (.serviceLevel, theory.serviceLevel(within: 60)), (.waitProbability, theory.waitProbability),
      (.averageSpeedOfAnswer, theory.averageSpeedOfAnswer),
    ]
    for (metric, exact) in exactValues {
      let ci = try #require(result.confidenceInterval(metric, type: 0, level: 0.99))
      #expect(ci.contains(exact), "\(metric.rawValue): exact \(exact), simulated \(ci)")
    }
    // Sessions in hand over busy agents: between 1 and k, and the slots' utilisation is the load.
    let inHand = try #require(result.groups[0][.concurrency]?.mean)
    let busy = try #require(result.groups[0][GroupMetric.occupancy]?.mean)
    #expect(inHand > 1 && inHand < Double(k))
    #expect(abs(inHand * busy / Double(k) - perHour / 3600 * handle / Double(agents * k)) < 0.01)
    // Little's law for the agents, on each replication: ∫ sessions in hand dt = Σ handle times.
    for replication in result.replications {
      let agents = replication.agentGroups[0]
      #expect(abs(agents.busyArea - agents.sumOfHandleTimes) <= 1e-9 * agents.sumOfHandleTimes)
    }
  }

  /// One agent holding two sessions, the second stretched ×2, under a queue that never empties:
  /// only the very first session starts alone, so the handle times sum to 600 + 1200·(answered − 1).
  @Test func aSessionIsStretchedByTheLoadItStartsAt() throws {
    let chat = channelType("chat", .chat, perHour: 120, handle: .deterministic(value: 600))
    let scenario = Scenario(
      name: "stretch", intervalLength: 4 * 3600, intervalCount: 1, contactTypes: [chat],
      groups: [group("chat", [0], agents: 1, concurrency: Concurrency(limit: 2, stretch: [1, 2]))])
    let result = try Experiment(scenario: scenario, seed: 5).run(replications: 4)
    for replication in result.replications {
      let answered = try #require(replication.types[0][.answered])
      let aht = try #require(replication.types[0][.averageHandleTime])
      #expect(abs(aht * answered - (600 + 1200 * (answered - 1))) < 1e-6)
      #expect(abs(try #require(replication.groups[0][.concurrency]) - 2) < 0.01)
    }
  }

  /// When a saturated chat group's headcount halves, half its agents wind down (they finish their
  /// chats and take no new one) while the others keep every session slot busy: with 600-s chats
  /// each slot starts exactly six per hour, 10 agents × 3 slots × 6 = 180 in the first hour and
  /// 5 × 3 × 6 = 90 in the second (starts are counted where they happen).
  @Test func aShrinkingChatGroupWindsDownOnlyTheAgentsWhoLeave() throws {
    var chat = channelType("chat", .chat, perHour: 400, handle: .deterministic(value: 600), intervals: 2)
    chat.serviceLevel = ServiceLevelRule(threshold: 60)
    var team = AgentGroup(id: "chat", skills: [Skill(type: 0)], agents: [10, 5])
    team.concurrency = Concurrency(limit: 3)
    let scenario = Scenario(name: "wind-down", intervalLength: 3600, intervalCount: 2, contactTypes: [chat], groups: [team])
    let result = try Experiment(scenario: scenario, seed: 8).run(replications: 3)
    for replication in result.replications {
      #expect(replication.groupIntervals[0].map { $0[.handled] } == [180, 90])
    }
  }

  /// Twelve emails wait at opening, each 2 h old; one agent answers one every 50 minutes in a
  /// 08:00-16:00 day with a 4-hour target. By hand: the first three are answered within 4 h
  /// (waits 2 h, 2 h 50, 3 h 40), ten are started before close, two are carried over at 10 h old.
  @Test func anEmailBacklogIsAgedByHand() throws {
    var email = channelType("email", .email, perHour: 0, handle: .deterministic(value: 3000), threshold: 4 * 3600,
                            intervals: 8)
    email.openingBacklog = OpeningBacklog(count: 12, age: .deterministic(value: 2 * 3600))
    let scenario = Scenario(name: "email", intervalLength: 3600, intervalCount: 8, contactTypes: [email],
                            groups: [group("back-office", [0], agents: 1, intervals: 8)])
    let result = try Experiment(scenario: scenario, seed: 1).run(replications: 2)
    let day = result.replications[0].types[0]
    func value(_ metric: Metric) -> Double? { day[metric] }
    #expect(value(.offered) == 12 && value(.carriedIn) == 12)
    #expect(value(.answered) == 10 && value(.carriedOver) == 2 && value(.abandoned) == 0)
    #expect(value(.serviceLevel) == 3.0 / 12)     // both carried over are overdue: they count
    #expect(value(.backlog) == 2 && value(.backlogOverdue) == 2)
    #expect(value(.backlogAge) == 10 * 3600 && value(.backlogOldest) == 10 * 3600)
    // The first hour: two started (at 0 and 50 min), ten wait, 3 h old, none overdue yet.
    let first = result.replications[0].intervals[0][0]
    #expect(first[.backlog] == 10 && first[.backlogAge] == 3 * 3600 && first[.backlogOverdue] == 0)
    // After three hours four have started; the eight waiting are 5 h old, all overdue.
    let third = result.replications[0].intervals[0][2]
    #expect(third[.backlog] == 8 && third[.backlogOldest] == 5 * 3600 && third[.backlogOverdue] == 8)
    // Little's law still holds: only the waits inside the run are in the queue's area.
    let queue = result.replications[0].queues[0]
    #expect(abs(queue.queueArea - queue.sumOfWaits) <= 1e-9 * queue.sumOfWaits)
    #expect(result.replications[0].types == result.replications[1].types)    // nothing random here
  }

  /// Arriving email keeps the books balanced: offered = answered + carried over, per interval of
  /// arrival, and the backlog at close is what was carried over from the day's intervals.
  @Test func emailIsConservedAndCarriedOver() throws {
    let email = channelType("email", .email, perHour: 40, handle: .lognormal(mean: 420, cv: 0.6), threshold: 4 * 3600,
                            intervals: 8)
    let scenario = Scenario(name: "email", intervalLength: 3600, intervalCount: 8, contactTypes: [email],
                            groups: [group("back-office", [0], agents: 4, intervals: 8)])
    let result = try Experiment(scenario: scenario, seed: 3).run(replications: 10, threads: 2)
    for replication in result.replications {
      for values in replication.intervals[0] + [replication.types[0]] {
        #expect(values[.offered]! == values[.answered]! + values[.carriedOver]!)
      }
      #expect(replication.types[0][.backlog] == replication.types[0][.carriedOver])
      let queue = replication.queues[0]
      #expect(abs(queue.queueArea - queue.sumOfWaits) <= 1e-9 * queue.sumOfWaits)
    }
  }

  /// Blending: with no real-time traffic a blended group is an ordinary one; with a reserve as large
  /// as the group it never takes deferred work; and it answers calls before email even when email
  /// is the more urgent class.
  @Test func blendingPutsRealTimeWorkFirst() throws {
    func scenario(callsPerHour: Double, blending: Blending?) -> Scenario {
      let calls = channelType("calls", .voice, perHour: callsPerHour, handle: .exponential(mean: 240),
                              patience: .exponential(mean: 300), priority: 2, intervals: 8)
      let email = channelType("email", .email, perHour: 30, handle: .exponential(mean: 360), threshold: 4 * 3600,
                              intervals: 8)
      return Scenario(name: "blend", intervalLength: 3600, intervalCount: 8, contactTypes: [calls, email],
                      groups: [group("team", [0, 1], agents: 6, intervals: 8, blending: blending)])
    }
    let plain = try Experiment(scenario: scenario(callsPerHour: 0, blending: nil), seed: 9).run(replications: 6)
    let blendedIdle = try Experiment(scenario: scenario(callsPerHour: 0, blending: Blending()), seed: 9).run(replications: 6)
    #expect(plain.replications.map(\.types) == blendedIdle.replications.map(\.types))

    let reserved = try Experiment(scenario: scenario(callsPerHour: 60, blending: Blending(reserve: 6)), seed: 9)
      .run(replications: 6)
    #expect(reserved.types[1][.answered]!.mean == 0 && reserved.types[0][.answered]!.mean > 300)

    let unblended = try Experiment(scenario: scenario(callsPerHour: 75, blending: nil), seed: 9).run(replications: 20, threads: 2)
    let blended = try Experiment(scenario: scenario(callsPerHour: 75, blending: Blending()), seed: 9)
      .run(replications: 20, threads: 2)
    let callsWait = (try #require(unblended.types[0][.averageSpeedOfAnswer]), try #require(blended.types[0][.averageSpeedOfAnswer]))
    let emailWait = (try #require(unblended.types[1][.averageSpeedOfAnswer]), try #require(blended.types[1][.averageSpeedOfAnswer]))
    #expect(callsWait.1.mean + 2 * (callsWait.1.ci95 ?? 0) < callsWait.0.mean)
    #expect(emailWait.1.mean > emailWait.0.mean)
  }

  /// Results by channel add up their types.
  @Test func resultsByChannelAddUpTheirTypes() throws {
    let types = [channelType("calls", .voice, perHour: 60, patience: .exponential(mean: 200), intervals: 2),
                 channelType("chat", .chat, perHour: 90, patience: .exponential(mean: 300), intervals: 2),
                 channelType("tickets", .ticket, perHour: 20, threshold: 3600, intervals: 2),
                 channelType("social", .social, perHour: 10, threshold: 3600, intervals: 2)]
    let scenario = Scenario(name: "channels", intervalLength: 3600, intervalCount: 2, contactTypes: types,
                            groups: [group("all", [0, 1, 2, 3], agents: 10, intervals: 2, concurrency: Concurrency(limit: 2))])
    let result = try Experiment(scenario: scenario, seed: 4).run(replications: 3)
    #expect(result.channelNames == [.voice, .chat, .ticket, .social])
    for replication in result.replications {
      for (c, t) in [(0, 0), (1, 1), (2, 2), (3, 3)] {
        #expect(replication.channels[c][.offered] == replication.types[t][.offered])
      }
      #expect(replication.channels[0][.backlog] == nil && replication.channels[2][.backlog] != nil)
    }
  }
}
