import Planning

/// A shard's `sweep.csv` read strictly, into typed rows, before it is merged: every row has the header's columns,
/// its point and swept values are the grid's, and every other cell is what ``SweepReport`` writes
/// there — a number as Swift prints a finite `Double` (or empty where undefined), a whole number
/// of targets, `yes`/`no`, a planned cost that is a number — and quoted only as ``RunReport/csvField(_:)`` quotes. So `NaN<script>`,
/// `1e999`, ` 0.8` or a stray column never reach a merged file.
enum SweepRows {
  /// The type and group ids of the columns and the rows of `text`, the `sweep.csv` at `file` of a
  /// sweep over `grid` (with the staffing columns when `staffed`).
  /// - Throws: ``Planning/MergeError`` at `file:line` (the header is line 1) naming the column and the cell.
  static func read(_ text: String, grid: SweepGrid, staffed: Bool, file: String) throws(MergeError)
    -> (typeIDs: [String], groupIDs: [String], rows: [SweepRow]) {
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
    guard let (typeIDs, groupIDs) = layout(Array(header.dropFirst(leading.count)), staffed: staffed) else {
      throw MergeError(place: "\(file):1", expected: "the columns ccsim sweep writes after the swept keys", found: String(head))
    }
    var rows: [SweepRow] = []
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
      rows.append(row(point: point - 1, cells: Array(cells.dropFirst(leading.count)), grid: grid,
                      types: typeIDs.count, groups: groupIDs.count, staffed: staffed))
    }
    return (typeIDs, groupIDs, rows)
  }

  /// The type and group ids of the metric columns (those after the point and the swept keys), or
  /// `nil` when they are not the columns ``SweepReport`` writes.
  static func layout(_ columns: [String], staffed: Bool) -> (typeIDs: [String], groupIDs: [String])? {
    func ids<M: RawRepresentable<String>>(_ metrics: [M], from start: Int) -> [String] {
      let suffixes = metrics.flatMap { [$0.rawValue, $0.rawValue + "_ci95"] }
      var ids: [String] = [], at = start
      while at < columns.count, columns[at].hasSuffix("." + suffixes[0]) {
        let id = String(columns[at].dropLast(suffixes[0].count + 1))
        guard Array(columns[at...].prefix(suffixes.count)) == suffixes.map({ "\(id).\($0)" }) else { break }
        ids.append(id)
        at += suffixes.count
      }
      return ids
    }
    let centre = 2 * SweepRow.centreMetrics.count
    let typeIDs = ids(SweepRow.typeMetrics, from: centre)
    let groupIDs = ids(SweepRow.groupMetrics, from: centre + 2 * SweepRow.typeMetrics.count * typeIDs.count)
    guard columns == SweepReport.metricColumns(typeIDs: typeIDs, groupIDs: groupIDs, staffed: staffed) else { return nil }
    return (typeIDs, groupIDs)
  }

  /// The typed row of checked metric cells (those after the point and the swept keys).
  static func row(point: Int, cells: [String], grid: SweepGrid, types: Int, groups: Int, staffed: Bool) -> SweepRow {
    var rest = cells[...]
    func values(_ count: Int) -> [SweepRow.Value] {
      (0..<count).map { _ in
        let pair = rest.prefix(2).map(Double.init)
        rest = rest.dropFirst(2)
        return SweepRow.Value(mean: pair[0], halfWidth: pair[1])
      }
    }
    func take() -> String { rest.popFirst()! }
    let centre = values(SweepRow.centreMetrics.count)
    let typeValues = (0..<types).map { _ in values(SweepRow.typeMetrics.count) }
    let groupValues = (0..<groups).map { _ in values(SweepRow.groupMetrics.count) }
    let checked = Int(take())!, missed = Int(take())!, meets = take()
    let staffing = staffed ? SweepRow.Staffing(erlangPlannedCost: Double(take())!, plannedCost: Double(take())!, verified: take() == "yes") : nil
    return SweepRow(point: point, values: grid.point(point), centre: centre, types: typeValues, groups: groupValues,
                    targetsChecked: checked, targetsMissed: missed, meetsTargets: meets.isEmpty ? nil : meets == "yes", staffing: staffing)
  }

  /// What the cell of `column` should be when `cell` is not that, else `nil`.
  static func problem(_ cell: String, column: String) -> String? {
    switch column {
    case "targets_checked", "targets_missed":
      Int(cell).map { $0 >= 0 && String($0) == cell } == true ? nil : "a whole number in column \(column)"
    case "meets_targets":
      ["", "yes", "no"].contains(cell) ? nil : "yes, no or nothing in column \(column)"
    case "verified":
      ["yes", "no"].contains(cell) ? nil : "yes or no in column \(column)"
    case "erlang_planned_cost", "planned_cost":
      Double(cell).map { $0.isFinite && "\($0)" == cell } == true ? nil : "a number in column \(column)"
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
