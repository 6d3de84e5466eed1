// The analytic workload: Erlang C and Erlang A metrics, and a day's staffing with each.
import Foundation
import Queueing

/// The analytic formulas, timed: Erlang C at 10 000 agents, Erlang A at 1 000 agents and a
/// 96-interval day staffed with each (printed as text; `--json` does not apply).
func erlangWorkload() {
  // A weekday curve over 96 quarter-hours peaking at 5 000 erlangs: night floor, morning peak, lunch dip, afternoon peak.
  let dayWorkloads: [Workload] = (0..<96).map { interval in
    let hour = Double(interval) / 4
    let shape = 0.04 + exp(-pow((hour - 10.5) / 2.2, 2)) + 0.85 * exp(-pow((hour - 15.5) / 2.4, 2)) - 0.2 * exp(-pow((hour - 13) / 0.8, 2))
    let erlangs = 5_000 * max(0.01, shape) / 1.0
    return Workload(arrivalRate: erlangs / 300, meanHandleTime: 300)
  }
  let peak = dayWorkloads.map(\.traffic).max()!
  let day = dayWorkloads.map { Workload(arrivalRate: $0.arrivalRate * 5_000 / peak, meanHandleTime: 300) }
  let eightyTwenty = StaffingTargets(serviceLevel: ServiceLevelTarget(fraction: 0.8, threshold: 20))

  var checksum = 0.0
  let results = [
    measure("Erlang C, 10 000 agents, 9 800 erlangs: P(wait), SL 20 s, ASA", target: .microseconds(20), checksum: &checksum) {
      let c = ErlangC(Workload(arrivalRate: 9_800 / 300, meanHandleTime: 300), agents: 10_000)
      return c.serviceLevel(within: 20) + c.averageSpeedOfAnswer
    },
    measure("Erlang A, 1 000 agents, 980 erlangs, patience 180 s: all metrics + SL 20 s", target: .microseconds(200), checksum: &checksum) {
      let a = ErlangA(Workload(arrivalRate: 980 / 300, meanHandleTime: 300), meanPatience: 180, agents: 1_000)
      return a.serviceLevel(within: 20) + a.abandonment + a.averageSpeedOfAnswer
    },
    measure("Staffing a 96-interval day peaking at 5 000 erlangs, Erlang C 80/20", target: .milliseconds(5), checksum: &checksum) {
      let staffed = try! Staffing.requirements(.erlangC, workloads: day, targets: eightyTwenty)
      return Double(staffed.reduce(0) { $0 + $1.agents })
    },
    measure("Staffing the same day with Erlang A (patience 180 s) 80/20", target: nil, checksum: &checksum) {
      let staffed = try! Staffing.requirements(.erlangA(meanPatience: 180), workloads: day, targets: eightyTwenty)
      return Double(staffed.reduce(0) { $0 + $1.agents })
    },
  ]

  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  print("ccsim-bench (release build), \(ProcessInfo.processInfo.activeProcessorCount) cores")
  for result in results {
    let us = microseconds(result.perOperation)
    let verdict = result.target.map { target in
      String(format: "target ≤ %.0f µs: ", microseconds(target)) + (result.perOperation <= target ? "ok" : "SLOWER THAN TARGET")
    } ?? "no target"
    print(result.name)
    print(String(format: "    %10.2f µs per run   ", us) + verdict + "   (\(result.operations) runs)")
  }
  print(String(format: "peak memory (max RSS): %.1f MiB", peakResidentMiB()))
  print("checksum \(checksum)")
}

