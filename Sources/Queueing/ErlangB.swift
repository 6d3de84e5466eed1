/// Erlang B: the M/M/n/n loss system (no waiting room; a contact that finds every line or agent
/// busy is blocked and lost).
///
/// Assumes Poisson arrivals; the blocking probability is insensitive to the holding-time
/// distribution (only its mean enters, through the offered load).
///
/// Computed with the recurrence on the reciprocal, `1/B(k) = 1 + (k/a)·(1/B(k-1))` with
/// `1/B(0) = 1`, which never forms `aⁿ` or `n!`, adds only positive terms (relative error
/// O(n·ε)) and costs one multiply-add per step. Terms more than 15√a + 10 below
/// `min(n, a)` are skipped: each contributes less than e⁻¹¹² of the sum (see `Docs/analytics.md`).
public enum ErlangB {
  /// The blocking probability B(n, a).
  ///
  ///     ErlangB.blocking(traffic: 2, servers: 1)   // 2/3
  ///
  /// - Parameters:
  ///   - traffic: Offered load in erlangs; finite, ≥ 0.
  ///   - servers: Number of agents or lines; ≥ 0.
  /// - Returns: A value in `0...1`: `0` with no traffic, otherwise `1` with no servers. Values below the
  ///   smallest positive `Double` (about 1e-308) are returned as `0`.
  /// - Complexity: O(min(`servers`, 15√a + 10 + max(0, servers − a))).
  public static func blocking(traffic: Double, servers: Int) -> Double {
    1 / inverseBlocking(traffic: traffic, servers: servers)
  }

  /// `1/B(n, a)`: ≥ 1, `+infinity` when B underflows or there is no traffic.
  static func inverseBlocking(traffic a: Double, servers n: Int) -> Double {
    precondition(a.isFinite && a >= 0, "traffic must be finite and ≥ 0, got \(a)")
    precondition(n >= 0, "servers must be ≥ 0, got \(n)")
    if a == 0 { return .infinity }
    if n == 0 { return 1 }
    let skipped = min(Double(n), a) - (15 * a.squareRoot() + 10)
    let first = skipped > 0 ? Int(skipped) : 0
    let perErlang = 1 / a
    var inverse = 1.0
    var k = Double(first)
    for _ in first..<n {
      k += 1
      inverse = (k * perErlang) * inverse + 1
      if inverse == .infinity { break }
    }
    return inverse
  }

  /// Carried load in erlangs: `a·(1 − B)`, the mean number of busy servers.
  public static func carriedTraffic(traffic: Double, servers: Int) -> Double {
    traffic * (1 - blocking(traffic: traffic, servers: servers))
  }

  /// Occupancy: carried load ÷ servers (`0` with no servers).
  public static func occupancy(traffic: Double, servers: Int) -> Double {
    ratioOrZero(carriedTraffic(traffic: traffic, servers: servers), Double(servers))
  }
}
