import ContactCenterModel
import Foundation
import Planning

/// The files of a `ccsim sweep`: `sweep.csv`, one row per grid point, and `sweep.json`, the
/// sweep's definition. Shards of a sweep write the rows of their points and the same definition
/// with their `shard`; ``SweepMerge`` puts shards back together into exactly the unsplit files.
public struct SweepReport: Sendable {
  /// Everything that defines a sweep's result (`sweep.json`).
  public struct Manifest: Hashable, Sendable {
    public var toolVersion: String
    public var scenario: String
    public var scenarioSHA256: String
    /// The base scenario's currency (for cost axes).
    public var currency: String
    public var seed: UInt64
    public var replications: Int
    public var grid: SweepGrid
    /// `i/n` for a shard, `nil` for a whole sweep.
    public var shard: (index: Int, count: Int)?
    /// Whether every point was staffed first (`--staff`): its row is then the plan `ccsim staff` finds.
    public var staffed: Bool

    public init(toolVersion: String, scenario: String, scenarioSHA256: String, currency: String, seed: UInt64,
                replications: Int, grid: SweepGrid, shard: (index: Int, count: Int)? = nil, staffed: Bool = false) {
      self.staffed = staffed
      self.toolVersion = toolVersion
      self.scenario = scenario
      self.scenarioSHA256 = scenarioSHA256
      self.currency = currency
      self.seed = seed
      self.replications = replications
      self.grid = grid
      self.shard = shard
    }

    public static func == (a: Manifest, b: Manifest) -> Bool { a.json() == b.json() }
    public func hash(into hasher: inout Hasher) { hasher.combine(json()) }

    /// `sweep.json`; with `sha256`, then the SHA-256 of each of the folder's other files, by name
    /// (``SweepFolder/files(manifest:csv:scenarioText:)``).
    public func json(sha256: [(file: String, sha256: String)] = []) -> String {
      JSONValue.object([
        ("tool_version", .string(toolVersion)), ("scenario", .string(scenario)), ("scenario_sha256", .string(scenarioSHA256)),
        ("currency", .string(currency)), ("seed", .string(String(seed))), ("replications", .integer(replications)), ("points", .integer(grid.pointCount)),
        ("vary", .array(zip(grid.keys, grid.values).map { key, values in
          .object([("key", .string(key)), ("values", .array(values.map(JSONValue.string)))])
        })),
      ] + (staffed ? [("staffed", .bool(true))] : [])
        + (shard.map { [("shard", .string("\($0.index)/\($0.count)"))] } ?? [])
        + (sha256.isEmpty ? [] : [("sha256", .object(sha256.map { ($0.file, .string($0.sha256)) }))])).prettyRendered() + "\n"
    }

    /// Reads `sweep.json` back; `nil` when it is not one.
    public init?(json text: String) {
      guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
        let toolVersion = object["tool_version"] as? String, let scenario = object["scenario"] as? String,
        let sha = object["scenario_sha256"] as? String, let currency = object["currency"] as? String, let seed = (object["seed"] as? String).flatMap(UInt64.init),
        let replications = object["replications"] as? Int, let vary = object["vary"] as? [[String: Any]]
      else { return nil }
      let keys = vary.compactMap { $0["key"] as? String }, values = vary.compactMap { $0["values"] as? [String] }
      guard keys.count == vary.count, values.count == vary.count, values.allSatisfy({ !$0.isEmpty }) else { return nil }
      var shard: (Int, Int)?
      if let text = object["shard"] as? String {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        guard parts.count == 2 else { return nil }
        shard = (parts[0], parts[1])
      }
      self.init(toolVersion: toolVersion, scenario: scenario, scenarioSHA256: sha, currency: currency, seed: seed, replications: replications,
                grid: SweepGrid(keys: keys, values: values), shard: shard, staffed: object["staffed"] as? Bool ?? false)
    }
  }

