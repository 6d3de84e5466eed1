import ContactCenterModel
import Foundation
import Queueing
import Stochastic
import Yams

/// A scenario file read and validated, with the exact bytes it was read from (results keep a copy
/// and its SHA-256).
public struct ScenarioFile: Sendable {
  public var path: String
  public var scenario: Scenario
  public var text: String

  /// Largest scenario file accepted.
  public static let maximumBytes = 16 << 20
  /// Largest number of YAML values after aliases are expanded.
  public static let maximumNodes = 1_000_000
  /// Largest bound on the expected contacts of one replication: arrivals (busyness factor 1) times
  /// the contacts each may lead to (``ContactCenterModel/Scenario/contactsPerArrivalBound``).
  public static let maximumContacts = 50_000_000.0

  /// Reads, parses and validates a scenario file.
  /// - Throws: ``ScenarioErrors`` listing every problem found, each at its line and column.
  public static func load(path: String) throws(ScenarioErrors) -> ScenarioFile {
    try parse(readText(path: path), file: path)
  }

  /// The text of a scenario (or plan) file, checked to be a readable UTF-8 file of reasonable size.
  static func readText(path: String) throws(ScenarioErrors) -> String {
    let name = path
    func fileError(_ expected: String, _ found: String) -> ScenarioErrors {
      ScenarioErrors([ScenarioError(file: name, line: 0, column: 0, path: "", expected: expected, found: found)])
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
      throw fileError("a scenario file (YAML)", isDirectory.boolValue ? "a directory" : "no such file")
    }
    let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    guard size <= maximumBytes else {
      throw fileError("a scenario file of at most \(maximumBytes >> 20) MiB", "\(size >> 20) MiB")
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw fileError("a readable scenario file", "a file that cannot be read")
    }
    guard let text = String(data: data, encoding: .utf8) else {
      throw fileError("a UTF-8 text file", "bytes that are not UTF-8 text")
    }
    return text
  }

  /// Parses and validates scenario text; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws(ScenarioErrors) -> ScenarioFile {
    let root = try compose(text, file: file)
    return try validate(root, text: text, file: file)
  }

  /// Reads a scenario out of its YAML tree. `origin` moves each error to where its field came from
  /// (a plan overlay's fields come from the plan file, a swept value from `--vary`); by default
  /// every field comes from `file`.
  static func validate(_ root: Node, text: String, file: String, origin: ((ScenarioError) -> ScenarioError)? = nil)
    throws(ScenarioErrors) -> ScenarioFile {
    var reader = YAMLReader(file: file)
    let scenario = ScenarioParser.scenario(root, reader: &reader)
    guard reader.errors.isEmpty, let scenario else {
      var errors = reader.errors
      if let origin { errors = errors.map(origin) }
      throw ScenarioErrors(errors.sorted { ($0.file != file ? 1 : 0, $0.line, $0.column) < ($1.file != file ? 1 : 0, $1.line, $1.column) })
    }
    return ScenarioFile(path: file, scenario: scenario, text: text)
  }
}

/// The scenario format, field by field (documented in `Docs/scenario-format.md`).
enum ScenarioParser {
  static let topKeys = [
    "name", "description", "openingHours", "interval", "study", "warmUp", "busynessCV", "serviceLevel", "routing",
    "contactTypes", "groups", "surges", "costs", "targets", "lines", "runLength",
  ]
  static let typeKeys = [
    "id", "description", "volumes", "rates", "rate", "handleTime", "patience", "agents", "serviceLevel", "priority",
    "resolution", "escalation", "containment", "retrial", "repeat", "callback", "costs", "hourlyCost",
    "shrinkage", "channel", "handledAs", "backlog", "concurrency", "stretch", "targets", "queueCapacity",
    "handleTimeByInterval",
  ]
  static let distributionKeys: [String: [String]] = [
    "exponential": ["mean"], "gamma": ["mean", "cv"], "erlang": ["mean", "phases"], "lognormal": ["mean", "cv"],
    "weibull": ["mean", "shape"], "normal": ["mean", "sd"], "uniform": ["min", "max"], "deterministic": ["value"],
    "hyperexponential": ["mean", "cv"], "empirical": ["values", "interpolate"],
  ]
  static let distributionNames = ["exponential", "gamma", "erlang", "lognormal", "weibull", "normal", "uniform",
                                  "deterministic", "hyperexponential", "empirical"]

