import Foundation
import TestSupport
import Testing
@testable import CCSimCLI

/// Every command that writes a results folder checks `--out` before it simulates: one line naming
/// the flag and what was found, status 2, nothing written.
@Suite struct OutputFolderTests {
  static let hotline = repositoryPath("Scenarios/hotline-day.yaml")

  /// Each command with work enough to take many minutes (10 000 replications): refused at once,
  /// so the check comes first (a check after the work would be killed at the deadline instead).
  @Test(arguments: [
    ["run", repositoryPath("Scenarios/mmn-steady.yaml")],
    ["compare", hotline, "--plan", repositoryPath("Scenarios/plans/hotline-plus-one.yaml")],
    ["sweep", hotline, "--vary", "volume=90%,100%,110%"],
    ["staff", hotline],
  ])
  func devNullIsRefusedBeforeAnySimulation(command: [String]) throws {
    let ending = try ccsim(command + ["--replications", "10000", "--out", "/dev/null"])
    #expect(ending.status == 2, "not refused before simulating")
    #expect(ending.stderr == "ccsim: error: --out: expected a folder results can be written in, found 'a device: /dev/null'\n")
  }

  /// A file where `--out`, a folder inside it, or the scenario's folder under it should be, and a
  /// place no one may write in: each named, and nothing is written (the file is left as it was).
  @Test func filesAndUnwritablePlacesAreRefused() throws {
    let root = try temporaryFolder("out")
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("notes.txt"), other = root.appendingPathComponent("other")
    try Data("keep\n".utf8).write(to: file)
    try FileManager.default.createDirectory(at: other, withIntermediateDirectories: false)
    try Data("keep\n".utf8).write(to: other.appendingPathComponent("hotline-day"))
    for (out, found) in [
      (file.path, "a file: \(file.path)"),
      (file.path + "/results", "a file: \(file.path)"),
      (other.path, "a file: \(other.path)/hotline-day"),
      ("/proc/ccsim-out", "a folder ccsim cannot write in: /proc"),
    ] {
      let ending = try ccsim(["run", Self.hotline, "--replications", "10000", "--out", out])
      #expect(ending.status == 2)
      #expect(ending.stderr == "ccsim: error: --out: expected a folder results can be written in, found '\(found)'\n")
    }
    #expect(try String(contentsOf: file, encoding: .utf8) == "keep\n")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["notes.txt", "other"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: other.path) == ["hotline-day"])
  }

  /// `merge` checks `--out` too, and a folder that does not exist yet is fine for every command.
  @Test func mergeChecksItsOutputAndMissingFoldersAreMade() throws {
    let root = try temporaryFolder("out")
    defer { try? FileManager.default.removeItem(at: root) }
    let shards = root.appendingPathComponent("shards")
    for i in 1...2 {
      try Sweep.parse([Self.hotline, "--vary", "volume=1,2", "--replications", "2", "--out", shards.path, "--shard", "\(i)/2"]).run()
    }
    let parent = shards.appendingPathComponent("hotline-day")
    let parts = try FileManager.default.contentsOfDirectory(atPath: parent.path).map { parent.appendingPathComponent($0).path }
    let refused = try ccsim(["merge"] + parts + ["--out", "/dev/null"])
    #expect(refused.status == 2)
    #expect(refused.stderr == "ccsim: error: --out: expected a folder results can be written in, found 'a device: /dev/null'\n")
    let fresh = root.appendingPathComponent("new/deeper")
    let merged = try ccsim(["merge"] + parts + ["--out", fresh.path])
    #expect(merged.status == 0 && merged.stderr.isEmpty)
    #expect(try FileManager.default.contentsOfDirectory(atPath: fresh.appendingPathComponent("hotline-day").path).count == 1)
  }
}
