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

  func parsedShard() throws -> SweepShard? {
    guard let shard else { return nil }
    guard let parsed = SweepShard(shard) else {
      throw ValidationError("--shard: expected i/n with 1 ≤ i ≤ n ≤ \(SweepShard.maximumCount), such as 2/4, found '\(shard)'")
    }
    return parsed
  }

  func run() throws {
    let file = try ScenarioFile.load(path: scenario)                                    // read
    let parsed = try variations.map(Variation.init)
    let grid: SweepGrid
    do { grid = try SweepGrid(checkedKeys: parsed.map(\.key), values: parsed.map(\.values)) } catch {
      switch error {
      case .repeatedKey(let key): throw InputError(field: "--vary", expected: "each key once", found: key)
      case .tooManyPoints(let count):
        throw InputError(field: "--vary", expected: "a grid of at most \(SweepGrid.maximumPoints) points", found: "\(count)")
      }
    }
    let manifest = SweepManifest(
      toolVersion: CCSim.version, scenario: file.scenario.name, scenarioSHA256: SHA256.hex(Array(file.text.utf8)),
      currency: file.scenario.costs.currency, seed: options.seed, replications: options.replications, grid: grid,
      shard: try parsedShard(), staffed: staff)
    // Every point is read before any runs, so a bad value stops the sweep before it costs anything.
    let scenarios = try manifest.points.map { try file.varied(parsed, values: grid.point($0)) }
    let out = try ResultsFolder(under: options.out, scenario: file.scenario.name)
    let progress = ProgressBar(total: options.replications * scenarios.count)
    let rows: [SweepRow]
    do {                                                                                  // compute
      rows = try manifest.run(scenarios, base: file.scenario, threads: options.threads(for:)) { progress.update($0) }
    } catch let failure as SweepStaffingFailure {
      throw staffingError(failure.error, path: "\(scenario) (point \(failure.point + 1): \(grid.point(failure.point).joined(separator: ", ")))")
    }
    progress.finish()
    let report = SweepReport(manifest: manifest, base: file.scenario)
    let label = manifest.shard.map { "sweep-shard-\($0.index)-of-\($0.count)" } ?? "sweep"
    let folder = try out.write(                                                           // write
      seed: options.seed, label: label, files: SweepFolder.files(report: report, rows: rows, scenarioText: file.text))
    print(report.summaryTable(rows: rows))
    print("\(scenarios.count) of \(grid.pointCount) grid points, \(options.replications) replications each, seed \(options.seed): results in \(folder)")
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
    let merged: (manifest: SweepManifest, files: [(String, String)])
    do { merged = try SweepFolder.merge(folders: shards) } catch {                          // check and merge
      throw InputError(field: error.place ?? "ccsim merge", expected: error.expected, found: error.found)
    }
    let folder = try ResultsFolder(under: out, scenario: merged.manifest.scenario)         // write
      .write(seed: merged.manifest.seed, label: "sweep", files: merged.files)
    print("\(shards.count) shards, \(merged.manifest.grid.pointCount) grid points: merged into \(folder)")
  }
}
