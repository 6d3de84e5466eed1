import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A probability distribution of a non-negative duration (handle time, patience, delay), in
/// seconds, parameterised the way a planner describes it: a mean, and a coefficient of
/// variation (CV = standard deviation ÷ mean) where the shape is free.
///
///     let handle = Distribution.lognormal(mean: 300, cv: 0.8)
///     let sampler = Sampler(handle)
///     let seconds = stream.sample(sampler)
///
/// Every case is sampled through GSL (`gsl_ran_*`), except `deterministic` and the index draw of
/// `empirical`, which need only a uniform. Parameters are validated by ``problem``; a
/// ``Sampler`` refuses invalid ones with a precondition (GSL's error handler would abort).
public enum Distribution: Hashable, Sendable {
  /// Always `value` (≥ 0).
  case deterministic(value: Double)
  /// Exponential with the given mean (> 0): CV 1, memoryless.
  case exponential(mean: Double)
  /// Gamma with the given mean (> 0) and CV (> 0): shape 1/CV², scale mean·CV². With CV = 1/√k it
  /// is the Erlang-k distribution (k exponential phases).
  case gamma(mean: Double, cv: Double)
  /// Erlang with `phases` (≥ 1) exponential phases and the given total mean: CV 1/√phases.
  case erlang(mean: Double, phases: Int)
  /// Lognormal with the given mean (> 0) and CV (> 0): σ² = ln(1 + CV²), μ = ln(mean) − σ²/2.
  case lognormal(mean: Double, cv: Double)
  /// Weibull with the given mean (> 0) and shape k (> 0): scale = mean / Γ(1 + 1/k). Shape 1 is
  /// the exponential; shape < 1 has a falling hazard (impatient callers leave early).
  case weibull(mean: Double, shape: Double)
  /// A normal distribution with mean `mean` and standard deviation `standardDeviation` (> 0),
  /// truncated at zero (draws below zero are redrawn). `mean` is the mean *before* truncation;
  /// the mean of the draws is ``Distribution/mean``, which is slightly larger when
  /// `mean < 3·standardDeviation`.
  case truncatedNormal(mean: Double, standardDeviation: Double)
  /// Uniform on `minimum...maximum` (0 ≤ minimum < maximum).
  case uniform(minimum: Double, maximum: Double)
  /// Two-phase hyperexponential with the given mean (> 0) and CV (> 1), with balanced means
  /// (each phase carries half the mean: p₁/μ₁ = p₂/μ₂): p₁ = (1 + √((CV² − 1)/(CV² + 1)))/2.
  /// Source: Whitt, "Approximating a point process by a renewal process", Oper. Res. 30 (1982).
  case hyperexponential(mean: Double, cv: Double)
  /// The observed `values` (≥ 0, at least one; at least two when interpolated). Without
  /// interpolation each draw is one of the values, equally likely. With interpolation the draw
  /// follows the piecewise-linear distribution function through the sorted values (the i-th of n
  /// sorted values is the (i/(n−1)) quantile), so draws fall between observations too.
  case empirical(values: [Double], interpolated: Bool)

  /// The smallest mean of a distribution that has one, 10⁻²⁰⁰ s: below it (from about 10⁻²⁹⁰ s)
  /// the scale GSL is given (mean·cv², mean ÷ Γ(1 + 1/shape), mean ÷ phases) underflows to 0.
  public static let smallestMean = 1e-200

  /// The name used in scenario files.
  public var name: String {
    switch self {
    case .deterministic: "deterministic"
    case .exponential: "exponential"
    case .gamma: "gamma"
    case .erlang: "erlang"
    case .lognormal: "lognormal"
    case .weibull: "weibull"
    case .truncatedNormal: "normal"
    case .uniform: "uniform"
    case .hyperexponential: "hyperexponential"
    case .empirical: "empirical"
    }
  }