  public var manifest: Manifest
  /// Type and group ids of the base scenario: the columns of every row.
  public var typeIDs: [String]
  public var groupIDs: [String]

  public init(manifest: Manifest, base: Scenario) {
    self.manifest = manifest
    typeIDs = base.contactTypes.map(\.id)
    groupIDs = base.agentGroups.map(\.id)
  }

  static let centreMetrics: [Metric] = [.offered, .serviceLevel, .averageSpeedOfAnswer, .waitP90, .abandonRate, .occupancy,
                                        .agentHours, .staffCost, .contactCost, .totalCost]
  static let typeMetrics: [Metric] = [.serviceLevel, .averageSpeedOfAnswer, .abandonRate]
  static let groupMetrics: [GroupMetric] = [.occupancy, .paidHours, .cost]

  /// The header of `sweep.csv`.
  public func header() -> String {
    var columns = ["point"] + manifest.grid.keys
    func pair(_ name: String) -> [String] { [name, name + "_ci95"] }
    columns += Self.centreMetrics.flatMap { pair($0.rawValue) }
    for id in typeIDs { columns += Self.typeMetrics.flatMap { pair("\(id).\($0.rawValue)") } }
    for id in groupIDs { columns += Self.groupMetrics.flatMap { pair("\(id).\($0.rawValue)") } }
    columns += ["targets_checked", "targets_missed", "meets_targets"]
    if manifest.staffed { columns += ["erlang_planned_cost", "planned_cost", "verified"] }
    return columns.map(RunReport.csvField).joined(separator: ",")
  }

  /// What `--staff` adds to a point's row: the planned paid costs of the Erlang staffing and of the
  /// plan found, and whether the plan misses no target significantly on fresh random numbers.
  public struct Staffing: Sendable {
    public var erlangPlannedCost: Double
    public var plannedCost: Double
    public var verified: Bool

    public init(erlangPlannedCost: Double, plannedCost: Double, verified: Bool) {
      self.erlangPlannedCost = erlangPlannedCost
      self.plannedCost = plannedCost
      self.verified = verified
    }
  }

  /// The row of point `p` (0-based) of the grid, from its result (with `--staff`, the staffed
  /// plan's result and `staffing`).
  public func row(point p: Int, result: RunResult, staffing: Staffing? = nil) -> String {
    precondition((staffing != nil) == manifest.staffed, "a staffed sweep's rows say how each point was staffed")
    var cells = [String(p + 1)] + manifest.grid.point(p)
    func pair(_ estimate: Estimate?) -> [String] {
      [estimate.map { RunReport.number($0.mean) } ?? "", estimate?.ci95.map(RunReport.number) ?? ""]
    }
    cells += Self.centreMetrics.flatMap { pair(result.totals[$0]) }
    let scenario = result.scenario
    for id in typeIDs {
      let t = scenario.contactTypes.firstIndex { $0.id == id }
      cells += Self.typeMetrics.flatMap { metric in pair(t.flatMap { result.types[$0][metric] }) }
    }
    for id in groupIDs {
      let g = scenario.agentGroups.firstIndex { $0.id == id }
      cells += Self.groupMetrics.flatMap { metric in pair(g.flatMap { result.groups[$0][metric] }) }
    }
    let checks = scenario.targets.check(result)
    let missed = checks.filter { !$0.met }.count
    cells += [String(checks.count), String(missed), scenario.targets.isEmpty ? "" : missed == 0 ? "yes" : "no"]
    if let staffing {
      cells += [RunReport.number(staffing.erlangPlannedCost), RunReport.number(staffing.plannedCost), staffing.verified ? "yes" : "no"]
    }
    return cells.map(RunReport.csvField).joined(separator: ",")
  }

  /// `sweep.csv` from the rows of the points `points` (0-based, any order).
  public func csv(rows: [(point: Int, line: String)]) -> String {
    ([header()] + rows.sorted { $0.point < $1.point }.map(\.line)).joined(separator: "\n") + "\n"
  }
}
