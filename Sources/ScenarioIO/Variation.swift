import ContactCenterModel
import Foundation
import Yams

/// One swept field and its values, from `--vary KEY=V1,V2,…` (`Docs/planning.md`, "Sweeps").
///
/// `KEY` is either a field path into the scenario file — keys joined by `.`, a list item chosen by
/// its `id` or its 0-based position in brackets: `contactTypes[hotline].handleTime.mean`,
/// `groups[tier2].agents`, `targets.serviceLevel` — whose value is replaced by each value as
/// written (units and all, read by the scenario parser with its usual checks), or one of two
/// adjustments the file has no field for:
/// - `volume` (every type) or `volume[TYPE]`: a factor on the arrival rates, `1.1` or `110%`;
/// - `staff[GROUP]` (a group, or a type with its own agents): agents added to every interval's
///   headcount, `-2`, `+1` (never below 0).
public struct Variation: Hashable, Sendable {
  public var key: String
  public var values: [String]

  enum Target: Hashable {
    case field([Component])
    case volume(type: String?)
    case staff(group: String)
  }

  enum Component: Hashable {
    case key(String)
    case id(String)
    case index(Int)
  }

  let target: Target

  /// Parses `KEY=V1,V2,…`.
  /// - Throws: ``InputError`` naming `--vary`.
  public init(_ text: String) throws {
    guard let equals = text.firstIndex(of: "=") else {
      throw InputError(field: "--vary", expected: "KEY=V1,V2,… such as groups[tier2].agents=10,12,14", found: text)
    }
    key = String(text[..<equals])
    values = text[text.index(after: equals)...].split(separator: ",", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
    guard !values.contains(where: \.isEmpty), values.count <= 1_000 else {
      throw InputError(field: "--vary", expected: "1 to 1000 values separated by commas, none empty", found: text)
    }
    guard Set(values).count == values.count else {
      throw InputError(field: "--vary", expected: "each value once", found: text)
    }
    guard let components = Self.components(key), !components.isEmpty, case .key(let head) = components[0] else {
      throw InputError(field: "--vary", expected: "a field path such as contactTypes[hotline].handleTime.mean, volume, "
                       + "volume[TYPE] or staff[GROUP]", found: key)
    }
    switch (head, components.count) {
    case ("volume", 1): target = .volume(type: nil)
    case ("volume", 2): if case .id(let type) = components[1] { target = .volume(type: type) } else { target = .field(components) }
    case ("staff", 2): if case .id(let group) = components[1] { target = .staff(group: group) } else { target = .field(components) }
    default: target = .field(components)
    }
    switch target {
    case .volume:
      guard values.allSatisfy({ Self.factor($0) != nil }) else {
        throw InputError(field: "--vary", expected: "factors on the arrival rates from 0 to 100, such as 1.1 or 110%", found: text)
      }
    case .staff:
      guard values.allSatisfy({ Int($0).map { abs($0) <= 100_000 } ?? false }) else {
        throw InputError(field: "--vary", expected: "whole numbers of agents to add, such as -2, 0, +1", found: text)
      }
    case .field: break
    }
  }

  /// `a.b[id].c[0]` as components; `nil` when malformed.
  static func components(_ path: String) -> [Component]? {
    var result: [Component] = []
    for part in path.split(separator: ".", omittingEmptySubsequences: false) {
      var rest = Substring(part)
      guard let name = rest.split(separator: "[", maxSplits: 1, omittingEmptySubsequences: false).first, !name.isEmpty else { return nil }
      result.append(.key(String(name)))
      rest = rest.dropFirst(name.count)
      while !rest.isEmpty {
        guard rest.first == "[", let close = rest.firstIndex(of: "]") else { return nil }
        let inside = rest[rest.index(after: rest.startIndex)..<close]
        guard !inside.isEmpty else { return nil }
        result.append(Int(inside).map { .index($0) } ?? .id(String(inside)))
        rest = rest[rest.index(after: close)...]
      }
    }
    return result
  }

  /// A factor: `1.1` or `110%`, 0 to 100.
  static func factor(_ text: String) -> Double? {
    let value = text.hasSuffix("%") ? Quantity.number(Substring(text).dropLast()).map { $0 / 100 } : Quantity.number(Substring(text))
    return value.flatMap { $0 >= 0 && $0 <= 100 ? $0 : nil }
  }
}

extension ScenarioFile {
  /// The scenario with one value of each variation applied: field paths replaced in the file's
  /// YAML tree before it is read, then volumes and staff adjusted. `values[i]` is a value of
  /// `variations[i]`.
  /// - Throws: ``InputError`` for a path that leads nowhere, ``ScenarioErrors`` for a value the
  ///   scenario format refuses (named after `--vary` and the path).
  public func varied(_ variations: [Variation], values: [String]) throws -> Scenario {
    precondition(variations.count == values.count, "one value per variation")
    var root = try Self.compose(text, file: path)
    var origins: [(path: String, flag: String)] = []
    for (variation, value) in zip(variations, values) {
      guard case .field(let components) = variation.target else { continue }
      var readerPath = ""
      var created: String?
      root = try Self.replace(in: root, components[...], with: value, key: variation.key, readerPath: &readerPath, created: &created)
      // A key the flag added (`nosuch.key`) is the flag's mistake, where the path leaves the file.
      origins.append((created ?? readerPath, "--vary \(variation.key)=\(value)"))
    }
    var scenario = try Self.validate(root, text: text, file: path) { error in
      let errorPath = error.path
      guard let origin = origins.first(where: {
        errorPath == $0.path || errorPath.hasPrefix($0.path + ".") || errorPath.hasPrefix($0.path + "[")
      }) else { return error }
      var moved = error
      (moved.file, moved.line, moved.column) = (origin.flag, 0, 0)
      return moved
    }.scenario
    for (variation, value) in zip(variations, values) {
      switch variation.target {
      case .field: break
      case .volume(let id):
        let factor = Variation.factor(value)!
        let types = try id.map { id in
          guard let t = scenario.contactTypes.firstIndex(where: { $0.id == id }) else {
            throw InputError(field: "--vary", expected: "volume[TYPE] with a type of the scenario (\(scenario.contactTypes.map(\.id).joined(separator: ", ")))",
                             found: variation.key)
          }
          return [t]
        } ?? Array(scenario.contactTypes.indices)
        for t in types { scenario.contactTypes[t].arrivalRates = scenario.contactTypes[t].arrivalRates.map { $0 * factor } }
      case .staff(let id):
        let delta = Int(value)!
        func adjusted(_ agents: [Int]) -> [Int] { agents.map { max(0, $0 + delta) } }
        if let g = scenario.groups.firstIndex(where: { $0.id == id }) {
          guard scenario.groups[g].shifts.isEmpty else {
            throw InputError(field: "--vary", expected: "staff[GROUP] with a group staffed by a headcount (vary a shift's count instead: groups[\(id)].shifts[0].count)",
                             found: variation.key)
          }
          scenario.groups[g].agents = adjusted(scenario.groups[g].agents)
        } else if let t = scenario.contactTypes.firstIndex(where: { $0.id == id && $0.agents != nil }) {
          scenario.contactTypes[t].agents = scenario.contactTypes[t].agents.map(adjusted)
        } else {
          throw InputError(field: "--vary", expected: "staff[GROUP] with a group of the scenario (\(scenario.agentGroups.map(\.id).joined(separator: ", ")))",
                           found: variation.key)
        }
      }
    }
    return scenario
  }

