import Foundation
import Queueing
import Stochastic
import Testing
@testable import ContactCenterModel

/// A reference case of `shared/reference/public` (copied to `Fixtures/`): its parameters and its
/// expected values.
struct ReferenceCase: Sendable, CustomTestStringConvertible {
  var id: String
  var params: [String: JSONAny]
  var expected: [String: [String: JSONAny]]
  var testDescription: String { id }

  static func load(_ file: String) -> [ReferenceCase] {
    let url = Bundle.module.url(forResource: "Fixtures/\(file)", withExtension: nil)!
    let root = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    return (root["cases"] as! [[String: Any]]).map { raw in
      ReferenceCase(
        id: raw["id"] as! String, params: (raw["params"] as! [String: Any]).mapValues(JSONAny.init),
        expected: (raw["expected"] as! [String: [String: Any]]).mapValues { $0.mapValues(JSONAny.init) })
    }
  }

  func expected(_ key: String, _ field: String = "value") -> Double? { expected[key]?[field]?.number }
}

/// A JSON value that is Sendable (tests pass reference cases across tasks).
struct JSONAny: @unchecked Sendable {
  let value: Any
  init(_ value: Any) { self.value = value }
  var number: Double? { (value as? NSNumber)?.doubleValue }
  subscript(key: String) -> JSONAny? { (value as? [String: Any])?[key].map(JSONAny.init) }
  var isNull: Bool { value is NSNull }

  /// A `{"dist": "exponential" | "lognormal", "mean_s", "cv"}` object as a distribution, scaled.
  func distribution(scale: Double = 1) -> Distribution? {
    guard let kind = self["dist"]?.value as? String, let mean = self["mean_s"]?.number else { return nil }
    return kind == "lognormal" ? .lognormal(mean: mean * scale, cv: self["cv"]!.number!) : .exponential(mean: mean * scale)
  }
}

/// Mean and per-replication standard deviation of a metric over a run's replications.
func replicationStatistics(_ values: [Double?]) -> (mean: Double, sd: Double, count: Int) {
  var tally = Tally()
  for case let value? in values { tally.add(value) }
  return (tally.mean, tally.count > 1 ? tally.variance.squareRoot() : 0, tally.count)
}

/// The reference files' recommended check: |ours − theirs| ≤ 4·√(sd²/n + sd′²/R′).
func expectAgreement(
  _ name: String, ours values: [Double?], reference: ReferenceCase, key: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  guard let value = reference.expected(key), let sd = reference.expected(key, "sd_per_rep"),
    let n = reference.expected(key, "n_reps")
  else {
    Issue.record("\(reference.id) lacks \(key)", sourceLocation: sourceLocation)
    return
  }
  let ours = replicationStatistics(values)
  let bound = 4 * (sd * sd / n + ours.sd * ours.sd / Double(ours.count)).squareRoot()
  #expect(abs(ours.mean - value) <= max(bound, 1e-12), "\(reference.id) \(name): simulated \(ours.mean) vs reference \(value) ± \(bound)",
          sourceLocation: sourceLocation)
}

private func index(_ metric: Metric) -> Int { Metric.allCases.firstIndex(of: metric)! }
private func index(_ metric: GroupMetric) -> Int { GroupMetric.allCases.firstIndex(of: metric)! }

/// One long steady-state interval of about `arrivals` arrivals (all types together) after a warm-up.
func steadyScenario(
  ratesPerHour: [Double], arrivals: Double, warmUp: Double, types: (Int, Double) -> ContactType,
  groups: [AgentGroup], routing: RoutingPolicy = RoutingPolicy()
) -> Scenario {
  let total = ratesPerHour.reduce(0, +) / 3600
  return Scenario(
    name: "reference", intervalLength: arrivals / total, intervalCount: 1, study: .steadyState(warmUp: warmUp),
    contactTypes: ratesPerHour.enumerated().map { types($0.offset, $0.element / 3600) }, groups: groups,
    routing: routing)
}

