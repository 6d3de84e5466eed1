import Estimators

/// One data row of a generic call log read through its ``CallLogMapping`` into an
/// ``ObservedCall``, every problem reported at its column (``GenericCallLogReader`` says what a
/// row means).
struct GenericCallLogRow {
  typealias Column = CallLogMapping.Column
  let mapping: CallLogMapping
  let row: MappedRow

  init(text: Substring, number: Int, file: String, mapping: CallLogMapping, index: [String: Int], count: Int)
    throws(ScenarioError) {
    self.mapping = mapping
    row = try MappedRow(text, number: number, file: file, delimiter: mapping.delimiter, index: index, count: count)
  }

  /// The row's call; `nil` for a row the mapping's `leftOut` marks (counted as a phantom).
  func call() throws(ScenarioError) -> ObservedCall? {
    if let leftOut = mapping.leftOut, leftOut.values.contains(String(field(leftOut.column))) { return nil }
    let arrivalColumn = mapping.arrival
    guard let arrived = try written(arrivalColumn) else { throw problem(arrivalColumn, expected: timeFormat) }
    let (logged, arrival) = arrived
    let day: CalendarDay
    if let logged {
      day = logged
    } else {
      let date = mapping.date!
      guard let dated = CalendarDay(iso: field(date)) else { throw problem(date, expected: "a date YYYY-MM-DD") }
      day = dated
    }
    let type: String
    switch mapping.type {
    case .constant(let name): type = name
    case .column(let column):
      guard !field(column).isEmpty else { throw problem(column, expected: "a call type") }
      type = String(field(column))
    }
    var priority: Int?
    if let column = mapping.priority, !field(column).isEmpty {
      guard let value = Int(field(column)), value >= 0 else { throw problem(column, expected: "a whole number ≥ 0") }
      priority = value
    }
    let customer = mapping.customer.flatMap { field($0).isEmpty ? nil : String(field($0)) }
    func call(queueEntry: Double?, wait: Double, _ outcome: ObservedCall.Outcome, answered: Double? = nil) -> ObservedCall {
      var agent: String?
      if case .served = outcome, let column = mapping.agent, !field(column).isEmpty { agent = String(field(column)) }
      return ObservedCall(day: day, type: type, priority: priority, customer: customer, agent: agent, arrival: arrival,
                          queueEntry: queueEntry, wait: wait, outcome: outcome, answered: answered)
    }
    if let selfService = mapping.selfService, selfService.values.contains(String(field(selfService.column))) {
      return call(queueEntry: nil, wait: 0, .selfService)
    }

    let start = (arrivalColumn, arrival)
    var queueEntry: Double? = arrival
    if mapping.queueEntry != nil { queueEntry = try time(mapping.queueEntry, after: start, day: day, arrival: arrival) }
    let queued = queueEntry.map { (mapping.queueEntry ?? arrivalColumn, $0) } ?? start
    let answer = try time(mapping.answer, after: queued, day: day, arrival: arrival)
    let hangUp = try time(mapping.hangUp, after: queued, day: day, arrival: arrival)
    let end = try time(mapping.end, after: answer.map { (mapping.answer!, $0) } ?? queued, day: day, arrival: arrival)
    let handle = try agreeing(mapping.handle, difference(end, mapping.end, minus: answer, mapping.answer))
    let waited = try agreeing(mapping.wait, difference(answer ?? hangUp, answer == nil ? mapping.hangUp : mapping.answer,
                                                       minus: queueEntry, mapping.queueEntry))
    if answer != nil || (handle ?? 0) > 0 {
      guard let handle else {
        throw problem(mapping.end ?? mapping.handle!, expected: "the end of service or the handle time of an answered call")
      }
      guard let wait = waited ?? (queueEntry == nil ? 0 : nil) else {
        throw problem(mapping.wait ?? mapping.answer ?? arrivalColumn,
                      expected: "the answer time or the wait of a served call that queued")
      }
      return call(queueEntry: queueEntry, wait: wait, .served(handle: handle), answered: answer)
    }
    guard let queueEntry else { return call(queueEntry: nil, wait: 0, .selfService) }
    guard let wait = waited else {
      throw problem(mapping.hangUp ?? mapping.wait ?? arrivalColumn,
                    expected: "the hang-up time or the wait of a call that queued and was not answered")
    }
    return call(queueEntry: queueEntry, wait: wait, .abandoned)
  }

