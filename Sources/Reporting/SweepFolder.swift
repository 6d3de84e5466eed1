import Fingerprint
import Foundation
import Planning

/// The files of a sweep's results folder, as `ccsim sweep` and `ccsim merge` write them, and a
/// shard's folder read back and checked: every file exactly as its shard wrote it.
///
/// `sweep.json` records the SHA-256 of each other file of the folder under `sha256`, so that a
/// shard edited after it was written — a number changed, a cell or column added, the scenario
/// copy edited — is refused by the merge instead of joining the sweep:
///
///     "sha256": { "sweep.csv": "9f2c…", "scenario.yaml": "4be1…", "report.html": "07d3…" }
public enum SweepFolder {
  /// The files whose SHA-256 `sweep.json` records, in the order it records them.
  public static let hashedFiles = ["sweep.csv", "scenario.yaml", "report.html"]
  /// Every file of a sweep's folder.
  public static let fileNames = hashedFiles + ["sweep.json"]

  /// The folder's files, `(name, contents)`: `sweep.csv`, `scenario.yaml`, `report.html` (built
  /// from the rows), and `sweep.json` with the SHA-256 of the other three. The same manifest, rows
  /// and scenario give the same bytes, so a merged folder is the unsplit one.
  public static func files(report: SweepReport, rows: [SweepRow], scenarioText: String) -> [(String, String)] {
    let hashed = [("sweep.csv", report.csv(rows: rows)), ("scenario.yaml", scenarioText), ("report.html", report.html(rows: rows))]
    return hashed + [("sweep.json", report.manifest.json(sha256: hashed.map { ($0.0, SHA256.hex(Array($0.1.utf8))) }))]
  }

  /// `ccsim merge`: the folders of every shard of one sweep, each given as its path and its files
  /// by name, checked (``Shard``) and joined (``Planning/SweepMerge``) into the unsplit sweep's
  /// manifest and files.
  /// - Throws: ``Planning/MergeError``: a shard's file missing, changed or out of shape (naming the
  ///   file, and the line for `sweep.csv`), or folders that are not every shard of one sweep, each once.
  public static func merge(folders: [(path: String, files: [String: String])]) throws(MergeError)
    -> (manifest: SweepManifest, files: [(String, String)]) {
    var shards: [Shard] = []
    for folder in folders { shards.append(try Shard(folder: folder.path, files: folder.files)) }
    let (manifest, rows) = try SweepMerge.merge(shards.map(\.rows))
    let report = SweepReport(manifest: manifest, typeIDs: shards[0].rows.typeIDs, groupIDs: shards[0].rows.groupIDs)
    return (manifest, files(report: report, rows: rows, scenarioText: shards[0].scenarioText))
  }

  /// A shard's results folder read back: its manifest, its rows and its scenario, each file
  /// checked against the SHA-256 its `sweep.json` records and `sweep.csv` read strictly
  /// (``SweepRows``).
  public struct Shard: Sendable {
    /// The folder as given (it names the files in errors).
    public var folder: String
    /// The manifest, the columns' type and group ids and the rows.
    public var rows: SweepShardRows
    public var scenarioText: String

    /// Checks the files of the shard folder `folder`, by name (a file that could not be read is
    /// missing).
    /// - Throws: ``MergeError`` naming the file, or `file:line` in `sweep.csv`, and what is wrong:
    ///   a file missing, a `sweep.json` that is not one or records no SHA-256 (a shard written
    ///   before they were recorded: re-run it), a file whose bytes changed, a row out of shape.
    public init(folder: String, files: [String: String]) throws(MergeError) {
      self.folder = folder
      func path(_ name: String) -> String { folder.hasSuffix("/") ? folder + name : folder + "/" + name }
      func text(_ name: String) throws(MergeError) -> String {
        guard let text = files[name] else {
          throw MergeError(place: folder, expected: "a sweep shard's results folder with \(name)", found: "no readable \(name)")
        }
        return text
      }
      let json = try text("sweep.json")
      guard let manifest = SweepManifest(json: json) else {
        throw MergeError(place: folder, expected: "a sweep.json written by ccsim sweep", found: "a file that is not one")
      }
      let recorded = Self.recordedSHA256(json)
      let unrecorded = SweepFolder.hashedFiles.filter { recorded[$0] == nil }
      guard unrecorded.isEmpty else {
        throw MergeError(place: path("sweep.json"),
                         expected: "a SHA-256 of each file of the shard (a shard written before they were recorded must be re-run)",
                         found: unrecorded.count == SweepFolder.hashedFiles.count ? "none" : "none for \(unrecorded.joined(separator: ", "))")
      }
      guard recorded["scenario.yaml"] == manifest.scenarioSHA256 else {
        throw MergeError(place: path("sweep.json"), expected: "the SHA-256 of scenario.yaml to be its scenario_sha256",
                         found: "two different ones")
      }
      for name in SweepFolder.hashedFiles where SHA256.hex(Array(try text(name).utf8)) != recorded[name] {
        throw MergeError(place: path(name), expected: "the file as the shard wrote it (its SHA-256 is in sweep.json)",
                         found: "a changed file")
      }
      let (typeIDs, groupIDs, rows) = try SweepRows.read(try text("sweep.csv"), grid: manifest.grid, staffed: manifest.staffed,
                                                         file: path("sweep.csv"))
      self.rows = SweepShardRows(manifest: manifest, typeIDs: typeIDs, groupIDs: groupIDs, rows: rows)
      scenarioText = try text("scenario.yaml")
    }

    /// The `sha256` object of a `sweep.json`, file name to hex digest; empty when there is none.
    static func recordedSHA256(_ json: String) -> [String: String] {
      let object = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
      return object?["sha256"] as? [String: String] ?? [:]
    }
  }
}
