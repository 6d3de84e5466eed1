import ArgumentParser
import ContactCenterModel
import Foundation
import Planning
import Reporting
import ScenarioIO

/// `ccsim compare`: staffing plans side by side, on common random numbers.
struct Compare: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run plans (overlays of a scenario) on common random numbers and compare them.",
    discussion: """
      Each --plan file holds only what differs from the base scenario (other headcounts, shifts,
      routing, skills, targets); Docs/planning.md gives the merge rules. The base scenario and
      every plan run the same replications with the same seed, so they see the same customers,
      and each metric's difference from the reference plan is estimated replication by
      replication, with a paired 95% confidence interval; '*' marks a difference whose interval
      excludes 0. Writes summary.json, compare.csv, targets.csv and copies of every file into
      Results/<scenario>/<run-id>-compare/.
      """)

  @Argument(help: "Base scenario file (YAML).") var scenario: String
  @Option(name: .customLong("plan"), help: "A plan file (YAML overlay of the scenario); repeat for several.")
  var plans: [String] = []
  @Option(help: "The plan the others are compared with: 'base' or a plan's name.") var reference = "base"
  @OptionGroup var options: SimulationOptions

  func validate() throws {
    guard !plans.isEmpty else { throw ValidationError("--plan: expected at least one plan file, found none") }
    guard plans.count <= 20 else { throw ValidationError("--plan: expected at most 20 plans, found \(plans.count)") }
  }

  func run() throws {
    let base = try ScenarioFile.load(path: scenario)                                  // read
    var loaded: [PlanFile] = []
    var errors: [ScenarioError] = []
    for path in plans {
      do { loaded.append(try PlanFile.load(path: path, over: base)) } catch { errors += error.errors }
    }
    guard errors.isEmpty else { throw ScenarioErrors(errors) }
    let names = PlanComparison.uniqueNames(["base"] + loaded.map(\.name))
    guard let referenceIndex = names.firstIndex(of: reference) else {
      throw InputError(field: "--reference", expected: "base or a plan's name (\(names.dropFirst().joined(separator: ", ")))",
                       found: reference)
    }
    let out = try ResultsFolder(under: options.out, scenario: base.scenario.name)
    let scenarios = [base.scenario] + loaded.map(\.merged.scenario)
    let progress = ProgressBar(total: options.replications * scenarios.count)
    let comparison = try PlanComparison.run(                                             // compute
      Array(zip(names, scenarios)), reference: referenceIndex, seed: options.seed, replications: options.replications,
      threads: options.threads(for: base.scenario)) { progress.update($0) }
    progress.finish()
    let report = CompareReport(comparison: comparison, files: [scenario] + plans, toolVersion: CCSim.version)
    let folder = try out.write(seed: options.seed, label: "compare",                      // write
                               files: report.files(scenarioText: base.text, planTexts: loaded.map(\.text)))
    print(report.table())
    print("\(options.replications) replications per plan, seed \(options.seed), common random numbers: results in \(folder)")
  }
}
