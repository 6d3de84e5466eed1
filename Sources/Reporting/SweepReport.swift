import ContactCenterModel
import Foundation
import Planning

/// The files of a `ccsim sweep`: `sweep.csv`, one row per grid point (``Planning/SweepRow``), and
/// `sweep.json`, the sweep's definition (``Planning/SweepManifest``). Shards of a sweep write the
/// rows of their points and the same definition with their `shard`; ``SweepFolder`` reads them
/// back and ``Planning/SweepMerge`` puts them together into exactly the unsplit files.
public struct SweepReport: Sendable {
  public var manifest: SweepManifest
  /// Type and group ids of the base scenario: the columns of every row.
  public var typeIDs: [String]
  public var groupIDs: [String]

  public init(manifest: SweepManifest, typeIDs: [String], groupIDs: [String]) {
    self.manifest = manifest
    self.typeIDs = typeIDs
    self.groupIDs = groupIDs
  }

  /// The report of a sweep of `base`, whose types and groups are the columns.
  public init(manifest: SweepManifest, base: Scenario) {
    self.init(manifest: manifest, typeIDs: base.contactTypes.map(\.id), groupIDs: base.agentGroups.map(\.id))
  }

  /// The columns of `sweep.csv` after the point and the swept keys, for these types and groups.
  static func metricColumns(typeIDs: [String], groupIDs: [String], staffed: Bool) -> [String] {
    func pair(_ name: String) -> [String] { [name, name + "_ci95"] }
    var columns = SweepRow.centreMetrics.flatMap { pair($0.rawValue) }
    for id in typeIDs { columns += SweepRow.typeMetrics.flatMap { pair("\(id).\($0.rawValue)") } }
    for id in groupIDs { columns += SweepRow.groupMetrics.flatMap { pair("\(id).\($0.rawValue)") } }
    columns += ["targets_checked", "targets_missed", "meets_targets"]
    if staffed { columns += ["erlang_planned_cost", "planned_cost", "verified"] }
    return columns
  }

  /// The column names of `sweep.csv`.
  public var columns: [String] {
    ["point"] + manifest.grid.keys + Self.metricColumns(typeIDs: typeIDs, groupIDs: groupIDs, staffed: manifest.staffed)
  }

  /// The header of `sweep.csv`.
  public func header() -> String { columns.map(RunReport.csvField).joined(separator: ",") }

  /// The line of `row` in `sweep.csv`.
  public func line(_ row: SweepRow) -> String {
    precondition((row.staffing != nil) == manifest.staffed, "a staffed sweep's rows say how each point was staffed")
    func pair(_ value: SweepRow.Value) -> [String] {
      [value.mean.map(RunReport.number) ?? "", value.halfWidth.map(RunReport.number) ?? ""]
    }
    var cells = [String(row.point + 1)] + row.values + row.centre.flatMap(pair)
    cells += row.types.flatMap { $0.flatMap(pair) } + row.groups.flatMap { $0.flatMap(pair) }
    cells += [String(row.targetsChecked), String(row.targetsMissed), row.meetsTargets.map { $0 ? "yes" : "no" } ?? ""]
    if let staffing = row.staffing {
      cells += [RunReport.number(staffing.erlangPlannedCost), RunReport.number(staffing.plannedCost), staffing.verified ? "yes" : "no"]
    }
    return cells.map(RunReport.csvField).joined(separator: ",")
  }

  /// `sweep.csv` from the rows of the points run (any order; written by point).
  public func csv(rows: [SweepRow]) -> String {
    ([header()] + rows.sorted { $0.point < $1.point }.map(line)).joined(separator: "\n") + "\n"
  }

  /// The console view: per point the swept values and the centre's headline KPIs (mean ± 95%
  /// half-width), whether it meets the targets and, staffed, its planned cost.
  public func summaryTable(rows: [SweepRow]) -> String {
    let shown: [(name: String, metric: Metric)] = [("service_level", .serviceLevel), ("asa_s", .averageSpeedOfAnswer),
                                                   ("abandon_rate", .abandonRate), ("occupancy", .occupancy), ("total_cost", .totalCost)]
    var table = TextTable(headers: ["point"] + manifest.grid.keys + shown.map(\.name) + ["meets_targets"]
                            + (manifest.staffed ? ["planned_cost"] : []))
    for row in rows.sorted(by: { $0.point < $1.point }) {
      let kpis = shown.map { name, metric -> String in
        guard let value = row[metric], let mean = value.mean else { return "" }
        let half = value.halfWidth ?? 0
        return name == "asa_s" ? String(format: "%.1fs ± %.1fs", mean, half)
          : name == "total_cost" ? String(format: "%.0f ± %.0f", mean, half)
          : String(format: "%.1f%% ± %.1f%%", 100 * mean, 100 * half)
      }
      let meets = row.meetsTargets.map { $0 ? "yes" : "no" } ?? ""
      let planned = row.staffing.map { $0.plannedCost.isFinite ? [String(format: "%.0f", $0.plannedCost)] : [""] } ?? []
      table.append([String(row.point + 1)] + row.values + kpis + [meets] + planned)
    }
    return table.rendered()
  }
}

extension SweepManifest {
  /// `sweep.json`; with `sha256`, then the SHA-256 of each of the folder's other files, by name
  /// (``SweepFolder/files(manifest:rows:typeIDs:groupIDs:scenarioText:)``).
  public func json(sha256: [(file: String, sha256: String)] = []) -> String {
    JSONValue.object([
      ("tool_version", .string(toolVersion)), ("scenario", .string(scenario)), ("scenario_sha256", .string(scenarioSHA256)),
      ("currency", .string(currency)), ("seed", .string(String(seed))), ("replications", .integer(replications)), ("points", .integer(grid.pointCount)),
      ("vary", .array(zip(grid.keys, grid.values).map { key, values in
        .object([("key", .string(key)), ("values", .array(values.map(JSONValue.string)))])
      })),
    ] + (staffed ? [("staffed", .bool(true))] : [])
      + (shard.map { [("shard", .string($0.description))] } ?? [])
      + (sha256.isEmpty ? [] : [("sha256", .object(sha256.map { ($0.file, .string($0.sha256)) }))])).prettyRendered() + "\n"
  }

  /// Reads `sweep.json` back; `nil` when it is not one (a shard must be `i/n` with 1 ≤ i ≤ n ≤ 10000).
  public init?(json text: String) {
    guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
      let toolVersion = object["tool_version"] as? String, let scenario = object["scenario"] as? String,
      let sha = object["scenario_sha256"] as? String, let currency = object["currency"] as? String, let seed = (object["seed"] as? String).flatMap(UInt64.init),
      let replications = object["replications"] as? Int, let vary = object["vary"] as? [[String: Any]]
    else { return nil }
    let keys = vary.compactMap { $0["key"] as? String }, values = vary.compactMap { $0["values"] as? [String] }
    guard keys.count == vary.count, values.count == vary.count, values.allSatisfy({ !$0.isEmpty }) else { return nil }
    var shard: SweepShard?
    if let text = object["shard"] as? String {
      guard let parsed = SweepShard(text) else { return nil }
      shard = parsed
    }
    self.init(toolVersion: toolVersion, scenario: scenario, scenarioSHA256: sha, currency: currency, seed: seed, replications: replications,
              grid: SweepGrid(keys: keys, values: values), shard: shard, staffed: object["staffed"] as? Bool ?? false)
  }
}
