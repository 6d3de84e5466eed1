// ccsim-bench: the standard workloads, timed. Build and run optimised only:
//   swift run -c release ccsim-bench                    every workload, each in its own process
//   swift run -c release ccsim-bench --workload mmn-s --json
//   swift run -c release ccsim-bench --compare-c PATH   MMN+M-S and -L against shared/bench/mmn_c.c
// Workloads: erlang (analytic formulas), mmn-s and mmn-l (the M/M/n+M simulation workloads),
// replications (1 vs 2 threads), multiskill (a 24-hour multi-skill centre), staff (ccsim staff on
// the retail example). Setup stays outside the timed region and results feed
// a printed checksum, so the optimiser cannot drop the work. Peak memory is the process's maximum
// resident set, which is why each workload runs in a fresh process.
import CAllocationCounter
import ContactCenterModel
import Foundation
import Planning
import Queueing
import ReferenceCases
import ScenarioIO
import ShiftPlanning
import Stochastic

struct Measurement {
  var name: String
  /// The workload's target, if it has one (Docs/performance.md).
  var target: Duration?
  var perOperation: Duration
  var operations: Int
}

func measure(_ name: String, target: Duration?, checksum: inout Double, _ body: () -> Double) -> Measurement {
  let clock = ContinuousClock()
  var best = Duration.seconds(1_000)
  var total = 0
  for _ in 0..<5 {
    var count = 0
    let start = clock.now
    var elapsed = Duration.zero
    while elapsed < .milliseconds(200) {
      checksum += body()
      count += 1
      elapsed = clock.now - start
    }
    best = min(best, elapsed / count)
    total += count
  }
  return Measurement(name: name, target: target, perOperation: best, operations: total)
}

func microseconds(_ duration: Duration) -> Double { seconds(duration) * 1e6 }

func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// A workload's results: one JSON line (`--json`), or a title and one indented line per field.
/// The first field is the workload's name, which the title already gives.
func printResults(_ fields: [(String, String)], title: String, json: Bool) {
  if json {
    print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
  } else {
    print(title)
    for (key, value) in fields.dropFirst() { print("    \(key.padding(toLength: 20, withPad: " ", startingAt: 0)) \(value)") }
  }
}

func peakResidentMiB() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024   // kilobytes on Linux
}

func erlangWorkload() {
  // A weekday curve over 96 quarter-hours peaking at 5 000 erlangs: night floor, morning peak, lunch dip, afternoon peak.
  let dayWorkloads: [Workload] = (0..<96).map { interval in
    let hour = Double(interval) / 4
    let shape = 0.04 + exp(-pow((hour - 10.5) / 2.2, 2)) + 0.85 * exp(-pow((hour - 15.5) / 2.4, 2)) - 0.2 * exp(-pow((hour - 13) / 0.8, 2))
    let erlangs = 5_000 * max(0.01, shape) / 1.0
    return Workload(arrivalRate: erlangs / 300, meanHandleTime: 300)
  }
  let peak = dayWorkloads.map(\.traffic).max()!
  let day = dayWorkloads.map { Workload(arrivalRate: $0.arrivalRate * 5_000 / peak, meanHandleTime: 300) }
  let eightyTwenty = StaffingTargets(serviceLevel: ServiceLevelTarget(fraction: 0.8, threshold: 20))

  var checksum = 0.0
  let results = [
    measure("Erlang C, 10 000 agents, 9 800 erlangs: P(wait), SL 20 s, ASA", target: .microseconds(20), checksum: &checksum) {
      let c = ErlangC(Workload(arrivalRate: 9_800 / 300, meanHandleTime: 300), agents: 10_000)
      return c.serviceLevel(within: 20) + c.averageSpeedOfAnswer
    },
    measure("Erlang A, 1 000 agents, 980 erlangs, patience 180 s: all metrics + SL 20 s", target: .microseconds(200), checksum: &checksum) {
      let a = ErlangA(Workload(arrivalRate: 980 / 300, meanHandleTime: 300), meanPatience: 180, agents: 1_000)
      return a.serviceLevel(within: 20) + a.abandonment + a.averageSpeedOfAnswer
    },
    measure("Staffing a 96-interval day peaking at 5 000 erlangs, Erlang C 80/20", target: .milliseconds(5), checksum: &checksum) {
      let staffed = try! Staffing.requirements(.erlangC, workloads: day, targets: eightyTwenty)
      return Double(staffed.reduce(0) { $0 + $1.agents })
    },
    measure("Staffing the same day with Erlang A (patience 180 s) 80/20", target: nil, checksum: &checksum) {
      let staffed = try! Staffing.requirements(.erlangA(meanPatience: 180), workloads: day, targets: eightyTwenty)
      return Double(staffed.reduce(0) { $0 + $1.agents })
    },
  ]

  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  print("ccsim-bench (release build), \(ProcessInfo.processInfo.activeProcessorCount) cores")
  for result in results {
    let us = microseconds(result.perOperation)
    let verdict = result.target.map { target in
      String(format: "target ≤ %.0f µs: ", microseconds(target)) + (result.perOperation <= target ? "ok" : "SLOWER THAN TARGET")
    } ?? "no target"
    print(result.name)
    print(String(format: "    %10.2f µs per run   ", us) + verdict + "   (\(result.operations) runs)")
  }
  print(String(format: "peak memory (max RSS): %.1f MiB", peakResidentMiB()))
  print("checksum \(checksum)")
}

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

