import Foundation
import Testing
@testable import Stochastic

/// Coefficients of variation far below anything measured are valid input: they must sample (as the
/// mean, to double precision), not trap, and take as many random numbers as a larger CV.
struct TinyCVTests {
  /// Before: lognormal σ² = ln(1 + CV²) was 0 from CV ≈ 1.05e-8 (1 + CV² rounds to 1), and the
  /// σ > 0 precondition trapped; gamma's shape 1/CV² was +∞ from CV ≈ 7.5e-155 and trapped too.
  @Test(arguments: [1e-5, 1e-8, 1e-9, 1e-16, 1e-155, 1e-200, 1e-300, 5e-324])
  func tinyCVsDrawTheMean(cv: Double) {
    for distribution in [Distribution.lognormal(mean: 300, cv: cv), .gamma(mean: 300, cv: cv)] {
      let stream = RandomStream(key: StreamKey(master: 7, replication: 0, purpose: .handleTime, index: 0))
      let sampler = Sampler(distribution)
      for _ in 0..<1_000 {
        let draw = stream.sample(sampler)
        // Within 10 standard deviations, and never further than a few ulps once the CV is below 2⁻⁵³.
        #expect(abs(draw - 300) <= 300 * max(10 * cv, 8 * Double.ulpOfOne), "\(distribution): \(draw)")
      }
    }
  }

  /// The lognormal σ for a small CV is the CV itself (ln(1 + CV²) = CV² to double precision), not
  /// the √(ln(1 + CV²)) that rounding made 0 or √2.2e-16.
  @Test(arguments: [1e-8, 1e-12, 1e-300])
  func lognormalSigmaIsTheCV(cv: Double) {
    let (zeta, sigma) = Sampler.lognormalParameters(mean: 300, cv: cv)
    #expect(abs(sigma - cv) <= 1e-12 * cv)
    #expect(abs(zeta - log(300)) <= 1e-15)
  }

  /// From CV 10⁻⁴ up the parameters are those of the original formula, bit for bit, so the draws
  /// (and every existing result) are unchanged.
  @Test(arguments: [1e-4, 0.08, 0.5, 0.8, 1, 3, 10])
  func usualCVsKeepTheOriginalParameters(cv: Double) {
    let (zeta, sigma) = Sampler.lognormalParameters(mean: 248, cv: cv)
    let sigma2 = log(1 + cv * cv)
    #expect(sigma == sigma2.squareRoot() && zeta == log(248) - sigma2 / 2)
  }

  /// Means below 1e-200 s are refused: from about 1e-290 s a derived scale underflows to 0, and
  /// the sampler's precondition would trap.
  @Test func tinyMeansAreProblems() {
    #expect(Distribution.gamma(mean: 1e-320, cv: 0.001).problem == "a mean ≥ 1e-200 s")
    #expect(Distribution.weibull(mean: 1e-250, shape: 0.05).problem == "a mean ≥ 1e-200 s")
    #expect(Distribution.erlang(mean: 5e-324, phases: 3).problem == "a mean ≥ 1e-200 s")
    #expect(Distribution.gamma(mean: 1e-200, cv: 1e-300).problem == nil)
    let stream = RandomStream(key: StreamKey(master: 3, replication: 0, purpose: .handleTime, index: 0))
    for distribution in [Distribution.gamma(mean: 1e-200, cv: 1e-300), .weibull(mean: 1e-200, shape: 0.05), .erlang(mean: 1e-200, phases: 10_000)] {
      #expect(stream.sample(Sampler(distribution)) >= 0)
    }
  }

  /// A tiny CV consumes the same random numbers as the smallest CV sampled with its spread: the
  /// stream's next uniform is the same after 1 000 draws.
  @Test(arguments: [1e-20, 1e-155, 1e-300])
  func tinyCVsTakeAsManyDrawsAsTheSmallestSampledCV(cv: Double) {
    for (tiny, reference) in [(Distribution.gamma(mean: 1, cv: cv), Distribution.gamma(mean: 1, cv: Sampler.smallestCV)),
                              (.lognormal(mean: 1, cv: cv), .lognormal(mean: 1, cv: 0.5))] {
      let a = RandomStream(key: StreamKey(master: 11, replication: 2, purpose: .busyness, index: 0))
      let b = RandomStream(key: StreamKey(master: 11, replication: 2, purpose: .busyness, index: 0))
      let (tinySampler, referenceSampler) = (Sampler(tiny), Sampler(reference))
      for _ in 0..<1_000 {
        _ = a.sample(tinySampler)
        _ = b.sample(referenceSampler)
      }
      #expect(a.uniform() == b.uniform(), "\(tiny) drew a different number of random numbers than \(reference)")
    }
  }
}
