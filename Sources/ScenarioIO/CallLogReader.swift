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
    let path = path
    let scan = CallLogScan(path: path, badRowShare: badRowShare, days: days)
    return try scan.run(expecting: "a call log with a header line (\(Self.required.joined(separator: ", ")) …)", visit: visit) {
      header throws(CallLogError) in
      let names = header.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
      var column: [String: Int] = [:]
      for (index, name) in names.enumerated() where column[name] == nil { column[name] = index }
      let missing = Self.required.filter { column[$0] == nil }
      guard missing.isEmpty else {
        throw CallLogError([ScenarioError(file: path, line: 1, column: 1, path: "header",
                                          expected: "the columns \(Self.required.joined(separator: ", ")) (Technion format)",
                                          found: "no column \(missing.map { "'\($0)'" }.joined(separator: ", "))")])
      }
      return CallLogScan.Columns(hasAgents: column["server"] != nil, hasCustomers: column["customer_id"] != nil) {
        number, text throws(ScenarioError) in
        try CallLogRow(text: text, number: number, file: path, columns: column, count: names.count).call()
      }
    }
  }
}