@Suite(.tags(.statistical))
struct MultiSkillTests {
  /// The N-design of `sim_ndesign.json`: group A takes class 1 only; group B takes class 2 first
  /// and class 1 second; a class-1 arrival prefers an idle A agent (group-order routing).
  @Test(arguments: ReferenceCase.load("sim_ndesign.json"))
  func nDesignAgreesWithTheReferenceSimulation(reference: ReferenceCase) {
    let rates = ["1", "2"].map { reference.params["arrival_rate_per_hour"]![$0]!.number! }
    let service = reference.params["service"]!
    let mean1A = service["1A"]!["mean_s"]!.number!
    let scenario = steadyScenario(
      ratesPerHour: rates, arrivals: 150_000, warmUp: 20 * 3600,
      types: { k, rate in
        let key = k == 0 ? "1A" : "2B"
        let patience = reference.params["patience"]!["\(k + 1)"]!
        return ContactType(
          id: "class\(k + 1)", arrivalRates: [rate], handleTime: service[key]!.distribution()!,
          patience: patience.isNull ? nil : patience.distribution(), serviceLevel: ServiceLevelRule(threshold: 20))
      },
      groups: [
        AgentGroup(id: "A", skills: [Skill(type: 0)], agents: [Int(reference.params["agents"]!["A"]!.number!)]),
        AgentGroup(id: "B", skills: [Skill(type: 1, preference: 1),
                                     Skill(type: 0, preference: 2, handleTimeFactor: service["1B"]!["mean_s"]!.number! / mean1A)],
                   agents: [Int(reference.params["agents"]!["B"]!.number!)]),
      ],
      routing: RoutingPolicy(contactSide: .groupOrder))
    let result = Experiment(scenario: scenario, seed: 2026_11_23).run(replications: 20, threads: 2)
    for (k, prefix) in ["class1", "class2"].enumerated() {
      for (metric, key) in [(Metric.waitProbability, "p_wait"), (.abandonRate, "p_abandon"),
                            (.averageSpeedOfAnswer, "mean_wait_answered_s"), (.serviceLevel, "sl_offered_20s")] {
        expectAgreement("\(prefix) \(metric.rawValue)", ours: result.replications.map { $0.types[k][index(metric)] },
                        reference: reference, key: "\(prefix)_\(key)")
      }
    }
    for (g, name) in ["A", "B"].enumerated() {
      expectAgreement("occupancy \(name)", ours: result.replications.map { $0.groups[g][index(GroupMetric.occupancy)] },
                      reference: reference, key: "occupancy_\(name)")
    }
  }

  /// The two-tier escalation of `sim_escalation.json`: tier 1 resolves a share, the rest join the
  /// tier-2 queue at once with a fresh patience.
  @Test(arguments: ReferenceCase.load("sim_escalation.json"))
  func escalationAgreesWithTheReferenceSimulation(reference: ReferenceCase) {
    let rate = reference.params["arrival_rate_per_hour"]!.number!
    let resolve = reference.params["p_resolve_tier1"]!.number!
    let scenario = steadyScenario(
      ratesPerHour: [rate, 0], arrivals: 150_000, warmUp: 20 * 3600,
      types: { k, rate in
        let tier = "T\(k + 1)"
        let patience = reference.params["patience"]![tier]!
        return ContactType(
          id: "tier\(k + 1)", arrivalRates: [rate], handleTime: reference.params["service"]![tier]!.distribution()!,
          patience: patience.isNull ? nil : patience.distribution(),
          agents: [Int(reference.params["agents"]![tier]!.number!)],
          serviceLevel: ServiceLevelRule(threshold: k == 0 ? 20 : 60),
          resolution: k == 0 ? resolve : 1, escalations: k == 0 ? [Escalation(to: 1, share: 1)] : [])
      },
      groups: [])
    let result = Experiment(scenario: scenario, seed: 2026_11_23).run(replications: 20, threads: 2)
    for (k, prefix) in ["tier1", "tier2"].enumerated() {
      let threshold = k == 0 ? "20s" : "60s"
      for (metric, key) in [(Metric.waitProbability, "p_wait"), (.abandonRate, "p_abandon"),
                            (.averageSpeedOfAnswer, "mean_wait_answered_s"), (.serviceLevel, "sl_offered_\(threshold)")] {
        expectAgreement("\(prefix) \(metric.rawValue)", ours: result.replications.map { $0.types[k][index(metric)] },
                        reference: reference, key: "\(prefix)_\(key)")
      }
      expectAgreement("occupancy T\(k + 1)", ours: result.replications.map { $0.groups[k][index(GroupMetric.occupancy)] },
                      reference: reference, key: "occupancy_T\(k + 1)")
    }
    func share(_ metric: Metric, type: Int) -> [Double?] {
      result.replications.map { $0.types[type][index(metric)]! / $0.types[0][index(Metric.offered)]! }
    }
    expectAgreement("resolved at tier 1", ours: share(.resolved, type: 0), reference: reference, key: "frac_resolved_tier1")
    expectAgreement("transferred", ours: share(.escalated, type: 0), reference: reference, key: "frac_transferred")
    expectAgreement("resolved at tier 2", ours: share(.resolved, type: 1), reference: reference, key: "frac_resolved_tier2")
  }

