/// What a chart asks of its ``ChartFrame``, less the height of the tick labels under the plot.
///
/// That height depends on the plot's width (slanted category labels, as many x ticks as fit), and
/// the width on the frame, so every chart lays out in two steps: a provisional frame for the
/// width, then the final one. ``categoryLayout(_:)`` does both for a chart over categories.
struct ChartFrameRequest {
  /// The chart's id, title and size.
  var caption: ChartCaption
  /// The full description, with the chart's values (the SVG `<desc>`).
  var description: String
  var legend: [LegendEntry]
  var leftTitle: String
  /// The tick labels of the y axes (for the margins).
  var leftLabels: [String]
  var rightTitle: String? = nil
  var rightLabels: [String] = []
  var bottomTitle: String

  /// The frame with labels of the usual height (one line) under the plot, from which a chart
  /// learns the plot's width.
  var provisional: ChartFrame { ChartFrame(self, bottomBlock: 16) }

  /// The final frame of a chart over `categories`, one band of equal width per category, with
  /// its labels under the plot (slanted when they do not fit their band).
  func categoryLayout(_ categories: [String]) -> CategoryLayout {
    let provisional = provisional
    let bandWidth = (provisional.plotRight - provisional.plotLeft) / Double(max(categories.count, 1))
    let labels = CategoryLabels(categories, bandWidth: bandWidth)
    let frame = ChartFrame(self, bottomBlock: labels.height)
    return CategoryLayout(frame: frame, labels: labels, bandWidth: bandWidth,
                          centres: categories.indices.map { frame.plotLeft + (Double($0) + 0.5) * bandWidth })
  }
}

/// The frame of a chart over categories, with where each category's band sits.
struct CategoryLayout {
  let frame: ChartFrame
  let labels: CategoryLabels
  /// The width of each category's band (px).
  let bandWidth: Double
  /// The middle of each category's band (px).
  let centres: [Double]

  /// The category labels under the plot.
  var labelsSVG: String { labels.svg(centres: centres, top: frame.plotBottom) }
}

/// The layout of category labels under a bar or dot chart: horizontal when they fit, else
/// slanted.
struct CategoryLabels {
  let labels: [String]
  let slanted: Bool
  /// Height of the label block under the plot (px).
  let height: Double

  init(_ categories: [String], bandWidth: Double) {
    labels = categories.map { ChartFrame.shortened($0, to: 28) }
    let widest = labels.map { ChartFrame.textWidth($0, size: ChartFrame.tickFont) }.max() ?? 0
    slanted = widest > bandWidth - 6
    height = slanted ? widest * 0.5 + 14 : 16   // sin 30° of the widest label, plus its height
  }

  /// The labels centred on `centres`, their tops at `top` (px).
  func svg(centres: [Double], top: Double) -> String {
    let c = Markup.coordinate
    let texts = zip(labels, centres).map { label, x in
      slanted
        ? SVG.text(label, ["transform": "translate(\(c(x + 4)),\(c(top + 12))) rotate(-30)", "text-anchor": "end"])
        : SVG.text(label, ["x": c(x), "y": c(top + 14), "text-anchor": "middle"])
    }
    return SVG.element("g", ["class": "x-axis", "fill": ChartColor.axis], content: texts.joined())
  }
}
