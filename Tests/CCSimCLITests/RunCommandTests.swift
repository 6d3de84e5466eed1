import Foundation
import Queueing
import TestSupport
import Testing
@testable import CCSimCLI

private func examplePath(_ name: String) -> String { repositoryPath("Scenarios/\(name)") }

/// The run folders written under `root/<scenario>/`.
private func runFolders(_ root: URL, scenario: String) -> [URL] {
  let parent = root.appendingPathComponent(scenario)
  let names = (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? []
  return names.sorted().map { parent.appendingPathComponent($0) }
}

/// `ccsim arguments` as a child process started as a shell would start it (``ChildProcess``), its
/// output discarded.
private func ccsimChild(_ arguments: [String]) throws -> ChildProcess {
  let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("ccsim")
  return try ChildProcess([binary.path] + arguments)
}

@Suite struct RunCommandTests {
  /// Same scenario and seed: byte-identical summary.json, intervals.csv and report.html on 1 and on 2 threads,
  /// and each folder holds exactly the documented files, the scenario copy byte for byte.
  @Test func runsAreByteIdenticalWhateverTheThreadCount() throws {
    let root = try temporaryFolder("run")
    defer { try? FileManager.default.removeItem(at: root) }
    let scenario = examplePath("hotline-day.yaml")
    for threads in ["1", "2"] {
      let command = try Run.parse([scenario, "--replications", "6", "--seed", "42", "--out", root.path, "--threads", threads])
      try command.run()
    }
    let folders = runFolders(root, scenario: "hotline-day")
    try #require(folders.count == 2)
    for name in ["summary.json", "intervals.csv", "report.html"] {
      let first = try Data(contentsOf: folders[0].appendingPathComponent(name))
      let second = try Data(contentsOf: folders[1].appendingPathComponent(name))
      #expect(first == second, "\(name) differs between 1 and 2 threads")
    }
    let files = try FileManager.default.contentsOfDirectory(atPath: folders[0].path).sorted()
    #expect(files == ["groups.csv", "intervals.csv", "report.html", "scenario.yaml", "summary.json"])
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

  /// The low-volume priority example as a planner runs it (`runLength: 100d`, 20 replications):
  /// each class's `asa_s` in `summary.json` is the ratio of sums, and the exact wait (Cobham's
  /// formula) lies within 99% of it (the 95% half-width × t(0.995)/t(0.975), 19 degrees of freedom).
  @Test func theLowVolumePriorityExampleContainsTheExactWaits() throws {
    let root = try temporaryFolder("run-low-volume")
    defer { try? FileManager.default.removeItem(at: root) }
    try Run.parse([examplePath("priority-low-volume.yaml"), "--replications", "20", "--out", root.path]).run()
    let folder = try #require(runFolders(root, scenario: "priority-low-volume").first)
    let summary = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json"))) as? [String: Any])
    let byType = try #require(summary["by_type"] as? [String: [String: Any]])
    let exact = PriorityClasses(arrivalsPerHour: [12, 12, 12], meanHandleSeconds: 300, agents: 4).meanWaits
    let widen = 2.860934606 / 2.093024054   // t(0.995, 19) / t(0.975, 19)
    for (k, wait) in exact.enumerated() {
      let asa = try #require(byType["P\(k + 1)"]?["asa_s"] as? [String: Double])
      let mean = try #require(asa["mean"]), ci95 = try #require(asa["ci95"])
      #expect(abs(mean - wait) <= ci95 * widen, "P\(k + 1): \(mean) ± \(ci95) vs exact \(wait)")
    }
    let csv = try String(contentsOf: folder.appendingPathComponent("intervals.csv"), encoding: .utf8)
    #expect(csv.split(separator: "\n").count == 1 + 3)   // one window per type
  }

  /// A multi-skill run: `by_group` (with each group's skills), `by_priority` and `groups.csv` with a
  /// row per group and interval; agent-hours of the groups add up to the centre's.
  @Test func multiSkillRunsReportGroupsAndPriorities() throws {
    let root = try temporaryFolder("run")
    defer { try? FileManager.default.removeItem(at: root) }
    let command = try Run.parse([examplePath("helpdesk-two-tier.yaml"), "--replications", "3", "--out", root.path])
    try command.run()
    let folder = try #require(runFolders(root, scenario: "helpdesk-two-tier").first)
    let summary = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json"))) as? [String: Any])
    let groups = try #require(summary["by_group"] as? [String: [String: Any]])
    #expect(Set(groups.keys) == ["generalists", "software-specialists", "tier2", "quality"])
    #expect(groups["software-specialists"]?["skills"] as? [String] == ["software", "hardware"])
    let priorities = try #require(summary["by_priority"] as? [String: Any])
    #expect(Set(priorities.keys) == ["P1", "P2", "P3"])
    func mean(_ object: [String: Any]?, _ key: String) -> Double? { ((object?[key] as? [String: Any])?["mean"] as? NSNumber)?.doubleValue }
    let groupHours = groups.values.compactMap { mean($0, "agent_hours") }.reduce(0, +)
    let totals = summary["totals"] as? [String: Any]
    #expect(abs(groupHours - (mean(totals, "agent_hours") ?? 0)) < 1e-6)
    let csv = try String(contentsOf: folder.appendingPathComponent("groups.csv"), encoding: .utf8)
    let lines = csv.split(separator: "\n")
    #expect(lines.count == 1 + 4 * 20)
    #expect(lines.first?.hasPrefix("group,interval,start,end,handled,handled_ci95,aht_s") == true)
  }

  /// Every example scenario runs, and in each its contacts are accounted for, per type: offered =
  /// answered + abandoned + blocked + contained + unserved + carried over (deferred work left at
  /// close; `blocked` only where the scenario has lines, as the hotline does). The multichannel
  /// example reports by channel.
  @Test(arguments: ["hotline-day.yaml", "mmn-steady.yaml", "helpdesk-two-tier.yaml", "retail-multichannel.yaml",
                    "ticket-desk.yaml", "blended-voice-email.yaml"])
  func everyExampleRunsAndAccountsForItsContacts(example: String) throws {
    let root = try temporaryFolder("run")
    defer { try? FileManager.default.removeItem(at: root) }
    try Run.parse([examplePath(example), "--replications", "2", "--out", root.path]).run()
    let name = String(example.dropLast(".yaml".count))
    let folder = try #require(runFolders(root, scenario: name).first)
    let summary = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("summary.json"))) as? [String: Any])
    func mean(_ object: [String: Any], _ key: String) -> Double { ((object[key] as? [String: Any])?["mean"] as? NSNumber)?.doubleValue ?? 0 }
    let types = try #require(summary["by_type"] as? [String: [String: Any]])
    #expect((types["hotline"].map { mean($0, "blocked") } ?? 1) > 0, "the hotline example blocks at its peaks")
    for (id, type) in types {
      let outcomes = ["answered", "abandoned", "blocked", "contained", "unserved", "carried_over"].map { mean(type, $0) }.reduce(0, +)
      #expect(abs(mean(type, "offered") - outcomes) < 1e-9, "\(example) \(id)")
    }
    let channels = try #require(summary["by_channel"] as? [String: Any])
    if example == "retail-multichannel.yaml" {
      #expect(Set(channels.keys) == ["voice", "chat", "email", "social"])
      #expect(types["social"]?["handling"] as? String == "deferred")
    }
  }

  /// Bad input: an error, and no results folder at all.
  @Test func badScenariosWriteNothing() throws {
    let root = try temporaryFolder("run")
    defer { try? FileManager.default.removeItem(at: root) }
    let bad = root.appendingPathComponent("bad.yaml")
    try Data("name: bad\nopeningHours: 08:00-09:00\ninterval: 7m\ncontactTypes: []\n".utf8).write(to: bad)
    let command = try Run.parse([bad.path, "--out", root.appendingPathComponent("out").path])
    #expect(throws: (any Error).self) { try command.run() }
    #expect(!FileManager.default.fileExists(atPath: root.appendingPathComponent("out").path))
  }

  /// Ctrl-C while replications run: the process dies of the signal and no folder exists.
  @Test func ctrlCWhileSimulatingLeavesNothing() throws {
    let root = try temporaryFolder("run")
    defer { try? FileManager.default.removeItem(at: root) }
    let process = try ccsimChild(["run", examplePath("mmn-steady.yaml"), "--replications", "10000", "--out", root.path])
    usleep(500_000)
    process.interrupt()
    let ending = process.wait()
    #expect(ending.signal == SIGINT)
    #expect(runFolders(root, scenario: "mmn-steady").isEmpty)
  }

  @Test func replicationsBelowTwoAreRefused() {
    #expect(throws: (any Error).self) { try Run.parse([examplePath("hotline-day.yaml"), "--replications", "1"]) }
  }
}
