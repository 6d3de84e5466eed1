/// SVG elements written as text, the one way the charts build markup: a name, attributes in the
/// order given (so the same input always gives the same bytes) and optional content.
///
///     SVG.element("path", ["d": "M0,0H10", "stroke": ChartColor.axis])   // <path d="M0,0H10" stroke="#333333"/>
///     SVG.element("text", ["x": "4"], content: Markup.escape(label))     // <text x="4">…</text>
///
/// Values and content are written as given: callers pass numbers through
/// ``Markup/coordinate(_:)`` and user text through ``Markup/escape(_:)`` (some values, such as the
/// font family, are already escaped). An attribute whose value is `nil` is left out, for
/// attributes that only some series have (`stroke-dasharray` of a solid line).
enum SVG {
  /// `<name a="v"…/>`, or `<name a="v"…>content</name>` when `content` is not `nil`.
  static func element(_ name: String, _ attributes: KeyValuePairs<String, String?>, content: String? = nil) -> String {
    var out = "<" + name
    for (key, value) in attributes {
      guard let value else { continue }
      out += " " + key + "=\"" + value + "\""
    }
    guard let content else { return out + "/>" }
    return out + ">" + content + "</" + name + ">"
  }

  /// A `<text>` element whose content is `text`, escaped.
  static func text(_ text: String, _ attributes: KeyValuePairs<String, String?>) -> String {
    element("text", attributes, content: Markup.escape(text))
  }

  /// A `<title>` (a tooltip) holding `text`, escaped.
  static func tooltip(_ text: String) -> String { "<title>" + Markup.escape(text) + "</title>" }
}
