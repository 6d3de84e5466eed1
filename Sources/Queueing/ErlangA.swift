import Foundation

/// Erlang A: the M/M/n+M queue (Palm 1943), Erlang C with callers who abandon.
///
/// Assumes Poisson arrivals (rate λ), exponential handle times (rate μ = 1/h), `agents` identical
/// agents, one FCFS queue with unlimited room that every arrival joins, and exponential patience
/// (rate θ = 1/mean patience): a waiting caller abandons when its patience runs out before an
/// agent answers; patience does not run during service. Stable for every load.
///
///     let a = ErlangA(Workload(arrivalsPerHour: 4000, meanHandleSeconds: 240),
///                     meanPatience: 180, agents: 70)
///     a.abandonment             // P(abandon)
///     a.serviceLevel(within: 20) // answered within 20 s ÷ all arrivals
///
/// **Method.** With `x = nμ/θ`, `y = λ/θ` the queue part of the stationary law is
/// `π(n+j) = π(n)·d_j(y)`, `d_j(w) = wʲ/((x+1)(x+2)…(x+j))`, and an arrival that finds `j`
/// waiting is served with probability `x/(x+j+1)`. Summing the per-state results of
/// Mandelbaum & Zeltyn ("The Palm/Erlang-A queue, with applications to call centers", 2005)
/// against `d_j` gives closed series in which every term is positive:
/// - `P(W > 0) = π(n)·S(y)`, `P(abandon) = π(n)·Σ d_j(y)(j+1)/(x+j+1)`;
/// - `P(W > t) = π(n)·E(t)·S(yz)`, `z = e^(−θt)`, `E(t) = z^(x+1)·e^(y(1−z))`, and likewise
///   `P(served, W > t)` and `P(abandoned, W > t)` with the weights `x/(x+j+1)` and `(j+1)/(x+j+1)`;
/// - the waits, stage by stage: `E[W·1{served} | j] = x/(θ(x+j+1))·Σ_{m≤j} 1/(x+m+1)` and
///   `E[W·1{abandoned} | j] = 1/(θ(x+j+1))·Σ_{m≤j} (m+1)/(x+m+1)`.
/// `π(n)` comes from Erlang B: `Σ_{k<n} π(k) = π(n)·(1/B(n, a) − 1)`. Sums are rescaled by
/// 2⁻⁶⁰⁰ whenever a term grows past 2⁶⁰⁰ (heavy overload with patient callers), so nothing
/// overflows. See `Docs/analytics.md` for the derivation.
///
/// - Complexity: O(n + J) per evaluation and O(J) per threshold, where the number of series terms
///   J ≈ max(0, (λ − nμ)/θ) + 40·√(λ/θ) + 40. About 10 µs at 1 000 agents.
public struct ErlangA: Hashable, Sendable {
  public let workload: Workload
  /// Mean patience in seconds.
  public let meanPatience: Double
  public let agents: Int

  /// P(W > 0): an arrival finds every agent busy (abandoning callers included).
  public let waitProbability: Double
  /// P(abandon): the share of arrivals who hang up before being answered.
  public let abandonment: Double
  /// P(served) = 1 − P(abandon), computed as P(W = 0) + P(served, W > 0).
  public let servedProbability: Double
  /// Mean wait of answered calls, E[W | served], in seconds (zero waits included); `0` if none is answered.
  public let averageSpeedOfAnswer: Double
  /// Mean time abandoning callers waited before hanging up, E[W | abandoned], seconds; `0` if none abandons.
  public let meanWaitOfAbandoned: Double

  // Stationary quantities kept for thresholds: π(n) rescaled, and the rescaling exponent.
  let scaledPi: Double
  let scale: Int
  /// The patience the series are evaluated at: `meanPatience`, or less where nμ·patience or
  /// λ·patience would pass 10³⁰⁰ (see ``seriesPatience(_:meanPatience:agents:)``).
  let seriesPatience: Double

