import Estimators
import Foundation

/// Reads a call log in the Technion "Anonymous Bank" format (`shared/data/README.md`,
/// `Docs/history.md`): one row per call, the columns named in its header in any order, the file
/// streamed row by row so that memory does not grow with its length.
///
///     let summary = try CallLogReader(path: "Scenarios/history/anonymous-bank-1999-08-01.csv").read { call in
///       counts[call.type, default: 0] += 1
///     }
///     summary.phantoms   // 18 virtual calls left out
///
/// What a row means:
/// - `outcome` `AGENT`: served, after `q_time` seconds in the queue (0 when `q_start` is `0:00:00`:
///   an agent was free), for `ser_time` seconds; `HANG` after queueing: abandoned, its `q_time` an
///   observed patience; `HANG` without queueing: left in the VRU (self-service); `PHANTOM`: a
///   virtual call, counted and left out.
/// - Times are `H:MM:SS` of the row's `date`. A time more than 12 hours before the call's VRU entry
///   is read as after midnight (a call from 23:58 ending at 00:03); a time earlier by less is a
///   time that runs backwards, and the row is malformed.
/// - `server` and `customer_id` may be missing (some exports lack them): then agents, and retrials
///   and repeats of the same caller, cannot be estimated (``Summary/hasAgents``,
///   ``Summary/hasCustomers``).
///
/// A malformed row is reported as `file:line:column: error: <column>: expected …, found …` and
/// skipped; when more than ``badRowShare`` of the rows are malformed the file is refused
/// (``CallLogError``), and the records already visited must be discarded.
public struct CallLogReader: Sendable {
  public var path: String
  /// The largest share of malformed rows skipped rather than refused (0…1; default 1%).
  public var badRowShare: Double
  /// Only calls of these days are visited (others are counted in ``Summary/outsideDays``); `nil`: all.
  public var days: ClosedRange<CalendarDay>?

  public init(path: String, badRowShare: Double = 0.01, days: ClosedRange<CalendarDay>? = nil) {
    precondition((0...1).contains(badRowShare), "a share in 0...1")
    self.path = path
    self.badRowShare = badRowShare
    self.days = days
  }

  /// What a read found besides the calls it visited.
  public struct Summary: Hashable, Sendable {
    /// Data rows (the header and blank lines not counted).
    public var rows = 0
    /// Calls visited.
    public var calls = 0
    /// `PHANTOM` rows, left out.
    public var phantoms = 0
    /// Calls of days outside ``CallLogReader/days``, left out.
    public var outsideDays = 0
    /// Malformed rows skipped, and the first 20 of them.
    public var badRows = 0
    public var problems: [ScenarioError] = []
    /// Whether the log names the serving agent (`server`) and the caller (`customer_id`).
    public var hasAgents = true, hasCustomers = true
  }

  /// The call types of the format: regular (`PS`), in English (`PE`), internet (`IN`), stock
  /// exchange (`NE`), prospects (`NW`), call-back holds (`TT`).
  public static let types: Set<Substring> = ["PS", "PE", "IN", "NE", "NW", "TT"]
  static let required = ["type", "date", "vru_entry", "vru_exit", "q_start", "q_exit", "q_time", "outcome",
                         "ser_start", "ser_exit", "ser_time"]

  /// Streams the log, calling `visit` with each call in file order.
  /// - Throws: ``CallLogError`` when the file cannot be read, is empty, lacks a column, or has
  ///   more malformed rows than ``badRowShare``.
  public func read(_ visit: (ObservedCall) -> Void) throws(CallLogError) -> Summary {
    guard let lines = LineReader(path: path) else {
      throw CallLogError([ScenarioError(file: path, line: 0, column: 0, path: "", expected: "a readable call log (CSV)",
                                        found: "no readable file there")])
    }
    guard let header = lines.next() else {
      throw CallLogError([ScenarioError(file: path, line: 0, column: 0, path: "",
                                        expected: "a call log with a header line (\(Self.required.joined(separator: ", ")) …)",
                                        found: "an empty file")])
    }
    let names = header.text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
    var column: [String: Int] = [:]
    for (index, name) in names.enumerated() where column[name] == nil { column[name] = index }
    let missing = Self.required.filter { column[$0] == nil }
    guard missing.isEmpty else {
      throw CallLogError([ScenarioError(file: path, line: 1, column: 1, path: "header",
                                        expected: "the columns \(Self.required.joined(separator: ", ")) (Technion format)",
                                        found: "no column \(missing.map { "'\($0)'" }.joined(separator: ", "))")])
    }
    var summary = Summary()
    summary.hasAgents = column["server"] != nil
    summary.hasCustomers = column["customer_id"] != nil
    while let (number, text) = lines.next() {
      if text.allSatisfy(\.isWhitespace) { continue }
      summary.rows += 1
      let row = CallLogRow(text: text, number: number, file: path, columns: column, count: names.count)
      do throws(ScenarioError) {
        guard let call = try row.call() else {
          summary.phantoms += 1
          continue
        }
        if let days, !days.contains(call.day) {
          summary.outsideDays += 1
          continue
        }
        summary.calls += 1
        visit(call)
      } catch {
        summary.badRows += 1
        if summary.problems.count < 20 { summary.problems.append(error) }
      }
    }
    guard summary.rows > 0 else {
      throw CallLogError([ScenarioError(file: path, line: 2, column: 1, path: "", expected: "at least one call after the header",
                                        found: "none")])
    }
    if Double(summary.badRows) > badRowShare * Double(summary.rows) {
      throw CallLogError(summary.problems, refused: (summary.badRows, summary.rows, badRowShare))
    }
    return summary
  }
}

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
