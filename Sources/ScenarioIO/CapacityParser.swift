import ContactCenterModel
import Yams

/// Finite capacity (documented in `Docs/scenario-format.md`, "Lines and queue capacity"): the
/// top-level `lines` (trunk lines shared by the voice types) and a type's `queueCapacity`.
extension ScenarioParser {
  /// The most lines or waiting places a scenario may declare (far above any real centre's).
  static let capacityLimit = 10_000_000

  /// The top-level `lines: N`, a whole number ≥ 1, in a scenario with some voice type (the lines
  /// are trunk lines for calls; checked only when every type was read, `types` non-nil);
  /// `.some(nil)` when absent, `nil` after an error.
  static func lines(_ fields: Fields, types: [ContactType]?, reader: inout YAMLReader) -> Int?? {
    guard let node = fields["lines"] else { return .some(nil) }
    guard let count = reader.integer(node, "lines", expected: "a whole number of trunk lines, at least 1",
                                     in: 1...capacityLimit) else { return nil }
    guard let types else { return nil }
    guard types.contains(where: { $0.handling == .call }) else {
      reader.fail(at: node, "lines", expected: "lines only in a scenario with a voice type (they are trunk lines for calls)",
                  found: "no voice type")
      return nil
    }
    return .some(count)
  }

  /// A type's `queueCapacity: K`, a whole number ≥ 0, on calls and sessions (deferred work always
  /// queues); `.some(nil)` when absent, `nil` after an error.
  static func queueCapacity(_ fields: Fields, handling: Handling?, reader: inout YAMLReader) -> Int?? {
    guard let node = fields["queueCapacity"] else { return .some(nil) }
    let path = fields.path("queueCapacity")
    guard let capacity = reader.integer(node, path, expected: "a whole number of waiting places, 0 or more",
                                        in: 0...capacityLimit) else { return nil }
    if handling == .deferred {
      reader.fail(at: node, path, expected: "a queue capacity only on voice or chat types (deferred work always queues)",
                  found: "\(capacity) on deferred work")
      return nil
    }
    return .some(capacity)
  }

  /// A retrial's `afterBlock`: the probability that a blocked caller tries again.
  static func afterBlock(_ fields: Fields, reader: inout YAMLReader) -> Double?? {
    guard let node = fields["afterBlock"] else { return .some(nil) }
    return probability(node, fields.path("afterBlock"), reader: &reader).map { .some($0) }
  }
}
