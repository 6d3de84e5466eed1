// The M/M/n+M workloads: MMN+M-S and -L alone, side by side with the C program, and replicated
// on 1 and 2 threads.
import CAllocationCounter
import ContactCenterModel
import Foundation

/// M/M/n+M as the benchmark defines it: `agents` agents, `erlangs` offered, handle time exponential
/// with mean 300 s, patience exponential with mean 180 s, FCFS, about `arrivals` arrivals in one
/// replication (one interval long enough for them), service level threshold 20 s.
func mmnScenario(agents: Int, erlangs: Double, arrivals: Int) -> Scenario {
  let rate = erlangs / 300
  let length = Double(arrivals) / rate
  return Scenario(
    name: "mmn", intervalLength: length, intervalCount: 1,
    contactTypes: [ContactType(
      id: "calls", arrivalRates: [rate], handleTime: .exponential(mean: 300), patience: .exponential(mean: 180),
      agents: [agents], serviceLevel: ServiceLevelRule(threshold: 20, definition: .offered))])
}

func simulationWorkload(_ name: String, agents: Int, erlangs: Double, arrivals: Int, json: Bool) {
  let experiment = Experiment(scenario: mmnScenario(agents: agents, erlangs: erlangs, arrivals: arrivals), seed: 1)
  // The same replication five times; the fastest run is the one least disturbed by the machine.
  let clock = ContinuousClock()
  var best = Double.infinity
  var result = withoutOverload { try experiment.replicate(0) }
  for _ in 0..<5 {
    let start = clock.now
    result = withoutOverload { try experiment.replicate(0) }
    let elapsed = clock.now - start
    best = min(best, seconds(elapsed))
  }
  // Allocations per event after warm-up: the heap allocations of this replication less those of a
  // replication with a tenth of the arrivals, over the difference in events — so the setup's
  // allocations (streams, tables, counters) and the calendar's growth to its working size cancel.
  let short = Experiment(scenario: mmnScenario(agents: agents, erlangs: erlangs, arrivals: arrivals / 10), seed: 1)
  let beforeShort = ccsim_allocation_count()
  let shortResult = withoutOverload { try short.replicate(0) }
  let beforeFull = ccsim_allocation_count()
  let fullResult = withoutOverload { try experiment.replicate(0) }
  let afterFull = ccsim_allocation_count()
  let perEvent = (Double(afterFull - beforeFull) - Double(beforeFull - beforeShort))
    / Double(fullResult.events - shortResult.events)
  let little = result.little
  let fields: [(String, String)] = [
    ("workload", "\"\(name)\""),
    ("arrivals", "\(little.arrivals)"),
    ("answered", "\(little.answered)"),
    ("abandoned", "\(little.abandoned)"),
    ("sl", "\(result.totals[.serviceLevel]!)"),
    ("abandon_frac", "\(result.totals[.abandonRate]!)"),
    ("mean_wait_answered", "\(result.totals[.averageSpeedOfAnswer]!)"),
    ("utilisation", "\(result.totals[.occupancy]!)"),
    ("events", "\(result.events)"),
    ("run_s", String(format: "%.4f", best)),
    ("contacts_per_s", String(format: "%.0f", Double(little.arrivals) / best)),
    ("events_per_s", String(format: "%.0f", Double(result.events) / best)),
    ("allocs_per_event", String(format: "%.6f", max(0, perEvent))),
    ("allocs_setup", "\(beforeFull - beforeShort)"),
    ("peak_rss_mb", String(format: "%.1f", peakResidentMiB())),
  ]
  printResults(fields, title: "\(name): \(agents) agents, \(erlangs) erlangs, exponential AHT 300 s and patience 180 s, one replication",
               json: json)
}

