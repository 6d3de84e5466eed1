import CGSL
import CPhilox
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

/// The key of one stream: (master seed, replication, purpose, index, day). Every stream of every
/// replication is a disjoint range of one counter-based generator under the master seed, named by
/// the rest of its key — never by the order in which streams are created, so adding a stream never
/// shifts the numbers of another, and no two streams can coincide (see ``RandomStream``).
///
///     let key = StreamKey(master: 42, replication: 3, purpose: .handleTime, index: 1)
public struct StreamKey: Hashable, Sendable {
  public let master: UInt64
  public let replication: UInt32
  public let purpose: StreamPurpose
  public let index: UInt32
  public let day: UInt32

  /// - Parameters:
  ///   - replication: In `0..<2³² − 1`.
  ///   - index: The contact type's or group's position, in `0..<2³² − 1`.
  ///   - day: The day of a horizon, in `0..<2²⁴` (0 for a single day).
  public init(master: UInt64, replication: Int, purpose: StreamPurpose, index: Int, day: Int = 0) {
    precondition((0..<Int(UInt32.max)).contains(replication), "replication must be in 0..<2³²−1, got \(replication)")
    precondition((0..<Int(UInt32.max)).contains(index), "stream index must be in 0..<2³²−1, got \(index)")
    precondition((0..<(1 << 24)).contains(day), "day must be in 0..<2²⁴, got \(day)")
    self.master = master
    self.replication = UInt32(replication)
    self.purpose = purpose
    self.index = UInt32(index)
    self.day = UInt32(day)
  }
}

/// One reproducible stream of random numbers: Random123's Philox4x32-10 under GSL's samplers.
///
/// The generator is counter-based (Salmon, Moraes, Dror & Shaw, "Parallel random numbers: as easy
/// as 1, 2, 3", SC'11): output block *b* of a stream is Philox(key = master seed, counter =
/// (b, replication + 1, index + 1, purpose·2²⁴ + day)), a bijection of the counter under the key.
/// Streams with different keys read different counters, so they cannot overlap while each draws
/// fewer than 4·2³² numbers (a bound no replication comes near). It is a GSL generator type made by
/// Random123's own adapter (`GSL_CBRNG`), so every `gsl_ran_*` sampler draws from it; uniforms and
/// exponentials take an inlined path through the same state (``uniform()``).
///
/// Not `Sendable`: each replication owns its streams. The generator is freed in `deinit`.
/// Parameters are checked before GSL sees them (GSL's default error handler aborts the process).
///
///     let stream = RandomStream(key: StreamKey(master: 1, replication: 0, purpose: .arrivals, index: 0))
///     let gap = stream.exponential(mean: 18)   // seconds to the next arrival
public final class RandomStream {
  @usableFromInline let rng: UnsafeMutablePointer<gsl_rng>

  public init(key: StreamKey) {
    guard let rng = gsl_rng_alloc(ccsim_rng_philox()) else { fatalError("gsl_rng_alloc failed: out of memory") }
    ccsim_philox_key(rng, key.master, key.replication, key.index, UInt32(key.purpose.rawValue), key.day)
    self.rng = rng
  }

  deinit { gsl_rng_free(rng) }

  /// A uniform draw in the open interval (0, 1): `gsl_rng_uniform_pos` (a 32-bit output ÷ 2³²,
  /// zero skipped), inlined through the generator's state rather than GSL's function pointer.
  @inlinable public func uniform() -> Double { ccsim_philox_uniform_pos(rng) }

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
    return -mean * log(uniform())
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
