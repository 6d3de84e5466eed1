// The single-queue sections: simulated M/M/n and M/M/n+M against exact Erlang C and Erlang A.
import ContactCenterModel
import Foundation
import Queueing

/// One single-queue case of the report: M/M/n (Erlang C) without patience, M/M/n+M (Erlang A) with.
struct SingleQueueCase {
  /// The section's title, naming the reference the case comes from.
  var name: String
  var perHour: Double
  /// Mean handle time, seconds.
  var aht: Double
  var agents: Int
  /// Mean patience in seconds (exponential), or `nil` for no abandonment.
  var patience: Double?

  /// Independent replications of each case.
  static let replications = 20
  /// Arrivals in each replication's measurement window (about).
  static let arrivals = 200_000.0
  /// The master seed of every case.
  static let seed: UInt64 = 20_261_123

  /// The cases, in the report's order.
  static let all = [
    SingleQueueCase(name: "M/M/14 (Erlang C, reference EC-017)", perHour: 200, aht: 180, agents: 14, patience: nil),
    SingleQueueCase(name: "M/M/56 (Erlang C, reference EC-025)", perHour: 720, aht: 240, agents: 56, patience: nil),
    SingleQueueCase(name: "M/M/50+M (Erlang A, Scenarios/mmn-steady.yaml)", perHour: 576, aht: 300, agents: 50, patience: 180),
    SingleQueueCase(name: "M/M/10+M (Erlang A, reference EA-005)", perHour: 260, aht: 180, agents: 10, patience: 180),
    SingleQueueCase(name: "M/M/10+M, impatient (Erlang A, reference EA-022)", perHour: 195, aht: 240, agents: 10, patience: 48),
  ]
}

/// Prints one single-queue section: the exact values against the simulated 99% CIs, then the
/// worst replication's Little's-law discrepancy.
func printSingleQueueSection(_ c: SingleQueueCase) {
  let (replications, arrivals, seed) = (SingleQueueCase.replications, SingleQueueCase.arrivals, SingleQueueCase.seed)
  let workload = Workload(arrivalsPerHour: c.perHour, meanHandleSeconds: c.aht)
  var exact: [(Metric, Double)]
  if let patience = c.patience {
    let a = ErlangA(workload, meanPatience: patience, agents: c.agents)
    exact = [(.serviceLevel, a.serviceLevel(within: 20)), (.waitProbability, a.waitProbability),
             (.averageSpeedOfAnswer, a.averageSpeedOfAnswer), (.abandonRate, a.abandonment), (.occupancy, a.occupancy)]
  } else {
    let e = ErlangC(workload, agents: c.agents)
    exact = [(.serviceLevel, e.serviceLevel(within: 20)), (.waitProbability, e.waitProbability),
             (.averageSpeedOfAnswer, e.averageSpeedOfAnswer), (.occupancy, e.occupancy)]
      + [Metric.waitP50, .waitP80, .waitP90, .waitP95, .waitP99].map { ($0, e.waitQuantile($0.quantile!)) }
  }
  let rate = c.perHour / 3600
  let scenario = Scenario(
    name: "validation", intervalLength: arrivals / rate, intervalCount: 1, study: .steadyState(warmUp: 50 * c.aht),
    contactTypes: [ContactType(
      id: "calls", arrivalRates: [rate], handleTime: .exponential(mean: c.aht),
      patience: c.patience.map { .exponential(mean: $0) }, agents: [c.agents],
      serviceLevel: ServiceLevelRule(threshold: 20))])
  let result = withoutOverload { try Experiment(scenario: scenario, seed: seed).run(replications: replications, threads: 2) }
  print("## \(c.name)\n")
  print(String(format: "%.0f calls/h, AHT %.0f s, %d agents", c.perHour, c.aht, c.agents)
        + (c.patience.map { String(format: ", mean patience %.0f s", $0) } ?? "") + "\n")
  print("| metric | exact | simulated | 99% CI | inside |")
  print("|---|---:|---:|---:|:---:|")
  for (metric, value) in exact {
    let ci = result.confidenceInterval(metric, level: 0.99)!
    let isTime = metric == .averageSpeedOfAnswer || metric.quantile != nil
    let digits = isTime ? "%.3f s" : "%.4f"
    // Percentiles come from a histogram with 1% precision: "inside" allows for it (1% + 1 ms).
    let slack = metric.quantile == nil ? 0 : 0.01 * value + 0.001
    let inside = abs(ci.mean - value) <= ci.halfWidth + slack
    print("| \(metric.rawValue) | \(String(format: digits, value)) | \(String(format: digits, ci.mean)) | ±\(String(format: digits, ci.halfWidth)) | \(inside ? "yes" : "**no**") |")
  }
  let little = result.replications.map(\.little)
  let worst = little.map { abs($0.queueArea - $0.sumOfWaits) / max($0.sumOfWaits, 1) }.max()!
  print(String(format: "\nLittle's law, worst replication: |∫Q dt − Σ waits| / Σ waits = %.1e.\n", worst))
}
