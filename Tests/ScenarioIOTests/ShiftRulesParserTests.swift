import ContactCenterModel
import Testing
@testable import ScenarioIO

/// A one-group day from 07:00 to 23:00 in quarter-hours whose group has `rules` (YAML, indented
/// under `shiftRules:`).
private func scenario(rules: String, study: String = "") -> String {
  """
  name: rules
  openingHours: 07:00-23:00
  interval: 15m
  \(study)
  contactTypes:
    - id: calls
      rate: 100/h
      handleTime: {distribution: exponential, mean: 5m}
  groups:
    - id: team
      skills: [calls]
      agents: 5
      shiftRules:
  \(rules.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n"))
  """
}

private func errors(_ text: String) -> String? {
  do {
    _ = try ScenarioFile.parse(text, file: "rules.yaml")
    return nil
  } catch {
    return error.description
  }
}

struct ShiftRulesParserTests {
  /// Every mistake of the fixture, verbatim: starts outside the opening hours, a zero length, a
  /// length that cannot end by closing time, an unknown key (with a hint), a break longer than its
  /// shortest shift, a window that runs out of the shift, a minimum length no shift has, a start
  /// step under a minute, overlapping windows.
  @Test func badShiftRulesAreReportedAtTheirPlace() {
    #expect(scenarioErrors("bad-shift-rules.yaml") == """
      bad-shift-rules.yaml:12:26: error: groups[0].shiftRules.starts: expected start times within the opening hours (08:00-16:00), found 07:00-12:00 every 30m (07:00 is before the opening)
      bad-shift-rules.yaml:12:63: error: groups[0].shiftRules.lengths[1]: expected a shift length > 0 and at most 24h with a unit, such as 8h or 7h30m, found 0h
      bad-shift-rules.yaml:16:58: error: groups[1].shiftRules.lengths[0]: expected a length that ends by closing time (16:00) from the earliest start (09:00), found 8h (ending at 17:00)
      bad-shift-rules.yaml:16:67: error: groups[1].shiftRules.maxAgent: expected one of the keys starts, lengths, breaks, maxPerStart, maxAgents, found unknown key 'maxAgent'
        hint: did you mean 'maxAgents'?
      bad-shift-rules.yaml:24:20: error: groups[2].shiftRules.breaks[0].length: expected a break shorter than the shortest shift it applies to (4h), found 5h
      bad-shift-rules.yaml:25:39: error: groups[2].shiftRules.breaks[1].startsWithin: expected a window inside every shift the break applies to (the shortest is 4h, so a 15m break starts by 3h45m), found 3h-4h
      bad-shift-rules.yaml:26:62: error: groups[2].shiftRules.breaks[2].minShiftLength: expected a minimum no longer than the longest allowed shift (8h), found 9h
      bad-shift-rules.yaml:31:15: error: groups[3].shiftRules.starts: expected a step between starts of at least 1m, such as every 30m, found every 30s
      bad-shift-rules.yaml:35:52: error: groups[3].shiftRules.breaks[1].startsWithin: expected a window that starts after the previous break can end (3h15m into the shift), found 3h-5h
      bad-shift-rules.yaml:36:39: error: groups[3].shiftRules.breaks[2].startsWithin: expected a window inside every shift the break applies to (the shortest is 6h, so a 15m break starts by 5h45m), found 6h-7h
      bad-shift-rules.yaml:36:46: error: groups[3].shiftRules.breaks[2].stepp: expected one of the keys length, paid, startsWithin, step, minShiftLength, found unknown key 'stepp'
        hint: did you mean 'step'?
      """)
  }

  /// The documented example lands where it is written: starts after the opening in seconds, lengths
  /// ascending, break steps defaulting to the interval, limits.
  @Test func rulesReadAsWritten() throws {
    let text = scenario(rules: """
      starts: 07:00-13:00 every 30m
      lengths: [8h, 6h, 4h]
      breaks:
        - {length: 15m, startsWithin: 1h30m-3h}
        - {length: 30m, paid: false, startsWithin: 3h30m-5h, minShiftLength: 6h, step: 30m}
      maxPerStart: 12
      maxAgents: 60
      """)
    let rules = try #require(try ScenarioFile.parse(text, file: "rules.yaml").scenario.groups[0].shiftRules)
    #expect(rules.starts == (0...12).map { Double($0) * 1800.0 })
    #expect(rules.lengths == [14_400.0, 21_600, 28_800])
    #expect(rules.breaks == [
      BreakRule(length: 900, earliestStart: 5400, latestStart: 10_800, step: 900),
      BreakRule(length: 1800, paid: false, earliestStart: 12_600, latestStart: 18_000, step: 1800, minimumShiftLength: 6 * 3600),
    ])
    #expect(rules.maximumPerStart == 12 && rules.maximumAgents == 60)
  }

  /// The other forms: a list of starts, one start, one length, a range of lengths.
  private static let forms: [(rules: String, starts: [Double], lengths: [Double])] = [
    ("starts: [\"09:30\", \"07:00\"]\nlengths: 8h", [0, 9000], [28_800.0]),
    ("starts: \"10:00\"\nlengths: 4h-6h every 30m", [10_800.0], [14_400.0, 16_200, 18_000, 19_800, 21_600]),
    ("starts: 07:00-08:00\nlengths: [7h30m]", [0, 900, 1800, 2700, 3600], [27_000.0]),
  ]

  @Test(arguments: forms)
  func otherFormsOfStartsAndLengths(rules: String, starts: [Double], lengths: [Double]) throws {
    let parsed = try #require(try ScenarioFile.parse(scenario(rules: rules), file: "rules.yaml").scenario.groups[0].shiftRules)
    #expect(parsed.starts == starts && parsed.lengths == lengths && parsed.breaks.isEmpty)
  }

  @Test func rulesNeedADayStudy() {
    let text = scenario(rules: "starts: 07:00-09:00\nlengths: [8h]", study: "study: steady-state\nwarmUp: 1h")
    #expect(errors(text) == "rules.yaml:15:7: error: groups[0].shiftRules: expected shift rules only in a day study (shifts need a day study), found a mapping")
  }

  /// Rules whose patterns would swamp the solver are refused where they are written, with the count.
  @Test func tooManyPatternsAreRefused() {
    let text = scenario(rules: """
      starts: 07:00-15:00 every 1m
      lengths: [8h]
      breaks:
        - {length: 15m, startsWithin: 1h-3h, step: 1m}
        - {length: 30m, startsWithin: 3h30m-5h, step: 1m}
      """)
    #expect(errors(text) == "rules.yaml:14:7: error: groups[0].shiftRules: expected rules that allow at most 100000 shifts "
      + "(starts × lengths × break placements; use fewer starts or a coarser break step), found 5296291")   // 481 starts × 121 × 91 break offsets
  }

  /// The retail example's voice team has the rules `Docs/shift-planning.md` times: 13 975 patterns.
  @Test func theRetailVoiceTeamHasShiftRules() throws {
    let scenario = try ScenarioFile.load(path: exampleScenario("retail-multichannel.yaml")).scenario
    let rules = try #require(scenario.groups[0].shiftRules)
    #expect(rules.starts.count == 65 && rules.starts.last == 16 * 3600.0)
    #expect(rules.breaks.map(\.minimumShiftLength) == [0, 21_600, 28_800] && rules.breaks.map(\.paid) == [true, false, true])
    #expect(rules.patternCount(openingSpan: 86_400) == 13_975)
    #expect(scenario.groups.dropFirst().allSatisfy { $0.shiftRules == nil })
  }

  @Test(arguments: [("1h30m", 5400.0), ("90m", 5400), ("1.5h", 5400), ("45s", 45), ("2h15m30s", 8130), ("0m", 0)])
  func compoundDurations(text: String, seconds: Double) {
    #expect(ScenarioParser.compoundSeconds(text) == seconds)
  }

  @Test(arguments: ["", "90", "m30", "30m1h", "1h1h", "-1h", "1h 30m", "1.5.h"])
  func notDurations(text: String) {
    #expect(ScenarioParser.compoundSeconds(text) == nil)
  }
}

/// `minimumBlock` on a group (a day study's, without shift rules): read in seconds; its mistakes at their place.
struct MinimumBlockParserTests {
  func day(_ group: String, study: String = "openingHours: 07:00-23:00") -> String {
    """
    name: blocks
    \(study)
    interval: 15m
    contactTypes:
      - id: calls
        rate: 100/h
        handleTime: {distribution: exponential, mean: 5m}
    groups:
      - id: team
        skills: [calls]
        agents: 5
    \(group.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
    """
  }

  func errors(_ text: String) -> String? {
    do {
      _ = try ScenarioFile.parse(text, file: "blocks.yaml")
      return nil
    } catch {
      return error.description
    }
  }

  @Test func aMinimumBlockIsReadInSeconds() throws {
    let file = try ScenarioFile.parse(day("minimumBlock: 2h"), file: "blocks.yaml")
    #expect(file.scenario.groups[0].minimumBlock == 7200)
    #expect(try ScenarioFile.parse(day(""), file: "blocks.yaml").scenario.groups[0].minimumBlock == nil)
  }

  @Test(arguments: [
    ("minimumBlock: 20m", "blocks.yaml:12:19: error: groups[0].minimumBlock: expected a whole number of 15m intervals, at most the day (16h), such as 2h, found 20m"),
    ("minimumBlock: 17h", "blocks.yaml:12:19: error: groups[0].minimumBlock: expected a whole number of 15m intervals, at most the day (16h), such as 2h, found 17h"),
    ("minimumBlock: 2h\nshiftRules: {starts: 07:00-15:00 every 1h, lengths: [8h]}",
     "blocks.yaml:12:19: error: groups[0].minimumBlock: expected either minimumBlock or shiftRules, not both (shifts already set how long people work), found 2h"),
  ])
  func aBadMinimumBlockIsReportedAtItsPlace(group: String, message: String) {
    #expect(errors(day(group)) == message)
  }
}