/// `Docs/validation.md`: simulated steady-state M/M/n and M/M/n+M against the exact Erlang C and
/// Erlang A values, then the multi-skill reference cases (N-design, two-tier escalation, priority
/// classes) against their reference files, side by side (regenerate with `Scripts/validation-report`).
/// - Parameter referenceDirectory: The folder holding `sim_ndesign.json`, `sim_escalation.json` and
///   `priority.json` (`--reference`; the repository's copies in `Tests/ContactCenterModelTests/Fixtures`).
func validationReport(referenceDirectory: String) {
  struct Case { var name: String; var perHour: Double; var aht: Double; var agents: Int; var patience: Double? }
  let cases = [
    Case(name: "M/M/14 (Erlang C, reference EC-017)", perHour: 200, aht: 180, agents: 14, patience: nil),
    Case(name: "M/M/56 (Erlang C, reference EC-025)", perHour: 720, aht: 240, agents: 56, patience: nil),
    Case(name: "M/M/50+M (Erlang A, Scenarios/mmn-steady.yaml)", perHour: 576, aht: 300, agents: 50, patience: 180),
    Case(name: "M/M/10+M (Erlang A, reference EA-005)", perHour: 260, aht: 180, agents: 10, patience: 180),
    Case(name: "M/M/10+M, impatient (Erlang A, reference EA-022)", perHour: 195, aht: 240, agents: 10, patience: 48),
  ]
  let replications = 20, arrivals = 200_000.0, seed: UInt64 = 20_261_123
  print("""
    # Validation: the simulator against queueing theory and reference simulations

    Generated by `Scripts/validation-report` (which runs `ccsim-bench --workload validation`); do not
    edit by hand. Every case is a steady-state study repeated in independent replications; "99% CI"
    is the Student-t interval over replications. Four kinds of reference:

    - **Single queue, exact** (the first five sections): M/M/n against Erlang C and M/M/n+M against
      Erlang A. A warm-up of 50 mean handle times, then one measurement window of about
      \(Int(arrivals)) arrivals, \(replications) replications (seed \(seed)); "inside" says whether
      the exact value lies in the 99% CI. Exact values come from the `Queueing` module, which matches
      the reference values in `shared/reference/public` to their stated tolerances. The tests
      (`ValidationTests`) run the same comparison.
    - **Multi-skill, reference simulation**: the N-design and two-tier escalation cases of
      `sim_ndesign.json` and `sim_escalation.json` (Ciw simulations, 200 replications each), judged
      by the files' own tolerance rule.
    - **Priority classes, exact**: the non-preemptive M/M/c priority cases of `priority.json` that
      the tests use, exact value inside the 99% CI.
    - **Finite capacity, exact**: the M/M/c/K cases of `mmc_finite.json` (trunk lines and queue
      capacities, blocked calls lost), each metric within 4 standard errors of the exact value
      (`BlockingTests`).

    The multi-skill, priority and finite-capacity studies (scenario, seed, replications, which
    simulated metric estimates which reference key) live in the `ReferenceCases` library, and
    `MultiSkillTests` and `BlockingTests` run exactly the same studies, so a row that is not inside here fails a test. The reference files
    are read from the repository's copies in `Tests/ContactCenterModelTests/Fixtures/` (copied from
    `shared/reference/public`), the files the tests read; `Scripts/validation-report` passes that
    folder as `--reference`.

    Metrics: SL = answered within 20 s ÷ offered; P(wait) = share of arrivals that queue;
    ASA = mean wait of answered contacts; abandoned = abandoned ÷ offered; occupancy = busy ÷
    staffed agent time; wait_pNN_s = the NN-th percentile of the wait (Erlang C cases; exact
    value max(0, ln(C/(1 − p))/(nμ − λ)); "inside" allows the histogram's 1% + 1 ms precision).

    """)
  for c in cases {
    let workload = Workload(arrivalsPerHour: c.perHour, meanHandleSeconds: c.aht)
    var exact: [(Metric, Double)]
    if let patience = c.patience {
      let a = ErlangA(workload, meanPatience: patience, agents: c.agents)
      exact = [(.serviceLevel, a.serviceLevel(within: 20)), (.waitProbability, a.waitProbability),
               (.averageSpeedOfAnswer, a.averageSpeedOfAnswer), (.abandonRate, a.abandonment), (.occupancy, a.occupancy)]
    } else {
      let e = ErlangC(workload, agents: c.agents)
      exact = [(.serviceLevel, e.serviceLevel(within: 20)), (.waitProbability, e.waitProbability),
               (.averageSpeedOfAnswer, e.averageSpeedOfAnswer), (.occupancy, e.occupancy)]
        + [Metric.waitP50, .waitP80, .waitP90, .waitP95, .waitP99].map { ($0, e.waitQuantile($0.quantile!)) }
    }
    let rate = c.perHour / 3600
    let scenario = Scenario(
      name: "validation", intervalLength: arrivals / rate, intervalCount: 1, study: .steadyState(warmUp: 50 * c.aht),
      contactTypes: [ContactType(
        id: "calls", arrivalRates: [rate], handleTime: .exponential(mean: c.aht),
        patience: c.patience.map { .exponential(mean: $0) }, agents: [c.agents],
        serviceLevel: ServiceLevelRule(threshold: 20))])
    let result = withoutOverload { try Experiment(scenario: scenario, seed: seed).run(replications: replications, threads: 2) }
    print("## \(c.name)\n")
    print(String(format: "%.0f calls/h, AHT %.0f s, %d agents", c.perHour, c.aht, c.agents)
          + (c.patience.map { String(format: ", mean patience %.0f s", $0) } ?? "") + "\n")
    print("| metric | exact | simulated | 99% CI | inside |")
    print("|---|---:|---:|---:|:---:|")
    for (metric, value) in exact {
      let ci = result.confidenceInterval(metric, level: 0.99)!
      let isTime = metric == .averageSpeedOfAnswer || metric.quantile != nil
      let digits = isTime ? "%.3f s" : "%.4f"
      // Percentiles come from a histogram with 1% precision: "inside" allows for it (1% + 1 ms).
      let slack = metric.quantile == nil ? 0 : 0.01 * value + 0.001
      let inside = abs(ci.mean - value) <= ci.halfWidth + slack
      print("| \(metric.rawValue) | \(String(format: digits, value)) | \(String(format: digits, ci.mean)) | ±\(String(format: digits, ci.halfWidth)) | \(inside ? "yes" : "**no**") |")
    }
    let little = result.replications.map(\.little)
    let worst = little.map { abs($0.queueArea - $0.sumOfWaits) / max($0.sumOfWaits, 1) }.max()!
    print(String(format: "\nLittle's law, worst replication: |∫Q dt − Σ waits| / Σ waits = %.1e.\n", worst))
  }
  referenceSection(
    "N-design (two skills, reference simulation)", file: "sim_ndesign.json", directory: referenceDirectory,
    about: """
      Group A takes class 1 only; group B takes class 2 first and class 1 second (its class-1 handle
      time is service 1B); a class-1 arrival takes an idle A agent before an idle B agent (group-order
      routing). Each class's service level counts answers within 20 s over offered.
      """, study: ReferenceStudy.nDesign)
  referenceSection(
    "Two-tier escalation (reference simulation)", file: "sim_escalation.json", directory: referenceDirectory,
    about: """
      Tier 1 resolves a share of its contacts; the rest join the tier-2 queue at once, with a fresh
      patience. Service levels: 20 s at tier 1, 60 s at tier 2, over offered. The last three rows are
      shares of tier-1 arrivals: resolved at tier 1, transferred, resolved at tier 2.
      """, study: ReferenceStudy.escalation)
  referenceSection(
    "Priority classes (exact, non-preemptive M/M/c)", file: "priority.json", directory: referenceDirectory,
    about: """
      One group takes every class, the most urgent (P1) first, FCFS within a class, a call in service
      is never interrupted; no abandonment, so a class's mean wait is its ASA. The cases the tests
      use: \(ReferenceStudy.priorityCaseIDs.sorted().joined(separator: ", ")).
      """, include: { ReferenceStudy.priorityCaseIDs.contains($0.id) }, study: ReferenceStudy.priority)
  // The finite-capacity study alternates lines and queueCapacity by the case's position in its file.
  let finite = (try? ReferenceFile(json: Data(contentsOf: URL(fileURLWithPath: referenceDirectory + "/mmc_finite.json"))))?
    .cases.map(\.id) ?? []
  referenceSection(
    "Finite capacity (exact M/M/c/K)", file: "mmc_finite.json", directory: referenceDirectory,
    about: """
      c agents and room for K calls in the centre (in service and waiting), no abandonment: a call
      arriving to K in the centre is blocked and lost. Cases in even positions of the file say it as
      `lines: K`, those in odd positions as `queueCapacity: K − c`. Mean queue length is Little's law
      (answered per second × ASA); service levels count answers within 20 s over the admitted calls
      (`service_level_admitted`) and over all offered, blocked ones failing (`service_level`).
      """, study: { ReferenceStudy.finiteCapacity($0, position: finite.firstIndex(of: $0.id) ?? 0) })
}

