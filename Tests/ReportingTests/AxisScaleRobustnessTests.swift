import Testing
@testable import Reporting

/// `AxisScale.nice` and `.clock` over ranges a chart of hostile or degenerate data can ask for.
///
/// Before the fix, `nice` trapped three ways: a range narrower than about 10⁻⁹ chose a step
/// whose labels needed more than nine decimals (`Markup.number`'s precondition); a range far from
/// zero for its width (`1e16...1e16 + 2` with many ticks) overflowed `Int` in the step's multiples;
/// and `maximumTicks` below 2 failed a precondition. A range wider than `Double` holds
/// (`-1.7e308...1.7e308`) gave infinite ticks.
@Suite struct AxisScaleRobustnessTests {
  /// The ranges that trapped, each with its ticks as they are now.
  @Test(arguments: [
    (lower: 0.0, upper: 1e-12, maximumTicks: 6, labels: ["0.000000000", "0.000000001"]),
    (lower: 1e-300, upper: 1e-300, maximumTicks: 6, labels: ["0.000000000", "0.000000001"]),
    (lower: 5.0, upper: 5.0, maximumTicks: 1, labels: ["0", "10"]),
  ])
  func niceScaleOverRangesThatUsedToTrap(lower: Double, upper: Double, maximumTicks: Int, labels: [String]) {
    let scale = AxisScale.nice(lower: lower, upper: upper, maximumTicks: maximumTicks)
    #expect(scale.labels == labels)
    Self.checkCovers(scale, lower: lower, upper: upper, maximumTicks: maximumTicks)
  }

  /// Odd ranges of every kind: the ticks are finite, at least two and at most as many as asked
  /// for (two when fewer are asked), ascending, labelled, and cover the range.
  static let oddRanges: [(Double, Double)] = [
    (0.0, 1e-12), (0.0, 2.5e-10), (22.5, 22.5 + 1e-13), (22.5, 22.5), (0.0, 22.5), (-22.5, 22.5), (1e16, 1e16 + 2),
    (1e17, 1e17 + 16), (1e15, 1e15 + 0.125), (-1.7e308, 1.7e308), (1.7e308, 1.7e308), (-1.7e308, -1.7e308),
    (-Double.leastNormalMagnitude / 1024, .leastNonzeroMagnitude), (.leastNonzeroMagnitude, .leastNonzeroMagnitude),
    (.nan, 1), (0, .infinity), (-.infinity, .infinity), (.nan, .nan), (1, 0), (-3.2, 7.9),
  ]

  @Test(arguments: oddRanges, [1, 2, 6, 50])
  func niceScaleCoversAnyRange(bounds: (Double, Double), maximumTicks: Int) {
    let scale = AxisScale.nice(lower: bounds.0, upper: bounds.1, maximumTicks: maximumTicks)
    Self.checkCovers(scale, lower: bounds.0, upper: bounds.1, maximumTicks: maximumTicks)
  }

  /// Random ranges from 10⁻³²⁰ to 10³⁰⁸ in size and offset, from a fixed sequence (the test always
  /// checks the same ranges).
  @Test func niceScaleCoversRandomExtremeRanges() {
    var seed: UInt64 = 225
    func next() -> Double {
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(seed >> 11) / Double(1 << 53)
    }
    func power(_ exponent: Double) -> Double {
      var result = 1.0
      for _ in 0..<Int(exponent.magnitude) { result = exponent < 0 ? result / 10 : result * 10 }
      return result
    }
    for _ in 0..<400 {
      let offset = (next() - 0.5) * power((next() - 0.5) * 600)
      let width = next() * power((next() - 0.6) * 500)
      let count = 1 + Int(next() * 40)
      let scale = AxisScale.nice(lower: offset, upper: offset + width, maximumTicks: count)
      Self.checkCovers(scale, lower: offset, upper: offset + width, maximumTicks: count)
    }
  }

  /// Clock scales over odd ranges: finite ticks inside the range, no more than asked for.
  static let oddClockRanges: [(Double, Double)] = [
    (0.0, 0.0), (30_600.0, 30_622.5), (Double.nan, 3600), (0, Double.infinity), (0, 1e12), (-86_400, 86_400), (1e300, 2e300),
  ]

  @Test(arguments: oddClockRanges)
  func clockScaleNeverTraps(bounds: (Double, Double)) {
    let scale = AxisScale.clock(from: bounds.0, to: bounds.1, maximumTicks: 6)
    #expect(scale.lower.isFinite && scale.upper.isFinite && scale.lower < scale.upper)
    #expect(scale.ticks.count <= 6 && scale.ticks.count == scale.labels.count)
    #expect(scale.ticks.allSatisfy { $0.isFinite && $0 >= scale.lower && $0 <= scale.upper })
  }

  static func checkCovers(_ scale: AxisScale, lower: Double, upper: Double, maximumTicks: Int,
                          sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(scale.ticks.count >= 2 && scale.ticks.count <= max(maximumTicks, 2), "\(scale.ticks)", sourceLocation: sourceLocation)
    #expect(scale.labels.count == scale.ticks.count, sourceLocation: sourceLocation)
    #expect(scale.ticks.allSatisfy(\.isFinite) && scale.lower.isFinite && scale.upper.isFinite, "\(scale)", sourceLocation: sourceLocation)
    #expect(zip(scale.ticks, scale.ticks.dropFirst()).allSatisfy { $0 <= $1 }, "\(scale.ticks)", sourceLocation: sourceLocation)
    #expect(scale.ticks.first == scale.lower && scale.ticks.last == scale.upper, sourceLocation: sourceLocation)
    for bound in [lower, upper] where bound.isFinite && lower.isFinite && upper.isFinite {
      #expect(scale.lower <= bound && bound <= scale.upper, "\(bound) outside \(scale.lower)...\(scale.upper)",
              sourceLocation: sourceLocation)
    }
  }
}
