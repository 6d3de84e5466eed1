import Estimators
import Foundation
import TestSupport
import Testing
@testable import ScenarioIO

private func generic(_ name: String) -> String {
  Bundle.module.url(forResource: "Fixtures/calllogs/generic/\(name)", withExtension: nil)!.path
}

private let exampleLog = repositoryPath("Scenarios/history/generic-example.csv")
private let exampleMapping = repositoryPath("Scenarios/history/generic-example-columns.yaml")

/// Reads `log` through `mapping` (both absolute), returning its calls and summary, or the error's
/// message with the folders removed.
private func read(_ log: String, _ mapping: String, share: Double = 0.01)
  -> Result<([ObservedCall], CallLogReader.Summary), CallLogError> {
  var calls: [ObservedCall] = []
  do {
    let columns = try CallLogMapping.load(path: mapping)
    let summary = try GenericCallLogReader(path: log, mapping: columns, badRowShare: share).read { calls.append($0) }
    return .success((calls, summary))
  } catch let error as CallLogError {
    return .failure(error)
  } catch {
    Issue.record("unexpected \(error)")
    return .failure(CallLogError([]))
  }
}

private func shortened(_ text: String) -> String {
  text.replacingOccurrences(of: URL(fileURLWithPath: generic("epoch.csv")).deletingLastPathComponent().path + "/", with: "").replacingOccurrences(of: repositoryPath("Scenarios/history") + "/", with: "")
}

private func mappingMessage(_ name: String) -> String? {
  do {
    _ = try CallLogMapping.load(path: generic(name))
    return nil
  } catch {
    return shortened(error.description)
  }
}

