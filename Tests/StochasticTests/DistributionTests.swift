import Foundation
import Testing
@testable import Stochastic

struct DistributionTests {
  static let cases: [Distribution] = [
    .deterministic(value: 42),
    .exponential(mean: 180),
    .gamma(mean: 300, cv: 0.5),
    .erlang(mean: 240, phases: 3),
    .lognormal(mean: 300, cv: 0.8),
    .weibull(mean: 120, shape: 1.5),
    .weibull(mean: 120, shape: 0.7),
    .truncatedNormal(mean: 100, standardDeviation: 80),
    .uniform(minimum: 30, maximum: 90),
    .hyperexponential(mean: 200, cv: 1.5),
    .empirical(values: [30, 45, 60, 60, 200], interpolated: false),
    .empirical(values: [30, 45, 60, 60, 200], interpolated: true),
  ]

  /// Sample mean and variance of 400 000 draws against the exact moments, each within 5 of its
  /// own standard errors (the variance's from the sample's fourth central moment).
  @Test(arguments: cases)
  func momentsMatchTheParameters(distribution: Distribution) {
    let stream = RandomStream(key: StreamKey(master: 2026, replication: 0, purpose: .handleTime, index: 0))
    let sampler = Sampler(distribution)
    let n = 400_000
    var draws = [Double](repeating: 0, count: n)
    for i in 0..<n { draws[i] = stream.sample(sampler) }
    #expect(draws.allSatisfy { $0 >= 0 })
    let mean = draws.reduce(0, +) / Double(n)
    let m2 = draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(n)
    let m4 = draws.reduce(0) { $0 + pow4($1 - mean) } / Double(n)
    let exact = distribution.mean
    if distribution.variance == 0 {
      #expect(draws.allSatisfy { $0 == exact })
      return
    }
    let meanError = (m2 / Double(n)).squareRoot()
    #expect(abs(mean - exact) <= 5 * meanError, "mean \(mean) vs exact \(exact) ± \(meanError)")
    let varianceError = ((m4 - m2 * m2) / Double(n)).squareRoot()
    #expect(abs(m2 - distribution.variance) <= 5 * varianceError,
            "variance \(m2) vs exact \(distribution.variance) ± \(varianceError)")
  }

  @Test(arguments: [
    (Distribution.gamma(mean: 300, cv: 0.5), 0.5),
    (.lognormal(mean: 300, cv: 0.8), 0.8),
    (.hyperexponential(mean: 200, cv: 1.5), 1.5),
    (.erlang(mean: 240, phases: 4), 0.5),
    (.exponential(mean: 10), 1),
  ])
  func coefficientOfVariationIsTheOneAskedFor(distribution: Distribution, cv: Double) {
    #expect(abs(distribution.coefficientOfVariation - cv) < 1e-12)
  }

  @Test func weibullAndTruncatedNormalHaveTextbookMoments() {
    // Weibull with shape 1 is the exponential.
    #expect(abs(Distribution.weibull(mean: 50, shape: 1).variance - 2500) < 1e-9)
    // Half-normal (mean 0 before truncation): mean σ√(2/π), variance σ²(1 − 2/π).
    let half = Distribution.truncatedNormal(mean: 0, standardDeviation: 10)
    #expect(abs(half.mean - 10 * (2 / Double.pi).squareRoot()) < 1e-12)
    #expect(abs(half.variance - 100 * (1 - 2 / Double.pi)) < 1e-10)
  }

  @Test func empiricalWithoutInterpolationDrawsOnlyObservedValues() {
    let stream = RandomStream(key: StreamKey(master: 1, replication: 0, purpose: .handleTime, index: 0))
    let sampler = Sampler(.empirical(values: [5, 7, 11], interpolated: false))
    var seen: [Double: Int] = [:]
    for _ in 0..<30_000 { seen[stream.sample(sampler), default: 0] += 1 }
    #expect(Set(seen.keys) == [5, 7, 11])
    // Each value equally likely: 10 000 expected, binomial sd ≈ 82.
    #expect(seen.values.allSatisfy { abs($0 - 10_000) < 500 })
  }

  @Test(arguments: [
    (Distribution.exponential(mean: 0), "a mean > 0"),
    (.gamma(mean: 10, cv: 0), "a cv > 0"),
    (.lognormal(mean: 10, cv: -1), "a cv > 0"),
    (.hyperexponential(mean: 10, cv: 0.9), "a cv > 1"),
    (.uniform(minimum: 5, maximum: 5), "0 ≤ minimum < maximum"),
    (.empirical(values: [3], interpolated: true), "at least two values"),
    (.empirical(values: [], interpolated: false), "at least one value"),
    (.erlang(mean: 10, phases: 0), "phases in 1...10000"),
  ])
  func invalidParametersAreNamed(distribution: Distribution, expected: String) {
    #expect(distribution.problem == expected)
  }

  @Test func sameSeedSameDraws() {
    let seed = StreamKey(master: 9, replication: 4, purpose: .patience, index: 2)
    let sampler = Sampler(.lognormal(mean: 100, cv: 1))
    let a = RandomStream(key: seed), b = RandomStream(key: seed)
    for _ in 0..<100 { #expect(a.sample(sampler) == b.sample(sampler)) }
  }
}

