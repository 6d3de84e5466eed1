import Foundation
import ReferenceCases
import TestSupport
import Testing

/// The Erlang B, C and A cases of `shared/reference/public` (copied into `Tests/Reference/`),
/// read by the `ReferenceCases` module's ``ReferenceFile``: exact values computed at high precision
/// and checked by a second method, with their tolerances.
extension ReferenceCase {
  /// Every case of the reference file `file` (in `Tests/Reference/`) whose model is `model`.
  static func load(_ file: String, model: String) -> [ReferenceCase] {
    guard let data = FileManager.default.contents(atPath: referenceFixture(file)),
      let reference = try? ReferenceFile(json: data)
    else { preconditionFailure("cannot read fixture \(file)") }
    return reference.cases.filter { $0.model == model }
  }

  /// A numeric parameter (`params[key]`); a missing one is a mistake in the test.
  func number(_ key: String) -> Double {
    guard let value = params[key]?.number else { preconditionFailure("\(id): no numeric parameter \(key)") }
    return value
  }

  /// The parameters that are strings, e.g. `strings["target"] == "service_level"`.
  var strings: [String: String] {
    guard case .object(let members) = params else { return [:] }
    return members.compactMapValues(\.string)
  }
}

/// An exact reference value and the tolerance its file states.
struct ExactValue {
  var value: Double
  var absoluteTolerance: Double
  var relativeTolerance: Double

  /// The value of `expected[metric]` (a Boolean counts as 1 or 0) with its `abs_tol` and `rel_tol`.
  init(_ fields: [String: ReferenceValue]) {
    value = fields["value"] == .bool(true) ? 1 : fields["value"] == .bool(false) ? 0 : fields["value"]!.number!
    absoluteTolerance = fields["abs_tol"]!.number!
    relativeTolerance = fields["rel_tol"]!.number!
  }

  /// numpy.isclose, as the reference README prescribes.
  func accepts(_ got: Double) -> Bool {
    abs(got - value) <= absoluteTolerance + relativeTolerance * abs(value)
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
  for metric in reference.expected.keys.sorted() {
    let expected = ExactValue(reference.expected[metric]!)
    guard let got = compute(metric) else {
      Issue.record("\(reference.id): metric \(metric) is not computed")
      continue
    }
    #expect(expected.accepts(got), "\(reference.id) \(metric): got \(got), expected \(expected.value) ± \(expected.absoluteTolerance) + \(expected.relativeTolerance)·|x|")
  }
}
