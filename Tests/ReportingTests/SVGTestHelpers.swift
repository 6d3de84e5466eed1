import Foundation

/// The `<svg …>…</svg>` elements of a page, in order.
func svgElements(_ html: String) -> [String] {
  var elements: [String] = []
  var rest = html[...]
  while let start = rest.range(of: "<svg"), let end = rest[start.upperBound...].range(of: "</svg>") {
    elements.append(String(rest[start.lowerBound..<end.upperBound]))
    rest = rest[end.upperBound...]
  }
  return elements
}

/// The chart with element id `id` in `html`.
func chart(_ id: String, in html: String) -> String? {
  svgElements(html).first { $0.contains(" id=\"\(id)\"") }
}

/// The `d` attribute of every element of class `kind` (`series`, `band`) in `svg`.
func paths(_ kind: String, in svg: String) -> [String] {
  svg.components(separatedBy: "<path class=\"\(kind)\"").dropFirst().compactMap { tail in
    guard let start = tail.range(of: " d=\""), let end = tail[start.upperBound...].range(of: "\"") else { return nil }
    return String(tail[start.upperBound..<end.lowerBound])
  }
}
