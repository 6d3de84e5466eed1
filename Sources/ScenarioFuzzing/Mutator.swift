import Yams

/// Mutates a scenario (or plan) file into hostile input: one to three operators, each chosen by
/// the seed, so the same seed and text give the same mutant (`Docs/fuzzing.md`).
///
/// Tree operators compose the YAML, change one node and serialise the tree again (comments are
/// lost, flow or block style kept): key deletion and duplication, numbers made 0, negative, huge,
/// NaN, infinite, 1e309 or words, unit swaps (`s`↔`m`↔`h`, `/h`↔`/m`), wrong types (scalar ↔ list
/// ↔ mapping), empty lists, a value too many or too few in a list (interval profiles), unknown or
/// swapped ids, duplicated list items, edge-of-range values, a node copied from elsewhere, and a
/// `handleTimeByInterval` profile added to a contact type (no example has one).
/// Text operators work on the bytes: truncation at a random byte, random bytes, Unicode (line
/// separators, BOMs, combining marks, emoji), line deletion, duplication and re-indentation, and
/// deep nesting. When the text no longer composes, only text operators apply.
///
///     var mutator = Mutator(seed: 42)
///     let mutant = mutator.mutate(text)   // mutant.bytes, mutant.operators
public struct Mutator {
  public private(set) var random: SplitMix64

  public init(seed: UInt64) { random = SplitMix64(seed: seed) }

  /// A mutant of `text` and the names of the operators applied, in order.
  public mutating func mutate(_ text: String) -> (bytes: [UInt8], operators: [String]) {
    var bytes = Array(text.utf8)
    var operators: [String] = []
    // Half the mutants have one operator, so that a fair share still validates and runs.
    for _ in 0..<(random.oneIn(2) ? 1 : 2 + random.below(2)) {
      // Two in three mutations change the tree (when it still composes); deep nesting ends the
      // chain, since composing it again would only measure the mutator.
      if !random.oneIn(3), let tree = Self.tree(bytes), let (name, mutated) = treeMutation(tree),
        let serialised = try? Yams.serialize(node: mutated, width: -1, allowUnicode: true) {
        bytes = Array(serialised.utf8)
        operators.append(name)
        continue
      }
      let name = textMutation(&bytes)
      operators.append(name)
      if name.hasPrefix("deep-nesting") { break }
    }
    return (bytes, operators)
  }

  static func tree(_ bytes: [UInt8]) -> Node? {
    guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
    return (try? Yams.compose(yaml: text)) ?? nil
  }

  // MARK: Tree operators

  /// One step from a node to a child: the value of a mapping's `n`-th pair, or a list's `n`-th item.
  enum Step: Hashable { case value(Int), item(Int) }

  /// Every node under `node` with its path, in document order (the root first).
  static func nodes(_ node: Node, _ path: [Step] = [], into list: inout [([Step], Node)]) {
    list.append((path, node))
    switch node {
    case .mapping(let mapping):
      for (index, pair) in mapping.enumerated() { nodes(pair.value, path + [.value(index)], into: &list) }
    case .sequence(let sequence):
      for (index, item) in sequence.enumerated() { nodes(item, path + [.item(index)], into: &list) }
    case .scalar, .alias: break
    }
  }

