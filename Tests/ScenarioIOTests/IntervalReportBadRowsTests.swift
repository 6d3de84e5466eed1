import Estimators
import Testing
@testable import ScenarioIO

/// Malformed interval-report rows, each at its column, and the files refused whole
/// (`Docs/history.md`, "Interval reports").
struct IntervalReportBadRowsTests {
  /// One row per problem after a good one: more answered and abandoned than offered, more
  /// answered than offered, a negative count, a service level above 100%, a start off the grid, a
  /// repeated (day, start, type), an AHT that does not parse, a negative ASA, negative agents, a
  /// start that does not parse, a short row, an empty type, a decimal count. 13 of 14 malformed:
  /// refused at 1%, read at 100%.
  @Test func eachMalformedRowIsLocated() throws {
    let file = IntervalReports.fixture("bad-rows.csv")
    let (intervals, summary) = try IntervalReports.read(file, IntervalReports.exampleMapping, share: 1).get()
    #expect(intervals.count == 1 && summary.rows == 14 && summary.badRows == 13)
    #expect(summary.problems.map { IntervalReports.shortened($0.description) } == Self.messages)
    #expect(IntervalReports.message(file, IntervalReports.exampleMapping) == (Self.messages + [
      "bad-rows.csv: error: expected at most 1% malformed rows, found 13 of 14 (92.8571%); the first 13 are above",
    ]).joined(separator: "\n"))
  }

  static let messages = [
    "bad-rows.csv:3:32: error: Abandoned: expected at most Offered − Answered (32 − 30 = 2), found 5",
    "bad-rows.csv:4:27: error: Answered: expected at most Offered (39), found 40",
    "bad-rows.csv:5:26: error: Offered: expected a whole number ≥ 0, found -3",
    "bad-rows.csv:6:42: error: SL %: expected a percentage from 0 to 100, such as 80 or 80% (serviceLevelUnit: percent), found 120%",
    "bad-rows.csv:7:1: error: Interval Start: expected a start on the 30-minute grid (00:00, 00:30, …), found 2026-03-02 09:10",
    "bad-rows.csv:8:1: error: Interval Start: expected one row per day, start and type, found a second row for 2026-03-02 08:00 sales",
    "bad-rows.csv:9:32: error: AHT: expected a duration in seconds (245) or as H:MM:SS or MM:SS (0:04:05, 4:05) ≥ 0, found 4m07",
    "bad-rows.csv:10:42: error: ASA: expected a duration in seconds (245) or as H:MM:SS or MM:SS (0:04:05, 4:05) ≥ 0, found -5",
    "bad-rows.csv:11:49: error: Agents Staffed: expected a number of agents ≥ 0, found -1",
    "bad-rows.csv:12:1: error: Interval Start: expected a date and time YYYY-MM-DD HH:MM or YYYY-MM-DD HH:MM:SS (or with T), found 2026-03-02 8h00",
    "bad-rows.csv:13:1: error: row: expected 9 fields, as the header has, found 8",
    "bad-rows.csv:14:18: error: Queue: expected a queue or call type, found nothing",
    "bad-rows.csv:15:24: error: Offered: expected a whole number ≥ 0, found 12.5",
  ]

  /// The service level as a share (above 1, or written as a percentage), a threshold column of
  /// 0, an AHT in seconds where clocks were declared, a day outside the range read as a problem
  /// only when malformed (31 March is a day, 30 February is not).
  @Test func sharesThresholdsClocksAndDatesAreChecked() throws {
    let (intervals, summary) = try IntervalReports.read(IntervalReports.fixture("bad-share.csv"), IntervalReports.fixture("date-time.yaml"),
                                                        share: 1).get()
    #expect(intervals.map(\.day) == [CalendarDay(year: 2026, month: 3, day: 31)] && summary.badRows == 5)
    #expect(summary.problems.map { IntervalReports.shortened($0.description) } == [
      "bad-share.csv:2:41: error: sl: expected a share from 0 to 1, such as 0.8 (serviceLevelUnit: share), found 1.2",
      "bad-share.csv:3:43: error: sl: expected a share from 0 to 1, such as 0.8 (serviceLevelUnit: share), found 95%",
      "bad-share.csv:4:45: error: sl_seconds: expected the service level's threshold, a number of seconds above 0, found 0",
      "bad-share.csv:5:33: error: aht: expected a duration H:MM:SS or MM:SS (durations: clock) ≥ 0, found 247",
      "bad-share.csv:7:1: error: day: expected a date YYYY-MM-DD, found 2026-02-30",
    ])
  }

  @Test(arguments: [
    ("empty.csv", "empty.csv: error: expected an interval report with a header line naming its columns (Interval Start, "
       + "Queue, Offered, Answered, Abandoned, AHT, ASA, SL %, Agents Staffed …), found an empty file"),
    ("header-only.csv", "header-only.csv:2:1: error: expected at least one interval after the header, found none"),
  ])
  func emptyFilesAreRefused(fixture: String, expected: String) {
    #expect(IntervalReports.message(IntervalReports.fixture(fixture), IntervalReports.exampleMapping) == expected)
  }

  /// A mapping naming columns the CSV lacks: each at the mapping's line, with the header's names.
  @Test func columnsNotInTheHeaderAreReportedInTheMapping() {
    let header = "Interval Start, Queue, Offered, Answered, Abandoned, AHT, ASA, SL %, Agents Staffed"
    #expect(IntervalReports.message(IntervalReports.example, IntervalReports.fixture("wrong-column.yaml")) == """
      wrong-column.yaml:9:10: error: offered: expected a column of the header of interval-report-example.csv (\(header)), found 'Offerd'
        hint: did you mean 'Offered'?
      wrong-column.yaml:18:9: error: agents: expected a column of the header of interval-report-example.csv (\(header)), found 'Staff'
      """)
  }
}
