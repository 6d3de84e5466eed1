/// A bar chart over categories: several series stacked into one bar per category (parts of a
/// whole, such as staff and contact cost) or grouped side by side. Each series has a colour and a
/// fill pattern (plain, hatched, dotted…), so the parts read without colour. Stacked bars carry
/// their total above them, with an error bar when ``totalIntervals`` gives one. A `nil` value draws
/// no bar (undefined is not zero).
///
///     BarChart(id: "cost", title: "Cost of the day", description: "…",
///              categories: ["billing", "sales", "Centre"], categoryTitle: "Contact type",
///              y: ChartAxis(title: "Cost (EUR)"),
///              series: [.init(name: "Staff cost", values: [1200, 800, 2000]),
///                       .init(name: "Contact cost", values: [300, 150, 450])])
public struct BarChart: CaptionedChart, Hashable, Sendable {
  public enum Layout: Hashable, Sendable {
    /// One bar per category, the series on top of each other.
    case stacked
    /// One bar per series in each category, side by side.
    case grouped
  }

  /// A named series: one value per category, and for grouped bars an optional interval each.
  public struct Series: Hashable, Sendable {
    public var name: String
    public var values: [Double?]
    /// Error bars of grouped bars (ignored when stacked); `nil` or shorter than `values`: none.
    public var intervals: [ClosedRange<Double>?]?
    public var style: SeriesStyle?

    public init(name: String, values: [Double?], intervals: [ClosedRange<Double>?]? = nil, style: SeriesStyle? = nil) {
      (self.name, self.values, self.intervals, self.style) = (name, values, intervals, style)
    }
  }

  /// Id, title, description (each category's values are appended) and size.
  public var caption: ChartCaption
  public var categories: [String]
  /// The title of the category axis (what the bars are, "Contact type or agent group").
  public var categoryTitle: String
  public var y: ChartAxis
  public var series: [Series]
  public var layout: Layout
  /// For stacked bars: an interval for each bar's total (its 95% CI), drawn as an error bar.
  public var totalIntervals: [ClosedRange<Double>?]
  /// Decimals of the values written above the bars and in the description.
  public var decimals: Int

  public init(id: String, title: String, description: String, categories: [String], categoryTitle: String, y: ChartAxis,
              series: [Series], layout: Layout = .stacked, totalIntervals: [ClosedRange<Double>?] = [], decimals: Int = 0,
              width: Double = 880, plotHeight: Double = 240) {
    precondition(series.allSatisfy { $0.values.count == categories.count }, "one value per category in every series")
    caption = ChartCaption(id: id, title: title, description: description, width: width, plotHeight: plotHeight)
    (self.categories, self.categoryTitle, self.y) = (categories, categoryTitle, y)
    (self.series, self.layout, self.totalIntervals, self.decimals) = (series, layout, totalIntervals, decimals)
  }

  var styles: [SeriesStyle] { series.indices.map { series[$0].style ?? .standard($0) } }

  /// The bottom and top of each series' bar in each category (stacked: positives upwards from 0,
  /// negatives downwards), `nil` where the value is.
  func extents() -> [[(Double, Double)?]] {
    switch layout {
    case .grouped:
      return series.map { s in s.values.map { $0.map { (min(0, $0), max(0, $0)) } } }
    case .stacked:
      var positive = Array(repeating: 0.0, count: categories.count), negative = positive
      return series.map { s in
        s.values.enumerated().map { index, value in
          guard let value, value.isFinite else { return nil }
          if value >= 0 {
            defer { positive[index] += value }
            return (positive[index], positive[index] + value)
          }
          defer { negative[index] += value }
          return (negative[index] + value, negative[index])
        }
      }
    }
  }

  /// Each category's total of defined values (stacked), `nil` when none is defined.
  func totals() -> [Double?] {
    categories.indices.map { index in
      let values = series.compactMap { $0.values[index] }.filter(\.isFinite)
      return values.isEmpty ? nil : values.reduce(0, +)
    }
  }

