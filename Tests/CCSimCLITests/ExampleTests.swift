import ContactCenterModel
import Foundation
import Planning
import ScenarioIO
import TestSupport
import Testing

/// The programs in `Examples/`, built next to the tests and run as a user would run them: they
/// finish, and what they print is what the same library calls give.
struct ExampleTests {
  let scenario = repositoryPath("Scenarios/hotline-day.yaml")

  /// `compare-plans`: the base run's KPIs and the plan's paired differences are those of
  /// `Experiment` and `PlanComparison.run` on the same seed and replications.
  @Test func comparePlansPrintsTheLibrarysComparison() throws {
    let planPath = repositoryPath("Scenarios/plans/hotline-plus-one.yaml")
    let ending = try builtProgram("compare-plans", [scenario, planPath, "3"], seconds: 120)
    #expect(ending.status == 0, "\(ending.stderr)")
    let lines = ending.stdout.split(separator: "\n").map(String.init)
    let base = try ScenarioFile.load(path: scenario)
    let plan = try PlanFile.load(path: planPath, over: base)
    let run = try Experiment(scenario: base.scenario, seed: 1).run(replications: 3, threads: 1)
    let serviceLevel = try #require(run.totals[.serviceLevel])
    #expect(lines.contains("  service_level = \(serviceLevel.mean) ± \(serviceLevel.ci95 ?? 0)"))
    let comparison = try PlanComparison.run([("base", base.scenario), (plan.name, plan.merged.scenario)], seed: 1, replications: 3)
    let row = try #require(comparison.rows.first { $0.scope == .centre && $0.metric == "service_level" })
    let difference = try #require(row.differences[1])
    let printed = try #require(lines.first { $0.hasPrefix("  service_level: ") })
    #expect(printed.hasPrefix("  service_level: \(row.estimates[0]!.mean) -> \(row.estimates[1]!.mean), "
                              + "difference \(difference.mean) ± \(difference.ci95 ?? 0)"))
    #expect(difference.mean > 0, "one more agent raises the service level")
  }

  /// `staff-scenario`: the agents and planned cost printed are StaffingJob's, and the overlay it
  /// prints reads back over the scenario as that staffing.
  @Test func staffScenarioPrintsTheJobsPlan() throws {
    let ending = try builtProgram("staff-scenario", [scenario, "4"], seconds: 120)
    #expect(ending.status == 0, "\(ending.stderr)")
    let file = try ScenarioFile.load(path: scenario)
    let plan = try StaffingJob(scenario: file.scenario, replications: 4, seed: 1, marginal: false).plan()
    let lines = ending.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let agents = plan.outcome.staffing[0]
    #expect(lines.first == "hotline: \(agents.map(String.init).joined(separator: " ")) (peak \(agents.max()!))")
    #expect(lines.contains("planned cost: \(plan.plannedCosts.final) \(file.scenario.costs.currency)"))
    let yamlStart = try #require(lines.firstIndex { $0.hasPrefix("# ccsim staff:") })
    let overlay = try PlanFile.parse(lines[yamlStart...].joined(separator: "\n"), file: "printed plan", over: file)
    #expect(overlay.merged.scenario.agentGroups[0].agents == agents)
  }
}
