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
/// Shard `index` of `count` of a sweep: the grid points `index - 1`, `index - 1 + count`, … (0-based),
/// written `i/n` (`2/4`). Shards run as independent jobs and merge (``SweepMerge``) into the bytes
/// of the unsplit sweep.
public struct SweepShard: Hashable, Sendable, CustomStringConvertible {
  /// 1-based, at most ``count``.
  public var index: Int
  /// 1 to ``maximumCount``.
  public var count: Int

  /// The most shards a sweep splits into.
  public static let maximumCount = 10_000

  /// `nil` unless `1 ≤ index ≤ count ≤ maximumCount`.
  public init?(index: Int, count: Int) {
    guard (1...Self.maximumCount).contains(count), (1...count).contains(index) else { return nil }
    self.index = index
    self.count = count
  }

  /// Reads `i/n`, such as `2/4`; `nil` for anything else or out of range.
  public init?(_ text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
    guard parts.count == 2, let index = parts[0], let count = parts[1] else { return nil }
    self.init(index: index, count: count)
  }

  /// `i/n`.
  public var description: String { "\(index)/\(count)" }
}

/// A sweep definition that cannot run: a key swept twice, or a grid with too many points.
public enum SweepError: Error, Hashable, Sendable {
  /// The key, as written.
  case repeatedKey(String)
  /// The number of points the grid would have.
  case tooManyPoints(Int)
}

extension SweepGrid {
  /// The most points a sweep's grid may have.
  public static let maximumPoints = 100_000

  /// The grid of `keys` and their `values`, checked: each key once, at most ``maximumPoints`` points.
  /// - Throws: ``SweepError``, the repeated key first.
  public init(checkedKeys keys: [String], values: [[String]]) throws(SweepError) {
    if let repeated = Dictionary(grouping: keys, by: { $0 }).first(where: { $0.value.count > 1 })?.key {
      throw .repeatedKey(repeated)
    }
    self.init(keys: keys, values: values)
    guard pointCount <= Self.maximumPoints else { throw .tooManyPoints(pointCount) }
  }

  /// The points (0-based) of `shard`, or every point when it is `nil`.
  public func points(in shard: SweepShard?) -> [Int] {
    shard.map { points(shard: $0.index, of: $0.count) } ?? Array(0..<pointCount)
  }
}
