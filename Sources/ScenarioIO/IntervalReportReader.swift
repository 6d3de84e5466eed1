import Estimators

/// Reads an interval report: a CSV an ACD exports with one row per interval and queue (offered,
/// answered, abandoned, AHT, ASA, service level, agents), its columns named by an
/// ``IntervalReportMapping`` (`Docs/history.md`, "Interval reports"), streamed row by row, each
/// row handed to `visit` as an ``ObservedInterval``.
///
///     let mapping = try IntervalReportMapping.load(path: "Scenarios/history/interval-report-example.yaml")
///     let summary = try IntervalReportReader(path: "Scenarios/history/interval-report-example.csv", mapping: mapping)
///       .read { interval in offered[interval.type, default: 0] += interval.offered }
///
/// A row is **malformed** — reported as `file:line:column: error: <column>: expected …, found …`,
/// skipped, and counted against ``badRowShare`` (beyond it the file is refused with its first 20
/// problems, and what was visited must be discarded) — when it has another number of fields than
/// the header, a start that does not parse or is off the mapping's grid, an empty type, a count
/// that is not a whole number ≥ 0, more answered than offered or `answered + abandoned` above
/// offered, a negative or unreadable AHT, ASA or threshold, a service level outside 0–1 (0–100 as
/// a percentage), a negative number of agents, or the same day, start and type as an earlier row.
///
/// Rows of days outside ``days`` are counted (``Summary/outsideDays``) and skipped, and so are rows
/// whose type is not in ``types`` (``Summary/otherTypes``, their names in
/// ``Summary/unknownTypes``). Memory follows the longest line and the number of distinct
/// (day, start, type) kept, 8 bytes each for the duplicate check — not the file's length.
public struct IntervalReportReader: Sendable {
  /// The CSV file.
  public var path: String
  /// Which of its columns holds what, and how values are written.
  public var mapping: IntervalReportMapping
  /// The largest share of malformed rows skipped rather than refused (0…1; default 1%).
  public var badRowShare: Double
  /// Only rows of these days are visited; `nil`: all.
  public var days: ClosedRange<CalendarDay>?
  /// Only rows of these types are visited (the scenario's types, say); `nil`: all.
  public var types: Set<String>?

  /// A reader of the report at `path` through `mapping`; `badRowShare` in 0…1.
  public init(path: String, mapping: IntervalReportMapping, badRowShare: Double = 0.01,
              days: ClosedRange<CalendarDay>? = nil, types: Set<String>? = nil) {
    precondition((0...1).contains(badRowShare), "a share in 0...1")
    self.path = path
    self.mapping = mapping
    self.badRowShare = badRowShare
    self.days = days
    self.types = types
  }

  /// What a read found besides the intervals it visited.
  public struct Summary: Hashable, Sendable {
    /// Data rows (the header and blank lines not counted).
    public var rows = 0
    /// Rows visited.
    public var intervals = 0
    /// Rows of days outside ``IntervalReportReader/days``, left out.
    public var outsideDays = 0
    /// Rows of types outside ``IntervalReportReader/types``, left out, and those types (sorted,
    /// the first 20 by name among the first 1,000 met), for a caller to say which types it did not expect.
    public var otherTypes = 0
    public var unknownTypes: [String] = []
    /// Malformed rows skipped, and the first 20 of them.
    public var badRows = 0
    public var problems: [ScenarioError] = []
  }

  /// Streams the report, calling `visit` with each interval in file order.
  /// - Throws: ``CallLogError`` when the file cannot be read, is empty or has no data row, lacks a
  ///   column the mapping names (reported at the mapping's line, with the header's names), or has
  ///   more malformed rows than ``badRowShare``.
  public func read(_ visit: (ObservedInterval) -> Void) throws(CallLogError) -> Summary {
    let (path, mapping, days, types) = (path, mapping, days, types)
    var summary = Summary()
    var unknown: Set<String> = []
    let scan = RowScan(path: path, badRowShare: badRowShare, document: "interval report", record: "interval")
    let expected = "an interval report with a header line naming its columns (\(mapping.columns.map(\.name).joined(separator: ", ")) …)"
    let (_, rows) = try scan.run(expecting: expected) { line throws(CallLogError) in
      let header = try MappedHeader(line, delimiter: mapping.delimiter, file: path, mappingFile: mapping.file,
                                    columns: mapping.columns)
      return Seen(index: header.index, count: header.names.count)
    } row: { seen, number, text throws(ScenarioError) in
      let row = try IntervalReportRow(text: text, number: number, file: path, mapping: mapping, index: seen.index,
                                      count: seen.count)
      let interval = try row.interval()
      if let days, !days.contains(interval.day) {
        summary.outsideDays += 1
        return
      }
      if let types, !types.contains(interval.type) {
        summary.otherTypes += 1
        if unknown.count < 1_000 { unknown.insert(interval.type) }   // bounded, however many rows
        return
      }
      guard seen.insert(interval) else { throw row.repeated(interval) }
      summary.intervals += 1
      visit(interval)
    }
    (summary.rows, summary.badRows, summary.problems) = (rows.rows, rows.bad, rows.problems)
    summary.unknownTypes = Array(unknown.sorted().prefix(20))
    return summary
  }

  /// The header's fields, and the (day, start, type) of the rows kept so far, packed in 63 bits:
  /// days since 1970 (22 bits), the start in seconds (17), the type's number in order of first
  /// appearance (24).
  struct Seen {
    let index: [String: Int]
    let count: Int
    var typeNumbers: [String: Int] = [:]
    var keys: Set<UInt64> = []

    init(index: [String: Int], count: Int) {
      self.index = index
      self.count = count
    }

    /// Records `interval`'s day, start and type; `false` when an earlier row had them.
    mutating func insert(_ interval: ObservedInterval) -> Bool {
      let type = typeNumbers[interval.type] ?? typeNumbers.count
      typeNumbers[interval.type] = type
      let key = UInt64(interval.day.daysSinceEpoch) << 41 | UInt64(interval.start) << 24 | UInt64(type)
      return keys.insert(key).inserted
    }
  }
}
