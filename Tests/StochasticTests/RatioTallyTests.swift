import Testing
@testable import Stochastic

/// The ratio-of-sums estimator and its delta-method interval, on hand-worked numbers and on
/// synthetic pairs whose long-run ratio is known.
struct RatioTallyTests {
  /// (30, 10) and (10, 10): R = 40/20 = 2; residuals Y − 2X = 10 and −10, s = √200, and the
  /// standard error s ÷ (√2 · 10) = 1.
  @Test func handWorkedPairs() throws {
    var tally = RatioTally()
    tally.add(numerator: 30, denominator: 10)
    tally.add(numerator: 10, denominator: 10)
    #expect(tally.ratio == 2)
    let error = try #require(tally.standardError)
    #expect(abs(error - 1) <= 1e-12)
    let interval = try #require(tally.confidenceInterval(level: 0.95))
    #expect(abs(interval.halfWidth - StudentT.quantile(0.975, degreesOfFreedom: 1)) <= 1e-9)
  }

  @Test func emptyDenominatorsHaveNoRatio() {
    var tally = RatioTally()
    tally.add(numerator: 0, denominator: 0)
    tally.add(numerator: 0, denominator: 0)
    #expect(tally.ratio == nil && tally.standardError == nil && tally.confidenceInterval() == nil)
  }

  /// A large common offset does not cancel: the centred moments give the same error as small numbers.
  @Test func offsetsDoNotCancel() throws {
    var small = RatioTally(), large = RatioTally()
    for (y, x) in [(3.0, 1.0), (5, 2), (4, 2), (9, 4)] {
      small.add(numerator: y, denominator: x)
      large.add(numerator: y * 1e9, denominator: x * 1e9)
    }
    let largeError = try #require(large.standardError), smallError = try #require(small.standardError)
    #expect(abs(largeError - smallError) <= 1e-9 * smallError)
  }

  /// X uniform on 1…9 and Y = X·(X + E) with E exponential (mean 2): E[Y]/E[X] = (285/9 + 10)/5 =
  /// 8.3333…, while E[Y/X] = 7, so the mean of ratios converges to the wrong value. Over 2,000
  /// experiments of 40 pairs (fixed seed), the 95% delta-method interval covers 8.3333… in 93–97% of
  /// them (the binomial standard error of the coverage is 0.5%), and the pooled ratio of sums is
  /// within 4 standard errors of the truth while the mean of ratios is far off.
  @Test func deltaMethodIntervalsCoverTheKnownRatio() throws {
    let truth = (285.0 / 9 + 10) / 5
    let stream = RandomStream(key: StreamKey(master: 2026_12_07, replication: 0, purpose: .handleTime, index: 0))
    var covered = 0, pooled = RatioTally(), ratios = Tally()
    let experiments = 2_000
    for _ in 0..<experiments {
      var tally = RatioTally()
      for _ in 0..<40 {
        let x = Double(1 + stream.uniformIndex(below: 9))
        let y = x * (x + stream.exponential(mean: 2))
        tally.add(numerator: y, denominator: x)
        pooled.add(numerator: y, denominator: x)
        ratios.add(y / x)
      }
      if try #require(tally.confidenceInterval(level: 0.95)).contains(truth) { covered += 1 }
    }
    let coverage = Double(covered) / Double(experiments)
    #expect((0.93...0.97).contains(coverage), "coverage \(coverage)")
    let ratio = try #require(pooled.ratio), error = try #require(pooled.standardError)
    #expect(abs(ratio - truth) <= 4 * error, "\(ratio) ± \(error) vs \(truth)")
    #expect(abs(ratios.mean - 7) <= 0.05 && truth - ratios.mean > 1)
  }
}
