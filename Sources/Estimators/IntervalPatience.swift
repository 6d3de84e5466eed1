import Foundation

/// The exponential patience of a queue estimated from counts, as an interval report gives them
/// (no call-by-call waits, so no patience curve: only the exponential's one parameter).
///
/// **Method.** For exponential patience of rate θ, every second a caller spends waiting is a
/// second at risk of abandoning at rate θ, so abandonments ≈ θ × total waiting time of all
/// offered calls; per offered call, P(abandon) = θ·E[W], the Little/Palm relation of the M/M/n+M
/// queue, which holds exactly whatever the staffing (Mandelbaum & Zeltyn, "Service engineering in
/// action: the Palm/Erlang-A queue, with applications to call centers", 2007). So
///
///   θ̂ = abandoned ÷ total waiting time = (abandoned ÷ offered) ÷ mean wait of all offered calls,
///
/// the "abandoned ÷ total waiting time" estimate of Brown et al. (2005, JASA 100(469)), here
/// from totals. Its standard error treats the abandonments as Poisson given the waiting time
/// (the exponential likelihood's information): se(θ̂) = θ̂/√abandoned, and by the delta method
/// se(1/θ̂) = (1/θ̂)/√abandoned.
///
///     IntervalPatience(offered: 1000, abandoned: 50, meanWait: 12)?.meanPatience   // 240 s
///
/// **From an interval report.** The total waiting time needs the waits of the abandoners too,
/// which a report does not give: ``init(_:)`` takes them to be the answered calls' (ASA), total
/// waiting time ≈ Σ ASA·(answered + abandoned). That is an approximation whose error depends on
/// the load (`Docs/history.md`, "Interval reports"); give ``init(offered:abandoned:meanWait:)`` the
/// mean wait of all offered calls when the ACD reports it.
public struct IntervalPatience: Hashable, Sendable {
  /// Calls offered and abandoned over the intervals used.
  public var offered: Int, abandoned: Int
  /// Seconds waited by all offered calls together (answered until answered, abandoned until they
  /// hung up).
  public var totalWait: Double

  /// The estimate from totals: `meanWait` the mean wait of all `offered` calls in seconds; `nil`
  /// without an abandonment or without waiting (θ is then not identified).
  public init?(offered: Int, abandoned: Int, meanWait: Double) {
    guard offered > 0, abandoned > 0, abandoned <= offered, meanWait.isFinite, meanWait > 0 else { return nil }
    self.offered = offered
    self.abandoned = abandoned
    totalWait = meanWait * Double(offered)
  }

  /// The estimate from interval rows, each row's total wait taken as ASA × (answered +
  /// abandoned); rows without an ASA are left out (their waits are unknown), and so are the calls
  /// of a row neither answered nor abandoned (still waiting at the interval's end). `nil` when
  /// the rows kept have no abandonment or no wait.
  /// - Complexity: O(rows).
  public init?(_ intervals: some Sequence<ObservedInterval>) {
    var (offered, abandoned, wait) = (0, 0, 0.0)
    for interval in intervals {
      guard let speed = interval.averageSpeedOfAnswer else { continue }
      let ended = interval.answered + interval.abandoned
      offered += ended
      abandoned += interval.abandoned
      wait += speed * Double(ended)
    }
    guard offered > 0 else { return nil }
    self.init(offered: offered, abandoned: abandoned, meanWait: wait / Double(offered))
  }

  /// θ̂, abandonments per second of waiting.
  public var rate: Double { Double(abandoned) / totalWait }
  /// se(θ̂) = θ̂/√abandoned.
  public var rateStandardError: Double { rate / Double(abandoned).squareRoot() }
  /// 1/θ̂, the mean patience in seconds: the exponential's mean, as a scenario writes it.
  public var meanPatience: Double { totalWait / Double(abandoned) }
  /// se(1/θ̂) = (1/θ̂)/√abandoned (delta method).
  public var meanPatienceStandardError: Double { meanPatience / Double(abandoned).squareRoot() }
}
