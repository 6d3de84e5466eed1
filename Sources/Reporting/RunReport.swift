import ContactCenterModel
import Foundation

/// The files and the console table of a `ccsim run`: `summary.json`, `intervals.csv` and a short
/// KPI table. Pure formatting: the same result gives the same bytes.
public struct RunReport: Sendable {
  public var result: RunResult
  public var scenarioSHA256: String
  public var toolVersion: String

  public init(result: RunResult, scenarioSHA256: String, toolVersion: String) {
    self.result = result
    self.scenarioSHA256 = scenarioSHA256
    self.toolVersion = toolVersion
  }

  /// The files of `ccsim run`'s results folder, `(name, contents)`: `summary.json`,
  /// `intervals.csv`, `groups.csv`, `report.html` (with the scenario's service-level targets) and
  /// `scenarioText`, the scenario file's text, as `scenario.yaml`
  /// (``ScenarioIO/ResultsFolder/write(seed:label:files:beforeRename:)`` writes them).
  public func files(scenarioText: String) -> [(String, String)] {
    [
      ("summary.json", summaryJSON()),
      ("intervals.csv", intervalsCSV()),
      ("groups.csv", groupsCSV()),
      ("report.html", html(serviceLevelTargets: result.scenario.targets.types.map(\.serviceLevel))),
      ("scenario.yaml", scenarioText),
    ]
  }

  /// `summary.json`: run identity, then every metric of the centre's day (`totals`) and of each
  /// type's day (`by_type.<id>`) as `{"mean": x, "ci95": h}`.
  public func summaryJSON() -> String {
    let scenario = result.scenario
    let study: [(String, JSONValue)] = switch scenario.study {
    case .day: [("study", .string("day"))]
    case .steadyState(let warmUp): [("study", .string("steady-state")), ("warm_up_s", .number(warmUp))]
    }
    let types = zip(scenario.contactTypes, result.types).map { type, kpis -> (String, JSONValue) in
      (type.id, Self.metrics(kpis, of: scenario, extra: [
        ("channel", .string(type.channel.rawValue)),
        ("handling", .string(type.handling.rawValue)),
        ("sl_threshold_s", .number(type.serviceLevel.threshold)),
        ("sl_definition", .string(type.serviceLevel.definition.rawValue)),
      ]))
    }
    let document = JSONValue.object([
      ("tool_version", .string(toolVersion)),
      ("scenario", .string(scenario.name)),
      ("scenario_sha256", .string(scenarioSHA256)),
      ("seed", .string(String(result.seed))),
      ("replications", .integer(result.replications.count)),
    ] + study + [
      ("interval_s", .number(scenario.intervalLength)),
      ("intervals", .integer(scenario.intervalCount)),
      ("currency", .string(scenario.costs.currency)),
      ("opening_hours", .string("\(TimeText.clock(scenario.clockStart))-\(TimeText.clock(scenario.clockStart + Double(scenario.intervalCount) * scenario.intervalLength))")),
      ("totals", Self.metrics(result.totals, of: scenario, extra: [])),
      ("by_type", .object(types)),
      ("by_priority", .object(zip(result.priorityClasses, result.priorities).map { ("P\($0)", Self.metrics($1, of: scenario, extra: [])) })),
      ("by_channel", .object(zip(result.channelNames, result.channels).map { ($0.rawValue, Self.metrics($1, of: scenario, extra: [])) })),
      ("by_group", .object(zip(scenario.agentGroups, result.groups).map { group, kpis in
        (group.id, Self.estimates(kpis, GroupMetric.allCases.map(\.rawValue), extra: [
          ("skills", .array(group.skills.map { .string(scenario.contactTypes[$0.type].id) })),
        ]))
      })),
    ])
    return document.prettyRendered() + "\n"
  }

  /// The contact metrics `scenario` reports (``Scenario/reportedMetrics``), with `extra` first.
  static func metrics(_ kpis: KPIs, of scenario: Scenario, extra: [(String, JSONValue)]) -> JSONValue {
    let reported = scenario.reportedMetrics
    return estimates(kpis.restricted(to: reported), reported.map(\.rawValue), extra: extra)
  }

  /// Each estimate as `{"mean": x, "ci95": h}` (plus `"n"` when fewer replications defined it),
  /// named by `names` in the order of `kpis.estimates`.
  static func estimates(_ kpis: KPIs, _ names: [String], extra: [(String, JSONValue)]) -> JSONValue {
    .object(extra + zip(names, kpis.estimates).map { name, estimate in
      guard let estimate else { return (name, .null) }
      var fields: [(String, JSONValue)] = [("mean", .number(estimate.mean)), ("ci95", estimate.ci95.map(JSONValue.number) ?? .null)]
      if estimate.replications < kpis.replicationCount { fields.append(("n", .integer(estimate.replications))) }
      return (name, .object(fields))
    })
  }

  /// `intervals.csv`: one row per type and interval; for each metric its mean and the 95%
  /// half-width (empty where undefined).
  public func intervalsCSV() -> String {
    let reported = result.scenario.reportedMetrics
    return Self.csv(key: "type", ids: result.scenario.contactTypes.map(\.id), metrics: reported.map(\.rawValue),
                    rows: result.intervals.map { $0.map { $0.restricted(to: reported) } }, scenario: result.scenario)
  }

  /// `groups.csv`: one row per agent group and interval, with the group metrics and half-widths.
  public func groupsCSV() -> String {
    Self.csv(key: "group", ids: result.scenario.agentGroups.map(\.id), metrics: GroupMetric.allCases.map(\.rawValue),
             rows: result.groupIntervals, scenario: result.scenario)
  }

