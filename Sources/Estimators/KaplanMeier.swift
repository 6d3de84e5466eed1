/// The Kaplan–Meier estimate of a survival curve from right-censored durations, with Greenwood's
/// standard error.
///
/// At each distinct event time tᵢ with dᵢ events among nᵢ still at risk (durations ≥ tᵢ),
/// Ŝ(t) = ∏_{tᵢ ≤ t} (1 − dᵢ/nᵢ) and Var Ŝ(t) ≈ Ŝ(t)² Σ_{tᵢ ≤ t} dᵢ / (nᵢ(nᵢ − dᵢ))
/// (Kaplan & Meier 1958, JASA 53(282); Greenwood 1926). A duration censored at tᵢ is still at
/// risk at tᵢ, the usual convention. For patience (Brown et al. 2005, §5) the events are the
/// abandonments and the answered callers are censored at their wait.
public struct KaplanMeier: Hashable, Sendable {
  public struct Step: Hashable, Sendable {
    /// The event time, seconds.
    public var time: Double
    /// Ŝ just after `time`.
    public var survival: Double
    /// Greenwood's standard error of `survival`.
    public var standardError: Double
    /// Durations ≥ `time`.
    public var atRisk: Int
    /// Events at exactly `time`.
    public var events: Int
  }

  /// One step per distinct event time, in increasing time.
  public let steps: [Step]

  public init(_ data: Lifetimes) { self.init(DurationTally(data)) }

  /// The same estimate from durations tallied by value (a streamed log).
  public init(_ data: DurationTally) {
    var steps: [Step] = []
    var atRisk = data.count
    var survival = 1.0
    var greenwood = 0.0
    for (time, counts) in data.sorted {
      let events = counts.observed
      if events > 0 {
        survival *= 1 - events / atRisk
        if atRisk > events { greenwood += events / (atRisk * (atRisk - events)) }
        steps.append(Step(
          time: time, survival: survival, standardError: survival * greenwood.squareRoot(),
          atRisk: Int(atRisk), events: Int(events)))
      }
      atRisk -= counts.observed + counts.censored
    }
    self.steps = steps
  }

  /// Ŝ(t): the share of durations longer than `t`.
  public func survival(at time: Double) -> Double {
    var low = 0
    var high = steps.count
    while low < high {
      let middle = (low + high) / 2
      if steps[middle].time <= time { low = middle + 1 } else { high = middle }
    }
    return low == 0 ? 1 : steps[low - 1].survival
  }
}
