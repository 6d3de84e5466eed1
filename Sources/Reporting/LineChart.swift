import ContactCenterModel

/// A line or step chart of several series over a numeric x axis (time of day, cost), each with an
/// optional confidence band, optionally a second y axis on the right, and horizontal reference
/// lines (targets). Missing values (`nil`) leave gaps: the line is broken there, never drawn to
/// zero.
///
///     let chart = LineChart(
///       id: "sl-1", title: "Service level per interval, billing",
///       description: "Mean over 30 replications with its 95% confidence band.",
///       x: ChartAxis(title: "Time of day", ticks: .clock),
///       y: ChartAxis(title: "Service level (%)", range: 0...100),
///       series: [LineChart.Series(name: "Service level", points: points)],
///       referenceLines: [LineChart.ReferenceLine(value: 80, label: "Target 80%")])
///     let svg = chart.svg()
///
/// For a frontier (cost against service level), use a ``ChartAxis/Ticks/numbers`` x axis with
/// `includesZero: false` and series with markers.
public struct LineChart: CaptionedChart, Hashable, Sendable {
  /// A data point: `y` at `x`, and the band `lower...upper` around it (each `nil` where undefined).
  public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double?
    public var lower: Double?
    public var upper: Double?

    public init(x: Double, y: Double?, lower: Double? = nil, upper: Double? = nil) {
      self.x = x
      self.y = y
      self.lower = lower
      self.upper = upper
    }
  }

  /// How consecutive points are joined.
  public enum Interpolation: Hashable, Sendable {
    /// Straight lines between points (a value measured at `x`).
    case linear
    /// Each value holds from its `x` to `x + width` (a value per interval starting at `x`); two
    /// points join when one's interval ends where the next begins.
    case step(width: Double)
    /// Markers only (a scatter).
    case markers
  }

  /// A named series of points in ascending `x`.
  public struct Series: Hashable, Sendable {
    public var name: String
    public var points: [Point]
    public var interpolation: Interpolation
    /// Plotted against the right-hand axis (``LineChart/secondaryY``).
    public var onSecondaryAxis: Bool
    /// Whether to draw a marker at each point (isolated points always get one).
    public var showsMarkers: Bool
    /// `nil`: the chart's next standard style.
    public var style: SeriesStyle?
    /// Decimals of the values in tooltips and the description.
    public var decimals: Int

    public init(name: String, points: [Point], interpolation: Interpolation = .linear, onSecondaryAxis: Bool = false,
                showsMarkers: Bool = false, style: SeriesStyle? = nil, decimals: Int = 1) {
      (self.name, self.points, self.interpolation) = (name, points, interpolation)
      (self.onSecondaryAxis, self.showsMarkers, self.style, self.decimals) = (onSecondaryAxis, showsMarkers, style, decimals)
    }
  }

  /// A horizontal line across the plot at `value` (of the left axis, or the right one), labelled
  /// at its right end and in the legend.
  public struct ReferenceLine: Hashable, Sendable {
    public var value: Double
    public var label: String
    public var onSecondaryAxis: Bool
    public var style: SeriesStyle

    public init(value: Double, label: String, onSecondaryAxis: Bool = false, style: SeriesStyle = .reference) {
      self.value = value
      self.label = label
      self.onSecondaryAxis = onSecondaryAxis
      self.style = style
    }
  }

  /// A span of the x axis (a planning interval) with a label; hovering over it shows every
  /// series' value in it as a tooltip.
  public struct Column: Hashable, Sendable {
    public var range: ClosedRange<Double>
    public var label: String

    public init(range: ClosedRange<Double>, label: String) {
      self.range = range
      self.label = label
    }
  }

  /// Id, title, description (the lowest and highest value of each series are appended) and size.
  public var caption: ChartCaption
  public var x: ChartAxis
  public var y: ChartAxis
  /// The right-hand axis, for series with ``Series/onSecondaryAxis``. When both axes start at
  /// zero, its ticks are chosen to fall on the left axis's grid lines.
  public var secondaryY: ChartAxis?
  public var series: [Series]
  public var referenceLines: [ReferenceLine]
  public var columns: [Column]
  /// What the shaded bands are, as the legend says it.
  public var bandLabel: String

  public init(id: String, title: String, description: String, x: ChartAxis, y: ChartAxis, secondaryY: ChartAxis? = nil,
              series: [Series], referenceLines: [ReferenceLine] = [], columns: [Column] = [],
              bandLabel: String = "shaded: 95% confidence interval", width: Double = 880, plotHeight: Double = 240) {
    caption = ChartCaption(id: id, title: title, description: description, width: width, plotHeight: plotHeight)
    (self.x, self.y, self.secondaryY) = (x, y, secondaryY)
    (self.series, self.referenceLines, self.columns, self.bandLabel) = (series, referenceLines, columns, bandLabel)
  }

  /// Each series' style: its own, or the next standard one.
  var styles: [SeriesStyle] { series.indices.map { series[$0].style ?? .standard($0) } }

  /// The chart as an `<svg>` element.
  public func svg() -> String {
    // Scales.
    func extent(_ secondary: Bool) -> (Double?, Double?) {
      var values: [Double] = []
      for s in series where s.onSecondaryAxis == secondary {
        for p in s.points { values += [p.y, p.lower, p.upper].compactMap { $0 }.filter(\.isFinite) }
      }
      values += referenceLines.filter { $0.onSecondaryAxis == secondary }.map(\.value).filter(\.isFinite)
      return (values.min(), values.max())
    }
    let xs = series.flatMap { s in
      s.points.flatMap { p -> [Double] in
        if case .step(let width) = s.interpolation { [p.x, p.x + width] } else { [p.x] }
      }
    } + columns.flatMap { [$0.range.lowerBound, $0.range.upperBound] }
    let (left, right) = (extent(false), extent(true))
    let yScale = y.scale(dataLower: left.0, dataUpper: left.1, maximumTicks: caption.maximumYTicks)
    var y2Scale = secondaryY?.scale(dataLower: right.0, dataUpper: right.1, maximumTicks: caption.maximumYTicks)
    if let axis = secondaryY, axis.range == nil, axis.ticks == .numbers, yScale.lower == 0, y2Scale?.lower == 0 {
      y2Scale = AxisScale.aligned(upper: right.1 ?? 1, intervals: yScale.ticks.count - 1)
    }
    // A provisional frame for the plot width, then the x scale with as many ticks as fit.
    let request = ChartFrameRequest(caption: caption, description: fullDescription(), legend: legendEntries(), leftTitle: y.title, leftLabels: yScale.labels, rightTitle: secondaryY?.title,
                                    rightLabels: y2Scale?.labels ?? [], bottomTitle: x.title)
    let provisional = ChartFrame(request, bottomBlock: 16, rightOverhang: 20)
    let sample = x.ticks == .clock ? "00:00" : "00000.0"
    let xTicks = max(2, Int((provisional.plotRight - provisional.plotLeft) / (ChartFrame.textWidth(sample, size: ChartFrame.tickFont) + 24)))
    let xScale = x.scale(dataLower: xs.min(), dataUpper: xs.max(), maximumTicks: xTicks)
    let frame = ChartFrame(request, bottomBlock: 16,
                           rightOverhang: (xScale.labels.last.map { ChartFrame.textWidth($0, size: ChartFrame.tickFont) } ?? 0) / 2)
    let plot = PlotArea(frame, x: xScale, y: yScale, secondaryY: y2Scale)

    var out = frame.leftAxis(plot) + frame.rightAxis(plot) + frame.bottomAxis(plot)
    let styles = styles
    // Bands first, so that lines are drawn over every band; lighter where many overlap.
    let banded = series.filter { $0.points.contains { $0.lower != nil && $0.upper != nil } }.count
    let bandOpacity = banded > 2 ? "0.12" : "0.2"
    for (index, s) in series.enumerated() {
      let d = Self.bandPath(s, x: plot.x) { plot.y($0, secondary: s.onSecondaryAxis) }
      if !d.isEmpty {
        out += SVG.element("path", ["class": "band", "data-series": "\(index)", "d": d, "fill": styles[index].color,
                                    "fill-opacity": bandOpacity, "stroke": "none"])
      }
    }
    for line in referenceLines {
      out += plot.referenceLine(line)
      out += SVG.text(line.label, ["x": Markup.coordinate(plot.right - 4), "y": Markup.coordinate(plot.y(line.value, secondary: line.onSecondaryAxis) - 5),
                                   "text-anchor": "end", "fill": line.style.color, "stroke": ChartColor.background, "stroke-width": "3",
                                   "paint-order": "stroke"])
    }
    for (index, s) in series.enumerated() {
      let style = styles[index]
      let y = { plot.y($0, secondary: s.onSecondaryAxis) }
      if s.interpolation != .markers {
        let d = Self.linePath(s, x: plot.x, y: y)
        if !d.isEmpty {
          out += SVG.element("path", ["class": "series", "data-series": "\(index)", "d": d, "fill": "none", "stroke": style.color,
                                      "stroke-width": "2.2", "stroke-linejoin": "round", "stroke-dasharray": style.dash.isEmpty ? nil : style.dash])
        }
      }
      out += markers(s, style: style, x: plot.x, y: y)
    }
    out += frame.axisLines()
    out += hoverColumns(plot, styles: styles)
    return frame.svg(kind: "line", body: out)
  }

  /// The path of a series: one `M…L…` run per stretch of consecutive defined values.
  static func linePath(_ s: Series, x: (Double) -> Double, y: (Double) -> Double) -> String {
    var d = ""
    var previous: Point?
    for point in s.points {
      guard let value = point.y, value.isFinite else { previous = nil; continue }
      switch s.interpolation {
      case .markers:
        return ""
      case .linear:
        d += (previous == nil ? "M" : "L") + Markup.coordinate(x(point.x)) + "," + Markup.coordinate(y(value))
      case .step(let width):
        let joined = previous.map { abs($0.x + width - point.x) <= 1e-9 * max(1, abs(point.x)) } ?? false
        d += (joined ? "V" + Markup.coordinate(y(value)) : "M" + Markup.coordinate(x(point.x)) + "," + Markup.coordinate(y(value)))
          + "H" + Markup.coordinate(x(point.x + width))
      }
      previous = point
    }
    return d
  }

  /// The band of a series: one closed polygon per stretch of points with both bounds defined.
  static func bandPath(_ s: Series, x: (Double) -> Double, y: (Double) -> Double) -> String {
    var runs: [[Point]] = []
    var current: [Point] = []
    var previous: Point?
    for point in s.points {
      let defined = point.lower.map(\.isFinite) == true && point.upper.map(\.isFinite) == true
      var contiguous = previous != nil
      if case .step(let width) = s.interpolation, let before = previous {
        contiguous = abs(before.x + width - point.x) <= 1e-9 * max(1, abs(point.x))
      }
      if !defined || !contiguous, !current.isEmpty {
        runs.append(current)
        current = []
      }
      if defined { current.append(point) }
      previous = defined ? point : nil
    }
    if !current.isEmpty { runs.append(current) }
    var d = ""
    for run in runs {
      var upper: [(Double, Double)] = [], lower: [(Double, Double)] = []
      for point in run {
        let (high, low) = (y(point.upper!), y(point.lower!))
        if case .step(let width) = s.interpolation {
          upper += [(x(point.x), high), (x(point.x + width), high)]
          lower += [(x(point.x), low), (x(point.x + width), low)]
        } else {
          upper.append((x(point.x), high))
          lower.append((x(point.x), low))
        }
      }
      if run.count == 1, s.interpolation == .linear {   // an isolated point: a thin bar
        upper = [(upper[0].0 - 2, upper[0].1), (upper[0].0 + 2, upper[0].1)]
        lower = [(lower[0].0 - 2, lower[0].1), (lower[0].0 + 2, lower[0].1)]
      }
      let outline = upper + lower.reversed()
      d += "M" + outline.map { Markup.coordinate($0.0) + "," + Markup.coordinate($0.1) }.joined(separator: "L") + "Z"
    }
    return d
  }

  /// Markers: at every point when asked (thinned where they would touch), and at every isolated
  /// point of a linear series.
  private func markers(_ s: Series, style: SeriesStyle, x: (Double) -> Double, y: (Double) -> Double) -> String {
    let defined = s.points.indices.filter { s.points[$0].y?.isFinite == true }
    guard !defined.isEmpty, style.marker != .none || s.interpolation == .markers else { return "" }
    let marker = style.marker == .none ? SeriesStyle.Marker.circle : style.marker
    var every = 1
    if s.showsMarkers && s.interpolation != .markers, defined.count > 1 {
      let spacing = abs(x(s.points[defined.last!].x) - x(s.points[defined.first!].x)) / Double(defined.count - 1)
      every = spacing >= 9 ? 1 : Int((9 / max(spacing, 0.1)).rounded(.up))
    }
    var out = ""
    for (rank, index) in defined.enumerated() {
      let isolated = (index == 0 || s.points[index - 1].y == nil) && (index == s.points.count - 1 || s.points[index + 1].y == nil)
      let wanted = s.interpolation == .markers || (s.showsMarkers && rank % every == 0)
        || (isolated && s.interpolation == .linear)
      guard wanted else { continue }
      var position = s.points[index].x
      if case .step(let width) = s.interpolation { position += width / 2 }
      out += ChartShapes.marker(marker, x: x(position), y: y(s.points[index].y!), size: 3.5, color: style.color)
    }
    return out.isEmpty ? "" : SVG.element("g", ["class": "markers"], content: out)
  }

  /// Invisible columns over the plot whose tooltips list each series' value in them.
  private func hoverColumns(_ plot: PlotArea, styles: [SeriesStyle]) -> String {
    guard !columns.isEmpty else { return "" }
    var out = ""
    for column in columns {
      var lines = [column.label]
      for s in series {
        guard let point = s.points.first(where: { point in
          if case .step = s.interpolation { return point.x == column.range.lowerBound }
          return column.range.contains(point.x)
        }) else { continue }
        lines.append(s.name + ": " + Self.valueText(point, decimals: s.decimals))
      }
      let (left, right) = (plot.x(column.range.lowerBound), plot.x(column.range.upperBound))
      out += SVG.element("rect", ["class": "column", "x": Markup.coordinate(left), "y": Markup.coordinate(plot.top),
                                  "width": Markup.coordinate(max(right - left, 1)), "height": Markup.coordinate(plot.bottom - plot.top),
                                  "fill": ChartColor.black, "fill-opacity": "0", "pointer-events": "all"],
                         content: SVG.tooltip(lines.joined(separator: "\n")))
    }
    return SVG.element("g", ["class": "hover"], content: out)
  }

  /// `12.3 (95% CI 11.0 to 13.6)`, or `undefined`.
  static func valueText(_ point: Point, decimals: Int) -> String {
    guard let value = point.y else { return "undefined" }
    var text = Markup.number(value, decimals: decimals)
    if let lower = point.lower, let upper = point.upper {
      text += " (95% CI \(Markup.number(lower, decimals: decimals)) to \(Markup.number(upper, decimals: decimals)))"
    }
    return text
  }

  private func legendEntries() -> [LegendEntry] {
    let styles = styles
    var entries = series.indices.map { index in
      let s = series[index]
      let band = s.points.contains { $0.lower != nil && $0.upper != nil }
      let axis = secondaryY != nil ? (s.onSecondaryAxis ? " (right axis)" : " (left axis)") : ""
      let symbol: LegendEntry.Symbol = s.interpolation == .markers ? .dot(whisker: false)
        : .line(band: band, marker: s.showsMarkers && styles[index].marker != .none)
      return LegendEntry(label: s.name + axis, style: styles[index], symbol: symbol)
    }
    entries += referenceLines.map(LegendEntry.init(reference:))
    if series.contains(where: { $0.points.contains { $0.lower != nil && $0.upper != nil } }) {
      entries.append(LegendEntry(label: bandLabel, style: SeriesStyle(color: ChartColor.band, marker: .none), symbol: .band))
    }
    return entries
  }

  /// The description, then each series' lowest and highest values and where they are, and
  /// whether values are missing.
  func fullDescription() -> String {
    var parts = [caption.description]
    for s in series {
      let defined = s.points.filter { $0.y?.isFinite == true }
      guard let low = defined.min(by: { $0.y! < $1.y! }), let high = defined.max(by: { $0.y! < $1.y! }) else {
        parts.append("\(s.name): no values.")
        continue
      }
      var text = "\(s.name): lowest \(Markup.number(low.y, decimals: s.decimals)) at \(xText(low.x, s)), "
        + "highest \(Markup.number(high.y, decimals: s.decimals)) at \(xText(high.x, s))"
      if defined.count < s.points.count { text += "; undefined at \(s.points.count - defined.count) of \(s.points.count) points (gaps)" }
      parts.append(text + ".")
    }
    return parts.joined(separator: " ")
  }

  private func xText(_ value: Double, _ s: Series) -> String {
    if let column = columns.first(where: { column in
      if case .step = s.interpolation { return column.range.lowerBound == value }
      return column.range.contains(value)
    }) { return column.label }
    return x.ticks == .clock ? TimeText.clock(value) : Markup.number(value, decimals: 1)
  }
}

extension AxisScale {
  /// A scale from 0 whose `intervals` steps (a round step, {1, 2, 2.5, 5} × 10^k) reach at least
  /// `upper`: a right-hand axis whose ticks fall on the left axis's grid lines.
  static func aligned(upper: Double, intervals: Int) -> AxisScale {
    let intervals = max(intervals, 1)
    let target = upper > 0 && upper.isFinite ? upper : 1
    var candidate = nice(lower: 0, upper: target, maximumTicks: intervals + 1)
    // `nice` may use fewer intervals; stretch its step to `intervals` steps if the labels stay exact.
    let step = candidate.ticks.count > 1 ? candidate.ticks[1] - candidate.ticks[0] : target
    let decimals = candidate.labels.last.map { $0.split(separator: ".").dropFirst().first?.count ?? 0 } ?? 0
    candidate.ticks = (0...intervals).map { Double($0) * step }
    candidate.labels = candidate.ticks.map { Markup.number($0, decimals: decimals) }
    candidate.lower = 0
    candidate.upper = candidate.ticks.last!
    return candidate
  }
}