/// MMN+M-S (200 000 arrivals) replicated 16 times on 1 and on 2 threads: the speed-up of
/// replications. Three rounds alternating 1 and 2 threads, the fastest of each kept: this VM's
/// second core is shared, and a single pair of runs swung between 1.5× and 2.2×.
func replicationWorkload(json: Bool) {
  let experiment = Experiment(scenario: mmnScenario(agents: 50, erlangs: 48, arrivals: 200_000), seed: 1)
  let clock = ContinuousClock()
  var times = [Double.infinity, .infinity]
  var checksum = 0.0
  for _ in 0..<3 {
    for (slot, threads) in [1, 2].enumerated() {
      let start = clock.now
      let result = withoutOverload { try experiment.run(replications: 16, threads: threads) }
      let elapsed = clock.now - start
      times[slot] = min(times[slot], seconds(elapsed))
      checksum += result.totals[.serviceLevel]!.mean
    }
  }
  let speedup = times[0] / times[1]
  if json {
    print(String(format: "{\"workload\": \"replications\", \"replications\": 16, \"one_thread_s\": %.3f, \"two_threads_s\": %.3f, \"speedup\": %.3f, \"peak_rss_mb\": %.1f}", times[0], times[1], speedup, peakResidentMiB()))
  } else {
    print(String(format: "replications: 16 × MMN+M-S (200 000 arrivals each): 1 thread %.2f s, 2 threads %.2f s, speed-up %.2f× (target ≥ 1.8×)", times[0], times[1], speedup))
    print("checksum \(checksum)")
  }
}

/// The MMN+M workloads side by side with the hand-written C program (`shared/bench/mmn_c.c`, built
/// with `cc -O2`): five pairs, C then Swift, each pair on the same machine state; a pair's ratio is
/// Swift's contacts per second over C's, each timed by its own clock around the simulation alone
/// (C's `run_s`, the replication here). Prints each workload's ratios and their median.
func compareWithC(program: String, json: Bool) {
  for (name, agents, erlangs, arrivals) in [("mmn-s", 50, 48.0, 1_000_000), ("mmn-l", 1_000, 980.0, 5_000_000)] {
    let experiment = Experiment(scenario: mmnScenario(agents: agents, erlangs: erlangs, arrivals: arrivals), seed: 1)
    _ = withoutOverload { try experiment.replicate(0) }   // warm-up
    var ratios: [Double] = [], swiftRates: [Double] = [], cRates: [Double] = []
    for _ in 0..<5 {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: program)
      process.arguments = ["\(agents)", "\(Int(erlangs))", "\(arrivals)", "1", "heap"]
      let pipe = Pipe()
      process.standardOutput = pipe
      do { try process.run() } catch {
        FileHandle.standardError.write(Data("ccsim-bench: --compare-c: cannot run \(program): \(error)\n".utf8))
        exit(2)
      }
      let output = pipe.fileHandleForReading.readDataToEndOfFile()
      process.waitUntilExit()
      guard let object = try? JSONSerialization.jsonObject(with: output) as? [String: Any],
        let cSeconds = object["run_s"] as? Double, let cArrivals = object["arrivals"] as? Double, cSeconds > 0
      else {
        FileHandle.standardError.write(Data("ccsim-bench: --compare-c: \(program) printed no JSON with run_s and arrivals\n".utf8))
        exit(2)
      }
      let clock = ContinuousClock()
      let start = clock.now
      let result = withoutOverload { try experiment.replicate(0) }
      let swiftSeconds = seconds(clock.now - start)
      let swiftRate = Double(result.little.arrivals) / swiftSeconds, cRate = cArrivals / cSeconds
      swiftRates.append(swiftRate)
      cRates.append(cRate)
      ratios.append(swiftRate / cRate)
    }
    let median = ratios.sorted()[2]
    if json {
      print(String(format: "{\"workload\": \"%@\", \"ratio_median\": %.3f, \"ratios\": [%@], \"swift_contacts_per_s_median\": %.0f, \"c_contacts_per_s_median\": %.0f}",
                   name, median, ratios.map { String(format: "%.3f", $0) }.joined(separator: ", "),
                   swiftRates.sorted()[2], cRates.sorted()[2]))
    } else {
      print("\(name) against C (\(agents) agents, \(Int(erlangs)) erlangs, \(arrivals) arrivals), five pairs:")
      print("    ratios (Swift ÷ C contacts/s)  " + ratios.map { String(format: "%.2f", $0) }.joined(separator: "  "))
      print(String(format: "    median ratio %.2f×   Swift %.2f M contacts/s, C %.2f M contacts/s (medians)",
                   median, swiftRates.sorted()[2] / 1e6, cRates.sorted()[2] / 1e6))
    }
  }
}
