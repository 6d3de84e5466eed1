// Load a bundled scenario, run it, and compare it with a plan on common random numbers: what one
// more agent on the hotline buys. Run from the repository's folder:
//
//     swift run -c release compare-plans [SCENARIO] [PLAN] [REPLICATIONS]
//
// It prints the base run's headline KPIs, then, per metric, each plan's mean and the plan's paired
// difference from the base with its 95% half-width (Docs/planning.md).
import ContactCenterModel
import Foundation
import Planning
import ScenarioIO

let arguments = CommandLine.arguments.dropFirst()
let scenarioPath = arguments.first ?? "Scenarios/hotline-day.yaml"
let planPath = arguments.dropFirst().first ?? "Scenarios/plans/hotline-plus-one.yaml"
let replications = arguments.dropFirst(2).first.flatMap(Int.init) ?? 5

do {
  // Read: the scenario, then the plan as an overlay of it.
  let base = try ScenarioFile.load(path: scenarioPath)
  let plan = try PlanFile.load(path: planPath, over: base)

  // Run the base alone.
  let run = try Experiment(scenario: base.scenario, seed: 1).run(replications: replications, threads: 2)
  print("\(base.scenario.name): \(replications) replications, seed 1")
  for metric in [Metric.offered, .serviceLevel, .abandonRate, .totalCost] {
    if let estimate = run.totals[metric] { print("  \(metric.rawValue) = \(estimate.mean) ± \(estimate.ci95 ?? 0)") }
  }

  // Compare the base with the plan: the same seed, so both see the same customers.
  let comparison = try PlanComparison.run([("base", base.scenario), (plan.name, plan.merged.scenario)],
                                          seed: 1, replications: replications, threads: 2)
  print("base against \(plan.name):")
  for row in comparison.rows where row.scope == .centre && ["service_level", "abandon_rate", "total_cost"].contains(row.metric) {
    guard let before = row.estimates[0], let after = row.estimates[1], let difference = row.differences[1] else { continue }
    print("  \(row.metric): \(before.mean) -> \(after.mean), difference \(difference.mean) ± \(difference.ci95 ?? 0)"
          + (difference.isSignificant ? " (significant)" : ""))
  }
} catch {
  FileHandle.standardError.write(Data("compare-plans: \(error)\n".utf8))
  exit(1)
}
