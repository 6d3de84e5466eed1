import Yams

/// YAML text to a checked tree, before any field is read: syntax errors, an empty document, size
/// and explicit tags, each at its line and column (`Docs/scenario-format.md`, "Limits").
extension ScenarioFile {
  /// The YAML tree of a scenario (or plan) file: valid YAML holding one document, at most
  /// ``maximumNodes`` values once aliases are expanded, and no explicit tags.
  static func compose(_ text: String, file: String) throws(ScenarioErrors) -> Node {
    func single(_ line: Int, _ column: Int, _ expected: String, _ found: String) -> ScenarioErrors {
      ScenarioErrors([ScenarioError(file: file, line: line, column: column, path: "", expected: expected, found: found)])
    }
    let root: Node?
    do {
      root = try Yams.compose(yaml: text)
    } catch let error as YamlError {
      switch error {
      case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
        throw single(mark.line, mark.column, "valid YAML", "a syntax error (\(problem))")
      case .reader(let problem, let offset, let value, _):
        // The reader reports a character offset; the message carries the place, not the snippet.
        let (line, column) = offset.map { position(ofCharacter: $0, in: text) } ?? (0, 0)
        let character = value >= 0 ? ", U+\(String(UInt32(bitPattern: value), radix: 16, uppercase: true).leftPadded(to: 4))" : ""
        throw single(line, column, "valid YAML", "text YAML cannot read (\(problem)\(character))")
      case .duplicatedKeysInMapping(let duplicates, let context):
        throw single(context.mark.line, context.mark.column, "each key once in a mapping",
                     "duplicate key\(duplicates.count > 1 ? "s" : "") \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
      default:
        throw single(0, 0, "valid YAML", "\(error)")
      }
    } catch {
      throw single(0, 0, "valid YAML", "\(error)")
    }
    let scenario = "a scenario (a YAML mapping of name, openingHours, interval, contactTypes …)"
    guard let root else {
      let blank = text.allSatisfy(\.isWhitespace)
      throw single(0, 0, scenario, blank ? "an empty file" : "no YAML document (only comments)")
    }
    if root.scalar?.string.isEmpty ?? false { throw single(0, 0, scenario, "an empty document") }
    let counted = nodeCount(root, limit: maximumNodes)
    if counted.expanded > maximumNodes {
      throw single(1, 1, "at most \(maximumNodes) YAML values (with aliases expanded)", counted.written > maximumNodes
        ? "a document of more than \(maximumNodes) values"
        : "aliases that expand to more than \(maximumNodes) values")
    }
    let tagged = explicitTags(root, text: text)
    if !tagged.isEmpty {
      throw ScenarioErrors(tagged.map { node, path in
        ScenarioError(file: file, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0, path: path,
                      expected: "a value without a YAML tag (ccsim reads every value by its field)",
                      found: "the tag '\(shorthand(tagName(node, lines: []) ?? ""))'")
      })
    }
    return root
  }

  /// 1-based line and column (in Unicode scalars, as libyaml counts) of the character at `offset`.
  static func position(ofCharacter offset: Int, in text: String) -> (line: Int, column: Int) {
    var (line, column) = (1, 1)
    for character in text.prefix(offset) {
      if character.isNewline { (line, column) = (line + 1, 1) } else { column += character.unicodeScalars.count }
    }
    return (line, column)
  }

  /// Nodes with an explicit tag (`!!str`, `!!null`, `!custom`, `!!python/object:…`), with their
  /// field paths, in file order, each place once (an alias repeats its anchor's node).
  static func explicitTags(_ root: Node, text: String) -> [(Node, String)] {
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    var found: [(Node, String)] = []
    var places: Set<[Int]> = []
    func note(_ node: Node, _ path: String) {
      guard tagName(node, lines: lines) != nil, places.insert([node.mark?.line ?? 0, node.mark?.column ?? 0]).inserted else { return }
      found.append((node, path))
    }
    func visit(_ node: Node, _ path: String) {
      note(node, path)
      switch node {
      case .mapping(let mapping):
        for (key, value) in mapping {
          let name = key.string ?? YAMLReader.describe(key)
          let keyPath = path.isEmpty ? name : "\(path).\(name)"
          note(key, keyPath)
          visit(value, keyPath)
        }
      case .sequence(let sequence):
        for (index, item) in sequence.enumerated() { visit(item, "\(path)[\(index)]") }
      case .scalar, .alias: break
      }
    }
    visit(root, "")
    return found.sorted { ($0.0.mark?.line ?? 0, $0.0.mark?.column ?? 0) < ($1.0.mark?.line ?? 0, $1.0.mark?.column ?? 0) }
  }

  /// The explicit tag of a node, `nil` when it has none. Yams gives scalars tags it resolved
  /// itself (a mapping key is `str`, a quoted scalar `str` by libyaml's quoted_implicit), so a
  /// scalar's tag counts as explicit only when the text at its start (after an anchor) is a `!`;
  /// with no `lines` the tag is returned as is (to name it).
  static func tagName(_ node: Node, lines: [Substring]) -> String? {
    let name: String
    switch node {
    case .scalar(let scalar):
      if !lines.isEmpty, !startsWithTag(node.mark, lines) { return nil }
      name = scalar.tag.description
    case .mapping(let mapping): name = mapping.tag.description
    case .sequence(let sequence): name = sequence.tag.description
    case .alias: return nil
    }
    return name.isEmpty ? nil : name
  }

  /// Whether the text at `mark` is a tag (`!…`), possibly after an anchor (`&name `).
  static func startsWithTag(_ mark: Mark?, _ lines: [Substring]) -> Bool {
    guard let mark, lines.indices.contains(mark.line - 1) else { return false }
    var rest = lines[mark.line - 1].unicodeScalars.dropFirst(mark.column - 1)
    if rest.first == "&" {
      rest = rest.drop { !$0.properties.isWhitespace }.drop { $0.properties.isWhitespace }
    }
    return rest.first == "!"
  }

  /// `tag:yaml.org,2002:str` as written, `!!str`.
  static func shorthand(_ tag: String) -> String {
    let prefix = "tag:yaml.org,2002:"
    return tag.hasPrefix(prefix) ? "!!" + tag.dropFirst(prefix.count) : tag
  }
}

/// Counts the nodes of a tree as the walk would see them (aliases expanded) and as written,
/// stopping at `limit`: a few lines of YAML aliases can stand for billions of values. An alias is
/// a copy of its anchor's node, mark and all, so a list or mapping met again at a mark already seen
/// is an alias, and what is under it was not written again.
func nodeCount(_ root: Node, limit: Int) -> (expanded: Int, written: Int) {
  var (expanded, written) = (0, 0)
  var seen: Set<[Int]> = []
  var stack = [(root, true)]
  while let (node, isWritten) = stack.popLast(), expanded <= limit {
    expanded += 1
    var childrenWritten = isWritten
    if isWritten, node.scalar == nil, let mark = node.mark {
      childrenWritten = seen.insert([mark.line, mark.column]).inserted
    }
    if childrenWritten { written += 1 }
    switch node {
    case .mapping(let mapping): for (key, value) in mapping { stack.append((key, childrenWritten)); stack.append((value, childrenWritten)) }
    case .sequence(let sequence): stack.append(contentsOf: sequence.map { ($0, childrenWritten) })
    case .scalar, .alias: break
    }
  }
  return (expanded, written)
}

extension String {
  func leftPadded(to width: Int) -> String { String(repeating: "0", count: max(0, width - count)) + self }
}
