import Planning

/// A shard's `sweep.csv` read strictly before it is merged: every row has the header's columns,
/// its point and swept values are the grid's, and every other cell is what ``SweepReport`` writes
/// there — a number as Swift prints a finite `Double` (or empty where undefined), a whole number
/// of targets, `yes`/`no` — and quoted only as ``RunReport/csvField(_:)`` quotes. So `NaN<script>`,
/// `1e999`, ` 0.8` or a stray column never reach a merged file.
enum SweepRows {
  /// The header line and the rows, with their 0-based points, of `text`, the `sweep.csv` at `file`.
  /// - Throws: ``MergeError`` at `file:line` (the header is line 1) naming the column and the cell.
  static func read(_ text: String, grid: SweepGrid, file: String) throws(MergeError) -> (header: String, rows: [(point: Int, line: String)]) {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    if lines.last == "" { lines.removeLast() }
    guard let head = lines.first, let header = fields(head) else {
      throw MergeError(place: "\(file):1", expected: "a header line of column names", found: lines.isEmpty ? "an empty file" : "a broken quote")
    }
    let leading = ["point"] + grid.keys
    guard Array(header.prefix(leading.count)) == leading else {
      throw MergeError(place: "\(file):1", expected: "the columns \(leading.joined(separator: ", ")) first",
                       found: header.prefix(leading.count).joined(separator: ", "))
    }
    var rows: [(point: Int, line: String)] = []
    for (index, line) in lines.enumerated().dropFirst() {
      let place = "\(file):\(index + 1)"
      guard let cells = fields(line) else {
        throw MergeError(place: place, expected: "cells quoted as ccsim writes them", found: String(line))
      }
      guard cells.count == header.count else {
        throw MergeError(place: place, expected: "\(header.count) cells, as in the header", found: String(cells.count))
      }
      guard let point = Int(cells[0]), String(point) == cells[0], (1...grid.pointCount).contains(point) else {
        throw MergeError(place: place, expected: "a point of the grid (1 to \(grid.pointCount)) in column point", found: cells[0])
      }
      for (key, (cell, value)) in zip(grid.keys, zip(cells[1...], grid.point(point - 1))) where cell != value {
        throw MergeError(place: place, expected: "\(value) in column \(key) (point \(point))", found: cell)
      }
      for (column, cell) in zip(header, cells).dropFirst(leading.count) {
        if let expected = problem(cell, column: column) { throw MergeError(place: place, expected: expected, found: cell) }
      }
      rows.append((point - 1, String(line)))
    }
    return (String(head), rows)
  }

  /// What the cell of `column` should be when `cell` is not that, else `nil`.
  static func problem(_ cell: String, column: String) -> String? {
    switch column {
    case "targets_checked", "targets_missed":
      Int(cell).map { $0 >= 0 && String($0) == cell } == true ? nil : "a whole number in column \(column)"
    case "meets_targets", "verified":
      ["", "yes", "no"].contains(cell) ? nil : "yes, no or nothing in column \(column)"
    default:
      cell.isEmpty || Double(cell).map { $0.isFinite && "\($0)" == cell } == true ? nil : "a number in column \(column)"
    }
  }

  /// The cells of a CSV line, or `nil` when it is not quoted exactly as ``RunReport/csvField(_:)``
  /// quotes (only a cell with a comma, quote or newline, its quotes doubled).
  static func fields(_ line: Substring) -> [String]? {
    var cells: [String] = [], cell = "", quoted = false, wasQuoted = false
    var characters = line.makeIterator()
    while let character = characters.next() {
      switch (quoted, character) {
      case (false, ","): cells.append(cell); cell = ""; wasQuoted = false
      case (false, "\"") where cell.isEmpty && !wasQuoted: quoted = true; wasQuoted = true
      case (true, "\""):
        // A quote inside quotes is either doubled or closes the cell.
        var lookahead = characters
        if lookahead.next() == "\"" { cell.append("\""); characters = lookahead } else { quoted = false }
      default: cell.append(character)
      }
    }
    guard !quoted else { return nil }
    cells.append(cell)
    return cells.map(RunReport.csvField).joined(separator: ",") == line ? cells : nil
  }
}