/// One section of `Docs/validation.md` for a reference file in `directory`: every case (that
/// `include` keeps) run as `study` builds it, one table per case judged by the file's tolerance
/// rule. Exits with status 1 if the file cannot be read.
func referenceSection(
  _ title: String, file: String, directory: String, about: String,
  include: (ReferenceCase) -> Bool = { _ in true }, study: (ReferenceCase) -> ReferenceStudy
) {
  let url = URL(fileURLWithPath: directory).appendingPathComponent(file)
  let reference: ReferenceFile
  do {
    reference = try ReferenceFile(json: Data(contentsOf: url))
  } catch {
    FileHandle.standardError.write(Data(
      "ccsim-bench: cannot read reference file \(url.path) (give its folder with --reference DIR): \(error)\n".utf8))
    exit(1)
  }
  let cases = reference.cases.filter(include).map(study)
  guard let sample = cases.first else { fatalError("\(file) has no case to report") }
  // A reference simulation's file may also give the exact (CTMC or closed-form) value of a key.
  let showsExact = sample.rule == .referenceSimulation
  print("## \(title)\n")
  print(about + "\n")
  print("""
    Each case runs \(sample.replications) replications (seed \(sample.seed)) of a warm-up and one long
    measurement window (lengths below). "allowed Δ" is the largest |simulated − reference| the
    file's rule accepts; "inside" says whether the simulated mean is within it. The rule, as
    `\(file)` states it:

    > \(reference.toleranceRule)

    """)
  switch sample.rule {
  case .referenceSimulation:
    print("""
      Here allowed Δ = 4·√(sd_per_rep²/n_reps + sd²/R), with sd and R = \(sample.replications) this
      simulator's. "exact" is the file's exact (CTMC) steady-state value where it gives one: shown,
      not judged.

      """)
  case .exact:
    print("""
      Here allowed Δ is the larger of the 99% CI half-width and the file's abs_tol + rel_tol·|value|
      (about 1e-6 of the value), so in practice the exact value must lie in the 99% CI.

      """)
  case .standardErrors(let multiple):
    print("""
      Here allowed Δ = \(ReferenceValue.number(multiple))·sd/√R, \(ReferenceValue.number(multiple)) standard errors of the simulated
      mean (sd over the R = \(sample.replications) replications), as the tests check.

      """)
  }
  var inside = 0, total = 0
  for study in cases {
    let scenario = study.scenario
    let arrivals = scenario.contactTypes.reduce(0) { $0 + $1.arrivalRates[0] } * scenario.intervalLength
    print("### \(study.reference.id)\n")
    print(String(format: "Warm-up %.1f h, window %.0f h (about %.0f arrivals). ", scenario.study.warmUp / 3600,
                 scenario.intervalLength / 3600, arrivals)
          + "Parameters: `\(study.reference.params)`\n")
    print("| metric | ccsim | reference | simulated | 99% CI | allowed Δ | inside |" + (showsExact ? " exact |" : ""))
    print("|---|---|---:|---:|---:|---:|:---:|" + (showsExact ? "---:|" : ""))
    for agreement in study.agreements(with: withoutOverload { try study.run(threads: 2) }) {
      let key = agreement.comparison.key
      let format = key.hasSuffix("_s") ? "%.3f s" : "%.4f"
      let number = { (value: Double?, absent: String) in value.map { String(format: format, $0) } ?? absent }
      let exact = showsExact ? " \(number(study.reference.expected(key, "exact"), "—")) |" : ""
      print("| \(key) | \(agreement.comparison.label) | \(number(agreement.reference, "missing")) | "
            + "\(number(agreement.simulated.mean, "")) | ±\(number(agreement.simulated.halfWidth, "")) | "
            + "\(number(agreement.allowed, "")) | \(agreement.isInside ? "yes" : "**no**") |" + exact)
      total += 1
      if agreement.isInside { inside += 1 }
    }
    print("")
  }
  print("\(inside) of \(total) rows inside.\n")
}

