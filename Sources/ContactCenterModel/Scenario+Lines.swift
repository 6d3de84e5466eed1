/// Finite capacity: trunk lines shared by the voice types (``Scenario/lines``) and waiting places
/// per type (``ContactType/queueCapacity``). The model is in `Docs/model.md`, "Lines and busy
/// signals"; the metrics in `Docs/metrics.md`, "Blocking".
extension Scenario {
  /// Whether a contact can be blocked: the scenario has `lines` or a type has a `queueCapacity`.
  /// Only then are the blocking metrics (``Metric/isBlocking``) reported.
  public var canBlock: Bool { lines != nil || contactTypes.contains { $0.queueCapacity != nil } }

  /// The metrics a run of this scenario reports, in `Metric.allCases` order: every metric, less
  /// the blocking ones when no contact can be blocked (so such a run's files are as before them).
  public var reportedMetrics: [Metric] { canBlock ? Metric.allCases : Metric.allCases.filter { !$0.isBlocking } }

  /// Whether a contact of `type` holds a trunk line while in the centre: when the scenario has
  /// `lines` and the type's contacts are calls (voice).
  func holdsLine(_ type: Int) -> Bool { lines != nil && contactTypes[type].handling == .call }
}

extension Metric {
  /// The metrics of blocking (`blocked`, `block_rate`, `service_level_admitted`,
  /// `blocked_retrials`): reported only by a scenario that can block (``Scenario/canBlock``).
  public var isBlocking: Bool {
    switch self {
    case .blocked, .blockRate, .serviceLevelAdmitted, .blockedRetrials: true
    default: false
    }
  }
}