  static func scenario(_ root: Node, reader: inout YAMLReader) -> Scenario? {
    guard let fields = reader.mapping(root, "", allowed: topKeys) else { return nil }
    let name = reader.required(fields, "name", expected: "a scenario name").flatMap { node -> String? in
      guard let text = reader.string(node, "name", expected: "a name of letters, digits, '-', '_' or '.'") else { return nil }
      let allowed = text.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_.".unicodeScalars.contains($0) }
      guard allowed, text.count <= 100, !text.hasPrefix(".") else {
        reader.fail(at: node, "name", expected: "a name of letters, digits, '-', '_' or '.' (at most 100, used as a folder name)")
        return nil
      }
      return text
    }
    if let node = fields["description"] { _ = reader.string(node, "description") }
    var study = Study.day
    let studyName = fields["study"].flatMap { reader.choice($0, "study", ["day", "steady-state"]) } ?? "day"
    if studyName == "steady-state" {
      if let warmUp = reader.required(fields, "warmUp", expected: "a warm-up duration such as 2h (steady-state studies)")
        .flatMap({ reader.duration($0, "warmUp", where: { $0 <= 7 * 86_400 }) }) {
        study = .steadyState(warmUp: warmUp)
      }
    } else if let node = fields["warmUp"] {
      reader.fail(at: node, "warmUp", expected: "no warm-up in a day study (a day starts empty; use study: steady-state)")
    }
    let (hours, interval, intervalCount) = Self.window(fields, steadyState: studyName == "steady-state", reader: &reader)
    let busyness = fields["busynessCV"].flatMap {
      reader.number($0, "busynessCV", expected: "a coefficient of variation > 0 and ≤ 2", where: { $0 > 0 && $0 <= 2 })
    }
    // When the centre-wide rule is malformed its error is already recorded; the types are still
    // checked against the plain 20 s default so that their own errors are reported too.
    let defaultLevel = fields["serviceLevel"].map { serviceLevel($0, "serviceLevel", fallback: nil, reader: &reader) }
      .flatMap { $0 } ?? ServiceLevelRule(threshold: 20)

    let (costRules, defaultCosts) = fields["costs"].flatMap { costs($0, reader: &reader) } ?? (CostRules(), ContactCosts())

    var types: [ContactType] = []
    var typeNodes: [Node] = []
    if let node = reader.required(fields, "contactTypes", expected: "a list of contact types"),
      let items = reader.sequence(node, "contactTypes", expected: "a list of contact types") {
      typeNodes = Array(items.prefix(1_000))
      if items.isEmpty { reader.fail(at: node, "contactTypes", expected: "at least one contact type", found: "an empty list") }
      if items.count > 1_000 { reader.fail(at: node, "contactTypes", expected: "at most 1000 contact types", found: "\(items.count)") }
      var seen: Set<String> = []
      for (index, item) in items.prefix(1_000).enumerated() {
        let path = "contactTypes[\(index)]"
        guard let type = contactType(item, path, intervals: intervalCount, intervalLength: interval,
                                     serviceLevel: defaultLevel, dayStudy: study == .day, reader: &reader)
        else { continue }
        if !seen.insert(type.id).inserted {
          reader.fail(at: item, "\(path).id", expected: "an id used by no other type", found: type.id)
        }
        types.append(type)
      }
    }
    let routing = fields["routing"].flatMap { routingPolicy($0, reader: &reader) } ?? RoutingPolicy()
    let lines = Self.lines(fields, types: types.count == typeNodes.count ? types : nil, reader: &reader)
    // References between types and groups are checked only when every type was read, so that a
    // type with its own error does not also show up as an unknown reference.
    var groups: [AgentGroup] = []
    if types.count == typeNodes.count, let intervalCount {
      for (index, item) in typeNodes.enumerated() {
        types[index].escalations = escalations(item, "contactTypes[\(index)]", types: types, reader: &reader)
        if types[index].handling == .deferred, let node = item["retrial"] {
          reader.fail(at: node, "contactTypes[\(index)].retrial",
                      expected: "no retrial on deferred work (it never abandons; a customer who comes back unresolved is a repeat)")
        }
        types[index].retrial = item["retrial"].flatMap {
          recontact($0, "contactTypes[\(index)].retrial", types: types, reader: &reader)
        }
        types[index].repeats = item["repeat"].flatMap {
          recontact($0, "contactTypes[\(index)].repeat", types: types, reader: &reader)
        }
        typeCosts(item, "contactTypes[\(index)]", type: &types[index], defaults: defaultCosts, reader: &reader)
      }
      checkEscalationCycles(types, typeNodes, reader: &reader)
      let before = reader.errors.count
      if let node = fields["groups"] {
        let day = hours.flatMap { opening in interval.map { (opening: opening, length: $0) } }
        groups = agentGroups(node, types: types, intervals: intervalCount, day: study == .day ? day : nil, reader: &reader)
      }
      // A group with an error of its own is missing here: coverage would only repeat that error.
      if reader.errors.count == before { checkEveryTypeIsServed(types, typeNodes, groups: groups, reader: &reader) }
    }
    var surges: [Surge] = []
    if let node = fields["surges"], let hours, types.count == typeNodes.count {
      surges = surgeList(node, types: types, opening: hours, reader: &reader)
    }
    // Targets refer to types and groups by position: read them only when all of those were read.
    var targets: Targets?
    if reader.errors.isEmpty {
      let groupNodes = fields["groups"].flatMap { node -> [Node]? in
        if case .sequence(let items) = node { Array(items) } else { nil }
      } ?? []
      targets = Self.targets(fields, typeNodes: typeNodes, groupNodes: groupNodes, types: types, groups: groups,
                             reader: &reader)
    }
    guard let name, let hours, let interval, let intervalCount, let targets, let lines, reader.errors.isEmpty else { return nil }
    var scenario = Scenario(
      name: name, intervalLength: interval, intervalCount: intervalCount, study: study, busynessCV: busyness,
      clockStart: hours.start, contactTypes: types, groups: groups, routing: routing, surges: surges, costs: costRules)
    scenario.targets = targets
    scenario.lines = lines
    guard checkWork(scenario, contactTypes: fields["contactTypes"], typeNodes: typeNodes, reader: &reader) else { return nil }
    return scenario
  }

