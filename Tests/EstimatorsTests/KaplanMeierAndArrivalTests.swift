import Foundation
import Stochastic
import Testing
@testable import Estimators

struct KaplanMeierTests {
  /// A hand-worked example: durations 2, 3+, 3, 5, 5, 7+, 8 (+ = censored).
  /// t=2: 7 at risk, 1 event → S = 6/7. t=3: 6 at risk (the censored 3 still at risk), 1 event →
  /// S = 6/7 · 5/6 = 5/7. t=5: 4 at risk, 2 events → 5/7 · 2/4 = 5/14. t=8: 1 at risk, 1 event → 0.
  @Test func handWorkedCurve() {
    var data = Lifetimes()
    for (time, observed) in [(2.0, true), (3, false), (3, true), (5, true), (5, true), (7, false), (8, true)] {
      data.append(time, observed: observed)
    }
    let curve = KaplanMeier(data)
    #expect(curve.steps.map(\.time) == [2, 3, 5, 8])
    #expect(curve.steps.map(\.atRisk) == [7, 6, 4, 1])
    let expected = [6.0 / 7, 5.0 / 7, 5.0 / 14, 0]
    for (step, value) in zip(curve.steps, expected) { #expect(abs(step.survival - value) < 1e-12) }
    // Greenwood at t = 2: S² · 1/(7·6).
    #expect(abs(curve.steps[0].standardError - (6.0 / 7) * (1.0 / 42).squareRoot()) < 1e-12)
    #expect(curve.survival(at: 1) == 1)
    #expect(abs(curve.survival(at: 4) - 5.0 / 7) < 1e-12)
  }

  @Test func curveOfCensoredPatienceCoversTheTruth() {
    let data = censoredPatience(calls: 20_000)
    let curve = KaplanMeier(data)
    let shape = 0.8
    let scale = 180 / tgamma(1 + 1 / shape)
    for t in [10.0, 30, 60] {
      let truth = exp(-pow(t / scale, shape))
      let step = curve.steps.last { $0.time <= t }!
      #expect(abs(step.survival - truth) < 3 * step.standardError, "S(\(t)) = \(step.survival) ± \(step.standardError), truth \(truth)")
    }
  }
}

struct ArrivalEstimateTests {
  /// 60 days of Poisson arrivals over a known 8-interval curve, each day's rate multiplied by a
  /// gamma day factor of mean 1 and cv 0.15.
  @Test func meansAndBusynessFromKnownTruth() throws {
    let profile = [20.0, 35, 60, 80, 75, 50, 40, 25]
    let cv = 0.15
    let draws = RandomStream(key: StreamKey(master: 7, replication: 0, purpose: .arrivals, index: 0))
    func poisson(_ mean: Double) -> Double {
      var count = 0.0
      var clock = draws.exponential(mean: 1)
      while clock < mean { count += 1; clock += draws.exponential(mean: 1) }
      return count
    }
    let counts: [[Double]] = (0..<60).map { _ in
      let factor = draws.gamma(shape: 1 / (cv * cv), scale: cv * cv)
      return profile.map { poisson($0 * factor) }
    }
    let estimates = ArrivalEstimates(counts: counts)
    #expect(estimates.days == 60)
    for (interval, truth) in profile.enumerated() {
      #expect(abs(estimates.meanPerInterval[interval] - truth) < 3 * estimates.standardErrors[interval])
    }
    let busyness = try #require(estimates.busynessCV)
    let error = try #require(estimates.busynessCVStandardError)
    #expect(abs(busyness - cv) < 3 * error, "cv \(busyness) ± \(error)")
    #expect(error < 0.05)
  }

  @Test func poissonDaysHaveNoBusynessAndOneDayHasNone() throws {
    let flat = ArrivalEstimates(counts: [[10, 10], [11, 9], [10, 10], [9, 11]])
    #expect(flat.busynessCV == 0)
    let one = ArrivalEstimates(counts: [[16, 4]])
    #expect(one.busynessCV == nil)
    #expect(one.standardErrors == [4, 2])
  }
}
