import Yams

/// A column name as a mapping file writes it (a call-log ``CallLogMapping`` or an
/// ``IntervalReportMapping``), and where, so that a column the CSV's header lacks is reported at
/// the mapping's line.
public struct MappedColumn: Hashable, Sendable {
  /// The header name.
  public var name: String
  /// The mapping's key (`answer`), and the 1-based line and column of the value.
  public var key: String, line: Int, column: Int
}

/// How a mapped CSV writes its times (call logs and interval reports alike).
public enum MappedTimes: String, Hashable, Sendable {
  /// `YYYY-MM-DD HH:MM:SS` or `YYYY-MM-DDTHH:MM:SS` in each time column (an interval report may
  /// leave out the seconds: `YYYY-MM-DD HH:MM`).
  case dateTime = "datetime"
  /// Seconds since 1970-01-01 00:00:00 UTC in each time column (days are UTC days unless the
  /// mapping's `timeZone` moves them).
  case epoch
  /// `H:MM:SS` in each time column (an interval report also `H:MM`), of the day in the `date`
  /// column (`YYYY-MM-DD`).
  case timeOfDay = "time-of-day"
}

/// Where each row's call type (or queue) comes from.
public enum MappedType: Hashable, Sendable {
  /// The type as written in this column (an empty field is a malformed row).
  case column(MappedColumn)
  /// Every row is of this one type.
  case constant(String)

  /// The column, when the type is read from one.
  var column: MappedColumn? {
    if case .column(let column) = self { return column }
    return nil
  }
}

/// A mapping file read into `Mapping` by `read`, every problem collected and sorted by place.
func parseMapping<Mapping>(_ text: String, file: String, read: (Node, inout YAMLReader) -> Mapping?)
  throws(ScenarioErrors) -> Mapping {
  let root = try ScenarioFile.compose(text, file: file)
  var reader = YAMLReader(file: file)
  let mapping = read(root, &reader)
  guard reader.errors.isEmpty, let mapping else {
    throw ScenarioErrors(reader.errors.sorted { ($0.line, $0.column) < ($1.line, $1.column) })
  }
  return mapping
}

/// The mapping keys both mappings share, read the same way.
extension YAMLReader {
  /// The column named by `key`, if written.
  mutating func column(_ fields: Fields, _ key: String) -> MappedColumn? {
    guard let node = fields[key], let name = string(node, key, expected: "a column name of the CSV header") else { return nil }
    return MappedColumn(name: name, key: key, line: node.mark?.line ?? 0, column: node.mark?.column ?? 0)
  }

  /// `delimiter:` — `,` (default), `;` or a tab.
  mutating func delimiter(_ fields: Fields) -> Character {
    guard let node = fields["delimiter"] else { return "," }
    switch node.string {
    case ",": return ","
    case ";": return ";"
    case "\t", "tab": return "\t"
    default:
      fail(at: node, "delimiter", expected: "',', ';' or tab (write \",\" with its quotes)")
      return ","
    }
  }

  /// `times:` (default `datetime`) and the `date:` column, present exactly with `time-of-day`.
  mutating func times(_ fields: Fields) -> (MappedTimes, MappedColumn?) {
    var times = MappedTimes.dateTime
    if let node = fields["times"], let name = choice(node, "times", ["datetime", "epoch", "time-of-day"]),
      let chosen = MappedTimes(rawValue: name) {
      times = chosen
    }
    let date = column(fields, "date")
    if times == .timeOfDay, date == nil, fields["date"] == nil {
      _ = required(fields, "date", expected: "the column of the dates (times: time-of-day)")
    } else if times != .timeOfDay, let node = fields["date"] {
      fail(at: node, "date", expected: "no date column unless times: time-of-day (each \(times.rawValue) time carries its date)")
    }
    return (times, date)
  }

  /// `type:` — a column name, or `{constant: name}` (`expected` describes the name); `nil` when not written.
  mutating func type(_ fields: Fields, constant expected: String, example: String) -> MappedType? {
    guard let node = fields["type"] else { return nil }
    if case .mapping = node {
      guard let constant = mapping(node, "type", allowed: ["constant"]),
        let value = required(constant, "constant", expected: expected)
          .flatMap({ identifier($0, "type.constant", example: example) }) else { return nil }
      return .constant(value)
    }
    return column(fields, "type").map(MappedType.column)
  }

  /// `timeZone:` — `none` (default: times as written) or a fixed offset from UTC such as `+02:00`,
  /// in seconds. With an offset, timestamps are read as UTC and moved to the centre's clock; with
  /// `times: time-of-day` only where a row's date and time make one timestamp (`datedTimeOfDay`:
  /// an interval start), not for a call log's times of day (which carry no date of their own).
  mutating func timeZoneOffset(_ fields: Fields, times: MappedTimes, datedTimeOfDay: Bool) -> Double {
    guard let node = fields["timeZone"] else { return 0 }
    let expected = "none, or a fixed offset from UTC such as +02:00 or -05:00 (zones with daylight saving are not supported)"
    guard let text = string(node, "timeZone", expected: expected) else { return 0 }
    if text == "none" { return 0 }
    guard let offset = ClockTime.utcOffset(Substring(text)) else {
      fail(at: node, "timeZone", expected: expected)
      return 0
    }
    if times == .timeOfDay, !datedTimeOfDay, offset != 0 {
      fail(at: node, "timeZone", expected: "none with times: time-of-day (a time of day cannot be moved across midnight; "
           + "use datetime or epoch times)")
      return 0
    }
    return offset
  }
}

/// The header line of a mapped CSV: its names, and the field index of each; every column the
/// mapping names must be among them.
struct MappedHeader {
  let names: [String]
  /// Header name → field index (the first, when a name repeats).
  let index: [String: Int]

  /// Splits `header` (a leading byte-order mark, which spreadsheet exports write, is dropped).
  /// - Throws: ``CallLogError`` for a malformed header, or one error per mapped column the header
  ///   lacks, at the mapping file's line, listing the header's names (and `did you mean` when close).
  init(_ header: Substring, delimiter: Character, file: String, mappingFile: String, columns: [MappedColumn])
    throws(CallLogError) {
    let names: [String]
    do throws(ScenarioError) {
      names = try CSVLine(header.drop { $0 == "\u{FEFF}" }, delimiter: delimiter, file: file, line: 1).fields.map(String.init)
    } catch {
      throw CallLogError([error])
    }
    var index: [String: Int] = [:]
    for (position, name) in names.enumerated() where index[name] == nil { index[name] = position }
    let missing = columns.filter { index[$0.name] == nil }
    guard missing.isEmpty else {
      throw CallLogError(missing.map { column in
        let near = names.min { editDistance($0, column.name) < editDistance($1, column.name) }
        let hint = near.flatMap { editDistance($0, column.name) <= max(2, column.name.count / 3) ? "did you mean '\($0)'?" : nil }
        return ScenarioError(file: mappingFile, line: column.line, column: column.column, path: column.key,
                             expected: "a column of the header of \(file) (\(names.joined(separator: ", ")))",
                             found: "'\(column.name)'", hint: hint)
      })
    }
    self.names = names
    self.index = index
  }
}