/// The staffing workload: `ccsim staff` on the multichannel retail example (96 quarter-hours,
/// five types, three groups, the voice team's shifts from 13 975 patterns), 30 replications per
/// simulated plan on every core, marginal values included: the whole job, timed once (it takes
/// tens of seconds, and the search is deterministic).
func staffWorkload(json: Bool) {
  let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Scenarios/retail-multichannel.yaml").path
  let scenario = try! ScenarioFile.load(path: path).scenario
  let threads = ProcessInfo.processInfo.activeProcessorCount
  let search = try! StaffingSearch(scenario: scenario, options: .init(replications: 30, seed: 1, threads: threads))
  let clock = ContinuousClock()
  let start = clock.now
  let plan = try! search.plan(shiftLimits: ShiftPlanner.Limits(seconds: 30, nodes: 300))
  let elapsed = seconds(clock.now - start)
  let simulations = plan.simulations
  let events = plan.result.replications.reduce(0) { $0 + Double($1.events) }
  let contacts = plan.result.totals[.offered]!.mean * 30
  printResults([
    ("workload", "\"staff\""), ("intervals", "\(scenario.intervalCount)"), ("groups", "\(scenario.agentGroups.count)"),
    ("replications", "30"), ("threads", "\(threads)"), ("simulated_plans", "\(simulations)"),
    ("run_s", String(format: "%.1f", elapsed)),
    ("events_per_s", String(format: "%.3g", events * Double(simulations) / elapsed)),
    ("contacts_per_s", String(format: "%.3g", contacts * Double(simulations) / elapsed)),
    ("planned_cost", String(format: "%.0f", search.plannedCost(plan.outcome.staffing))),
    ("verified", plan.significantMisses.isEmpty ? "true" : "false"),
    ("peak_rss_mb", String(format: "%.1f", peakResidentMiB())),
  ], title: "ccsim staff on retail-multichannel: 96 intervals, 3 groups, 30 replications per plan (target ≤ 60 s)", json: json)
}