  /// `meanPatience`, capped so that x = nμ·patience and y = λ·patience stay at most 10³⁰⁰ (finite,
  /// with room for the series' sums; before, a patience such as 10³⁰⁸ s made x infinite and trapped).
  /// Only a patience far beyond any caller's reaches the cap. In a stable queue (nμ > λ) the answers
  /// are then Erlang C's to double precision (patience enters through θ/(nμ − λ), below 10⁻²⁸⁰ for
  /// any load a Double can tell from nμ) and the series stays short, its terms falling at least as
  /// fast as (λ/nμ)ʲ. In an unstable one the series needs about (λ − nμ)·patience terms, so callers
  /// bound λ·patience (`ccsim erlang` at 10⁸).
  static func seriesPatience(_ workload: Workload, meanPatience: Double, agents: Int) -> Double {
    let fastest = max(Double(agents) / workload.meanHandleTime, workload.arrivalRate)
    return fastest > 0 ? min(meanPatience, 1e300 / fastest) : meanPatience
  }

  /// - Parameters:
  ///   - workload: Arrival rate and mean handle time.
  ///   - meanPatience: Mean patience in seconds; finite, > 0 (use ``ErlangC`` for callers who never
  ///     abandon). Any length: as it grows, the answers tend to Erlang C's when nμ > λ.
  ///   - agents: Number of agents; ≥ 0.
  public init(_ workload: Workload, meanPatience: Double, agents: Int) {
    precondition(meanPatience.isFinite && meanPatience > 0, "mean patience must be finite and > 0 seconds, got \(meanPatience)")
    precondition(agents >= 0, "agents must be ≥ 0, got \(agents)")
    self.workload = workload
    self.meanPatience = meanPatience
    self.agents = agents
    seriesPatience = Self.seriesPatience(workload, meanPatience: meanPatience, agents: agents)
    let theta = 1 / seriesPatience
    let x = Double(agents) / workload.meanHandleTime * seriesPatience
    let y = workload.arrivalRate * seriesPatience
    let sums = KummerSeries(x: x, w: y, withWaits: true)
    let inverseB = ErlangB.inverseBlocking(traffic: workload.traffic, servers: agents)
    // Σ_{k<n} π(k) / π(n), rescaled like the sums.
    let idle = inverseB == .infinity ? Double.infinity : (inverseB - 1).scaledDown(by: sums.scale)
    let pi = 1 / (idle + sums.total)
    scaledPi = pi
    scale = sums.scale
    if idle == .infinity || y == 0 {  // no traffic, or so little that nobody ever waits
      (waitProbability, abandonment, servedProbability) = (0, 0, 1)
      (averageSpeedOfAnswer, meanWaitOfAbandoned) = (0, 0)
      return
    }
    waitProbability = pi * sums.total
    abandonment = pi * sums.abandoned
    servedProbability = pi * (idle + sums.served)
    averageSpeedOfAnswer = ratioOrZero(pi * sums.servedWait / theta, servedProbability)
    meanWaitOfAbandoned = ratioOrZero(pi * sums.abandonedWait / theta, abandonment)
  }

  /// Mean wait over all arrivals (answered up to their answer, abandoned up to their abandonment),
  /// seconds: `P(abandon)/θ` (Little's law on the queue).
  public var meanWaitOfAll: Double { abandonment * seriesPatience }

  /// Mean number waiting: λ × mean wait of all arrivals.
  public var meanQueueLength: Double { workload.arrivalRate * meanWaitOfAll }

  /// Occupancy: answered load ÷ agents = λ(1 − P(abandon))·h / n; `0` with no agents.
  public var occupancy: Double {
    ratioOrZero(workload.traffic * servedProbability, Double(agents))
  }

  /// What happens to arrivals that are still waiting `t` seconds after they arrived.
  struct Tail { var waiting, served, abandoned: Double }

  /// The three service-level definitions at one threshold, from one series evaluation.
  public struct ServiceLevels: Hashable, Sendable {
    /// Answered within the threshold ÷ all arrivals.
    public var offered: Double
    /// Answered within the threshold ÷ answered calls.
    public var answered: Double
    /// Answered within the threshold ÷ (arrivals − abandoned within the threshold).
    public var excludingShortAbandons: Double
  }

  /// All three service-level definitions at `threshold` seconds (see the single-definition methods).
  public func serviceLevels(within threshold: Double) -> ServiceLevels {
    let tail = tail(after: threshold)
    let answeredWithin = max(0, servedProbability - tail.served)
    let shortAbandons = max(0, abandonment - tail.abandoned)
    return ServiceLevels(
      offered: answeredWithin,
      answered: ratioOrZero(answeredWithin, servedProbability),
      excludingShortAbandons: ratioOrZero(answeredWithin, 1 - shortAbandons))
  }

