import CGSL
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a random stream is used for. Each purpose has its own stream, so adding a new use of
/// randomness never shifts the numbers an existing one draws.
public enum StreamPurpose: UInt64, Sendable, CaseIterable {
  case arrivals = 1, handleTime, patience, outcome, routing, busyness, staffing, backlog
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

  @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

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
  @inlinable public func uniform() -> Double { gsl_rng_uniform_pos(rng) }

  /// A uniform integer in `0..<bound` (`gsl_rng_uniform_int`).
  /// - Parameter bound: In `1...UInt32.max`.
  @inlinable public func uniformIndex(below bound: Int) -> Int {
    precondition(bound >= 1 && bound <= Int(UInt32.max), "index bound must be in 1...2³²−1, got \(bound)")
    return Int(gsl_rng_uniform_int(rng, UInt(bound)))
  }

  /// An exponential draw with the given mean, by inversion of GSL's uniform: −mean·ln U with U
  /// uniform on (0, 1). This is `gsl_ran_exponential`'s method (which computes −mean·log1p(−U′)
  /// with U′ = 1 − U on [0, 1)), with `log` in place of `log1p`: the same distribution, and on
  /// glibc `log` costs a third of `log1p`, which `ccsim-bench` shows as contacts per second.
  /// - Parameter mean: Finite, > 0.
  @inlinable public func exponential(mean: Double) -> Double {
    precondition(mean.isFinite && mean > 0, "exponential mean must be finite and > 0, got \(mean)")
    return -mean * log(gsl_rng_uniform_pos(rng))
  }

  /// A gamma draw (`gsl_ran_gamma`); shape and scale finite and > 0.
  @inlinable public func gamma(shape: Double, scale: Double) -> Double {
    precondition(shape > 0 && scale > 0 && shape.isFinite && scale.isFinite, "gamma needs shape, scale > 0")
    return gsl_ran_gamma(rng, shape, scale)
  }

  /// A lognormal draw: exp of a normal with mean `zeta` and standard deviation `sigma` (> 0).
  @inlinable public func lognormal(zeta: Double, sigma: Double) -> Double {
    precondition(sigma > 0 && zeta.isFinite && sigma.isFinite, "lognormal needs a finite zeta and sigma > 0")
    return gsl_ran_lognormal(rng, zeta, sigma)
  }

  /// A Weibull draw (`gsl_ran_weibull`); scale and shape finite and > 0.
  @inlinable public func weibull(scale: Double, shape: Double) -> Double {
    precondition(scale > 0 && shape > 0 && scale.isFinite && shape.isFinite, "weibull needs scale, shape > 0")
    return gsl_ran_weibull(rng, scale, shape)
  }

  /// A draw of a centred normal with the given standard deviation, conditioned to exceed `above`
  /// (`gsl_ran_gaussian_tail`, which also accepts a negative bound).
  @inlinable public func gaussianTail(above bound: Double, standardDeviation: Double) -> Double {
    precondition(standardDeviation > 0 && bound.isFinite, "gaussian tail needs sd > 0 and a finite bound")
    return gsl_ran_gaussian_tail(rng, bound, standardDeviation)
  }

  /// A uniform draw on `low..<high` (`gsl_ran_flat`).
  @inlinable public func flat(_ low: Double, _ high: Double) -> Double {
    precondition(low < high && low.isFinite && high.isFinite, "flat needs finite low < high")
    return gsl_ran_flat(rng, low, high)
  }
}

extension RandomStream {
  /// One draw from `sampler`'s distribution (seconds, ≥ 0).
  @inlinable
  public func sample(_ sampler: Sampler) -> Double {
    let (a, b, c) = (sampler.a, sampler.b, sampler.c)
    switch sampler.kind {
    case .constant: return a
    case .exponential: return exponential(mean: a)
    case .gamma: return gamma(shape: a, scale: b)
    case .lognormal: return lognormal(zeta: a, sigma: b)
    case .weibull: return weibull(scale: a, shape: b)
    case .truncatedNormal: return a + gaussianTail(above: -a, standardDeviation: b)
    case .uniform: return flat(a, b)
    case .hyperexponential: return exponential(mean: uniform() < a ? b : c)
    case .empirical: return sampler.table[uniformIndex(below: sampler.table.count)]
    case .interpolated:
      let sorted = sampler.table
      let position = uniform() * Double(sorted.count - 1)
      let lower = min(Int(position), sorted.count - 2)
      let fraction = position - Double(lower)
      return sorted[lower] + fraction * (sorted[lower + 1] - sorted[lower])
    }
  }
}
