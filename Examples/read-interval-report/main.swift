// Read an interval report through its mapping and print, per queue, what it says and what can be
// estimated from it: volumes, AHT, and the exponential patience from abandons and ASA
// (Docs/history.md, "Interval reports"). Run from the repository's folder:
//
//     swift run -c release read-interval-report [REPORT.csv] [MAPPING.yaml]
//
// The report is streamed: the last line gives the process's peak memory before and after reading
// (Linux), which stays put however long the report is.
import Estimators
import Foundation
import ScenarioIO

let arguments = CommandLine.arguments.dropFirst()
let reportPath = arguments.first ?? "Scenarios/history/interval-report-example.csv"
let mappingPath = arguments.dropFirst().first ?? "Scenarios/history/interval-report-example.yaml"

/// The peak resident memory so far in MB (`VmHWM` of /proc/self/status), 0 where there is none.
func peakMegabytes() -> Int {
  guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
    let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
    let kilobytes = line.split(separator: " ").dropFirst().first.flatMap({ Int($0) }) else { return 0 }
  return kilobytes / 1024
}

/// What one queue's rows add up to.
struct Totals {
  var rows = 0, offered = 0, answered = 0, abandoned = 0
  var handleSeconds = 0.0, handled = 0
  var waitSeconds = 0.0, waited = 0
}

do {
  let mapping = try IntervalReportMapping.load(path: mappingPath)
  let before = peakMegabytes()
  var totals: [String: Totals] = [:]
  let summary = try IntervalReportReader(path: reportPath, mapping: mapping).read { interval in
    var queue = totals[interval.type, default: Totals()]
    queue.rows += 1
    queue.offered += interval.offered
    queue.answered += interval.answered
    queue.abandoned += interval.abandoned
    if let handle = interval.averageHandleTime {
      queue.handleSeconds += handle * Double(interval.answered)
      queue.handled += interval.answered
    }
    if let speed = interval.averageSpeedOfAnswer {   // IntervalPatience's approximation, summed as we go
      queue.waitSeconds += speed * Double(interval.answered + interval.abandoned)
      queue.waited += interval.answered + interval.abandoned
    }
    totals[interval.type] = queue
  }
  for (type, queue) in totals.sorted(by: { $0.key < $1.key }) {
    let handle = queue.handled > 0 ? String(format: "%.1f s", queue.handleSeconds / Double(queue.handled)) : "-"
    var line = "\(type): \(queue.rows) intervals, \(queue.offered) offered, \(queue.answered) answered, "
      + "\(queue.abandoned) abandoned, AHT \(handle)"
    if queue.waited > 0, let patience = IntervalPatience(offered: queue.waited, abandoned: queue.abandoned,
                                                          meanWait: queue.waitSeconds / Double(queue.waited)) {
      line += String(format: ", mean patience %.1f ± %.1f s", patience.meanPatience, patience.meanPatienceStandardError)
    }
    print(line)
  }
  print("\(summary.rows) rows, \(summary.badRows) malformed; peak memory \(before) MB before reading, \(peakMegabytes()) MB after")
} catch {
  FileHandle.standardError.write(Data("read-interval-report: \(error)\n".utf8))
  exit(1)
}
