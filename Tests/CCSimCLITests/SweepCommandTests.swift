import ContactCenterModel
import Foundation
import Planning
import ScenarioIO
import TestSupport
import Testing
@testable import CCSimCLI

private func folders(_ root: URL, _ scenario: String) throws -> [URL] {
  let parent = root.appendingPathComponent(scenario)
  return try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted().map { parent.appendingPathComponent($0) }
}

struct SweepCommandTests {
  static let grid = ["--vary", "volume=90%,110%", "--vary", "contactTypes[hotline].patience.mean=2m,3m,4m",
                     "--vary", "staff[hotline]=-1,+1", "--replications", "4"]

  /// A 12-point sweep run whole, and in 5 shards merged back: `sweep.csv` and `sweep.json` are
  /// byte-identical. The rows follow the grid, more volume lowers the service level, and a point's
  /// row holds the numbers of a plain run of the same variation.
  @Test func shardsMergeIntoExactlyTheUnsplitSweep() throws {
    let root = try temporaryFolder("sweep")
    defer { try? FileManager.default.removeItem(at: root) }
    let scenario = repositoryPath("Scenarios/hotline-day.yaml")
    let whole = root.appendingPathComponent("whole"), shards = root.appendingPathComponent("shards")
    try Sweep.parse([scenario] + Self.grid + ["--out", whole.path]).run()
    for i in 1...5 {
      try Sweep.parse([scenario] + Self.grid + ["--out", shards.path, "--shard", "\(i)/5", "--threads", i % 2 == 0 ? "1" : "2"]).run()
    }
    let shardFolders = try folders(shards, "hotline-day")
    #expect(shardFolders.count == 5 && shardFolders.allSatisfy { $0.lastPathComponent.contains("-sweep-shard-") })
    let merged = root.appendingPathComponent("merged")
    try Merge.parse(shardFolders.reversed().map(\.path) + ["--out", merged.path]).run()
    let a = try #require(try folders(whole, "hotline-day").first), b = try #require(try folders(merged, "hotline-day").first)
    #expect(a.lastPathComponent.hasSuffix("-sweep") && b.lastPathComponent.hasSuffix("-sweep"))
    for name in ["sweep.csv", "sweep.json", "scenario.yaml", "report.html"] {
      #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name) differs")
    }
    let csv = try String(contentsOf: a.appendingPathComponent("sweep.csv"), encoding: .utf8)
    let rows = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(rows.count == 13)
    #expect(rows[0].prefix(4) == ["point", "volume", "contactTypes[hotline].patience.mean", "staff[hotline]"])
    #expect(rows[1].prefix(4) == ["1", "90%", "2m", "-1"] && rows[12].prefix(4) == ["12", "110%", "4m", "+1"])
    let sl = try #require(rows[0].firstIndex(of: "service_level"))
    #expect(Double(rows[1][sl])! > Double(rows[7][sl])!)    // 90% volume beats 110%, same patience and staff
    // Point 8 (110%, 2m, +1) is a plain run of that scenario.
    let run = root.appendingPathComponent("run.yaml")
    var text = try String(contentsOfFile: scenario, encoding: .utf8)
    text = text.replacingOccurrences(of: "mean: 3m", with: "mean: 2m")
    try text.write(to: run, atomically: true, encoding: .utf8)
    let file = try ScenarioFile.load(path: run.path)
    var varied = file.scenario
    varied.contactTypes[0].arrivalRates = varied.contactTypes[0].arrivalRates.map { $0 * 1.1 }
    varied.contactTypes[0].agents = varied.contactTypes[0].agents!.map { $0 + 1 }
    let result = try Experiment(scenario: varied, seed: 1).run(replications: 4)
    #expect(rows[8].prefix(4) == ["8", "110%", "2m", "+1"])
    #expect(rows[8][sl] == "\(result.totals[.serviceLevel]!.mean)")
  }

