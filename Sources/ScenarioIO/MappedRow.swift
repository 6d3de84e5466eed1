/// One data row of a mapped CSV (a generic call log or an interval report) split into its fields,
/// as many as the header has, with the field of a mapped column and a problem located at it.
struct MappedRow {
  /// The CSV file and the row's 1-based line, for errors.
  let file: String, number: Int
  /// Header name → field index.
  let index: [String: Int]
  let line: CSVLine

  /// Splits `text`; a quote left open, or another number of fields than the header's `count`, is
  /// an error at its place.
  init(_ text: Substring, number: Int, file: String, delimiter: Character, index: [String: Int], count: Int)
    throws(ScenarioError) {
    self.file = file
    self.number = number
    self.index = index
    line = try CSVLine(text, delimiter: delimiter, file: file, line: number)
    guard line.fields.count == count else {
      throw ScenarioError(file: file, line: number, column: 1, path: "row",
                          expected: "\(count) fields, as the header has", found: "\(line.fields.count)")
    }
  }

  /// The 1-based character column where `column`'s field starts.
  func start(of column: MappedColumn) -> Int { line.starts[index[column.name] ?? 0] }

  func field(_ column: MappedColumn) -> Substring { line.fields[index[column.name] ?? 0] }

  /// `column`'s field is not what was `expected`: the error at its place, with the field as found.
  func problem(_ column: MappedColumn, expected: String) -> ScenarioError {
    let found = field(column)
    return ScenarioError(file: file, line: number, column: start(of: column), path: column.name, expected: expected,
                         found: found.isEmpty ? "nothing" : String(found))
  }
}
