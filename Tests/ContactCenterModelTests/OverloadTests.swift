import Stochastic
import Testing
@testable import ContactCenterModel

/// A centre whose queue grows without bound stops at the documented limit with a typed error,
/// at the place it overloaded, instead of taking gigabytes or trapping.
struct OverloadTests {
  /// 570 orders a second, no patience, one agent: the line grows by about 570 a second and passes
  /// 2²¹ = 2 097 152 waiting contacts about 2 097 153 / 570 ≈ 3679 s after the 08:00 opening, in
  /// the interval from 09:00.
  static func flooded(patience: Distribution? = nil, retrial: Recontact? = nil) -> Scenario {
    Scenario(
      name: "flooded", intervalLength: 3600, intervalCount: 8, clockStart: 8 * 3600,
      contactTypes: [ContactType(
        id: "orders", arrivalRates: Array(repeating: 570, count: 8), handleTime: .exponential(mean: 300),
        patience: patience, agents: Array(repeating: 1, count: 8), serviceLevel: ServiceLevelRule(threshold: 20),
        retrial: retrial)])
  }

  @Test func aQueueWithoutBoundStopsAtTheWaitingLimit() throws {
    let error = #expect(throws: CentreOverload.self) {
      try Experiment(scenario: Self.flooded(), seed: 1).run(replications: 4, threads: 2)
    }
    let overload = try #require(error)
    #expect(overload.limit == .waiting && overload.replication == 0)
    #expect(abs(overload.clockTime - (8 * 3600 + 2_097_153 / 570)) < 30, "overloaded at \(overload.clockTime)")
    #expect(overload.description == "the centre is overloaded: more than 2097152 contacts waiting at once "
      + "(contact type 'orders', at \(TimeText.clock(overload.clockTime, precision: .seconds)) in the interval from 09:00, "
      + "replication 1); add agents or patience, or lower the arrival rates")
  }

  /// Whatever the threads, the overload reported is the first replication's.
  @Test func theOverloadReportedDoesNotDependOnTheThreads() {
    var errors: [CentreOverload] = []
    for threads in [1, 3] {
      do { _ = try Experiment(scenario: Self.flooded(), seed: 5).run(replications: 3, threads: threads) } catch { errors.append(error) }
    }
    #expect(errors.count == 2 && errors[0] == errors[1])
  }

  /// Callers who abandon at once and come back four hours later: the line stays short, but the
  /// customers due to come back pass 2²² = 4 194 304 contacts in the centre.
  @Test func contactsDueToComeBackStopAtTheInCentreLimit() throws {
    let scenario = Self.flooded(patience: .exponential(mean: 1), retrial: Recontact(probability: 0.9, delay: .deterministic(value: 14_400)))
    let error = #expect(throws: CentreOverload.self) { try Experiment(scenario: scenario, seed: 2).replicate(0) }
    let overload = try #require(error)
    #expect(overload.limit == .inCentre)
    #expect(overload.description.hasPrefix("the centre is overloaded: more than 4194304 contacts in the centre at once "
      + "(waiting, in service, being transferred or due to come back) (contact type 'orders', at "))
  }

  /// A day that stays inside the limits runs as before.
  @Test func aCentreInsideTheLimitsRuns() throws {
    var scenario = Self.flooded()
    scenario.contactTypes[0].arrivalRates = Array(repeating: 1.0 / 60, count: 8)
    let result = try Experiment(scenario: scenario, seed: 1).run(replications: 2)
    #expect(result.replications.count == 2)
  }

  @Test(arguments: [(0.0, "00:00:00"), (36_061.9, "10:01:01"), (90_000, "25:00:00"), (-3_600, "-01:00:00")])
  func clockTimesReadAsHoursMinutesSeconds(seconds: Double, text: String) {
    #expect(TimeText.clock(seconds, precision: .seconds) == text)
  }
}
