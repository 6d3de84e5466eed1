/// Estimates with error bars over categories: a marker at each value and a whisker over its
/// interval (percentiles of the wait with their 95% CIs; KPIs of several plans; paired
/// differences, where a line at zero is drawn when the range crosses it). Several series sit side
/// by side in each category, each with its own colour and marker shape. A `nil` estimate draws
/// nothing.
///
///     DotChart(id: "waits", title: "Wait of answered contacts, billing", description: "…",
///              categories: ["p50", "p80", "p90", "p95", "p99"], categoryTitle: "Percentile",
///              y: ChartAxis(title: "Wait (s)"),
///              series: [.init(name: "Wait", values: estimates)])
public struct DotChart: CaptionedChart, Hashable, Sendable {
  /// A named series: one estimate (or `nil`) per category.
  public struct Series: Hashable, Sendable {
    public var name: String
    public var values: [ChartEstimate?]
    public var style: SeriesStyle?

    public init(name: String, values: [ChartEstimate?], style: SeriesStyle? = nil) {
      (self.name, self.values, self.style) = (name, values, style)
    }
  }

  /// Id, title, description (every estimate is appended) and size.
  public var caption: ChartCaption
  public var categories: [String]
  public var categoryTitle: String
  public var y: ChartAxis
  public var series: [Series]
  /// Horizontal reference lines (a target, a baseline).
  public var referenceLines: [LineChart.ReferenceLine]
  public var decimals: Int

  public init(id: String, title: String, description: String, categories: [String], categoryTitle: String, y: ChartAxis,
              series: [Series], referenceLines: [LineChart.ReferenceLine] = [], decimals: Int = 1, width: Double = 880,
              plotHeight: Double = 220) {
    precondition(series.allSatisfy { $0.values.count == categories.count }, "one estimate per category in every series")
    caption = ChartCaption(id: id, title: title, description: description, width: width, plotHeight: plotHeight)
    (self.categories, self.categoryTitle, self.y) = (categories, categoryTitle, y)
    (self.series, self.referenceLines, self.decimals) = (series, referenceLines, decimals)
  }

  var styles: [SeriesStyle] {
    series.indices.map { index in
      var style = series[index].style ?? .standard(index)
      if style.marker == .none { style.marker = .circle }
      return style
    }
  }

  /// The chart as an `<svg>` element.
  public func svg() -> String {
    let values = (series.flatMap { $0.values.compactMap { $0 } }.flatMap { [$0.value, $0.lower, $0.upper].compactMap { $0 } }
                  + referenceLines.map(\.value)).filter(\.isFinite)
    let yScale = y.scale(dataLower: values.min(), dataUpper: values.max(), maximumTicks: caption.maximumYTicks)
    let styles = styles
    let whiskers = series.contains { $0.values.contains { $0?.lower != nil && $0?.upper != nil } }
    let legend = series.indices.map { LegendEntry(label: series[$0].name, style: styles[$0], symbol: .dot(whisker: whiskers)) }
      + referenceLines.map(LegendEntry.init(reference:))
      + (whiskers ? [.errorBar] : [])
    let bands = ChartFrameRequest(caption: caption, description: fullDescription(), legend: legend, leftTitle: y.title, leftLabels: yScale.labels, bottomTitle: categoryTitle)
      .categoryLayout(categories)
    let plot = PlotArea(bands.frame, y: yScale)
    let dodge = min(22, bands.bandWidth * 0.7 / Double(max(series.count, 1)))

    var out = bands.frame.leftAxis(plot)
    if yScale.lower < 0 && yScale.upper > 0 { out += plot.zeroLine(cssClass: "zero") }
    out += referenceLines.map(plot.referenceLine).joined()
    var estimates = ""
    for (s, item) in series.enumerated() {
      for (index, estimate) in item.values.enumerated() {
        guard let estimate, estimate.value.isFinite else { continue }
        let x = bands.centres[index] + (Double(s) - Double(series.count - 1) / 2) * dodge
        if let lower = estimate.lower, let upper = estimate.upper {
          estimates += plot.whisker(x: x, lower: lower, upper: upper, color: styles[s].color)
        }
        estimates += SVG.element("g", ["class": "estimate", "data-series": "\(s)"],
                                 content: SVG.tooltip("\(item.name), \(categories[index]): \(Self.text(estimate, decimals: decimals))")
                                   + ChartShapes.marker(styles[s].marker, x: x, y: plot.y(estimate.value), size: 4.5, color: styles[s].color))
      }
    }
    out += SVG.element("g", ["class": "estimates"], content: estimates)
    out += bands.labelsSVG + bands.frame.axisLines()
    return bands.frame.svg(kind: "dot", body: out)
  }

  /// `12.3 (95% CI 11.0 to 13.6)`.
  static func text(_ estimate: ChartEstimate, decimals: Int) -> String {
    LineChart.valueText(LineChart.Point(x: 0, y: estimate.value, lower: estimate.lower, upper: estimate.upper), decimals: decimals)
  }

  /// The description, then every estimate (categories without one are left out).
  func fullDescription() -> String {
    var parts = [caption.description]
    for s in series {
      let items = s.values.enumerated().compactMap { index, estimate in
        estimate.map { "\(categories[index]) " + Self.text($0, decimals: decimals) }
      }
      parts.append("\(s.name): " + (items.isEmpty ? "no values" : items.joined(separator: "; ")) + ".")
    }
    return parts.joined(separator: " ")
  }
}