  /// The measured span and its planning intervals: the opening hours cut into intervals of
  /// `interval`, or in a steady-state study with `runLength` one window of that length (up to 365
  /// days) from 00:00, in place of `openingHours` and `interval`.
  static func window(
    _ fields: Fields, steadyState: Bool, reader: inout YAMLReader
  ) -> (hours: (start: Double, end: Double)?, interval: Double?, intervalCount: Int?) {
    if let node = fields["runLength"] {
      guard steadyState else {
        reader.fail(at: node, "runLength", expected: "no runLength in a day study (a day runs for its opening hours; use study: steady-state)")
        return (nil, nil, nil)
      }
      for key in ["openingHours", "interval"] {
        if let other = fields[key] {
          reader.fail(at: other, key, expected: "no \(key) with runLength (a steady-state run of runLength is one window from 00:00)")
        }
      }
      guard let length = reader.duration(node, "runLength", expected: "a run length > 0 and at most 365d, such as 30d or 1000h",
                                         where: { $0 > 0 && $0 <= 365 * 86_400 }),
        fields["openingHours"] == nil, fields["interval"] == nil
      else { return (nil, nil, nil) }
      return ((0, length), length, 1)
    }
    let hours = reader.required(fields, "openingHours", expected: "opening hours such as 07:00-21:00")
      .flatMap { openingHours($0, reader: &reader) }
    let interval = reader.required(fields, "interval", expected: "15m, 30m or 60m").flatMap { node -> Double? in
      reader.duration(node, "interval", expected: "15m, 30m or 60m", where: { [900, 1800, 3600].contains($0) })
    }
    var intervalCount: Int?
    if let hours, let interval, let node = fields["interval"] {
      let span = hours.end - hours.start
      if span.truncatingRemainder(dividingBy: interval) != 0 {
        reader.fail(at: node, "interval", expected: "a length that divides the opening hours (\(TimeText.duration(span, style: .short)))",
                    found: TimeText.duration(interval, style: .short))
      } else {
        intervalCount = Int(span / interval)
      }
    }
    return (hours, interval, intervalCount)
  }

  /// `HH:MM` as seconds after midnight (`24:00` allowed), or `nil`.
  static func clockTime(_ text: Substring) -> Double? {
    let pieces = text.split(separator: ":")
    guard pieces.count == 2, pieces[1].count == 2, let h = Int(pieces[0]), let m = Int(pieces[1]),
      (0...24).contains(h), (0..<60).contains(m), h < 24 || m == 0 else { return nil }
    return Double(h * 3600 + m * 60)
  }

