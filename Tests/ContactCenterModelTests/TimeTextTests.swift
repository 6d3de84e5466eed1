import ContactCenterModel
import Testing

/// The one clock and duration formatter: each style's text is what the formatter it replaced
/// wrote (`Scenario.clockText`, `CentreOverload.clockText`, `IntervalProfile.describe(clock:)`,
/// `StaffingOverlay.durationText`, `Quantity.describe(seconds:)`, `ShiftRules.compoundText`,
/// `ErlangReport.seconds`), worked by hand from their code.
@Suite struct TimeTextTests {
  @Test(arguments: [
    (34_200.0, TimeText.ClockPrecision.minutes, "09:30"), (34_229.9, .minutes, "09:30"), (34_230, .minutes, "09:31"),
    (90_000, .minutes, "25:00"), (0, .minutes, "00:00"),
    (0, .seconds, "00:00:00"), (36_061.9, .seconds, "10:01:01"), (90_000, .seconds, "25:00:00"), (-3_600, .seconds, "-01:00:00"),
    (30_600, .secondsWhenNeeded, "08:30"), (30_615, .secondsWhenNeeded, "08:30:15"),
    (.nan, .minutes, "--:--"), (.infinity, .seconds, "--:--"),
  ])
  func clockTimes(seconds: Double, precision: TimeText.ClockPrecision, text: String) {
    #expect(TimeText.clock(seconds, precision: precision) == text)
  }

  @Test(arguments: [
    (28_800.0, "scenario", "8h"), (5_400, "scenario", "90m"), (0, "scenario", "0m"), (22.5, "scenario", "22.5s"), (90, "scenario", "90.0s"),
    (.infinity, "scenario", "s"),
    (20, "short", "20s"), (240, "short", "4m"), (90, "short", "1.5m"), (5_400, "short", "1.5h"), (22.5, "short", "22.5s"),
    (28_800, "compound", "8h"), (5_400, "compound", "1h30m"), (5_415, "compound", "1h30m15s"), (0, "compound", "0m"),
    (22.5, "compound", "22.5s"),
    (120, "compact", "2m"), (90, "compact", "90s"), (22.5, "compact", "22.5s"), (3_600, "compact", "60m"), (.infinity, "compact", "∞"),
  ])
  func durations(seconds: Double, style: String, text: String) {
    let styles: [String: TimeText.DurationStyle] = ["scenario": .scenario, "short": .short, "compound": .compound, "compact": .compact]
    #expect(TimeText.duration(seconds, style: styles[style]!) == text)
  }
}
