import Queueing
import ReferenceCases
import Stochastic
import Testing
@testable import ContactCenterModel

/// Trunk lines and queue capacities (`Docs/model.md`, "Lines and busy signals").
@Suite(.tags(.statistical))
struct BlockingTests {
  static let finiteCases = referenceCases("mmc_finite.json")

  /// Every M/M/c/K case of `mmc_finite.json` (exact), with `lines: K` or `queueCapacity: K − c`
  /// (alternately): blocking, waits of admitted callers, queue length, throughput, occupancy and
  /// both service levels within 4 standard errors, over 20 replications of ~400 000 arrivals. The
  /// standard error must be small enough to mean something: 4 SE ≤ 10% of the value (+ 0.005).
  @Test(arguments: Array(finiteCases.indices))
  func finiteCapacityAgreesWithTheExactMMCK(position: Int) throws {
    #expect(Self.finiteCases.count == 10)
    let study = ReferenceStudy.finiteCapacity(Self.finiteCases[position], position: position)
    #expect(study.comparisons.count == 8)
    let result = try expectAgreement(study)
    for agreement in study.agreements(with: result) {
      let reference = try #require(agreement.reference)
      #expect(agreement.allowed <= 0.1 * abs(reference) + 0.005, "too imprecise to test anything: \(agreement)")
    }
  }

  /// `lines: c` with `c` agents (M/M/c/c) blocks with Erlang B's probability (`ErlangB.blocking`),
  /// within 4 standard errors; so does `queueCapacity: 0`, on the same random numbers with the same
  /// result. Waits are 0 and every admitted caller is answered at once.
  @Test(arguments: [(traffic: 10.0, agents: 10), (traffic: 45.0, agents: 50), (traffic: 95.0, agents: 100)])
  func linesEqualToAgentsGiveErlangB(traffic: Double, agents: Int) throws {
    let aht = 180.0
    var byLines = steadyState(arrivalsPerHour: traffic / aht * 3600, aht: aht, agents: agents, patience: nil, arrivals: 100_000)
    var byQueue = byLines
    byLines.lines = agents
    byQueue.contactTypes[0].queueCapacity = 0
    let result = try Experiment(scenario: byLines, seed: 2026_12_02).run(replications: 20, threads: 2)
    let exact = ErlangB.blocking(traffic: traffic, servers: agents)
    var tally = Tally()
    for replication in result.replications { tally.add(try #require(replication.totals[.blockRate])) }
    let standardError = tally.standardDeviation / Double(tally.count).squareRoot()
    #expect(abs(tally.mean - exact) <= 4 * standardError, "Erlang B \(exact), simulated \(tally.mean) ± \(standardError) (SE)")
    #expect(4 * standardError <= 0.05 * exact, "too imprecise: SE \(standardError) for \(exact)")
    #expect(result.totals[.waitProbability]?.mean == 0)
    let sameModel = try Experiment(scenario: byQueue, seed: 2026_12_02).run(replications: 20, threads: 2)
    #expect(sameModel.replications.map(\.totals) == result.replications.map(\.totals))
  }

  /// Two voice types share the lines; an email type with its own agents holds none. With one group
  /// of `c` agents taking both voice types and `lines: c`, each voice type is blocked with Erlang
  /// B's probability of their pooled traffic (Poisson arrivals see time averages), whatever the
  /// email load.
  @Test func voiceTypesShareTheLinesAndEmailHoldsNone() throws {
    let aht = 180.0, agents = 12
    let traffic = [4.0, 6.0]
    var types = traffic.enumerated().map { k, load in
      ContactType(id: "voice\(k)", arrivalRates: [load / aht], handleTime: .exponential(mean: aht), patience: nil,
                  serviceLevel: ServiceLevelRule(threshold: 20))
    }
    var email = ContactType(id: "mail", arrivalRates: [50 / aht], handleTime: .exponential(mean: aht), patience: nil,
                            agents: [60], serviceLevel: ServiceLevelRule(threshold: 3600))
    email.setChannel(.email)
    types.append(email)
    var scenario = Scenario(
      name: "shared-lines", intervalLength: 60_000 * aht / 10, intervalCount: 1, study: .steadyState(warmUp: 50 * aht),
      contactTypes: types, groups: [AgentGroup(id: "voice", skills: [Skill(type: 0), Skill(type: 1)], agents: [agents])])
    scenario.lines = agents
    let result = try Experiment(scenario: scenario, seed: 7).run(replications: 20, threads: 2)
    let exact = ErlangB.blocking(traffic: traffic.reduce(0, +), servers: agents)
    for k in 0..<2 {
      var tally = Tally()
      for replication in result.replications { tally.add(try #require(replication.types[k][.blockRate])) }
      let standardError = tally.standardDeviation / Double(tally.count).squareRoot()
      #expect(abs(tally.mean - exact) <= 4 * standardError, "voice\(k): Erlang B \(exact), simulated \(tally.mean) ± \(standardError)")
    }
    #expect(result.types[2][.blocked]?.mean == 0)
  }

  /// A day with lines, retrials, containment and callbacks: every contact offered is answered,
  /// abandons, is blocked, contained or left unserved; blocked callers retry (with `afterBlock`)
  /// and those retrials are among `retrials`.
  @Test func blockedCallersRetryAndEveryContactIsAccountedFor() throws {
    var type = ContactType(
      id: "calls", arrivalRates: Array(repeating: 0.05, count: 8), handleTime: .exponential(mean: 240),
      patience: .exponential(mean: 90), agents: Array(repeating: 10, count: 8), serviceLevel: ServiceLevelRule(threshold: 20),
      containment: 0.1, retrial: Recontact(probability: 0.5, delay: .exponential(mean: 300), afterBlock: 0.8))
    type.callback = CallbackOffer(threshold: 60, share: 0.3)
    var scenario = Scenario(name: "day", intervalLength: 1800, intervalCount: 8, contactTypes: [type])
    scenario.lines = 13
    #expect(scenario.canBlock && scenario.reportedMetrics == Metric.allCases.filter { !$0.isEscalation })
    let result = try Experiment(scenario: scenario, seed: 3).run(replications: 4, threads: 2)
    for replication in result.replications {
      let day = replication.totals
      let settled = ["answered", "abandoned", "blocked", "contained", "unserved"].reduce(0.0) {
        $0 + day[Metric(rawValue: $1)!]!
      }
      #expect(day[.offered]! == settled)
      #expect(day[.blocked]! > 0)
      #expect(day[.blockedRetrials]! > 0 && day[.blockedRetrials]! <= day[.retrials]!)
      #expect(day[.serviceLevelAdmitted]! > day[.serviceLevel]!)
    }
  }

  /// Without lines or a queue capacity nothing is blocked and the blocking metrics are not
  /// reported; with them, they are.
  @Test func blockingMetricsAreReportedOnlyWhereSomethingCanBlock() {
    var scenario = steadyState(arrivalsPerHour: 100, aht: 180, agents: 6, patience: 60, arrivals: 1000)
    #expect(!scenario.canBlock)
    let escalation = Metric.allCases.filter(\.isEscalation).count   // not reported either: nothing escalates
    #expect(scenario.reportedMetrics.count == Metric.allCases.count - 4 - escalation)
    #expect(scenario.reportedMetrics.allSatisfy { !$0.isBlocking })
    scenario.contactTypes[0].queueCapacity = 3
    #expect(scenario.canBlock && scenario.reportedMetrics == Metric.allCases.filter { !$0.isEscalation })
  }
}
