import Foundation
import Stochastic
import Testing
@testable import Estimators

/// Synthetic data from known truth, on fixed streams.
func stream(_ index: Int) -> RandomStream {
  RandomStream(key: StreamKey(master: 20261202, replication: 0, purpose: .patience, index: index))
}

/// Callers with Weibull patience (mean 180 s, shape 0.8) who are offered an exponential wait of
/// mean 30 s: about 80% are answered, and each answered caller's patience is censored at the wait.
/// Times are recorded in whole seconds, as ACDs record them.
func censoredPatience(calls: Int) -> Lifetimes {
  let shape = 0.8
  let scale = 180 / tgamma(1 + 1 / shape)
  let patience = stream(1)
  let offered = stream(2)
  var data = Lifetimes()
  for _ in 0..<calls {
    let p = patience.weibull(scale: scale, shape: shape)
    let w = offered.exponential(mean: 30)
    data.append(min(p, w).rounded(), observed: p < w)
  }
  return data
}

struct LifetimeFitTests {
  @Test func censoredWeibullPatienceIsRecoveredWhereTheNaiveMeanFails() throws {
    let data = censoredPatience(calls: 100_000)
    let answered = Double(data.count - data.events) / Double(data.count)
    #expect(answered > 0.77 && answered < 0.83)
    let fit = try #require(LifetimeFit.maximumLikelihood(data, family: .weibull))
    let shape = try #require(fit.shape)
    let shapeError = try #require(fit.shapeStandardError)
    // Within 3 standard errors of the truth and within the issue's ±5% / ±0.1.
    #expect(abs(fit.mean - 180) < 3 * fit.meanStandardError, "mean \(fit.mean) ± \(fit.meanStandardError)")
    #expect(abs(fit.mean - 180) < 0.05 * 180, "mean \(fit.mean) ± \(fit.meanStandardError)")
    #expect(abs(shape - 0.8) < 3 * shapeError, "shape \(shape) ± \(shapeError)")
    #expect(abs(shape - 0.8) < 0.1)
    // The standard errors are of the size the sample supports, not vanishing or huge.
    #expect(fit.meanStandardError > 1 && fit.meanStandardError < 5, "se \(fit.meanStandardError)")
    // The naive mean of the abandoners' waits is the mean of min(patience, wait) given
    // abandonment: far below the true mean.
    let abandonedWaits = zip(data.times, data.observed).filter(\.1).map(\.0)
    let naive = abandonedWaits.reduce(0, +) / Double(abandonedWaits.count)
    #expect(naive < 0.7 * 180, "naive mean \(naive)")
    // AIC picks the true family.
    let ranked = LifetimeFit.ranked(data)
    #expect(ranked.first?.family == .weibull, "AIC: \(ranked.map { "\($0.family) \($0.aic)" })")
  }

  @Test func exponentialFitIsAbandonedOverTotalWaitingTime() throws {
    let data = censoredPatience(calls: 2_000)
    let fit = try #require(LifetimeFit.maximumLikelihood(data, family: .exponential, resolution: 0))
    #expect(abs(fit.mean - data.totalTime / Double(data.events)) < 1e-9 * fit.mean)
    #expect(abs(fit.meanStandardError - fit.mean / Double(data.events).squareRoot()) < 1e-9 * fit.mean)
  }

  /// Uncensored handle times of each family: the fit recovers the parameters and AIC the family.
  @Test(arguments: [
    (LifetimeFamily.lognormal, 240.0, 0.6),
    (LifetimeFamily.gamma, 200.0, 0.5),
    (LifetimeFamily.weibull, 300.0, 1.6),
  ])
  func handleTimesOfEachFamily(family: LifetimeFamily, mean: Double, shape: Double) throws {
    let draws = stream(10 + LifetimeFamily.allCases.firstIndex(of: family)!)
    let times: [Double] = (0..<5_000).map { _ in
      switch family {
      case .lognormal:
        let sigma = log1p(shape * shape).squareRoot()
        return draws.lognormal(zeta: log(mean) - sigma * sigma / 2, sigma: sigma)
      case .gamma: return draws.gamma(shape: 1 / (shape * shape), scale: mean * shape * shape)
      case .weibull: return draws.weibull(scale: mean / tgamma(1 + 1 / shape), shape: shape)
      case .exponential: return draws.exponential(mean: mean)
      }
    }
    let ranked = LifetimeFit.ranked(Lifetimes(observed: times), resolution: 0)
    let best = try #require(ranked.first)
    #expect(best.family == family, "AIC: \(ranked.map { "\($0.family) \($0.aic)" })")
    #expect(abs(best.mean - mean) < 3 * best.meanStandardError, "mean \(best.mean) ± \(best.meanStandardError)")
    let fitted = try #require(best.shape)
    #expect(abs(fitted - shape) < 3 * (best.shapeStandardError ?? 0), "shape \(fitted) ± \(best.shapeStandardError ?? .nan)")
    // The quantile function inverts the family's CDF: the fitted median is near the sample's.
    let median = times.sorted()[times.count / 2]
    #expect(abs(family.quantile(0.5, mean: best.mean, shape: fitted) / median - 1) < 0.03)
  }

  @Test func nothingToFitGivesNoFit() {
    #expect(LifetimeFit.maximumLikelihood(Lifetimes(), family: .weibull) == nil)
    var censoredOnly = Lifetimes()
    censoredOnly.append(10, observed: false)
    #expect(LifetimeFit.maximumLikelihood(censoredOnly, family: .exponential) == nil)
    // One distinct event time cannot identify a shape.
    #expect(LifetimeFit.maximumLikelihood(Lifetimes(observed: [5, 5, 5]), family: .lognormal) == nil)
  }

  @Test func zeroSecondEventsAreTakenAtHalfTheResolution() throws {
    let fit = try #require(LifetimeFit.maximumLikelihood(Lifetimes(observed: [0, 0, 3, 5, 9, 12]), family: .weibull))
    #expect(fit.mean.isFinite && fit.mean > 0)
  }
}
