/// One entry of a chart's legend.
struct LegendEntry {
  enum Symbol {
    /// A line sample (with a shaded band behind it, and a marker on it).
    case line(band: Bool, marker: Bool)
    /// A filled box (bars) in the fill of series `series` (see ``ChartFrame/patterns(_:)``).
    case box(series: Int)
    /// A marker with a whisker (an estimate with its interval).
    case dot(whisker: Bool)
    /// A shaded box alone (what shaded bands mean).
    case band
  }

  var label: String
  var style: SeriesStyle
  var symbol: Symbol

}

extension LegendEntry {
  /// The entry of a reference line: its label beside a sample of its dashes.
  init(reference line: LineChart.ReferenceLine) {
    self.init(label: line.label, style: line.style, symbol: .line(band: false, marker: false))
  }

  /// The entry that says what error bars are.
  static let errorBar = LegendEntry(label: "error bar: 95% confidence interval", style: SeriesStyle(color: ChartColor.axis, marker: .none),
                                    symbol: .dot(whisker: true))
}

/// # Inline SVG charts
///
/// `report.html` draws its charts as inline SVG written here by hand: ``LineChart`` (lines and
/// steps with confidence bands, a second y axis, target lines; also a cost–service frontier),
/// ``BarChart`` (stacked or grouped bars, for a cost breakdown) and ``DotChart`` (estimates with
/// error bars: percentiles, KPIs and their differences). No Swift package renders SVG charts
/// server-side — JohnSundell/Plot, for one, is only an HTML DSL — and a JavaScript charting
/// library would make the page depend on a script (and on a copy of it) to show anything, so the
/// charts are plain markup that any browser shows offline, prints, and that a test can read.
///
/// Every chart is deterministic (the same input gives the same bytes: no random ids, no dates,
/// numbers written by ``Markup``, not by the locale) and accessible: an
/// `<svg role="img" aria-labelledby="…">` with a `<title>` and a `<desc>`, the title also drawn at
/// the top, axis titles with units, round tick values, a legend, and the Okabe–Ito palette with a
/// dash pattern, marker or fill pattern per series so that no series depends on colour alone.
/// All text is escaped: ids come from user files.
///
/// This type is the layout every chart shares: title, legend, plot area and the margins for the
/// axes.
struct ChartFrame {
  static let fontFamily = "system-ui, -apple-system, &#39;Segoe UI&#39;, Roboto, &#39;DejaVu Sans&#39;, sans-serif"
  static let tickFont = 12.0, titleFont = 15.0, axisTitleFont = 13.0, legendFont = 12.0

  /// An estimate of the width of `text` in pixels at `size` (generous, so labels do not collide
  /// in wide fonts such as DejaVu Sans).
  static func textWidth(_ text: String, size: Double) -> Double {
    var width = 0.0
    for character in text {
      width += character.isUppercase ? 0.72 : (character == " " || character == "." || character == ":" ? 0.34 : 0.6)
    }
    return width * size
  }

  /// `text` cut to at most `maximum` characters, with an ellipsis.
  static func shortened(_ text: String, to maximum: Int) -> String {
    text.count <= maximum ? text : String(text.prefix(maximum - 1)) + "…"
  }

