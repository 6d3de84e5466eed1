import Queueing
import Stochastic
import Testing
@testable import ContactCenterModel

struct TargetsTests {
  func targets(_ assurance: Targets.Assurance) -> Targets {
    Targets(types: [TypeTargets()], maximumOccupancy: [nil], assurance: assurance)
  }

  /// Service levels 70%, 80% and 90% against an 80% target: the mean (80%) meets it; the one-sided
  /// 95% lower bound, 0.8 − t(0.95, 2)·0.1/√3 = 0.8 − 2.919986·0.057735 = 0.631414, does not; two
  /// of the three days meet it, enough for a 60% probability but not for 70%.
  @Test func eachAssuranceRuleByHand() throws {
    let values: [Double?] = [0.7, 0.8, 0.9, nil]
    func judge(_ assurance: Targets.Assurance, kind: TargetCheck.Kind = .serviceLevel, target: Double = 0.8) throws -> TargetCheck {
      try #require(targets(assurance).judge(values, kind: kind, target: target, subject: .type(0), interval: nil))
    }
    #expect(try judge(.mean).met && judge(.mean).judged == 0.8)
    let bound = try judge(.confidence(level: 0.95))
    #expect(abs(bound.judged - 0.631414) < 1e-6 && !bound.met && abs(bound.mean - 0.8) < 1e-12)
    #expect(try judge(.confidence(level: 0.95), target: 0.63).met)
    #expect(try judge(.probability(level: 0.6)).met)
    #expect(try !judge(.probability(level: 0.7)).met)
    #expect(abs(try judge(.probability(level: 0.6)).judged - 2.0 / 3) < 1e-12)
    // A ceiling (abandonment, ASA, occupancy) is judged by the upper bound: 0.968586 > 0.9.
    let ceiling = try judge(.confidence(level: 0.95), kind: .abandonRate, target: 0.9)
    #expect(abs(ceiling.judged - 0.968586) < 1e-6 && !ceiling.met)
    #expect(try judge(.mean, kind: .abandonRate, target: 0.8).met)          // exactly at the ceiling
    #expect(try !judge(.probability(level: 0.5), kind: .abandonRate, target: 0.75).met)  // only 0.7 is below
    // Nothing defined: nothing to check.
    #expect(targets(.mean).judge([nil, nil], kind: .serviceLevel, target: 0.8, subject: .type(0), interval: nil) == nil)
  }

  /// Checks against a run: per interval one check per defined interval and target, per day one per
  /// type; the M/M/n service level sits at the exact Erlang C value, so a target just below it is
  /// met by the mean and one far above it is missed.
  @Test func checksFollowTheScopeAndTheTargets() throws {
    let rate = 200.0 / 3600
    var scenario = Scenario(
      name: "two-intervals", intervalLength: 3600, intervalCount: 2,
      contactTypes: [ContactType(id: "calls", arrivalRates: [rate, 0], handleTime: .exponential(mean: 180), patience: nil,
                                 agents: [12, 12], serviceLevel: ServiceLevelRule(threshold: 20))])
    scenario.targets = Targets(types: [TypeTargets(serviceLevel: 0.5, averageSpeedOfAnswer: 3600)], maximumOccupancy: [0.99],
                               scope: .interval, assurance: .mean)
    let result = try Experiment(scenario: scenario, seed: 2).run(replications: 4)
    let checks = scenario.targets.check(result)
    // The second interval has no arrivals: SL and ASA are undefined there, occupancy is defined in both.
    #expect(checks.filter { $0.subject == .type(0) }.map(\.interval) == [0, 0])
    #expect(checks.filter { $0.subject == .group(0) }.map(\.interval) == [0, 1])
    let allMet = checks.allSatisfy { $0.met }
    #expect(allMet)
    scenario.targets.types[0].serviceLevel = 0.999
    scenario.targets.scope = .day
    let strict = scenario.targets.check(result)
    #expect(strict.count == 3)
    #expect(strict.filter { !$0.met }.map(\.kind) == [.serviceLevel])
    #expect(!scenario.targets.areMet(by: result))
  }
}
