import Testing
@testable import Reporting

@Suite struct ChartTests {
  @Test func escapingNeutralisesMarkupAmpersandsAndQuotes() {
    #expect(Markup.escape(#"<script>alert("x") & 'y'</script>"#)
            == "&lt;script&gt;alert(&quot;x&quot;) &amp; &#39;y&#39;&lt;/script&gt;")
    #expect(Markup.escape("a\u{0}b\u{1B}c\td") == "a\u{FFFD}b\u{FFFD}c\td")
    #expect(Markup.escape("Grüße, 東京") == "Grüße, 東京")
  }

  @Test func identifiersKeepOnlySafeCharacters() {
    #expect(Markup.identifier("chart", "SL", 3) == "chart-sl-3")
    #expect(Markup.identifier(#"x" onload="alert(1)"#) == "x-onload-alert-1")
    #expect(Markup.identifier("1st") == "c-1st")
  }

  /// Numbers are written by hand, not by the locale: fixed decimals, rounding half away from zero,
  /// U+2212 for negatives, U+202F between groups of three from 10 000 up.
  @Test(arguments: [
    (value: 12_345.678, decimals: 1, text: "12\u{202F}345.7"),
    (value: 1_234.5, decimals: 0, text: "1235"),
    (value: -2.25, decimals: 1, text: "\u{2212}2.3"),
    (value: -0.04, decimals: 1, text: "0.0"),
    (value: 0.3, decimals: 2, text: "0.30"),
    (value: 1_234_567, decimals: 0, text: "1\u{202F}234\u{202F}567"),
  ])
  func numbersAreWrittenTheSameEverywhere(value: Double, decimals: Int, text: String) {
    #expect(Markup.number(value, decimals: decimals) == text)
  }

  @Test func coordinatesHaveAtMostTwoDecimals() {
    #expect(Markup.coordinate(12.5) == "12.5")
    #expect(Markup.coordinate(-3) == "-3")
    #expect(Markup.coordinate(0.071) == "0.07")
    #expect(Markup.coordinate(1.0 / 3) == "0.33")
    #expect(Markup.coordinate(2.999) == "3")
  }

  /// Ticks are 1, 2, 2.5 or 5 times a power of ten, cover the data, and are no more than asked for;
  /// labels are exact (0.3, never 0.30000000000000004).
  @Test(arguments: [
    (lower: 0.0, upper: 87.0, labels: ["0", "20", "40", "60", "80", "100"]),
    (lower: 0.0, upper: 0.7, labels: ["0.0", "0.2", "0.4", "0.6", "0.8"]),
    (lower: 0.0, upper: 0.3, labels: ["0.0", "0.1", "0.2", "0.3"]),
    (lower: 0.0, upper: 1_234.0, labels: ["0", "250", "500", "750", "1000", "1250"]),
    (lower: -3.2, upper: 7.9, labels: ["\u{2212}5", "0", "5", "10"]),
    (lower: 0.0, upper: 0.0, labels: ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
    (lower: 0.0, upper: 12_000.0, labels: ["0", "2500", "5000", "7500", "10\u{202F}000", "12\u{202F}500"]),
  ])
  func ticksAreRoundNumbers(lower: Double, upper: Double, labels: [String]) {
    let scale = AxisScale.nice(lower: lower, upper: upper, maximumTicks: 6)
    #expect(scale.labels == labels)
    #expect(scale.lower <= lower && scale.upper >= upper)
  }

  @Test func ticksStayRoundForAnyRange() {
    var seed: UInt64 = 12_345
    func next() -> Double {   // a fixed linear congruential sequence: the test always checks the same ranges
      seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(seed >> 11) / Double(1 << 53)
    }
    for _ in 0..<500 {
      let magnitude = [0.001, 1, 37, 1e4, 2.5e6][Int(next() * 5)]
      let a = (next() - 0.3) * magnitude, b = a + next() * magnitude
      let count = 3 + Int(next() * 8)
      let scale = AxisScale.nice(lower: a, upper: b, maximumTicks: count)
      #expect(scale.ticks.count >= 2 && scale.ticks.count <= count)
      #expect(scale.ticks.first! <= a && scale.ticks.last! >= b)
      let step = scale.ticks[1] - scale.ticks[0]
      var mantissa = step
      while mantissa >= 10 { mantissa /= 10 }
      while mantissa < 1 { mantissa *= 10 }
      #expect([1, 2, 2.5, 5, 10].contains { abs(mantissa - $0) < 1e-6 }, "step \(step) for \(a)...\(b)")
    }
  }

  @Test func clockTicksFallOnWholeHours() {
    let scale = AxisScale.clock(from: 8 * 3600, to: 22 * 3600, maximumTicks: 8)
    #expect(scale.labels == ["08:00", "10:00", "12:00", "14:00", "16:00", "18:00", "20:00", "22:00"])
    let quarter = AxisScale.clock(from: 8 * 3600 + 600, to: 9 * 3600 + 600, maximumTicks: 6)
    #expect(quarter.labels == ["08:15", "08:30", "08:45", "09:00"])
  }

  private func lineChart(_ values: [Double?], interpolation: LineChart.Interpolation = .linear) -> String {
    LineChart(id: "gap", title: "Gaps", description: "A test.", x: ChartAxis(title: "Hour (h)"),
              y: ChartAxis(title: "Value (units)"),
              series: [LineChart.Series(
                name: "values", points: values.enumerated().map { LineChart.Point(x: Double($0), y: $1, lower: $1.map { $0 - 1 },
                                                                                    upper: $1.map { $0 + 1 }) },
                interpolation: interpolation)]).svg()
  }

  /// An undefined value breaks the line and its band in two; it is not drawn as zero.
  @Test func aMissingValueBreaksTheLine() throws {
    let svg = lineChart([1, 2, nil, 3, 4])
    let line = try #require(paths("series", in: svg).first)
    #expect(line.filter { $0 == "M" }.count == 2)
    #expect(line.filter { $0 == "L" }.count == 2)
    let band = try #require(paths("band", in: svg).first)
    #expect(band.filter { $0 == "M" }.count == 2 && band.filter { $0 == "Z" }.count == 2)
    #expect(svg.contains("undefined at 1 of 5 points (gaps)"))
    let whole = try #require(paths("series", in: lineChart([1, 2, 3, 4])).first)
    #expect(whole.filter { $0 == "M" }.count == 1)
  }

  @Test func aMissingValueBreaksAStepLine() throws {
    let steps = try #require(paths("series", in: lineChart([1, 2, nil, 3, 4], interpolation: .step(width: 1))).first)
    #expect(steps.filter { $0 == "M" }.count == 2)
    let joined = try #require(paths("series", in: lineChart([1, 2, 3], interpolation: .step(width: 1))).first)
    #expect(joined.filter { $0 == "M" }.count == 1 && joined.filter { $0 == "V" }.count == 2)
  }

  /// An isolated value (both neighbours missing) still shows, as a marker.
  @Test func anIsolatedValueGetsAMarker() {
    let svg = lineChart([nil, 2, nil])
    #expect(svg.contains("<g class=\"markers\"><circle"))
  }

  @Test func everyChartIsAnAccessibleImage() {
    let charts = [
      lineChart([1, 2, 3]),
      BarChart(id: "bars", title: "Bars <&>", description: "d", categories: ["a", "b"], categoryTitle: "Thing",
               y: ChartAxis(title: "Cost (EUR)"), series: [BarChart.Series(name: "x", values: [1, nil])]).svg(),
      DotChart(id: "dots", title: "Dots", description: "d", categories: ["a"], categoryTitle: "Thing",
               y: ChartAxis(title: "Wait (s)"), series: [DotChart.Series(name: "x", values: [ChartEstimate(3, halfWidth: 1)])]).svg(),
    ]
    for svg in charts {
      let id = svg.components(separatedBy: " id=\"")[1].prefix { $0 != "\"" }
      #expect(svg.hasPrefix("<svg "))
      #expect(svg.contains("role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\""))
      #expect(svg.contains("<title id=\"\(id)-title\">") && svg.contains("<desc id=\"\(id)-desc\">"))
      #expect(svg.contains("class=\"legend\""))
    }
    #expect(charts[1].contains("<title id=\"bars-title\">Bars &lt;&amp;&gt;</title>"))
  }

  @Test func barsStackAndLeaveUndefinedValuesOut() {
    let chart = BarChart(id: "b", title: "t", description: "d", categories: ["a", "b"], categoryTitle: "c", y: ChartAxis(title: "y"),
                         series: [BarChart.Series(name: "s", values: [2, 5]), BarChart.Series(name: "u", values: [3, nil])])
    let extents = chart.extents()
    #expect(extents[1][0]! == (2, 5))
    #expect(extents[1][1] == nil)
    #expect(chart.totals() == [5, 5])
    #expect(chart.svg().components(separatedBy: "<rect class=\"bar\"").count - 1 == 3)
  }

  /// A right-hand axis whose ticks land on the left axis's grid lines.
  @Test func secondAxisTicksAlignWithTheFirst() {
    let scale = AxisScale.aligned(upper: 37, intervals: 6)
    #expect(scale.labels == ["0", "10", "20", "30", "40", "50", "60"])
    #expect(scale.lower == 0 && scale.upper == 60)
  }
}
