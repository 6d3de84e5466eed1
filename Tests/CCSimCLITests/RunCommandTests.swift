import Foundation
import Testing
@testable import CCSimCLI

private func examplePath(_ name: String) -> String {
  URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Scenarios/\(name)").path
}

private func temporaryFolder() throws -> URL {
  let url = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-run-\(UUID().uuidString)")
  try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  return url
}

/// The run folders written under `root/<scenario>/`.
private func runFolders(_ root: URL, scenario: String) -> [URL] {
  let parent = root.appendingPathComponent(scenario)
  let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
  return names.sorted().map { parent.appendingPathComponent($0) }
}

@Suite struct RunCommandTests {
  /// Same scenario and seed: byte-identical summary.json and intervals.csv on 1 and on 2 threads,
  /// and each folder holds exactly the documented files, the scenario copy byte for byte.
  @Test func runsAreByteIdenticalWhateverTheThreadCount() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let scenario = examplePath("hotline-day.yaml")
    for threads in ["1", "2"] {
      var command = try Run.parse([scenario, "--replications", "6", "--seed", "42", "--out", root.path, "--threads", threads])
      try command.run()
    }
    let folders = runFolders(root, scenario: "hotline-day")
    try #require(folders.count == 2)
    for name in ["summary.json", "intervals.csv"] {
      let first = try Data(contentsOf: folders[0].appendingPathComponent(name))
      let second = try Data(contentsOf: folders[1].appendingPathComponent(name))
      #expect(first == second, "\(name) differs between 1 and 2 threads")
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: folders[0].path).sorted()
    #expect(files == ["intervals.csv", "scenario.yaml", "summary.json"])
    #expect(try Data(contentsOf: folders[0].appendingPathComponent("scenario.yaml")) == Data(contentsOf: URL(fileURLWithPath: scenario)))

    let summary = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: folders[0].appendingPathComponent("summary.json"))) as? [String: Any])
    for key in ["tool_version", "scenario_sha256", "seed", "replications", "totals", "by_type"] {
      #expect(summary[key] != nil, "summary.json lacks \(key)")
    }
    #expect(summary["replications"] as? Int == 6)
    let byType = try #require(summary["by_type"] as? [String: Any])
    let hotline = try #require(byType["hotline"] as? [String: Any])
    for metric in ["offered", "answered", "abandoned", "service_level", "asa_s", "abandon_rate", "occupancy", "aht_s"] {
      let entry = try #require(hotline[metric] as? [String: Any], "by_type.hotline.\(metric) missing")
      #expect(entry["mean"] is Double && entry["ci95"] is Double, "\(metric) needs mean and ci95")
    }
    let csv = try String(contentsOf: folders[0].appendingPathComponent("intervals.csv"), encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 1 + 56)
  }

  /// Bad input: an error, and no results folder at all.
  @Test func badScenariosWriteNothing() throws {
    let root = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let bad = root.appendingPathComponent("bad.yaml")
    try Data("name: bad\nopeningHours: 08:00-09:00\ninterval: 7m\ncontactTypes: []\n".utf8).write(to: bad)
    var command = try Run.parse([bad.path, "--out", root.appendingPathComponent("out").path])
    #expect(throws: (any Error).self) { try command.run() }
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))
  }

  @Test func replicationsBelowTwoAreRefused() {
    #expect(throws: (any Error).self) { try Run.parse([examplePath("hotline-day.yaml"), "--replications", "1"]) }
  }
}
