import Estimators

/// The loop every call-log reader shares (the Technion ``CallLogReader`` and the mapped
/// ``GenericCallLogReader``): the file streamed a line at a time, its header read by the format,
/// each data row read into a call or a located problem, the days filter, the summary, and the
/// bad-row budget (more than `badRowShare` of the rows malformed refuses the file).
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
    guard let lines = LineReader(path: path) else {
      throw CallLogError([ScenarioError(file: path, line: 0, column: 0, path: "", expected: "a readable call log (CSV)",
                                        found: "no readable file there")])
    }
    guard let first = lines.next() else {
      throw CallLogError([ScenarioError(file: path, line: 0, column: 0, path: "", expected: header, found: "an empty file")])
    }
    let columns = try read(first.text)
    var summary = CallLogReader.Summary()
    summary.hasAgents = columns.hasAgents
    summary.hasCustomers = columns.hasCustomers
    while let (number, text) = lines.next() {
      if text.allSatisfy(\.isWhitespace) { continue }
      summary.rows += 1
      do throws(ScenarioError) {
        guard let call = try columns.row(number, text) else {
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
