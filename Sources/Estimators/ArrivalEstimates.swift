/// Arrival rates per interval and the day-to-day over-dispersion, from counts per day and interval
/// of days of one type (e.g. every weekday, or every Sunday).
///
/// - Mean per interval: the average count over the days. Its standard error is the sample
///   standard deviation over days ÷ √days when there are at least two days, and √count (Poisson)
///   for one day.
/// - Busyness: Jongbloed & Koole (2001, "Managing uncertainty in call centres using Poisson
///   mixtures", Applied Stochastic Models in Business and Industry 17(4)) model a day's arrivals as
///   Poisson with the rate profile multiplied by a random day factor of mean 1 and coefficient of
///   variation c. The daily totals N then have Var N = E N + c² (E N)², so
///   ĉ² = max(0, (s² − N̄) / N̄²) from the totals' mean N̄ and sample variance s². Its standard error
///   is the delta method on s² with Var s² ≈ 2σ⁴/(D − 1) (normal totals): se(ĉ) ≈ √(2/(D−1)) s² /
///   (2 ĉ N̄²). With fewer than 3 days nothing can be said about c and it is `nil`.
public struct ArrivalEstimates: Hashable, Sendable {
  /// Mean contacts per interval, over the days.
  public var meanPerInterval: [Double]
  public var standardErrors: [Double]
  public var days: Int
  /// Mean and sample variance of the daily totals.
  public var meanDailyTotal: Double
  public var dailyTotalVariance: Double?
  /// ĉ, the busyness coefficient of variation (the scenario's `busynessCV`), or `nil` with < 3 days.
  public var busynessCV: Double?
  public var busynessCVStandardError: Double?

  /// - Parameter counts: One row per day, one count per interval (rows of equal length).
  public init(counts: [[Double]]) {
    let intervals = counts.first?.count ?? 0
    let dayCount = counts.count
    days = dayCount
    let means = (0..<intervals).map { interval in counts.reduce(0) { $0 + $1[interval] } / Double(max(dayCount, 1)) }
    meanPerInterval = means
    standardErrors = (0..<intervals).map { interval in
      guard dayCount > 1 else { return means[interval].squareRoot() }
      let variance = counts.reduce(0) { $0 + ($1[interval] - means[interval]) * ($1[interval] - means[interval]) } / Double(dayCount - 1)
      return (variance / Double(dayCount)).squareRoot()
    }
    let totals = counts.map { $0.reduce(0, +) }
    let totalMean = totals.reduce(0, +) / Double(max(dayCount, 1))
    meanDailyTotal = totalMean
    guard days >= 2 else { return }
    let variance = totals.reduce(0) { $0 + ($1 - totalMean) * ($1 - totalMean) } / Double(days - 1)
    dailyTotalVariance = variance
    guard days >= 3, totalMean > 0 else { return }
    let squared = max(0, (variance - totalMean) / (totalMean * totalMean))
    let cv = squared.squareRoot()
    busynessCV = cv
    let squaredError = (2 / Double(days - 1)).squareRoot() * variance / (totalMean * totalMean)
    // At ĉ = 0 the delta method breaks down; the bound √se(ĉ²) is the honest statement there.
    busynessCVStandardError = cv > 0 ? squaredError / (2 * cv) : squaredError.squareRoot()
  }
}
