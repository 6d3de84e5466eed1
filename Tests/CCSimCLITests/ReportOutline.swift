import Foundation

/// The structure of an HTML report, one line per element in document order: its headings
/// (`h1 …`, `h2 …`, `h3 …`), sections (`section #id`), charts (`svg #id (kind)` and its
/// `title …`) and tables (`table …`, the caption). Every number in the text is written as `#`, so
/// the outline changes when the report's structure does, not when the simulation's numbers do.
struct ReportOutline {
  var lines: [String]

  /// The elements the outline lists: a heading, a section's id, a chart's id and kind, a chart's
  /// title, a table's caption.
  private static let element = try! NSRegularExpression(
    pattern: #"<(h[1-3])>(.*?)</h[1-3]>|<section id="([^"]*)""#
      + #"|<svg [^>]*?id="([^"]*)" class="chart chart-([^"]*)"|<title id="[^"]*-title">(.*?)</title>|<caption>(.*?)</caption>"#,
    options: [.dotMatchesLineSeparators])

  private static let number = try! NSRegularExpression(pattern: #"[0-9]+([.,][0-9]+)*"#)

  init(html: String) {
    let text = html as NSString
    func group(_ match: NSTextCheckingResult, _ index: Int) -> String? {
      let range = match.range(at: index)
      return range.location == NSNotFound ? nil : Self.masked(text.substring(with: range))
    }
    lines = Self.element.matches(in: html, range: NSRange(location: 0, length: text.length)).map { match in
      if match.range(at: 1).location != NSNotFound { return "\(text.substring(with: match.range(at: 1))) \(group(match, 2) ?? "")" }
      if let id = group(match, 3) { return "section #\(id)" }
      if let id = group(match, 4) { return "svg #\(id) (\(group(match, 5) ?? ""))" }
      if let title = group(match, 6) { return "  title \(title)" }
      return "table \(group(match, 7) ?? "")"
    }
  }

  /// `text` on one line, its numbers written as `#`.
  static func masked(_ text: String) -> String {
    let flat = text.replacingOccurrences(of: "\n", with: " ")
    return number.stringByReplacingMatches(
      in: flat, range: NSRange(location: 0, length: (flat as NSString).length), withTemplate: "#")
  }
}
