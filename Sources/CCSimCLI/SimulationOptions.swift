import ArgumentParser
import Foundation

/// The options every simulating command shares (`run`, `compare`, `sweep`, `staff`).
struct SimulationOptions: ParsableArguments {
  @Option(help: "Independent replications (2 to 10000).") var replications = 30
  @Option(help: "Master seed (0 to 2^64 - 1); the same seed reproduces the run exactly.") var seed: UInt64 = 1
  @Option(help: "Folder to write results under.") var out = "Results"
  @Option(help: "Threads to run replications on (default: all cores).")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  func validate() throws {
    guard (2...10_000).contains(replications) else {
      throw ValidationError("--replications: expected 2 to 10000, found '\(replications)'")
    }
    guard (1...1_024).contains(threads) else {
      throw ValidationError("--threads: expected 1 to 1024, found '\(threads)'")
    }
  }
}
