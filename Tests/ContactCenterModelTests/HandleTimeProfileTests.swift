import Queueing
import Stochastic
import Testing
@testable import ContactCenterModel

/// `handleTimeByInterval` (``ContactType/handleTimeFactors``): the factor of the interval in which
/// service starts scales the drawn handle time, so the distribution keeps its shape and its mean
/// becomes the type's mean times the factor.
@Suite(.tags(.statistical))
struct HandleTimeProfileTests {
  /// A steady-state M/M/n whose profile is a constant 1.25 is the M/M/n with mean handle time
  /// 200 s × 1.25 = 250 s: 360 calls an hour (25 erlangs) on 28 agents. Erlang C's ASA, wait
  /// probability and service level must lie in the simulated 99% intervals, which must be narrow.
  @Test func constantFactorReproducesErlangCWithTheScaledMean() throws {
    var scenario = steadyState(arrivalsPerHour: 360, aht: 200, agents: 28, patience: nil)
    scenario.contactTypes[0].handleTimeFactors = [1.25]
    let result = try Experiment(scenario: scenario, seed: 20_261_208).run(replications: 20, threads: 2)
    let theory = ErlangC(Workload(arrivalsPerHour: 360, meanHandleSeconds: 250), agents: 28)
    let comparisons = [
      Comparison(metric: .averageSpeedOfAnswer, exact: theory.averageSpeedOfAnswer,
                 maximumHalfWidth: max(0.5, 0.05 * theory.averageSpeedOfAnswer)),
      Comparison(metric: .waitProbability, exact: theory.waitProbability, maximumHalfWidth: 0.01),
      Comparison(metric: .serviceLevel, exact: theory.serviceLevel(within: 20), maximumHalfWidth: 0.01),
      Comparison(metric: .averageHandleTime, exact: 250, maximumHalfWidth: 2.5),
    ]
    for comparison in comparisons {
      let ci = try #require(result.confidenceInterval(comparison.metric, level: 0.99))
      #expect(ci.contains(comparison.exact), "\(comparison): outside the 99% CI \(ci)")
      #expect(ci.halfWidth <= comparison.maximumHalfWidth, "\(comparison): CI too wide \(ci)")
    }
    // Without the profile the same seed gives Erlang C at 200 s, far away: the factor is applied.
    #expect(abs(ErlangC(Workload(arrivalsPerHour: 360, meanHandleSeconds: 200), agents: 28).averageSpeedOfAnswer
      - theory.averageSpeedOfAnswer) > 5)
  }

  /// A day of two hours with the profile [1, 2] and agents to spare (nobody waits, so a contact's
  /// service starts in its arrival interval, whose `aht_s` counts it): each interval's mean handle
  /// time over 40 replications is 1 × 240 s and 2 × 240 s within 3 standard errors. Lognormal
  /// (CV 0.8) handle times: the factor keeps the shape, so the CV of the draws is 0.8 in both.
  @Test func eachIntervalsMeanHandleTimeIsTheFactorTimesTheMean() throws {
    var type = ContactType(id: "calls", arrivalRates: [0.05, 0.05], handleTime: .lognormal(mean: 240, cv: 0.8),
                           patience: nil, agents: [200, 200], serviceLevel: ServiceLevelRule(threshold: 20))
    type.handleTimeFactors = [1, 2]
    let scenario = Scenario(name: "profile", intervalLength: 3600, intervalCount: 2, contactTypes: [type])
    let result = try Experiment(scenario: scenario, seed: 17).run(replications: 40, threads: 2)
    for (k, factor) in [1.0, 2.0].enumerated() {
      let perReplication = result.replications.compactMap { $0.intervals[0][k][.averageHandleTime] }
      #expect(perReplication.count == 40)
      let n = Double(perReplication.count)
      let mean = perReplication.reduce(0, +) / n
      let variance = perReplication.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
      let standardError = (variance / n).squareRoot()
      #expect(abs(mean - 240 * factor) <= 3 * standardError, "interval \(k): \(mean) s, expected \(240 * factor) s ± \(3 * standardError)")
      #expect(standardError < 0.02 * 240 * factor, "too few contacts to test anything: ±\(standardError) s")
      let waits = try #require(result.intervals[0][k][.averageSpeedOfAnswer])
      #expect(waits.mean == 0, "a contact waited, so its service may have started in another interval")
    }
  }

  /// A steady-state warm-up takes the first interval's factor and service after close the last
  /// interval's (``HandleTimeFactors``); without a profile every factor is exactly 1.
  @Test func warmUpTakesTheFirstFactorAndAfterCloseTheLast() {
    var type = ContactType(id: "calls", arrivalRates: [0.1, 0.1, 0.1], handleTime: .exponential(mean: 100),
                           patience: nil, agents: [5, 5, 5], serviceLevel: ServiceLevelRule(threshold: 20))
    let plain = Scenario(name: "s", intervalLength: 600, intervalCount: 3, study: .steadyState(warmUp: 600), contactTypes: [type])
    type.handleTimeFactors = [0.5, 1.5, 3]
    let profiled = Scenario(name: "s", intervalLength: 600, intervalCount: 3, study: .steadyState(warmUp: 600), contactTypes: [type])
    let factors = HandleTimeFactors(profiled, bucketCount: 5)
    #expect((0..<5).map { factors[ContactTypeID(0), bucket: $0] } == [0.5, 0.5, 1.5, 3, 3])
    let ones = HandleTimeFactors(plain, bucketCount: 5)
    #expect((0..<5).map { ones[ContactTypeID(0), bucket: $0] } == [1, 1, 1, 1, 1])
    #expect(profiled.contactTypes[0].meanHandleTime(interval: 2) == 300)
    #expect(profiled.contactTypes[0].largestMeanHandleTime == 300)
  }

  /// Multiplying a draw by f is drawing from the family's member with every scale parameter times f
  /// (the mean times f, the CV, phases and Weibull shape kept; a normal's sd, a uniform's bounds and
  /// an empirical distribution's values times f), draw for draw on the same stream: the scaling is
  /// exact in distribution for every family a scenario can name.
  @Test(arguments: families)
  func scalingADrawIsDrawingTheScaledDistribution(plain: Distribution) {
    let scaled = Self.scaled(plain, by: 1.3)
    let key = StreamKey(master: 9, replication: 0, purpose: .handleTime, index: 0)
    let (a, b) = (RandomStream(key: key), RandomStream(key: key))
    let (plainSampler, scaledSampler) = (Sampler(plain), Sampler(scaled))
    for _ in 0..<2_000 {
      let drawn = a.sample(plainSampler) * 1.3
      let direct = b.sample(scaledSampler)
      #expect(abs(drawn - direct) <= 1e-9 * direct, "\(plain): \(drawn) × 1.3 vs \(direct)")
    }
    #expect(abs(scaled.mean - plain.mean * 1.3) <= 1e-9 * scaled.mean)
  }

  /// One member of every family a scenario can name.
  static let families: [Distribution] = [
    .exponential(mean: 240), .gamma(mean: 240, cv: 0.7), .erlang(mean: 240, phases: 3), .lognormal(mean: 240, cv: 0.8),
    .weibull(mean: 240, shape: 1.4), .truncatedNormal(mean: 240, standardDeviation: 90),
    .uniform(minimum: 60, maximum: 400), .hyperexponential(mean: 240, cv: 2), .deterministic(value: 240),
    .empirical(values: [60, 120, 300, 900], interpolated: false), .empirical(values: [60, 120, 300, 900], interpolated: true),
  ]

  /// The family's member with every scale parameter times `f`.
  static func scaled(_ distribution: Distribution, by f: Double) -> Distribution {
    switch distribution {
    case .deterministic(let value): .deterministic(value: value * f)
    case .exponential(let mean): .exponential(mean: mean * f)
    case .gamma(let mean, let cv): .gamma(mean: mean * f, cv: cv)
    case .erlang(let mean, let phases): .erlang(mean: mean * f, phases: phases)
    case .lognormal(let mean, let cv): .lognormal(mean: mean * f, cv: cv)
    case .weibull(let mean, let shape): .weibull(mean: mean * f, shape: shape)
    case .truncatedNormal(let mean, let sd): .truncatedNormal(mean: mean * f, standardDeviation: sd * f)
    case .uniform(let minimum, let maximum): .uniform(minimum: minimum * f, maximum: maximum * f)
    case .hyperexponential(let mean, let cv): .hyperexponential(mean: mean * f, cv: cv)
    case .empirical(let values, let interpolated): .empirical(values: values.map { $0 * f }, interpolated: interpolated)
    }
  }
}
