/// The loop every history reader shares (call logs through ``CallLogScan``, interval reports
/// through ``IntervalReportReader``): the file streamed a line at a time, its header read by the
/// format into a row reader, each non-blank data row handed to it, a malformed row (a thrown
/// ``ScenarioError``) counted and its first 20 problems kept, and the bad-row budget: more than
/// `badRowShare` of the rows malformed refuses the file.
///
///     let scan = RowScan(path: path, badRowShare: 0.01, document: "interval report", record: "interval")
///     let (format, rows) = try scan.run(expecting: "a header line …", header: { try Format($0) }) { format, number, text in
///       try format.read(number, text)   // throws ScenarioError for a malformed row
///     }
struct RowScan {
  let path: String
  let badRowShare: Double
  /// What the file and one of its rows are called in messages ("call log", "call").
  let document: String, record: String

  /// Data rows (non-blank lines after the header), the malformed ones, and the first 20 problems.
  struct Rows {
    var rows = 0, bad = 0
    var problems: [ScenarioError] = []
  }

  /// Streams the file: `header` (`expecting` describes it for an empty file) reads the first line
  /// into the format's state, then `row` reads each data row (its 1-based line number and text).
  /// - Throws: ``CallLogError`` for an unreadable or empty file, a header-only file, a header the
  ///   format refuses, or more malformed rows than `badRowShare`.
  func run<Format>(expecting header: String, header read: (Substring) throws(CallLogError) -> Format,
                   row: (inout Format, Int, Substring) throws(ScenarioError) -> Void) throws(CallLogError) -> (Format, Rows) {
    guard let lines = LineReader(path: path) else {
      throw CallLogError([ScenarioError(file: path, line: 0, column: 0, path: "", expected: "a readable \(document) (CSV)",
                                        found: "no readable file there")])
    }
    guard let first = lines.next() else {
      throw CallLogError([ScenarioError(file: path, line: 0, column: 0, path: "", expected: header, found: "an empty file")])
    }
    var format = try read(first.text)
    var rows = Rows()
    while let (number, text) = lines.next() {
      if text.allSatisfy(\.isWhitespace) { continue }
      rows.rows += 1
      do throws(ScenarioError) {
        try row(&format, number, text)
      } catch {
        rows.bad += 1
        if rows.problems.count < 20 { rows.problems.append(error) }
      }
    }
    guard rows.rows > 0 else {
      throw CallLogError([ScenarioError(file: path, line: 2, column: 1, path: "",
                                        expected: "at least one \(record) after the header", found: "none")])
    }
    if Double(rows.bad) > badRowShare * Double(rows.rows) {
      throw CallLogError(rows.problems, refused: (rows.bad, rows.rows, badRowShare))
    }
    return (format, rows)
  }
}
