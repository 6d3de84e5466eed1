import ArgumentParser
import ContactCenterModel
import Fingerprint
import Foundation
import Planning
import Reporting
import ScenarioIO

/// `ccsim sweep`: a grid over scenario fields, one row of KPIs per grid point.
struct Sweep: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run a scenario over a grid of field values and tabulate the KPIs of every point.",
    discussion: """
      Each --vary KEY=V1,V2,... sweeps one field: a path into the scenario file such as
      contactTypes[hotline].handleTime.mean=4m,5m or targets.serviceLevel=70%,80%, or one of
      volume[=TYPE]=FACTORS and staff[GROUP]=DELTAS. The grid is every combination; every point
      runs the same replications with the same seed (common random numbers). Writes sweep.csv,
      sweep.json and the scenario into Results/<scenario>/<run-id>-sweep/. --shard i/n runs only
      every n-th point from the i-th; `ccsim merge` joins the shards' folders into exactly the
      unsplit sweep's files. With --staff every point is first staffed as `ccsim staff` would
      (without marginal values), and its row is the plan found, with its planned cost: varying
      targets.serviceLevel then gives the cost-versus-target frontier. Docs/planning.md describes
      keys, columns and sharding.
      """)

  @Argument(help: "Scenario file (YAML).") var scenario: String
  @Option(name: .customLong("vary"), help: "KEY=V1,V2,... : a swept field and its values; repeat for a grid.")
  var variations: [String] = []
  @Option(help: "i/n: run shard i of n (points i, i + n, i + 2n, ...).") var shard: String?
  @Flag(help: "Staff every point first (as ccsim staff, with its default limits) and report the plan found.")
  var staff = false
  @OptionGroup var options: SimulationOptions

  func validate() throws {
    guard !variations.isEmpty else { throw ValidationError("--vary: expected at least one KEY=V1,V2,..., found none") }
    _ = try parsedShard()
  }

  func parsedShard() throws -> (index: Int, count: Int)? {
    guard let shard else { return nil }
    let parts = shard.split(separator: "/", omittingEmptySubsequences: false).map { Int($0) }
    guard parts.count == 2, let index = parts[0], let count = parts[1], count >= 1, count <= 10_000, (1...count).contains(index) else {
      throw ValidationError("--shard: expected i/n with 1 ≤ i ≤ n ≤ 10000, such as 2/4, found '\(shard)'")
    }
    return (index, count)
  }

  func run() throws {
    let file = try ScenarioFile.load(path: scenario)                                    // read
    let parsed = try variations.map(Variation.init)
    if let repeated = Dictionary(grouping: parsed.map(\.key), by: { $0 }).first(where: { $0.value.count > 1 })?.key {
      throw InputError(field: "--vary", expected: "each key once", found: repeated)
    }
    let grid = SweepGrid(keys: parsed.map(\.key), values: parsed.map(\.values))
    guard grid.pointCount <= 100_000 else {
      throw InputError(field: "--vary", expected: "a grid of at most 100000 points", found: "\(grid.pointCount)")
    }
    let shard = try parsedShard()
    let points = shard.map { grid.points(shard: $0.index, of: $0.count) } ?? Array(0..<grid.pointCount)
    // Every point is read before any runs, so a bad value stops the sweep before it costs anything.
    let scenarios = try points.map { try file.varied(parsed, values: grid.point($0)) }
    let out = try ResultsFolder(under: options.out, scenario: file.scenario.name)
    let manifest = SweepReport.Manifest(
      toolVersion: CCSim.version, scenario: file.scenario.name, scenarioSHA256: SHA256.hex(Array(file.text.utf8)),
      currency: file.scenario.costs.currency, seed: options.seed, replications: options.replications, grid: grid, shard: shard,
      staffed: staff)
    let report = SweepReport(manifest: manifest, base: file.scenario)
    let threads = options.threads(for: file.scenario)
    let progress = ProgressBar(total: options.replications * points.count)
    var rows: [(point: Int, line: String)] = []
    for (point, scenario) in zip(points, scenarios) {                                   // compute
      let done = rows.count * options.replications
      guard staff else {
        let result = try Experiment(scenario: scenario, seed: options.seed)
          .run(replications: options.replications, threads: threads) { progress.update(done + $0) }
        rows.append((point, report.row(point: point, result: result)))
        continue
      }
      let job = StaffingJob(scenario: scenario, replications: options.replications, seed: options.seed,
                            threads: options.threads(for: scenario), marginal: false)
      let plan = try job.plan(path: "\(self.scenario) (point \(point + 1): \(grid.point(point).joined(separator: ", ")))",
                              showingProgress: false)
      let costs = plan.plannedCosts
      rows.append((point, report.row(point: point, result: plan.result, staffing: SweepReport.Staffing(
        erlangPlannedCost: costs.erlang, plannedCost: costs.final, verified: plan.significantMisses.isEmpty))))
      progress.update(done + options.replications)
    }
    progress.finish()
    let csv = report.csv(rows: rows)
    let label = shard.map { "sweep-shard-\($0.index)-of-\($0.count)" } ?? "sweep"
    let folder = try out.write(                                                           // write
      seed: options.seed, label: label,
      files: SweepFolder.files(manifest: manifest, csv: csv, scenarioText: file.text))
    print(Self.summaryTable(csv: csv, keys: grid.keys))
    print("\(points.count) of \(grid.pointCount) grid points, \(options.replications) replications each, seed \(options.seed): results in \(folder)")
  }

  /// The console view: per point the swept values and the centre's headline KPIs.
  static func summaryTable(csv: String, keys: [String]) -> String {
    let lines = csv.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    guard let header = lines.first else { return "" }
    let shown = ["service_level", "asa_s", "abandon_rate", "occupancy", "total_cost", "meets_targets", "planned_cost"]
    let columns = shown.compactMap { name in header.firstIndex(of: name).map { (name, $0) } }
    var table = TextTable(headers: ["point"] + keys + columns.map(\.0))
    for row in lines.dropFirst() where row.count == header.count {
      table.append(Array(row[0...keys.count]) + columns.map { name, index in
        guard let value = Double(row[index]) else { return row[index] }
        let half = Double(row[index + 1]).map { $0 } ?? 0
        return name == "asa_s" ? String(format: "%.1fs ± %.1fs", value, half)
          : name == "total_cost" ? String(format: "%.0f ± %.0f", value, half)
          : name == "planned_cost" ? String(format: "%.0f", value)
          : String(format: "%.1f%% ± %.1f%%", 100 * value, 100 * half)
      })
    }
    return table.rendered()
  }
}

