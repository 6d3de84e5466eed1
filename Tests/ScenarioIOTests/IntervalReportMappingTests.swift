import Testing
@testable import ScenarioIO

/// The interval report's mapping file: every problem at its line and column (`Docs/history.md`,
/// "Interval reports").
struct IntervalReportMappingTests {
  @Test func theExampleMappingReadsAsWritten() throws {
    let mapping = try IntervalReportMapping.load(path: IntervalReports.exampleMapping)
    #expect(mapping.interval == 1800 && mapping.times == .dateTime && mapping.timeZoneOffset == 0 && mapping.delimiter == ",")
    #expect(mapping.columns.map(\.name) == ["Interval Start", "Queue", "Offered", "Answered", "Abandoned", "AHT", "ASA", "SL %",
                                            "Agents Staffed"])
    #expect(mapping.durations == .auto && mapping.serviceLevelUnit == .percent && mapping.serviceLevelThreshold == .fixed(20))
    let epoch = try IntervalReportMapping.load(path: IntervalReports.fixture("epoch.yaml"))
    #expect(epoch.timeZoneOffset == 7200 && epoch.delimiter == "\t" && epoch.durations == .seconds)
  }

  @Test(arguments: [
    ("unknown-key.yaml", """
      unknown-key.yaml:6:1: error: aht: expected one of the keys delimiter, interval, times, timeZone, date, start, type, offered, answered, abandoned, averageHandleTime, averageSpeedOfAnswer, durations, serviceLevel, serviceLevelUnit, serviceLevelThreshold, agents, found unknown key 'aht'
      """),
    ("missing-keys.yaml", """
      missing-keys.yaml:1:1: error: interval: expected the interval length: 15m, 30m or 60m, found nothing (the key is missing)
      missing-keys.yaml:1:1: error: offered: expected the column of the calls offered, found nothing (the key is missing)
      missing-keys.yaml:1:1: error: abandoned: expected the column of the calls abandoned, found nothing (the key is missing)
      """),
    ("bad-values.yaml", """
      bad-values.yaml:1:1: error: serviceLevelUnit: expected how the service level is written: share (0.8) or percent (80, 80%), found nothing (the key is missing)
      bad-values.yaml:1:1: error: serviceLevelThreshold: expected the service level's threshold, such as 20s, or {column: name}, found nothing (the key is missing)
      bad-values.yaml:1:11: error: interval: expected the interval length: 15m, 30m or 60m, found 45m
      bad-values.yaml:6:11: error: timeZone: expected none, or a fixed offset from UTC such as +02:00 or -05:00 (zones with daylight saving are not supported), found Europe/Paris
      bad-values.yaml:7:12: error: durations: expected one of 'auto', 'seconds', 'clock', found minutes
      """),
    ("stray-threshold.yaml", """
      stray-threshold.yaml:6:19: error: serviceLevelUnit: expected no serviceLevelUnit without a serviceLevel column, found percent
      stray-threshold.yaml:7:24: error: serviceLevelThreshold: expected a threshold above 0 with a unit, such as 20s, or {column: name}, found 0s
      stray-threshold.yaml:7:24: error: serviceLevelThreshold: expected no serviceLevelThreshold without a serviceLevel column, found 0s
      """),
  ])
  func badMappingsAreReportedAtTheirPlace(fixture: String, expected: String) {
    do {
      _ = try IntervalReportMapping.load(path: IntervalReports.fixture(fixture))
      Issue.record("\(fixture) was accepted")
    } catch {
      #expect(IntervalReports.shortened(error.description) == expected)
    }
  }
}
