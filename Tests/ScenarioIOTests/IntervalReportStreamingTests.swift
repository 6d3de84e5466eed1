import Estimators
import Foundation
import TestSupport
import Testing
@testable import ScenarioIO

/// An interval report is streamed: memory follows the longest line and the (day, start, type)
/// kept for the duplicate check, not the file.
struct IntervalReportStreamingTests {
  /// 200,000 rows (two queues, 96 quarter-hours a day, 1,042 days from 2020-01-01, each row
  /// carrying unmapped columns as ACD exports do: about 120 bytes, 24 MB in all) read by the
  /// `read-interval-report` example in a process of its own (a peak measured in this process would
  /// include whatever other tests allocate meanwhile): its peak resident memory (VmHWM) grows by
  /// less than 16 MB while reading. Holding the file's lines would take more than 24 MB, the rows
  /// as values more than 30 MB; the duplicate check's keys take about 6 MB at their peak.
  @Test func twoHundredThousandRowsReadInBoundedMemory() throws {
    let folder = try temporaryFolder("interval-streaming")
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("big.csv").path
    let mapping = folder.appendingPathComponent("big.yaml").path
    try """
      interval: 15m
      start: start
      type: queue
      offered: offered
      answered: answered
      abandoned: abandoned
      averageHandleTime: aht
      averageSpeedOfAnswer: asa
      serviceLevel: sl
      serviceLevelUnit: percent
      serviceLevelThreshold: 20s
      agents: agents
      """.write(toFile: mapping, atomically: true, encoding: .utf8)
    let rows = 200_000
    try writeReport(rows: rows, to: report)

    let ending = try builtProgram("read-interval-report", [report, mapping], seconds: 120)
    #expect(ending.status == 0, "\(ending.stderr)")
    let lines = ending.stdout.split(separator: "\n").map(String.init)
    let offered = (0..<rows).reduce(0) { $0 + 100 + $1 % 50 }
    let sales = (0..<rows).filter { $0 % 2 == 0 }.reduce(0) { $0 + 100 + $1 % 50 }
    #expect(lines.first == "sales: 100000 intervals, \(sales) offered, \(sales - 1_000_000) answered, 1000000 abandoned, "
            + "AHT 245.0 s, mean patience 396.8 ± 0.4 s")   // 32 s × 12.4 M calls ÷ 1 M abandons
    #expect(lines.dropFirst().first?.hasPrefix("support: 100000 intervals, \(offered - sales) offered, ") == true)
    let last = try #require(lines.last)
    let numbers = last.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
    #expect(last.hasPrefix("200000 rows, 0 malformed; peak memory ") && numbers.count == 4, "\(last)")
    let growth = numbers.count == 4 ? numbers[3] - numbers[2] : .max
    #expect(growth < 16, "peak resident memory grew by \(growth) MB reading \(rows) rows: \(last)")
  }

  /// Writes `rows` rows a day's worth at a time (so the test's own memory stays small).
  func writeReport(rows: Int, to path: String) throws {
    guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
      throw CocoaError(.fileWriteUnknown)
    }
    defer { try? file.close() }
    try file.write(contentsOf: Data("start,queue,queue_id,offered,answered,abandoned,aht,asa,sl,agents,hold,transfers,wrap,comment\n".utf8))
    var row = 0
    var day = CalendarDay(year: 2020, month: 1, day: 1)!
    while row < rows {
      var text = ""
      for quarter in 0..<96 {
        for (queue, id) in [("sales", 101), ("support", 202)] where row < rows {
          let offered = 100 + row % 50
          let clock = String(format: "%02d:%02d", quarter / 4, quarter % 4 * 15)
          text += "\(day) \(clock),\(queue),\(id),\(offered),\(offered - 10),10,0:04:05,32,82.5%,14.5,0:00:21,3,0:00:45,"
            + "exported by the ACD nightly job\n"
          row += 1
        }
      }
      try file.write(contentsOf: Data(text.utf8))
      day = CalendarDay(daysSinceEpoch: day.daysSinceEpoch + 1)
    }
  }
}