  var timeFormat: String {
    switch mapping.times {
    case .dateTime: "a date and time YYYY-MM-DD HH:MM:SS (or YYYY-MM-DDTHH:MM:SS)"
    case .epoch: "seconds since 1970-01-01 00:00:00 UTC"
    case .timeOfDay: "a time H:MM:SS"
    }
  }

  func field(_ column: Column) -> Substring { row.field(column) }

  func problem(_ column: Column, expected: String) -> ScenarioError { row.problem(column, expected: expected) }

  /// The time in `column` as written: its day (`nil` for a time of day) and seconds after that
  /// day's midnight; `nil` when the field is empty.
  func written(_ column: Column) throws(ScenarioError) -> (CalendarDay?, Double)? {
    let text = field(column)
    if text.isEmpty { return nil }
    let parsed: (CalendarDay?, Double)? = switch mapping.times {
    case .dateTime: ClockTime.timestamp(text)
    case .epoch: ClockTime.epoch(text)
    case .timeOfDay: ClockTime.seconds(text, fractions: true).map { (nil, $0) }
    }
    guard let parsed else { throw problem(column, expected: timeFormat) }
    guard mapping.timeZoneOffset != 0, let day = parsed.0 else { return parsed }
    // A UTC timestamp moved to the centre's clock (`timeZone: +02:00`).
    guard let local = ClockTime.shifted(day, parsed.1, by: mapping.timeZoneOffset) else {
      throw problem(column, expected: "\(timeFormat), from 1970 to 9999 on the centre's clock")
    }
    return (local.day, local.seconds)
  }

  /// The time in `column` (`nil` when not mapped or empty) in seconds after the midnight of the
  /// call's `day`, not before the time of `earlier`.
  func time(_ column: Column?, after earlier: (Column, Double), day: CalendarDay, arrival: Double)
    throws(ScenarioError) -> Double? {
    guard let column, let parsed = try written(column) else { return nil }
    let (written, clock) = parsed
    let seconds = written.map { Double($0.daysSinceEpoch - day.daysSinceEpoch) * 86_400 + clock }
      ?? ClockTime.ofCall(clock, arrival: arrival)
    if seconds < earlier.1 {
      throw problem(column, expected: "a time not before \(earlier.0.name) (\(field(earlier.0))): times run backwards")
    }
    return seconds
  }

  /// `later − earlier` when both times are known, with the columns' names for messages.
  func difference(_ later: Double?, _ laterColumn: Column?, minus earlier: Double?, _ earlierColumn: Column?)
    -> (seconds: Double, of: String)? {
    guard let later, let earlier else { return nil }
    return (later - earlier, "\(laterColumn?.name ?? mapping.arrival.name) − \(earlierColumn?.name ?? mapping.arrival.name)")
  }

  /// The duration in `column` (seconds ≥ 0) when written, checked against the `difference` of two
  /// times within 1 s; else the difference; `nil` when neither is known.
  func agreeing(_ column: Column?, _ difference: (seconds: Double, of: String)?) throws(ScenarioError) -> Double? {
    guard let column, !field(column).isEmpty else { return difference?.seconds }
    guard let value = Double(field(column)), value.isFinite, value >= 0 else {
      throw problem(column, expected: "a number of seconds ≥ 0")
    }
    if let difference, abs(value - difference.seconds) > 1 {
      let seconds = difference.seconds.rounded() == difference.seconds ? "\(Int(difference.seconds))" : "\(difference.seconds)"
      throw problem(column, expected: "\(difference.of), \(seconds) s (within 1 s)")
    }
    return value
  }
}
