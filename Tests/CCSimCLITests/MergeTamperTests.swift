import Fingerprint
import Foundation
import TestSupport
import Testing
@testable import CCSimCLI

/// `ccsim merge` refuses a shard whose files changed after it was written, naming the file (and
/// the line of `sweep.csv`), and writes nothing. A change is caught by the SHA-256 its `sweep.json`
/// records; a change whose hash was recorded anew (a forged `sweep.json`) is still caught by the
/// strict reading of `sweep.csv`.
@Suite struct MergeTamperTests {
  /// Two shards of a 3-point sweep, copied fresh for each test: `(root, shard 1, shard 2)`.
  static func shards() throws -> (root: URL, first: URL, second: URL) {
    let root = try temporaryFolder("tamper")
    let out = root.appendingPathComponent("shards")
    for i in 1...2 {
      try Sweep.parse([repositoryPath("Scenarios/hotline-day.yaml"), "--vary", "volume=90%,100%,110%", "--replications", "2",
                       "--threads", "1", "--out", out.path, "--shard", "\(i)/2"]).run()
    }
    let parent = out.appendingPathComponent("hotline-day")
    let folders = try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted().map { parent.appendingPathComponent($0) }
    try #require(folders.count == 2 && folders[0].lastPathComponent.hasSuffix("-shard-1-of-2"))
    return (root, folders[0], folders[1])
  }

  /// The merge's error, or "merged"; and whether it wrote anything.
  static func merge(_ root: URL, _ folders: [URL]) -> (message: String, wrote: Bool) {
    let out = root.appendingPathComponent("merged")
    let message: String
    do { try Merge.parse(folders.map(\.path) + ["--out", out.path]).run(); message = "merged" } catch { message = "\(error)" }
    return (message, FileManager.default.fileExists(atPath: out.path))
  }

  /// Rewrites `name` in `folder`; with `forging`, records its new SHA-256 in `sweep.json` too.
  static func edit(_ folder: URL, _ name: String, forging: Bool = false, _ change: (String) -> String) throws {
    let file = folder.appendingPathComponent(name), manifest = folder.appendingPathComponent("sweep.json")
    let old = try String(contentsOf: file, encoding: .utf8), new = change(old)
    try #require(new != old)
    try new.write(to: file, atomically: true, encoding: .utf8)
    guard forging else { return }
    let json = try String(contentsOf: manifest, encoding: .utf8)
    let forged = json.replacingOccurrences(of: SHA256.hex(Array(old.utf8)), with: SHA256.hex(Array(new.utf8)))
    try #require(forged != json)
    try forged.write(to: manifest, atomically: true, encoding: .utf8)
  }

  /// Line `line` (1-based) of a CSV with `cell` as `column`'s value.
  static func replacing(column: String, line: Int, with cell: String) -> (String) -> String {
    { text in
      var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
      let header = lines[0].split(separator: ",").map(String.init)
      var cells = lines[line - 1].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      cells[header.firstIndex(of: column)!] = cell
      lines[line - 1] = cells.joined(separator: ",")
      return lines.joined(separator: "\n")
    }
  }

  static let changed = "expected the file as the shard wrote it (its SHA-256 is in sweep.json), found 'a changed file'"

  @Test func untouchedShardsMerge() throws {
    let (root, first, second) = try Self.shards()
    defer { try? FileManager.default.removeItem(at: root) }
    #expect(Self.merge(root, [first, second]) == ("merged", true))
  }

  /// A tampered row of a shard's `sweep.csv`: line 2 of shard 1 (its point 1).
  enum RowChange: String, CaseIterable, Sendable {
    case editedNumber, scriptInANumericCell, extraColumn, badSweptValue, cellQuotedOtherwise

    var change: (String) -> String {
      switch self {
      case .editedNumber: MergeTamperTests.replacing(column: "service_level", line: 2, with: "0.99")
      case .scriptInANumericCell: MergeTamperTests.replacing(column: "asa_s", line: 2, with: "NaN<script>")
      case .extraColumn: MergeTamperTests.replacing(column: "meets_targets", line: 2, with: "no,1")
      case .badSweptValue: MergeTamperTests.replacing(column: "volume", line: 2, with: "95%")
      case .cellQuotedOtherwise: MergeTamperTests.replacing(column: "offered", line: 2, with: "\"2637.5\"")
      }
    }

