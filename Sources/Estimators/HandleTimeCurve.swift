import CGSL

/// The day curve of the mean handle time of one type, from its served calls by the interval their
/// service started in, and whether the data show one at all.
///
/// Each interval's mean m̂ᵢ has standard error sᵢ/√nᵢ (its calls' sample standard deviation).
/// Homogeneity — one mean all day — is tested with the Wald statistic
/// W = Σ (m̂ᵢ − m̄)² / se²ᵢ, m̄ the inverse-variance weighted mean, against χ² with k − 1 degrees of
/// freedom over the k intervals with at least ``minimumCalls`` calls (Cochran's test of
/// homogeneity; Cochran 1954, Biometrics 10(1)). Below `level` (default 1%) the curve is kept and
/// each such interval's factor is m̂ᵢ ÷ the type's mean; other intervals keep the factor 1.
public struct HandleTimeCurve: Hashable, Sendable {
  /// Σ, Σ² and count of the handle times of the calls whose service started in one interval.
  public struct Sums: Hashable, Sendable {
    public var sum = 0.0, squares = 0.0, count = 0
    public init() {}
    public mutating func add(_ handle: Double) {
      sum += handle
      squares += handle * handle
      count += 1
    }
  }

  /// Intervals with fewer calls keep the factor 1 and stay out of the test.
  public static let minimumCalls = 30

  /// The mean per interval (`nil` below ``minimumCalls`` calls), Cochran's W, its degrees of
  /// freedom and p-value (`nil` with fewer than two intervals to compare).
  public var means: [Double?]
  public var statistic: Double?
  public var degreesOfFreedom: Int
  public var pValue: Double?
  /// The factor per interval to write in the scenario, or `nil` when one mean fits the day.
  public var factors: [Double]?

  /// - Parameters:
  ///   - sums: One per interval of the opening hours.
  ///   - mean: The type's fitted mean handle time, the factors' denominator.
  public init(_ sums: [Sums], mean: Double, level: Double = 0.01) {
    means = sums.map { $0.count >= Self.minimumCalls ? $0.sum / Double($0.count) : nil }
    var weighted = 0.0, weights = 0.0
    var terms: [(mean: Double, variance: Double)] = []
    for interval in sums where interval.count >= Self.minimumCalls {
      let n = Double(interval.count)
      let m = interval.sum / n
      let variance = max((interval.squares - n * m * m) / (n - 1), 0) / n
      guard variance > 0 else { continue }
      terms.append((m, variance))
      weighted += m / variance
      weights += 1 / variance
    }
    degreesOfFreedom = max(terms.count - 1, 0)
    guard terms.count >= 2, mean > 0 else { return }
    let pooled = weighted / weights
    let w = terms.reduce(0) { $0 + ($1.mean - pooled) * ($1.mean - pooled) / $1.variance }
    statistic = w
    let p = gsl_cdf_chisq_Q(w, Double(degreesOfFreedom))
    pValue = p
    guard p < level else { return }
    factors = means.map { m in m.map { min(max($0 / mean, 0.01), 10) } ?? 1 }
  }
}
