// Staff a bundled scenario for its targets and print the plan: per group the agents each interval
// needs, the planned paid cost, and the plan as the overlay `ccsim compare --plan` reads. Run from
// the repository's folder:
//
//     swift run -c release staff-scenario [SCENARIO] [REPLICATIONS]
//
// StaffingJob has the defaults of `ccsim staff` (Docs/cli.md); this example asks for fewer
// replications and no marginal values, so that it takes a second or two.
import ContactCenterModel
import Foundation
import Planning
import Reporting
import ScenarioIO

let arguments = CommandLine.arguments.dropFirst()
let scenarioPath = arguments.first ?? "Scenarios/hotline-day.yaml"
let replications = arguments.dropFirst().first.flatMap(Int.init) ?? 4

do {
  let file = try ScenarioFile.load(path: scenarioPath)
  let plan = try StaffingJob(scenario: file.scenario, replications: replications, seed: 1, threads: 2, marginal: false).plan()
  let scenario = file.scenario
  for (g, group) in scenario.agentGroups.enumerated() {
    let agents = plan.outcome.staffing[g]
    print("\(group.id): \(agents.map(String.init).joined(separator: " ")) (peak \(agents.max() ?? 0))")
  }
  print("planned cost: \(plan.plannedCosts.final) \(scenario.costs.currency)")
  print("targets missed significantly on fresh random numbers: \(plan.significantMisses.count)")
  let report = StaffReport(plan: plan, file: scenarioPath, scenarioSHA256: "", toolVersion: "example")
  print(report.planYAML(), terminator: "")
} catch {
  FileHandle.standardError.write(Data("staff-scenario: \(error)\n".utf8))
  exit(1)
}
