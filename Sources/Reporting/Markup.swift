import ContactCenterModel

/// Text for HTML and SVG pages: escaping, element ids and numbers, all independent of the locale,
/// so the same input always gives the same bytes.
public enum Markup {
  /// `text` safe as HTML or XML text and inside a double- or single-quoted attribute: `&`, `<`,
  /// `>`, `"` and `'` become character references, and control characters that XML forbids
  /// (U+0000–U+001F except tab, line feed and carriage return) become U+FFFD.
  ///
  ///     Markup.escape(#"<script>alert("x")</script>"#)   // "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;"
  ///
  /// Scenario and group ids come from user files, so every piece of text a page shows goes
  /// through here.
  public static func escape(_ text: String) -> String {
    replacingScalars(in: text) { scalar in
      if let reference = characterReferences[scalar] { return reference }
      let forbidden = (scalar.value < 0x20 && !["\t", "\n", "\r"].contains(scalar)) || scalar.value == 0x7F
      return forbidden ? "\u{FFFD}" : nil
    }
  }

  /// The characters ``escape(_:)`` writes as character references.
  static let characterReferences: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]

  /// `text` with every Unicode scalar for which `replacement` gives text replaced by that text
  /// (`nil`: the scalar is kept): the one loop behind ``escape(_:)`` and JSON's string quoting.
  /// - Complexity: O(n) in the length of `text`.
  static func replacingScalars(in text: String, with replacement: (Unicode.Scalar) -> String?) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      if let text = replacement(scalar) { out += text } else { out.unicodeScalars.append(scalar) }
    }
    return out
  }

  /// An element id built from `parts`: lower-case ASCII letters, digits and single hyphens only,
  /// starting with a letter (`"c-"` is put in front otherwise). Use indices rather than user ids to
  /// keep ids unique; user text is reduced to the allowed characters.
  ///
  ///     Markup.identifier("chart", "SL", 3)   // "chart-sl-3"
  public static func identifier(_ parts: any CustomStringConvertible...) -> String {
    var out = ""
    var pendingHyphen = false
    for scalar in parts.map(\.description).joined(separator: "-").lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        if pendingHyphen && !out.isEmpty { out += "-" }
        pendingHyphen = false
        out.unicodeScalars.append(scalar)
      } else {
        pendingHyphen = true
      }
    }
    if let first = out.unicodeScalars.first, ("a"..."z").contains(first) { return out }
    return "c-" + out
  }

  /// `value` with exactly `decimals` digits after the point, rounded half away from zero, with a
  /// minus sign (U+2212) for negatives and narrow no-break spaces (U+202F) between groups of three
  /// digits from 10 000 up (the SI style, read the same in every locale). `nil` and non-finite
  /// values give `"–"`.
  ///
  ///     Markup.number(12345.678, decimals: 1)   // "12 345.7" (with U+202F)
  ///     Markup.number(-0.04, decimals: 1)       // "0.0"
  /// - Parameter decimals: 0…9.
  public static func number(_ value: Double?, decimals: Int) -> String {
    precondition((0...9).contains(decimals), "0 to 9 decimals")
    guard let value, value.isFinite else { return "–" }
    let scale = Self.powerOfTen(decimals)
    let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
    guard scaled < 9e15 else { return (value < 0 ? "\u{2212}" : "") + "\(abs(value))" }
    let units = UInt64(scaled)
    let whole = units / UInt64(scale), fraction = units % UInt64(scale)
    var digits = String(whole)
    if digits.count >= 5 {
      var grouped = ""
      for (index, digit) in digits.enumerated() {
        if index > 0 && (digits.count - index) % 3 == 0 { grouped += "\u{202F}" }
        grouped.append(digit)
      }
      digits = grouped
    }
    if decimals > 0 {
      let text = String(fraction)
      digits += "." + String(repeating: "0", count: decimals - text.count) + text
    }
    return (value < 0 && units > 0 ? "\u{2212}" : "") + digits
  }

  /// A coordinate or length for SVG: at most two decimals, trailing zeros dropped, ASCII minus,
  /// no grouping (`12.5`, `-3`, `0.07`).
  public static func coordinate(_ value: Double) -> String {
    guard value.isFinite else { return "0" }
    let hundredths = (value * 100).rounded(.toNearestOrAwayFromZero)
    guard abs(hundredths) < 9e15 else { return "0" }
    let units = Int64(hundredths)
    let magnitude = units.magnitude
    var text = String(magnitude / 100)
    let fraction = magnitude % 100
    if fraction != 0 {
      text += fraction % 10 == 0 ? "." + String(fraction / 10) : (fraction < 10 ? ".0" : ".") + String(fraction)
    }
    return (units < 0 ? "-" : "") + text
  }

  /// 10^`exponent` for 0…18, exactly.
  static func powerOfTen(_ exponent: Int) -> Double {
    var result = 1.0
    for _ in 0..<exponent { result *= 10 }
    return result
  }
}

extension TimeText.DurationStyle {
  /// As people write it in prose and on a page: `20 s`, `15 min`, `4 h`, `1.5 h` (hours from
  /// 1 h in tenths, minutes from 2 min, else seconds with at most one decimal; numbers as
  /// ``Markup/number(_:decimals:)`` writes them).
  static let spoken = TimeText.DurationStyle(units: [
    TimeText.DurationUnit("h", seconds: 3600, minimum: 3600, step: 360) { Markup.number($0, decimals: $0.rounded() == $0 ? 0 : 1) },
    TimeText.DurationUnit("min", seconds: 60, minimum: 120, step: 60) { Markup.number($0, decimals: 0) },
    TimeText.DurationUnit("s", seconds: 1, step: 1) { Markup.number($0, decimals: $0.rounded() == $0 ? 0 : 1) },
  ], separator: " ")
}
