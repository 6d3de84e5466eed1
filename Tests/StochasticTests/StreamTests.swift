import CGSL
import CPhilox
import Testing
@testable import Stochastic

/// The counter-based streams: the generator is Philox4x32-10, each key names its own counters, the
/// inlined path and GSL's adapter draw the same numbers, and concatenated streams look uniform and
/// independent to a chi-square and a serial-correlation test.
@Suite struct StreamTests {
  /// Random123's known-answer vectors for Philox4x32-10 (`kat_vectors` of the Random123
  /// distribution): the build uses the real generator, whatever compiler features it detected.
  @Test func philoxMatchesRandom123KnownAnswers() {
    func block(_ c: [UInt32], _ k: [UInt32]) -> [UInt32] {
      let out = philox4x32_R(10, philox4x32_ctr_t(v: (c[0], c[1], c[2], c[3])), philox4x32_key_t(v: (k[0], k[1])))
      return [out.v.0, out.v.1, out.v.2, out.v.3]
    }
    #expect(block([0, 0, 0, 0], [0, 0]) == [0x6627_e8d5, 0xe169_c58d, 0xbc57_ac4c, 0x9b00_dbd8])
    #expect(block([.max, .max, .max, .max], [.max, .max]) == [0x408f_276d, 0x41c8_3b0e, 0xa20b_c7c6, 0x6d54_51fd])
    #expect(block([0x243f_6a88, 0x85a3_08d3, 0x1319_8a2e, 0x0370_7344], [0xa409_3822, 0x299f_31d0])
            == [0xd16c_fe09, 0x94fd_cceb, 0x5001_e420, 0x2412_6ea1])
  }

  /// A stream's first block is Philox at counter (1, replication + 1, index + 1, purpose·2²⁴ + day)
  /// under the key (low, high half of the master seed), read from the top word down: the layout
  /// `Docs/randomness.md` documents.
  @Test func aStreamReadsTheCountersItsKeyNames() {
    let master: UInt64 = 0x0123_4567_89ab_cdef
    let key = StreamKey(master: master, replication: 5, purpose: .patience, index: 2, day: 3)
    let stream = RandomStream(key: key)
    let expected = philox4x32_R(
      10, philox4x32_ctr_t(v: (1, 6, 3, UInt32(StreamPurpose.patience.rawValue) << 24 | 3)),
      philox4x32_key_t(v: (0x89ab_cdef, 0x0123_4567)))
    let drawn = (0..<4).map { _ in ccsim_philox_next(stream.rng) }
    #expect(drawn == [expected.v.3, expected.v.2, expected.v.1, expected.v.0])
  }

  /// GSL's samplers go through the adapter's function pointer, uniforms and exponentials through the
  /// inlined path: on two streams with one key, 10 000 outputs of each agree exactly.
  @Test func theInlinedPathDrawsWhatGSLsAdapterDraws() {
    let key = StreamKey(master: 99, replication: 0, purpose: .arrivals, index: 0)
    let inlined = RandomStream(key: key), adapted = RandomStream(key: key)
    for _ in 0..<10_000 {
      #expect(inlined.uniform() == gsl_rng_uniform_pos(adapted.rng))
    }
    #expect(String(cString: gsl_rng_name(adapted.rng)) == "ccsim_philox_gsl")
  }

  /// Changing any one component of a key gives a different stream (no two of these 6 keys share
  /// any of their first 64 outputs, which a coincidence of streams would).
  @Test func keysDifferingInAnyComponentGiveDifferentStreams() {
    let keys = [
      StreamKey(master: 7, replication: 2, purpose: .handleTime, index: 1, day: 0),
      StreamKey(master: 8, replication: 2, purpose: .handleTime, index: 1, day: 0),
      StreamKey(master: 7, replication: 3, purpose: .handleTime, index: 1, day: 0),
      StreamKey(master: 7, replication: 2, purpose: .patience, index: 1, day: 0),
      StreamKey(master: 7, replication: 2, purpose: .handleTime, index: 2, day: 0),
      StreamKey(master: 7, replication: 2, purpose: .handleTime, index: 1, day: 1),
    ]
    #expect(Set(keys).count == keys.count)
    let outputs = keys.map { key in
      let stream = RandomStream(key: key)
      return Set((0..<64).map { _ in ccsim_philox_next(stream.rng) })
    }
    for i in outputs.indices {
      for j in outputs.indices where j > i {
        #expect(outputs[i].isDisjoint(with: outputs[j]), "streams \(i) and \(j) share outputs")
      }
    }
    // Index 0 of replication 0 (words that would be 0 without the +1) moves like any other stream.
    let zero = RandomStream(key: StreamKey(master: 0, replication: 0, purpose: .arrivals, index: 0))
    let first = (0..<8).map { _ in ccsim_philox_next(zero.rng) }
    let again = RandomStream(key: StreamKey(master: 0, replication: 0, purpose: .arrivals, index: 0))
    #expect((0..<8).map { _ in ccsim_philox_next(again.rng) } == first)
  }

  /// 1 000 streams (replications 0…999, one purpose) of 1 000 uniforms each, concatenated: the
  /// chi-square statistic over 100 equal bins lies between the 0.1% and 99.9% quantiles of χ²(99)
  /// (61.14 and 148.23, scipy.stats.chi2.ppf), and the lag-1 serial correlation — within a stream,
  /// and across the seam from one stream to the next — is within 4 standard errors (4/√n) of 0.
  @Test func concatenatedStreamsAreUniformAndUncorrelated() {
    let streams = 1_000, draws = 1_000, bins = 100
    var counts = [Int](repeating: 0, count: bins)
    var values: [Double] = []
    values.reserveCapacity(streams * draws)
    for r in 0..<streams {
      let stream = RandomStream(key: StreamKey(master: 2026, replication: r, purpose: .outcome, index: 4))
      for _ in 0..<draws {
        let u = stream.uniform()
        counts[min(Int(u * Double(bins)), bins - 1)] += 1
        values.append(u)
      }
    }
    let expected = Double(streams * draws) / Double(bins)
    let chiSquare = counts.reduce(0) { $0 + (Double($1) - expected) * (Double($1) - expected) / expected }
    #expect(chiSquare > 61.14 && chiSquare < 148.23, "χ² = \(chiSquare) with 99 degrees of freedom")
    let n = Double(values.count - 1)
    var sum = 0.0
    for i in 1..<values.count { sum += (values[i - 1] - 0.5) * (values[i] - 0.5) }
    let correlation = sum / n / (1.0 / 12)
    #expect(abs(correlation) < 4 / n.squareRoot(), "lag-1 correlation \(correlation)")
    // Stream r's j-th draw against stream r + 1's j-th draw: neighbouring keys are independent.
    var across = 0.0
    for r in 0..<(streams - 1) {
      for j in 0..<draws { across += (values[r * draws + j] - 0.5) * (values[(r + 1) * draws + j] - 0.5) }
    }
    let m = Double((streams - 1) * draws)
    #expect(abs(across / m / (1.0 / 12)) < 4 / m.squareRoot(), "correlation across neighbouring streams")
  }
}
