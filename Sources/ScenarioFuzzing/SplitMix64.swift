/// A small seeded generator for the fuzzer (Steele, Lea and Flood's SplitMix64, the mixing
/// function of `Docs/randomness.md`), so that a mutant is a pure function of its seed: a failure
/// printed with its seed is replayed exactly. Never `Double.random`, which cannot be replayed.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  public private(set) var state: UInt64

  public init(seed: UInt64) { state = seed }

  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    return Self.mix(state)
  }

  /// The SplitMix64 finaliser: a bijection of 64-bit words whose outputs look independent.
  public static func mix(_ word: UInt64) -> UInt64 {
    var z = word
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform whole number in `0..<bound` (`bound` ≥ 1).
  public mutating func below(_ bound: Int) -> Int {
    precondition(bound >= 1, "need a positive bound")
    return Int(next() % UInt64(bound))
  }

  /// One element of a non-empty collection.
  public mutating func pick<C: RandomAccessCollection>(_ items: C) -> C.Element where C.Index == Int {
    items[items.startIndex + below(items.count)]
  }

  /// True with probability `1 / n`.
  public mutating func oneIn(_ n: Int) -> Bool { below(n) == 0 }
}
