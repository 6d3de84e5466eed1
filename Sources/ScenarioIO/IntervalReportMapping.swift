import Yams

/// Which column of an interval report (a CSV an ACD exports with one row per interval and queue)
/// holds what, and how its values are written, read from a small YAML file (`Docs/history.md`,
/// "Interval reports"; the example `Scenarios/history/interval-report-example.yaml`):
///
///     interval: 30m                 # required: 15m, 30m or 60m; every start must fall on its grid
///     times: datetime               # datetime (default), epoch or time-of-day (then `date:` names the date column)
///     start: interval_start         # required
///     type: queue                   # or {constant: calls}
///     offered: offered              # required, and so are answered and abandoned
///     answered: answered
///     abandoned: abandoned
///     averageHandleTime: aht
///     averageSpeedOfAnswer: asa
///     durations: auto               # auto (default: per value), seconds or clock (H:MM:SS / MM:SS)
///     serviceLevel: sl
///     serviceLevelUnit: percent     # share (0.8) or percent (80 or 80%): required with serviceLevel
///     serviceLevelThreshold: 20s    # or {column: sl_seconds}: required with serviceLevel
///     agents: staffed
///
/// Every column value names a column of the CSV's header; ``IntervalReportReader`` checks them
/// against the header, at this file's lines.
public struct IntervalReportMapping: Hashable, Sendable {
  /// How AHT and ASA (and a threshold column) are written.
  public enum Durations: String, Hashable, Sendable {
    /// Each value as it comes: a number of seconds (`245`, `31.5`), or a clock (`4:05`, `0:04:05`).
    case auto
    /// Numbers of seconds only.
    case seconds
    /// Clocks only: `H:MM:SS` or `MM:SS`.
    case clock
  }

  /// How the service level is written.
  public enum ServiceLevelUnit: String, Hashable, Sendable {
    /// A share from 0 to 1 (`0.8`).
    case share
    /// A percentage from 0 to 100, with or without the sign (`80`, `80%`).
    case percent
  }

  /// Where the service level's threshold comes from.
  public enum Threshold: Hashable, Sendable {
    /// The same threshold, in seconds, for every row (`serviceLevelThreshold: 20s`).
    case fixed(Double)
    /// A column of numbers of seconds (`20`), whatever ``IntervalReportMapping/durations`` says.
    case column(MappedColumn)
  }

  /// The mapping file, for errors.
  public var file: String
  /// `,` (default), `;` or a tab.
  public var delimiter: Character = ","
  /// The interval length in seconds: 900, 1800 or 3600.
  public var interval: Double
  /// How the interval start is written (default ``MappedTimes/dateTime``; seconds may be left out).
  public var times: MappedTimes = .dateTime
  /// The centre's offset from UTC in seconds (`timeZone: +02:00`), added to every start: the
  /// report's starts are then UTC (`epoch` starts always are). 0 (`timeZone: none`, the default):
  /// starts as written. Zones with daylight saving are not supported (`Docs/history.md`).
  public var timeZoneOffset: Double = 0
  /// The date column; present exactly when ``times`` is ``MappedTimes/timeOfDay``.
  public var date: MappedColumn?
  /// The interval's start.
  public var start: MappedColumn
  /// The queue or call type (default: every row is of type `calls`).
  public var type: MappedType = .constant("calls")
  /// Whole numbers ≥ 0.
  public var offered: MappedColumn, answered: MappedColumn, abandoned: MappedColumn
  /// AHT and ASA, durations written as ``durations`` says (an empty field: not reported).
  public var averageHandleTime: MappedColumn?, averageSpeedOfAnswer: MappedColumn?
  public var durations: Durations = .auto
  /// The service level; with it, ``serviceLevelUnit`` and ``serviceLevelThreshold`` are set.
  public var serviceLevel: MappedColumn?
  public var serviceLevelUnit: ServiceLevelUnit?
  public var serviceLevelThreshold: Threshold?
  /// Agents staffed on average over the interval (a number ≥ 0, decimals allowed).
  public var agents: MappedColumn?

  /// Every column the mapping names, in the order of ``keys``.
  public var columns: [MappedColumn] {
    var threshold: MappedColumn?
    if case .column(let column) = serviceLevelThreshold { threshold = column }
    return [date, start, type.column, offered, answered, abandoned, averageHandleTime, averageSpeedOfAnswer, serviceLevel,
            threshold, agents].compactMap { $0 }
  }

  static let keys = ["delimiter", "interval", "times", "timeZone", "date", "start", "type", "offered", "answered", "abandoned",
                     "averageHandleTime", "averageSpeedOfAnswer", "durations", "serviceLevel", "serviceLevelUnit",
                     "serviceLevelThreshold", "agents"]

  /// The interval lengths a report may have, in seconds.
  static let lengths: [Double] = [900, 1800, 3600]

