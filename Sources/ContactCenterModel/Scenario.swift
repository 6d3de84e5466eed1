import Queueing
import SimKernel
import Stochastic

/// A validated contact-centre scenario: everything one simulation run needs, in seconds and
/// integer indices. `ScenarioIO` builds it from a YAML file; a test can build it directly.
///
/// The day is divided into `intervalCount` planning intervals of `intervalLength` seconds.
/// Interval `k` covers `[warmUp + k·intervalLength, warmUp + (k+1)·intervalLength)`.
public struct Scenario: Hashable, Sendable {
  /// A short name, used for the results folder (`Results/<name>/…`).
  public var name: String
  /// Length of one planning interval (seconds), e.g. 900 for 15 minutes.
  public var intervalLength: SimTime
  /// Number of planning intervals (≥ 1).
  public var intervalCount: Int
  /// Whether the run is one day from empty, or a steady-state study with a warm-up.
  public var study: Study
  /// A day-level random busyness factor: when set, every arrival rate of a replication is
  /// multiplied by one draw of a gamma variable with mean 1 and this coefficient of variation, so
  /// daily volumes are over-dispersed (variance above the Poisson) as real centres show.
  public var busynessCV: Double?
  /// The clock time of the first interval's start, in seconds after midnight (for reports only).
  public var clockStart: SimTime
  /// The contact types, each with its own queue and dedicated agent group.
  public var contactTypes: [ContactType]

  public init(
    name: String, intervalLength: SimTime, intervalCount: Int, study: Study = .day,
    busynessCV: Double? = nil, clockStart: SimTime = 0, contactTypes: [ContactType]
  ) {
    precondition(intervalLength > 0 && intervalCount >= 1, "need at least one interval of positive length")
    precondition(busynessCV.map { $0 > 0 } ?? true, "busyness CV must be > 0")
    precondition(contactTypes.allSatisfy {
      $0.arrivalRates.count == intervalCount && $0.agents.count == intervalCount
    }, "every profile needs one value per interval")
    self.name = name
    self.intervalLength = intervalLength
    self.intervalCount = intervalCount
    self.study = study
    self.busynessCV = busynessCV
    self.clockStart = clockStart
    self.contactTypes = contactTypes
  }

  /// When the first planning interval starts: the warm-up length (0 for a day study).
  public var measurementStart: SimTime { study.warmUp }
  /// When the last planning interval ends; no contact arrives after it.
  public var close: SimTime { measurementStart + Double(intervalCount) * intervalLength }
}

/// The kind of study.
public enum Study: Hashable, Sendable {
  /// A day from an empty centre. Arrivals stop when the last interval ends; the agents of the last
  /// interval stay until every contact still waiting is answered (or abandons), and that overtime
  /// counts in the day's staffed time.
  case day
  /// A steady-state study: the centre runs for `warmUp` seconds with the first interval's arrival
  /// rate and headcount before the first interval starts; contacts arriving during the warm-up are
  /// not counted, and day totals cover the planning intervals only.
  case steadyState(warmUp: SimTime)

  public var warmUp: SimTime {
    switch self {
    case .day: 0
    case .steadyState(let warmUp): warmUp
    }
  }
}

/// One kind of contact (a queue) and the agent group dedicated to it.
public struct ContactType: Hashable, Sendable {
  /// The identifier used in results (`by_type.<id>`).
  public var id: String
  /// Poisson arrival rate per interval (contacts per second, ≥ 0), piecewise constant.
  public var arrivalRates: [Double]
  /// Talk plus after-contact work: how long an agent is busy with one contact (seconds).
  public var handleTime: Distribution
  /// How long a caller waits before hanging up; `nil` for contacts that never abandon.
  public var patience: Distribution?
  /// Agents on duty per interval (≥ 0). An agent whose interval ends finishes the contact in hand,
  /// then leaves.
  public var agents: [Int]
  /// What counts as answered in time, and which contacts the service level divides by.
  public var serviceLevel: ServiceLevelRule

  public init(
    id: String, arrivalRates: [Double], handleTime: Distribution, patience: Distribution?,
    agents: [Int], serviceLevel: ServiceLevelRule
  ) {
    precondition(arrivalRates.allSatisfy { $0.isFinite && $0 >= 0 }, "arrival rates must be finite and ≥ 0")
    precondition(agents.allSatisfy { $0 >= 0 }, "headcounts must be ≥ 0")
    precondition(handleTime.problem == nil && patience?.problem == nil, "invalid distribution")
    self.id = id
    self.arrivalRates = arrivalRates
    self.handleTime = handleTime
    self.patience = patience
    self.agents = agents
    self.serviceLevel = serviceLevel
  }
}

/// "`threshold` seconds" service level, and its denominator.
public struct ServiceLevelRule: Hashable, Sendable {
  /// A contact answered within this many seconds counts as answered in time.
  public var threshold: SimTime
  /// Which contacts the service level divides by (see `Docs/metrics.md`).
  public var definition: ServiceLevelDefinition

  public init(threshold: SimTime, definition: ServiceLevelDefinition = .offered) {
    precondition(threshold >= 0 && threshold.isFinite, "service-level threshold must be ≥ 0")
    self.threshold = threshold
    self.definition = definition
  }
}
