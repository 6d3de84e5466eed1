import Foundation
import Queueing
import TestSupport
import Testing
@testable import ContactCenterModel

/// A steady-state single-queue study: one type, `agents` agents, exponential handle times and
/// (optionally) exponential patience, a warm-up of 50 mean handle times and one measurement
/// interval long enough for about `arrivals` arrivals.
func steadyState(
  arrivalsPerHour: Double, aht: Double, agents: Int, patience: Double?, arrivals: Double = 200_000,
  threshold: Double = 20
) -> Scenario {
  let rate = arrivalsPerHour / 3600
  return Scenario(
    name: "mmn", intervalLength: arrivals / rate, intervalCount: 1, study: .steadyState(warmUp: 50 * aht),
    contactTypes: [ContactType(
      id: "calls", arrivalRates: [rate], handleTime: .exponential(mean: aht),
      patience: patience.map { .exponential(mean: $0) }, agents: [agents],
      serviceLevel: ServiceLevelRule(threshold: threshold))])
}

/// One reference value and the simulated metric that estimates it.
struct Comparison: CustomStringConvertible {
  var metric: Metric
  var exact: Double
  /// The widest 99% half-width that still tests something.
  var maximumHalfWidth: Double
  var description: String { "\(metric.rawValue) = \(exact)" }
}

/// Reference cases from `shared/reference/public` (copied to `Tests/Reference/`), exact to 1e-6 or better.
struct ValidationCase: Sendable, CustomTestStringConvertible {
  var id: String
  var arrivalsPerHour: Double, aht: Double, agents: Int, patience: Double?
  var pWait: Double, asa: Double, serviceLevel20: Double, abandonment: Double
  var testDescription: String { id }

  static func load(_ ids: Set<String>) -> [ValidationCase] {
    ["erlang_c.json", "erlang_a.json"].flatMap { file -> [ValidationCase] in
      let url = URL(fileURLWithPath: referenceFixture(file))
      let root = try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
      return (root["cases"] as! [[String: Any]]).compactMap { raw in
        guard let id = raw["id"] as? String, ids.contains(id) else { return nil }
        let params = raw["params"] as! [String: Any]
        let expected = raw["expected"] as! [String: [String: Any]]
        func value(_ key: String) -> Double { (expected[key]!["value"] as! NSNumber).doubleValue }
        func param(_ key: String) -> Double { (params[key] as! NSNumber).doubleValue }
        let isA = file == "erlang_a.json"
        return ValidationCase(
          id: id, arrivalsPerHour: param("arrival_rate_per_hour"), aht: param("aht_s"), agents: Int(param("agents")),
          patience: isA ? param("mean_patience_s") : nil, pWait: value("p_wait"),
          asa: isA ? value("mean_wait_answered_s") : value("asa_s"),
          serviceLevel20: isA ? value("sl_offered_20s") : value("sl_20s"),
          abandonment: isA ? value("p_abandon") : 0)
      }
    }.sorted { $0.id < $1.id }
  }
}

@Suite(.tags(.statistical))
struct ValidationTests {
  static let cases = ValidationCase.load(["EC-016", "EC-017", "EC-025", "EA-005", "EA-022", "EA-046", "EA-050"])

  /// 20 replications of about 200 000 arrivals each after a warm-up: the exact Erlang C / Erlang A
  /// value must lie inside the simulated 99% confidence interval, and the interval must be narrow:
  /// ±0.01 for probabilities, ±5% (or ±0.5 s) for the ASA. Erlang C cases also check the
  /// p50–p99 waits against the exact wait distribution.
  @Test(arguments: cases)
  func simulationAgreesWithTheory(reference: ValidationCase) throws {
    #expect(Self.cases.count == 7)
    let scenario = steadyState(
      arrivalsPerHour: reference.arrivalsPerHour, aht: reference.aht, agents: reference.agents,
      patience: reference.patience)
    let result = try Experiment(scenario: scenario, seed: 20_261_123).run(replications: 20, threads: 2)
    var comparisons = [
      Comparison(metric: .serviceLevel, exact: reference.serviceLevel20, maximumHalfWidth: 0.01),
      Comparison(metric: .waitProbability, exact: reference.pWait, maximumHalfWidth: 0.01),
      Comparison(metric: .averageSpeedOfAnswer, exact: reference.asa, maximumHalfWidth: max(0.5, 0.05 * reference.asa)),
    ]
    if reference.patience != nil {
      comparisons.append(Comparison(metric: .abandonRate, exact: reference.abandonment, maximumHalfWidth: 0.01))
    }
    for comparison in comparisons {
      let ci = try #require(result.confidenceInterval(comparison.metric, level: 0.99))
      #expect(ci.contains(comparison.exact), "\(reference.id) \(comparison): outside the 99% CI \(ci)")
      #expect(ci.halfWidth <= comparison.maximumHalfWidth, "\(reference.id) \(comparison): CI too wide \(ci)")
    }
    if reference.patience == nil { try expectErlangCWaitQuantiles(result, reference) }
    // Occupancy has an exact value too: λ(1 − P(abandon))·AHT / n.
    let occupancy = reference.arrivalsPerHour / 3600 * (1 - reference.abandonment) * reference.aht / Double(reference.agents)
    let ci = try #require(result.confidenceInterval(.occupancy, level: 0.99))
    #expect(ci.contains(occupancy), "\(reference.id) occupancy \(occupancy) outside \(ci)")
  }
}

/// Erlang C's wait quantiles (`ErlangC.waitQuantile`, from P(W > t) = C·e^(−(nμ − λ)t)) must lie
/// inside the simulated 99% interval widened by the histogram's precision (1% of the value, plus
/// 1 ms), and the interval must be at most ±10% (or ±1 s) wide: the heavy-traffic case EC-025 has
/// waits of minutes whose quantiles vary more between replications than its ASA.
func expectErlangCWaitQuantiles(_ result: RunResult, _ reference: ValidationCase) throws {
  let theory = ErlangC(Workload(arrivalsPerHour: reference.arrivalsPerHour, meanHandleSeconds: reference.aht),
                       agents: reference.agents)
  for metric in [Metric.waitP50, .waitP80, .waitP90, .waitP95, .waitP99] {
    let exact = theory.waitQuantile(metric.quantile!)
    let ci = try #require(result.confidenceInterval(metric, level: 0.99))
    #expect(abs(ci.mean - exact) <= ci.halfWidth + 0.01 * exact + 0.001,
            "\(reference.id) \(metric.rawValue): exact \(exact) s, simulated \(ci)")
    #expect(ci.halfWidth <= max(1, 0.1 * exact), "\(reference.id) \(metric.rawValue): CI too wide \(ci)")
  }
}

extension Tag { @Tag static var statistical: Self }