  /// What is wrong with the parameters, phrased as what was expected; `nil` when they are valid.
  public var problem: String? {
    func positive(_ x: Double) -> Bool { x.isFinite && x > 0 }
    // A mean below `smallestMean` makes a derived scale (mean·cv², mean/Γ(1 + 1/k), mean/phases) underflow to 0.
    func meanProblem(_ mean: Double) -> String? {
      !positive(mean) ? "a mean > 0" : mean < Self.smallestMean ? "a mean ≥ 1e-200 s" : nil
    }
    switch self {
    case .deterministic(let value):
      return value.isFinite && value >= 0 ? nil : "a value ≥ 0"
    case .exponential(let mean):
      return meanProblem(mean)
    case .gamma(let mean, let cv), .lognormal(let mean, let cv):
      return meanProblem(mean) ?? (!positive(cv) ? "a cv > 0" : nil)
    case .erlang(let mean, let phases):
      return meanProblem(mean) ?? (phases < 1 || phases > 10_000 ? "phases in 1...10000" : nil)
    case .weibull(let mean, let shape):
      return meanProblem(mean) ?? (!(shape.isFinite && shape >= 0.05) ? "a shape ≥ 0.05" : nil)
    case .truncatedNormal(let mean, let sd):
      guard mean.isFinite else { return "a finite mean" }
      guard positive(sd) else { return "a standard deviation > 0" }
      return mean / sd >= -5 ? nil : "a mean above −5 standard deviations (almost every draw would be below zero)"
    case .uniform(let minimum, let maximum):
      return minimum.isFinite && maximum.isFinite && minimum >= 0 && minimum < maximum
        ? nil : "0 ≤ minimum < maximum"
    case .hyperexponential(let mean, let cv):
      return meanProblem(mean) ?? (!(cv.isFinite && cv > 1) ? "a cv > 1" : nil)
    case .empirical(let values, let interpolated):
      if values.isEmpty || (interpolated && values.count < 2) {
        return interpolated ? "at least two values" : "at least one value"
      }
      return values.allSatisfy { $0.isFinite && $0 >= 0 } ? nil : "values that are all ≥ 0"
    }
  }

  /// The exact mean of the draws (seconds).
  public var mean: Double {
    switch self {
    case .deterministic(let value): return value
    case .exponential(let mean), .gamma(let mean, _), .erlang(let mean, _), .lognormal(let mean, _),
         .weibull(let mean, _), .hyperexponential(let mean, _):
      return mean
    case .truncatedNormal(let mean, let sd):
      let alpha = -mean / sd
      return mean + sd * gsl_ran_ugaussian_pdf(alpha) / gsl_cdf_ugaussian_Q(alpha)
    case .uniform(let minimum, let maximum): return (minimum + maximum) / 2
    case .empirical(let values, let interpolated):
      guard interpolated else { return values.reduce(0, +) / Double(values.count) }
      let sorted = values.sorted()
      let inner = sorted.dropFirst().dropLast().reduce(0, +)
      return (inner + (sorted.first! + sorted.last!) / 2) / Double(sorted.count - 1)
    }
  }

  /// The exact variance of the draws (seconds²).
  public var variance: Double {
    switch self {
    case .deterministic: return 0
    case .exponential(let mean): return mean * mean
    case .gamma(let mean, let cv), .lognormal(let mean, let cv), .hyperexponential(let mean, let cv):
      return mean * mean * cv * cv
    case .erlang(let mean, let phases): return mean * mean / Double(phases)
    case .weibull(let mean, let shape):
      let scale = mean / gsl_sf_gamma(1 + 1 / shape)
      return scale * scale * gsl_sf_gamma(1 + 2 / shape) - mean * mean
    case .truncatedNormal(let mean, let sd):
      let alpha = -mean / sd
      let lambda = gsl_ran_ugaussian_pdf(alpha) / gsl_cdf_ugaussian_Q(alpha)
      return sd * sd * (1 + alpha * lambda - lambda * lambda)
    case .uniform(let minimum, let maximum): return (maximum - minimum) * (maximum - minimum) / 12
    case .empirical(let values, let interpolated):
      let sorted = values.sorted()
      guard interpolated else {
        let m = self.mean
        return sorted.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(sorted.count)
      }
      // Mixture of n − 1 equally likely uniforms on consecutive order statistics.
      var secondMoment = 0.0
      for (a, b) in zip(sorted, sorted.dropFirst()) { secondMoment += (a * a + a * b + b * b) / 3 }
      secondMoment /= Double(sorted.count - 1)
      return secondMoment - mean * mean
    }
  }

  /// Standard deviation ÷ mean; 0 when the mean is 0.
  public var coefficientOfVariation: Double { mean > 0 ? variance.squareRoot() / mean : 0 }
}

