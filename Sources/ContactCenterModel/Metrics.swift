import Queueing
import Stochastic

/// A key performance indicator reported per interval and type, per type for the day, and for the
/// whole centre. The raw value is the name used in `summary.json` and `intervals.csv`; definitions
/// are in `Docs/metrics.md`.
public enum Metric: String, CaseIterable, Hashable, Sendable {
  /// Contacts that arrived.
  case offered
  /// Contacts an agent started to handle.
  case answered
  /// Contacts that hung up while waiting.
  case abandoned
  /// Contacts still waiting when the run ended (only when nobody was left to answer them and they
  /// never abandon).
  case unserved
  /// Answered within the threshold ÷ the denominator the type's service-level definition names.
  case serviceLevel = "service_level"
  /// Share of offered contacts that found no free agent and queued, P(wait > 0).
  case waitProbability = "wait_probability"
  /// Average speed of answer: mean wait of answered contacts (seconds).
  case averageSpeedOfAnswer = "asa_s"
  /// Percentiles of the wait of answered contacts (seconds).
  case waitP50 = "wait_p50_s", waitP80 = "wait_p80_s", waitP90 = "wait_p90_s"
  case waitP95 = "wait_p95_s", waitP99 = "wait_p99_s"
  /// Mean wait of contacts that abandoned (seconds).
  case meanWaitAbandoned = "abandon_wait_s"
  /// Abandoned ÷ offered.
  case abandonRate = "abandon_rate"
  /// Average handle time of answered contacts (seconds).
  case averageHandleTime = "aht_s"
  /// Busy agent time ÷ staffed agent time.
  case occupancy
  /// Staffed agent time (agent-hours), overtime after an interval's end included.
  case agentHours = "agent_hours"

  /// The quantile a percentile metric reports, or `nil`.
  public var quantile: Double? {
    switch self {
    case .waitP50: 0.5
    case .waitP80: 0.8
    case .waitP90: 0.9
    case .waitP95: 0.95
    case .waitP99: 0.99
    default: nil
    }
  }
}

/// Counts and sums for the contacts that arrived in one interval (of one type), and the agent and
/// queue time of that interval.
struct CellCounters: Equatable, Sendable {
  var offered = 0.0, queued = 0.0, answered = 0.0, answeredInTime = 0.0
  var abandoned = 0.0, abandonedInTime = 0.0, unserved = 0.0
  var waitOfAnswered = 0.0, waitOfAbandoned = 0.0, handleOfAnswered = 0.0
  /// Time integrals over the interval (by clock time, not by arrival): agent-seconds busy,
  /// agent-seconds staffed, contact-seconds waiting.
  var busyTime = 0.0, staffedTime = 0.0, queueTime = 0.0
  var waits = QuantileHistogram()

  mutating func recordAnswer(wait: Double, handle: Double, inTime: Bool) {
    answered += 1
    answeredInTime += inTime ? 1 : 0
    waitOfAnswered += wait
    handleOfAnswered += handle
    waits.record(seconds: wait)
  }

  mutating func recordAbandon(wait: Double, inTime: Bool) {
    abandoned += 1
    abandonedInTime += inTime ? 1 : 0
    waitOfAbandoned += wait
  }

  mutating func add(_ other: CellCounters) {
    offered += other.offered; queued += other.queued
    answered += other.answered; answeredInTime += other.answeredInTime
    abandoned += other.abandoned; abandonedInTime += other.abandonedInTime; unserved += other.unserved
    waitOfAnswered += other.waitOfAnswered; waitOfAbandoned += other.waitOfAbandoned
    handleOfAnswered += other.handleOfAnswered
    busyTime += other.busyTime; staffedTime += other.staffedTime; queueTime += other.queueTime
    waits.merge(other.waits)
  }

  /// The value of every metric, in `Metric.allCases` order; `nil` where a ratio has no denominator.
  func values(serviceLevel definition: ServiceLevelDefinition) -> [Double?] {
    func ratio(_ numerator: Double, _ denominator: Double) -> Double? {
      denominator > 0 ? numerator / denominator : nil
    }
    return Metric.allCases.map { metric -> Double? in
      switch metric {
      case .offered: offered
      case .answered: answered
      case .abandoned: abandoned
      case .unserved: unserved
      case .serviceLevel:
        switch definition {
        case .offered: ratio(answeredInTime, offered)
        case .answered: ratio(answeredInTime, answered)
        case .excludingShortAbandons: ratio(answeredInTime, offered - abandonedInTime)
        }
      case .waitProbability: ratio(queued, offered)
      case .averageSpeedOfAnswer: ratio(waitOfAnswered, answered)
      case .waitP50, .waitP80, .waitP90, .waitP95, .waitP99: waits.quantile(metric.quantile!)
      case .meanWaitAbandoned: ratio(waitOfAbandoned, abandoned)
      case .abandonRate: ratio(abandoned, offered)
      case .averageHandleTime: ratio(handleOfAnswered, answered)
      case .occupancy: ratio(busyTime, staffedTime)
      case .agentHours: staffedTime / 3600
      }
    }
  }
}

/// Sample-path identities of one replication, summed over the whole run (warm-up and the time
/// after close included). Little's law on a run that ends empty: ∫ queue length dt = Σ waits, and
/// ∫ busy agents dt = Σ handle times of the contacts served.
public struct LittleCheck: Hashable, Sendable {
  /// ∫ (contacts waiting) dt, contact-seconds.
  public var queueArea = 0.0
  /// Σ over every contact of its time in queue (answered, abandoned or still waiting at the end).
  public var sumOfWaits = 0.0
  /// ∫ (agents busy) dt, agent-seconds.
  public var busyArea = 0.0
  /// Σ handle time of every contact answered.
  public var sumOfHandleTimes = 0.0
  /// Contacts that arrived, and how they ended.
  public var arrivals = 0, answered = 0, abandoned = 0, unserved = 0
}

/// One replication's results: the value of every metric for every interval and type, per type for
/// the day, and for the centre.
public struct ReplicationResult: Hashable, Sendable {
  /// `intervals[type][interval][metric]`.
  public var intervals: [[[Double?]]]
  /// `types[type][metric]`: the type's day (all its planning intervals).
  public var types: [[Double?]]
  /// `totals[metric]`: every type together.
  public var totals: [Double?]
  /// Identities for validation.
  public var little: LittleCheck
  /// The arrival-rate multiplier drawn for the day (1 without a busyness factor).
  public var busyness: Double
  /// Events processed.
  public var events: UInt64
}
