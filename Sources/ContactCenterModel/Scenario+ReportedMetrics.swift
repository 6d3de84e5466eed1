/// Which metrics a run reports: the blocking and escalation metrics only where the scenario can
/// produce them, so that the files of other scenarios stay as they were before those metrics.
extension Scenario {
  /// Whether some type escalates its unresolved contacts to another queue. Only then are the
  /// escalated contacts' total-wait metrics (``Metric/isEscalation``) reported.
  public var canEscalate: Bool { contactTypes.contains { !$0.escalations.isEmpty } }

  /// The metrics a run of this scenario reports, in `Metric.allCases` order: every metric, less
  /// the blocking ones when no contact can be blocked and the escalated contacts' total waits when
  /// no type escalates (so such a run's files are as before those metrics).
  public var reportedMetrics: [Metric] {
    let blocks = canBlock, escalates = canEscalate
    return Metric.allCases.filter { (blocks || !$0.isBlocking) && (escalates || !$0.isEscalation) }
  }
}

extension Metric {
  /// The escalated contacts' total-wait metrics (`escalated_answered`, `escalated_total_wait_s`
  /// and its percentiles): reported only by a scenario where some type escalates
  /// (``Scenario/canEscalate``).
  public var isEscalation: Bool {
    switch self {
    case .escalatedAnswered, .escalatedTotalWait, .escalatedTotalWaitP50, .escalatedTotalWaitP90, .escalatedTotalWaitP95: true
    default: false
    }
  }

  /// The metrics of blocking (`blocked`, `block_rate`, `service_level_admitted`,
  /// `blocked_retrials`): reported only by a scenario that can block (``Scenario/canBlock``).
  public var isBlocking: Bool {
    switch self {
    case .blocked, .blockRate, .serviceLevelAdmitted, .blockedRetrials: true
    default: false
    }
  }
}
