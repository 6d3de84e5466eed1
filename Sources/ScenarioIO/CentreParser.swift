import ContactCenterModel
import Stochastic
import Yams

/// The multi-skill part of the scenario format: routing, agent groups and their skills, priority
/// classes, resolution and escalation (documented in `Docs/scenario-format.md`).
extension ScenarioParser {
  static let groupKeys = [
    "id", "description", "agents", "shifts", "shiftRules", "skills", "hourlyCost", "shrinkage", "concurrency", "stretch", "blending",
    "targets", "minimumBlock",
  ]
  static let contactCostKeys = ["perContact", "telephonyPerMinute", "perAbandoned", "perContained"]
  static let costKeys = ["currency", "overtimeFactor"] + contactCostKeys
  static let skillKeys = ["type", "preference", "handleTimeFactor", "resolution", "overflowAfter"]
  static let escalationKeys = ["to", "share", "transferTime"]
  static let retrialKeys = ["probability", "delay", "afterBlock"]
  static let repeatKeys = ["probability", "delay", "as"]
  static let surgeKeys = ["description", "from", "to", "factor", "types"]

  /// `routing: {contactSide: …, agentSide: …}`.
  static func routingPolicy(_ node: Node, reader: inout YAMLReader) -> RoutingPolicy? {
    guard let fields = reader.mapping(node, "routing", allowed: ["contactSide", "agentSide"]) else { return nil }
    let contactSide = fields["contactSide"].map {
      reader.choice($0, fields.path("contactSide"), RoutingPolicy.ContactSide.allCases.map(\.rawValue))
        .flatMap(RoutingPolicy.ContactSide.init(rawValue:))
    } ?? .longestIdle
    let agentSide = fields["agentSide"].map {
      reader.choice($0, fields.path("agentSide"), RoutingPolicy.AgentSide.allCases.map(\.rawValue))
        .flatMap(RoutingPolicy.AgentSide.init(rawValue:))
    } ?? .preference
    guard let contactSide, let agentSide else { return nil }
    return RoutingPolicy(contactSide: contactSide, agentSide: agentSide)
  }

  /// `P1` … `P4`, or 1 … 4.
  static func priorityClass(_ node: Node, _ path: String, reader: inout YAMLReader) -> Int? {
    let text = node.string ?? ""
    let digits = text.hasPrefix("P") || text.hasPrefix("p") ? String(text.dropFirst()) : text
    guard case .scalar = node, let value = Int(digits), (1...4).contains(value) else {
      reader.fail(at: node, path, expected: "a priority class P1 (most urgent) to P4")
      return nil
    }
    return value
  }

  /// A probability: a number from 0 to 1, or a percentage such as 80%.
  static func probability(_ node: Node, _ path: String, reader: inout YAMLReader) -> Double? {
    let expected = "a probability from 0 to 1 (or a percentage such as 80%)"
    guard case .scalar(let scalar) = node else {
      reader.fail(at: node, path, expected: expected)
      return nil
    }
    let text = scalar.string
    let value = text.hasSuffix("%") ? Quantity.fraction(text) : Quantity.number(Substring(text))
    guard let value, (0...1).contains(value) else {
      reader.fail(at: node, path, expected: expected)
      return nil
    }
    return value
  }

  /// The index of the type a reference names, with a "did you mean" hint when it names none.
  static func typeReference(_ node: Node, _ path: String, types: [ContactType], reader: inout YAMLReader) -> Int? {
    let ids = types.map(\.id)
    guard let text = reader.string(node, path, expected: "the id of a contact type (\(ids.joined(separator: ", ")))") else {
      return nil
    }
    if let index = ids.firstIndex(of: text) { return index }
    let near = ids.min { editDistance($0, text) < editDistance($1, text) }
    let hint = near.flatMap { editDistance($0, text) <= max(2, text.count / 3) ? "did you mean '\($0)'?" : nil }
    reader.fail(at: node, path, expected: "the id of a contact type (\(ids.joined(separator: ", ")))",
                found: "unknown type '\(text)'", hint: hint)
    return nil
  }

