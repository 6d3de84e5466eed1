import CGSL

/// What a random stream is used for. Each purpose has its own stream, so adding a new use of
/// randomness never shifts the numbers an existing one draws.
public enum StreamPurpose: UInt64, Sendable, CaseIterable {
  case arrivals = 1, handleTime, patience, outcome, routing, busyness
}

/// The seed of one stream, derived from (master seed, replication, purpose, index) by SplitMix64
/// mixing — never from the order in which streams are created.
///
///     let seed = StreamSeed(master: 42, replication: 3, purpose: .handleTime, index: 1)
public struct StreamSeed: Hashable, Sendable {
  public let value: UInt64

  public init(master: UInt64, replication: Int, purpose: StreamPurpose, index: Int) {
    precondition(replication >= 0 && index >= 0, "replication and index must be ≥ 0")
    var state = StreamSeed.mix(master)
    state = StreamSeed.mix(state ^ UInt64(replication))
    state = StreamSeed.mix(state ^ purpose.rawValue)
    state = StreamSeed.mix(state ^ UInt64(index))
    value = state
  }

  /// The SplitMix64 finaliser (Steele, Lea & Flood, "Fast splittable pseudorandom number
  /// generators", OOPSLA 2014): a bijection on 64 bits with full avalanche.
  static func mix(_ input: UInt64) -> UInt64 {
    var z = input &+ 0x9E37_79B9_7F4A_7C15
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// One reproducible stream of random numbers: a GSL generator (`gsl_rng`) and GSL's samplers.
///
/// Not `Sendable`: each replication owns its streams. The generator is freed in `deinit`.
/// Parameters are checked before GSL sees them (GSL's default error handler aborts the process).
///
///     let stream = RandomStream(seed: StreamSeed(master: 1, replication: 0, purpose: .arrivals, index: 0))
///     let gap = stream.exponential(mean: 18)   // seconds to the next arrival
public final class RandomStream {
  /// The GSL generator algorithm.
  public enum Generator: Sendable {
    /// L'Ecuyer's maximally equidistributed Tausworthe generator (period 2⁸⁸); the fastest
    /// good generator in GSL, and the default.
    case taus2
    /// The Mersenne Twister MT19937 (period 2¹⁹⁹³⁷ − 1).
    case mt19937
  }

  private let rng: UnsafeMutablePointer<gsl_rng>

  public init(seed: StreamSeed, generator: Generator = .taus2) {
    let type = switch generator {
    case .taus2: cgsl_rng_taus2()
    case .mt19937: cgsl_rng_mt19937()
    }
    guard let rng = gsl_rng_alloc(type) else { fatalError("gsl_rng_alloc failed: out of memory") }
    // GSL seeds with an unsigned long; taus2 and mt19937 use its low 32 bits, so fold the high half in.
    gsl_rng_set(rng, UInt(truncatingIfNeeded: seed.value ^ (seed.value >> 32)))
    self.rng = rng
  }

  deinit { gsl_rng_free(rng) }

  /// A uniform draw in the open interval (0, 1).
  public func uniform() -> Double { gsl_rng_uniform_pos(rng) }

  /// An exponential draw with the given mean (GSL's `mu` is a mean, not a rate).
  /// - Parameter mean: Finite, > 0.
  public func exponential(mean: Double) -> Double {
    precondition(mean.isFinite && mean > 0, "exponential mean must be finite and > 0, got \(mean)")
    return gsl_ran_exponential(rng, mean)
  }
}
