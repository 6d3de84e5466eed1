// The staffing workload: `ccsim staff` on the multichannel retail example, timed once.
import ContactCenterModel
import Foundation
import Planning
import ScenarioIO
import ShiftPlanning

/// The staffing workload: `ccsim staff` on the multichannel retail example (96 quarter-hours,
/// five types, three groups, the voice team's shifts from 13 975 patterns), 30 replications per
/// simulated plan on every core, marginal values included: the whole job, timed once (it takes
/// tens of seconds, and the search is deterministic).
/// - Parameter path: The scenario file: `Scenarios/retail-multichannel.yaml` in the repository
///   unless `--scenario` names another (`--repository`, by default the current directory).
func staffWorkload(scenario path: String, json: Bool) {
  let scenario: Scenario
  do {
    scenario = try ScenarioFile.load(path: path).scenario
  } catch {
    FileHandle.standardError.write(Data(
      "ccsim-bench: cannot load \(path) (run from the repository, or give --repository PATH or --scenario PATH): \(error)\n".utf8))
    exit(2)
  }
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

