import Testing
@testable import Planning

struct SweepGridTests {
  /// The first key varies slowest; shards take every n-th point and together hold each point once.
  @Test func pointsAndShards() {
    let grid = SweepGrid(keys: ["a", "b"], values: [["1", "2", "3"], ["x", "y"]])
    #expect(grid.pointCount == 6)
    #expect((0..<6).map(grid.point) == [["1", "x"], ["1", "y"], ["2", "x"], ["2", "y"], ["3", "x"], ["3", "y"]])
    #expect(grid.points(shard: 1, of: 4) == [0, 4] && grid.points(shard: 4, of: 4) == [3])
    for n in 1...8 {
      let all = (1...n).flatMap { grid.points(shard: $0, of: n) }.sorted()
      #expect(all == Array(0..<6))
    }
  }
}

/// Shards as typed, grid limits, and the merge of typed shards.
struct SweepShardTests {
  @Test(arguments: [("2/4", SweepShard(index: 2, count: 4)), ("1/1", SweepShard(index: 1, count: 1)), ("0/2", nil), ("3/2", nil),
                    ("2/", nil), ("1/10001", nil), ("a/b", nil), ("1/2/3", nil)])
  func shardsAreReadAsIOverN(text: String, shard: SweepShard?) {
    #expect(SweepShard(text) == shard)
    #expect(shard.map { $0.description == text } ?? true)
  }

  @Test func gridsAreChecked() throws {
    #expect(throws: SweepError.repeatedKey("a")) { try SweepGrid(checkedKeys: ["a", "b", "a"], values: [["1"], ["2"], ["3"]]) }
    let wide = Array(repeating: (0..<100).map(String.init), count: 3)
    #expect(throws: SweepError.tooManyPoints(1_000_000)) { try SweepGrid(checkedKeys: ["a", "b", "c"], values: wide) }
    let grid = try SweepGrid(checkedKeys: ["a"], values: [["1", "2"]])
    #expect(grid.points(in: nil) == [0, 1])
  }

  func shard(_ index: Int, of count: Int, manifest: SweepManifest) -> SweepShardRows {
    var part = manifest
    part.shard = SweepShard(index: index, count: count)
    let rows = manifest.grid.points(shard: index, of: count).map { p in
      SweepRow(point: p, values: manifest.grid.point(p), centre: [], types: [], groups: [], targetsChecked: 0, targetsMissed: 0,
               meetsTargets: nil)
    }
    return SweepShardRows(manifest: part, typeIDs: ["t"], groupIDs: ["g"], rows: rows)
  }

  /// Every shard once, in any order: the whole sweep's rows in point order; a missing or repeated
  /// shard, or one of another sweep, is named.
  @Test func shardsMergeIntoTheWholeSweep() throws {
    let manifest = SweepManifest(toolVersion: "0", scenario: "s", scenarioSHA256: "0", currency: "EUR", seed: 1, replications: 2,
                                 grid: SweepGrid(keys: ["a"], values: [["1", "2", "3", "4", "5"]]))
    let parts = [shard(2, of: 2, manifest: manifest), shard(1, of: 2, manifest: manifest)]
    let merged = try SweepMerge.merge(parts)
    #expect(merged.manifest == manifest && merged.rows.map(\.point) == [0, 1, 2, 3, 4])
    #expect(throws: MergeError(expected: "all 2 shards", found: "shard 2/2 missing")) { try SweepMerge.merge([parts[1]]) }
    #expect(throws: MergeError(expected: "each shard once", found: "shard 1/2 twice")) { try SweepMerge.merge([parts[1], parts[1]]) }
    var other = manifest
    other.seed = 2
    #expect(throws: MergeError(expected: "shards of the same sweep (same scenario, seed, replications, grid and version)",
                               found: "shard 1/2 of another")) {
      try SweepMerge.merge([parts[0], shard(1, of: 2, manifest: other)])
    }
  }
}
