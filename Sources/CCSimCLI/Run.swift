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
      """)

  @Argument(help: "Scenario file (YAML).") var scenario: String
  @OptionGroup var options: SimulationOptions

  func run() throws {
    let file = try ScenarioFile.load(path: scenario)                                  // read
    let (replications, seed) = (options.replications, options.seed)
    let progress = ProgressBar(total: replications)
    let result = Experiment(scenario: file.scenario, seed: seed)                       // compute
      .run(replications: replications, threads: options.threads) { progress.update($0) }
    progress.finish()
    let report = RunReport(
      result: result, scenarioSHA256: SHA256.hex(Array(file.text.utf8)), toolVersion: CCSim.version)
    let folder = try ResultsFolder.write(                                               // write
      under: options.out, scenario: file.scenario.name, seed: seed,
      files: [
        ("summary.json", report.summaryJSON()),
        ("intervals.csv", report.intervalsCSV()),
        ("groups.csv", report.groupsCSV()),
        ("report.html", report.html(serviceLevelTargets: file.scenario.targets.types.map(\.serviceLevel))),
        ("scenario.yaml", file.text),
      ])
    print(report.kpiTable())
    print("\(replications) replications, seed \(seed): results in \(folder)")
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
    print("\(scenario): ok: \(s.contactTypes.count) contact type\(s.contactTypes.count == 1 ? "" : "s") (\(types)), "
          + "\(s.intervalCount) intervals of \(minutes) minutes")
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

/// Writes a results folder atomically: every file goes into a hidden temporary folder beside the
/// destination, which is renamed into place only when all are written. An interrupted run (crash,
/// Ctrl-C) leaves no `Results/<scenario>/<run-id>` folder; Ctrl-C or SIGTERM while the files are
/// written also removes the temporary one (exit status 130 or 143).
enum ResultsFolder {
  /// Writes `files` into `<root>/<scenario>/<run-id>` and returns that path. The run id is the UTC
  /// time and the seed, `20261123-142501-s1`, then the command's label for other commands than
  /// `run` (`-compare`), with `-2`, `-3`, … added if it exists already.
  static func write(under root: String, scenario: String, seed: UInt64, label: String? = nil,
                    files: [(String, String)]) throws -> String {
    let manager = FileManager.default
    let parent = URL(fileURLWithPath: root).appendingPathComponent(scenario)
    do {
      try manager.createDirectory(at: parent, withIntermediateDirectories: true)
    } catch {
      throw InputError(field: "--out", expected: "a folder results can be written in", found: parent.path)
    }
    let formatter = DateFormatter()
    formatter.dateFormat = "yyyyMMdd-HHmmss"
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.locale = Locale(identifier: "en_US_POSIX")
    let base = "\(formatter.string(from: Date()))-s\(seed)" + (label.map { "-\($0)" } ?? "")
    let temporary = parent.appendingPathComponent(".incomplete-\(base)-\(getpid())")
    // Ctrl-C and SIGTERM wait while the folder is written; one that arrived meanwhile is honoured
    // just before the rename, with the temporary folder removed. Nothing runs concurrently with
    // the writing, so no interleaving can leave a partial folder behind.
    let signals = DeferredSignals()
    defer { signals.restore() }   // a signal arriving after the check ends the process, folder complete
    try? manager.removeItem(at: temporary)
    try manager.createDirectory(at: temporary, withIntermediateDirectories: false)
    do {
      for (name, contents) in files {
        try Data(contents.utf8).write(to: temporary.appendingPathComponent(name))
      }
      // Test hook: holds the finished temporary folder so that a test can interrupt the run at the
      // worst moment (RunCommandTests.ctrlCWhileWritingLeavesNothing). Unset in normal use.
      if let hold = ProcessInfo.processInfo.environment["CCSIM_TEST_HOLD_BEFORE_RENAME_MS"].flatMap(Double.init) {
        Thread.sleep(forTimeInterval: min(hold, 60_000) / 1_000)
      }
      if let signal = signals.pending() {
        try? manager.removeItem(at: temporary)
        exit(128 + signal)
      }
      var suffix = 1
      while true {
        let destination = parent.appendingPathComponent(suffix == 1 ? base : "\(base)-\(suffix)")
        // rename(2) fails rather than replace a non-empty folder, so a concurrent run never merges.
        if rename(temporary.path, destination.path) == 0 { return destination.path }
        guard errno == EEXIST || errno == ENOTEMPTY, suffix < 1000 else {
          throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: destination.path])
        }
        suffix += 1
      }
    } catch {
      try? manager.removeItem(at: temporary)
      throw error
    }
  }
}

/// SIGINT and SIGTERM held back (blocked) on the calling thread while a results folder is
/// written; the worker threads that ran the replications block every signal already, so a signal
/// sent meanwhile stays pending until ``pending()`` reads it or ``restore()`` lets it act. A
/// signal that was ignored when `ccsim` started (a background job) stays ignored.
struct DeferredSignals {
  private var previous = sigset_t()

  init() {
    var held = Self.held
    pthread_sigmask(SIG_BLOCK, &held, &previous)
  }

  private static var held: sigset_t {
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    return set
  }

  /// The signal that arrived while held, if any.
  func pending() -> Int32? {
    var pending = sigset_t()
    sigpending(&pending)
    return [SIGINT, SIGTERM].first { sigismember(&pending, $0) == 1 }
  }

  /// Unblocks the signals; one still pending then takes its usual action.
  func restore() {
    var previous = previous
    pthread_sigmask(SIG_SETMASK, &previous, nil)
  }
}
