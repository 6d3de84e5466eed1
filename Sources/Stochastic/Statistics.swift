import CGSL

/// Quantiles of Student's t distribution, for confidence intervals over replications.
public enum StudentT {
  /// The `probability` quantile with `degreesOfFreedom` degrees of freedom (GSL `gsl_cdf_tdist_Pinv`).
  ///
  ///     StudentT.quantile(0.975, degreesOfFreedom: 9)   // 2.2622
  ///
  /// - Parameters:
  ///   - probability: In the open interval (0, 1).
  ///   - degreesOfFreedom: > 0.
  public static func quantile(_ probability: Double, degreesOfFreedom: Double) -> Double {
    precondition(probability > 0 && probability < 1, "probability must be in (0, 1), got \(probability)")
    precondition(degreesOfFreedom > 0, "degrees of freedom must be > 0, got \(degreesOfFreedom)")
    return gsl_cdf_tdist_Pinv(probability, degreesOfFreedom)
  }
}

/// A closed interval estimate of a mean.
public struct ConfidenceInterval: Hashable, Sendable, CustomStringConvertible {
  public var mean: Double
  /// Half the width of the interval; `+infinity` with fewer than two observations.
  public var halfWidth: Double
  public var level: Double

  public var lowerBound: Double { mean - halfWidth }
  public var upperBound: Double { mean + halfWidth }
  public func contains(_ value: Double) -> Bool { lowerBound <= value && value <= upperBound }
  public var description: String { "\(mean) ± \(halfWidth) (\(level * 100)%)" }
}

/// Count, mean and variance of a sequence of observations (Welford's update: one pass, no
/// cancellation), and a Student-t confidence interval for the mean.
public struct Tally: Hashable, Sendable {
  public private(set) var count = 0
  public private(set) var mean = 0.0
  private var sumOfSquaredDeviations = 0.0

  public init() {}

  public mutating func add(_ value: Double) {
    count += 1
    let delta = value - mean
    mean += delta / Double(count)
    sumOfSquaredDeviations += delta * (value - mean)
  }

  /// Sample variance (n − 1 denominator); 0 with fewer than two observations.
  public var variance: Double { count > 1 ? sumOfSquaredDeviations / Double(count - 1) : 0 }
  public var standardDeviation: Double { variance.squareRoot() }

  /// The `level` confidence interval of the mean: mean ± t(1 − (1 − level)/2, n − 1)·s/√n.
  /// - Parameter level: In (0, 1), e.g. 0.95.
  public func confidenceInterval(level: Double = 0.95) -> ConfidenceInterval {
    precondition(level > 0 && level < 1, "confidence level must be in (0, 1), got \(level)")
    guard count > 1 else { return ConfidenceInterval(mean: mean, halfWidth: .infinity, level: level) }
    let t = StudentT.quantile(1 - (1 - level) / 2, degreesOfFreedom: Double(count - 1))
    return ConfidenceInterval(mean: mean, halfWidth: t * standardDeviation / Double(count).squareRoot(), level: level)
  }
}
