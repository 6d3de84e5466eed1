import ContactCenterModel
import Foundation
import ScenarioIO
import TestSupport
import Testing
@testable import CCSimCLI

private func csvRows(_ url: URL) throws -> [[String]] {
  try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
    .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
}

/// A hotline day (07:00–21:00, 30-minute intervals) whose one group has no headcount worth keeping
/// and shift rules to be planned from: 8-hour shifts from 07:00 to 13:00, every 30 minutes, with a
/// 30-minute unpaid lunch.
let shiftHotline = """
  name: shift-hotline
  openingHours: 07:00-21:00
  interval: 30m
  serviceLevel: {threshold: 20s}
  targets: {serviceLevel: 80%, per: interval, judgedBy: mean}
  costs: {currency: EUR}
  contactTypes:
    - id: calls
      volumes: [40, 70, 110, 140, 150, 140, 120, 100, 90, 110, 130, 140, 130, 110, 90, 70, 60, 50, 40, 35, 30, 25, 20, 15, 10, 8, 6, 4]
      handleTime: {distribution: lognormal, mean: 4m, cv: 0.8}
      patience: {distribution: exponential, mean: 3m}
  groups:
    - id: agents
      skills: [calls]
      agents: 10
      hourlyCost: 25
      shrinkage: 20%
      shiftRules:
        starts: 07:00-13:00 every 30m
        lengths: [8h]
        breaks:
          - {length: 30m, paid: false, startsWithin: 3h-5h}

  """

struct StaffCommandTests {
  /// `ccsim staff` on the bundled hotline day: every file is written; `staffing.csv` has a row per
  /// interval; the plan misses no target significantly on fresh random numbers; `plan.yaml`, merged
  /// over the scenario, is the staffing found; and the Erlang plan is beside it in `compare.csv`.
  @Test func theHotlineIsStaffed() throws {
    let root = try temporaryFolder("staff")
    defer { try? FileManager.default.removeItem(at: root) }
    let scenario = repositoryPath("Scenarios/hotline-day.yaml")
    try Staff.parse([scenario, "--replications", "8", "--out", root.path]).run()
    let parent = root.appendingPathComponent("hotline-day")
    let names = try FileManager.default.contentsOfDirectory(atPath: parent.path)
    try #require(names.count == 1 && names[0].hasSuffix("-s1-staff"))
    let folder = parent.appendingPathComponent(names[0])
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(files == ["compare.csv", "groups.csv", "intervals.csv", "marginal.csv", "plan.yaml", "report.html", "scenario.yaml",
                      "shifts.csv", "staff.json", "staffing.csv", "summary.json", "targets.csv"])
    let staffing = try csvRows(folder.appendingPathComponent("staffing.csv"))
    #expect(staffing[0] == ["interval", "start", "group", "erlang_agents", "agents", "shift_requirement", "shift_on_phones"])
    #expect(staffing.count == 57 && staffing[1].prefix(3) == ["1", "07:00", "hotline"] && staffing[56][1] == "20:45")
    let staff = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("staff.json")))
                               as? [String: Any])
    // Verified on fresh random numbers: a seed after the search's own (1), after any repair rounds.
    let verificationSeed = try #require((staff["verification_seed"] as? String).flatMap { Int($0) })
    #expect(staff["verified"] as? Bool == true && verificationSeed >= 2)
    let marginal = try csvRows(folder.appendingPathComponent("marginal.csv"))
    #expect(marginal.count == 57)
    // More agents never lower the service level much: the mean gain is positive on average.
    let gains = marginal.dropFirst().compactMap { Double($0[5]) }
    #expect(gains.reduce(0, +) / Double(gains.count) > 0)

    let base = try ScenarioFile.load(path: scenario)
    let plan = try PlanFile.load(path: folder.appendingPathComponent("plan.yaml").path, over: base)
    #expect(plan.name == "staffed")
    let agents = staffing.dropFirst().map { Int($0[4])! }
    #expect(plan.merged.scenario.contactTypes[0].agents == agents)
    let compare = try csvRows(folder.appendingPathComponent("compare.csv"))
    #expect(Set(compare.dropFirst().map { $0[3] }) == ["erlang", "staffed"])
  }

  /// A group with shift rules gets shifts: `shifts.csv` lists 8-hour shifts starting 07:00–13:00
  /// with their unpaid lunch, the shifts put at least the staffing found (grossed up for 20%
  /// shrinkage) on the phones wherever they can, and `plan.yaml` carries the shifts, so that the
  /// merged plan is the shift-staffed group.
  @Test func aGroupWithShiftRulesGetsShifts() throws {
    let root = try temporaryFolder("staff")
    defer { try? FileManager.default.removeItem(at: root) }
    let scenario = root.appendingPathComponent("shift-hotline.yaml")
    try Data(shiftHotline.utf8).write(to: scenario)
    try Staff.parse([scenario.path, "--replications", "6", "--out", root.path, "--no-marginal"]).run()
    let parent = root.appendingPathComponent("shift-hotline")
    let folder = parent.appendingPathComponent(try #require(try FileManager.default.contentsOfDirectory(atPath: parent.path).first))
    let shifts = try csvRows(folder.appendingPathComponent("shifts.csv"))
    #expect(shifts[0] == ["group", "start", "end", "length_h", "agents", "breaks", "paid_hours_each"])
    #expect(shifts.count > 1)
    for shift in shifts.dropFirst() {
      #expect(shift[0] == "agents" && shift[3] == "8.0" && shift[6] == "7.5" && shift[5].hasSuffix("+30m unpaid"), "\(shift)")
      #expect(shift[1] >= "07:00" && shift[1] <= "13:00")
    }
    let staffing = try csvRows(folder.appendingPathComponent("staffing.csv"))
    for row in staffing.dropFirst() {
      let (found, required, onPhones) = (Int(row[4])!, Int(row[5])!, Int(row[6])!)
      #expect(required == Int((Double(found) / 0.8 - 1e-9).rounded(.up)) || required > found, "\(row)")
      // 07:00 and the evening have few starts to draw on, but an 8-hour shift from 07:00–13:00
      // covers 07:00–21:00 without gaps.
      #expect(onPhones >= required, "\(row)")
    }
    #expect(try csvRows(folder.appendingPathComponent("marginal.csv")).count == 1)
    let base = try ScenarioFile.load(path: scenario.path)
    let plan = try PlanFile.load(path: folder.appendingPathComponent("plan.yaml").path, over: base)
    let group = plan.merged.scenario.groups[0]
    #expect(!group.shifts.isEmpty && group.shifts.allSatisfy { $0.length == 8 * 3600 && $0.breaks.count == 1 })
    #expect(group.shifts.reduce(0) { $0 + $1.count } == shifts.dropFirst().reduce(0) { $0 + Int($1[4])! })
  }

  /// A scenario without targets is refused with one line naming the file and what is missing,
  /// and nothing is written.
  @Test func aScenarioWithoutTargetsIsRefused() throws {
    let root = try temporaryFolder("staff")
    defer { try? FileManager.default.removeItem(at: root) }
    let scenario = repositoryPath("Scenarios/mmn-steady.yaml")
    do {
      try Staff.parse([scenario, "--replications", "2", "--out", root.path]).run()
      Issue.record("expected an error")
    } catch let error as InputError {
      #expect(error.description == "\(scenario): targets: expected a 'targets:' section (serviceLevel, asa, abandonment or occupancy; "
        + "Docs/planning.md) for staff to meet, found nothing")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
  }
}