  /// `07:00-21:00` as seconds after midnight; the end may be `24:00`.
  static func openingHours(_ node: Node, reader: inout YAMLReader) -> (start: Double, end: Double)? {
    let expected = "opening hours such as 07:00-21:00 (HH:MM-HH:MM, end after start, at most 24:00)"
    guard let text = node.string else {
      reader.fail(at: node, "openingHours", expected: expected)
      return nil
    }
    let parts = text.split(separator: "-")
    guard parts.count == 2, let start = clockTime(parts[0]), let end = clockTime(parts[1]), end > start else {
      reader.fail(at: node, "openingHours", expected: expected)
      return nil
    }
    return (start, end)
  }

  static func serviceLevel(_ node: Node, _ path: String, fallback: ServiceLevelRule?, reader: inout YAMLReader) -> ServiceLevelRule? {
    guard let fields = reader.mapping(node, path, allowed: ["threshold", "definition"]) else { return nil }
    let threshold = fields["threshold"].map { reader.duration($0, fields.path("threshold"), where: { $0 <= 86_400 }) }
      ?? fallback?.threshold ?? 20
    let definitions = ServiceLevelDefinition.allCases.map(\.rawValue)
    let definition = fields["definition"].map {
      reader.choice($0, fields.path("definition"), definitions).flatMap(ServiceLevelDefinition.init(rawValue:))
    } ?? fallback?.definition ?? .offered
    guard let threshold, let definition else { return nil }
    return ServiceLevelRule(threshold: threshold, definition: definition)
  }

  static func contactType(
    _ node: Node, _ path: String, intervals: Int?, intervalLength: Double?, serviceLevel defaultLevel: ServiceLevelRule,
    dayStudy: Bool, reader: inout YAMLReader
  ) -> ContactType? {
    guard let fields = reader.mapping(node, path, allowed: typeKeys) else { return nil }
    let id = reader.required(fields, "id", expected: "an id such as 'support'").flatMap {
      reader.identifier($0, fields.path("id"), example: "support")
    }
    if let node = fields["description"] { _ = reader.string(node, fields.path("description")) }
    // Arrivals: exactly one of volumes, rates, rate.
    let given = ["volumes", "rates", "rate"].filter { fields[$0] != nil }
    var rates: [Double]?
    if given.count != 1 {
      reader.fail(at: given.count > 1 ? fields[given[1]] : node, given.count > 1 ? fields.path(given[1]) : path,
                  expected: "exactly one of volumes (contacts per interval), rates (one per interval) or rate (all day)",
                  found: given.isEmpty ? "none of them" : given.joined(separator: " and "))
    } else if let intervals, let intervalLength {
      let key = given[0]
      let value = fields[key]!
      switch key {
      case "rate":
        let rate = value.string.flatMap(Quantity.ratePerSecond)
        if let rate, rate <= 1e4 { rates = Array(repeating: rate, count: intervals) } else {
          reader.fail(at: value, fields.path(key), expected: "a rate with its period such as 576/h (at most 10000/s)")
        }
      default:
        rates = profile(value, fields.path(key), count: intervals, reader: &reader) { item, itemPath, reader in
          if key == "volumes" {
            return reader.number(item, itemPath, expected: "a number of contacts ≥ 0 (at most 10000000)",
                                 where: { $0 >= 0 && $0 <= 1e7 }).map { $0 / intervalLength }
          }
          guard let rate = item.string.flatMap(Quantity.ratePerSecond), rate <= 1e4 else {
            reader.fail(at: item, itemPath, expected: "a rate with its period such as 200/h (at most 10000/s)")
            return nil
          }
          return rate
        }
      }
    }
    let handle = reader.required(fields, "handleTime", expected: "a handle-time distribution such as {distribution: exponential, mean: 5m}")
      .flatMap { distribution($0, fields.path("handleTime"), allowNone: false, reader: &reader) }
    let handleFactors = handleTimeFactors(fields, intervals: intervals, reader: &reader)
    var patience: Distribution?? = .some(nil)
    if let node = fields["patience"] {
      patience = distribution(node, fields.path("patience"), allowNone: true, reader: &reader)
    }
    // Agents of a dedicated group are optional: a type may be served by declared groups instead.
    var agents: [Int]?? = .some(nil)
    if let node = fields["agents"] {
      // A malformed headcount fails the type (nil), rather than leave it without agents.
      agents = intervals.flatMap { headcounts(node, fields.path("agents"), intervals: $0, reader: &reader) }.map { .some($0) }
    }
    let level = fields["serviceLevel"].map {
      Self.serviceLevel($0, fields.path("serviceLevel"), fallback: defaultLevel, reader: &reader)
    } ?? defaultLevel
    let priority = fields["priority"].map { priorityClass($0, fields.path("priority"), reader: &reader) } ?? 1
    let resolution = fields["resolution"].map { probability($0, fields.path("resolution"), reader: &reader) } ?? 1
    let containment = fields["containment"].map { probability($0, fields.path("containment"), reader: &reader) } ?? 0
    let channel = Self.channel(fields, reader: &reader)
    var callback: CallbackOffer?? = .some(nil)
    if let node = fields["callback"], channel != nil {
      callback = callbackOffer(node, fields.path("callback"), reader: &reader).map { .some($0) }
    }
    var backlog: OpeningBacklog?? = .some(nil)
    if let node = fields["backlog"], let (_, handling) = channel {
      backlog = openingBacklog(node, fields.path("backlog"), handling: handling, dayStudy: dayStudy, reader: &reader)
        .map { .some($0) }
    }
    let queueCapacity = Self.queueCapacity(fields, handling: channel?.1, reader: &reader)
    var concurrency: Concurrency? = Concurrency()
    if let (_, handling) = channel {
      concurrency = Self.concurrency(
        fields, takesSessions: handling == .session && agents != .some(nil),
        misplaced: "on a chat type (or social handled as chat) with its own agents; otherwise on the groups that serve it",
        reader: &reader)
    }
    guard let id, let rates, let handle = handle ?? nil, let handleFactors, let patience, let agents, let level, let priority, let resolution,
      let containment, let callback, let (channel, handling) = channel, let backlog, let concurrency, let queueCapacity
    else { return nil }
    var type = ContactType(id: id, arrivalRates: rates, handleTime: handle, patience: patience, agents: agents,
                           serviceLevel: level, priority: priority, resolution: resolution, containment: containment)
    type.setChannel(channel, handling: handling)
    type.handleTimeFactors = handleFactors
    type.callback = callback
    type.openingBacklog = backlog
    type.concurrency = concurrency
    type.queueCapacity = queueCapacity
    return type
  }

