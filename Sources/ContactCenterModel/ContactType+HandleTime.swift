/// A type's handle time through the day (`handleTimeByInterval` in a scenario file).
///
/// The factor of interval `k` multiplies the handle time of a contact whose service *starts* in
/// interval `k` — what an ACD reports as AHT by answer interval. Service starting in a steady-state
/// warm-up takes the first interval's factor; after close, the last interval's. The factor scales
/// the drawn handle time, so the distribution keeps its shape (CV, phases, Weibull shape) and its
/// mean becomes `handleTime.mean × factor` (`Docs/model.md`, "Handle time").
///
///     var type = ContactType(id: "calls", arrivalRates: [0.1, 0.1], handleTime: .exponential(mean: 240),
///                            patience: nil, serviceLevel: ServiceLevelRule(threshold: 20))
///     type.handleTimeFactors = [1, 1.25]
///     type.meanHandleTime(interval: 1)   // 300
extension ContactType {
  /// The factor for a service starting in interval `k` (0-based, `0..<intervalCount`): 1 without
  /// a profile.
  public func handleTimeFactor(interval k: Int) -> Double { handleTimeFactors?[k] ?? 1 }

  /// The mean handle time (seconds) of a contact whose service starts in interval `k`, before the
  /// serving group's `handleTimeFactor` and a session's stretch.
  public func meanHandleTime(interval k: Int) -> Double { handleTime.mean * handleTimeFactor(interval: k) }

  /// The largest mean handle time of any interval (seconds): a bound for the whole day.
  public var largestMeanHandleTime: Double { handleTime.mean * (handleTimeFactors?.max() ?? 1) }
}