private func pow4(_ x: Double) -> Double { (x * x) * (x * x) }

struct AccumulatorTests {
  @Test func timeWeightedIntegratesAPiecewiseConstantLevel() {
    var level = TimeWeighted(startingAt: 100)
    level.set(2, at: 110)   // 0 for 10 s
    level.add(3, at: 120)   // 2 for 10 s, then 5
    level.set(1, at: 130)   // 5 for 10 s, then 1
    #expect(level.area(until: 140) == 0 + 20 + 50 + 10)
    #expect(level.average(until: 140) == 80.0 / 40)
  }

  /// Exponential waits: the p-quantile is −mean·ln(1 − p). With 200 000 draws the sample quantile's
  /// own error is below 1%, and the histogram adds at most 1%.
  @Test(arguments: [0.5, 0.8, 0.9, 0.95, 0.99])
  func histogramQuantilesOfExponentialWaits(probability: Double) throws {
    let stream = RandomStream(key: StreamKey(master: 3, replication: 0, purpose: .patience, index: 0))
    var waits = QuantileHistogram()
    for _ in 0..<200_000 { waits.record(seconds: stream.exponential(mean: 60)) }
    let exact = -60 * log(1 - probability)
    let estimate = try #require(waits.quantile(probability))
    #expect(abs(estimate - exact) <= 0.03 * exact, "p\(probability): \(estimate) vs \(exact)")
    #expect(waits.count == 200_000)
  }

  /// Deferred work waiting for weeks: 17 days and a year are within 1% (they were once capped
  /// at 606 076.928 s, about a week); above 400 days a value reads as the top of the range.
  @Test(arguments: [17 * 86_400.0, 30 * 86_400.0, 365 * 86_400.0])
  func histogramQuantilesOfWaitsOfDays(seconds: Double) throws {
    var waits = QuantileHistogram()
    for i in 0..<1_000 { waits.record(seconds: seconds * (0.9 + 0.2 * Double(i) / 1_000)) }
    let median = try #require(waits.quantile(0.5))
    #expect(abs(median - seconds) <= 0.01 * seconds, "p50 \(median) vs \(seconds)")
    let p99 = try #require(waits.quantile(0.99))
    #expect(abs(p99 - 1.098 * seconds) <= 0.01 * 1.098 * seconds, "p99 \(p99)")
    #expect(median < p99)
  }

  @Test func waitsAboveTheRangeReadAsItsTop() throws {
    var waits = QuantileHistogram()
    waits.record(seconds: 500 * 86_400)
    let top = try #require(waits.quantile(0.5))
    #expect(abs(top - QuantileHistogram.highestSeconds) <= 0.01 * QuantileHistogram.highestSeconds)
  }

  @Test func histogramsMergeExactlyAndKeepZeros() throws {
    var a = QuantileHistogram(), b = QuantileHistogram(), both = QuantileHistogram()
    for i in 0..<1000 {
      let value = i % 4 == 0 ? 0 : Double(i) / 10
      if i % 2 == 0 { a.record(seconds: value) } else { b.record(seconds: value) }
      both.record(seconds: value)
    }
    a.merge(b)
    #expect(a == both)
    #expect(try #require(a.quantile(0.2)) == 0)
    #expect(QuantileHistogram().quantile(0.5) == nil)
  }
}

