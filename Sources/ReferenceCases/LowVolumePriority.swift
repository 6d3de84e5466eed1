import ContactCenterModel
import Queueing

extension ReferenceStudy {
  /// The low-volume priority case: 36 calls an hour in three non-preemptive priority classes of
  /// 12 an hour each, exponential 5-minute handle times, 4 agents (load 0.75), no abandonment. At
  /// this volume a 24-hour window holds about 860 calls, and the mean over replications of each
  /// window's mean wait is biased low for the least urgent class (a ratio estimator's bias, of
  /// order 1 ÷ calls per window, which more replications do not remove). The study estimates each
  /// ratio as a ratio of sums over the replications (``RatioTally``); its 99% interval must contain
  /// the exact waits (``PriorityClasses``, Cobham's formula) and the Erlang C P(wait).
  ///
  /// `Scenarios/priority-low-volume.yaml` is the same case as a scenario file (`runLength: 100d`).
  ///
  /// - Parameters:
  ///   - window: The measurement window of each replication after a 10-hour warm-up (seconds).
  ///   - replications: ≥ 2.
  public static func lowVolumePriority(window: Double, replications: Int) -> ReferenceStudy {
    let rates = [12.0, 12, 12], aht = 300.0, agents = 4
    let exact = PriorityClasses(arrivalsPerHour: rates, meanHandleSeconds: aht, agents: agents)
    func value(_ number: Double) -> [String: ReferenceValue] {
      ["value": .number(number), "abs_tol": .number(0), "rel_tol": .number(0)]
    }
    var expected = ["p_wait": value(exact.waitProbability)]
    for (k, wait) in exact.meanWaits.enumerated() { expected["mean_wait_class\(k + 1)_s"] = value(wait) }
    let days = window / 86_400
    let reference = ReferenceCase(
      id: "PR-LV-36 (\(replications) × \(days == days.rounded() ? "\(Int(days)) d" : "\(window) s"))", model: "priority_mmc",
      params: .object(["arrival_rate_per_hour_by_class": .array(rates.map(ReferenceValue.number)),
                       "aht_s": .number(aht), "agents": .number(Double(agents))]),
      expected: expected)
    let scenario = Scenario(
      name: "priority-low-volume", intervalLength: window, intervalCount: 1, study: .steadyState(warmUp: 10 * 3600),
      contactTypes: rates.enumerated().map { k, rate in
        ContactType(id: "P\(k + 1)", arrivalRates: [rate / 3600], handleTime: .exponential(mean: aht), patience: nil,
                    serviceLevel: ServiceLevelRule(threshold: 20), priority: k + 1)
      },
      groups: [AgentGroup(id: "all", skills: rates.indices.map { Skill(type: $0) }, agents: [agents])])
    let comparisons = rates.indices.map { k in
      ReferenceComparison(key: "mean_wait_class\(k + 1)_s", label: "P\(k + 1) asa_s", reading: .type(.averageSpeedOfAnswer, k))
    } + [ReferenceComparison(key: "p_wait", label: "centre wait_probability", reading: .total(.waitProbability))]
    return ReferenceStudy(reference: reference, rule: .exact, scenario: scenario, replications: replications,
                          seed: 2026_12_07, comparisons: comparisons)
  }
}
