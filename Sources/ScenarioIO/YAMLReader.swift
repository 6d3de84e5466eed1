import Yams

/// Reads typed values out of a composed YAML tree, recording every problem with the node's line and
/// column instead of stopping at the first.
///
/// Why a walk over `Yams.Node` rather than `Decodable`: a `DecodingError` carries a coding path but
/// no position, and `Decodable` ignores unknown keys. Walking the tree gives each field its own
/// mark, rejects unknown keys where they are written (with the closest allowed key as a hint) and
/// keeps going after a mistake, so one run reports every error.
struct YAMLReader {
  let file: String
  private(set) var errors: [ScenarioError] = []

  init(file: String) { self.file = file }

  mutating func fail(at node: Node?, _ path: String, expected: String, found: String? = nil, hint: String? = nil) {
    let mark = node?.mark
    errors.append(ScenarioError(
      file: file, line: mark?.line ?? 0, column: mark?.column ?? 0, path: path, expected: expected,
      found: found ?? node.map(Self.describe) ?? "nothing", hint: hint))
  }

  /// How a node is shown in an error: a scalar as written, otherwise its kind.
  static func describe(_ node: Node) -> String {
    switch node {
    case .scalar(let scalar): scalar.string.isEmpty ? "nothing" : scalar.string
    case .mapping: "a mapping"
    case .sequence: "a list"
    case .alias: "an alias"
    }
  }

  /// The entries of a mapping, keyed by name, after checking every key is one of `allowed`
  /// (unknown keys are errors, with the nearest allowed key as a hint).
  mutating func mapping(_ node: Node, _ path: String, allowed: [String]) -> Fields? {
    guard case .mapping(let mapping) = node else {
      fail(at: node, path, expected: "a mapping with keys \(allowed.joined(separator: ", "))")
      return nil
    }
    var fields = Fields(node: node, path: path)
    for (key, value) in mapping {
      let name = key.string ?? Self.describe(key)
      guard allowed.contains(name) else {
        let near = allowed.min { editDistance($0, name) < editDistance($1, name) }
        let hint = near.flatMap { editDistance($0, name) <= max(2, name.count / 3) ? "did you mean '\($0)'?" : nil }
        fail(at: key, join(path, name), expected: "one of the keys \(allowed.joined(separator: ", "))",
             found: "unknown key '\(name)'", hint: hint)
        continue
      }
      fields.values[name] = value
    }
    return fields
  }

  /// The items of a list.
  mutating func sequence(_ node: Node, _ path: String, expected: String) -> [Node]? {
    guard case .sequence(let sequence) = node else {
      fail(at: node, path, expected: expected)
      return nil
    }
    return Array(sequence)
  }

  mutating func string(_ node: Node, _ path: String, expected: String = "text") -> String? {
    guard case .scalar(let scalar) = node, !scalar.string.isEmpty else {
      fail(at: node, path, expected: expected)
      return nil
    }
    return scalar.string
  }

  /// Words YAML reads as null or as a boolean (YAML 1.2 core schema and the 1.1 spellings other
  /// tools still apply): refused as ids, which must read the same to every YAML reader and cannot be
  /// `~`, the plan overlay's "remove this key".
  static let reservedWords: Set<String> = [
    "~", "null", "Null", "NULL", "true", "True", "TRUE", "false", "False", "FALSE",
    "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
  ]

  /// An id (of a contact type or group): text that is not a YAML null or boolean word.
  mutating func identifier(_ node: Node, _ path: String, example: String) -> String? {
    guard let text = string(node, path, expected: "an id such as '\(example)'") else { return nil }
    guard !Self.reservedWords.contains(text) else {
      fail(at: node, path, expected: "an id such as '\(example)', not a word YAML reads as null or true/false (~, null, true, false, yes, no, on, off, y, n)")
      return nil
    }
    return text
  }

  /// A plain number (no unit) satisfying `condition`, which `expected` describes.
  mutating func number(
    _ node: Node, _ path: String, expected: String, where condition: (Double) -> Bool = { _ in true }
  ) -> Double? {
    guard case .scalar(let scalar) = node, let value = Quantity.number(Substring(scalar.string)), condition(value) else {
      fail(at: node, path, expected: expected)
      return nil
    }
    return value
  }

  mutating func integer(_ node: Node, _ path: String, expected: String, in range: ClosedRange<Int>) -> Int? {
    guard case .scalar(let scalar) = node, let value = Int(scalar.string), range.contains(value) else {
      fail(at: node, path, expected: expected)
      return nil
    }
    return value
  }

  /// A duration with a unit (`20s`, `5m`, `1.5h`), in seconds, satisfying `condition`.
  mutating func duration(
    _ node: Node, _ path: String, expected: String = "a duration with a unit, such as 20s, 5m or 1.5h",
    where condition: (Double) -> Bool = { _ in true }
  ) -> Double? {
    guard case .scalar(let scalar) = node, let value = Quantity.seconds(scalar.string), condition(value) else {
      fail(at: node, path, expected: expected)
      return nil
    }
    return value
  }

  /// One of `choices`.
  mutating func choice(_ node: Node, _ path: String, _ choices: [String]) -> String? {
    guard case .scalar(let scalar) = node, choices.contains(scalar.string) else {
      let text = node.string ?? ""
      let near = choices.min { editDistance($0, text) < editDistance($1, text) }
      let hint = near.flatMap { editDistance($0, text) <= max(2, text.count / 3) ? "did you mean '\($0)'?" : nil }
      fail(at: node, path, expected: "one of \(choices.map { "'\($0)'" }.joined(separator: ", "))", hint: hint)
      return nil
    }
    return scalar.string
  }

  func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// The known entries of one YAML mapping.
struct Fields {
  let node: Node
  let path: String
  var values: [String: Node] = [:]

  subscript(key: String) -> Node? { values[key] }
  func path(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

extension YAMLReader {
  /// The value of a required key, or an error at the mapping saying it is missing.
  mutating func required(_ fields: Fields, _ key: String, expected: String) -> Node? {
    guard let node = fields[key] else {
      fail(at: fields.node, fields.path(key), expected: expected, found: "nothing (the key is missing)")
      return nil
    }
    return node
  }
}

/// Levenshtein distance, for "did you mean" hints.
func editDistance(_ a: String, _ b: String) -> Int {
  let a = Array(a), b = Array(b)
  guard !a.isEmpty else { return b.count }
  guard !b.isEmpty else { return a.count }
  var previous = Array(0...b.count)
  for i in 1...a.count {
    var current = [i] + Array(repeating: 0, count: b.count)
    for j in 1...b.count {
      current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
    }
    previous = current
  }
  return previous[b.count]
}
