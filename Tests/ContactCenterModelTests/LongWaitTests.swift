import Stochastic
import Testing
@testable import ContactCenterModel

/// Waits of days are measured, not capped: deferred work 17 days old at the opening.
struct LongWaitTests {
  /// Ten tickets, each 17 days old at 08:00, and ten agents who take them at once: every wait is
  /// 17 days (1 468 800 s), so the ASA and every percentile are 17 days (within the histogram's
  /// 1%), with no spread. They once read 606 076.928 s (the cap of about a week).
  @Test func aSeventeenDayASAHasSeventeenDayPercentiles() throws {
    var tickets = ContactType(id: "tickets", arrivalRates: Array(repeating: 0, count: 8), handleTime: .deterministic(value: 600),
                              patience: nil, serviceLevel: ServiceLevelRule(threshold: 4 * 3600))
    tickets.setChannel(.ticket)
    tickets.openingBacklog = OpeningBacklog(count: 10, age: .deterministic(value: 17 * 86_400))
    let scenario = Scenario(name: "old-tickets", intervalLength: 3600, intervalCount: 8, contactTypes: [tickets],
                            groups: [AgentGroup(id: "desk", skills: [Skill(type: 0)], agents: Array(repeating: 10, count: 8))])
    let result = try Experiment(scenario: scenario, seed: 1).run(replications: 2)
    let seventeenDays = 17 * 86_400.0
    let asa = try #require(result.types[0][.averageSpeedOfAnswer])
    #expect(abs(asa.mean - seventeenDays) < 1e-6)
    for metric in [Metric.waitP50, .waitP80, .waitP90, .waitP95, .waitP99] {
      let estimate = try #require(result.types[0][metric])
      #expect(abs(estimate.mean - seventeenDays) <= 0.01 * seventeenDays, "\(metric): \(estimate.mean)")
      #expect(estimate.ci95 == 0)
    }
  }
}