  /// P(W > t), P(served and W > t), P(abandoned and W > t).
  func tail(after threshold: Double) -> Tail {
    precondition(threshold >= 0, "threshold must be ≥ 0 seconds, got \(threshold)")
    if waitProbability == 0 { return Tail(waiting: 0, served: 0, abandoned: 0) }
    let theta = 1 / seriesPatience
    let x = Double(agents) / workload.meanHandleTime * seriesPatience
    let y = workload.arrivalRate * seriesPatience
    let z = exp(-theta * threshold)
    let sums = KummerSeries(x: x, w: y * z, withWaits: false)
    // E(t) = z^(x+1)·e^(y(1−z)), times the ratio of the two rescalings.
    let logFactor = -(x + 1) * theta * threshold - y * expm1(-theta * threshold)
      + Double(600 * (sums.scale - scale)) * M_LN2
    let factor = scaledPi * exp(logFactor)
    return Tail(waiting: factor * sums.total, served: factor * sums.served, abandoned: factor * sums.abandoned)
  }

  /// P(W > t) over all arrivals, where W runs until answer or abandonment.
  public func waitProbability(exceeding threshold: Double) -> Double { tail(after: threshold).waiting }

  /// P(abandoned and W ≤ t): short abandons within `threshold` seconds, over all arrivals.
  public func abandonment(within threshold: Double) -> Double {
    max(0, abandonment - tail(after: threshold).abandoned)
  }

  /// Service level, answered within `threshold` seconds ÷ **all arrivals**: abandoned callers
  /// count as failures. This is the default service level of the product.
  public func serviceLevel(within threshold: Double) -> Double {
    serviceLevels(within: threshold).offered
  }

  /// Answered within `threshold` seconds ÷ **answered** calls (abandoned callers excluded).
  public func serviceLevelOfAnswered(within threshold: Double) -> Double {
    serviceLevels(within: threshold).answered
  }

  /// Answered within `threshold` ÷ (arrivals − those who abandoned within `threshold`): short
  /// abandons are excluded from the denominator.
  public func serviceLevelExcludingShortAbandons(within threshold: Double) -> Double {
    serviceLevels(within: threshold).excludingShortAbandons
  }
}

/// Positive series in `d_j(w) = wʲ/((x+1)…(x+j))`, rescaled by `2^(−600·scale)`:
/// `total = Σ d_j`, `served = Σ d_j·x/(x+j+1)`, `abandoned = Σ d_j·(j+1)/(x+j+1)`,
/// and, with `withWaits`, `servedWait = Σ d_j·x/(x+j+1)·H_j`, `abandonedWait = Σ d_j/(x+j+1)·R_j`
/// where `H_j = Σ_{m≤j} 1/(x+m+1)` and `R_j = Σ_{m≤j} (m+1)/(x+m+1)`.
struct KummerSeries {
  var total = 0.0, served = 0.0, abandoned = 0.0
  var servedWait = 0.0, abandonedWait = 0.0
  var scale = 0

  init(x: Double, w: Double, withWaits: Bool) {
    precondition(x.isFinite && w.isFinite && x >= 0 && w >= 0, "series parameters must be finite and ≥ 0: x = \(x), w = \(w)")
    let ceiling = 0x1p600
    var term = 1.0
    var harmonic = 0.0, ranks = 0.0
    var j = 0.0
    while true {
      let perNext = 1 / (x + j + 1)
      let servedShare = x * perNext, abandonedShare = (j + 1) * perNext
      total += term
      served += term * servedShare
      abandoned += term * abandonedShare
      if withWaits {
        harmonic += perNext
        ranks += abandonedShare
        servedWait += term * servedShare * harmonic
        abandonedWait += term * perNext * ranks
      }
      let ratio = w * perNext
      term *= ratio
      if term > ceiling {
        term *= 0x1p-600; total *= 0x1p-600; served *= 0x1p-600; abandoned *= 0x1p-600
        servedWait *= 0x1p-600; abandonedWait *= 0x1p-600
        scale += 1
      }
      // Past the largest term the ratios shrink, so the rest is below term/(1 − ratio); the wait
      // weights grow at most linearly in j, hence the extra factor.
      if ratio < 1 && term * (j + 2) < 1e-18 * total * (1 - ratio) { break }
      j += 1
    }
  }
}

extension Double {
  /// `self · 2^(−600·times)`, exact until it underflows to 0.
  func scaledDown(by times: Int) -> Double {
    times == 0 ? self : Double(sign: .plus, exponent: -600 * times, significand: self)
  }
}