  /// Agents on duty: one number for the whole day, or a list with one per interval; some agent
  /// somewhere, unless `allowingNobody` (a declared group may be left unstaffed, e.g. by a plan
  /// that needs nobody there, as long as every type has someone: ``checkEveryTypeIsServed``).
  static func headcounts(
    _ node: Node, _ path: String, intervals: Int, allowingNobody: Bool = false, reader: inout YAMLReader
  ) -> [Int]? {
    let expected = "a whole number of agents from 0 to 100000"
    let counts: [Int]?
    if case .scalar = node {
      counts = reader.integer(node, path, expected: expected, in: 0...100_000).map { Array(repeating: $0, count: intervals) }
    } else {
      counts = profile(node, path, count: intervals, reader: &reader) { item, itemPath, reader in
        reader.integer(item, itemPath, expected: expected, in: 0...100_000)
      }
    }
    if let counts, !allowingNobody, counts.allSatisfy({ $0 == 0 }) {
      reader.fail(at: node, path, expected: "at least one agent in some interval", found: "0 in every interval")
      return nil
    }
    return counts
  }

  /// A list with one value per interval.
  static func profile<Value>(
    _ node: Node, _ path: String, count: Int, reader: inout YAMLReader,
    item: (Node, String, inout YAMLReader) -> Value?
  ) -> [Value]? {
    guard let items = reader.sequence(node, path, expected: "a list with one value per interval (\(count))") else { return nil }
    guard items.count == count else {
      reader.fail(at: node, path, expected: "\(count) values, one per interval", found: "\(items.count)")
      return nil
    }
    var values: [Value] = []
    for (index, element) in items.enumerated() {
      if let value = item(element, "\(path)[\(index)]", &reader) { values.append(value) }
    }
    return values.count == count ? values : nil
  }

