import ContactCenterModel
import Foundation
import Yams

/// A staffing plan written as an overlay of a base scenario: a YAML file with only what differs
/// (other headcounts, shifts, routing, skills, targets …), merged over the base before it is read
/// (`Docs/planning.md`, "Plans").
///
/// Merge rules, applied from the top of both trees down:
/// - a mapping over a mapping merges key by key; a key the plan leaves out keeps the base's value;
/// - a list of mappings with `id`s over another merges item by item, matched by `id`, items with new
///   ids being added at the end (so a plan can change one group's agents without repeating the
///   others);
/// - anything else replaces the base's value; `~` (null) removes the key (`shifts: ~` beside new
///   `agents:` turns a shift-staffed group into a headcount one).
///
/// Errors name the file each field came from: the plan's line and column for what the plan wrote,
/// the base's for the rest.
public struct PlanFile: Sendable {
  /// The plan's label in results: its `plan:` key, or the file name without its extension.
  public var name: String
  /// The plan file's path and text (kept with the results).
  public var path: String
  public var text: String
  /// The base scenario with the plan merged over it.
  public var merged: ScenarioFile

  /// Reads `path` as a plan over the base scenario `base` (its path and text).
  /// - Throws: ``ScenarioErrors`` at the line and column of the file each problem is in.
  public static func load(path: String, over base: ScenarioFile) throws(ScenarioErrors) -> PlanFile {
    let text = try ScenarioFile.readText(path: path)
    let overlayRoot = try ScenarioFile.compose(text, file: path)
    guard case .mapping(var overlay) = overlayRoot else {
      throw ScenarioErrors([ScenarioError(
        file: path, line: overlayRoot.mark?.line ?? 0, column: overlayRoot.mark?.column ?? 0, path: "",
        expected: "a plan: a mapping of the scenario fields that differ, such as groups: [{id: voice, agents: 12}]",
        found: YAMLReader.describe(overlayRoot))])
    }
    var name = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    if let label = overlay["plan"] {
      guard let text = label.string, !text.isEmpty, text.count <= 60, !text.contains("\n") else {
        throw ScenarioErrors([ScenarioError(
          file: path, line: label.mark?.line ?? 0, column: label.mark?.column ?? 0, path: "plan",
          expected: "a short label for the plan (at most 60 characters)", found: YAMLReader.describe(label))])
      }
      name = text
      overlay["plan"] = nil
    }
    let baseRoot = try ScenarioFile.compose(base.text, file: base.path)
    var origins: [Origin] = []
    let merged = Self.merge(baseRoot, over: .mapping(overlay), path: "", origins: &origins)
    let scenario = try ScenarioFile.validate(merged, text: base.text, file: base.path) { error in
      let errorPath = error.path
      guard let origin = origins.first(where: {
        errorPath == $0.path || errorPath.hasPrefix($0.path + ".") || errorPath.hasPrefix($0.path + "[")
      }) else { return error }
      var moved = error
      moved.file = path
      // A key the plan removed is missing where the plan wrote `~`, not in the base.
      if let mark = origin.removedAt {
        (moved.line, moved.column) = (mark.line, mark.column)
        if moved.found == "nothing (the key is missing)" { moved.found = "nothing (the plan removes the key with ~)" }
      }
      return moved
    }
    return PlanFile(name: name, path: path, text: text, merged: scenario)
  }

  /// A field path (in the reader's notation, `groups[1].agents`) whose value comes from the plan;
  /// `removedAt` is where the plan removed it with `~`.
  struct Origin {
    var path: String
    var removedAt: Mark?
  }

  /// `over` merged over `base`; `origins` collects the fields the plan wrote or removed.
  static func merge(_ base: Node, over: Node, path: String, origins: inout [Origin]) -> Node {
    func join(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
    switch (base, over) {
    case (.mapping(let baseMap), .mapping(let overMap)):
      var pairs: [(Node, Node)] = []
      var used = Set<String>()
      for (key, value) in baseMap {
        let name = key.string ?? ""
        guard let replacement = overMap[name] else { pairs.append((key, value)); continue }
        used.insert(name)
        if isNull(replacement) {
          origins.append(Origin(path: join(name), removedAt: replacement.mark))
          continue
        }
        pairs.append((key, merge(value, over: replacement, path: join(name), origins: &origins)))
      }
      for (key, value) in overMap where !used.contains(key.string ?? "") && !isNull(value) {
        origins.append(Origin(path: join(key.string ?? "")))
        pairs.append((key, value))
      }
      return .mapping(Node.Mapping(pairs, baseMap.tag, baseMap.style, baseMap.mark))
    case (.sequence(let baseList), .sequence(let overList))
      where !baseList.isEmpty && (Array(baseList) + Array(overList)).allSatisfy({ $0["id"]?.string != nil }):
      var items = Array(baseList)
      for item in overList {
        let id = item["id"]?.string
        if let index = items.firstIndex(where: { $0["id"]?.string == id }) {
          items[index] = merge(items[index], over: item, path: "\(path)[\(index)]", origins: &origins)
        } else {
          origins.append(Origin(path: "\(path)[\(items.count)]"))
          items.append(item)
        }
      }
      return .sequence(Node.Sequence(items, baseList.tag, baseList.style, baseList.mark))
    default:
      origins.append(Origin(path: path))
      return over
    }
  }

  /// `~`, `null` or an empty value.
  static func isNull(_ node: Node) -> Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }
}
