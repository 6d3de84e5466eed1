import ContactCenterModel
import Foundation
import Yams

/// The limit on the work of one replication (`Docs/scenario-format.md`, "Limits"): a scenario
/// whose returns have no bound, or whose bound on expected contacts exceeds
/// ``ScenarioFile/maximumContacts``, is refused before it runs.
extension ScenarioParser {
  /// Records an error, and returns `false`, when `scenario` may run away: a return probability of
  /// 1 (at that field), or more expected contacts than the limit (at `contactTypes`); see
  /// ``ContactCenterModel/Scenario/contactsPerArrivalBound``.
  static func checkWork(_ scenario: Scenario, contactTypes node: Node?, typeNodes: [Node], reader: inout YAMLReader) -> Bool {
    let unbounded = scenario.returnProbabilities.indices.filter { scenario.returnProbabilities[$0] >= 1 }
    for t in unbounded {
      let type = scenario.contactTypes[t]
      let isRetrial = type.patience != nil && (type.retrial?.probability ?? 0) >= 1
      let key = isRetrial ? "retrial" : "repeat"
      let who = isRetrial ? "every caller who abandons tries again" : "every customer left unresolved comes back"
      reader.fail(at: typeNodes[t][key]?["probability"], "contactTypes[\(t)].\(key).probability",
                  expected: "a probability below 1 (if \(who), a replication's work has no bound)")
    }
    guard unbounded.isEmpty else { return false }
    let arrivals = scenario.expectedArrivals
    let perArrival = scenario.contactsPerArrivalBound
    guard arrivals * perArrival > ScenarioFile.maximumContacts else { return true }
    let found = perArrival == 1
      ? "\(Int(arrivals.rounded())) arrivals"
      : "up to \(Int((arrivals * perArrival).rounded())) (\(Int(arrivals.rounded())) arrivals × up to "
        + "\(trimmed(perArrival)) contacts each from retrials, repeats and escalations)"
    reader.fail(at: node, "contactTypes",
                expected: "at most \(Int(ScenarioFile.maximumContacts)) expected contacts per replication", found: found)
    return false
  }

  /// `value` with at most two decimals, trailing zeros dropped (2.5, 41.67, 1000).
  private static func trimmed(_ value: Double) -> String {
    let text = String(format: "%.2f", value)
    return String(text.reversed().drop(while: { $0 == "0" }).drop(while: { $0 == "." }).reversed())
  }
}
