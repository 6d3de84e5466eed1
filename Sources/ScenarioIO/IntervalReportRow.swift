import Estimators

/// One data row of an interval report read through its ``IntervalReportMapping`` into an
/// ``ObservedInterval``, every problem reported at its column (``IntervalReportReader`` says what
/// a row means and which rows are malformed).
struct IntervalReportRow {
  let mapping: IntervalReportMapping
  let row: MappedRow

  init(text: Substring, number: Int, file: String, mapping: IntervalReportMapping, index: [String: Int], count: Int)
    throws(ScenarioError) {
    self.mapping = mapping
    row = try MappedRow(text, number: number, file: file, delimiter: mapping.delimiter, index: index, count: count)
  }

  func interval() throws(ScenarioError) -> ObservedInterval {
    let (day, start) = try started()
    let type: String
    switch mapping.type {
    case .constant(let name): type = name
    case .column(let column):
      guard !field(column).isEmpty else { throw problem(column, expected: "a queue or call type") }
      type = String(field(column))
    }
    let offered = try count(mapping.offered)
    let answered = try count(mapping.answered)
    let abandoned = try count(mapping.abandoned)
    guard answered <= offered else { throw problem(mapping.answered, expected: "at most \(mapping.offered.name) (\(offered))") }
    guard answered + abandoned <= offered else {
      throw problem(mapping.abandoned, expected: "at most \(mapping.offered.name) − \(mapping.answered.name) "
                    + "(\(offered) − \(answered) = \(offered - answered))")
    }
    var interval = ObservedInterval(day: day, start: start, length: mapping.interval, type: type, offered: offered,
                                    answered: answered, abandoned: abandoned)
    interval.averageHandleTime = try duration(mapping.averageHandleTime)
    interval.averageSpeedOfAnswer = try duration(mapping.averageSpeedOfAnswer)
    if let column = mapping.serviceLevel, !field(column).isEmpty {
      interval.serviceLevel = try serviceLevel(column)
      switch mapping.serviceLevelThreshold {
      case .fixed(let seconds): interval.serviceLevelThreshold = seconds
      case .column(let thresholdColumn):
        guard let seconds = Quantity.number(field(thresholdColumn)), seconds > 0 else {
          throw problem(thresholdColumn, expected: "the service level's threshold, a number of seconds above 0")
        }
        interval.serviceLevelThreshold = seconds
      case nil: break
      }
    }
    if let column = mapping.agents, !field(column).isEmpty {
      guard let agents = Quantity.number(field(column)), agents >= 0 else {
        throw problem(column, expected: "a number of agents ≥ 0")
      }
      interval.agents = agents
    }
    return interval
  }

  /// The interval's day and start (seconds after its midnight) on the centre's clock, on the grid.
  func started() throws(ScenarioError) -> (CalendarDay, Double) {
    let column = mapping.start
    let text = field(column)
    var parsed: (day: CalendarDay, seconds: Double)?
    switch mapping.times {
    case .dateTime: parsed = ClockTime.minuteTimestamp(text)
    case .epoch: parsed = ClockTime.epoch(text)
    case .timeOfDay:
      guard let date = mapping.date else { break }
      guard let day = CalendarDay(iso: field(date)) else { throw problem(date, expected: "a date YYYY-MM-DD") }
      parsed = ClockTime.minutes(text).map { (day, $0) }
    }
    guard let written = parsed else { throw problem(column, expected: startFormat) }
    var local = written
    if mapping.timeZoneOffset != 0 {
      guard let moved = ClockTime.shifted(written.day, written.seconds, by: mapping.timeZoneOffset) else {
        throw problem(column, expected: "\(startFormat), from 1970 to 9999 on the centre's clock")
      }
      local = moved
    }
    guard local.seconds.truncatingRemainder(dividingBy: mapping.interval) == 0 else {
      let minutes = Int(mapping.interval / 60)
      let moved = mapping.timeZoneOffset == 0 ? "" : " (after the time zone's offset)"
      let next = minutes == 60 ? "01:00" : "00:\(minutes)"
      throw problem(column, expected: "a start on the \(minutes)-minute grid (00:00, \(next), …)\(moved)")
    }
    return local
  }

  /// A count: a whole number ≥ 0 (an empty field is malformed).
  func count(_ column: MappedColumn) throws(ScenarioError) -> Int {
    guard let value = Int(field(column)), value >= 0 else { throw problem(column, expected: "a whole number ≥ 0") }
    return value
  }

  /// A duration in seconds as ``IntervalReportMapping/durations`` says; `nil` when not mapped or empty.
  func duration(_ column: MappedColumn?) throws(ScenarioError) -> Double? {
    guard let column, !field(column).isEmpty else { return nil }
    let text = field(column)
    let seconds: Double? = switch mapping.durations {
    case .seconds: Quantity.number(text)
    case .clock: ClockTime.clockDuration(text)
    case .auto: text.contains(":") ? ClockTime.clockDuration(text) : Quantity.number(text)
    }
    guard let seconds, seconds >= 0 else { throw problem(column, expected: "\(durationFormat) ≥ 0") }
    return seconds
  }

  /// The service level as a share in 0…1, from a share or a percentage as the mapping says.
  func serviceLevel(_ column: MappedColumn) throws(ScenarioError) -> Double {
    let text = field(column)
    switch mapping.serviceLevelUnit {
    case .percent:
      let digits = text.hasSuffix("%") ? text.dropLast() : text
      // `97.9e-2` rather than 97.9 / 100: the share nearest 0.979, as if written so.
      guard let value = Quantity.number(digits), (0...100).contains(value), let share = Double(digits + "e-2") else {
        throw problem(column, expected: "a percentage from 0 to 100, such as 80 or 80% (serviceLevelUnit: percent)")
      }
      return share
    case .share, nil:
      guard let value = Quantity.number(text), (0...1).contains(value) else {
        throw problem(column, expected: "a share from 0 to 1, such as 0.8 (serviceLevelUnit: share)")
      }
      return value
    }
  }

  var startFormat: String {
    switch mapping.times {
    case .dateTime: "a date and time YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS (or with T)"
    case .epoch: "seconds since 1970-01-01 00:00:00 UTC"
    case .timeOfDay: "a time H:MM or H:MM:SS"
    }
  }

  var durationFormat: String {
    switch mapping.durations {
    case .auto: "a duration in seconds (245) or as H:MM:SS or MM:SS (0:04:05, 4:05)"
    case .seconds: "a number of seconds (durations: seconds)"
    case .clock: "a duration H:MM:SS or MM:SS (durations: clock)"
    }
  }

  func field(_ column: MappedColumn) -> Substring { row.field(column) }

  func problem(_ column: MappedColumn, expected: String) -> ScenarioError { row.problem(column, expected: expected) }

  /// The error for a row whose day, start and type an earlier row already had.
  func repeated(_ interval: ObservedInterval) -> ScenarioError {
    let column = mapping.start
    let clock = Int(interval.start)
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return ScenarioError(file: row.file, line: row.number, column: row.start(of: column), path: column.name,
                         expected: "one row per day, start and type",
                         found: "a second row for \(interval.day) \(two(clock / 3600)):\(two(clock % 3600 / 60)) \(interval.type)")
  }
}
