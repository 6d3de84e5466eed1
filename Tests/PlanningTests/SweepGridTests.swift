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
