import ArgumentParser
import ContactCenterModel
import Fingerprint
import Foundation
import Planning
import Reporting
import ScenarioIO
import ShiftPlanning

/// `ccsim staff`: the cheapest staffing that meets the scenario's targets.
struct Staff: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Find the cheapest staffing per interval and group that meets the scenario's targets, and plan its shifts.",
    discussion: """
      Starts from the Erlang C / Erlang A requirement of each type and interval, then corrects it by
      simulation on common random numbers: adds agents where a target is missed (choosing among the
      groups that can help by gain per cost), removes them where there is slack (the most expensive
      group first), and verifies the plan on fresh random numbers (seed + 1). Groups with shiftRules
      get shifts at the fewest paid hours (GLPK), verified by simulation. The scenario's 'targets:'
      say what to meet and how sure to be (Docs/planning.md). Writes staffing.csv, shifts.csv,
      marginal.csv, compare.csv, targets.csv, staff.json, plan.yaml, the final plan's summary.json,
      intervals.csv and groups.csv, and report.html into Results/<scenario>/<run-id>-staff/.
      """)

  @Argument(help: "Scenario file (YAML) with a 'targets:' section.") var scenario: String
  @Option(name: .customLong("max-rounds"), help: "Simulated plans the search may run in each phase: adding, removing, each repair (10 to 10000).")
  var maxRounds = StaffingJob.defaultMaximumRounds
  @Option(name: .customLong("shift-nodes"), help: "Branch-and-bound nodes the shift planner may explore per group (1 to 1000000).")
  var shiftNodes = StaffingJob.defaultShiftLimits.nodes!
  @Option(name: .customLong("shift-seconds"), help: "Seconds the shift planner may take per group (1 to 3600), a safety net behind --shift-nodes.")
  var shiftSeconds = StaffingJob.defaultShiftLimits.seconds
  @Flag(name: .customLong("no-marginal"), help: "Skip the marginal values (two simulations per group).")
  var noMarginal = false
  @OptionGroup var options: SimulationOptions

  func validate() throws {
    guard (10...10_000).contains(maxRounds) else { throw ValidationError("--max-rounds: expected 10 to 10000, found '\(maxRounds)'") }
    guard (1...1_000_000).contains(shiftNodes) else {
      throw ValidationError("--shift-nodes: expected 1 to 1000000, found '\(shiftNodes)'")
    }
    guard shiftSeconds >= 1 && shiftSeconds <= 3600 else {
      throw ValidationError("--shift-seconds: expected 1 to 3600, found '\(shiftSeconds)'")
    }
  }

  func run() throws {
    let file = try ScenarioFile.load(path: scenario)                                  // read
    let out = try ResultsFolder(under: options.out, scenario: file.scenario.name)
    let job = StaffingJob(scenario: file.scenario, replications: options.replications, seed: options.seed,
                          threads: options.threads(for: file.scenario), maximumRounds: maxRounds,
                          shiftLimits: ShiftPlanner.Limits(seconds: shiftSeconds, nodes: shiftNodes), marginal: !noMarginal)
    let plan = try job.plan(path: scenario)                      // compute
    let report = StaffReport(plan: plan, file: scenario, scenarioSHA256: SHA256.hex(Array(file.text.utf8)), toolVersion: CCSim.version)
    let folder = try out.write(seed: options.seed, label: "staff", files: report.files(scenarioText: file.text))   // write
    print(report.table())
    print("\(options.replications) replications per plan, search seed \(options.seed): results in \(folder)")
  }
}
