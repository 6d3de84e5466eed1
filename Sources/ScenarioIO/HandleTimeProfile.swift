import ContactCenterModel
import Yams

/// A contact type's `handleTimeByInterval`: the day curve of its mean handle time, as one factor
/// per planning interval multiplying the mean of its `handleTime` distribution (the shape, CV or
/// phases kept) for contacts whose service starts in that interval (`Docs/scenario-format.md`,
/// "Handle time by interval").
///
///     handleTime: {distribution: lognormal, mean: 248s, cv: 0.8}
///     handleTimeByInterval: [0.98, 0.97, 0.96, 1.02]   # 243 s, 241 s, 238 s, 253 s
///
/// A fitted day of interval means m₁ … mₙ is written with `handleTime.mean` = m (the day's mean,
/// say) and factors mₖ ÷ m.
extension ScenarioParser {
  /// The factors, one per interval, each > 0 and ≤ 10; `.some(nil)` when the key is absent, `nil`
  /// on an error (recorded in `reader`). `intervals` is `nil` when the window itself is malformed
  /// (its error is already recorded): the items are still checked, the count is not.
  static func handleTimeFactors(_ fields: Fields, intervals: Int?, reader: inout YAMLReader) -> [Double]?? {
    guard let node = fields["handleTimeByInterval"] else { return .some(nil) }
    let path = fields.path("handleTimeByInterval")
    let plural = { (count: Int) in "\(count) factor\(count == 1 ? "" : "s")" }
    let expectedCount = intervals.map { "a list of \(plural($0)), one per planning interval" }
      ?? "a list of factors, one per planning interval"
    guard let items = reader.sequence(node, path, expected: expectedCount) else { return nil }
    if let intervals, items.count != intervals {
      let only = intervals == 1 ? " (the scenario has a single interval, as every runLength study does)" : ""
      reader.fail(at: node, path, expected: "\(plural(intervals)), one per planning interval\(only)", found: "\(items.count)")
      return nil
    }
    let factors = items.enumerated().compactMap {
      reader.number($1, "\(path)[\($0)]", expected: "a handle-time factor > 0 and ≤ 10 (1 = the handleTime distribution as written)",
                    where: { $0 > 0 && $0 <= 10 })
    }
    return factors.count == items.count ? .some(factors) : nil
  }
}
