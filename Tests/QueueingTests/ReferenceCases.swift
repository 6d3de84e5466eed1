import Foundation
import Testing

/// One case of `../shared/reference/public/*.json` (copied into `Fixtures/`): exact values
/// computed at high precision and checked by a second method, with their tolerances.
struct ReferenceCase: Sendable, CustomTestStringConvertible {
  struct Expected: Sendable {
    var value: Double
    var absoluteTolerance: Double
    var relativeTolerance: Double
    /// numpy.isclose, as the reference README prescribes.
    func accepts(_ got: Double) -> Bool {
      abs(got - value) <= absoluteTolerance + relativeTolerance * abs(value)
    }
  }
  var id: String
  var model: String
  var numbers: [String: Double]
  var strings: [String: String]
  var expected: [(metric: String, expected: Expected)]
  var testDescription: String { id }

  func number(_ key: String) -> Double {
    guard let value = numbers[key] else { preconditionFailure("\(id): no numeric parameter \(key)") }
    return value
  }

  /// Every case of `file` whose model is `model`.
  static func load(_ file: String, model: String) -> [ReferenceCase] {
    guard let url = Bundle.module.url(forResource: "Fixtures/\(file)", withExtension: nil),
      let data = try? Data(contentsOf: url),
      let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
      let cases = root["cases"] as? [[String: Any]]
    else { preconditionFailure("cannot read fixture \(file)") }
    return cases.compactMap { raw -> ReferenceCase? in
      guard raw["model"] as? String == model, let params = raw["params"] as? [String: Any],
        let expected = raw["expected"] as? [String: [String: Any]]
      else { return nil }
      var numbers: [String: Double] = [:], strings: [String: String] = [:]
      for (key, value) in params {
        if let text = value as? String { strings[key] = text } else if let number = value as? NSNumber { numbers[key] = number.doubleValue }
      }
      let metrics = expected.keys.sorted().map { metric in
        let entry = expected[metric]!
        let value: Double = (entry["value"] as? Bool).map { $0 ? 1 : 0 } ?? (entry["value"] as! NSNumber).doubleValue
        return (metric, Expected(
          value: value, absoluteTolerance: (entry["abs_tol"] as! NSNumber).doubleValue,
          relativeTolerance: (entry["rel_tol"] as! NSNumber).doubleValue))
      }
      return ReferenceCase(id: raw["id"] as! String, model: model, numbers: numbers, strings: strings, expected: metrics)
    }
  }
}

/// The threshold in seconds of a metric named `<prefix><t>s<suffix>`, e.g. `sl_offered_20s`.
func threshold(of metric: String, prefix: String, suffix: String = "") -> Double? {
  guard metric.hasPrefix(prefix), metric.hasSuffix("s" + suffix) else { return nil }
  let digits = metric.dropFirst(prefix.count).dropLast(suffix.count + 1)
  return Double(digits)
}

/// Checks every expected metric of `reference` against `compute`, which returns `nil` for a
/// metric it does not know (a test failure: every published metric must be covered).
func checkAll(_ reference: ReferenceCase, _ compute: (String) -> Double?) {
  for (metric, expected) in reference.expected {
    guard let got = compute(metric) else {
      Issue.record("\(reference.id): metric \(metric) is not computed")
      continue
    }
    #expect(expected.accepts(got), "\(reference.id) \(metric): got \(got), expected \(expected.value) ± \(expected.absoluteTolerance) + \(expected.relativeTolerance)·|x|")
  }
}