  /// `--staff` staffs every point first: a stricter service-level target costs at least as much,
  /// each row holds the planned cost `ccsim staff` finds for that point, and two shards merge into
  /// exactly the unsplit staffed sweep.
  @Test func aStaffedSweepTracesTheCostOfATarget() throws {
    let root = try temporaryFolder("sweep")
    defer { try? FileManager.default.removeItem(at: root) }
    let scenario = repositoryPath("Scenarios/hotline-day.yaml")
    let arguments = [scenario, "--staff", "--vary", "targets.serviceLevel=75%,90%", "--vary", "targets.abandonment=10%",
                     "--replications", "4"]
    let whole = root.appendingPathComponent("whole"), shards = root.appendingPathComponent("shards")
    try Sweep.parse(arguments + ["--out", whole.path]).run()
    for i in 1...2 { try Sweep.parse(arguments + ["--out", shards.path, "--shard", "\(i)/2"]).run() }
    let merged = root.appendingPathComponent("merged")
    try Merge.parse(try folders(shards, "hotline-day").map(\.path) + ["--out", merged.path]).run()
    let a = try #require(try folders(whole, "hotline-day").first), b = try #require(try folders(merged, "hotline-day").first)
    for name in ["sweep.csv", "sweep.json", "report.html"] {
      #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name) differs")
    }
    #expect(try String(contentsOf: a.appendingPathComponent("sweep.json"), encoding: .utf8).contains("\"staffed\": true"))
    let rows = try String(contentsOf: a.appendingPathComponent("sweep.csv"), encoding: .utf8).split(separator: "\n")
      .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    #expect(rows.count == 3 && rows[0].suffix(3) == ["erlang_planned_cost", "planned_cost", "verified"])
    let cost = try #require(rows[0].firstIndex(of: "planned_cost"))
    #expect(Double(rows[2][cost])! >= Double(rows[1][cost])!)
    // Point 2 is what staff finds for the 90% target.
    let file = try ScenarioFile.load(path: scenario)
    let varied = try file.varied([try Variation("targets.serviceLevel=90%"), try Variation("targets.abandonment=10%")],
                                 values: ["90%", "10%"])
    let plan = try StaffingJob(scenario: varied, replications: 4, marginal: false).plan()
    #expect(rows[2][cost] == "\(plan.search.plannedCost(plan.outcome.staffing))")
  }

  /// Shards that do not make one sweep are refused, naming what is wrong, and nothing is written.
  @Test func mismatchedShardsAreRefused() throws {
    let root = try temporaryFolder("sweep")
    defer { try? FileManager.default.removeItem(at: root) }
    let scenario = repositoryPath("Scenarios/hotline-day.yaml")
    let shards = root.appendingPathComponent("shards"), other = root.appendingPathComponent("other")
    for i in 1...3 { try Sweep.parse([scenario, "--vary", "volume=1,2,3", "--replications", "2", "--out", shards.path, "--shard", "\(i)/3"]).run() }
    try Sweep.parse([scenario, "--vary", "volume=1,2,3", "--replications", "2", "--seed", "9", "--out", other.path, "--shard", "3/3"]).run()
    let parts = try folders(shards, "hotline-day").map(\.path), foreign = try folders(other, "hotline-day").map(\.path)
    let out = root.appendingPathComponent("out").path
    func message(_ arguments: [String]) -> String {
      do { try Merge.parse(arguments + ["--out", out]).run(); return "merged" } catch { return "\(error)" }
    }
    #expect(message(Array(parts.prefix(2))) == "ccsim merge: expected all 3 shards, found 'shard 3/3 missing'")
    #expect(message(parts + [parts[0]]) == "ccsim merge: expected each shard once, found 'shard 1/3 twice'")
    #expect(message(Array(parts.prefix(2)) + foreign)
            == "ccsim merge: expected shards of the same sweep (same scenario, seed, replications, grid and version), found 'shard 3/3 of another'")
    #expect(!FileManager.default.fileExists(atPath: out))
    #expect(throws: (any Error).self) { try Sweep.parse([scenario, "--vary", "volume=1", "--shard", "4/3"]) }
  }
}
