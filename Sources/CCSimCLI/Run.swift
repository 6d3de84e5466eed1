import ArgumentParser
import ContactCenterModel
import Fingerprint
import Foundation
import Reporting
import ScenarioIO

/// `ccsim run`: simulate a scenario and write its results folder.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Simulate a scenario and write Results/<scenario>/<run-id>/.",
    discussion: """
      Runs independent replications of the scenario in parallel and writes summary.json,
      intervals.csv, groups.csv and a copy of the scenario into a new results folder,
      atomically: the folder appears complete or not at all. The same scenario and seed give byte-identical summary.json
      whatever --threads is. Results/README.md documents every file and column.
      With --calls, every contact of every replication is also written to one CSV in the generic
      call-log format (Docs/history.md), replication r as the day 2000-01-01 + (r - 1) days.
      """)

  @Argument(help: "Scenario file (YAML).") var scenario: String
  @OptionGroup var options: SimulationOptions
  @Option(help: ArgumentHelp(
    "Also write every contact of every replication to this CSV (the generic call-log format; read it back "
      + "with Scenarios/history/ccsim-calls-columns.yaml).", valueName: "calls.csv"))
  var calls: String?

  func run() throws {
    let file = try ScenarioFile.load(path: scenario)                                  // read
    let out = try ResultsFolder(under: options.out, scenario: file.scenario.name)
    let callLog = try calls.map { path throws(InputError) in try StreamedFile(path: path, flag: "--calls") }
    let (replications, seed) = (options.replications, options.seed)
    let threads = options.threads(for: file.scenario)
    let progress = ProgressBar(total: replications)
    let result: RunResult
    let folder: String
    do {
      let experiment = Experiment(scenario: file.scenario, seed: seed)                 // compute
      if let callLog {
        let rows = CallsCSV(scenario: file.scenario)
        callLog.append(CallsCSV.header)
        result = try experiment.run(replications: replications, threads: threads, progress: { progress.update($0) }) {
          callLog.append(rows.rows($0))                                                // streamed, in replication order
        }
      } else {
        result = try experiment.run(replications: replications, threads: threads) { progress.update($0) }
      }
      progress.finish()
      let report = RunReport(
        result: result, scenarioSHA256: SHA256.hex(Array(file.text.utf8)), toolVersion: CCSim.version)
      folder = try out.write(seed: seed, files: report.files(scenarioText: file.text))  // write
      try callLog?.commit()
      print(report.kpiTable())
    } catch {
      callLog?.discard()
      throw error
    }
    print("\(replications) replications, seed \(seed): results in \(folder)")
    if let calls { print("calls in \(calls)") }
  }
}

/// `ccsim validate`: check a scenario file without running it.
struct Validate: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Check a scenario file and report every error in it, without running it.")

  @Argument(help: "Scenario file (YAML).") var scenario: String

  func run() throws {
    let file = try ScenarioFile.load(path: scenario)
    let s = file.scenario
    let minutes = Int(s.intervalLength / 60)
    let types = s.contactTypes.map(\.id).joined(separator: ", ")
    // A steady-state `runLength` is one window, possibly of months.
    let span = s.intervalLength > 86_400 ? "one window of \(TimeText.duration(s.intervalLength, style: .short))"
      : "\(s.intervalCount) intervals of \(minutes) minutes"
    print("\(scenario): ok: \(s.contactTypes.count) contact type\(s.contactTypes.count == 1 ? "" : "s") (\(types)), \(span)")
  }
}

/// A progress bar on standard error, drawn only when standard error is a terminal.
final class ProgressBar: Sendable {
  let total: Int
  let isShown = isatty(STDERR_FILENO) == 1

  init(total: Int) { self.total = total }

  func update(_ done: Int) {
    guard isShown else { return }
    let width = 30
    let filled = done * width / max(total, 1)
    let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
    FileHandle.standardError.write(Data("\r\(bar) \(done)/\(total) replications".utf8))
  }

  func finish() {
    guard isShown else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
  }
}
