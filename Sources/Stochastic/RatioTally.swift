/// The ratio-of-sums estimator of a long-run ratio, R = E[Y] ÷ E[X], from independent pairs
/// (Yᵢ, Xᵢ) — one per replication, e.g. the sum of waits and the number answered — with its
/// confidence interval by the delta method.
///
/// A steady-state metric such as the mean wait is a ratio of two totals. The mean of per-replication
/// ratios, (1/n)·Σ Yᵢ/Xᵢ, converges to E[Y/X], which differs from E[Y]/E[X] by a bias of order
/// 1/E[X] (small windows: few contacts per replication); adding replications does not remove it.
/// R̂ = Σ Yᵢ ÷ Σ Xᵢ is consistent as the number of replications grows, with bias of order 1/n.
/// Its standard error is the linearisation s(Yᵢ − R̂·Xᵢ) ÷ (√n · X̄), and the interval uses
/// Student's t with n − 1 degrees of freedom.
/// Source: Law, *Simulation Modeling and Analysis* (5th ed., 2015), §9.5.3 (ratio estimators of
/// steady-state means from regenerative or replicated runs); Asmussen & Glynn, *Stochastic
/// Simulation* (2007), §III.3 (the delta method).
///
///     var tally = RatioTally()
///     tally.add(numerator: 30, denominator: 10)
///     tally.add(numerator: 10, denominator: 10)
///     tally.ratio          // 2 (40 ÷ 20), where the mean of ratios would also be 2
///
/// The moments are updated one pair at a time (Welford's centred sums, and their co-moment), so a
/// large common offset in the totals does not cancel.
public struct RatioTally: Hashable, Sendable {
  public private(set) var count = 0
  /// The means of the numerators and of the denominators.
  public private(set) var meanNumerator = 0.0
  public private(set) var meanDenominator = 0.0
  private var squaresNumerator = 0.0, squaresDenominator = 0.0, coMoment = 0.0

  public init() {}

  /// Adds one replication's numerator and denominator (both finite; the denominator ≥ 0).
  public mutating func add(numerator: Double, denominator: Double) {
    count += 1
    let n = Double(count)
    let dy = numerator - meanNumerator, dx = denominator - meanDenominator
    meanNumerator += dy / n
    meanDenominator += dx / n
    squaresNumerator += dy * (numerator - meanNumerator)
    squaresDenominator += dx * (denominator - meanDenominator)
    coMoment += dy * (denominator - meanDenominator)
  }

  /// Σ numerators ÷ Σ denominators; `nil` when every denominator is 0.
  public var ratio: Double? { meanDenominator > 0 ? meanNumerator / meanDenominator : nil }

  /// The delta-method standard error of ``ratio``: √(Σ (Yᵢ − R̂Xᵢ)² ÷ (n − 1)) ÷ (√n · X̄); 0 with
  /// fewer than two pairs, `nil` when every denominator is 0.
  public var standardError: Double? {
    guard let ratio else { return nil }
    guard count > 1 else { return 0 }
    // Σ (Yᵢ − R̂Xᵢ)² = Σ ((Yᵢ − Ȳ) − R̂(Xᵢ − X̄))², since Ȳ = R̂X̄.
    let residualSquares = max(0, squaresNumerator - 2 * ratio * coMoment + ratio * ratio * squaresDenominator)
    let n = Double(count)
    return (residualSquares / (n - 1)).squareRoot() / (n.squareRoot() * meanDenominator)
  }

  /// The `level` confidence interval of the ratio: R̂ ± t(1 − (1 − level)/2, n − 1) · standard error;
  /// infinitely wide with one pair, `nil` when every denominator is 0.
  /// - Parameter level: In (0, 1), e.g. 0.95.
  public func confidenceInterval(level: Double = 0.95) -> ConfidenceInterval? {
    precondition(level > 0 && level < 1, "confidence level must be in (0, 1), got \(level)")
    guard let ratio, let standardError else { return nil }
    guard count > 1 else { return ConfidenceInterval(mean: ratio, halfWidth: .infinity, level: level) }
    let t = StudentT.quantile(1 - (1 - level) / 2, degreesOfFreedom: Double(count - 1))
    return ConfidenceInterval(mean: ratio, halfWidth: t * standardError, level: level)
  }
}
