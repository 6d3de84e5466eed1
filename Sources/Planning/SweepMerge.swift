/// A shard of a sweep as read back from its folder: its manifest, the type and group ids of its
/// columns, and its rows.
public struct SweepShardRows: Hashable, Sendable {
  public var manifest: SweepManifest
  public var typeIDs: [String]
  public var groupIDs: [String]
  public var rows: [SweepRow]

  public init(manifest: SweepManifest, typeIDs: [String], groupIDs: [String], rows: [SweepRow]) {
    self.manifest = manifest
    self.typeIDs = typeIDs
    self.groupIDs = groupIDs
    self.rows = rows
  }
}

/// Shards of one sweep joined into the unsplit sweep (`ccsim merge`): the same manifest without a
/// shard, and every point's row once, in order. Reading the shards' folders (and checking their
/// bytes) is `Reporting`'s `SweepFolder`.
public enum SweepMerge {
  /// The unsplit sweep's manifest and rows.
  /// - Throws: ``MergeError`` (without a place) when the shards are not every shard of one split
  ///   of one sweep (same scenario, seed, replications, grid, version and columns), each once,
  ///   each holding exactly its points.
  public static func merge(_ shards: [SweepShardRows]) throws(MergeError) -> (manifest: SweepManifest, rows: [SweepRow]) {
    guard let first = shards.first, let count = first.manifest.shard?.count else {
      throw MergeError(expected: "the folders of the shards of one sweep (each with a sweep.json naming its shard i/n)",
                       found: shards.isEmpty ? "no folder" : "a folder of a whole sweep")
    }
    var whole = first.manifest
    whole.shard = nil
    var seen = Set<Int>()
    var rows: [SweepRow] = []
    for part in shards {
      guard let shard = part.manifest.shard, shard.count == count else {
        throw MergeError(expected: "shards of one split (all i/\(count))", found: part.manifest.shard?.description ?? "a whole sweep")
      }
      var bare = part.manifest
      bare.shard = nil
      guard bare == whole else {
        throw MergeError(expected: "shards of the same sweep (same scenario, seed, replications, grid and version)",
                         found: "shard \(shard) of another")
      }
      guard seen.insert(shard.index).inserted else { throw MergeError(expected: "each shard once", found: "shard \(shard) twice") }
      guard part.typeIDs == first.typeIDs, part.groupIDs == first.groupIDs else {
        throw MergeError(expected: "the same sweep.csv columns in every shard", found: "shard \(shard) with others")
      }
      let expected = whole.grid.points(in: shard)
      let points = part.rows.map(\.point)
      guard points == expected else {
        throw MergeError(expected: "shard \(shard) to hold points \(expected.map { String($0 + 1) }.joined(separator: ", "))",
                         found: points.map { String($0 + 1) }.joined(separator: ", "))
      }
      rows += part.rows
    }
    let missing = (1...count).filter { !seen.contains($0) }
    guard missing.isEmpty else {
      throw MergeError(expected: "all \(count) shards",
                       found: "shard\(missing.count == 1 ? "" : "s") \(missing.map { "\($0)/\(count)" }.joined(separator: ", ")) missing")
    }
    return (whole, rows.sorted { $0.point < $1.point })
  }
}

/// Why shards cannot be merged: where (a shard's folder or file, `file:line` in a `sweep.csv`, or
/// `nil` for the set of shards), what was expected and what was found.
public struct MergeError: Error, CustomStringConvertible, Hashable, Sendable {
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
