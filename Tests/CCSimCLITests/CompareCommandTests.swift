import Foundation
import TestSupport
import Testing
@testable import CCSimCLI

struct CompareCommandTests {
  /// The bundled hotline plans: the base, the base again (an empty plan) and one more agent per
  /// quarter-hour, on common random numbers. The empty plan differs from the base by exactly 0 in
  /// every row; the extra agent raises the service level and lowers abandonment significantly,
  /// costs more, and misses fewer interval targets.
  @Test func theHotlinePlansSideBySide() throws {
    let root = try temporaryFolder("compare")
    defer { try? FileManager.default.removeItem(at: root) }
    let same = root.appendingPathComponent("as-is.yaml")
    try Data("# nothing changes\n{}\n".utf8).write(to: same)
    let out = root.appendingPathComponent("out")
    let command = try Compare.parse([
      repositoryPath("Scenarios/hotline-day.yaml"), "--plan", same.path, "--plan", repositoryPath("Scenarios/plans/hotline-plus-one.yaml"),
      "--replications", "10", "--out", out.path,
    ])
    try command.run()
    let parent = out.appendingPathComponent("hotline-day")
    let folders = try FileManager.default.contentsOfDirectory(atPath: parent.path)
    try #require(folders.count == 1 && folders[0].hasSuffix("-s1-compare"))
    let folder = parent.appendingPathComponent(folders[0])
    let files = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    #expect(files == ["compare.csv", "plan-1-as-is.yaml", "plan-2-plus-one.yaml", "report.html", "scenario.yaml", "summary.json", "targets.csv"])

    let csv = try String(contentsOf: folder.appendingPathComponent("compare.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    let asIs = rows.filter { $0[3] == "as-is" }
    #expect(asIs.count > 10)
    for row in asIs where !row[6].isEmpty {
      #expect(Double(row[6]) == 0 && Double(row[7]) == 0 && row[8] == "no", "\(row)")
    }
    func difference(_ metric: String, _ plan: String = "plus-one") -> (mean: Double, significant: Bool)? {
      rows.first { $0[0] == "centre" && $0[2] == metric && $0[3] == plan }.flatMap { row in Double(row[6]).map { ($0, row[8] == "yes") } }
    }
    let sl = try #require(difference("service_level")), abandon = try #require(difference("abandon_rate"))
    let cost = try #require(difference("staff_cost"))
    #expect(sl.mean > 0 && sl.significant)
    #expect(abandon.mean < 0 && abandon.significant)
    #expect(cost.mean > 0 && cost.significant)

    let summary = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json"))) as? [String: Any])
    let plans = try #require(summary["plans"] as? [[String: Any]])
    #expect(plans.map { $0["name"] as? String } == ["base", "as-is", "plus-one"])
    #expect(summary["reference"] as? String == "base" && summary["common_random_numbers"] as? Bool == true)
    let missed = plans.compactMap { $0["targets_missed"] as? Int }
    #expect(missed.count == 3 && missed[0] == missed[1] && missed[2] < missed[0])
    #expect(plans.allSatisfy { ($0["targets_checked"] as? Int ?? 0) > 50 })
    let targets = try String(contentsOf: folder.appendingPathComponent("targets.csv"), encoding: .utf8)
    #expect(targets.hasPrefix("plan,subject,kind,interval,start,metric,target,mean,judged,met\nbase,hotline,type,1,07:00,service_level,0.8,"))
  }

  /// A bad plan: its errors at the plan's line and column, and nothing written.
  @Test func aBadPlanWritesNothing() throws {
    let root = try temporaryFolder("compare")
    defer { try? FileManager.default.removeItem(at: root) }
    let bad = root.appendingPathComponent("bad.yaml")
    try Data("contactTypes:\n  - id: hotline\n    agents: [1, 2]\n".utf8).write(to: bad)
    let out = root.appendingPathComponent("out")
    let command = try Compare.parse([repositoryPath("Scenarios/hotline-day.yaml"), "--plan", bad.path, "--out", out.path])
    #expect(throws: (any Error).self) { try command.run() }
    do { try command.run() } catch {
      #expect("\(error)" == "\(bad.path):3:13: error: contactTypes[0].agents: expected 56 values, one per interval, found 2")
    }
    #expect(!FileManager.default.fileExists(atPath: out.path))
    #expect(throws: (any Error).self) { try Compare.parse([repositoryPath("Scenarios/hotline-day.yaml")]) }
  }
}