  /// A type's `escalation:` list: `[{to: tier2, share: 0.75, transferTime: 30s | distribution}]`.
  static func escalations(_ node: Node, _ path: String, types: [ContactType], reader: inout YAMLReader) -> [Escalation] {
    guard let list = node["escalation"] else { return [] }
    let listPath = "\(path).escalation"
    guard let items = reader.sequence(list, listPath, expected: "a list of escalation targets such as [{to: tier2, share: 0.75}]")
    else { return [] }
    var result: [Escalation] = []
    for (index, item) in items.enumerated() {
      let itemPath = "\(listPath)[\(index)]"
      guard let fields = reader.mapping(item, itemPath, allowed: escalationKeys) else { continue }
      let target = reader.required(fields, "to", expected: "the id of the type the contact is transferred to")
        .flatMap { typeReference($0, fields.path("to"), types: types, reader: &reader) }
      let share = reader.required(fields, "share", expected: "the share of unresolved contacts sent there, 0 to 1")
        .flatMap { probability($0, fields.path("share"), reader: &reader) }
      var transfer: Distribution?? = .some(nil)
      if let timeNode = fields["transferTime"] { transfer = durationOrDistribution(timeNode, fields.path("transferTime"), reader: &reader) }
      guard let target, let share, let transfer else { continue }
      result.append(Escalation(to: target, share: share, transferTime: transfer))
    }
    let total = result.reduce(0) { $0 + $1.share }
    if total > 1 + 1e-9 {
      reader.fail(at: list, listPath, expected: "shares that sum to at most 1 (the rest leave unresolved)",
                  found: "a sum of \(total.formatted())")
      return []
    }
    return result
  }

  /// A type's `retrial:` (`{probability: 40%, delay: 5m}`) or `repeat:` (the same, plus an optional
  /// `as: <type>` when customers come back on another channel); the delay must have a mean > 0.
  static func recontact(_ node: Node, _ path: String, types: [ContactType], reader: inout YAMLReader) -> Recontact? {
    let isRepeat = path.hasSuffix(".repeat")
    guard let fields = reader.mapping(node, path, allowed: isRepeat ? repeatKeys : retrialKeys) else { return nil }
    let who = isRepeat ? "customers left unresolved" : "callers who abandon"
    let chance = reader.required(fields, "probability", expected: "the probability that \(who) come back, 0 to 1")
      .flatMap { probability($0, fields.path("probability"), reader: &reader) }
    var delay: Distribution?
    if let delayNode = reader.required(fields, "delay", expected: "the time until they come back: a duration such as 10m, or a distribution"),
      let parsed = durationOrDistribution(delayNode, fields.path("delay"), reader: &reader) ?? nil {
      if parsed.mean > 0 {
        delay = parsed
      } else {
        reader.fail(at: delayNode, fields.path("delay"), expected: "a delay with a mean above 0 (a customer cannot come back instantly)",
                    found: "a mean of 0")
      }
    }
    var target: Int?? = .some(nil)
    if let asNode = fields["as"] { target = typeReference(asNode, fields.path("as"), types: types, reader: &reader).map { .some($0) } }
    let afterBlock = isRepeat ? .some(nil) : Self.afterBlock(fields, reader: &reader)
    guard let chance, let delay, let target, let afterBlock else { return nil }
    return Recontact(probability: chance, delay: delay, type: target, afterBlock: afterBlock)
  }

  /// A type's `callback:` (virtual hold): `{threshold: 2m, share: 60%}`.
  static func callbackOffer(_ node: Node, _ path: String, reader: inout YAMLReader) -> CallbackOffer? {
    guard let fields = reader.mapping(node, path, allowed: ["threshold", "share"]) else { return nil }
    let threshold = reader.required(fields, "threshold", expected: "the expected wait above which callers are offered a callback, such as 2m")
      .flatMap { reader.duration($0, fields.path("threshold"), expected: "an expected wait such as 2m (0 to 24h)",
                                 where: { $0 >= 0 && $0 <= 86_400 }) }
    let share = reader.required(fields, "share", expected: "the share of callers offered a callback who take it, 0 to 1")
      .flatMap { probability($0, fields.path("share"), reader: &reader) }
    guard let threshold, let share else { return nil }
    return CallbackOffer(threshold: threshold, share: share)
  }

