import ContactCenterModel
import Yams

/// Targets in the scenario format (documented in `Docs/scenario-format.md`, "Targets"): the
/// centre's `targets:`, a type's own `targets:` over them, and a group's occupancy cap.
extension ScenarioParser {
  static let targetKeys = ["serviceLevel", "asa", "abandonment", "occupancy", "per", "judgedBy", "level"]
  static let typeTargetKeys = ["serviceLevel", "asa", "abandonment", "occupancy"]
  static let groupTargetKeys = ["occupancy"]

  /// The scenario's targets, read once every type and group is known: `root` is the file's top
  /// mapping, `typeNodes` and `groupNodes` the items of its `contactTypes` and `groups` lists.
  static func targets(_ root: Fields, typeNodes: [Node], groupNodes: [Node], types: [ContactType], groups: [AgentGroup],
                      reader: inout YAMLReader) -> Targets {
    var centre = TypeTargets()
    var occupancy: Double?
    var scope = Targets.Scope.interval
    var assurance = Targets.Assurance.confidence(level: 0.95)
    if let node = root["targets"], let fields = reader.mapping(node, "targets", allowed: targetKeys) {
      centre = typeTargets(fields, over: TypeTargets(), reader: &reader)
      occupancy = fields["occupancy"].flatMap { occupancyCap($0, fields.path("occupancy"), reader: &reader) ?? nil }
      if let node = fields["per"] {
        scope = reader.choice(node, fields.path("per"), Targets.Scope.allCases.map(\.rawValue))
          .flatMap(Targets.Scope.init(rawValue:)) ?? scope
      }
      let rule = fields["judgedBy"].flatMap { reader.choice($0, fields.path("judgedBy"), ["confidence", "probability", "mean"]) }
        ?? "confidence"
      var level = 0.95
      if let node = fields["level"] {
        if rule == "mean" {
          reader.fail(at: node, fields.path("level"), expected: "no level when targets are judged by the mean")
        } else if let value = probability(node, fields.path("level"), reader: &reader) {
          if value >= 0.5 && value < 1 { level = value } else {
            reader.fail(at: node, fields.path("level"), expected: "a level from 50% to below 100%, such as 95%")
          }
        }
      }
      assurance = switch rule {
      case "mean": .mean
      case "probability": .probability(level: level)
      default: .confidence(level: level)
      }
    }
    let typeTargets = types.indices.map { t -> TypeTargets in
      guard t < typeNodes.count, let node = typeNodes[t]["targets"],
        let fields = reader.mapping(node, "contactTypes[\(t)].targets", allowed: typeTargetKeys)
      else { return centre }
      return Self.typeTargets(fields, over: centre, reader: &reader)
    }
    // Occupancy caps in `Scenario.agentGroups` order: declared groups, then types with agents.
    var caps: [Double?] = groups.indices.map { g in
      guard g < groupNodes.count, let node = groupNodes[g]["targets"],
        let fields = reader.mapping(node, "groups[\(g)].targets", allowed: groupTargetKeys),
        let cap = fields["occupancy"]
      else { return occupancy }
      return occupancyCap(cap, fields.path("occupancy"), reader: &reader) ?? occupancy
    }
    for (t, type) in types.enumerated() {
      let own = t < typeNodes.count ? typeNodes[t]["targets"]?["occupancy"] : nil
      guard type.agents != nil else {
        if let own {
          reader.fail(at: own, "contactTypes[\(t)].targets.occupancy",
                      expected: "an occupancy cap only on a type with its own agents (otherwise on the groups that serve it)")
        }
        continue
      }
      caps.append(own.flatMap { occupancyCap($0, "contactTypes[\(t)].targets.occupancy", reader: &reader) ?? nil } ?? occupancy)
    }
    return Targets(types: typeTargets, maximumOccupancy: caps, scope: scope, assurance: assurance)
  }

  /// The service-level, ASA and abandonment targets of `fields`, over `inherited` (`none` removes
  /// an inherited target).
  static func typeTargets(_ fields: Fields, over inherited: TypeTargets, reader: inout YAMLReader) -> TypeTargets {
    var targets = inherited
    if let node = fields["serviceLevel"] {
      targets.serviceLevel = node.string == "none" ? nil
        : share(node, fields.path("serviceLevel"), expected: "a service-level target above 0% and at most 100%, such as 80%, or none",
                reader: &reader) ?? inherited.serviceLevel
    }
    if let node = fields["asa"] {
      targets.averageSpeedOfAnswer = node.string == "none" ? nil
        : reader.duration(node, fields.path("asa"), expected: "a longest average speed of answer such as 30s or 4h, or none",
                          where: { $0 > 0 && $0 <= 7 * 86_400 }) ?? inherited.averageSpeedOfAnswer
    }
    if let node = fields["abandonment"] {
      targets.abandonRate = node.string == "none" ? nil
        : share(node, fields.path("abandonment"), expected: "a largest abandon rate above 0% and at most 100%, such as 5%, or none",
                reader: &reader) ?? inherited.abandonRate
    }
    return targets
  }

  /// An occupancy cap: `.some(nil)` for `none`, `nil` on error.
  static func occupancyCap(_ node: Node, _ path: String, reader: inout YAMLReader) -> Double?? {
    if node.string == "none" { return .some(nil) }
    return share(node, path, expected: "an occupancy cap above 0% and at most 100%, such as 90%, or none", reader: &reader)
      .map { .some($0) }
  }

  /// A share in (0, 1], written as a percentage or a fraction.
  static func share(_ node: Node, _ path: String, expected: String, reader: inout YAMLReader) -> Double? {
    guard let text = node.string else {
      reader.fail(at: node, path, expected: expected)
      return nil
    }
    let value = text.hasSuffix("%") ? Quantity.fraction(text) : Quantity.number(Substring(text))
    guard let value, value > 0, value <= 1 else {
      reader.fail(at: node, path, expected: expected)
      return nil
    }
    return value
  }
}