  /// Non-preemptive priority in M/M/c (`priority.json`, exact): one group takes every class, the
  /// most urgent first. Each class's mean wait must lie in its 99% confidence interval.
  @Test(arguments: ReferenceCase.load("priority.json").filter { ["PR-001", "PR-002", "PR-013", "PR-022"].contains($0.id) })
  func priorityClassesAgreeWithTheory(reference: ReferenceCase) throws {
    let rates = (reference.params["arrival_rate_per_hour_by_class"]!.value as! [NSNumber]).map(\.doubleValue)
    let aht = reference.params["aht_s"]!.number!
    let scenario = steadyScenario(
      ratesPerHour: rates, arrivals: 300_000, warmUp: 100 * aht,
      types: { k, rate in
        ContactType(id: "P\(k + 1)", arrivalRates: [rate], handleTime: .exponential(mean: aht), patience: nil,
                    serviceLevel: ServiceLevelRule(threshold: 20), priority: k + 1)
      },
      groups: [AgentGroup(id: "all", skills: rates.indices.map { Skill(type: $0) },
                          agents: [Int(reference.params["agents"]!.number!)])])
    let result = Experiment(scenario: scenario, seed: 2026_11_23).run(replications: 20, threads: 2)
    for k in rates.indices {
      let exact = try #require(reference.expected("mean_wait_class\(k + 1)_s"))
      let ci = try #require(result.confidenceInterval(.averageSpeedOfAnswer, type: k, level: 0.99))
      #expect(ci.contains(exact), "\(reference.id) class \(k + 1) mean wait \(exact) outside \(ci)")
      #expect(ci.halfWidth <= max(1, 0.1 * exact), "\(reference.id) class \(k + 1): CI too wide \(ci)")
    }
    let pWait = try #require(reference.expected("p_wait"))
    let ci = try #require(result.confidenceInterval(.waitProbability, level: 0.99))
    #expect(ci.contains(pWait), "\(reference.id) P(wait) \(pWait) outside \(ci)")
    // by_priority: one class per type here, so each class's row is its type's row.
    #expect(result.priorityClasses == Array(1...rates.count))
    for k in rates.indices { #expect(result.priorities[k][.averageSpeedOfAnswer] == result.types[k][.averageSpeedOfAnswer]) }
  }
}

struct MultiSkillIdentityTests {
  /// A multi-skill group whose second skill never sees a contact behaves exactly like the
  /// dedicated single-skill group: same seed, byte-identical results for the served type.
  @Test func aMultiSkillCaseReducedToOneSkillIsTheSingleSkillCase() {
    let single = hotlineDay()
    var multi = single
    let support = single.contactTypes[0]
    multi.contactTypes[0].agents = nil
    multi.contactTypes.append(ContactType(
      id: "silent", arrivalRates: Array(repeating: 0, count: single.intervalCount),
      handleTime: .exponential(mean: 60), patience: nil, serviceLevel: ServiceLevelRule(threshold: 20)))
    multi.groups = [AgentGroup(id: "support", skills: [Skill(type: 1), Skill(type: 0)], agents: support.agents!)]
    let a = Experiment(scenario: single, seed: 5).run(replications: 4)
    let b = Experiment(scenario: multi, seed: 5).run(replications: 4)
    // Agent time (and so staff cost) belongs to a type only with a dedicated group.
    let agentTime: Set<Metric> = [.occupancy, .agentHours, .staffCost, .totalCost, .costPerResolved]
    for metric in Metric.allCases where !agentTime.contains(metric) {
      #expect(a.types[0][metric] == b.types[0][metric], "\(metric.rawValue)")
    }
    #expect(a.groups[0] == b.groups[0])
    #expect(a.replications.map { $0.queues[0] } == b.replications.map { $0.queues[0] })
  }

