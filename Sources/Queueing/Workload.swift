/// The traffic offered to one queue: how often contacts arrive and how long each keeps an agent busy.
///
/// Inside `Queueing` time is always seconds. Build a workload the way a planner states it:
///
///     let hotline = Workload(arrivalsPerHour: 200, meanHandleSeconds: 180)
///     hotline.traffic   // 10 erlangs
///
/// Model assumption shared by every formula here: arrivals form a Poisson process and handle times
/// are exponential (Erlang B needs only the mean). The ``traffic`` (offered load) is what matters
/// for Erlang B and for the probability of waiting in Erlang C; service levels and waits also need
/// the handle time to turn "multiples of the mean handle time" into seconds.
public struct Workload: Hashable, Sendable {
  /// Arrivals per second; finite, ≥ 0.
  public var arrivalRate: Double
  /// Mean handle time (talk + after-contact work) in seconds; finite, > 0.
  public var meanHandleTime: Double

  /// - Parameters:
  ///   - arrivalRate: Contacts per second; finite, ≥ 0.
  ///   - meanHandleTime: Mean handle time in seconds; finite, > 0.
  public init(arrivalRate: Double, meanHandleTime: Double) {
    precondition(arrivalRate.isFinite && arrivalRate >= 0, "arrival rate must be finite and ≥ 0, got \(arrivalRate)")
    precondition(meanHandleTime.isFinite && meanHandleTime > 0, "mean handle time must be finite and > 0, got \(meanHandleTime)")
    self.arrivalRate = arrivalRate
    self.meanHandleTime = meanHandleTime
  }

  /// A workload stated per hour, as planners usually do.
  public init(arrivalsPerHour: Double, meanHandleSeconds: Double) {
    self.init(arrivalRate: arrivalsPerHour / 3600, meanHandleTime: meanHandleSeconds)
  }

  /// Offered load in erlangs: arrival rate × mean handle time (the mean number of busy agents
  /// needed if nobody waited, abandoned or was blocked).
  public var traffic: Double { arrivalRate * meanHandleTime }

  /// Arrivals per hour.
  public var arrivalsPerHour: Double { arrivalRate * 3600 }
}

/// `numerator / denominator`, or 0 when the denominator is 0 (a rate over an empty population,
/// such as the mean wait of answered calls when nobody is answered).
@inline(__always)
func ratioOrZero(_ numerator: Double, _ denominator: Double) -> Double {
  denominator > 0 ? numerator / denominator : 0
}
