import ContactCenterModel
import Foundation
import TestSupport
import Testing
@testable import Planning
@testable import Reporting

struct StaffReportSetAsideTests {
  /// The report of a search that set a target aside: `staff.json` names how (`set_aside_by`) and
  /// what it removed (`set_aside`), the console says it in one line, and the HTML note repeats it.
  @Test(arguments: [true, false])
  func aTargetSetAsideIsReportedWithWhatWasRemovedForIt(byCeiling: Bool) throws {
    var options = StaffingSearch.Options(replications: 6, seed: 1, threads: 2)
    options.judgesByCeiling = byCeiling
    let plan = try StaffingSearch(scenario: overdueBacklog(), options: options).plan(marginal: false)
    let report = StaffReport(plan: plan, file: "overdue.yaml", scenarioSHA256: "0", toolVersion: "0.0.0-test")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(report.staffJSON().utf8)) as? [String: Any])
    let setAside = try #require(json["set_aside"] as? [String: Any])
    let released = plan.outcome.released
    #expect(setAside["by_ceiling"] as? Int == (byCeiling ? 1 : 0) && setAside["by_stall"] as? Int == (byCeiling ? 0 : 1))
    #expect(setAside["agent_intervals_removed"] as? Int == released.total)
    #expect(setAside["agent_hours_removed"] as? Double == Double(released.total) / 4)
    #expect(abs((setAside["planned_cost_removed"] as? Double ?? -1) - Double(released.total) * 7.5) < 1e-9)
    #expect((setAside["agent_intervals_removed_by_group"] as? [String: Int]) == ["back-office": released.total])
    let unattainable = try #require(json["unattainable"] as? [[String: Any]])
    #expect(unattainable.count == 1 && unattainable[0]["start"] as? String == "00:00"
            && unattainable[0]["set_aside_by"] as? String == (byCeiling ? "ceiling" : "stall"))
    let steps = try #require(json["steps"] as? [[String: Any]])
    #expect(steps.contains { $0["phase"] as? String == "set-aside" })

    let line = try #require(report.table().split(separator: "\n").first { $0.hasPrefix("Set aside as unattainable") })
    if byCeiling {
      #expect(released.total == 0)
      #expect(line == "Set aside as unattainable: 1 target (1 missed even with ample staff); no agent had been added for them.")
    } else {
      #expect(released.total >= 3)
      let hours = Markup.number(Double(released.total) / 4, decimals: 1)
      #expect(line == "Set aside as unattainable: 1 target (1 after three additions that hardly helped); the \(released.total) "
              + "agent-intervals (\(hours) agent-h, \(Markup.number(Double(released.total) * 7.5, decimals: 0)) EUR planned) added for them were removed.")
    }
    #expect(report.html().contains(String(line)))
  }
}
