// The low-volume priority case: the steady-state estimator's bias and its cure.
import ContactCenterModel
import Foundation
import Queueing
import ReferenceCases
import Stochastic

/// Prints the section on steady-state estimates at low volume: the 36-calls-an-hour priority case
/// in 20 windows of 100 days (the scenario file `Scenarios/priority-low-volume.yaml`), judged like
/// the priority classes above, then the same case over 3,000 one-day windows with both estimators
/// side by side: the mean of the days' ratios and the ratio of sums.
func printLowVolumeSection() {
  let long = ReferenceStudy.lowVolumePriority(window: 100 * 86_400, replications: 20)
  print("## Steady-state estimates at low volume\n")
  print("""
    Three non-preemptive priority classes of 12 calls an hour each (36 an hour) on 4 agents,
    exponential 5-minute handle times, no abandonment: load 0.75. Exact mean waits from Cobham's
    formula (`PriorityClasses` in `Queueing`, which matches every case of `priority.json` to 1e-9 in
    `SteadyStateEstimatorTests`). A steady-state ratio such as a mean wait is estimated as the ratio
    of sums over the replications, with a delta-method interval (Docs/metrics.md, "Steady-state
    estimates"); with `runLength` a scenario file can ask for windows of up to 365 days. The exact
    value must lie in the 99% CI, as the tests check (`SteadyStateEstimatorTests`,
    `RunCommandTests` for the scenario file).

    """)
  let (inside, total) = caseTable(long, showsExact: false)
  print("\(inside) of \(total) rows inside.\n")

  let days = 3_000
  let daily = ReferenceStudy.lowVolumePriority(window: 86_400, replications: days)
  let result = withoutOverload { try daily.run(threads: 2) }
  let exact = PriorityClasses(arrivalsPerHour: [12, 12, 12], meanHandleSeconds: 300, agents: 4).meanWaits
  print("""
    ### Why: \(days) windows of one day

    The same case in \(days) replications of a 10-hour warm-up and a 24-hour window (about 860
    calls each). "mean of daily ratios" averages each day's mean wait, the estimator a protocol of
    one ratio per replication uses; it converges to E[Σ waits ÷ answered] of a day, not to the
    long-run E[Σ waits] ÷ E[answered], and adding days does not close the gap. "ratio of sums" is
    what ccsim reports. Both with their 99% CI; "inside" says whether the exact value lies in it.
    "difference" is ratio of sums − mean of daily ratios on the same days, with the 99% CI of the
    paired difference (each day's ratio against its term in the ratio of sums' linearisation,
    (Yᵢ − R̂Xᵢ)/X̄ + R̂): it is the mean of daily ratios' bias, up to the ratio of sums' own, of
    order 1/\(days).

    | class | exact | mean of daily ratios | 99% CI | inside | ratio of sums | 99% CI | inside | difference | 99% CI |
    |---|---:|---:|---:|:---:|---:|---:|:---:|---:|---:|
    """)
  for (k, value) in exact.enumerated() {
    var tally = Tally()
    for replication in result.replications {
      if let wait = replication.types[k][.averageSpeedOfAnswer] { tally.add(wait) }
    }
    let naive = tally.confidenceInterval(level: 0.99)
    let pooled = SimulatedEstimate(.type(.averageSpeedOfAnswer, k), over: result.replications).interval
    func row(_ interval: ConfidenceInterval) -> String {
      String(format: "%.2f s | ±%.2f s | ", interval.mean, interval.halfWidth) + (interval.contains(value) ? "yes" : "**no**")
    }
    let parts = result.replications.compactMap { $0.types[k].ratio(.averageSpeedOfAnswer) }
    let meanDenominator = parts.reduce(0) { $0 + $1.denominator } / Double(parts.count)
    var difference = Tally()
    for part in parts where part.denominator > 0 {
      difference.add((part.numerator - pooled.mean * part.denominator) / meanDenominator + pooled.mean
                     - part.numerator / part.denominator)
    }
    let gap = difference.confidenceInterval(level: 0.99)
    print("| P\(k + 1) | " + String(format: "%.2f s", value) + " | \(row(naive)) | \(row(pooled)) | "
          + String(format: "%+.2f s | ±%.2f s |", gap.mean, gap.halfWidth))
  }
  print("")
}
