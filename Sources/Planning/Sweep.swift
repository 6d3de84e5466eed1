/// A grid of scenario variations: every combination of one value per swept key, the first key
/// varying slowest (`Docs/planning.md`, "Sweeps"). Point `p` (0-based) of a grid split into `n`
/// shards belongs to shard `p mod n + 1`, so shards of a grid whose cost grows along a key share
/// the work evenly.
public struct SweepGrid: Hashable, Sendable {
  /// The swept keys, as written, and each key's values, as written.
  public var keys: [String]
  public var values: [[String]]

  public init(keys: [String], values: [[String]]) {
    precondition(keys.count == values.count && values.allSatisfy { !$0.isEmpty }, "each key with at least one value")
    self.keys = keys
    self.values = values
  }

  /// The number of grid points: the product of the value counts.
  public var pointCount: Int { values.reduce(1) { $0 * $1.count } }

  /// The values of point `p` (0-based), one per key.
  public func point(_ p: Int) -> [String] {
    precondition((0..<pointCount).contains(p), "a point of the grid")
    var rest = p
    var chosen: [String] = []
    for list in values.reversed() {
      chosen.append(list[rest % list.count])
      rest /= list.count
    }
    return chosen.reversed()
  }

  /// The points (0-based) of shard `index` (1-based) of `count`.
  public func points(shard index: Int, of count: Int) -> [Int] {
    precondition(count >= 1 && (1...count).contains(index), "a shard i/n with 1 ≤ i ≤ n")
    return Array(stride(from: index - 1, to: pointCount, by: count))
  }
}
