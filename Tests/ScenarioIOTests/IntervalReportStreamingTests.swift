import Estimators
import Foundation
import TestSupport
import Testing
@testable import ScenarioIO

/// An interval report is streamed: memory follows the longest line and the (day, start, type)
/// kept for the duplicate check, not the file.
struct IntervalReportStreamingTests {
  /// 200,000 rows (two queues, 96 quarter-hours a day, 1,042 days from 2020-01-01, each row
  /// carrying unmapped columns as ACD exports do: about 120 bytes, 24 MB in all) read with the
  /// process's peak resident memory (VmHWM) growing by less than 16 MB. Holding the file's lines
  /// would take more than 24 MB, the rows as values more than 30 MB; the duplicate check's keys
  /// take about 6 MB at their peak. (VmHWM is the whole process's: another test peaking at the
  /// same moment could only make this one fail, never pass wrongly.)
  @Test func twoHundredThousandRowsReadInBoundedMemory() throws {
    let folder = try temporaryFolder("interval-streaming")
    defer { try? FileManager.default.removeItem(at: folder) }
    let report = folder.appendingPathComponent("big.csv").path
    let mappingPath = folder.appendingPathComponent("big.yaml").path
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
      """.write(toFile: mappingPath, atomically: true, encoding: .utf8)
    let rows = 200_000
    try writeReport(rows: rows, to: report)
    let mapping = try IntervalReportMapping.load(path: mappingPath)

    let before = try peakResidentBytes()
    var (count, offered) = (0, 0)
    let summary = try IntervalReportReader(path: report, mapping: mapping).read { interval in
      count += 1
      offered += interval.offered
    }
    let growth = try peakResidentBytes() - before
    #expect(summary.rows == rows && summary.intervals == rows && summary.badRows == 0 && count == rows)
    #expect(offered == (0..<rows).reduce(0) { $0 + 100 + $1 % 50 })
    #expect(growth < 16 << 20, "peak resident memory grew by \(growth >> 20) MB reading \(rows) rows")
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

  /// The process's peak resident set (`VmHWM` in /proc/self/status), in bytes.
  func peakResidentBytes() throws -> Int {
    let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
    let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") })
    let kilobytes = try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? ""))
    return kilobytes * 1024
  }
}
