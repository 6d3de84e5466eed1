// ccsim-bench's command line: which workload to run, how to print it, where the repository is.
import ArgumentParser
import Foundation

/// The `ccsim-bench` command line: one workload, every workload (each in its own process), or the
/// M/M/n+M workloads against the C program.
///
/// Workloads: erlang (analytic formulas), mmn-s and mmn-l (the M/M/n+M simulation workloads),
/// replications (1 vs 2 threads), multiskill (a 24-hour multi-skill centre), staff (ccsim staff on
/// the retail example), fit (ccsim fit on a generated million-row call log). Setup stays outside the timed region and results feed a printed checksum,
/// so the optimiser cannot drop the work. Peak memory is the process's maximum resident set, which
/// is why each workload runs in a fresh process. Bad flags print one line and exit with status 2.
struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ccsim-bench",
    abstract: "The standard workloads, timed (build and run it optimised: swift run -c release ccsim-bench).",
    discussion: """
      Without --workload, runs every workload, each in a fresh process so that each peak-memory \
      figure is its own. The staff workload loads Scenarios/retail-multichannel.yaml from \
      --repository, which is the current directory unless given: run ccsim-bench from the \
      repository's root, or say where it is. The validation report (Docs/validation.md) is its own \
      program: Scripts/validation-report.
      """)

  /// The workloads `--workload` accepts, in the order a full run takes them.
  static let workloads = ["erlang", "mmn-s", "mmn-l", "replications", "multiskill", "staff", "fit"]

  @Option(help: ArgumentHelp(
    "Run one workload: erlang, mmn-s, mmn-l, replications, multiskill, staff or fit.", valueName: "name"))
  var workload: String?

  @Flag(help: "Print each workload's results as one JSON line (all but erlang).")
  var json = false

  @Option(
    name: .customLong("compare-c"),
    help: ArgumentHelp(
      "Run MMN+M-S and -L side by side with the C program at PATH (cc -O2 -o mmn_c shared/bench/mmn_c.c -lm).",
      valueName: "path"))
  var compareC: String?

  @Option(help: ArgumentHelp(
    "The repository, where the staff workload finds Scenarios/ (default: the current directory).", valueName: "path"))
  var repository: String?

  @Option(help: ArgumentHelp(
    "The staff workload's scenario (default: Scenarios/retail-multichannel.yaml in --repository).", valueName: "path"))
  var scenario: String?

  func validate() throws {
    guard let workload, !Self.workloads.contains(workload) else { return }
    if workload == "validation" {
      throw ValidationError("the validation report is its own program now: run Scripts/validation-report "
                            + "(or swift run -c release validation-report --help)")
    }
    throw ValidationError("--workload expects one of \(Self.workloads.joined(separator: ", ")), got '\(workload)'")
  }

  /// The staff workload's scenario file.
  var scenarioPath: String {
    scenario ?? URL(fileURLWithPath: repository ?? ".").appendingPathComponent("Scenarios/retail-multichannel.yaml").path
  }

  func run() throws {
    if let compareC {
      compareWithC(program: compareC, json: json)
    } else if let workload {
      switch workload {
      case "erlang": erlangWorkload()
      case "mmn-s": simulationWorkload("mmn-s", agents: 50, erlangs: 48, arrivals: 1_000_000, json: json)
      case "mmn-l": simulationWorkload("mmn-l", agents: 1_000, erlangs: 980, arrivals: 5_000_000, json: json)
      case "multiskill": multiSkillWorkload(json: json)
      case "staff": staffWorkload(scenario: scenarioPath, json: json)
      case "fit": fitWorkload(repository: repository ?? ".", json: json)
      default: replicationWorkload(json: json)
      }
    } else {
      try runEveryWorkload()
    }
  }

  /// Each workload in a fresh process (this program again), so each peak-memory figure is its own.
  func runEveryWorkload() throws {
    print("ccsim-bench (release build), \(ProcessInfo.processInfo.activeProcessorCount) cores")
    fflush(nil)   // every output stream: the header before the children write
    let passedOn = (json ? ["--json"] : []) + (repository.map { ["--repository", $0] } ?? [])
      + (scenario.map { ["--scenario", $0] } ?? [])
    for workload in Self.workloads {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0])
      process.arguments = ["--workload", workload] + passedOn
      try process.run()
      process.waitUntilExit()
    }
  }

  /// Parses and runs the command line; bad flags print one line (`ccsim-bench: error: …`) and exit
  /// with status 2, as ccsim does.
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      if exitCode(for: error) == .validationFailure {
        var message = fullMessage(for: error).split(separator: "\n").first.map(String.init) ?? "invalid input"
        if message.hasPrefix("Error: ") { message.removeFirst("Error: ".count) }
        FileHandle.standardError.write(Data("ccsim-bench: error: \(message)\n".utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