let arguments = Array(CommandLine.arguments.dropFirst())
let json = arguments.contains("--json")
let workloads = ["erlang", "mmn-s", "mmn-l", "replications", "multiskill", "staff"]  // and "validation", which writes Docs/validation.md
if let flag = arguments.firstIndex(of: "--workload"), arguments.indices.contains(flag + 1), arguments[flag + 1] == "validation" {
  let reference = arguments.firstIndex(of: "--reference").flatMap { arguments.indices.contains($0 + 1) ? arguments[$0 + 1] : nil }
  validationReport(referenceDirectory: reference ?? "Tests/ContactCenterModelTests/Fixtures")
  exit(0)
}
if let flag = arguments.firstIndex(of: "--compare-c") {
  guard flag + 1 < arguments.count else {
    FileHandle.standardError.write(Data("ccsim-bench: --compare-c expects the path of the C program (cc -O2 -o mmn_c mmn_c.c -lm)\n".utf8))
    exit(2)
  }
  compareWithC(program: arguments[flag + 1], json: json)
  exit(0)
}
if let flag = arguments.firstIndex(of: "--workload") {
  guard flag + 1 < arguments.count, workloads.contains(arguments[flag + 1]) else {
    FileHandle.standardError.write(Data("ccsim-bench: --workload expects one of \(workloads.joined(separator: ", "))\n".utf8))
    exit(2)
  }
  switch arguments[flag + 1] {
  case "erlang": erlangWorkload()
  case "mmn-s": simulationWorkload("mmn-s", agents: 50, erlangs: 48, arrivals: 1_000_000, json: json)
  case "mmn-l": simulationWorkload("mmn-l", agents: 1_000, erlangs: 980, arrivals: 5_000_000, json: json)
  case "multiskill": multiSkillWorkload(json: json)
  case "staff": staffWorkload(json: json)
  default: replicationWorkload(json: json)
  }
} else {
  // Each workload in a fresh process, so each peak-memory figure is its own.
  print("ccsim-bench (release build), \(ProcessInfo.processInfo.activeProcessorCount) cores")
  fflush(nil)   // every output stream: the header before the children write
  for workload in workloads {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
    process.arguments = ["--workload", workload] + (json ? ["--json"] : [])
    try process.run()
    process.waitUntilExit()
  }
}

/// The result of a benchmark simulation; its scenarios are built to stay far from overload, so an
/// overload is a mistake in the benchmark.
func withoutOverload<Result>(_ body: () throws -> Result) -> Result {
  do { return try body() } catch { fatalError("benchmark scenario overloaded: \(error)") }
}