  /// Little's law per queue and per group, conservation per type and per escalation flow, on a
  /// day with two tiers, a back office, transfer times and shared agents.
  @Test(arguments: 0..<4)
  func flowsAreConservedAndLittlesLawHoldsPerQueue(replication: Int) {
    let n = 32
    let rate = (0..<n).map { k in (40 + 30 * sin(Double(k) / 5)) / 900 }
    let types = [
      ContactType(id: "front", arrivalRates: rate, handleTime: .lognormal(mean: 240, cv: 0.9),
                  patience: .exponential(mean: 200), serviceLevel: ServiceLevelRule(threshold: 20), resolution: 0.7,
                  escalations: [Escalation(to: 1, share: 0.6, transferTime: .uniform(minimum: 10, maximum: 40)),
                                Escalation(to: 2, share: 0.3)]),
      ContactType(id: "tier2", arrivalRates: Array(repeating: 0, count: n), handleTime: .exponential(mean: 480),
                  patience: .exponential(mean: 900), serviceLevel: ServiceLevelRule(threshold: 60), priority: 2,
                  resolution: 0.9, escalations: [Escalation(to: 2, share: 1)]),
      ContactType(id: "backoffice", arrivalRates: Array(repeating: 0.002, count: n), handleTime: .gamma(mean: 600, cv: 0.5),
                  patience: nil, serviceLevel: ServiceLevelRule(threshold: 3600), priority: 3),
    ]
    let scenario = Scenario(
      name: "flows", intervalLength: 900, intervalCount: n, contactTypes: types,
      groups: [
        AgentGroup(id: "t1", skills: [Skill(type: 0)], agents: Array(repeating: 11, count: n)),
        AgentGroup(id: "t2", skills: [Skill(type: 1), Skill(type: 0, preference: 2, resolution: 0.9, overflowDelay: 60)],
                   agents: Array(repeating: 6, count: n)),
        AgentGroup(id: "bo", skills: [Skill(type: 2, handleTimeFactor: 0.9)], agents: Array(repeating: 3, count: n)),
      ])
    let result = Experiment(scenario: scenario, seed: 17).replicate(replication)
    for (t, queue) in result.queues.enumerated() {
      #expect(queue.arrivals > 100, "\(types[t].id)")
      #expect(abs(queue.queueArea - queue.sumOfWaits) <= 1e-9 * max(queue.sumOfWaits, 1), "\(types[t].id)")
      #expect(queue.arrivals == queue.answered + queue.abandoned + queue.unserved)
      let day = result.types[t]
      func value(_ metric: Metric) -> Double { day[index(metric)]! }
      let ended: Double = value(.answered) + value(.abandoned) + value(.unserved)
      let settled: Double = value(.resolved) + value(.escalated) + value(.unresolved)
      #expect(value(.offered) == ended)
      #expect(value(.answered) == settled)
    }
    for group in result.agentGroups {
      #expect(abs(group.busyArea - group.sumOfHandleTimes) <= 1e-9 * group.sumOfHandleTimes)
    }
    // Escalations out of a type arrive in its targets: out of front and tier2 = into tier2 and backoffice.
    let escalatedOut = result.types[0][index(.escalated)]! + result.types[1][index(.escalated)]!
    let transferredIn = result.types[1][index(.transferredIn)]! + result.types[2][index(.transferredIn)]!
    #expect(escalatedOut == transferredIn && escalatedOut > 100)
    #expect(result.types[2][index(.unresolved)]! == 0 && result.types[0][index(.unresolved)]! > 0)
  }
}
