/// How one series is drawn: a colour from the Okabe–Ito palette, and a dash pattern and marker
/// shape, so that series stay distinguishable without colour (colour-blind readers, grey-scale
/// print).
///
/// The palette is Okabe & Ito (2008), *Color Universal Design (CUD): how to make figures and
/// presentations that are friendly to colorblind people*, ordered for contrast on white: blue,
/// vermillion, bluish green, reddish purple, orange, sky blue, black, yellow.
public struct SeriesStyle: Hashable, Sendable {
  /// A marker drawn at data points and in the legend.
  public enum Marker: String, CaseIterable, Hashable, Sendable {
    case circle, square, triangle, diamond, invertedTriangle, cross, plus, none
  }

  /// A CSS colour, `#RRGGBB`.
  public var color: String
  /// An SVG `stroke-dasharray`; empty for a solid line.
  public var dash: String
  public var marker: Marker
  /// For bars: the fill pattern drawn over the colour (0: plain; 1…: hatches and dots).
  public var pattern: Int

  public init(color: String, dash: String = "", marker: Marker = .circle, pattern: Int = 0) {
    self.color = color
    self.dash = dash
    self.marker = marker
    self.pattern = pattern
  }

  /// Okabe–Ito colours (Okabe & Ito 2008), in the order series take them.
  public static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", ChartColor.black, "#F0E442"]
  /// Dash patterns, in the order series take them (the first is solid).
  public static let dashes = ["", "7 4", "2 3", "9 3 2 3", "4 2", "12 3 3 3", "1 3", "6 2 2 2 2 2"]
  /// Fill patterns for bars: plain, diagonal hatch, reverse hatch, dots, cross-hatch, horizontal lines.
  static let patternCount = 6

  /// The `index`-th default style: colour, dash, marker and bar pattern all change from one series
  /// to the next (after eight series the combinations repeat in another pairing).
  public static func standard(_ index: Int) -> SeriesStyle {
    let markers: [Marker] = [.circle, .square, .triangle, .diamond, .invertedTriangle, .cross, .plus, .circle]
    let round = index / palette.count
    return SeriesStyle(color: palette[index % palette.count], dash: dashes[(index + round) % dashes.count],
                       marker: markers[(index + round) % markers.count], pattern: index % patternCount)
  }

  /// The style of a horizontal reference line (a target): black, long dashes.
  public static let reference = SeriesStyle(color: ChartColor.black, dash: "10 4", marker: .none)
}

/// The colours every chart draws its frame with (the series take theirs from
/// ``SeriesStyle/palette``): each is named here once, and the charts and the page's style sheet
/// (``HTMLPage``) use the names.
enum ChartColor {
  /// Titles, legend labels and values written in the plot.
  static let text = "#1a1a1a"
  /// Axis lines, tick marks and labels, and error bars that belong to no series.
  static let axis = "#333333"
  /// Horizontal grid lines.
  static let grid = "#e3e3e3"
  /// The background, marker outlines, bar outlines and pattern strokes, and the halo behind labels.
  static let background = "#ffffff"
  /// Reference lines, and the (invisible) fill of the hover columns.
  static let black = "#000000"
  /// The legend swatch that explains what shaded bands mean.
  static let band = "#555555"
}

/// SVG snippets for markers and patterns.
enum ChartShapes {
  /// A marker of `size` (half-width, px) centred at (x, y), filled with `color` and outlined in white.
  static func marker(_ marker: SeriesStyle.Marker, x: Double, y: Double, size: Double, color: String) -> String {
    let (cx, cy) = (Markup.coordinate(x), Markup.coordinate(y))
    let s = size
    func point(_ dx: Double, _ dy: Double) -> String { Markup.coordinate(x + dx) + "," + Markup.coordinate(y + dy) }
    let filled = "fill=\"\(color)\" stroke=\"\(ChartColor.background)\" stroke-width=\"1\""
    switch marker {
    case .none: return ""
    case .circle: return "<circle cx=\"\(cx)\" cy=\"\(cy)\" r=\"\(Markup.coordinate(s))\" \(filled)/>"
    case .square:
      let side = s * 1.7
      return "<rect x=\"\(Markup.coordinate(x - side / 2))\" y=\"\(Markup.coordinate(y - side / 2))\" "
        + "width=\"\(Markup.coordinate(side))\" height=\"\(Markup.coordinate(side))\" \(filled)/>"
    case .triangle:
      return "<polygon points=\"\(point(0, -s * 1.25)) \(point(s * 1.15, s * 0.85)) \(point(-s * 1.15, s * 0.85))\" \(filled)/>"
    case .invertedTriangle:
      return "<polygon points=\"\(point(0, s * 1.25)) \(point(s * 1.15, -s * 0.85)) \(point(-s * 1.15, -s * 0.85))\" \(filled)/>"
    case .diamond:
      return "<polygon points=\"\(point(0, -s * 1.3)) \(point(s * 1.1, 0)) \(point(0, s * 1.3)) \(point(-s * 1.1, 0))\" \(filled)/>"
    case .cross:
      return "<path d=\"M\(point(-s, -s))L\(point(s, s))M\(point(-s, s))L\(point(s, -s))\" stroke=\"\(color)\" stroke-width=\"2.2\" fill=\"none\"/>"
    case .plus:
      return "<path d=\"M\(point(-s * 1.2, 0))L\(point(s * 1.2, 0))M\(point(0, -s * 1.2))L\(point(0, s * 1.2))\" stroke=\"\(color)\" stroke-width=\"2.2\" fill=\"none\"/>"
    }
  }

  /// A `<pattern>` with id `id`: `color` underneath, and pattern `index`'s white strokes on top.
  static func pattern(id: String, index: Int, color: String) -> String {
    let white = ChartColor.background
    let strokes: String = switch index % SeriesStyle.patternCount {
    case 1: "<path d=\"M-2,2L2,-2M0,8L8,0M6,10L10,6\" stroke=\"\(white)\" stroke-width=\"1.6\"/>"
    case 2: "<path d=\"M-2,6L2,10M0,0L8,8M6,-2L10,2\" stroke=\"\(white)\" stroke-width=\"1.6\"/>"
    case 3: "<circle cx=\"2\" cy=\"2\" r=\"1.3\" fill=\"\(white)\"/><circle cx=\"6\" cy=\"6\" r=\"1.3\" fill=\"\(white)\"/>"
    case 4: "<path d=\"M0,4L8,4M4,0L4,8\" stroke=\"\(white)\" stroke-width=\"1.2\"/>"
    case 5: "<path d=\"M0,2L8,2M0,6L8,6\" stroke=\"\(white)\" stroke-width=\"1.2\"/>"
    default: ""
    }
    return "<pattern id=\"\(id)\" width=\"8\" height=\"8\" patternUnits=\"userSpaceOnUse\"><rect width=\"8\" height=\"8\" fill=\"\(color)\"/>\(strokes)</pattern>"
  }
}
