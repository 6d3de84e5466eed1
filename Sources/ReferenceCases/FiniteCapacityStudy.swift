import ContactCenterModel

extension ReferenceStudy {
  /// The steady-state M/M/c/K of `mmc_finite.json` (exact): `c` agents, exponential handle times,
  /// no abandonment, and room for `K` calls in the centre (in service and waiting). A call arriving
  /// to `K` in the centre is blocked and lost (no retrial). Cases alternate between the two ways a
  /// scenario says it — `lines: K` (trunk lines, cases in even positions of the file) and
  /// `queueCapacity: K − c` (waiting places, odd positions) — which are the same model here.
  ///
  /// Compares P(block) (`block_rate`), P(wait | admitted) (`wait_probability`), the mean wait of
  /// admitted calls (`asa_s`: everyone admitted is answered), the mean queue length (Little's law,
  /// answered per second × ASA), throughput (answered per hour), occupancy, and the 20 s service
  /// level of admitted calls (`service_level_admitted`) and of all offered (`service_level`, blocked
  /// calls counted as failures). Each within 4 standard errors of the simulated mean
  /// (``ToleranceRule/standardErrors(_:)``), over 20 replications of about 400 000 arrivals.
  public static func finiteCapacity(_ reference: ReferenceCase, position: Int) -> ReferenceStudy {
    func parameter(_ key: String) -> Double {
      guard let value = reference.params[key]?.number else { preconditionFailure("\(reference.id): params.\(key) is missing") }
      return value
    }
    let rate = parameter("arrival_rate_per_hour"), aht = parameter("aht_s")
    let agents = Int(parameter("agents")), capacity = Int(parameter("system_capacity"))
    let arrivals = 400_000.0
    var scenario = steadyScenario(
      ratesPerHour: [rate], arrivals: arrivals, warmUp: 100 * aht,
      types: { _, perSecond in
        var type = ContactType(id: "calls", arrivalRates: [perSecond], handleTime: .exponential(mean: aht), patience: nil,
                               agents: [agents], serviceLevel: ServiceLevelRule(threshold: 20))
        if !position.isMultiple(of: 2) { type.queueCapacity = capacity - agents }
        return type
      },
      groups: [])
    if position.isMultiple(of: 2) { scenario.lines = capacity }
    let hours = scenario.intervalLength / 3600
    let comparisons = [
      ReferenceComparison(key: "p_block", label: "block_rate", reading: .type(.blockRate, 0)),
      ReferenceComparison(key: "p_wait_admitted", label: "wait_probability", reading: .type(.waitProbability, 0)),
      ReferenceComparison(key: "mean_wait_admitted_s", label: "asa_s", reading: .type(.averageSpeedOfAnswer, 0)),
      ReferenceComparison(key: "mean_queue_length", label: "answered per second × asa_s",
                          reading: .queueLength(type: 0, hours: hours)),
      ReferenceComparison(key: "throughput_per_hour", label: "answered per hour",
                          reading: .perHour(.answered, type: 0, hours: hours)),
      ReferenceComparison(key: "occupancy", label: "occupancy", reading: .type(.occupancy, 0)),
      ReferenceComparison(key: "sl_admitted_20s", label: "service_level_admitted", reading: .type(.serviceLevelAdmitted, 0)),
      ReferenceComparison(key: "sl_offered_20s", label: "service_level", reading: .type(.serviceLevel, 0)),
    ]
    return ReferenceStudy(reference: reference, rule: .standardErrors(4), scenario: scenario, comparisons: comparisons)
  }
}