/// `ccsim merge`: the shards of a sweep, joined into the unsplit sweep's folder.
struct Merge: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Join the result folders of a sweep's shards into the whole sweep's folder.",
    discussion: """
      Checks that every file of each folder is as its shard wrote it (the SHA-256 recorded in its
      sweep.json; a shard written before they were recorded must be re-run), that each row of
      sweep.csv has the header's columns and well-formed cells, and that the folders are every
      shard of one sweep (same scenario, seed, replications, grid and version; each shard once),
      then writes Results/<scenario>/<run-id>-sweep/ with sweep.csv and sweep.json byte-identical
      to those of the unsplit sweep.
      """)

  @Argument(help: "The shards' result folders.") var folders: [String] = []
  @Option(help: "Folder to write under.") var out = "Results"

  func validate() throws {
    guard !folders.isEmpty else { throw ValidationError("expected the result folders of a sweep's shards, found none") }
  }

  func run() throws {
    let shards = folders.map { folder in                                                   // read
      (path: folder, files: SweepFolder.fileNames.reduce(into: [String: String]()) { files, name in
        let path = URL(fileURLWithPath: folder).appendingPathComponent(name).path
        files[name] = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
      })
    }
    let merged: (manifest: SweepReport.Manifest, files: [(String, String)])
    do { merged = try SweepMerge.merge(folders: shards) } catch {                          // check and merge
      throw InputError(field: error.place ?? "ccsim merge", expected: error.expected, found: error.found)
    }
    let folder = try ResultsFolder(under: out, scenario: merged.manifest.scenario)         // write
      .write(seed: merged.manifest.seed, label: "sweep", files: merged.files)
    print("\(shards.count) shards, \(merged.manifest.grid.pointCount) grid points: merged into \(folder)")
  }
}