  /// A fixed duration (`30s`) or a distribution mapping.
  static func durationOrDistribution(_ node: Node, _ path: String, reader: inout YAMLReader) -> Distribution?? {
    if case .scalar = node {
      return reader.duration(node, path, expected: "a duration such as 30s, or a distribution", where: { $0 >= 0 && $0 <= 86_400 })
        .map { .some(.deterministic(value: $0)) }
    }
    return distribution(node, path, allowNone: false, reader: &reader)
  }

  /// Escalations must not lead back to where they started, or a contact could be passed on forever.
  static func checkEscalationCycles(_ types: [ContactType], _ nodes: [Node], reader: inout YAMLReader) {
    var state = [Int](repeating: 0, count: types.count)   // 0 unseen, 1 on the path, 2 done
    var path: [Int] = []
    var reported = false
    func visit(_ t: Int, reader: inout YAMLReader) {
      state[t] = 1
      path.append(t)
      for (index, escalation) in types[t].escalations.enumerated() where !reported {
        let next = escalation.to
        if state[next] == 1 {
          let cycle = path[path.firstIndex(of: next)!...].map { types[$0].id } + [types[next].id]
          reader.fail(at: nodes[t]["escalation"]?.sequence?[index]["to"], "contactTypes[\(t)].escalation[\(index)].to",
                      expected: "an escalation that does not lead back to an earlier type (escalations must not cycle)",
                      found: cycle.joined(separator: " → "))
          reported = true
        } else if state[next] == 0 {
          visit(next, reader: &reader)
        }
      }
      path.removeLast()
      state[t] = 2
    }
    for t in types.indices where state[t] == 0 && !reported { visit(t, reader: &reader) }
  }

  /// The `groups:` list.
  /// `day`: the opening hours and interval length of a day study (`nil` in a steady-state study,
  /// which takes no shifts).
  static func agentGroups(_ node: Node, types: [ContactType], intervals: Int, day: (opening: (start: Double, end: Double), length: Double)?,
                          reader: inout YAMLReader) -> [AgentGroup] {
    guard let items = reader.sequence(node, "groups", expected: "a list of agent groups") else { return [] }
    var seen = Set(types.compactMap { $0.agents == nil ? nil : $0.id })   // dedicated groups are named after their type
    var groups: [AgentGroup] = []
    for (index, item) in items.prefix(1_000).enumerated() {
      let path = "groups[\(index)]"
      guard let fields = reader.mapping(item, path, allowed: groupKeys) else { continue }
      let id = reader.required(fields, "id", expected: "an id such as 'generalists'")
        .flatMap { reader.identifier($0, fields.path("id"), example: "generalists") }
      if let id, !seen.insert(id).inserted, let idNode = fields["id"] {
        reader.fail(at: idNode, fields.path("id"),
                    expected: "an id used by no other group (a type with its own agents has a group named after it)", found: id)
      }
      if let text = fields["description"] { _ = reader.string(text, fields.path("description")) }
      var agents: [Int]?
      var shifts: [Shift]?
      switch (fields["agents"], fields["shifts"]) {
      case (let node?, nil):
        agents = headcounts(node, fields.path("agents"), intervals: intervals, allowingNobody: true, reader: &reader)
      case (nil, let node?):
        if let day {
          shifts = shiftList(node, fields.path("shifts"), opening: day.opening, reader: &reader)
          if let list = shifts, list.allSatisfy({ $0.count == 0 }) {
            reader.fail(at: node, fields.path("shifts"), expected: "at least one agent on some shift", found: "0 on every shift")
            shifts = nil
          }
        } else {
          reader.fail(at: node, fields.path("shifts"), expected: "agents per interval in a steady-state study (shifts need a day study)")
        }
      case (let node?, _?):
        reader.fail(at: node, fields.path("agents"), expected: "either agents (per interval) or shifts, not both")
      case (nil, nil):
        reader.fail(at: item, path, expected: "agents on duty (a number, or a list with one per interval) or shifts",
                    found: "neither")
      }
      let skills = reader.required(fields, "skills", expected: "a list of the types the group takes")
        .flatMap { skillList($0, fields.path("skills"), types: types, reader: &reader) }
      let (hourly, shrinkage) = staffCost(fields, reader: &reader)
      var concurrency: Concurrency?
      var blending: Blending?? = .some(nil)
      if let skills {
        concurrency = Self.concurrency(
          fields, takesSessions: skills.contains { types[$0.type].handling == .session },
          misplaced: "in a group that takes chat sessions (a chat type, or social handled as chat)", reader: &reader)
        if let node = fields["blending"] {
          blending = Self.blending(node, fields.path("blending"), skills: skills, types: types, reader: &reader)
        }
      }
      let rules = fields["shiftRules"].map { shiftRules($0, fields.path("shiftRules"), day: day, reader: &reader) }
      let block: Double?? = fields["minimumBlock"].map {
        minimumBlock($0, fields.path("minimumBlock"), day: day, intervals: intervals, shiftRules: fields["shiftRules"] != nil,
                     reader: &reader)
      } ?? .some(nil)
      guard let id, let skills, let hourly, let shrinkage, let concurrency, let blending, rules != .some(nil), let block else { continue }
      var group: AgentGroup
      if let agents {
        group = AgentGroup(id: id, skills: skills, agents: agents, hourlyCost: hourly, shrinkage: shrinkage)
      } else if let shifts, let day {
        group = AgentGroup(id: id, skills: skills, shifts: shifts, intervals: intervals, length: day.length,
                           hourlyCost: hourly, shrinkage: shrinkage)
      } else {
        continue
      }
      group.concurrency = concurrency
      group.blending = blending
      group.shiftRules = rules ?? nil
      group.minimumBlock = block
      groups.append(group)
    }
    return groups
  }