  /// A distribution mapping; `none` (when allowed) is `.some(nil)`; `nil` on error.
  static func distribution(_ node: Node, _ path: String, allowNone: Bool, reader: inout YAMLReader) -> Distribution?? {
    if allowNone, node.string == "none" { return .some(nil) }
    let kinds = "a mapping with a distribution (\(distributionNames.joined(separator: ", ")))" + (allowNone ? ", or none" : "")
    guard case .mapping = node else {
      reader.fail(at: node, path, expected: kinds)
      return nil
    }
    guard let nameNode = node["distribution"] else {
      reader.fail(at: node, "\(path).distribution", expected: "one of \(distributionNames.joined(separator: ", "))",
                  found: "nothing (the key is missing)")
      return nil
    }
    guard let name = reader.choice(nameNode, "\(path).distribution", distributionNames),
      let fields = reader.mapping(node, path, allowed: ["distribution"] + distributionKeys[name]!)
    else { return nil }
    let before = reader.errors.count
    func duration(_ key: String, positive: Bool = true) -> Double? {
      let value = reader.required(fields, key, expected: positive ? "a duration > 0 such as 300s" : "a duration such as 300s").flatMap {
        reader.duration($0, fields.path(key), expected: positive ? "a duration > 0 with a unit, such as 300s or 5m" : "a duration with a unit, such as 300s",
                        where: { positive ? $0 > 0 : $0 >= 0 })
      }
      if positive, key == "mean", let value, value < Distribution.smallestMean {
        reader.fail(at: fields[key], fields.path(key), expected: "a mean of at least 1e-200s (below it the sampler's scale underflows to 0)")
        return nil
      }
      return value
    }
    func number(_ key: String, _ expected: String, _ condition: @escaping (Double) -> Bool) -> Double? {
      reader.required(fields, key, expected: expected).flatMap { reader.number($0, fields.path(key), expected: expected, where: condition) }
    }
    let result: Distribution?
    switch name {
    case "exponential": result = duration("mean").map { .exponential(mean: $0) }
    case "gamma", "lognormal", "hyperexponential":
      let mean = duration("mean")
      let cv = name == "hyperexponential"
        ? number("cv", "a coefficient of variation > 1 and ≤ 10", { $0 > 1 && $0 <= 10 })
        : number("cv", "a coefficient of variation > 0 and ≤ 10", { $0 > 0 && $0 <= 10 })
      guard let mean, let cv else { result = nil; break }
      result = name == "gamma" ? .gamma(mean: mean, cv: cv) : name == "lognormal" ? .lognormal(mean: mean, cv: cv)
        : .hyperexponential(mean: mean, cv: cv)
    case "erlang":
      let mean = duration("mean")
      let phases = reader.required(fields, "phases", expected: "a whole number of phases from 1 to 10000")
        .flatMap { reader.integer($0, fields.path("phases"), expected: "a whole number of phases from 1 to 10000", in: 1...10_000) }
      result = mean.flatMap { m in phases.map { .erlang(mean: m, phases: $0) } }
    case "weibull":
      let mean = duration("mean")
      let shape = number("shape", "a shape from 0.05 to 100", { $0 >= 0.05 && $0 <= 100 })
      result = mean.flatMap { m in shape.map { .weibull(mean: m, shape: $0) } }
    case "normal":
      let mean = duration("mean", positive: false)
      let sd = duration("sd")
      if let mean, let sd, mean / sd < -5 {
        reader.fail(at: fields["mean"], fields.path("mean"), expected: "a mean above −5 standard deviations")
      }
      result = mean.flatMap { m in sd.map { .truncatedNormal(mean: m, standardDeviation: $0) } }
    case "uniform":
      let low = duration("min", positive: false), high = duration("max", positive: false)
      if let low, let high, high <= low {
        reader.fail(at: fields["max"], fields.path("max"), expected: "a maximum above the minimum (\(TimeText.duration(low, style: .short)))")
      }
      result = low.flatMap { l in high.map { .uniform(minimum: l, maximum: $0) } }
    case "deterministic": result = duration("value", positive: false).map { .deterministic(value: $0) }
    default: // empirical
      let interpolate = fields["interpolate"].map { node -> Bool? in
        guard let flag = node.bool else {
          reader.fail(at: node, fields.path("interpolate"), expected: "true or false")
          return nil
        }
        return flag
      } ?? false
      let values = reader.required(fields, "values", expected: "a list of observed durations").flatMap { node -> [Double]? in
        guard let items = reader.sequence(node, fields.path("values"), expected: "a list of observed durations") else { return nil }
        let minimum = interpolate == true ? 2 : 1
        if items.count < minimum || items.count > 100_000 {
          reader.fail(at: node, fields.path("values"), expected: "from \(minimum) to 100000 observed durations", found: "\(items.count)")
          return nil
        }
        let parsed = items.enumerated().compactMap { reader.duration($1, "\(fields.path("values"))[\($0)]") }
        return parsed.count == items.count ? parsed : nil
      }
      result = values.flatMap { v in interpolate.map { .empirical(values: v, interpolated: $0) } }
    }
    guard reader.errors.count == before, let result, result.problem == nil else {
      if reader.errors.count == before, let problem = result?.problem { reader.fail(at: node, path, expected: problem) }
      return nil
    }
    return .some(result)
  }
}