  /// `root` with the node at `path` replaced by `transform` of it.
  static func replacing(_ root: Node, at path: ArraySlice<Step>, _ transform: (Node) -> Node) -> Node {
    guard let step = path.first else { return transform(root) }
    switch (root, step) {
    case (.mapping(let mapping), .value(let index)) where mapping.count > index:
      var pairs = mapping.map { ($0.key, $0.value) }
      pairs[index].1 = replacing(pairs[index].1, at: path.dropFirst(), transform)
      return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style, mapping.mark))
    case (.sequence(let sequence), .item(let index)) where sequence.count > index:
      var items = Array(sequence)
      items[index] = replacing(items[index], at: path.dropFirst(), transform)
      return .sequence(Node.Sequence(items, sequence.tag, sequence.style, sequence.mark))
    default: return root
    }
  }

  static func scalar(_ text: String) -> Node { .scalar(Node.Scalar(text)) }

  static let treeOperators = [
    "delete-key", "duplicate-key", "bad-number", "unit-swap", "wrong-type", "empty-list", "interval-count",
    "unknown-reference", "duplicate-item", "edge-value", "copy-node", "handle-time-profile",
  ]

  /// One tree operator applied to a random node it fits; `nil` when no node fits it.
  mutating func treeMutation(_ root: Node) -> (String, Node)? {
    var all: [([Step], Node)] = []
    Self.nodes(root, into: &all)
    let name = random.pick(Self.treeOperators)
    func some(_ fits: (Node) -> Bool) -> [Step]? {
      let candidates = all.filter { fits($0.1) }
      return candidates.isEmpty ? nil : random.pick(candidates).0
    }
    func apply(_ path: [Step]?, _ transform: (inout SplitMix64, Node) -> Node) -> (String, Node)? {
      guard let path else { return nil }
      var random = self.random
      let result = Self.replacing(root, at: path[...]) { transform(&random, $0) }
      self.random = random
      return (name, result)
    }
    switch name {
    case "delete-key":
      return apply(some { ($0.mapping?.count ?? 0) > 0 }) { random, node in
        var pairs = node.mapping!.map { ($0.key, $0.value) }
        pairs.remove(at: random.below(pairs.count))
        return .mapping(Node.Mapping(pairs, node.mapping!.tag, node.mapping!.style))
      }
    case "duplicate-key":
      return apply(some { ($0.mapping?.count ?? 0) > 0 }) { random, node in
        var pairs = node.mapping!.map { ($0.key, $0.value) }
        let index = random.below(pairs.count)
        pairs.insert(pairs[index], at: random.below(pairs.count + 1))
        return .mapping(Node.Mapping(pairs, node.mapping!.tag, node.mapping!.style))
      }
    case "bad-number":
      return apply(some { $0.scalar?.string.contains(where: \.isNumber) ?? false }) { random, node in
        Self.scalar(Self.replacingNumber(in: node.scalar!.string, with: random.pick(Self.badNumbers)))
      }
    case "unit-swap":
      return apply(some { $0.scalar.map { Self.swappingUnit($0.string, choice: 0) != nil } ?? false }) { random, node in
        Self.scalar(Self.swappingUnit(node.scalar!.string, choice: random.below(8)) ?? node.scalar!.string)
      }
    case "wrong-type":
      return apply(some { _ in true }) { random, node in
        switch node {
        case .scalar(let scalar):
          return random.oneIn(2) ? .sequence(Node.Sequence([node])) : .mapping(Node.Mapping([(Self.scalar(scalar.string), node)]))
        case .sequence(let sequence):
          return random.oneIn(2) ? sequence.first ?? Self.scalar("1")
            : .mapping(Node.Mapping(sequence.enumerated().map { (Self.scalar("k\($0)"), $1) }))
        case .mapping(let mapping):
          return random.oneIn(2) ? .sequence(Node.Sequence(Array(mapping.values))) : mapping.values.first ?? Self.scalar("x")
        case .alias: return Self.scalar("1")
        }
      }
    case "empty-list":
      return apply(some { $0.scalar == nil } ?? some { _ in true }) { random, _ in
        random.oneIn(4) ? .mapping(Node.Mapping([])) : .sequence(Node.Sequence([]))
      }
    case "interval-count":
      return apply(some { ($0.sequence?.count ?? 0) > 0 }) { random, node in
        var items = Array(node.sequence!)
        switch random.below(3) {
        case 0: items.removeLast()
        case 1: items.append(items.last!)
        default: items = Array(items.prefix(1))
        }
        return .sequence(Node.Sequence(items, node.sequence!.tag, node.sequence!.style))
      }
    case "unknown-reference":
      let ids = Self.identifiers(all.map(\.1))
      return apply(some { $0.scalar.map { ids.contains($0.string) } ?? false }) { random, node in
        let id = node.scalar!.string
        let others = ids.filter { $0 != id }.sorted()
        switch random.below(4) {
        case 0: return Self.scalar("nosuch")
        case 1: return Self.scalar(String(id.dropLast()))
        case 2: return Self.scalar(id.uppercased())
        default: return Self.scalar(others.isEmpty ? "nosuch" : random.pick(others))
        }
      }
    case "duplicate-item":
      return apply(some { ($0.sequence?.count ?? 0) > 0 }) { random, node in
        var items = Array(node.sequence!)
        items.insert(items[random.below(items.count)], at: random.below(items.count + 1))
        return .sequence(Node.Sequence(items, node.sequence!.tag, node.sequence!.style))
      }
    case "edge-value":
      return apply(some { $0.scalar != nil }) { random, node in
        let text = node.scalar!.string
        let unit = Self.unit(of: text)
        let edges = Self.edgeValues.filter { Self.unit(of: $0) == unit }
        return Self.scalar(edges.isEmpty || random.oneIn(4) ? random.pick(Self.edgeValues) : random.pick(edges))
      }
    case "handle-time-profile":
      return apply(some { $0.mapping?.keys.contains { $0.string == "handleTime" } ?? false }) { random, node in
        Self.addingHandleTimeProfile(to: node, random: &random)
      }
    default: // copy-node
      let source = random.pick(all).1
      return apply(all.count > 1 ? random.pick(all.dropFirst()).0 : nil) { _, _ in source }
    }
  }

  /// A contact type with a `handleTimeByInterval` added, or replaced (no example has one): one
  /// factor per value of its `volumes`, `rates` or `agents` list (else 1 to 56 of them), one in
  /// three times a factor too many or too few; each factor plausible, or one in four a bad number
  /// or a value beside the limits (0, 10).
  static func addingHandleTimeProfile(to node: Node, random: inout SplitMix64) -> Node {
    guard case .mapping(let mapping) = node else { return node }
    let profiles = ["volumes", "rates", "agents"].compactMap { key in mapping.first { $0.key.string == key }?.value.sequence?.count }
    var count = profiles.first ?? 1 + random.below(56)
    switch random.below(6) {
    case 0: count += 1
    case 1: count = max(0, count - 1)
    default: break
    }
    let factors = (0..<count).map { _ in
      scalar(random.oneIn(4) ? random.pick(badNumbers + ["10", "10.0001", "1e-9"]) : random.pick(["1", "0.9", "0.75", "1.25", "2", "0.5"]))
    }
    var pairs = mapping.filter { $0.key.string != "handleTimeByInterval" }.map { ($0.key, $0.value) }
    pairs.append((scalar("handleTimeByInterval"), .sequence(Node.Sequence(factors))))
    return .mapping(Node.Mapping(pairs, mapping.tag, mapping.style))
  }

  /// Numbers that break naive parsing: zero, negative zero, negatives, overflow, NaN and infinity
  /// in their YAML and Swift spellings, subnormals, integers past `Int.max`, words and nothing.
  static let badNumbers = [
    "0", "-0", "-1", "-30", "1e308", "1e309", "-1e309", "1e400", "NaN", "nan", ".nan", ".NaN", "inf", "-inf", ".inf",
    "-.inf", "Infinity", "1e-320", "5e-324", "1e-200", "9223372036854775807", "9223372036854775808",
    "-9223372036854775809", "0x10", "1_000", "1,5", "½", "١٢", "ten", "", "1e", "--1", "+-1", "0.0000000001",
  ]

  /// Values on both sides of the documented limits (`Docs/scenario-format.md`): counts, rates,
  /// shares, durations, clock times, priorities and coefficients of variation.
  static let edgeValues = [
    "0", "1", "-1", "2", "10", "20", "21", "100", "101", "1000", "1001", "10000", "10001", "100000", "100001",
    "1000000", "1000001", "10000000", "10000001", "0.05", "0.049", "1.0", "1.0000001", "0.9999999",
    "0%", "100%", "100.0001%", "-0%", "1e-9%", "0s", "1e-200s", "1e-201s", "7d", "168h", "168.0001h", "604801s",
    "24h", "24h1s", "86400s", "86401s", "0m", "1e308h", "0/h", "10000/s", "10001/s", "36000000/h", "1e-300/h",
    "00:00", "24:00", "24:01", "23:59", "00:00-24:00", "23:59-24:00", "12:00-12:00", "25:00", "P0", "P1", "P9",
    "P10", "~", "null", "true", "no", "", " ", "none",
  ]

  /// Replaces the first number in `text` (digits, with a sign, point and exponent) by `replacement`,
  /// keeping what comes before and after it (`5m` → `NaNm`, `80%` → `-1%`).
  static func replacingNumber(in text: String, with replacement: String) -> String {
    let characters = Array(text)
    guard let start = characters.firstIndex(where: \.isNumber) else { return replacement }
    var end = start
    while end < characters.count, characters[end].isNumber || ".eE".contains(characters[end])
      || ((characters[end] == "-" || characters[end] == "+") && "eE".contains(characters[end - 1])) {
      end += 1
    }
    var from = start
    if from > 0, characters[from - 1] == "-" || characters[from - 1] == "." { from -= 1 }
    return String(characters[..<from]) + replacement + String(characters[end...])
  }

  /// The unit at the end of a quantity (`s`, `m`, `h`, `d`, `/h`, `/m`, `/s`, `%`), or "" when none.
  static func unit(of text: String) -> String {
    for unit in ["/h", "/m", "/s", "%", "s", "m", "h", "d"] where text.hasSuffix(unit) {
      if text.dropLast(unit.count).last?.isNumber ?? false { return unit }
    }
    return ""
  }

  /// `text` with its unit swapped for another (`5m` → `5h`, `576/h` → `576/m`), the unit removed,
  /// or a unit added to a bare number; `nil` when `text` is neither a quantity nor a number.
  static func swappingUnit(_ text: String, choice: Int) -> String? {
    let unit = unit(of: text)
    let number = text.dropLast(unit.count)
    guard !number.isEmpty, number.allSatisfy({ $0.isNumber || ".-+eE".contains($0) }) else { return nil }
    let swaps: [String: [String]] = [
      "s": ["m", "h", "", "ms", "sec"], "m": ["s", "h", "", "min", "M"], "h": ["m", "s", "", "d", "hr"],
      "d": ["h", "", "w"], "/h": ["/m", "/s", "", "/d", "h"], "/m": ["/h", "/s", "", "per minute"],
      "/s": ["/h", "/m", ""], "%": ["", "%%", " %"], "": ["s", "m", "h", "%", "/h"],
    ]
    let options = swaps[unit]!
    return String(number) + options[choice % options.count]
  }

  /// The ids of the document: values of `id`, `to`, `as` and `type` keys, and plain items of
  /// `skills` and `types` lists.
  static func identifiers(_ nodes: [Node]) -> Set<String> {
    var ids: Set<String> = []
    for node in nodes {
      guard case .mapping(let mapping) = node else { continue }
      for (key, value) in mapping {
        switch key.string {
        case "id", "to", "as", "type": if let text = value.string { ids.insert(text) }
        case "skills", "types": for item in value.sequence ?? [] { if let text = item.string { ids.insert(text) } }
        default: break
        }
      }
    }
    return ids
  }

  // MARK: Text operators

  static let textOperators = ["truncate", "random-bytes", "unicode", "line-edit", "deep-nesting"]

  /// Text that YAML readers and editors disagree on: line and paragraph separators, NEL, a BOM in
  /// the middle, a lone CR, NUL, tabs, right-to-left overrides, combining marks, astral characters.
  static let unicodeSamples = [
    "\u{2028}", "\u{2029}", "\u{85}", "\u{FEFF}", "\r", "\r\n", "\0", "\t", "\u{202E}", "e\u{301}", "\u{301}", "🙂",
    "👨‍👩‍👧", "𝟘", "İ", "ß", "中文", "\u{FFFD}", "\u{1F}", "\u{7F}", "\u{A0}", "\u{3000}", "：", "－", "\u{10FFFF}",
  ]

  mutating func textMutation(_ bytes: inout [UInt8]) -> String {
    let name = random.pick(Self.textOperators)
    switch name {
    case "truncate":
      let at = random.below(bytes.count + 1)
      bytes.removeSubrange(at...)
      return "truncate@\(at)"
    case "random-bytes":
      for _ in 0...random.below(8) {
        let at = random.below(bytes.count + 1)
        let byte = UInt8(truncatingIfNeeded: random.next())
        if at < bytes.count, random.oneIn(2) { bytes[at] = byte } else { bytes.insert(byte, at: at) }
      }
      return name
    case "unicode":
      let sample = random.pick(Self.unicodeSamples)
      bytes.insert(contentsOf: Array(sample.utf8), at: random.below(bytes.count + 1))
      return name
    case "line-edit":
      var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
      let index = random.below(lines.count)
      switch random.below(4) {
      case 0: lines.remove(at: index)
      case 1: lines.insert(lines[index], at: index)
      case 2: lines[index].insert(contentsOf: Array(repeating: UInt8(ascii: " "), count: 1 + random.below(3)), at: 0)
      default: if lines[index].first == UInt8(ascii: " ") { lines[index].removeFirst() } else { lines[index].insert(UInt8(ascii: "\t"), at: 0) }
      }
      if lines.isEmpty { lines = [[]] }
      bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
      return name
    default: // deep-nesting: the value after the first ": " of a line becomes a deeply nested flow node
      var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
      let depth = random.pick([10, 100, 999, 1_000, 1_001, 5_000, 50_000])
      let (open, close): (String, String) = random.oneIn(2) ? ("[", "]") : ("{a: ", "}")
      let nested = String(repeating: open, count: depth) + "1" + String(repeating: close, count: depth)
      let index = random.below(lines.count)
      let colon = lines[index].indices.first { $0 + 1 < lines[index].count && lines[index][$0] == UInt8(ascii: ":") && lines[index][$0 + 1] == UInt8(ascii: " ") }
      if let colon { lines[index].replaceSubrange((colon + 2)..., with: Array(nested.utf8)) } else { lines[index] = Array(("x: " + nested).utf8) }
      bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
      return "deep-nesting(\(depth))"
    }
  }
}