  /// A group's `minimumBlock`: a duration of whole intervals, at most the day, in a day study, for
  /// a group without `shiftRules` (its shifts already say how long people work).
  static func minimumBlock(_ node: Node, _ path: String, day: (opening: (start: Double, end: Double), length: Double)?,
                           intervals: Int, shiftRules: Bool, reader: inout YAMLReader) -> Double? {
    guard let day else {
      reader.fail(at: node, path, expected: "no minimumBlock in a steady-state study (blocks are times of the day)")
      return nil
    }
    guard !shiftRules else {
      reader.fail(at: node, path, expected: "either minimumBlock or shiftRules, not both (shifts already set how long people work)")
      return nil
    }
    let interval = TimeText.duration(day.length, style: .compound)
    return reader.duration(
      node, path, expected: "a whole number of \(interval) intervals, at most the day (\(TimeText.duration(day.length * Double(intervals), style: .compound))), such as 2h",
      where: { value in
        let count = value / day.length
        return value > 0 && abs(count - count.rounded()) < 1e-9 && count.rounded() <= Double(intervals)
      })
  }

  /// A group's `skills:` list: type ids, or mappings with a preference and proficiency.
  static func skillList(_ node: Node, _ path: String, types: [ContactType], reader: inout YAMLReader) -> [Skill]? {
    guard let items = reader.sequence(node, path, expected: "a list of the types the group takes") else { return nil }
    if items.isEmpty {
      reader.fail(at: node, path, expected: "at least one skill", found: "an empty list")
      return nil
    }
    var skills: [Skill] = []
    var failed = false
    // Each type once, whichever form names it (`a`, or `{type: a, …}`): the model allows one skill per type.
    func add(_ skill: Skill, _ item: Node, _ itemPath: String) {
      if skills.contains(where: { $0.type == skill.type }) {
        reader.fail(at: item, itemPath, expected: "each type once in a group's skills", found: "'\(types[skill.type].id)' again")
        failed = true
      } else {
        skills.append(skill)
      }
    }
    for (index, item) in items.enumerated() {
      let itemPath = "\(path)[\(index)]"
      if case .scalar = item {
        if let type = typeReference(item, itemPath, types: types, reader: &reader) { add(Skill(type: type), item, itemPath) } else { failed = true }
        continue
      }
      guard let fields = reader.mapping(item, itemPath, allowed: skillKeys) else { failed = true; continue }
      let type = reader.required(fields, "type", expected: "the id of a contact type")
        .flatMap { typeReference($0, fields.path("type"), types: types, reader: &reader) }
      let preference = fields["preference"].map {
        reader.integer($0, fields.path("preference"), expected: "a preference level from 1 (first choice) to 100", in: 1...100)
      } ?? 1
      let factor = fields["handleTimeFactor"].map {
        reader.number($0, fields.path("handleTimeFactor"), expected: "a handle-time factor > 0 and ≤ 10 (1 = the type's norm)",
                      where: { $0 > 0 && $0 <= 10 })
      } ?? 1
      let resolution: Double?? = fields["resolution"].map { probability($0, fields.path("resolution"), reader: &reader) } ?? .some(nil)
      let overflow = fields["overflowAfter"].map {
        reader.duration($0, fields.path("overflowAfter"), expected: "a wait such as 30s after which the group may take the contact",
                        where: { $0 >= 0 && $0 <= 7 * 86_400 })
      } ?? 0
      guard let type, let preference, let factor, let resolution, let overflow else { failed = true; continue }
      add(Skill(type: type, preference: preference, handleTimeFactor: factor, resolution: resolution, overflowDelay: overflow),
          item, itemPath)
    }
    return failed ? nil : skills
  }