  /// Greedy word wrap to `width` pixels, at most `lines` lines (the last one shortened).
  static func wrap(_ text: String, width: Double, size: Double, lines maximum: Int) -> [String] {
    var lines: [String] = []
    var current = ""
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
      let candidate = current.isEmpty ? String(word) : current + " " + word
      if textWidth(candidate, size: size) <= width || current.isEmpty {
        current = candidate
      } else {
        lines.append(current)
        current = String(word)
      }
    }
    if !current.isEmpty || lines.isEmpty { lines.append(current) }
    if lines.count > maximum {
      let kept = lines.prefix(maximum - 1)
      let rest = lines.dropFirst(maximum - 1).joined(separator: " ")
      let characters = Int(width / (size * 0.6))
      lines = Array(kept) + [shortened(rest, to: max(characters, 4))]
    }
    return lines
  }

  let id: String
  let title: String
  let description: String
  let width: Double
  let height: Double
  let titleLines: [String]
  /// Legend entries with their position (x, y of the row's middle).
  let legend: [(entry: LegendEntry, x: Double, y: Double)]
  let plotLeft: Double, plotRight: Double, plotTop: Double, plotBottom: Double
  let leftTitle: String
  let rightTitle: String?
  let bottomTitle: String
  /// Where the bottom axis title's baseline is.
  let bottomTitleY: Double

  /// The frame `request` asks for, with `bottomBlock` px of x tick labels below the plot, and
  /// room for the last of them to stick out `rightOverhang` px right of the plot.
  init(_ request: ChartFrameRequest, bottomBlock: Double, rightOverhang: Double = 0) {
    (id, title, description, width) = (request.caption.id, request.caption.title, request.description, request.caption.width)
    (leftTitle, rightTitle, bottomTitle) = (request.leftTitle, request.rightTitle, request.bottomTitle)
    let (legend, leftLabels, rightLabels, plotHeight) = (request.legend, request.leftLabels, request.rightLabels, request.caption.plotHeight)
    titleLines = Self.wrap(title, width: width - 24, size: Self.titleFont, lines: 2)
    var y = 12 + Double(titleLines.count) * 20 + 4
    // Legend: entries left to right, wrapping to new rows.
    var placed: [(LegendEntry, Double, Double)] = []
    var x = 12.0
    let rowHeight = 20.0
    if !legend.isEmpty { y += rowHeight / 2 }
    for entry in legend {
      let label = Self.shortened(entry.label, to: 70)
      let entryWidth = 30 + 6 + Self.textWidth(label, size: Self.legendFont) + 18
      if x > 12 && x + entryWidth > width - 12 {
        x = 12
        y += rowHeight
      }
      placed.append((LegendEntry(label: label, style: entry.style, symbol: entry.symbol), x, y))
      x += entryWidth
    }
    self.legend = placed.map { (entry: $0.0, x: $0.1, y: $0.2) }
    if !legend.isEmpty { y += rowHeight / 2 }
    plotTop = y + 16
    let leftWidth = leftLabels.map { Self.textWidth($0, size: Self.tickFont) }.max() ?? 0
    plotLeft = 12 + 18 + 8 + leftWidth + 8
    if rightTitle != nil {
      let rightWidth = rightLabels.map { Self.textWidth($0, size: Self.tickFont) }.max() ?? 0
      plotRight = width - (12 + 18 + 8 + rightWidth + 8)
    } else {
      plotRight = width - max(16, rightOverhang + 6)
    }
    plotBottom = plotTop + plotHeight
    bottomTitleY = plotBottom + 6 + bottomBlock + 18
    height = (bottomTitleY + 12).rounded(.up)
  }

  /// The whole chart: `<svg>` with its accessible name and description, a white background, the
  /// visible title, the legend, then `body` (what the chart draws in and around its plot).
  func svg(kind: String, body: String) -> String {
    let (c, w, h) = (Markup.coordinate, Markup.coordinate(width), Markup.coordinate(height))
    var out = SVG.element("title", ["id": "\(id)-title"], content: Markup.escape(title))
    out += SVG.element("desc", ["id": "\(id)-desc"], content: Markup.escape(description))
    out += SVG.element("rect", ["width": "100%", "height": "100%", "fill": ChartColor.background])
    for (index, line) in titleLines.enumerated() {
      out += SVG.text(line, ["x": "12", "y": c(26 + Double(index) * 20), "font-size": c(Self.titleFont), "font-weight": "600",
                             "fill": ChartColor.text])
    }
    if !legend.isEmpty {
      out += SVG.element("g", ["class": "legend"], content: legend.map { legendItem($0.entry, x: $0.x, y: $0.y) }.joined())
    }
    return SVG.element("svg", ["xmlns": "http://www.w3.org/2000/svg", "id": id, "class": "chart chart-\(kind)", "role": "img",
                               "aria-labelledby": "\(id)-title \(id)-desc", "viewBox": "0 0 \(w) \(h)", "width": w, "height": h,
                               "font-family": Self.fontFamily, "font-size": c(Self.tickFont)],
                       content: out + body)
  }

  private func legendItem(_ entry: LegendEntry, x: Double, y: Double) -> String {
    let style = entry.style
    let c = Markup.coordinate
    func swatch(opacity: String) -> String {
      SVG.element("rect", ["x": c(x), "y": c(y - 7), "width": "30", "height": "14", "fill": style.color, "fill-opacity": opacity])
    }
    var out = ""
    switch entry.symbol {
    case .line(let band, let marker):
      if band { out += swatch(opacity: "0.2") }
      out += SVG.element("path", ["d": "M\(c(x)),\(c(y))h30", "stroke": style.color, "stroke-width": "2.5", "fill": "none",
                                  "stroke-dasharray": style.dash.isEmpty ? nil : style.dash])
      if marker { out += ChartShapes.marker(style.marker, x: x + 15, y: y, size: 3.5, color: style.color) }
    case .band:
      out += swatch(opacity: "0.25")
    case .box(let series):
      out += SVG.element("rect", ["x": c(x + 4), "y": c(y - 7), "width": "22", "height": "14", "fill": "url(#\(id)-fill-\(series))",
                                  "stroke": ChartColor.axis, "stroke-width": "0.5"])
    case .dot(let whisker):
      if whisker {
        out += SVG.element("path", ["d": "M\(c(x + 15)),\(c(y - 7))v14M\(c(x + 11)),\(c(y - 7))h8M\(c(x + 11)),\(c(y + 7))h8",
                                    "stroke": style.color, "stroke-width": "1.5", "fill": "none"])
      }
      out += ChartShapes.marker(style.marker == .none ? .circle : style.marker, x: x + 15, y: y, size: 4, color: style.color)
    }
    return out + SVG.text(entry.label, ["x": c(x + 36), "y": c(y + 4), "font-size": c(Self.legendFont), "fill": ChartColor.text])
  }

  /// Horizontal grid lines and the left axis (ticks and labels) of `plot`'s left scale.
  func leftAxis(_ plot: PlotArea) -> String {
    let scale = plot.yScale
    let grid = scale.ticks.map { SVG.element("path", ["d": plot.across(atRow: plot.y($0))]) }.joined()
    let labels = zip(scale.ticks, scale.labels).map { tick, label in
      SVG.text(label, ["x": Markup.coordinate(plotLeft - 8), "y": Markup.coordinate(plot.y(tick) + 4)])
    }.joined()
    return SVG.element("g", ["class": "grid", "stroke": ChartColor.grid, "stroke-width": "1"], content: grid)
      + SVG.element("g", ["class": "y-axis", "fill": ChartColor.axis, "text-anchor": "end"], content: labels)
      + axisTitle(leftTitle, x: 12 + 13, rotate: -90)
  }

  /// The right axis (ticks and labels, no grid lines) of `plot`'s right scale.
  func rightAxis(_ plot: PlotArea) -> String {
    guard let scale = plot.secondaryYScale else { return "" }
    let c = Markup.coordinate
    var out = ""
    for (tick, label) in zip(scale.ticks, scale.labels) {
      let row = plot.y(tick, secondary: true)
      out += SVG.element("path", ["d": "M\(c(plotRight)),\(c(row))h4", "stroke": ChartColor.axis])
      out += SVG.text(label, ["x": c(plotRight + 8), "y": c(row + 4)])
    }
    out += SVG.element("path", ["d": "M\(c(plotRight)),\(c(plotTop))V\(c(plotBottom))", "stroke": ChartColor.axis])
    return SVG.element("g", ["class": "y2-axis", "fill": ChartColor.axis, "text-anchor": "start"], content: out)
      + axisTitle(rightTitle ?? "", x: width - 12 - 4, rotate: 90)
  }

  /// The bottom axis of a chart over numbers: a tick mark and label at each tick of `plot`'s x scale.
  func bottomAxis(_ plot: PlotArea) -> String {
    guard let scale = plot.xScale else { return "" }
    let c = Markup.coordinate
    var out = ""
    for (tick, label) in zip(scale.ticks, scale.labels) {
      let column = c(plot.x(tick))
      out += SVG.element("path", ["d": "M\(column),\(c(plotBottom))v5", "stroke": ChartColor.axis])
      out += SVG.text(label, ["x": column, "y": c(plotBottom + 19)])
    }
    return SVG.element("g", ["class": "x-axis", "fill": ChartColor.axis, "text-anchor": "middle"], content: out)
  }

  private func axisTitle(_ text: String, x: Double, rotate: Int) -> String {
    let middle = (plotTop + plotBottom) / 2
    let available = plotBottom - plotTop + 40
    let label = Self.wrap(text, width: available, size: Self.axisTitleFont, lines: 1)[0]
    return SVG.text(label, ["class": "axis-title", "transform": "translate(\(Markup.coordinate(x)),\(Markup.coordinate(middle))) rotate(\(rotate))",
                            "text-anchor": "middle", "font-size": Markup.coordinate(Self.axisTitleFont), "fill": ChartColor.text])
  }

  /// The bottom and left axis lines and the bottom axis title.
  func axisLines() -> String {
    let c = Markup.coordinate
    return SVG.element("path", ["class": "axis-line", "d": "M\(c(plotLeft)),\(c(plotTop))V\(c(plotBottom))H\(c(plotRight))",
                                "stroke": ChartColor.axis, "fill": "none"])
      + SVG.text(bottomTitle, ["class": "axis-title", "x": c((plotLeft + plotRight) / 2), "y": c(bottomTitleY), "text-anchor": "middle",
                               "font-size": c(Self.axisTitleFont), "fill": ChartColor.text])
  }

  /// The fill of each series' bars, `<id>-fill-<series index>`: its colour and pattern.
  func patterns(_ styles: [SeriesStyle]) -> String {
    guard !styles.isEmpty else { return "" }
    return SVG.element("defs", [:], content: styles.indices.map {
      ChartShapes.pattern(id: "\(id)-fill-\($0)", index: styles[$0].pattern, color: styles[$0].color)
    }.joined())
  }
}

/// A value with an optional interval around it: a mean and its confidence interval.
public struct ChartEstimate: Hashable, Sendable {
  public var value: Double
  public var lower: Double?
  public var upper: Double?

  public init(_ value: Double, lower: Double? = nil, upper: Double? = nil) {
    self.value = value
    self.lower = lower
    self.upper = upper
  }

  /// `value ± halfWidth` (no interval when `halfWidth` is `nil`).
  public init(_ value: Double, halfWidth: Double?) {
    self.init(value, lower: halfWidth.map { value - $0 }, upper: halfWidth.map { value + $0 })
  }
}
