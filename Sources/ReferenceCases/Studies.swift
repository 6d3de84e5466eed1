import ContactCenterModel
import Stochastic

extension ReferenceStudy {
  /// The N-design of `sim_ndesign.json`: group A takes class 1 only; group B takes class 2 first
  /// and class 1 second; a class-1 arrival prefers an idle A agent (group-order routing). Compares
  /// each class's P(wait), abandonment, ASA and 20 s service level, and each group's occupancy.
  public static func nDesign(_ reference: ReferenceCase) -> ReferenceStudy {
    let params = Parameters(reference)
    let classes = ["class1", "class2"]
    let scenario = steadyScenario(
      ratesPerHour: ["1", "2"].map { params.number("arrival_rate_per_hour", $0) }, arrivals: 150_000, warmUp: 20 * 3600,
      types: { k, rate in
        ContactType(
          id: classes[k], arrivalRates: [rate], handleTime: params.distribution("service", k == 0 ? "1A" : "2B")!,
          patience: params.distribution("patience", "\(k + 1)"), serviceLevel: ServiceLevelRule(threshold: 20))
      },
      groups: [
        AgentGroup(id: "A", skills: [Skill(type: 0)], agents: [Int(params.number("agents", "A"))]),
        AgentGroup(id: "B", skills: [Skill(type: 1, preference: 1),
                                     Skill(type: 0, preference: 2, handleTimeFactor: params.number("service", "1B", "mean_s")
                                                                          / params.number("service", "1A", "mean_s"))],
                   agents: [Int(params.number("agents", "B"))]),
      ],
      routing: RoutingPolicy(contactSide: .groupOrder))
    let comparisons = classes.enumerated().flatMap { k, name in queueComparisons(type: k, name: name, threshold: "20s") }
      + ["A", "B"].enumerated().map { g, name in
        ReferenceComparison(key: "occupancy_\(name)", label: "group \(name) occupancy", reading: .group(.occupancy, g))
      }
    return ReferenceStudy(reference: reference, rule: .referenceSimulation, scenario: scenario, comparisons: comparisons)
  }

  /// The two-tier escalation of `sim_escalation.json`: tier 1 resolves a share, the rest join the
  /// tier-2 queue at once with a fresh patience. Compares each tier's P(wait), abandonment, ASA,
  /// service level (20 s at tier 1, 60 s at tier 2) and occupancy, the shares of tier-1 arrivals
  /// resolved at tier 1, transferred and resolved at tier 2, and the total wait (tier 1 + tier 2)
  /// of the callers answered at tier 2, counted by their origin type (tier 1).
  public static func escalation(_ reference: ReferenceCase) -> ReferenceStudy {
    let params = Parameters(reference)
    let resolve = params.number("p_resolve_tier1")
    let tiers = ["tier1", "tier2"]
    let scenario = steadyScenario(
      ratesPerHour: [params.number("arrival_rate_per_hour"), 0], arrivals: 150_000, warmUp: 20 * 3600,
      types: { k, rate in
        let tier = "T\(k + 1)"
        return ContactType(
          id: tiers[k], arrivalRates: [rate], handleTime: params.distribution("service", tier)!,
          patience: params.distribution("patience", tier), agents: [Int(params.number("agents", tier))],
          serviceLevel: ServiceLevelRule(threshold: k == 0 ? 20 : 60),
          resolution: k == 0 ? resolve : 1, escalations: k == 0 ? [Escalation(to: 1, share: 1)] : [])
      },
      groups: [])
    let comparisons = tiers.enumerated().flatMap { k, name in
      queueComparisons(type: k, name: name, threshold: k == 0 ? "20s" : "60s")
        + [ReferenceComparison(key: "occupancy_T\(k + 1)", label: "\(name) group occupancy", reading: .group(.occupancy, k))]
    } + [
      ReferenceComparison(key: "frac_resolved_tier1", label: "tier1 resolved ÷ tier1 offered",
                          reading: .share(.resolved, type: 0, ofOfferedTo: 0)),
      ReferenceComparison(key: "frac_transferred", label: "tier1 escalated ÷ tier1 offered",
                          reading: .share(.escalated, type: 0, ofOfferedTo: 0)),
      ReferenceComparison(key: "frac_resolved_tier2", label: "tier2 resolved ÷ tier1 offered",
                          reading: .share(.resolved, type: 1, ofOfferedTo: 0)),
      ReferenceComparison(key: "mean_total_wait_escalated_answered_s", label: "tier1 escalated_total_wait_s",
                          reading: .type(.escalatedTotalWait, 0)),
    ]
    return ReferenceStudy(reference: reference, rule: .referenceSimulation, scenario: scenario, comparisons: comparisons)
  }

