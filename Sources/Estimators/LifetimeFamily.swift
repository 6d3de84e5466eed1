import CGSL
import Foundation
import Stochastic

/// A parametric family a duration is fitted to, parametrised as the scenario format writes it:
/// by its mean and a shape (Weibull's shape k; the coefficient of variation for lognormal and
/// gamma; none for exponential), so that a fit becomes a scenario ``Distribution`` as it is.
public enum LifetimeFamily: String, CaseIterable, Hashable, Sendable {
  case exponential, weibull, lognormal, gamma

  /// Free parameters, for the AIC.
  public var parameterCount: Int { self == .exponential ? 1 : 2 }

  /// What the shape parameter is, for reports.
  public var shapeName: String? {
    switch self {
    case .exponential: nil
    case .weibull: "shape"
    case .lognormal, .gamma: "cv"
    }
  }

  /// The scenario distribution with this mean and shape.
  public func distribution(mean: Double, shape: Double) -> Distribution {
    switch self {
    case .exponential: .exponential(mean: mean)
    case .weibull: .weibull(mean: mean, shape: shape)
    case .lognormal: .lognormal(mean: mean, cv: shape)
    case .gamma: .gamma(mean: mean, cv: shape)
    }
  }

  /// The member with this mean and shape, its constants worked out once for many evaluations.
  func member(mean: Double, shape: Double) -> LifetimeMember { LifetimeMember(family: self, mean: mean, shape: shape) }

  /// The member's survival function S(t) = P(T > t), for plotting a fit over a Kaplan–Meier curve.
  public func survival(_ time: Double, mean: Double, shape: Double) -> Double {
    exp(member(mean: mean, shape: shape).logSurvival(time))
  }

  /// The member's quantile at probability `p` in (0, 1), for QQ plots.
  public func quantile(_ p: Double, mean: Double, shape: Double) -> Double {
    switch self {
    case .exponential:
      return gsl_cdf_exponential_Pinv(p, mean)
    case .weibull:
      return gsl_cdf_weibull_Pinv(p, mean / tgamma(1 + 1 / shape), shape)
    case .lognormal:
      let sigma = log1p(shape * shape).squareRoot()
      return gsl_cdf_lognormal_Pinv(p, log(mean) - sigma * sigma / 2, sigma)
    case .gamma:
      return gsl_cdf_gamma_Pinv(p, 1 / (shape * shape), mean * shape * shape)
    }
  }
}

/// One member of a family, with the constants its log-density and log-survival need.
struct LifetimeMember {
  let family: LifetimeFamily
  /// Exponential: the mean. Weibull: shape k and scale λ. Lognormal: μ and σ. Gamma: shape a and scale θ.
  private let first: Double, second: Double
  /// The part of log f(t) that does not depend on t.
  private let constant: Double

  init(family: LifetimeFamily, mean: Double, shape: Double) {
    self.family = family
    switch family {
    case .exponential:
      (first, second, constant) = (mean, 0, -log(mean))
    case .weibull:
      let scale = mean / tgamma(1 + 1 / shape)
      (first, second, constant) = (shape, scale, log(shape / scale))
    case .lognormal:
      let sigma = log1p(shape * shape).squareRoot()
      (first, second, constant) = (log(mean) - sigma * sigma / 2, sigma, -log(sigma) - 0.5 * log(2 * Double.pi))
    case .gamma:
      let a = 1 / (shape * shape)
      let theta = mean * shape * shape
      (first, second, constant) = (a, theta, -gsl_sf_lngamma(a) - a * log(theta))
    }
  }

  /// log f(t), t > 0.
  func logDensity(_ time: Double) -> Double {
    switch family {
    case .exponential: return constant - time / first
    case .weibull: return constant + (first - 1) * log(time / second) - pow(time / second, first)
    case .lognormal:
      let z = (log(time) - first) / second
      return constant - log(time) - z * z / 2
    case .gamma: return constant + (first - 1) * log(time) - time / second
    }
  }

  /// log S(t) = log P(T > t), t ≥ 0.
  func logSurvival(_ time: Double) -> Double {
    guard time > 0 else { return 0 }
    switch family {
    case .exponential: return -time / first
    case .weibull: return -pow(time / second, first)
    case .lognormal:
      // log Q(z) = log(erfc(z/√2)/2), through GSL's log erfc, which keeps the far tail finite.
      return gsl_sf_log_erfc((log(time) - first) / second / 2.0.squareRoot()) - log(2.0)
    case .gamma: return log(max(gsl_cdf_gamma_Q(time, first, second), Double.leastNormalMagnitude))
    }
  }

  /// log P(low < T ≤ high): an event recorded at a whole number of units lies within half a unit
  /// of it.
  func logMass(from low: Double, to high: Double) -> Double {
    let upper = logSurvival(low)
    let lower = logSurvival(high)
    return upper + log1p(-exp(lower - upper))
  }
}
