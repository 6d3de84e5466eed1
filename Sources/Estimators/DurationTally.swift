/// Durations counted by value: how many were observed and how many right-censored at each
/// distinct time. Call-centre logs record whole seconds, so a million calls fold into a few
/// thousand points: a tally kept while a log streams holds the same information as the list of
/// every duration (``Lifetimes``) in memory that does not grow with the number of calls.
public struct DurationTally: Hashable, Sendable {
  /// Observed and censored counts at each distinct duration (seconds ≥ 0).
  public private(set) var counts: [Double: Counts] = [:]

  public struct Counts: Hashable, Sendable {
    public var observed = 0.0
    public var censored = 0.0
  }

  public init() {}

  /// Every duration of `data`.
  public init(_ data: Lifetimes) {
    for (time, isObserved) in zip(data.times, data.observed) { add(time, observed: isObserved) }
  }

  /// Counts one duration (`observed`: the event itself; else a lower bound of it).
  public mutating func add(_ time: Double, observed: Bool, count: Double = 1) {
    if observed { counts[time, default: Counts()].observed += count } else { counts[time, default: Counts()].censored += count }
  }

  public mutating func merge(_ other: DurationTally) {
    for (time, other) in other.counts {
      counts[time, default: Counts()].observed += other.observed
      counts[time, default: Counts()].censored += other.censored
    }
  }

  /// Durations counted, and how many of them are observed events.
  public var count: Double { counts.values.reduce(0) { $0 + $1.observed + $1.censored } }
  public var events: Double { counts.values.reduce(0) { $0 + $1.observed } }
  /// Σ time over every duration, observed or censored (the total time at risk).
  public var totalTime: Double { counts.reduce(0) { $0 + $1.key * ($1.value.observed + $1.value.censored) } }

  /// The distinct durations in increasing order with their counts.
  public var sorted: [(time: Double, counts: Counts)] { counts.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }

  /// The observed durations' empirical quantile at `p` in [0, 1] (the smallest t with F̂(t) ≥ p),
  /// or `nil` without events.
  public func observedQuantile(_ p: Double) -> Double? {
    let total = events
    guard total > 0 else { return nil }
    var seen = 0.0
    for (time, counts) in sorted where counts.observed > 0 {
      seen += counts.observed
      if seen >= p * total { return time }
    }
    return sorted.last(where: { $0.counts.observed > 0 })?.time
  }
}
