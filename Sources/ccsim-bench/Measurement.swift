// Timing, checksums, peak memory and the two output formats every workload shares.
import Foundation

/// One timed operation of a workload: the best time per operation over five rounds.
struct Measurement {
  var name: String
  /// The workload's target, if it has one (Docs/performance.md).
  var target: Duration?
  var perOperation: Duration
  var operations: Int
}

/// Times `body` in five rounds of at least 200 ms each and keeps the best round's time per call;
/// every result is added to `checksum`, so the optimiser cannot drop the work.
func measure(_ name: String, target: Duration?, checksum: inout Double, _ body: () -> Double) -> Measurement {
  let clock = ContinuousClock()
  var best = Duration.seconds(1_000)
  var total = 0
  for _ in 0..<5 {
    var count = 0
    let start = clock.now
    var elapsed = Duration.zero
    while elapsed < .milliseconds(200) {
      checksum += body()
      count += 1
      elapsed = clock.now - start
    }
    best = min(best, elapsed / count)
    total += count
  }
  return Measurement(name: name, target: target, perOperation: best, operations: total)
}

/// `duration` in microseconds.
func microseconds(_ duration: Duration) -> Double { seconds(duration) * 1e6 }

/// `duration` in seconds.
func seconds(_ duration: Duration) -> Double {
  Double(duration.components.seconds) + Double(duration.components.attoseconds) * 1e-18
}

/// A workload's results: one JSON line (`--json`), or a title and one indented line per field.
/// The first field is the workload's name, which the title already gives.
func printResults(_ fields: [(String, String)], title: String, json: Bool) {
  if json {
    print("{" + fields.map { "\"\($0.0)\": \($0.1)" }.joined(separator: ", ") + "}")
  } else {
    print(title)
    for (key, value) in fields.dropFirst() { print("    \(key.padding(toLength: 20, withPad: " ", startingAt: 0)) \(value)") }
  }
}

/// The process's peak resident memory so far (maximum RSS), in MiB.
func peakResidentMiB() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024   // kilobytes on Linux
}


/// The result of a benchmark simulation; its scenarios are built to stay far from overload, so an
/// overload is a mistake in the benchmark.
func withoutOverload<Result>(_ body: () throws -> Result) -> Result {
  do { return try body() } catch { fatalError("benchmark scenario overloaded: \(error)") }
}
