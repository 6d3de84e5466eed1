import ContactCenterModel
import Queueing
import Stochastic
import Testing
@testable import Planning

/// An M/M/n queue in steady state: 200 calls an hour, 3-minute handle times (10 erlangs),
/// `agents` agents, about 40 000 calls per replication after a warm-up of 50 handle times.
func mmn(agents: Int, name: String = "mmn") -> Scenario {
  let rate = 200.0 / 3600, handle = 180.0
  return Scenario(
    name: name, intervalLength: 40_000 / rate, intervalCount: 1, study: .steadyState(warmUp: 50 * handle),
    contactTypes: [ContactType(
      id: "calls", arrivalRates: [rate], handleTime: .exponential(mean: handle), patience: nil, agents: [agents],
      serviceLevel: ServiceLevelRule(threshold: 20))])
}

struct ComparisonTests {
  /// The paired difference by hand: differences 1, 2, 3 have mean 2, standard deviation 1 and a
  /// 95% half-width of t(0.975, 2)·1/√3 = 4.302653·0.577350 = 2.484138; a replication either
  /// plan leaves undefined is left out of the pairs.
  @Test func pairedDifferencesByHand() throws {
    let d = try #require(PairedDifference([1, 2, 3, 7, nil], minus: [0, 0, 0, nil, 4]))
    #expect(d.pairs == 3)
    #expect(abs(d.mean - 2) < 1e-12)
    #expect(abs(try #require(d.ci95) - 2.484138) < 1e-6)
    #expect(!d.isSignificant)                  // 2 < 2.48: the interval contains 0
    let shifted = try #require(PairedDifference([11, 12, 13], minus: [0, 0, 0]))
    #expect(shifted.isSignificant)
    #expect(PairedDifference([nil, 1], minus: [1, nil]) == nil)
  }

  /// A plan compared with itself: every replication is the same, so every difference is exactly
  /// 0 with a half-width of 0, and nothing is significant.
  @Test func aPlanComparedWithItselfDiffersByExactlyZero() throws {
    let result = try Experiment(scenario: mmn(agents: 11), seed: 5).run(replications: 8, threads: 2)
    let again = try Experiment(scenario: mmn(agents: 11), seed: 5).run(replications: 8, threads: 1)
    let comparison = PlanComparison(plans: [("base", result), ("same", again)])
    #expect(comparison.rows.count > 10)
    for row in comparison.rows {
      #expect(row.differences[0] == nil, "the reference has no difference from itself")
      guard let difference = row.differences[1] else { continue }
      #expect(difference.mean == 0 && difference.ci95 == 0 && !difference.isSignificant, "\(row.subject) \(row.metric)")
    }
  }

  /// One more agent on a loaded queue (10 erlangs on 11 agents, 91% occupancy): the service level
  /// rises and the ASA falls significantly, and the paired differences agree with the exact
  /// Erlang C differences within 1.5 half-widths (about 3 standard errors). Common random numbers
  /// make the paired interval far narrower than the two plans' intervals combined.
  @Test func oneMoreAgentIsASignificantGainOnALoadedCase() throws {
    let replications = 20
    let eleven = try Experiment(scenario: mmn(agents: 11), seed: 3).run(replications: replications, threads: 2)
    let twelve = try Experiment(scenario: mmn(agents: 12), seed: 3).run(replications: replications, threads: 2)
    let comparison = PlanComparison(plans: [("11 agents", eleven), ("12 agents", twelve)])
    let workload = Workload(arrivalsPerHour: 200, meanHandleSeconds: 180)
    let exact11 = ErlangC(workload, agents: 11), exact12 = ErlangC(workload, agents: 12)
    func row(_ metric: Metric) throws -> PlanComparison.Row {
      try #require(comparison.rows.first { $0.scope == .centre && $0.metric == metric.rawValue })
    }
    let sl = try #require(try row(.serviceLevel).differences[1])
    let asa = try #require(try row(.averageSpeedOfAnswer).differences[1])
    #expect(sl.isSignificant && sl.mean > 0)
    #expect(asa.isSignificant && asa.mean < 0)
    let exactSL = exact12.serviceLevel(within: 20) - exact11.serviceLevel(within: 20)
    let exactASA = exact12.averageSpeedOfAnswer - exact11.averageSpeedOfAnswer
    #expect(abs(sl.mean - exactSL) <= 1.5 * (sl.ci95 ?? 0), "SL gain \(sl.mean) ± \(sl.ci95 ?? 0), exact \(exactSL)")
    #expect(abs(asa.mean - exactASA) <= 1.5 * (asa.ci95 ?? 0), "ASA change \(asa.mean) ± \(asa.ci95 ?? 0), exact \(exactASA)")
    // Without pairing the half-width of a difference of independent means is about √(h₁² + h₂²).
    let h11 = try #require(eleven.totals[.serviceLevel]?.ci95), h12 = try #require(twelve.totals[.serviceLevel]?.ci95)
    #expect(try #require(sl.ci95) < 0.5 * (h11 * h11 + h12 * h12).squareRoot())
  }

  /// Types and groups are matched by id across plans; one that a plan lacks has no value there.
  @Test func typesAndGroupsAreMatchedById() throws {
    let one = try Experiment(scenario: mmn(agents: 11), seed: 1).run(replications: 3)
    var renamed = mmn(agents: 11)
    renamed.contactTypes[0].id = "other"
    let two = try Experiment(scenario: renamed, seed: 1).run(replications: 3)
    let comparison = PlanComparison(plans: [("a", one), ("b", two)])
    let calls = try #require(comparison.rows.first { $0.scope == .type && $0.subject == "calls" && $0.metric == "service_level" })
    #expect(calls.estimates[0] != nil && calls.estimates[1] == nil && calls.differences[1] == nil)
    #expect(comparison.rows.contains { $0.scope == .group && $0.subject == "other" })
  }
}

/// ``PlanComparison/run(_:reference:seed:replications:threads:progress:)``: the plans on common
/// random numbers, as running each by hand gives them; names made unique in order.
struct ComparisonRunTests {
  @Test func runningPlansIsRunningEachOnTheSameSeed() throws {
    let plans = [("base", mmn(agents: 11)), ("one more", mmn(agents: 12))]
    let comparison = try PlanComparison.run(plans, reference: 1, seed: 4, replications: 3)
    let byHand = try plans.map { try Experiment(scenario: $0.1, seed: 4).run(replications: 3, threads: 1) }
    #expect(comparison.plans.map(\.name) == ["base", "one more"] && comparison.reference == 1)
    #expect(comparison.plans.map(\.result) == byHand)
  }

  @Test func repeatedNamesAreNumbered() {
    #expect(PlanComparison.uniqueNames(["base", "a", "a", "base", "a-2"]) == ["base", "a", "a-2", "base-2", "a-2-2"])
  }
}
