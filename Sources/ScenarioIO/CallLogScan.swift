import Estimators

/// What every call-log reader shares (the Technion ``CallLogReader`` and the mapped
/// ``GenericCallLogReader``) on top of the streaming loop of ``RowScan``: each data row read into a
/// call, a row left out (a Technion `PHANTOM`) or a located problem, the days filter, and the
/// call-log summary.
struct CallLogScan {
  let path: String
  let badRowShare: Double
  let days: ClosedRange<CalendarDay>?

  /// What a format makes of the header: whether agents and callers are known, and how to read a
  /// data row (its 1-based line number and text) into a call, `nil` for a row to leave out (a
  /// Technion `PHANTOM`).
  struct Columns {
    var hasAgents: Bool, hasCustomers: Bool
    var row: (Int, Substring) throws(ScenarioError) -> ObservedCall?
  }

  /// Streams the file; `header` (`expecting` describes it for an empty file) reads the first line.
  func run(expecting header: String, visit: (ObservedCall) -> Void,
           header read: (Substring) throws(CallLogError) -> Columns) throws(CallLogError) -> CallLogReader.Summary {
    var summary = CallLogReader.Summary()
    let days = days
    let scan = RowScan(path: path, badRowShare: badRowShare, document: "call log", record: "call")
    let (columns, rows) = try scan.run(expecting: header, header: read) { columns, number, text throws(ScenarioError) in
      guard let call = try columns.row(number, text) else {
        summary.phantoms += 1
        return
      }
      if let days, !days.contains(call.day) {
        summary.outsideDays += 1
        return
      }
      summary.calls += 1
      visit(call)
    }
    summary.hasAgents = columns.hasAgents
    summary.hasCustomers = columns.hasCustomers
    (summary.rows, summary.badRows, summary.problems) = (rows.rows, rows.bad, rows.problems)
    return summary
  }
}