/// A distribution with its GSL parameters worked out once, ready for fast repeated draws.
///
/// The parameters are plain numbers beside a payload-free kind, so a draw copies no reference
/// (no retain or release in the simulation's inner loop); only `empirical` reads its table.
public struct Sampler: Sendable {
  @usableFromInline enum Kind: Sendable {
    case constant, exponential, gamma, lognormal, weibull, truncatedNormal, uniform, hyperexponential
    case empirical, interpolated
  }
  @usableFromInline let kind: Kind
  @usableFromInline let a: Double
  @usableFromInline let b: Double
  @usableFromInline let c: Double
  /// The sorted observations of an empirical distribution; empty otherwise.
  @usableFromInline let table: [Double]
  public let distribution: Distribution

  /// - Precondition: `distribution.problem == nil`.
  public init(_ distribution: Distribution) {
    precondition(distribution.problem == nil, "\(distribution): expected \(distribution.problem ?? "")")
    self.distribution = distribution
    var table: [Double] = []
    var (a, b, c) = (0.0, 0.0, 0.0)
    switch distribution {
    case .deterministic(let value):
      kind = .constant; a = value
    case .exponential(let mean):
      kind = .exponential; a = mean
    case .gamma(let mean, let cv):
      // Below `Sampler.smallestCV` the shape 1/cv² would overflow to infinity (from cv ≈ 7.5e-155);
      // the spread is then under half an ulp of the mean, so the shape is capped at 2¹⁰⁶: GSL still
      // draws (one normal and one uniform, as for the uncapped shape) and returns the mean to double
      // precision.
      kind = .gamma
      (a, b) = cv >= Self.smallestCV ? (1 / (cv * cv), mean * cv * cv) : (0x1p106, mean * 0x1p-106)   // shape, scale
    case .erlang(let mean, let phases):
      kind = .gamma; (a, b) = (Double(phases), mean / Double(phases))
    case .lognormal(let mean, let cv):
      kind = .lognormal; (a, b) = Self.lognormalParameters(mean: mean, cv: cv)
    case .weibull(let mean, let shape):
      kind = .weibull; (a, b) = (mean / gsl_sf_gamma(1 + 1 / shape), shape)              // scale, shape
    case .truncatedNormal(let mean, let sd):
      kind = .truncatedNormal; (a, b) = (mean, sd)
    case .uniform(let minimum, let maximum):
      kind = .uniform; (a, b) = (minimum, maximum)
    case .hyperexponential(let mean, let cv):
      let c2 = cv * cv
      let p1 = (1 + ((c2 - 1) / (c2 + 1)).squareRoot()) / 2
      kind = .hyperexponential; (a, b, c) = (p1, mean / (2 * p1), mean / (2 * (1 - p1)))  // p₁, means
    case .empirical(let values, let interpolated):
      kind = interpolated ? .interpolated : .empirical
      table = values.sorted()
    }
    (self.a, self.b, self.c) = (a, b, c)
    self.table = table
  }

  /// The smallest coefficient of variation sampled with its own spread, 2⁻⁵³ (≈ 1.1e-16): below it a
  /// draw's standard deviation is under half an ulp of its mean, so the draw is the mean to double
  /// precision. Gamma and lognormal draws with a smaller CV still take their random numbers from the
  /// stream, as many as with this CV, so the draws that follow are the same.
  public static let smallestCV = 0x1p-53

  /// Lognormal ζ and σ for a mean and CV: σ² = ln(1 + CV²), ζ = ln(mean) − σ²/2.
  ///
  /// Forming 1 + CV² loses CV² to rounding for small CVs (1 + CV² is exactly 1 from CV ≈ 1.05e-8,
  /// which made σ = 0); below CV 10⁻⁴ σ² is computed as log1p(CV²), and below 2⁻⁵³, where
  /// ln(1 + CV²) = CV² to double precision and CV² may underflow, σ is the CV itself. From CV 10⁻⁴ up
  /// the formula is the original one, so the draws of existing scenarios are unchanged.
  static func lognormalParameters(mean: Double, cv: Double) -> (zeta: Double, sigma: Double) {
    let sigma2 = cv < smallestCV ? cv * cv : cv < 1e-4 ? log1p(cv * cv) : gsl_sf_log(1 + cv * cv)
    let sigma = cv < smallestCV ? cv : sigma2.squareRoot()
    return (gsl_sf_log(mean) - sigma2 / 2, sigma)
  }
}
