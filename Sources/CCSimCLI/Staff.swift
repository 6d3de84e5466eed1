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
  var maxRounds = 100
  @Option(name: .customLong("shift-nodes"), help: "Branch-and-bound nodes the shift planner may explore per group (1 to 1000000).")
  var shiftNodes = defaultShiftLimits.nodes!
  @Option(name: .customLong("shift-seconds"), help: "Seconds the shift planner may take per group (1 to 3600), a safety net behind --shift-nodes.")
  var shiftSeconds = defaultShiftLimits.seconds
  @Flag(name: .customLong("no-marginal"), help: "Skip the marginal values (two simulations per group).")
  var noMarginal = false
  @OptionGroup var options: SimulationOptions

  /// The shift planner's limits unless flags say otherwise (and always in `sweep --staff`).
  static let defaultShiftLimits = ShiftPlanner.Limits(seconds: 30, nodes: 300)

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
    let report = try Self.staff(file: file, path: scenario, options: options, maxRounds: maxRounds,
                                shiftLimits: ShiftPlanner.Limits(seconds: shiftSeconds, nodes: shiftNodes),
                                marginal: !noMarginal, verbose: true)                   // compute
    let run = report.run
    let folder = try out.write(                                                         // write
      seed: options.seed, label: "staff",
      files: [
        ("staffing.csv", report.staffingCSV()),
        ("shifts.csv", report.shiftsCSV()),
        ("marginal.csv", report.marginalCSV()),
        ("compare.csv", report.comparison.compareCSV()),
        ("targets.csv", report.comparison.targetsCSV()),
        ("staff.json", report.staffJSON()),
        ("plan.yaml", report.planYAML()),
        ("summary.json", run.summaryJSON()),
        ("intervals.csv", run.intervalsCSV()),
        ("groups.csv", run.groupsCSV()),
        ("report.html", report.html()),
        ("scenario.yaml", file.text),
      ])
    print(report.table())
    print("\(options.replications) replications per plan, search seed \(options.seed): results in \(folder)")
  }

  /// Staffs a loaded scenario.
  static func staff(file: ScenarioFile, path: String, options: SimulationOptions, maxRounds: Int,
                    shiftLimits: ShiftPlanner.Limits, marginal: Bool, verbose: Bool) throws -> StaffReport {
    let plan = try Self.plan(file.scenario, path: path, options: options, maxRounds: maxRounds, shiftLimits: shiftLimits,
                             marginal: marginal, verbose: verbose)
    return StaffReport(plan: plan, file: path, scenarioSHA256: SHA256.hex(Array(file.text.utf8)), toolVersion: CCSim.version)
  }

  /// The staffing job on one scenario (shared with `ccsim sweep --staff`); staffing errors become
  /// input errors naming `path`.
  static func plan(_ scenario: Scenario, path: String, options: SimulationOptions, maxRounds: Int,
                   shiftLimits: ShiftPlanner.Limits, marginal: Bool, verbose: Bool) throws -> StaffingPlan {
    let search: StaffingSearch
    do {
      search = try StaffingSearch(
        scenario: scenario,
        options: .init(replications: options.replications, seed: options.seed, threads: options.threads(for: scenario),
                       maximumRounds: maxRounds))
    } catch {
      throw Self.inputError(error, path: path)
    }
    let log: ((StaffingSearch.Step) -> Void)? = verbose && isatty(STDERR_FILENO) == 1 ? { step in
      let change = step.change == 0 ? "no change" : (step.change > 0 ? "+" : "") + "\(step.change) agent-intervals"
      FileHandle.standardError.write(Data(
        "\r\u{1B}[K\(step.phase.rawValue): \(change), \(step.misses) targets missed, planned cost \(Int(step.plannedCost.rounded()))".utf8))
    } : nil
    let plan: StaffingPlan
    do {
      plan = try search.plan(shiftLimits: shiftLimits, marginal: marginal, log: log)
    } catch let error as StaffingSearchError {
      if case .overloaded(let overload) = error { throw overload }
      throw Self.inputError(error, path: path)
    } catch let error as ShiftPlanningError {
      if case .noPlanWithinLimits = error {
        throw InputError(field: "--shift-seconds", expected: "time enough for the shift planner to find a first plan", found: error.description)
      }
      throw InputError(location: path, field: "shiftRules", expected: "shift rules the planner can plan from", found: error.description)
    }
    if log != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    return plan
  }

  /// A staffing error as one line naming the file and what it lacks.
  static func inputError(_ error: StaffingSearchError, path: String) -> InputError {
    switch error {
    case .noTargets:
      InputError(location: path, field: "targets", expected: "a 'targets:' section (serviceLevel, asa, abandonment or occupancy; Docs/planning.md) for staff to meet", found: "")
    case .typeUnserved(let type):
      InputError(location: path, field: "contactTypes[\(type)]", expected: "a group with a skill for the type", found: "none")
    case .erlang(let type, let reason):
      InputError(location: path, field: "targets of \(type)", expected: "targets some staffing can meet", found: reason.description)
    case .roundLimit(let rounds, let misses):
      InputError(field: "--max-rounds", expected: "enough simulation rounds to meet every target (\(misses) still missed)", found: String(rounds))
    case .overloaded(let overload):
      InputError(location: path, field: "groups", expected: "a staffing plan the centre can carry", found: overload.description)
    }
  }
}
