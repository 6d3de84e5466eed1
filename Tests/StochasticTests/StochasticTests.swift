import Testing
@testable import Stochastic

@Suite struct StochasticTests {
  @Test(arguments: [
    (probability: 0.975, df: 9.0, expected: 2.262157162798205),   // scipy.stats.t.ppf
    (probability: 0.995, df: 39.0, expected: 2.707913183517662),
    (probability: 0.5, df: 3.0, expected: 0.0),
  ])
  func studentTQuantileMatchesTables(probability: Double, df: Double, expected: Double) {
    let got = StudentT.quantile(probability, degreesOfFreedom: df)
    #expect(abs(got - expected) <= 1e-9 * max(1, abs(expected)), "got \(got)")
  }

  @Test func sameSeedGivesSameStreamAndPurposesDiffer() {
    let seed = StreamKey(master: 7, replication: 2, purpose: .handleTime, index: 0)
    let first = RandomStream(key: seed), second = RandomStream(key: seed)
    let a = (0..<100).map { _ in first.uniform() }, b = (0..<100).map { _ in second.uniform() }
    #expect(a == b)
    let other = RandomStream(key: StreamKey(master: 7, replication: 2, purpose: .patience, index: 0))
    #expect((0..<100).map { _ in other.uniform() } != a)
    #expect(StreamKey(master: 7, replication: 3, purpose: .handleTime, index: 0) != seed)
    #expect(StreamKey(master: 7, replication: 2, purpose: .handleTime, index: 1) != seed)
  }

  /// 40 replications of 5 000 exponential draws (mean 180 s): the exact mean lies in the 99% interval,
  /// and the interval is narrow (±1%) enough to detect a wrong parameterisation (rate vs mean).
  @Test func exponentialMeanIsInsideConfidenceInterval() {
    var means = Tally()
    for replication in 0..<40 {
      let stream = RandomStream(key: StreamKey(master: 2026, replication: replication, purpose: .handleTime, index: 0))
      var draws = Tally()
      for _ in 0..<5_000 { draws.add(stream.exponential(mean: 180)) }
      means.add(draws.mean)
    }
    let ci = means.confidenceInterval(level: 0.99)
    #expect(ci.contains(180), "exact mean 180 outside \(ci)")
    #expect(ci.halfWidth < 1.8, "interval too wide to test anything: \(ci)")
  }

  @Test func tallyMatchesTwoPassFormulas() {
    let values = [2.0, 4, 4, 4, 5, 5, 7, 9]
    var tally = Tally()
    values.forEach { tally.add($0) }
    #expect(tally.count == 8)
    #expect(abs(tally.mean - 5) < 1e-15)
    #expect(abs(tally.variance - 32.0 / 7) < 1e-13)
    let ci = tally.confidenceInterval(level: 0.95)
    #expect(abs(ci.halfWidth - 2.364624251592784 * (32.0 / 7).squareRoot() / 8.0.squareRoot()) < 1e-9)
  }
}
