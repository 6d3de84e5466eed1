// The multi-skill workload: a 24-hour centre with 20 types on three channels, 30 replications.
import ContactCenterModel
import Foundation

/// The multi-skill workload: a 24-hour day in 96 quarter-hours, 20 contact types on three
/// channels (front-line types cycle voice, chat, email), 1 000 agents at the peak in 10 groups.
/// Groups 0–8 each take two front-line types first and the next group's two second (overflow after
/// 20 s), hold up to two chats at once (the second 20% slower) and blend email with a reserve of
/// one idle agent; group 9 is tier 2, taking the two types fed only by
/// escalation (5% of front-line contacts). 10% of front-line contacts leave unresolved and half of
/// those come back an hour later; callers who abandon retry half the time. Arrivals and headcounts
/// follow a day curve (night floor, morning and afternoon peaks).
func multiSkillScenario() -> Scenario {
  let intervals = 96
  let curve = (0..<intervals).map { k -> Double in
    let hour = (Double(k) + 0.5) / 4
    return 0.08 + 0.92 * max(exp(-pow((hour - 10.5) / 2.5, 2)), 0.9 * exp(-pow((hour - 15.5) / 2.5, 2)))
  }
  let frontRate = 46.0 / 300   // per type at the peak: 92 erlangs for a group's two types
  // Types cycle through the three channels: voice calls abandon and retry; chats abandon too and
  // are sessions (front groups hold two at once); email is deferred work with a 4-hour target.
  let channels: [Channel] = [.voice, .chat, .email]
  var types: [ContactType] = (0..<18).map { t in
    let channel = channels[t % 3]
    var type = ContactType(
      id: "\(channel.rawValue)-\(t)", arrivalRates: curve.map { $0 * frontRate },
      handleTime: .lognormal(mean: 300, cv: 0.8), patience: channel == .email ? nil : .exponential(mean: 180),
      serviceLevel: ServiceLevelRule(threshold: channel == .email ? 4 * 3600 : 20), priority: 1 + t % 2, resolution: 0.85,
      escalations: [Escalation(to: 18 + t % 2, share: 1.0 / 3, transferTime: .exponential(mean: 30))],
      retrial: channel == .email ? nil : Recontact(probability: 0.5, delay: .exponential(mean: 600)),
      repeats: Recontact(probability: 0.5, delay: .exponential(mean: 3600)))
    type.setChannel(channel)
    return type
  }
  for t in 18..<20 {
    types.append(ContactType(
      id: "tier2-\(t - 18)", arrivalRates: Array(repeating: 0, count: intervals), handleTime: .lognormal(mean: 600, cv: 1),
      patience: .exponential(mean: 600), serviceLevel: ServiceLevelRule(threshold: 60), priority: 2))
  }
  let staffing = curve.map { max(10, Int(($0 * 100).rounded(.up))) }
  var groups: [AgentGroup] = (0..<9).map { g in
    var group = AgentGroup(id: "front-\(g)", skills: [
      Skill(type: 2 * g), Skill(type: 2 * g + 1),
      Skill(type: (2 * g + 2) % 18, preference: 2, overflowDelay: 20), Skill(type: (2 * g + 3) % 18, preference: 2, overflowDelay: 20),
    ], agents: staffing, hourlyCost: 30, shrinkage: 0.3)
    group.concurrency = Concurrency(limit: 2, stretch: [1, 1.2])
    group.blending = Blending(reserve: 1)
    return group
  }
  groups.append(AgentGroup(id: "tier2", skills: [Skill(type: 18), Skill(type: 19)], agents: staffing, hourlyCost: 45))
  return Scenario(name: "multiskill", intervalLength: 900, intervalCount: intervals, contactTypes: types, groups: groups,
                  routing: RoutingPolicy(contactSide: .groupOrder))
}

func multiSkillWorkload(json: Bool) {
  let experiment = Experiment(scenario: multiSkillScenario(), seed: 1)
  let clock = ContinuousClock()
  let start = clock.now
  let result = withoutOverload { try experiment.run(replications: 30, threads: ProcessInfo.processInfo.activeProcessorCount) }
  let elapsed = clock.now - start
  let runSeconds = seconds(elapsed)
  let arrivals = result.replications.reduce(0) { $0 + $1.little.arrivals }
  let events = result.replications.reduce(0) { $0 + $1.events }
  let fields: [(String, String)] = [
    ("workload", "\"multiskill\""), ("replications", "30"), ("agents_at_peak", "1000"), ("groups", "10"), ("types", "20"),
    ("queue_joins", "\(arrivals)"), ("events", "\(events)"),
    ("sl", String(format: "%.4f", result.totals[.serviceLevel]!.mean)),
    ("repeats_per_day", String(format: "%.0f", result.totals[.repeats]!.mean)),
    ("escalated_per_day", String(format: "%.0f", result.totals[.escalated]!.mean)),
    ("run_s", String(format: "%.2f", runSeconds)),
    ("contacts_per_s", String(format: "%.0f", Double(arrivals) / runSeconds)),
    ("events_per_s", String(format: "%.0f", Double(events) / runSeconds)),
    ("peak_rss_mb", String(format: "%.1f", peakResidentMiB())),
  ]
  printResults(fields, title: "multiskill: 24 h in 96 intervals, 20 types on three channels (voice, chat 2 at a time, email "
                 + "blended), 10 groups (1 000 agents at the peak), escalation, "
                 + "retrials and repeats, 30 replications on all cores (target ≤ 20 s, ≤ 200 MB)", json: json)
}