  /// `node` with the value at `components` replaced by the scalar `value` (a missing last key, or a
  /// missing mapping on the way, is added). `readerPath` receives the path as errors name it, and
  /// `created` the path of the first key added, if any.
  static func replace(in node: Node, _ components: ArraySlice<Variation.Component>, with value: String, key: String,
                      readerPath: inout String, created: inout String?) throws -> Node {
    guard let first = components.first else { return Node(value) }
    let rest = components.dropFirst()
    func missing(_ what: String) -> InputError {
      InputError(field: "--vary", expected: "a field path that exists in the scenario (\(what))", found: key)
    }
    switch first {
    case .key(let name):
      let mapping: Node.Mapping
      switch node {
      case .mapping(let existing): mapping = existing
      case .scalar(let scalar) where PlanFile.isNull(.scalar(scalar)): mapping = Node.Mapping([])
      default: throw missing("'\(name)' is not inside a mapping")
      }
      readerPath = readerPath.isEmpty ? name : "\(readerPath).\(name)"
      var copy = mapping
      if mapping[name] == nil, created == nil { created = readerPath }
      let child = mapping[name] ?? (rest.isEmpty ? Node("") : .mapping(Node.Mapping([])))
      copy[name] = try replace(in: child, rest, with: value, key: key, readerPath: &readerPath, created: &created)
      return .mapping(copy)
    case .id, .index:
      guard case .sequence(let sequence) = node else { throw missing("no list where [\(Self.describe(first))] selects an item") }
      var items = Array(sequence)
      let position: Int? = switch first {
      case .id(let id): items.firstIndex { $0["id"]?.string == id }
      case .index(let index): items.indices.contains(index) ? index : nil
      case .key: nil
      }
      guard let position else { throw missing("no item [\(Self.describe(first))] in the list") }
      readerPath += "[\(position)]"
      items[position] = try replace(in: items[position], rest, with: value, key: key, readerPath: &readerPath, created: &created)
      return .sequence(Node.Sequence(items, sequence.tag, sequence.style, sequence.mark))
    }
  }

  static func describe(_ component: Variation.Component) -> String {
    switch component {
    case .key(let name): name
    case .id(let id): id
    case .index(let index): String(index)
    }
  }
}
