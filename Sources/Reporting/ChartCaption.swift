/// What every chart is besides its data: its element id, its title and description, and its size.
///
/// ``LineChart``, ``BarChart`` and ``DotChart`` each hold one, and show its fields as their own
/// (`chart.title`, `chart.width`) through ``CaptionedChart``.
///
///     ChartCaption(id: "sl-1", title: "Service level per interval", description: "…", width: 880, plotHeight: 240)
public struct ChartCaption: Hashable, Sendable {
  /// The element id (made safe with ``Markup/identifier(_:)``); unique in the page.
  public var id: String
  public var title: String
  /// What the chart shows and how to read it (the SVG `<desc>`); each chart appends its values.
  public var description: String
  /// Width of the whole chart and height of its plot area (px).
  public var width: Double, plotHeight: Double

  public init(id: String, title: String, description: String, width: Double, plotHeight: Double) {
    (self.id, self.title, self.description) = (Markup.identifier(id), title, description)
    (self.width, self.plotHeight) = (width, plotHeight)
  }

  /// How many y ticks the plot has room for: one per 40 px, and at least two.
  var maximumYTicks: Int { plotHeight.isFinite ? max(Int(min(plotHeight, 1e6) / 40) + 1, 2) : 2 }
}

/// A chart with a ``ChartCaption``, whose fields read and write as the chart's own
/// (`chart.title` is `chart.caption.title`), drawn as an `<svg>` element.
@dynamicMemberLookup
public protocol CaptionedChart {
  var caption: ChartCaption { get set }
  /// The chart as an `<svg>` element.
  func svg() -> String
}

extension CaptionedChart {
  /// The caption's field, as the chart's own.
  public subscript<Value>(dynamicMember field: WritableKeyPath<ChartCaption, Value>) -> Value {
    get { caption[keyPath: field] }
    set { caption[keyPath: field] = newValue }
  }
}