  /// A wide CSV: `key, interval, start, end`, then each metric and its `_ci95`; `rows[id][interval]`.
  static func csv(key: String, ids: [String], metrics: [String], rows: [[KPIs]], scenario: Scenario) -> String {
    var header = [key, "interval", "start", "end"]
    for metric in metrics { header += [metric, metric + "_ci95"] }
    var lines = [header.joined(separator: ",")]
    for (i, id) in ids.enumerated() {
      for k in 0..<scenario.intervalCount {
        let start = scenario.clockStart + Double(k) * scenario.intervalLength
        var row = [csvField(id), String(k + 1), TimeText.clock(start), TimeText.clock(start + scenario.intervalLength)]
        for estimate in rows[i][k].estimates {
          row += [estimate.map { number($0.mean) } ?? "", estimate?.ci95.map(number) ?? ""]
        }
        lines.append(row.joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// The console table: per type and for the centre, the headline KPIs with their 95% half-widths;
  /// with declared (multi-skill) groups, a second table of agent KPIs per group.
  public func kpiTable() -> String {
    let count = { (x: Double) in String(format: "%.0f", x) }
    let percent = { (x: Double) in String(format: "%.1f%%", 100 * x) }
    let seconds = { (x: Double) in String(format: "%.1fs", x) }
    let hours = { (x: Double) in String(format: "%.1f", x) }
    /// "mean ± half-width", or "–" where undefined.
    func cell(_ estimate: Estimate?, _ format: (Double) -> String) -> String {
      guard let estimate else { return "–" }
      return format(estimate.mean) + (estimate.ci95.map { " ± " + format($0) } ?? "")
    }
    // With lines or queue capacities: the blocked contacts, and the service level of those admitted.
    let blocking = result.scenario.canBlock
    var table = TextTable(headers: ["", "offered", "answered", "abandoned"] + (blocking ? ["blocked"] : [])
                          + ["SL"] + (blocking ? ["SL admitted"] : []) + ["ASA", "abandon", "occupancy", "AHT"])
    func row(_ name: String, _ kpis: KPIs) -> [String] {
      [name, cell(kpis[.offered], count), cell(kpis[.answered], count), cell(kpis[.abandoned], count)]
        + (blocking ? [cell(kpis[.blocked], count)] : []) + [cell(kpis[.serviceLevel], percent)]
        + (blocking ? [cell(kpis[.serviceLevelAdmitted], percent)] : [])
        + [cell(kpis[.averageSpeedOfAnswer], seconds),
           cell(kpis[.abandonRate], percent), cell(kpis[Metric.occupancy], percent), cell(kpis[Metric.averageHandleTime], seconds)]
    }
    for (type, kpis) in zip(result.scenario.contactTypes, result.types) { table.append(row(type.id, kpis)) }
    // Channel rows only where they add something: several channels, one of them with several types.
    if result.channelNames.count > 1 && result.channelNames.count < result.scenario.contactTypes.count {
      for (channel, kpis) in zip(result.channelNames, result.channels) { table.append(row("all \(channel.rawValue)", kpis)) }
    }
    if result.scenario.contactTypes.count > 1 { table.append(row("all", result.totals)) }
    var text = table.rendered()
    let deferred = zip(result.scenario.contactTypes, result.types).filter { $0.0.handling == .deferred }
    if !deferred.isEmpty {
      let ageHours = { (x: Double) in String(format: "%.1fh", x / 3600) }
      var backlog = TextTable(headers: ["deferred work", "carried in", "backlog at close", "mean age", "oldest", "overdue"])
      for (type, kpis) in deferred {
        backlog.append([type.id, cell(kpis[.carriedIn], count), cell(kpis[.backlog], count), cell(kpis[.backlogAge], ageHours),
                        cell(kpis[.backlogOldest], ageHours), cell(kpis[.backlogOverdue], count)])
      }
      text += "\n" + backlog.rendered()
    }
    if let total = result.totals[.totalCost], total.mean > 0 {
      let money = { (x: Double) in String(format: "%.2f", x) }
      let currency = result.scenario.costs.currency.isEmpty ? "" : " " + result.scenario.costs.currency
      text += "\ncost: \(cell(total, money))\(currency) (staff \(cell(result.totals[.staffCost], money)), contacts "
        + "\(cell(result.totals[.contactCost], money))); per resolved contact \(cell(result.totals[.costPerResolved], money))\(currency)"
    }
    guard !result.scenario.groups.isEmpty else { return text }
    let sessions = result.scenario.agentGroups.contains { $0.concurrency.limit > 1 }
    var groups = TextTable(headers: ["group", "handled", "AHT", "occupancy"] + (sessions ? ["in hand"] : [])
                           + ["agent-hours", "overtime-hours", "paid-hours", "cost"])
    for (group, kpis) in zip(result.scenario.agentGroups, result.groups) {
      groups.append([group.id, cell(kpis[.handled], count), cell(kpis[GroupMetric.averageHandleTime], seconds),
                     cell(kpis[GroupMetric.occupancy], percent)]
                    + (sessions ? [cell(kpis[.concurrency], { String(format: "%.2f", $0) })] : [])
                    + [cell(kpis[GroupMetric.agentHours], hours),
                     cell(kpis[.overtimeHours], hours), cell(kpis[.paidHours], hours), cell(kpis[.cost], { String(format: "%.0f", $0) })])
    }
    return text + "\n" + groups.rendered()
  }


  /// Numbers in CSV: shortest round-trip form.
  static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "" }

  static func csvField(_ text: String) -> String {
    text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" }) ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text
  }
}
