import ContactCenterModel
import Foundation
import ScenarioIO
import Testing

/// `plan.yaml` as ``StaffingOverlay`` writes it, read back by ``PlanFile`` over the scenario it was
/// written for: the staffing read is the staffing written.
struct StaffingOverlayTests {
  let base: ScenarioFile

  init() throws {
    let path = Bundle.module.url(forResource: "Fixtures/plans/base.yaml", withExtension: nil)!.path
    base = try ScenarioFile.load(path: path)
  }

  /// The overlay of a scenario's staffing: headcounts, shifts and the agents of types with their own.
  func overlay(of scenario: Scenario, name: String) -> StaffingOverlay {
    StaffingOverlay(
      name: name, comments: ["written by StaffingOverlayTests"], clockStart: scenario.clockStart,
      groups: scenario.groups.map { group in
        StaffingOverlay.Group(id: group.id, staffing: group.shifts.isEmpty ? .agents(group.agents, clearingShifts: false) : .shifts(group.shifts))
      },
      contactTypes: scenario.contactTypes.compactMap { type in type.agents.map { StaffingOverlay.ContactType(id: type.id, agents: $0) } })
  }

  /// Write, parse, equal: headcounts, shifts with paid and unpaid breaks at odd lengths, a type's
  /// own agents, and a label YAML would otherwise read as a Boolean.
  @Test func anOverlayReadsBackAsWritten() throws {
    let shifts = [Shift(start: 0, length: 7200, count: 3, breaks: [ShiftBreak(offset: 3600, length: 900, paid: false)]),
                  Shift(start: 1800, length: 5400, count: 1, breaks: [ShiftBreak(offset: 2700, length: 22.5)])]
    let written = StaffingOverlay(
      name: "yes", comments: ["a round trip"], clockStart: base.scenario.clockStart,
      groups: [.init(id: "team", staffing: .agents([11, 13], clearingShifts: false)), .init(id: "backup", staffing: .shifts(shifts))],
      contactTypes: [.init(id: "service", agents: [5, 7])])
    let plan = try PlanFile.parse(written.yaml(), file: "plan.yaml", over: base)
    #expect(plan.name == "yes")
    #expect(overlay(of: plan.merged.scenario, name: plan.name).groups == written.groups)
    #expect(overlay(of: plan.merged.scenario, name: plan.name).contactTypes == written.contactTypes)
  }

  /// A shift-staffed group turned into a headcount (`shifts: ~`) reads back as that headcount; a
  /// group that needs nobody is written as no agents and no shifts.
  @Test func headcountsReplaceShifts() throws {
    let written = StaffingOverlay(
      name: "staffed", clockStart: base.scenario.clockStart,
      groups: [.init(id: "team", staffing: .agents([9, 8], clearingShifts: false)),
               .init(id: "backup", staffing: .agents([4, 2], clearingShifts: true))])
    let scenario = try PlanFile.parse(written.yaml(), file: "plan.yaml", over: base).merged.scenario
    #expect(scenario.groups.map(\.agents) == [[9, 8], [4, 2]])
    #expect(scenario.groups.map(\.shifts) == [[], []])
    let nobody = StaffingOverlay(name: "staffed", clockStart: 0, groups: [.init(id: "backup", staffing: .nobody)])
    #expect(nobody.yaml() == """
      plan: staffed
      groups:
        - id: backup
          agents: 0      # the shift plan needs nobody
          shifts: ~

      """)
    // It reads back (another group still serves the backup's type): the backup has nobody all day.
    let read = try PlanFile.parse(nobody.yaml(), file: "plan.yaml", over: base).merged.scenario
    #expect(read.groups[1].agents == [0, 0] && read.groups[1].shifts.isEmpty)
  }

  /// A plan that leaves every group of a type without agents is refused at the type, naming them.
  @Test func aTypeLeftWithNobodyIsRefused() throws {
    let nobody = StaffingOverlay(name: "nobody", clockStart: 0,
                                 groups: [.init(id: "team", staffing: .nobody), .init(id: "backup", staffing: .nobody)])
    do {
      _ = try PlanFile.parse(nobody.yaml(), file: "plan.yaml", over: base)
      Issue.record("a plan leaving 'sales' without agents was accepted")
    } catch {
      #expect(error.description.hasSuffix("error: contactTypes[0]: expected agents of its own, or a group with a skill for 'sales' "
        + "and an agent at some time, found only groups with no agent all day (team, backup)"), "\(error.description)")
    }
  }

  /// The overlay of the base's own staffing changes nothing.
  @Test func theBasesOwnStaffingIsTheBase() throws {
    let plan = try PlanFile.parse(overlay(of: base.scenario, name: "same").yaml(), file: "plan.yaml", over: base)
    #expect(plan.merged.scenario == base.scenario)
  }

  @Test(arguments: [(7200.0, "2h"), (5400, "90m"), (45, "45.0s"), (22.5, "22.5s"), (0, "0m")])
  func durationsAreWrittenInTheScenarioFormat(seconds: Double, text: String) {
    #expect(TimeText.duration(seconds, style: .scenario) == text)
  }
}
