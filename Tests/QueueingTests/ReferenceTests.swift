import ReferenceCases
import Testing
@testable import Queueing

/// Every Erlang B, C and A case of the shared reference set, within the tolerance it states.
@Suite struct ReferenceTests {
  @Test(arguments: ReferenceCase.load("erlang_b.json", model: "erlang_b"))
  func erlangB(_ reference: ReferenceCase) {
    let a = reference.number("offered_load_erlang"), n = Int(reference.number("servers"))
    checkAll(reference) { metric in
      switch metric {
      case "blocking": ErlangB.blocking(traffic: a, servers: n)
      case "carried_load_erlang": ErlangB.carriedTraffic(traffic: a, servers: n)
      case "occupancy": ErlangB.occupancy(traffic: a, servers: n)
      default: nil
      }
    }
  }

  @Test(arguments: ReferenceCase.load("erlang_b.json", model: "erlang_b_staffing"))
  func erlangBStaffing(_ reference: ReferenceCase) throws {
    let a = reference.number("offered_load_erlang")
    let workload = Workload(arrivalRate: a, meanHandleTime: 1)
    let staffed = try Staffing.minimumAgents(
      .erlangB, workload: workload, targets: StaffingTargets(maxBlocking: reference.number("max_blocking")))
    checkAll(reference) { metric in
      switch metric {
      case "min_servers": Double(staffed.agents)
      case "blocking_at_min": staffed.blocking
      case "blocking_at_min_minus_1": ErlangB.blocking(traffic: a, servers: staffed.agents - 1)
      default: nil
      }
    }
  }

  @Test(arguments: ReferenceCase.load("erlang_c.json", model: "erlang_c"))
  func erlangC(_ reference: ReferenceCase) {
    let workload = Workload(
      arrivalsPerHour: reference.number("arrival_rate_per_hour"), meanHandleSeconds: reference.number("aht_s"))
    let c = ErlangC(workload, agents: Int(reference.number("agents")))
    checkAll(reference) { metric in
      if let t = threshold(of: metric, prefix: "sl_") { return c.serviceLevel(within: t) }
      return switch metric {
      case "stable": c.isStable ? 1 : 0
      case "p_wait": c.waitProbability
      case "asa_s": c.averageSpeedOfAnswer
      case "mean_wait_given_wait_s": c.meanWaitOfDelayed
      case "mean_queue_length": c.meanQueueLength
      case "occupancy": c.occupancy
      default: nil
      }
    }
    if !c.isStable {  // reported as such, never NaN
      #expect(c.serviceLevel(within: 20) == 0)
      #expect(c.averageSpeedOfAnswer == .infinity)
    }
  }

  @Test(arguments: ReferenceCase.load("erlang_c.json", model: "erlang_c_staffing"))
  func erlangCStaffing(_ reference: ReferenceCase) throws {
    let workload = Workload(
      arrivalsPerHour: reference.number("arrival_rate_per_hour"), meanHandleSeconds: reference.number("aht_s"))
    var targets = StaffingTargets()
    switch reference.strings["target"] {
    case "service_level":
      targets.serviceLevel = ServiceLevelTarget(
        fraction: reference.number("sl_min_fraction"), threshold: reference.number("sl_threshold_s"))
    case "asa": targets.maxAverageSpeedOfAnswer = reference.number("asa_max_s")
    case "p_wait": targets.maxWaitProbability = reference.number("p_wait_max")
    case let other: Issue.record("unknown target \(String(describing: other))")
    }
    let staffed = try Staffing.minimumAgents(.erlangC, workload: workload, targets: targets)
    checkAll(reference) { metric in
      if metric == "min_agents" { return Double(staffed.agents) }
      if metric == "occupancy_at_min" { return staffed.occupancy }
      for (suffix, agents) in [("_at_min", staffed.agents), ("_at_min_minus_1", staffed.agents - 1)] where metric.hasSuffix(suffix) {
        let c = ErlangC(workload, agents: agents)
        let name = String(metric.dropLast(suffix.count))
        if let t = threshold(of: name, prefix: "sl_") { return c.serviceLevel(within: t) }
        switch name {
        case "asa_s": return c.averageSpeedOfAnswer
        case "p_wait": return c.waitProbability
        default: return nil
        }
      }
      return nil
    }
  }

  /// The Erlang-A metric named as in `erlang_a.json`.
  static func metric(_ metric: String, of a: ErlangA) -> Double? {
    if let t = threshold(of: metric, prefix: "sl_offered_") { return a.serviceLevel(within: t) }
    if let t = threshold(of: metric, prefix: "sl_answered_") { return a.serviceLevelOfAnswered(within: t) }
    if let t = threshold(of: metric, prefix: "sl_excl_short_abandon_") { return a.serviceLevelExcludingShortAbandons(within: t) }
    if let t = threshold(of: metric, prefix: "p_abandon_within_") { return a.abandonment(within: t) }
    if let t = threshold(of: metric, prefix: "p_wait_gt_") { return a.waitProbability(exceeding: t) }
    return switch metric {
    case "p_wait": a.waitProbability
    case "p_abandon": a.abandonment
    case "p_served": a.servedProbability
    case "mean_wait_answered_s": a.averageSpeedOfAnswer
    case "mean_wait_all_s": a.meanWaitOfAll
    case "mean_wait_abandoned_s": a.meanWaitOfAbandoned
    case "mean_queue_length": a.meanQueueLength
    case "occupancy": a.occupancy
    default: nil
    }
  }

  @Test(arguments: ReferenceCase.load("erlang_a.json", model: "erlang_a"))
  func erlangA(_ reference: ReferenceCase) {
    let workload = Workload(
      arrivalsPerHour: reference.number("arrival_rate_per_hour"), meanHandleSeconds: reference.number("aht_s"))
    let a = ErlangA(workload, meanPatience: reference.number("mean_patience_s"), agents: Int(reference.number("agents")))
    checkAll(reference) { Self.metric($0, of: a) }
  }

  @Test(arguments: ReferenceCase.load("erlang_a.json", model: "erlang_a_staffing"))
  func erlangAStaffing(_ reference: ReferenceCase) throws {
    let workload = Workload(
      arrivalsPerHour: reference.number("arrival_rate_per_hour"), meanHandleSeconds: reference.number("aht_s"))
    let patience = reference.number("mean_patience_s")
    let metricName = try #require(reference.strings["target_metric"])
    #expect(reference.strings["target_direction"] == ">=")
    let (definition, t): (ServiceLevelDefinition, Double?) =
      if let t = threshold(of: metricName, prefix: "sl_offered_") { (.offered, t) }
      else if let t = threshold(of: metricName, prefix: "sl_answered_") { (.answered, t) }
      else { (.excludingShortAbandons, threshold(of: metricName, prefix: "sl_excl_short_abandon_")) }
    let target = ServiceLevelTarget(fraction: reference.number("target_value"), threshold: try #require(t), definition: definition)
    let staffed = try Staffing.minimumAgents(
      .erlangA(meanPatience: patience), workload: workload, targets: StaffingTargets(serviceLevel: target))
    checkAll(reference) { metric in
      if metric == "min_agents" { return Double(staffed.agents) }
      for (suffix, agents) in [("_at_min", staffed.agents), ("_at_min_minus_1", staffed.agents - 1)] where metric.hasSuffix(suffix) {
        return Self.metric(String(metric.dropLast(suffix.count)), of: ErlangA(workload, meanPatience: patience, agents: agents))
      }
      return nil
    }
  }
}
