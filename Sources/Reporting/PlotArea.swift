/// The rectangle a chart plots in, with the scales of its axes: the one place where a value
/// becomes a pixel, and the marks drawn across the plot (reference lines, a zero line, error
/// bars) that every chart places the same way.
///
///     let plot = PlotArea(frame, y: yScale)
///     plot.y(80)                       // pixel row of the value 80 (clamped to the scale)
///     plot.whisker(x: 120, lower: 70, upper: 90, color: ChartColor.axis)
///
/// Rows grow downwards in SVG, so the bottom of the plot is the scale's lower end. A scale of zero
/// width puts every value in the middle.
struct PlotArea {
  let left: Double, right: Double, top: Double, bottom: Double
  /// The horizontal scale of a chart over numbers (time of day, cost); `nil` over categories.
  let xScale: AxisScale?
  /// The left-hand scale.
  let yScale: AxisScale
  /// The right-hand scale, for series on the secondary axis.
  let secondaryYScale: AxisScale?

  init(_ frame: ChartFrame, x: AxisScale? = nil, y: AxisScale, secondaryY: AxisScale? = nil) {
    (left, right, top, bottom) = (frame.plotLeft, frame.plotRight, frame.plotTop, frame.plotBottom)
    (xScale, yScale, secondaryYScale) = (x, y, secondaryY)
  }

  /// Where `value` falls between the pixels `start` (the scale's lower end) and `end` (its upper
  /// end); with `clamped`, values outside the scale stop at its ends.
  static func pixel(_ value: Double, on scale: AxisScale, from start: Double, to end: Double, clamped: Bool) -> Double {
    let span = scale.upper - scale.lower
    let value = clamped ? min(max(value, scale.lower), scale.upper) : value
    return start - (span > 0 ? (value - scale.lower) / span : 0.5) * (start - end)
  }

  /// The pixel column of `value` on the x scale (not clamped: a step may end past the last tick).
  func x(_ value: Double) -> Double {
    guard let xScale else { preconditionFailure("a chart over categories has no x scale") }
    return Self.pixel(value, on: xScale, from: left, to: right, clamped: false)
  }

  /// The pixel row of `value` on the left scale, or on the right one (when there is one) for
  /// `secondary`; clamped to the scale.
  func y(_ value: Double, secondary: Bool = false) -> Double {
    let scale = secondary ? (secondaryYScale ?? yScale) : yScale
    return Self.pixel(value, on: scale, from: bottom, to: top, clamped: true)
  }

  /// Path data of a line across the plot at pixel row `row`.
  func across(atRow row: Double) -> String {
    "M\(Markup.coordinate(left)),\(Markup.coordinate(row))H\(Markup.coordinate(right))"
  }

  /// A target or baseline across the plot, dashed in its style (without its label).
  func referenceLine(_ line: LineChart.ReferenceLine) -> String {
    SVG.element("path", ["class": "reference", "d": across(atRow: y(line.value, secondary: line.onSecondaryAxis)),
                         "stroke": line.style.color, "stroke-width": "1.5", "stroke-dasharray": line.style.dash, "fill": "none"])
  }

  /// A solid line at zero on the left scale, in `cssClass` when given.
  func zeroLine(cssClass: String? = nil) -> String {
    SVG.element("path", ["class": cssClass, "d": across(atRow: y(0)), "stroke": ChartColor.axis])
  }

  /// A vertical error bar with caps at column `x`, from `lower` to `upper` on the left scale.
  func whisker(x: Double, lower: Double, upper: Double, color: String) -> String {
    let (cx, a, b) = (Markup.coordinate(x), Markup.coordinate(y(lower)), Markup.coordinate(y(upper)))
    return SVG.element("path", ["class": "whisker", "d": "M\(cx),\(a)V\(b)M\(Markup.coordinate(x - 5)),\(a)h10M\(Markup.coordinate(x - 5)),\(b)h10",
                                "stroke": color, "stroke-width": "1.5", "fill": "none"])
  }
}
