/// A JSON document whose object keys keep the order they were written in, so output reads the
/// way it is documented. Non-finite numbers (an unstable queue's infinite wait) become `null`.
public indirect enum JSONValue: Hashable, Sendable {
  case number(Double)
  case integer(Int)
  case string(String)
  case bool(Bool)
  case null
  case array([JSONValue])
  case object([(String, JSONValue)])

  public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool { lhs.rendered() == rhs.rendered() }
  public func hash(into hasher: inout Hasher) { hasher.combine(rendered()) }

  /// JSON text indented by two spaces per level; arrays of plain values stay on one line.
  public func prettyRendered() -> String {
    var out = ""
    writePretty(to: &out, indent: "")
    return out
  }

  private func writePretty(to out: inout String, indent: String) {
    switch self {
    case .object(let members) where !members.isEmpty:
      let inner = indent + "  "
      out += "{\n"
      for (index, (key, value)) in members.enumerated() {
        out += inner + Self.quote(key) + ": "
        value.writePretty(to: &out, indent: inner)
        out += index < members.count - 1 ? ",\n" : "\n"
      }
      out += indent + "}"
    case .array(let items) where items.contains(where: { if case .object = $0 { true } else if case .array = $0 { true } else { false } }):
      let inner = indent + "  "
      out += "[\n"
      for (index, item) in items.enumerated() {
        out += inner
        item.writePretty(to: &out, indent: inner)
        out += index < items.count - 1 ? ",\n" : "\n"
      }
      out += indent + "]"
    default:
      write(to: &out)
    }
  }

  /// Compact JSON text, one line.
  public func rendered() -> String {
    var out = ""
    write(to: &out)
    return out
  }

  private func write(to out: inout String) {
    switch self {
    case .number(let value): out += value.isFinite ? Self.format(value) : "null"
    case .integer(let value): out += String(value)
    case .string(let text): out += Self.quote(text)
    case .bool(let flag): out += flag ? "true" : "false"
    case .null: out += "null"
    case .array(let items):
      out += "["
      for (index, item) in items.enumerated() {
        if index > 0 { out += "," }
        item.write(to: &out)
      }
      out += "]"
    case .object(let members):
      out += "{"
      for (index, (key, value)) in members.enumerated() {
        if index > 0 { out += "," }
        out += Self.quote(key) + ":"
        value.write(to: &out)
      }
      out += "}"
    }
  }

  /// Shortest text that reads back as the same `Double` (Swift's description), in JSON syntax.
  static func format(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
  }

  /// `text` as a JSON string: quoted, with `"`, `\` and control characters escaped.
  static func quote(_ text: String) -> String {
    "\"" + Markup.replacingScalars(in: text) { scalar in
      if let escape = escapes[scalar] { return escape }
      guard scalar.value < 0x20 else { return nil }
      let hex = String(scalar.value, radix: 16)
      return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
    } + "\""
  }

  /// The characters JSON writes with a short escape.
  static let escapes: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t"]
}
