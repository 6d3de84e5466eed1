import Estimators
import Testing
@testable import ScenarioIO

/// The interval report read through its mapping (`Docs/history.md`, "Interval reports"): the
/// documented example as written, the same rows in other layouts, and the filters.
struct IntervalReportReaderTests {
  /// The example: two queues, two days, 30-minute intervals 08:00–18:00 (80 rows); AHT as
  /// `H:MM:SS`, ASA as seconds on Monday and `MM:SS` on Tuesday, service level as a percentage.
  /// Totals counted independently with Python's `csv` module: 4,646 offered, 4,402 answered, 242
  /// abandoned; 1,889 offered to sales, 2,757 to support.
  @Test func theExampleReadsAsWritten() throws {
    let (intervals, summary) = try IntervalReports.read(IntervalReports.example, IntervalReports.exampleMapping).get()
    #expect(summary == IntervalReportReader.Summary(rows: 80, intervals: 80))
    let monday = IntervalReports.monday, tuesday = IntervalReports.tuesday
    #expect(intervals[0] == ObservedInterval(
      day: monday, start: 28_800, length: 1800, type: "sales", offered: 19, answered: 19, abandoned: 0,
      averageHandleTime: 247, averageSpeedOfAnswer: 6, serviceLevel: 0.956, serviceLevelThreshold: 20, agents: 3.4))
    // 10:30 on Monday, the busiest: 107 offered to support, 7 abandoned, SL 72.0%.
    #expect(intervals[11] == ObservedInterval(
      day: monday, start: 37_800, length: 1800, type: "support", offered: 107, answered: 100, abandoned: 7,
      averageHandleTime: 392, averageSpeedOfAnswer: 50, serviceLevel: 0.72, serviceLevelThreshold: 20, agents: 24))
    // Tuesday's ASA is written MM:SS (00:12).
    #expect(intervals[41] == ObservedInterval(
      day: tuesday, start: 28_800, length: 1800, type: "support", offered: 43, answered: 43, abandoned: 0,
      averageHandleTime: 362, averageSpeedOfAnswer: 12, serviceLevel: 0.963, serviceLevelThreshold: 20, agents: 10.2))
    // The last interval starts at 17:30; one support call was still waiting at its end.
    #expect(intervals[79].start == 63_000 && intervals[79].offered == 29 && intervals[79].answered == 28
            && intervals[79].abandoned == 0)
    #expect(intervals.map(\.offered).reduce(0, +) == 4_646 && intervals.map(\.answered).reduce(0, +) == 4_402
            && intervals.map(\.abandoned).reduce(0, +) == 242)
    #expect(intervals.filter { $0.type == "sales" }.map(\.offered).reduce(0, +) == 1_889)
    #expect(Set(intervals.map(\.start)) == Set(stride(from: 28_800.0, to: 64_800, by: 1800)))
  }

  /// The example's first three rows as a date and an `H:MM` column (semicolons, durations as
  /// clocks, the service level as a share, its threshold a column) and as UTC epoch seconds two
  /// hours behind the centre (tabs, durations as seconds, a percentage without its sign).
  @Test func otherLayoutsReadAlike() throws {
    let (example, _) = try IntervalReports.read(IntervalReports.example, IntervalReports.exampleMapping).get()
    let (dated, _) = try IntervalReports.read(IntervalReports.fixture("date-time.csv"), IntervalReports.fixture("date-time.yaml")).get()
    let (epoch, _) = try IntervalReports.read(IntervalReports.fixture("epoch.csv"), IntervalReports.fixture("epoch.yaml")).get()
    #expect(dated == Array(example.prefix(3)))
    #expect(epoch == Array(example.prefix(3)))
  }

  /// Days outside the range and types outside the filter are counted and skipped, the unknown
  /// types named.
  @Test func daysAndTypesOutsideTheFiltersAreCountedNotRead() throws {
    let (intervals, summary) = try IntervalReports.read(
      IntervalReports.example, IntervalReports.exampleMapping, days: IntervalReports.tuesday...IntervalReports.tuesday,
      types: ["support", "billing"]).get()
    #expect(intervals.count == 20 && intervals.allSatisfy { $0.day == IntervalReports.tuesday && $0.type == "support" })
    #expect(summary.rows == 80 && summary.intervals == 20 && summary.outsideDays == 40 && summary.otherTypes == 20)
    #expect(summary.unknownTypes == ["sales"] && summary.badRows == 0)
  }

  /// `Docs/history.md`'s example: the support queue's exponential patience from its abandons and
  /// ASA. Counted independently (Python): 143 abandons, Σ ASA × (answered + abandoned) = 81,371 s.
  @Test func theDocumentedExampleEstimatesThePatience() throws {
    let mapping = try IntervalReportMapping.load(path: IntervalReports.exampleMapping)
    var rows: [ObservedInterval] = []
    let summary = try IntervalReportReader(path: IntervalReports.example, mapping: mapping).read { rows.append($0) }
    let support = rows.filter { $0.type == "support" }
    #expect(summary.intervals == 80 && support.map(\.offered).reduce(0, +) == 2_757)
    let patience = try #require(IntervalPatience(support))
    #expect(patience.abandoned == 143 && patience.totalWait == 81_371)
    #expect(abs(patience.meanPatience - 569.028) < 0.001 && abs(patience.meanPatienceStandardError - 47.585) < 0.001)
  }
}
