import Foundation
import Queueing
import ReferenceCases
import Stochastic
import TestSupport
import Testing
@testable import ContactCenterModel

/// The cases of a reference file of `shared/reference/public` (copied to `Tests/Reference/`).
func referenceCases(_ file: String) -> [ReferenceCase] {
  let url = URL(fileURLWithPath: referenceFixture(file))
  return try! ReferenceFile(json: Data(contentsOf: url)).cases
}

/// Runs a reference study (the same one `Docs/validation.md` reports) and expects every metric to
/// pass its file's tolerance rule.
@discardableResult
func expectAgreement(_ study: ReferenceStudy, sourceLocation: SourceLocation = #_sourceLocation) throws -> RunResult {
  #expect(!study.comparisons.isEmpty, sourceLocation: sourceLocation)
  let result = try study.run()
  for agreement in study.agreements(with: result) {
    #expect(agreement.isInside, "\(agreement)", sourceLocation: sourceLocation)
  }
  return result
}


/// The multi-skill reference cases; the scenarios and the metric mapping are in `ReferenceStudy`.
@Suite(.tags(.statistical))
struct MultiSkillTests {
  /// The N-design of `sim_ndesign.json` against the reference simulation (4σ rule).
  @Test(arguments: referenceCases("sim_ndesign.json"))
  func nDesignAgreesWithTheReferenceSimulation(reference: ReferenceCase) throws {
    try expectAgreement(.nDesign(reference))
  }

  /// The two-tier escalation of `sim_escalation.json` against the reference simulation (4σ rule).
  @Test(arguments: referenceCases("sim_escalation.json"))
  func escalationAgreesWithTheReferenceSimulation(reference: ReferenceCase) throws {
    try expectAgreement(.escalation(reference))
  }

  /// Non-preemptive priority in M/M/c (`priority.json`, exact): each class's mean wait and P(wait)
  /// must lie in the 99% confidence interval, and the mean waits' intervals must be narrow.
  @Test(arguments: referenceCases("priority.json").filter { ReferenceStudy.priorityCaseIDs.contains($0.id) })
  func priorityClassesAgreeWithTheory(reference: ReferenceCase) throws {
    let study = ReferenceStudy.priority(reference)
    let result = try expectAgreement(study)
    let classes = study.scenario.contactTypes.count
    for k in 0..<classes {
      let exact = try #require(reference.expected("mean_wait_class\(k + 1)_s"))
      let ci = try #require(result.confidenceInterval(.averageSpeedOfAnswer, type: k, level: 0.99))
      #expect(ci.halfWidth <= max(1, 0.1 * exact), "\(reference.id) class \(k + 1): CI too wide \(ci)")
    }
    // by_priority: one class per type here, so each class's row is its type's row.
    #expect(result.priorityClasses == Array(1...classes))
    for k in 0..<classes { #expect(result.priorities[k][.averageSpeedOfAnswer] == result.types[k][.averageSpeedOfAnswer]) }
  }
}

struct MultiSkillIdentityTests {
  /// A multi-skill group whose second skill never sees a contact behaves exactly like the
  /// dedicated single-skill group: same seed, byte-identical results for the served type.
  @Test func aMultiSkillCaseReducedToOneSkillIsTheSingleSkillCase() throws {
    let single = hotlineDay()
    var multi = single
    let support = single.contactTypes[0]
    multi.contactTypes[0].agents = nil
    multi.contactTypes.append(ContactType(
      id: "silent", arrivalRates: Array(repeating: 0, count: single.intervalCount),
      handleTime: .exponential(mean: 60), patience: nil, serviceLevel: ServiceLevelRule(threshold: 20)))
    multi.groups = [AgentGroup(id: "support", skills: [Skill(type: 1), Skill(type: 0)], agents: support.agents!)]
    let a = try Experiment(scenario: single, seed: 5).run(replications: 4)
    let b = try Experiment(scenario: multi, seed: 5).run(replications: 4)
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
  func flowsAreConservedAndLittlesLawHoldsPerQueue(replication: Int) throws {
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
    let result = try Experiment(scenario: scenario, seed: 17).replicate(replication)
    for (t, queue) in result.queues.enumerated() {
      #expect(queue.arrivals > 100, "\(types[t].id)")
      #expect(abs(queue.queueArea - queue.sumOfWaits) <= 1e-9 * max(queue.sumOfWaits, 1), "\(types[t].id)")
      #expect(queue.arrivals == queue.answered + queue.abandoned + queue.unserved)
      let day = result.types[t]
      func value(_ metric: Metric) -> Double { day[metric]! }
      let ended: Double = value(.answered) + value(.abandoned) + value(.unserved)
      let settled: Double = value(.resolved) + value(.escalated) + value(.unresolved)
      #expect(value(.offered) == ended)
      #expect(value(.answered) == settled)
    }
    for group in result.agentGroups {
      #expect(abs(group.busyArea - group.sumOfHandleTimes) <= 1e-9 * group.sumOfHandleTimes)
    }
    // Escalations out of a type arrive in its targets: out of front and tier2 = into tier2 and backoffice.
    let escalatedOut = result.types[0][.escalated]! + result.types[1][.escalated]!
    let transferredIn = result.types[1][.transferredIn]! + result.types[2][.transferredIn]!
    #expect(escalatedOut == transferredIn && escalatedOut > 100)
    #expect(result.types[2][.unresolved]! == 0 && result.types[0][.unresolved]! > 0)
  }
}
