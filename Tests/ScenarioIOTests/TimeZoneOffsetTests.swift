import Estimators
import Foundation
import Testing
@testable import ScenarioIO

/// `timeZone:` in both mappings: `none`, or a fixed offset from UTC that moves timestamps to the
/// centre's clock (`Docs/history.md`, "Time zones").
struct TimeZoneOffsetTests {
  @Test func offsetsParseWithinFourteenHours() {
    #expect(ClockTime.utcOffset("+02:00") == 7200 && ClockTime.utcOffset("-05:30") == -19_800)
    #expect(ClockTime.utcOffset("UTC") == 0 && ClockTime.utcOffset("+14:00") == 50_400)
    #expect(ClockTime.utcOffset("+14:15") == nil && ClockTime.utcOffset("+2:00") == nil && ClockTime.utcOffset("02:00") == nil
            && ClockTime.utcOffset("+02:60") == nil && ClockTime.utcOffset("Europe/Paris") == nil)
    let day = CalendarDay(year: 2026, month: 3, day: 2)!
    #expect(ClockTime.shifted(day, 86_100, by: 7200)! == (CalendarDay(year: 2026, month: 3, day: 3)!, 6900))
    #expect(ClockTime.shifted(day, 3600, by: -7200)! == (CalendarDay(year: 2026, month: 3, day: 1)!, 82_800))
    #expect(ClockTime.shifted(CalendarDay(year: 1970, month: 1, day: 1)!, 0, by: -3600) == nil)
  }

  /// A call log whose timestamps are UTC, read for a centre at +02:00: every time two hours later,
  /// the call at 23:59 UTC on the 2nd a call of 01:59 on the 3rd.
  @Test func aCallLogsTimestampsMoveToTheCentresClock() throws {
    let path = Bundle.module.url(forResource: "Fixtures/calllogs/generic/timestamp.yaml", withExtension: nil)!.path
    let text = try String(contentsOfFile: path, encoding: .utf8) + "timeZone: \"+02:00\"\n"
    let mapping = try CallLogMapping.parse(text, file: path)
    #expect(mapping.timeZoneOffset == 7200)
    var calls: [ObservedCall] = []
    _ = try GenericCallLogReader(path: path.replacingOccurrences(of: ".yaml", with: ".csv"), mapping: mapping).read { calls.append($0) }
    #expect(calls.map(\.day) == [CalendarDay(year: 2026, month: 3, day: 2)!, CalendarDay(year: 2026, month: 3, day: 2)!,
                                 CalendarDay(year: 2026, month: 3, day: 3)!])
    #expect(calls.map(\.arrival) == [39_600, 39_660, 7140] && calls[2].queueEntry == 7150 && calls[2].wait == 60)
  }

  /// A time of day has no date to move across midnight: an offset with `times: time-of-day` is
  /// refused in a call-log mapping (an interval report's date and start make one timestamp).
  @Test func aTimeOfDayCallLogRefusesAnOffset() {
    let text = "times: time-of-day\ndate: day\narrival: arrival\nhandle: handle\ntimeZone: \"-05:00\"\n"
    #expect(throws: ScenarioErrors([ScenarioError(
      file: "m.yaml", line: 5, column: 11, path: "timeZone",
      expected: "none with times: time-of-day (a time of day cannot be moved across midnight; use datetime or epoch times)",
      found: "-05:00")])) {
      try CallLogMapping.parse(text, file: "m.yaml")
    }
  }
}
