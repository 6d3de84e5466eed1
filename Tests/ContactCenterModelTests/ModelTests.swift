import Foundation
import Queueing
import Stochastic
import Testing
@testable import ContactCenterModel

/// A hotline day: 15-minute intervals from 08:00 to 18:00 with a morning peak, a lunch dip and an
/// afternoon peak; lognormal handle times, Weibull patience; headcount roughly following the load.
func hotlineDay(busynessCV: Double? = nil) -> Scenario {
  let volumes: [Double] = (0..<40).map { k in
    let hour = 8 + Double(k) / 4
    let morning = 60 * exp(-((hour - 10.5) * (hour - 10.5)) / 3)
    let afternoon = 45 * exp(-((hour - 15) * (hour - 15)) / 4)
    return 8 + morning + afternoon - (hour >= 12.5 && hour < 13.5 ? 15 : 0)
  }
  let agents = volumes.map { Int(($0 / 900 * 280 + 3).rounded()) }
  return Scenario(
    name: "hotline", intervalLength: 900, intervalCount: 40, busynessCV: busynessCV,
    contactTypes: [ContactType(
      id: "support", arrivalRates: volumes.map { $0 / 900 }, handleTime: .lognormal(mean: 280, cv: 0.8),
      patience: .weibull(mean: 150, shape: 0.8), agents: agents,
      serviceLevel: ServiceLevelRule(threshold: 20))])
}

struct ModelTests {
  /// Little's law as a sample-path identity on a run that ends empty: the integral of the number
  /// waiting equals the sum of every contact's wait, and the integral of busy agents equals the
  /// sum of handle times. Both sides are computed independently (one from the clock, one from
  /// contacts), so a bookkeeping error in either breaks the equality.
  @Test(arguments: 0..<5)
  func littlesLawHoldsOnEveryRun(replication: Int) throws {
    let result = try Experiment(scenario: hotlineDay(), seed: 7).replicate(replication)
    let little = result.little
    #expect(little.arrivals > 1_000)
    #expect(abs(little.queueArea - little.sumOfWaits) <= 1e-9 * little.sumOfWaits)
    #expect(abs(little.busyArea - little.sumOfHandleTimes) <= 1e-9 * little.sumOfHandleTimes)
    #expect(little.arrivals == little.answered + little.abandoned + little.unserved)
  }

  /// offered = answered + abandoned + unserved in every interval of every replication.
  @Test func contactsAreConservedPerInterval() throws {
    let result = try Experiment(scenario: hotlineDay(), seed: 11).run(replications: 4)
    for replication in result.replications {
      for row in replication.intervals[0] {
        let offered = row[.offered]!, answered = row[.answered]!
        let abandoned = row[.abandoned]!, unserved = row[.unserved]!
        #expect(offered == answered + abandoned + unserved)
      }
      #expect(replication.totals[.offered]! == Double(replication.little.arrivals))
    }
  }

  @Test func sameSeedGivesTheSameResultOnAnyNumberOfThreads() throws {
    let experiment = Experiment(scenario: hotlineDay(busynessCV: 0.1), seed: 99)
    let one = try experiment.run(replications: 6, threads: 1)
    let two = try experiment.run(replications: 6, threads: 2)
    let three = try experiment.run(replications: 6, threads: 3)
    #expect(one == two)
    #expect(one == three)
    let other = try Experiment(scenario: hotlineDay(busynessCV: 0.1), seed: 100).run(replications: 6)
    #expect(other != one)
  }

  /// A 15-minute spike of ten times the volume between quiet intervals: the non-homogeneous
  /// Poisson process must deliver its expected count in every interval. Mean offered per interval
  /// over 200 replications within 4 standard errors of rate × length (Poisson: variance = mean).
  @Test func arrivalsFollowThePiecewiseRateWithoutSkippingShortPeaks() throws {
    let volumes: [Double] = [20, 20, 200, 20, 0, 35]
    let scenario = Scenario(
      name: "spike", intervalLength: 900, intervalCount: volumes.count,
      contactTypes: [ContactType(
        id: "calls", arrivalRates: volumes.map { $0 / 900 }, handleTime: .exponential(mean: 60), patience: nil,
        agents: [5, 5, 5, 5, 5, 5], serviceLevel: ServiceLevelRule(threshold: 20))])
    let result = try Experiment(scenario: scenario, seed: 3).run(replications: 200, threads: 2)
    for (k, volume) in volumes.enumerated() {
      let estimate = result.intervals[0][k][.offered]!
      let standardError = (volume / 200).squareRoot()
      #expect(abs(estimate.mean - volume) <= max(4 * standardError, 1e-12), "interval \(k): \(estimate.mean) vs \(volume)")
    }
  }

