import ContactCenterModel
import Foundation
import TestSupport
import Testing
@testable import Planning
@testable import Reporting

struct StaffReportDeferredTests {
  /// `staff.json`'s `deferred_moves` carries the outcome's figures (agent-hours at ¼ h an
  /// interval), the console says them in one line, and the HTML report repeats it; with moves off
  /// it is `null` and the line is absent.
  @Test func deferredMovesAreReportedWithTheSaving() throws {
    let plan = try StaffingSearch(scenario: earlyEmail(), options: .init(replications: 6, seed: 1, threads: 2)).plan(marginal: false)
    let moves = try #require(plan.outcome.deferredMoves)
    let report = StaffReport(plan: plan, file: "early.yaml", scenarioSHA256: "0", toolVersion: "0.0.0-test")
    let json = try #require(try JSONSerialization.jsonObject(with: Data(report.staffJSON().utf8)) as? [String: Any])
    let moved = try #require(json["deferred_moves"] as? [String: Any])
    #expect(moved["agent_intervals_moved"] as? Int == moves.agentIntervals)
    #expect(moved["agent_hours_moved"] as? Double == Double(moves.agentIntervals) / 4)
    #expect(moved["planned_cost_before"] as? Double == moves.plannedCostBefore && moved["planned_cost_after"] as? Double == moves.plannedCostAfter)
    #expect(abs((moved["saving"] as? Double ?? -1) - (moves.plannedCostBefore - moves.plannedCostAfter)) < 1e-9)
    let line = try #require(report.table().split(separator: "\n").first { $0.hasPrefix("Deferred work moved later") })
    #expect(line == "Deferred work moved later within its deadline: \(moves.agentIntervals) agent-intervals "
            + "(\(Markup.number(Double(moves.agentIntervals) / 4, decimals: 1)) agent-h); planned cost "
            + "\(Markup.number(moves.plannedCostBefore, decimals: 0)) → \(Markup.number(moves.plannedCostAfter, decimals: 0)) EUR, "
            + "\(Markup.number(moves.saving, decimals: 0)) EUR less than the interval-by-interval plan.")
    #expect(report.html().contains(String(line)))

    var options = StaffingSearch.Options(replications: 6, seed: 1, threads: 2)
    options.movesDeferredWork = false
    let off = StaffReport(plan: try StaffingSearch(scenario: earlyEmail(), options: options).plan(marginal: false),
                          file: "early.yaml", scenarioSHA256: "0", toolVersion: "0.0.0-test")
    let offJSON = try #require(try JSONSerialization.jsonObject(with: Data(off.staffJSON().utf8)) as? [String: Any])
    #expect(offJSON["deferred_moves"] is NSNull)
    #expect(!off.table().contains("Deferred work moved later"))
  }
}