  /// The chart as an `<svg>` element.
  public func svg() -> String {
    let extents = extents()
    var values = extents.flatMap { $0.compactMap { $0 } }.flatMap { [$0.0, $0.1] }
    if layout == .stacked {
      values += totalIntervals.compactMap { $0 }.flatMap { [$0.lowerBound, $0.upperBound] }
    } else {
      values += series.flatMap { $0.intervals ?? [] }.compactMap { $0 }.flatMap { [$0.lowerBound, $0.upperBound] }
    }
    values = values.filter(\.isFinite)
    // Room above the tallest bar for its total.
    let top = values.max().map { $0 > 0 ? $0 * 1.08 : $0 }
    let yScale = y.scale(dataLower: values.min(), dataUpper: top, maximumTicks: caption.maximumYTicks)
    let styles = styles
    let legend = series.indices.map { LegendEntry(label: series[$0].name, style: styles[$0], symbol: .box(series: $0)) }
      + (totalIntervals.contains { $0 != nil } || series.contains { $0.intervals?.contains { $0 != nil } == true } ? [.errorBar] : [])
    let bands = ChartFrameRequest(caption: caption, description: fullDescription(), legend: legend, leftTitle: y.title, leftLabels: yScale.labels, bottomTitle: categoryTitle)
      .categoryLayout(categories)
    let (frame, centres, bandWidth) = (bands.frame, bands.centres, bands.bandWidth)
    let plot = PlotArea(frame, y: yScale)
    let barWidth: Double = switch layout {
    case .stacked: min(72, bandWidth * 0.6)
    case .grouped: min(40, bandWidth * 0.8 / Double(max(series.count, 1)))
    }

    var out = frame.patterns(styles) + frame.leftAxis(plot)
    var bars = ""
    for (s, extent) in extents.enumerated() {
      for (index, bar) in extent.enumerated() {
        guard let (bottom, topValue) = bar else { continue }
        let offset = layout == .grouped ? (Double(s) - Double(series.count - 1) / 2) * barWidth : 0
        let left = centres[index] + offset - barWidth / 2
        let (y0, y1) = (plot.y(topValue), plot.y(bottom))
        let height: Double = max(y1 - y0, 0)
        let text = "\(series[s].name), \(categories[index]): \(Markup.number(series[s].values[index], decimals: decimals))"
        bars += SVG.element("rect", ["class": "bar", "data-series": "\(s)", "x": Markup.coordinate(left), "y": Markup.coordinate(y0),
                                     "width": Markup.coordinate(barWidth), "height": Markup.coordinate(height),
                                     "fill": "url(#\(caption.id)-fill-\(s))", "stroke": ChartColor.background, "stroke-width": "1"],
                            content: SVG.tooltip(text))
        if layout == .grouped, let interval = series[s].intervals?.dropFirst(index).first ?? nil {
          bars += plot.whisker(x: left + barWidth / 2, lower: interval.lowerBound, upper: interval.upperBound, color: ChartColor.axis)
        }
      }
    }
    if layout == .stacked {
      for (index, total) in totals().enumerated() {
        guard let total else { continue }
        let interval = totalIntervals.dropFirst(index).first ?? nil
        if let interval {
          bars += plot.whisker(x: centres[index], lower: interval.lowerBound, upper: interval.upperBound, color: ChartColor.axis)
        }
        let labelY = min(plot.y(total), interval.map { plot.y($0.upperBound) } ?? .infinity) - 6
        bars += SVG.text(Markup.number(total, decimals: decimals),
                         ["class": "total", "x": Markup.coordinate(centres[index] + (interval == nil ? 0 : 8)), "y": Markup.coordinate(labelY),
                          "text-anchor": interval == nil ? "middle" : "start", "fill": ChartColor.text])
      }
    }
    out += SVG.element("g", ["class": "bars"], content: bars)
    if yScale.lower < 0 { out += plot.zeroLine() }
    out += bands.labelsSVG + frame.axisLines()
    return frame.svg(kind: "bar", body: out)
  }

  /// The description, then each category's values.
  func fullDescription() -> String {
    let totals = totals()
    let lines = categories.indices.map { index in
      let parts = series.map { "\($0.name) \(Markup.number($0.values[index], decimals: decimals))" }.joined(separator: ", ")
      let total = layout == .stacked && series.count > 1 ? "; total \(Markup.number(totals[index], decimals: decimals))" : ""
      return "\(categories[index]): \(parts)\(total)."
    }
    return ([caption.description] + lines).joined(separator: " ")
  }
}