  /// Non-preemptive priority in M/M/c (`priority.json`, exact): one group takes every class, the
  /// most urgent (class 1) first, FCFS within a class, no abandonment. Compares each class's mean
  /// wait (the ASA: nobody abandons) and the centre's P(wait).
  public static func priority(_ reference: ReferenceCase) -> ReferenceStudy {
    let params = Parameters(reference)
    let rates = params.numbers("arrival_rate_per_hour_by_class")
    let aht = params.number("aht_s")
    let scenario = steadyScenario(
      ratesPerHour: rates, arrivals: 300_000, warmUp: 100 * aht,
      types: { k, rate in
        ContactType(id: "P\(k + 1)", arrivalRates: [rate], handleTime: .exponential(mean: aht), patience: nil,
                    serviceLevel: ServiceLevelRule(threshold: 20), priority: k + 1)
      },
      groups: [AgentGroup(id: "all", skills: rates.indices.map { Skill(type: $0) }, agents: [Int(params.number("agents"))])])
    let comparisons = rates.indices.map { k in
      ReferenceComparison(key: "mean_wait_class\(k + 1)_s", label: "P\(k + 1) asa_s", reading: .type(.averageSpeedOfAnswer, k))
    } + [ReferenceComparison(key: "p_wait", label: "centre wait_probability", reading: .total(.waitProbability))]
    return ReferenceStudy(reference: reference, rule: .exact, scenario: scenario, comparisons: comparisons)
  }

  init(reference: ReferenceCase, rule: ToleranceRule, scenario: Scenario, comparisons: [ReferenceComparison]) {
    self.init(reference: reference, rule: rule, scenario: scenario, replications: 20, seed: 2026_11_23,
              comparisons: comparisons)
  }

  /// A queue's P(wait), abandonment, ASA and service level at `threshold` (e.g. `"20s"`), keyed
  /// `<name>_p_wait`, `<name>_p_abandon`, `<name>_mean_wait_answered_s`, `<name>_sl_offered_<threshold>`.
  private static func queueComparisons(type: Int, name: String, threshold: String) -> [ReferenceComparison] {
    [(Metric.waitProbability, "p_wait"), (.abandonRate, "p_abandon"), (.averageSpeedOfAnswer, "mean_wait_answered_s"),
     (.serviceLevel, "sl_offered_\(threshold)")].map { metric, key in
      ReferenceComparison(key: "\(name)_\(key)", label: "\(name) \(metric.rawValue)", reading: .type(metric, type))
    }
  }

  /// One long steady-state interval of about `arrivals` arrivals (all types together) after a warm-up.
  static func steadyScenario(
    ratesPerHour: [Double], arrivals: Double, warmUp: Double, types: (Int, Double) -> ContactType,
    groups: [AgentGroup], routing: RoutingPolicy = RoutingPolicy()
  ) -> Scenario {
    let total = ratesPerHour.reduce(0, +) / 3600
    return Scenario(
      name: "reference", intervalLength: arrivals / total, intervalCount: 1, study: .steadyState(warmUp: warmUp),
      contactTypes: ratesPerHour.enumerated().map { types($0.offset, $0.element / 3600) }, groups: groups,
      routing: routing)
  }
}

/// A case's `params`, read by key path. A missing or mistyped parameter stops with the case and
/// the path: the reference files are checked in, so that is a programmer's mistake.
private struct Parameters {
  var reference: ReferenceCase

  init(_ reference: ReferenceCase) { self.reference = reference }

  func number(_ path: String...) -> Double {
    guard let number = value(path).number else { fail(path, "is not a number") }
    return number
  }

  func numbers(_ path: String...) -> [Double] {
    guard let numbers = value(path).array?.compactMap(\.number), !numbers.isEmpty else { fail(path, "is not a list of numbers") }
    return numbers
  }

  /// A `{"dist": "exponential" | "lognormal", "mean_s", "cv"}` object as a distribution; `nil` for
  /// JSON `null` (where the path is a patience: callers never abandon).
  func distribution(_ path: String...) -> Distribution? {
    let spec = value(path)
    if spec.isNull { return nil }
    switch (spec["dist"]?.string, spec["mean_s"]?.number, spec["cv"]?.number) {
    case ("exponential", let mean?, _): return .exponential(mean: mean)
    case ("lognormal", let mean?, let cv?): return .lognormal(mean: mean, cv: cv)
    default: fail(path, "is not an exponential or lognormal distribution: \(spec)")
    }
  }

  private func value(_ path: [String]) -> ReferenceValue {
    guard let found = path.reduce(Optional(reference.params), { $0?[$1] }) else { fail(path, "is missing") }
    return found
  }

  private func fail(_ path: [String], _ problem: String) -> Never {
    preconditionFailure("\(reference.id): params.\(path.joined(separator: ".")) \(problem)")
  }
}
