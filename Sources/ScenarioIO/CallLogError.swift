import Foundation

/// A call log that cannot be used: its first problems, each at its place, and why it was refused.
public struct CallLogError: Error, Hashable, Sendable, CustomStringConvertible {
  public var problems: [ScenarioError]
  /// For a log refused for its malformed rows: how many, of how many rows, and the share allowed.
  public var refused: (bad: Int, rows: Int, share: Double)?

  init(_ problems: [ScenarioError], refused: (bad: Int, rows: Int, share: Double)? = nil) {
    self.problems = problems
    self.refused = refused
  }

  public var description: String {
    var lines = problems.map(\.description)
    if let refused {
      let file = problems.first?.file ?? "the call log"
      let percent = { (x: Double) in String(format: "%g%%", 100 * x) }
      lines.append("\(file): error: expected at most \(percent(refused.share)) malformed rows, found \(refused.bad) of "
                   + "\(refused.rows) (\(percent(Double(refused.bad) / Double(refused.rows)))); "
                   + "the first \(problems.count) are above")
    }
    return lines.joined(separator: "\n")
  }

  public static func == (a: Self, b: Self) -> Bool {
    a.problems == b.problems && a.refused?.bad == b.refused?.bad && a.refused?.rows == b.refused?.rows
      && a.refused?.share == b.refused?.share
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(problems)
    hasher.combine(refused?.bad)
    hasher.combine(refused?.rows)
  }
}
