import ArgumentParser
import ContactCenterModel
import Foundation

/// The options every simulating command shares (`run`, `compare`, `sweep`, `staff`).
struct SimulationOptions: ParsableArguments {
  // `parsing: .unconditional` takes the next word even when it starts with '-', so that `--seed -1`
  // is answered with the flag's range instead of ArgumentParser's "Missing value".
  @Option(parsing: .unconditional, help: "Independent replications (2 to 10000).") var replications = 30
  @Option(name: .customLong("seed"), parsing: .unconditional,
          help: ArgumentHelp("Master seed (0 to 2^64 - 1); the same seed reproduces the run exactly.", valueName: "seed"))
  var seedText = "1"
  @Option(help: "Folder to write results under.") var out = "Results"
  @Option(parsing: .unconditional, help: "Threads to run replications on (default: all cores).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  /// The master seed (`--seed`), checked by ``validate()``.
  var seed: UInt64 { UInt64(seedText) ?? 1 }

  /// The threads to run `scenario`'s replications on: `--threads`, lowered (with a note on standard
  /// error) so that the replications running at once fit in three quarters of the machine's memory
  /// even when each takes all the overload limits allow (``ContactCenterModel/Scenario/replicationMemoryBound``).
  func threads(for scenario: Scenario) -> Int {
    let perReplication = scenario.replicationMemoryBound
    let fitting = scenario.threads(fitting: threads, physicalMemory: ProcessInfo.processInfo.physicalMemory)
    if fitting < threads {
      FileHandle.standardError.write(Data(("ccsim: note: running \(fitting) replication\(fitting == 1 ? "" : "s") at once, not \(threads): "
        + "each may take up to \(perReplication >> 20) MiB before the overload limits stop it, "
        + "and this machine has \(ProcessInfo.processInfo.physicalMemory >> 20) MiB\n").utf8))
    }
    return fitting
  }

  func validate() throws {
    guard UInt64(seedText) != nil else {
      throw ValidationError("--seed: expected a whole number from 0 to 2^64 - 1, found '\(seedText)'")
    }
    guard (2...10_000).contains(replications) else {
      throw ValidationError("--replications: expected 2 to 10000, found '\(replications)'")
    }
    guard (1...1_024).contains(threads) else {
      throw ValidationError("--threads: expected 1 to 1024, found '\(threads)'")
    }
  }
}