    /// The error once the edit's SHA-256 is forged into `sweep.json` (`nil`: a plausible number,
    /// which only the hash can tell from the original).
    var forgedMessage: String? {
      switch self {
      case .editedNumber: nil
      case .scriptInANumericCell: "sweep.csv:2: expected a number in column asa_s, found 'NaN<script>'"
      case .extraColumn: "sweep.csv:2: expected 37 cells, as in the header, found '38'"
      case .badSweptValue: "sweep.csv:2: expected 90% in column volume (point 1), found '95%'"
      case .cellQuotedOtherwise: "sweep.csv:2: expected cells quoted as ccsim writes them, found "
      }
    }
  }

  @Test(arguments: RowChange.allCases)
  func aTamperedRowIsRefused(_ row: RowChange) throws {
    let (root, first, second) = try Self.shards()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.edit(first, "sweep.csv", row.change)
    #expect(Self.merge(root, [first, second]) == ("\(first.path)/sweep.csv: \(Self.changed)", false))
    guard let forged = row.forgedMessage else { return }
    let (again, one, two) = try Self.shards()
    defer { try? FileManager.default.removeItem(at: again) }
    try Self.edit(one, "sweep.csv", forging: true, row.change)
    let result = Self.merge(again, [two, one])
    #expect(result.message.hasPrefix("\(one.path)/\(forged)") && !result.wrote, "\(result.message)")
    if row != .cellQuotedOtherwise { #expect(result.message == "\(one.path)/\(forged)") }
  }

  @Test func anEditedScenarioCopyIsRefused() throws {
    let (root, first, second) = try Self.shards()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.edit(second, "scenario.yaml") { $0 + "# edited\n" }
    #expect(Self.merge(root, [first, second]) == ("\(second.path)/scenario.yaml: \(Self.changed)", false))
    // Its hash forged too: everywhere, it is the shard of another sweep; only in `sha256`, it no
    // longer matches the scenario_sha256 the shard ran.
    let (again, one, two) = try Self.shards()
    defer { try? FileManager.default.removeItem(at: again) }
    let old = try String(contentsOf: two.appendingPathComponent("scenario.yaml"), encoding: .utf8)
    try Self.edit(two, "scenario.yaml", forging: true) { $0 + "# edited\n" }
    #expect(Self.merge(again, [one, two]) == ("ccsim merge: expected shards of the same sweep (same scenario, seed, replications, grid "
                                             + "and version), found 'shard 2/2 of another'", false))
    try Self.edit(two, "sweep.json") { text in
      text.replacingOccurrences(of: "\"scenario_sha256\": \"\(SHA256.hex(Array((old + "# edited\n").utf8)))\"",
                                with: "\"scenario_sha256\": \"\(SHA256.hex(Array(old.utf8)))\"")
    }
    #expect(Self.merge(again, [one, two])
            == ("\(two.path)/sweep.json: expected the SHA-256 of scenario.yaml to be its scenario_sha256, found 'two different ones'", false))
  }

  @Test func anEditedReportIsRefused() throws {
    let (root, first, second) = try Self.shards()
    defer { try? FileManager.default.removeItem(at: root) }
    try Self.edit(first, "report.html") { $0.replacingOccurrences(of: "</body>", with: "<script>alert(1)</script></body>") }
    #expect(Self.merge(root, [first, second]) == ("\(first.path)/report.html: \(Self.changed)", false))
  }

  /// A shard from before hashes were recorded (or with one taken out) must be re-run.
  @Test func aShardWithoutHashesIsRefused() throws {
    let (root, first, second) = try Self.shards()
    defer { try? FileManager.default.removeItem(at: root) }
    let expected = "expected a SHA-256 of each file of the shard (a shard written before they were recorded must be re-run)"
    try Self.edit(second, "sweep.json") { text in
      text.replacingOccurrences(of: #"(?s),\s*"sha256": \{[^}]*\}"#, with: "", options: .regularExpression)
    }
    #expect(Self.merge(root, [first, second]) == ("\(second.path)/sweep.json: \(expected), found 'none'", false))
    try Self.edit(first, "sweep.json") { text in
      text.replacingOccurrences(of: #"(?m),\s*"report\.html": "[0-9a-f]+""#, with: "", options: .regularExpression)
    }
    #expect(Self.merge(root, [first]).message == "\(first.path)/sweep.json: \(expected), found 'none for report.html'")
  }
}
