import Foundation
import TestSupport
import Testing

/// Golden tests of what a person reads: every command's `--help` and the structure of a run's
/// `report.html` (its headings, sections, charts and tables, not its numbers). A changed text fails
/// with a line diff; regenerate on purpose with `CCSIM_UPDATE_GOLDEN=1` (``GoldenFile``).
@Suite struct GoldenTests {
  /// `ccsim --help` and each subcommand's.
  static let commands: [[String]] = [[], ["run"], ["compare"], ["staff"], ["sweep"], ["merge"], ["erlang"], ["validate"], ["fit"]]

  /// The help is wrapped at `COLUMNS`, so the tests fix it.
  static let environment = ["COLUMNS": "100"]

  @Test(arguments: commands)
  func helpText(_ command: [String]) throws {
    let ending = try builtProgram("ccsim", command + ["--help"], environment: Self.environment)
    #expect(ending.status == 0, "ccsim \((command + ["--help"]).joined(separator: " ")): \(ending.stderr)")
    try GoldenFile.expectMatches(Self.machineIndependent(ending.stdout), "help-\(command.first ?? "ccsim").txt")
  }

  /// The help with this machine's core count (the default ArgumentParser shows for `--threads`)
  /// written as `<cores>`.
  static func machineIndependent(_ help: String) -> String {
    help.replacingOccurrences(
      of: #"(Threads to run replications on \(default: all cores\)\.) \(default: [0-9]+\)"#,
      with: "$1 (default: <cores>)", options: .regularExpression)
  }

  /// A fixed small run of the hotline example: the sequence of its report's headings, sections,
  /// charts (id, kind and title) and table captions, numbers written as `#`.
  @Test func reportStructure() throws {
    let root = try temporaryFolder("golden-report")
    defer { try? FileManager.default.removeItem(at: root) }
    let ending = try builtProgram(
      "ccsim", ["run", repositoryPath("Scenarios/hotline-day.yaml"), "--replications", "2", "--seed", "1", "--out", root.path],
      seconds: 120)
    try #require(ending.status == 0, "ccsim run: \(ending.stderr)")
    let runs = try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("hotline-day").path)
    let run = try #require(runs.first)
    let html = try String(
      contentsOf: root.appendingPathComponent("hotline-day").appendingPathComponent(run).appendingPathComponent("report.html"),
      encoding: .utf8)
    let outline = ReportOutline(html: html).lines
    #expect(outline.count > 5, "report.html has almost no structure:\n\(outline.joined(separator: "\n"))")
    try GoldenFile.expectMatches(outline.joined(separator: "\n") + "\n", "report-structure.txt")
  }
}