  /// Reads and checks a mapping file.
  /// - Throws: ``ScenarioErrors`` with every problem at its line and column: an unknown key (with
  ///   the nearest key as a hint), a missing required key, a bad value, a service level without its
  ///   unit or threshold (or those without a service level).
  public static func load(path: String) throws(ScenarioErrors) -> IntervalReportMapping {
    try parse(ScenarioFile.readText(path: path), file: path)
  }

  /// Reads and checks mapping text; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws(ScenarioErrors) -> IntervalReportMapping {
    try parseMapping(text, file: file) { root, reader in read(root, file: file, reader: &reader) }
  }

  static func read(_ root: Node, file: String, reader: inout YAMLReader) -> IntervalReportMapping? {
    guard let fields = reader.mapping(root, "", allowed: keys) else { return nil }
    func column(_ key: String) -> MappedColumn? { reader.column(fields, key) }
    func required(_ key: String, _ expected: String) -> MappedColumn? {
      reader.required(fields, key, expected: expected).flatMap { _ in column(key) }
    }
    let interval = reader.required(fields, "interval", expected: "the interval length: 15m, 30m or 60m").flatMap {
      reader.duration($0, "interval", expected: "the interval length: 15m, 30m or 60m", where: lengths.contains)
    }
    let start = required("start", "the column of the interval starts")
    let offered = required("offered", "the column of the calls offered")
    let answered = required("answered", "the column of the calls answered")
    let abandoned = required("abandoned", "the column of the calls abandoned")
    let delimiter = reader.delimiter(fields)
    let (times, date) = reader.times(fields)
    let offset = reader.timeZoneOffset(fields, times: times, datedTimeOfDay: true)
    let type = reader.type(fields, constant: "the one queue of every row, such as 'calls'", example: "calls")
    let (handle, answer, agents) = (column("averageHandleTime"), column("averageSpeedOfAnswer"), column("agents"))
    var durations = Durations.auto
    if let node = fields["durations"], let name = reader.choice(node, "durations", ["auto", "seconds", "clock"]),
      let chosen = Durations(rawValue: name) {
      durations = chosen
    }
    let serviceLevel = column("serviceLevel")
    var unit: ServiceLevelUnit?
    if let node = fields["serviceLevelUnit"], let name = reader.choice(node, "serviceLevelUnit", ["share", "percent"]) {
      unit = ServiceLevelUnit(rawValue: name)
    }
    var threshold: Threshold?
    if let node = fields["serviceLevelThreshold"] {
      if case .mapping = node {
        if let entry = reader.mapping(node, "serviceLevelThreshold", allowed: ["column"]),
          reader.required(entry, "column", expected: "the column of the thresholds in seconds") != nil,
          let place = entry["column"],
          let name = reader.string(place, "serviceLevelThreshold.column", expected: "a column name of the CSV header") {
          threshold = .column(MappedColumn(name: name, key: "serviceLevelThreshold.column", line: place.mark?.line ?? 0,
                                           column: place.mark?.column ?? 0))
        }
      } else if let seconds = reader.duration(
        node, "serviceLevelThreshold", expected: "a threshold above 0 with a unit, such as 20s, or {column: name}",
        where: { $0 > 0 && $0.isFinite }) {
        threshold = .fixed(seconds)
      }
    }
    if fields["serviceLevel"] != nil {
      _ = reader.required(fields, "serviceLevelUnit", expected: "how the service level is written: share (0.8) or percent (80, 80%)")
      _ = reader.required(fields, "serviceLevelThreshold", expected: "the service level's threshold, such as 20s, or {column: name}")
    } else {
      for key in ["serviceLevelUnit", "serviceLevelThreshold"] {
        if let node = fields[key] { reader.fail(at: node, key, expected: "no \(key) without a serviceLevel column") }
      }
    }
    guard let interval, let start, let offered, let answered, let abandoned else { return nil }
    var mapping = IntervalReportMapping(file: file, interval: interval, start: start, offered: offered, answered: answered,
                                        abandoned: abandoned)
    (mapping.delimiter, mapping.times, mapping.date, mapping.timeZoneOffset) = (delimiter, times, date, offset)
    if let type { mapping.type = type }
    (mapping.averageHandleTime, mapping.averageSpeedOfAnswer, mapping.durations) = (handle, answer, durations)
    (mapping.serviceLevel, mapping.serviceLevelUnit, mapping.serviceLevelThreshold) = (serviceLevel, unit, threshold)
    mapping.agents = agents
    return mapping
  }

  init(file: String, interval: Double, start: MappedColumn, offered: MappedColumn, answered: MappedColumn,
       abandoned: MappedColumn) {
    self.file = file
    self.interval = interval
    self.start = start
    self.offered = offered
    self.answered = answered
    self.abandoned = abandoned
  }
}
