/// `ccsim merge`: the folders of every shard of one sweep, checked (``SweepFolder/Shard``) and
/// joined into exactly the files of the sweep run unsplit.
public enum SweepMerge {
  /// Merges the shards' folders, each given as its path and its files by name, into the unsplit
  /// sweep's manifest and files (``SweepFolder/files(manifest:csv:scenarioText:)``).
  /// - Throws: ``MergeError``: a shard's file missing, changed or out of shape (naming the file,
  ///   and the line for `sweep.csv`), or folders that are not every shard of one sweep, each once.
  public static func merge(folders: [(path: String, files: [String: String])]) throws(MergeError)
    -> (manifest: SweepReport.Manifest, files: [(String, String)]) {
    var shards: [SweepFolder.Shard] = []
    for folder in folders { shards.append(try SweepFolder.Shard(folder: folder.path, files: folder.files)) }
    let (manifest, csv) = try merge(shards)
    return (manifest, SweepFolder.files(manifest: manifest, csv: csv, scenarioText: shards[0].scenarioText))
  }

  /// The unsplit sweep's manifest and `sweep.csv` from checked shards.
  static func merge(_ shards: [SweepFolder.Shard]) throws(MergeError) -> (manifest: SweepReport.Manifest, csv: String) {
    guard let first = shards.first, let count = first.manifest.shard?.count else {
      throw MergeError(expected: "the folders of the shards of one sweep (each with a sweep.json naming its shard i/n)",
                       found: shards.isEmpty ? "no folder" : "a folder of a whole sweep")
    }
    var whole = first.manifest
    whole.shard = nil
    var seen = Set<Int>()
    var rows: [(point: Int, line: String)] = []
    for part in shards {
      guard let shard = part.manifest.shard, shard.count == count else {
        throw MergeError(expected: "shards of one split (all i/\(count))",
                         found: part.manifest.shard.map { "\($0.index)/\($0.count)" } ?? "a whole sweep")
      }
      var bare = part.manifest
      bare.shard = nil
      guard bare == whole else {
        throw MergeError(expected: "shards of the same sweep (same scenario, seed, replications, grid and version)",
                         found: "shard \(shard.index)/\(count) of another")
      }
      guard seen.insert(shard.index).inserted else { throw MergeError(expected: "each shard once", found: "shard \(shard.index)/\(count) twice") }
      guard part.header == first.header else {
        throw MergeError(expected: "the same sweep.csv columns in every shard", found: "shard \(shard.index)/\(count) with others")
      }
      let expected = whole.grid.points(shard: shard.index, of: count)
      let points = part.rows.map(\.point)
      guard points == expected else {
        throw MergeError(expected: "shard \(shard.index)/\(count) to hold points \(expected.map { String($0 + 1) }.joined(separator: ", "))",
                         found: points.map { String($0 + 1) }.joined(separator: ", "))
      }
      rows += part.rows
    }
    let missing = (1...count).filter { !seen.contains($0) }
    guard missing.isEmpty else {
      throw MergeError(expected: "all \(count) shards",
                       found: "shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) missing")
    }
    let text = ([first.header] + rows.sorted { $0.point < $1.point }.map(\.line)).joined(separator: "\n") + "\n"
    return (whole, text)
  }
}

/// Why shards cannot be merged: where (a shard's folder or file, `file:line` in a `sweep.csv`, or
/// `nil` for the set of shards), what was expected and what was found.
public struct MergeError: Error, CustomStringConvertible, Sendable {
  public var place: String?
  public var expected: String
  public var found: String
  public init(place: String? = nil, expected: String, found: String) {
    self.place = place
    self.expected = expected
    self.found = found
  }
  public var description: String { (place.map { "\($0): " } ?? "") + "expected \(expected), found \(found)" }
}