  /// With a gamma busyness factor of CV c, a day's volume Λ·G has variance Λ + Λ²c² (Poisson noise
  /// plus the factor's): over-dispersed. Checked on 400 replications within 25% (the sample
  /// variance of 400 draws has a relative standard error of about 8% here).
  @Test func busynessFactorOverDispersesDailyVolume() throws {
    let scenario = hotlineDay(busynessCV: 0.15)
    let result = try Experiment(scenario: scenario, seed: 5).run(replications: 400, threads: 2)
    let expected = scenario.contactTypes[0].arrivalRates.reduce(0, +) * 900
    var tally = Tally()
    for replication in result.replications { tally.add(Double(replication.little.arrivals)) }
    let variance = expected + expected * expected * 0.15 * 0.15
    #expect(abs(tally.mean - expected) <= 4 * (variance / 400).squareRoot())
    #expect(abs(tally.variance / variance - 1) <= 0.25, "variance \(tally.variance) vs \(variance)")
    #expect(tally.variance > 4 * expected, "not over-dispersed: \(tally.variance) vs Poisson \(expected)")
  }

  /// No agents in the first interval and no abandonment: every contact of that interval waits at
  /// least until the second interval's agents arrive, and all are answered then.
  @Test func contactsWaitForTheNextIntervalsAgents() throws {
    let scenario = Scenario(
      name: "late-start", intervalLength: 900, intervalCount: 2,
      contactTypes: [ContactType(
        id: "calls", arrivalRates: [20 / 900, 20 / 900], handleTime: .deterministic(value: 30), patience: nil,
        agents: [0, 10], serviceLevel: ServiceLevelRule(threshold: 20))])
    let result = try Experiment(scenario: scenario, seed: 1).replicate(0)
    let first = result.intervals[0][0]
    #expect(first[.waitProbability]! == 1)
    #expect(first[.serviceLevel]! == 0)
    #expect(first[.answered]! == first[.offered]!)
    // Waits are at least 0 s (the last arrival just before 900 s) and average about 450 s.
    #expect(try #require(first[.averageSpeedOfAnswer]) > 300)
    #expect(result.little.unserved == 0)
    // Ten agents each answering 30 s contacts: nobody else waits in the second interval.
    #expect(result.intervals[0][1][.waitProbability]! < 0.5)
  }

  /// Agents leaving at an interval's end finish the contact in hand: with one long contact in
  /// service when the headcount drops to zero, the interval's staffed time includes that overtime.
  @Test func agentsFinishTheContactInHandBeforeLeaving() throws {
    let scenario = Scenario(
      name: "overtime", intervalLength: 900, intervalCount: 2,
      contactTypes: [ContactType(
        id: "calls", arrivalRates: [4 / 900, 0], handleTime: .deterministic(value: 600), patience: nil,
        agents: [1, 0], serviceLevel: ServiceLevelRule(threshold: 20))])
    let experiment = Experiment(scenario: scenario, seed: 2)
    for replication in 0..<20 {
      let result = try experiment.replicate(replication)
      let little = result.little
      // Every contact is either answered by the one agent or still unserved; none abandon.
      #expect(little.arrivals == little.answered + little.unserved)
      // Busy time equals handle times, so each started contact ran its full 600 s.
      #expect(abs(little.busyArea - 600 * Double(little.answered)) < 1e-6)
      // Staffed time in the second interval is exactly that agent's overtime (busy throughout).
      let second = result.intervals[0][1]
      if let occupancy = second[.occupancy] { #expect(abs(occupancy - 1) < 1e-12) }
    }
  }
}
