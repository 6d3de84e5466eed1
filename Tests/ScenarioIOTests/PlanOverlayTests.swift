import ContactCenterModel
import Foundation
import Testing
@testable import ScenarioIO

private func planFixture(_ name: String) -> String {
  Bundle.module.url(forResource: "Fixtures/plans/\(name)", withExtension: nil)!.path
}

struct PlanOverlayTests {
  /// The base file's targets: centre-wide ones, a type's own over them (`none` removes one), an
  /// occupancy cap per group in `agentGroups` order (declared groups, then types with agents).
  @Test func targetsReadAsWritten() throws {
    let targets = try ScenarioFile.load(path: planFixture("base.yaml")).scenario.targets
    #expect(targets.types == [TypeTargets(serviceLevel: 0.8, abandonRate: 0.05),
                              TypeTargets(serviceLevel: 0.8, averageSpeedOfAnswer: 30)])
    #expect(targets.maximumOccupancy == [0.9, nil, 0.8])          // team, backup, service
    #expect(targets.scope == .day && targets.assurance == .probability(level: 0.9))
    #expect(!targets.isEmpty)
  }

  /// A plan changes what it names and keeps the rest: groups are merged by id (one changed, one
  /// switched from shifts to a headcount with `shifts: ~`, one added), targets key by key.
  @Test func aPlanMergesOverTheBase() throws {
    let base = try ScenarioFile.load(path: planFixture("base.yaml"))
    let plan = try PlanFile.load(path: planFixture("more-staff.yaml"), over: base)
    #expect(plan.name == "two more in the team")
    let scenario = plan.merged.scenario
    #expect(scenario.groups.map(\.id) == ["team", "backup", "cross-trained"])
    #expect(scenario.groups[0].agents == [12, 14] && scenario.groups[0].hourlyCost == 30)
    #expect(scenario.groups[1].agents == [3, 3] && scenario.groups[1].shifts.isEmpty)
    #expect(scenario.groups[2].skills.map(\.type) == [0, 1])
    #expect(scenario.targets.scope == .interval && scenario.targets.assurance == .probability(level: 0.9))
    #expect(scenario.targets.maximumOccupancy == [0.9, nil, 0.9, 0.8])
    // Everything else is the base's.
    var expected = base.scenario
    expected.groups = scenario.groups
    expected.targets = scenario.targets
    #expect(scenario == expected)
    #expect(plan.merged.text == base.text)
  }

  /// An empty plan gives the base scenario itself, named after its file.
  @Test func anEmptyPlanIsTheBase() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("plans-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let empty = folder.appendingPathComponent("as-is.yaml")
    try Data("{}\n".utf8).write(to: empty)
    let base = try ScenarioFile.load(path: planFixture("base.yaml"))
    let plan = try PlanFile.load(path: empty.path, over: base)
    #expect(plan.name == "as-is" && plan.merged.scenario == base.scenario)
  }

  /// Errors in what the plan wrote are reported at the plan's line and column: among them a skill
  /// repeated in it, and a required key it removes with `~` (reported where the plan wrote `~`, not
  /// at the top of the base file).
  @Test(arguments: [
    ("repeated-skill.yaml",
     "repeated-skill.yaml:4:21: error: groups[0].skills[1]: expected each type once in a group's skills, found 'sales' again"),
    ("removes-opening-hours.yaml",
     "removes-opening-hours.yaml:4:15: error: openingHours: expected opening hours such as 07:00-21:00, found nothing (the plan removes the key with ~)"),
    ("bad-plan.yaml",
     "bad-plan.yaml:3:13: error: groups[0].agents: expected 2 values, one per interval, found 1\nbad-plan.yaml:4:5: error: groups[2].skills: expected a list of the types the group takes, found nothing (the key is missing)"),
    ("not-a-mapping.yaml",
     "not-a-mapping.yaml:1:1: error: expected a plan: a mapping of the scenario fields that differ, such as groups: [{id: voice, agents: 12}], found a list"),
  ])
  func planErrorsNameThePlanFile(fixture: String, message: String) throws {
    let base = try ScenarioFile.load(path: planFixture("base.yaml"))
    #expect(throws: ScenarioErrors.self) { try PlanFile.load(path: planFixture(fixture), over: base) }
    do {
      _ = try PlanFile.load(path: planFixture(fixture), over: base)
    } catch {
      #expect(error.description.replacingOccurrences(of: planFixture(fixture), with: fixture) == message)
    }
  }
}
