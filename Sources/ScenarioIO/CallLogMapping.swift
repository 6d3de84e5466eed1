import Yams

/// Which column of a generic call log (a CSV exported by any ACD) holds what, read from a small
/// YAML file (`Docs/history.md`, "Call logs: a generic CSV and its mapping"; the example
/// `Scenarios/history/generic-example-columns.yaml`):
///
///     times: datetime          # datetime (default), epoch or time-of-day (then `date:` names the date column)
///     timeZone: none           # none (default) or a fixed offset such as +02:00: timestamps are UTC
///     arrival: arrived         # required
///     queueEntry: queued
///     answer: answered
///     hangUp: hung_up
///     end: ended
///     type: queue              # or {constant: calls}
///     agent: agent
///
/// Every value names a column of the CSV's header; ``GenericCallLogReader`` checks them against
/// the header. A handle time must be derivable: a `handle` column, or both `answer` and `end`.
public struct CallLogMapping: Hashable, Sendable {
  /// A column name as the mapping writes it, and where (for errors about the header).
  public typealias Column = MappedColumn
  /// How times are written.
  public typealias Times = MappedTimes
  /// Where a call's type comes from.
  public typealias TypeSource = MappedType

  /// A column saying a call was served by the IVR/VRU (self-service) when it holds one of `values`.
  public struct SelfService: Hashable, Sendable {
    public var column: Column
    /// The values (compared exactly) that mean self-service.
    public var values: Set<String>
  }

  /// The mapping file, for errors.
  public var file: String
  /// `,` (default), `;` or a tab.
  public var delimiter: Character = ","
  /// How the time columns are written (default ``Times/dateTime``).
  public var times: Times = .dateTime
  /// The centre's offset from UTC in seconds (`timeZone: +02:00`), added to every timestamp
  /// (`datetime` times are then read as UTC, `epoch` times always are); 0 (`timeZone: none`, the
  /// default): times as written. Not with `time-of-day`, whose times carry no date to move across
  /// midnight. Zones with daylight saving are not supported (`Docs/history.md`, "Time zones").
  public var timeZoneOffset: Double = 0
  /// The date column; present exactly when ``times`` is ``Times/timeOfDay``.
  public var date: Column?
  /// Arrival at the centre; its date is the call's day.
  public var arrival: Column
  /// Joining the queue (without the column a call queues on arrival; an empty field: never
  /// queued), start of service, hanging up while queueing, end of service.
  public var queueEntry: Column?, answer: Column?, hangUp: Column?, end: Column?
  /// Durations in seconds (whole or decimal).
  public var wait: Column?, handle: Column?
  /// The call type (default: every call is of type `calls`).
  public var type: TypeSource = .constant("calls")
  /// The column, if any, marking calls that ended in the IVR/VRU.
  public var selfService: SelfService?
  /// The column, if any, marking rows that are not calls to read (counted in the summary's
  /// `phantoms` and left out), with the values that mark them: `ccsim run --calls` marks so the
  /// contacts that were blocked, unserved or carried over, which no ``ObservedCall`` outcome holds.
  public var leftOut: SelfService?
  /// A whole number ≥ 0; the agent of a served call; the caller (empty fields: not known).
  public var priority: Column?, agent: Column?, customer: Column?

  /// Every column the mapping names, in the order of ``keys``.
  public var columns: [Column] {
    [date, arrival, queueEntry, answer, hangUp, end, wait, handle, type.column, selfService?.column, priority, agent,
     customer, leftOut?.column].compactMap { $0 }
  }

  static let keys = ["delimiter", "times", "timeZone", "date", "arrival", "queueEntry", "answer", "hangUp", "end", "wait", "handle",
                     "type", "selfService", "priority", "agent", "customer", "leftOut"]

  /// Reads and checks a mapping file.
  /// - Throws: ``ScenarioErrors`` with every problem at its line and column: an unknown key (with
  ///   the nearest key as a hint), a missing `arrival`, a missing way to the handle time, a bad value.
  public static func load(path: String) throws(ScenarioErrors) -> CallLogMapping {
    try parse(ScenarioFile.readText(path: path), file: path)
  }

  /// Reads and checks mapping text; `file` names it in errors.
  public static func parse(_ text: String, file: String) throws(ScenarioErrors) -> CallLogMapping {
    try parseMapping(text, file: file) { root, reader in read(root, file: file, reader: &reader) }
  }

  static func read(_ root: Node, file: String, reader: inout YAMLReader) -> CallLogMapping? {
    guard let fields = reader.mapping(root, "", allowed: keys) else { return nil }
    func column(_ key: String) -> Column? { reader.column(fields, key) }
    let arrival = reader.required(fields, "arrival", expected: "the column of the arrival times").flatMap { _ in column("arrival") }
    var mapping = CallLogMapping(file: file, arrival: arrival ?? Column(name: "", key: "arrival", line: 0, column: 0))
    mapping.delimiter = reader.delimiter(fields)
    (mapping.times, mapping.date) = reader.times(fields)
    mapping.timeZoneOffset = reader.timeZoneOffset(fields, times: mapping.times, datedTimeOfDay: false)
    (mapping.queueEntry, mapping.answer, mapping.hangUp, mapping.end) = (column("queueEntry"), column("answer"), column("hangUp"), column("end"))
    (mapping.wait, mapping.handle) = (column("wait"), column("handle"))
    (mapping.priority, mapping.agent, mapping.customer) = (column("priority"), column("agent"), column("customer"))
    if let type = reader.type(fields, constant: "the one call type of every call, such as 'calls'", example: "calls") {
      mapping.type = type
    }
    mapping.selfService = marker(fields, "selfService", meaning: "a call ended in the IVR", "self-service", example: "[IVR]",
                                 reader: &reader)
    mapping.leftOut = marker(fields, "leftOut", meaning: "a row is not a call to read", "a row to leave out",
                             example: "[blocked]", reader: &reader)
    if fields["handle"] == nil, fields["answer"] == nil || fields["end"] == nil {
      reader.fail(at: root, "handle", expected: "a way to the handle time: a handle column, or both answer and end columns",
                  found: "nothing (the key is missing)")
    }
    return arrival == nil ? nil : mapping
  }

  /// A `{column: …, values: [...]}` entry under `key` (`selfService`, `leftOut`), `nil` when absent
  /// or bad (reported in `reader`); `meaning` and `marks` phrase what the column says for errors.
  private static func marker(_ fields: Fields, _ key: String, meaning: String, _ marks: String, example: String,
                             reader: inout YAMLReader) -> SelfService? {
    guard let node = fields[key], let entry = reader.mapping(node, key, allowed: ["column", "values"]) else { return nil }
    let name = reader.required(entry, "column", expected: "the column saying \(meaning)")
      .flatMap { reader.string($0, "\(key).column", expected: "a column name of the CSV header") }
    let values = reader.required(entry, "values", expected: "the values of that column that mean \(marks)")
      .flatMap { reader.sequence($0, "\(key).values", expected: "a list of values, such as \(example)") }?
      .compactMap { reader.string($0, "\(key).values", expected: "a value of the column") }
    guard let name, let values, let place = entry["column"] else { return nil }
    return SelfService(column: Column(name: name, key: "\(key).column", line: place.mark?.line ?? 0, column: place.mark?.column ?? 0),
                       values: Set(values))
  }
}
