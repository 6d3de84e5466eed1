/// A plain-text table with right-aligned columns, for terminal output.
///
///     var table = TextTable(headers: ["agents", "SL"])
///     table.append(["14", "88.8%"])
///     print(table.rendered())
public struct TextTable: Sendable {
  public var headers: [String]
  public var rows: [[String]] = []

  public init(headers: [String]) { self.headers = headers }

  public mutating func append(_ row: [String]) {
    precondition(row.count == headers.count, "a row needs \(headers.count) cells, got \(row.count)")
    rows.append(row)
  }

  /// The header, then each row, columns separated by two spaces.
  public func rendered() -> String {
    let widths = headers.indices.map { column in
      ([headers] + rows).map { $0[column].count }.max() ?? 0
    }
    return ([headers] + rows).map { row in
      zip(row, widths).map { String(repeating: " ", count: $1 - $0.count) + $0 }.joined(separator: "  ")
    }.joined(separator: "\n")
  }
}