/// The generic call log and its column mapping (`Docs/history.md`, "Call logs: a generic CSV and
/// its mapping").
struct GenericCallLogReaderTests {
  /// The documented example: 20 calls, 13 served, 4 abandoned, 3 self-service (one by its column,
  /// two that never queued and were not answered), a quoted caller, two calls past midnight.
  @Test func theExampleReadsAsWritten() throws {
    let (calls, summary) = try read(exampleLog, exampleMapping).get()
    #expect(summary.rows == 20 && summary.calls == 20 && summary.badRows == 0 && summary.phantoms == 0)
    #expect(summary.hasAgents && summary.hasCustomers)
    let day = try #require(CalendarDay(year: 2026, month: 3, day: 2))
    #expect(calls[0] == ObservedCall(day: day, type: "sales", priority: 0, customer: "C17", agent: "ana", arrival: 28_805,
                                     queueEntry: 28_820, wait: 30, outcome: .served(handle: 200), answered: 28_850))
    #expect(calls[1] == ObservedCall(day: day, type: "support", priority: 1, customer: "C18", agent: nil, arrival: 28_860,
                                     queueEntry: 28_872, wait: 100, outcome: .abandoned))
    #expect(calls[2] == ObservedCall(day: day, type: "support", priority: 0, customer: "C19", agent: nil, arrival: 28_950,
                                     queueEntry: nil, wait: 0, outcome: .selfService))
    // No wait or handle column written: both from the times.
    #expect(calls[4].wait == 60 && calls[4].outcome == .served(handle: 225) && calls[4].agent == "cara")
    #expect(calls[5].outcome == .selfService && calls[5].customer == nil)
    #expect(calls[6].customer == "Smith, J." && calls[6].priority == 2)
    // 23:58:30 on the 2nd, answered at 00:01:40 on the 3rd: times past 86 400 of the arrival's day.
    #expect(calls[19] == ObservedCall(day: day, type: "support", priority: 0, customer: "C30", agent: "eve", arrival: 86_310,
                                      queueEntry: 86_320, wait: 180, outcome: .served(handle: 200), answered: 86_500))
    let outcomes = calls.map(\.outcome)
    #expect(outcomes.filter { if case .served = $0 { true } else { false } }.count == 13)
    #expect(outcomes.filter { $0 == .abandoned }.count == 4 && outcomes.filter { $0 == .selfService }.count == 3)
  }

  /// The same three calls as `YYYY-MM-DDTHH:MM:SS` timestamps (commas), as a date column and
  /// `H:MM:SS` times (semicolons, quoted fields holding `;` and `""`), and as epoch seconds (tabs).
  @Test func timestampsDateAndTimeColumnsAndEpochSecondsReadAlike() throws {
    let (stamped, _) = try read(generic("timestamp.csv"), generic("timestamp.yaml")).get()
    let (dated, summary) = try read(generic("date-time.csv"), generic("date-time.yaml")).get()
    let (epoch, _) = try read(generic("epoch.csv"), generic("epoch.yaml")).get()
    #expect(summary.hasAgents && !summary.hasCustomers)
    let day = try #require(CalendarDay(year: 2026, month: 3, day: 2))
    #expect(dated == [
      ObservedCall(day: day, type: "Sales", priority: nil, customer: nil, agent: "Ann \"A\" B", arrival: 32_400,
                   queueEntry: 32_410, wait: 30, outcome: .served(handle: 180), answered: 32_440),
      ObservedCall(day: day, type: "Sales; EU", priority: nil, customer: nil, agent: nil, arrival: 32_460,
                   queueEntry: 32_465, wait: 60, outcome: .abandoned),
      ObservedCall(day: day, type: "Support", priority: nil, customer: nil, agent: "x;y", arrival: 86_340,
                   queueEntry: 86_350, wait: 60, outcome: .served(handle: 120), answered: 86_410),
    ])
    #expect(stamped == dated && epoch == dated)
    // A byte-order mark before the header (spreadsheet exports) is not part of the first column's name.
    let (marked, _) = try read(generic("bom.csv"), generic("timestamp.yaml")).get()
    #expect(marked == dated)
  }

  @Test(arguments: [
    ("unknown-key.yaml", """
      unknown-key.yaml:2:1: error: hangup: expected one of the keys delimiter, times, timeZone, date, arrival, queueEntry, answer, hangUp, end, wait, handle, type, selfService, priority, agent, customer, leftOut, found unknown key 'hangup'
        hint: did you mean 'hangUp'?
      """),
    ("missing-arrival.yaml",
     "missing-arrival.yaml:1:1: error: arrival: expected the column of the arrival times, found nothing (the key is missing)"),
    ("bad-times.yaml", """
      bad-times.yaml:1:8: error: times: expected one of 'datetime', 'epoch', 'time-of-day', found datetme
        hint: did you mean 'datetime'?
      """),
    ("no-handle.yaml", """
      no-handle.yaml:1:1: error: handle: expected a way to the handle time: a handle column, or both answer and end columns, found nothing (the key is missing)
      no-handle.yaml:3:7: error: date: expected no date column unless times: time-of-day (each datetime time carries its date), found day
      """),
    ("bad-left-out.yaml",
     "bad-left-out.yaml:3:10: error: leftOut.values: expected the values of that column that mean a row to leave out, found nothing (the key is missing)"),
    ("bad-delimiter.yaml", """
      bad-delimiter.yaml:1:1: error: date: expected the column of the dates (times: time-of-day), found nothing (the key is missing)
      bad-delimiter.yaml:1:12: error: delimiter: expected ',', ';' or tab (write "," with its quotes), found |
      """),
  ])
  func badMappingsAreReportedAtTheirPlace(fixture: String, expected: String) {
    #expect(mappingMessage(fixture) == expected)
  }

  /// A mapping naming columns the CSV lacks: each at the mapping's line, with the header's names.
  @Test func columnsNotInTheHeaderAreReportedInTheMapping() {
    guard case .failure(let error) = read(exampleLog, generic("wrong-column.yaml")) else {
      Issue.record("read")
      return
    }
    let header = "call_id, queue, priority, arrived, queued, answered, hung_up, ended, wait_s, handle_s, agent, caller, ivr_result"
    #expect(shortened(error.description) == """
      wrong-column.yaml:7:9: error: answer: expected a column of the header of generic-example.csv (\(header)), found 'answred'
        hint: did you mean 'answered'?
      wrong-column.yaml:15:11: error: customer: expected a column of the header of generic-example.csv (\(header)), found 'client'
      """)
  }

  /// Each kind of malformed row, at its column; 4 of 7 rows refuse the file, a 60% budget keeps it.
  @Test func malformedRowsAreLocatedAndRefusedBeyondTheShare() throws {
    guard case .failure(let error) = read(generic("bad-rows.csv"), exampleMapping) else {
      Issue.record("read")
      return
    }
    #expect(shortened(error.description) == """
      bad-rows.csv:3:51: error: answered: expected a time not before queued (2026-03-02 08:01:20): times run backwards, found 2026-03-02 08:01:10
      bad-rows.csv:4:97: error: handle_s: expected a number of seconds ≥ 0, found -20
      bad-rows.csv:5:92: error: wait_s: expected answered − queued, 30 s (within 1 s), found 45
      bad-rows.csv:6:11: error: arrived: expected a date and time YYYY-MM-DD HH:MM:SS (or YYYY-MM-DDTHH:MM:SS), found 2026-03-02 8h05
      bad-rows.csv: error: expected at most 1% malformed rows, found 4 of 7 (57.1429%); the first 4 are above
      """)
    let (calls, summary) = try read(generic("bad-rows.csv"), exampleMapping, share: 0.6).get()
    #expect(calls.map(\.outcome) == [.served(handle: 200), .abandoned, .selfService] && summary.badRows == 4)
  }

  /// The other row problems: a short row, a quote left open, a queue entry before the arrival, an
  /// answered call with no end or handle time, an unanswered one with no hang-up or wait, a bad
  /// priority, an empty type.
  @Test func everyOtherRowProblemIsLocated() throws {
    let (calls, summary) = try read(generic("more-bad-rows.csv"), exampleMapping, share: 1).get()
    #expect(calls.isEmpty && summary.rows == 7 && summary.badRows == 7)
    #expect(summary.problems.map { shortened($0.description) } == [
      "more-bad-rows.csv:2:1: error: row: expected 13 fields, as the header has, found 12",
      "more-bad-rows.csv:3:98: error: row: expected a closing double quote for the field opened here (a field ends on its line), found the end of the line",
      "more-bad-rows.csv:4:31: error: queued: expected a time not before arrived (2026-03-02 08:02:00): times run backwards, found 2026-03-02 08:01:50",
      "more-bad-rows.csv:5:72: error: ended: expected the end of service or the handle time of an answered call, found nothing",
      "more-bad-rows.csv:6:54: error: hung_up: expected the hang-up time or the wait of a call that queued and was not answered, found nothing",
      "more-bad-rows.csv:7:9: error: priority: expected a whole number ≥ 0, found high",
      "more-bad-rows.csv:8:3: error: queue: expected a call type, found nothing",
    ])
  }

  /// Days since 1970-01-01 (Python's `date` arithmetic for the numbers) and back, across leap days.
  @Test func epochDaysRoundTrip() throws {
    #expect(try #require(CalendarDay(year: 1970, month: 1, day: 1)).daysSinceEpoch == 0)
    #expect(try #require(CalendarDay(year: 2000, month: 2, day: 29)).daysSinceEpoch == 11_016)
    #expect(try #require(CalendarDay(year: 2026, month: 3, day: 2)).daysSinceEpoch == 20_514)
    for days in stride(from: 0, to: 40_000, by: 7) {
      #expect(CalendarDay(daysSinceEpoch: days).daysSinceEpoch == days)
    }
    // Before 1970 too (a 1950s log's days are negative), to the first and last representable days.
    #expect(try #require(CalendarDay(year: 1969, month: 12, day: 31)).daysSinceEpoch == -1)
    #expect(try #require(CalendarDay(year: 1900, month: 3, day: 1)).daysSinceEpoch == -25_508)
    for days in [-719_162, -146_097, -25_509, -1, 2_932_896] {
      #expect(CalendarDay(daysSinceEpoch: days).daysSinceEpoch == days)
    }
    #expect(CalendarDay(daysSinceEpoch: -719_162) == CalendarDay(year: 1, month: 1, day: 1))
    #expect(ClockTime.epoch("86399.5")?.day == CalendarDay(year: 1970, month: 1, day: 1) && ClockTime.epoch("86399.5")?.seconds == 86_399.5)
    #expect(ClockTime.epoch("-1") == nil && ClockTime.timestamp("2026-03-02 9:00:00") == nil)
  }

  @Test func csvLinesSplitAtDelimitersOutsideQuotes() throws {
    let line = try CSVLine("a;\"b;c\";\"say \"\"hi\"\"\";", delimiter: ";", file: "f.csv", line: 2)
    #expect(line.fields == ["a", "b;c", "say \"hi\"", ""] && line.starts == [1, 3, 9, 22])
    #expect(throws: ScenarioError(file: "f.csv", line: 2, column: 3, path: "row",
                                  expected: "a closing double quote for the field opened here (a field ends on its line)",
                                  found: "the end of the line")) {
      try CSVLine("a,\"b,c", delimiter: ",", file: "f.csv", line: 2)
    }
  }

  /// Times with fractions of a second (as `ccsim run --calls` writes them) keep them, and rows the
  /// mapping's `leftOut` marks are counted as phantoms, not read as calls (a blocked row would read
  /// as self-service, an unserved one as abandoned).
  @Test func fractionalSecondsAreKeptAndLeftOutRowsAreNotCalls() throws {
    let (calls, summary) = try read(generic("fractional.csv"), generic("fractional.yaml")).get()
    #expect(summary.rows == 6 && summary.calls == 4 && summary.phantoms == 2 && summary.badRows == 0)
    let day = try #require(CalendarDay(year: 2000, month: 1, day: 1))
    #expect(calls[0] == ObservedCall(day: day, type: "sales", priority: nil, customer: nil, agent: nil, arrival: 28_805.125,
                                     queueEntry: 28_805.125, wait: 30.25, outcome: .served(handle: 215.125), answered: 28_835.375))
    #expect(calls[1] == ObservedCall(day: day, type: "sales", priority: nil, customer: nil, agent: nil, arrival: 28_860.5,
                                     queueEntry: 28_860.5, wait: 101.25, outcome: .abandoned))
    // A millisecond before midnight, answered two milliseconds later on the next day.
    #expect(calls[2].arrival == 86_399.999 && calls[2].wait == 0.002 && calls[2].outcome == .served(handle: 10))
    #expect(calls[3].outcome == .selfService && calls[3].arrival == 28_980.25)
    #expect(ClockTime.timestamp("2000-01-01 08:00:05.")  == nil && ClockTime.timestamp("2000-01-01 08:00:05.1x") == nil)
    #expect(ClockTime.timestamp("2000-01-01 08:00:05,5") == nil && ClockTime.seconds("8:00:05.5") == nil)
    #expect(ClockTime.seconds("8:00:05.5", fractions: true) == 28_805.5)
  }
}
