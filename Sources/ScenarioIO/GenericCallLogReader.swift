import Estimators

/// Reads a generic call log: a CSV with a header line whose columns a ``CallLogMapping`` names
/// (`Docs/history.md`, "Call logs: a generic CSV and its mapping"), streamed row by row, each call
/// handed to `visit` as an ``ObservedCall``; malformed rows are located, skipped and counted, and
/// the file refused beyond ``badRowShare``, exactly as ``CallLogReader`` does for the Technion format.
///
///     let mapping = try CallLogMapping.load(path: "Scenarios/history/generic-example-columns.yaml")
///     let summary = try GenericCallLogReader(path: "Scenarios/history/generic-example.csv", mapping: mapping)
///       .read { call in calls.append(call) }
///
/// How a row becomes a call (no outcome column is needed):
/// - **Self-service** when the mapping's `selfService` column holds one of its values, or when the
///   call never queued (the `queueEntry` column is mapped and empty) and was not answered.
/// - **Served** when it has an answer time, or a handle time above 0. Its handle time is the
///   `handle` column, else `end − answer`; its wait the `wait` column, else `answer − queue entry`
///   (0 for a call that never queued). Without a `queueEntry` column a call queues on arrival.
/// - **Abandoned** otherwise (it queued and was not answered): its wait, an observed patience, is
///   the `wait` column, else `hang-up − queue entry`.
/// - **Left out** (counted in `phantoms`, not visited) when the mapping's `leftOut` column holds one
///   of its values, before anything else of the row is read.
/// - Where both a duration column and its two times are given they must agree within 1 s.
///   Durations below 0 and times before the time they follow (queue entry before arrival,
///   answer or hang-up before queue entry, end before answer) make the row malformed.
/// - Times are seconds after the midnight of the arrival's day: a timestamp of the next day is past
///   86 400; a time of day (`times: time-of-day`) more than 12 hours before the arrival is read as
///   after midnight, as in the Technion reader.
public struct GenericCallLogReader: Sendable {
  /// The CSV file.
  public var path: String
  /// Which of its columns holds what.
  public var mapping: CallLogMapping
  /// The largest share of malformed rows skipped rather than refused (0…1; default 1%).
  public var badRowShare: Double
  /// Only calls of these days are visited (others are counted in ``CallLogReader/Summary/outsideDays``); `nil`: all.
  public var days: ClosedRange<CalendarDay>?

  /// A reader of the log at `path` through `mapping`; `badRowShare` in 0…1.
  public init(path: String, mapping: CallLogMapping, badRowShare: Double = 0.01, days: ClosedRange<CalendarDay>? = nil) {
    precondition((0...1).contains(badRowShare), "a share in 0...1")
    self.path = path
    self.mapping = mapping
    self.badRowShare = badRowShare
    self.days = days
  }

  /// Streams the log, calling `visit` with each call in file order. The summary's `hasAgents` and
  /// `hasCustomers` say whether the mapping names an agent and a customer column; `phantoms` counts
  /// the rows the mapping's `leftOut` marks (0 without it).
  /// - Throws: ``CallLogError`` when the file cannot be read, is empty, lacks a column the mapping
  ///   names (reported at the mapping's line, with the header's names), or has more malformed rows
  ///   than ``badRowShare``.
  public func read(_ visit: (ObservedCall) -> Void) throws(CallLogError) -> CallLogReader.Summary {
    let (path, mapping) = (path, mapping)
    let scan = CallLogScan(path: path, badRowShare: badRowShare, days: days)
    let expected = "a call log with a header line naming its columns (\(mapping.columns.map(\.name).joined(separator: ", ")) …)"
    return try scan.run(expecting: expected, visit: visit) { line throws(CallLogError) in
      let header = try MappedHeader(line, delimiter: mapping.delimiter, file: path, mappingFile: mapping.file,
                                    columns: mapping.columns)
      let (index, count) = (header.index, header.names.count)
      return CallLogScan.Columns(hasAgents: mapping.agent != nil, hasCustomers: mapping.customer != nil) {
        number, text throws(ScenarioError) in
        try GenericCallLogRow(text: text, number: number, file: path, mapping: mapping, index: index, count: count).call()
      }
    }
  }
}
