/// Durations, each either observed or right-censored: the data every fit in this module takes.
///
/// A caller who hung up after waiting 70 s is an *observed* patience of 70 s; a caller answered
/// after 70 s is a patience *censored* at 70 s (it was at least 70 s, how much longer is unknown).
/// Handle times are all observed.
public struct Lifetimes: Hashable, Sendable {
  /// Durations in seconds, each ≥ 0.
  public private(set) var times: [Double] = []
  /// `observed[i]`: whether `times[i]` is the event itself (`true`) or a lower bound on it.
  public private(set) var observed: [Bool] = []

  public init() {}

  /// All observed: a sample without censoring.
  public init(observed times: [Double]) {
    self.times = times
    self.observed = Array(repeating: true, count: times.count)
  }

  public mutating func append(_ time: Double, observed isObserved: Bool) {
    times.append(time)
    observed.append(isObserved)
  }

  public var count: Int { times.count }
  /// How many durations are observed events.
  public var events: Int { observed.lazy.filter { $0 }.count }
  /// The sum of every duration, observed or censored (the total time at risk).
  public var totalTime: Double { times.reduce(0, +) }
}