  /// The `surges:` list: `[{from: "10:00", to: "13:00", factor: 2, types: [web, chat]}]`, clock
  /// times within the opening hours, factor 0 to 100 (0: an outage that stops a type's arrivals).
  static func surgeList(_ node: Node, types: [ContactType], opening: (start: Double, end: Double),
                        reader: inout YAMLReader) -> [Surge] {
    guard let items = reader.sequence(node, "surges", expected: "a list of surges such as [{from: \"10:00\", to: \"13:00\", factor: 2}]")
    else { return [] }
    let hours = "a clock time HH:MM within the opening hours (\(TimeText.clock(opening.start))-\(TimeText.clock(opening.end)))"
    var surges: [Surge] = []
    for (index, item) in items.prefix(1_000).enumerated() {
      let path = "surges[\(index)]"
      guard let fields = reader.mapping(item, path, allowed: surgeKeys) else { continue }
      if let text = fields["description"] { _ = reader.string(text, fields.path("description")) }
      func time(_ key: String) -> Double? {
        guard let node = reader.required(fields, key, expected: hours) else { return nil }
        guard let text = node.string, let value = ScenarioParser.clockTime(Substring(text)),
          value >= opening.start, value <= opening.end
        else {
          reader.fail(at: node, fields.path(key), expected: hours)
          return nil
        }
        return value
      }
      let from = time("from"), to = time("to")
      if let from, let to, to <= from, let node = fields["to"] {
        reader.fail(at: node, fields.path("to"), expected: "an end after the start (\(TimeText.clock(from)))", found: TimeText.clock(to))
        continue
      }
      let factor = reader.required(fields, "factor", expected: "a factor on the arrival rates from 0 to 100, such as 2")
        .flatMap { reader.number($0, fields.path("factor"), expected: "a factor on the arrival rates from 0 to 100, such as 2",
                                 where: { $0 >= 0 && $0 <= 100 }) }
      var affected: [Int]?? = .some(nil)
      if let list = fields["types"] {
        affected = reader.sequence(list, fields.path("types"), expected: "a list of contact type ids").map { nodes in
          let indices = nodes.enumerated().compactMap { typeReference($1, fields.path("types") + "[\($0)]", types: types, reader: &reader) }
          return indices.count == nodes.count ? .some(indices) : nil
        } ?? nil
      }
      guard let from, let to, let factor, let affected else { continue }
      surges.append(Surge(start: from - opening.start, end: to - opening.start, factor: factor, types: affected))
    }
    return surges
  }

  /// The top-level `costs:`: the currency, the overtime premium, and the contact costs every type
  /// has unless it says otherwise.
  static func costs(_ node: Node, reader: inout YAMLReader) -> (CostRules, ContactCosts)? {
    guard let fields = reader.mapping(node, "costs", allowed: costKeys) else { return nil }
    let currency = fields["currency"].map { reader.string($0, fields.path("currency"), expected: "a currency label such as EUR") } ?? ""
    let overtime = fields["overtimeFactor"].map {
      reader.number($0, fields.path("overtimeFactor"), expected: "a factor on the hourly cost for overtime, 1 to 5 (1.5: time and a half)",
                    where: { $0 >= 1 && $0 <= 5 })
    } ?? 1
    let prices = contactCosts(fields, defaults: ContactCosts(), reader: &reader)
    guard let currency, let overtime, let prices else { return nil }
    return (CostRules(currency: currency, overtimeFactor: overtime), prices)
  }

