import Stochastic
import Testing
@testable import ContactCenterModel

/// The escalated contacts' total wait (`escalated_total_wait_s`): the sum of a contact's waits in
/// every queue up to its answer after an escalation, counted by origin type. The reference
/// simulations' `mean_total_wait_escalated_answered_s` are checked in `MultiSkillTests`.
struct EscalatedWaitTests {
  /// Tier 1 escalates every call at once to tier 2; nobody abandons and the day drains, so every
  /// call is answered at both tiers and the total-wait sum must equal the two tiers' wait sums.
  func twoTierDay(transfer: Distribution? = nil) -> Scenario {
    let tier1 = ContactType(
      id: "tier1", arrivalRates: [100 / 3600.0, 140 / 3600.0], handleTime: .exponential(mean: 240), patience: nil,
      agents: [8, 8], serviceLevel: ServiceLevelRule(threshold: 20), resolution: 0,
      escalations: [Escalation(to: 1, share: 1, transferTime: transfer)])
    let tier2 = ContactType(
      id: "tier2", arrivalRates: [0, 0], handleTime: .lognormal(mean: 300, cv: 1), patience: nil, agents: [7, 7],
      serviceLevel: ServiceLevelRule(threshold: 60))
    return Scenario(name: "two-tier", intervalLength: 3600, intervalCount: 2, contactTypes: [tier1, tier2])
  }

  /// A queue's waits of answered contacts, summed: ASA × answered.
  func waitSum(_ values: MetricValues<Metric>) throws -> Double {
    let asa: Double = try #require(values[.averageSpeedOfAnswer])
    let answered: Double = try #require(values[.answered])
    return asa * answered
  }

  @Test func totalWaitIsTheSumOfBothTiersWaits() throws {
    let result = try Experiment(scenario: twoTierDay(), seed: 5).run(replications: 4)
    for replication in result.replications {
      let tier1 = replication.types[0], tier2 = replication.types[1]
      let count: Double = try #require(tier1[Metric.escalatedAnswered])
      let mean: Double = try #require(tier1[Metric.escalatedTotalWait])
      #expect(count == tier2[Metric.answered] && count == tier1[Metric.answered])
      let sum = try waitSum(tier1) + waitSum(tier2)
      #expect(abs(mean * count - sum) <= 1e-9 * sum, "\(mean * count) vs \(sum)")
      // Counted where the contacts first arrived: tier 2 has no origin contacts of its own.
      #expect(tier2[Metric.escalatedAnswered] == 0 && tier2[Metric.escalatedTotalWait] == nil)
      // The percentiles are of the same waits: ordered, and the median below the 95th percentile.
      let p50: Double = try #require(tier1[Metric.escalatedTotalWaitP50])
      let p90: Double = try #require(tier1[Metric.escalatedTotalWaitP90])
      let p95: Double = try #require(tier1[Metric.escalatedTotalWaitP95])
      #expect(p50 <= p90 && p90 <= p95)
    }
  }

  /// A transfer time is no wait in a queue: the totals are the same queue waits, not the
  /// resolution time (which includes the transfer and both services).
  @Test func transferTimeIsNotCountedAsWaiting() throws {
    let result = try Experiment(scenario: twoTierDay(transfer: .deterministic(value: 600)), seed: 5).run(replications: 2)
    for replication in result.replications {
      let tier1 = replication.types[0], tier2 = replication.types[1]
      let sum = try waitSum(tier1) + waitSum(tier2)
      let mean: Double = try #require(tier1[Metric.escalatedTotalWait])
      let total = mean * tier1[Metric.escalatedAnswered]!
      #expect(abs(total - sum) <= 1e-9 * sum)
      let resolution: Double = try #require(tier1[Metric.resolutionTime])
      #expect(resolution > mean + 600)
    }
  }

  @Test func onlyScenariosThatEscalateReportIt() {
    #expect(twoTierDay().reportedMetrics.contains(.escalatedTotalWait))
    var plain = twoTierDay()
    plain.contactTypes[0].escalations = []
    #expect(!plain.reportedMetrics.contains { $0.isEscalation })
    #expect(!plain.reportedMetrics.contains { $0.isBlocking })
  }
}