  /// `perContact`, `telephonyPerMinute`, `perAbandoned`, `perContained` of a `costs` mapping, each
  /// defaulting to `defaults`.
  static func contactCosts(_ fields: Fields, defaults: ContactCosts, reader: inout YAMLReader) -> ContactCosts? {
    func price(_ key: String, _ fallback: Double, _ what: String) -> Double? {
      fields[key].map {
        reader.number($0, fields.path(key), expected: "\(what): an amount from 0 to 1000000", where: { $0 >= 0 && $0 <= 1e6 })
      } ?? fallback
    }
    let perContact = price("perContact", defaults.perAnswered, "the cost of each answered contact")
    let telephony = price("telephonyPerMinute", defaults.telephonyPerMinute, "the cost of a minute on the line")
    let perAbandoned = price("perAbandoned", defaults.perAbandoned, "the cost of each abandoned contact")
    let perContained = price("perContained", defaults.perContained, "the cost of each contact self-service contains")
    guard let perContact, let telephony, let perAbandoned, let perContained else { return nil }
    return ContactCosts(perAnswered: perContact, telephonyPerMinute: telephony, perAbandoned: perAbandoned,
                        perContained: perContained)
  }

  /// A group's (or a type's dedicated group's) `hourlyCost` and `shrinkage`.
  static func staffCost(_ fields: Fields, reader: inout YAMLReader) -> (hourly: Double?, shrinkage: Double?) {
    let hourly = fields["hourlyCost"].map {
      reader.number($0, fields.path("hourlyCost"), expected: "the cost of a paid agent-hour, 0 to 10000", where: { $0 >= 0 && $0 <= 10_000 })
    } ?? 0
    var shrinkage = fields["shrinkage"].map { probability($0, fields.path("shrinkage"), reader: &reader) } ?? 0
    if let value = shrinkage, value > 0.9, let node = fields["shrinkage"] {
      reader.fail(at: node, fields.path("shrinkage"), expected: "a share of paid time lost from 0 to 90%",
                  found: node.string ?? "\(value)")
      shrinkage = nil
    }
    return (hourly, shrinkage)
  }

  /// A type's `costs` (its contact costs, over the top-level ones) and, with its own `agents`, the
  /// `hourlyCost` and `shrinkage` of its dedicated group.
  static func typeCosts(_ node: Node, _ path: String, type: inout ContactType, defaults: ContactCosts, reader: inout YAMLReader) {
    type.contactCosts = defaults
    if let costsNode = node["costs"], let fields = reader.mapping(costsNode, "\(path).costs", allowed: contactCostKeys),
      let prices = contactCosts(fields, defaults: defaults, reader: &reader) {
      type.contactCosts = prices
    }
    guard let fields = reader.mapping(node, path, allowed: ScenarioParser.typeKeys) else { return }
    for key in ["hourlyCost", "shrinkage"] where type.agents == nil {
      if let keyNode = fields[key] {
        reader.fail(at: keyNode, fields.path(key),
                    expected: "\(key) only on a type with its own agents (otherwise it belongs to the groups that serve it)")
      }
    }
    let (hourly, shrinkage) = staffCost(fields, reader: &reader)
    type.hourlyCost = hourly ?? 0
    type.shrinkage = shrinkage ?? 0
  }

  /// Every type needs someone to serve it: its own `agents`, or a group with a skill for it.
  /// Every type has agents of its own or a group with a skill for it that has an agent at some
  /// time (a group may be left without agents, but not every group of a type).
  static func checkEveryTypeIsServed(_ types: [ContactType], _ nodes: [Node], groups: [AgentGroup], reader: inout YAMLReader) {
    let staffed = groups.filter { group in group.agents.contains { $0 > 0 } || group.shifts.contains { $0.count > 0 } }
    let served = Set(staffed.flatMap { $0.skills.map(\.type) })
    for (index, type) in types.enumerated() where type.agents == nil && !served.contains(index) {
      let unstaffed = groups.filter { $0.skills.contains { $0.type == index } }.map(\.id)
      reader.fail(at: nodes[index], "contactTypes[\(index)]",
                  expected: unstaffed.isEmpty ? "agents of its own, or a group with a skill for '\(type.id)'"
                    : "agents of its own, or a group with a skill for '\(type.id)' and an agent at some time",
                  found: unstaffed.isEmpty ? "no group that can serve it"
                    : "only groups with no agent all day (\(unstaffed.joined(separator: ", ")))")
    }
  }
}
