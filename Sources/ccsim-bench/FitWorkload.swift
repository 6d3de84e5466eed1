// The history workload: `ccsim fit`'s pipeline on a generated log of a million calls.
import Estimators
import Foundation
import Reporting
import ScenarioIO

/// The fit workload: a Technion-format log of 1,000,000 calls (the shipped real day repeated over
/// 422 consecutive dates) is written to a temporary file outside the timed region, then read,
/// folded and fitted as `ccsim fit` does — reader, `CallHistory`, `HistoryFit`, the scenario,
/// `fit.json`, `history.csv` and `report.html` as text (not written) — first on its first 40,000
/// rows (a month: target ≤ 2 s), then on all of it (target ≤ 15 s and ≤ 200 MB peak memory).
/// - Parameter repository: Where `Scenarios/history/anonymous-bank-1999-08-01.csv` is.
func fitWorkload(repository: String, json: Bool) {
  let template = URL(fileURLWithPath: repository).appendingPathComponent("Scenarios/history/anonymous-bank-1999-08-01.csv").path
  guard let text = try? String(contentsOfFile: template, encoding: .utf8) else {
    FileHandle.standardError.write(Data("ccsim-bench: cannot read \(template) (run from the repository, or give --repository PATH)\n".utf8))
    exit(2)
  }
  let month = NSTemporaryDirectory() + "ccsim-bench-fit-\(getpid())-month.csv"
  let million = NSTemporaryDirectory() + "ccsim-bench-fit-\(getpid())-million.csv"
  defer { try? FileManager.default.removeItem(atPath: month); try? FileManager.default.removeItem(atPath: million) }
  writeLog(from: text, rows: 40_000, to: month)
  writeLog(from: text, rows: 1_000_000, to: million)

  let (monthSeconds, monthCalls) = timedFit(month)
  let (millionSeconds, millionCalls) = timedFit(million)
  printResults([
    ("workload", "\"fit\""), ("month_rows", "40000"), ("month_calls", "\(monthCalls)"),
    ("month_s", String(format: "%.2f", monthSeconds)),
    ("million_rows", "1000000"), ("million_calls", "\(millionCalls)"), ("million_s", String(format: "%.2f", millionSeconds)),
    ("rows_per_s", String(format: "%.3g", 1_000_000 / millionSeconds)),
    ("peak_rss_mb", String(format: "%.1f", peakResidentMiB())),
  ], title: "ccsim fit on generated Technion logs: 40 000 rows (target ≤ 2 s), 1 000 000 rows (target ≤ 15 s, ≤ 200 MB)",
     json: json)
}

/// The template's data rows repeated, each copy on the next date, until `rows` rows are written;
/// streamed, so that this process's peak memory is the fit's.
private func writeLog(from template: String, rows: Int, to path: String) {
  let lines = template.split(separator: "\n")
  guard let header = lines.first, let dateColumn = header.split(separator: ",").firstIndex(of: "date"),
        let handle = FileHandle(forWritingAtPath: path) ?? {
          FileManager.default.createFile(atPath: path, contents: nil)
          return FileHandle(forWritingAtPath: path)
        }()
  else { fatalError("ccsim-bench: cannot write \(path)") }
  defer { try? handle.close() }
  handle.write(Data((header + "\n").utf8))
  let first = CalendarDay(iso: "1999-08-01")!.daysSinceEpoch
  var written = 0
  var copy = 0
  while written < rows {
    let date = CalendarDay(daysSinceEpoch: first + copy).description
    var chunk = ""
    for line in lines.dropFirst() where written < rows {
      var fields = line.split(separator: ",", omittingEmptySubsequences: false)
      fields[dateColumn] = Substring(date)
      chunk += fields.joined(separator: ",") + "\n"
      written += 1
    }
    handle.write(Data(chunk.utf8))
    copy += 1
  }
}

/// `ccsim fit`'s work on `path` without writing the folder: seconds and calls read.
private func timedFit(_ path: String) -> (Double, Int) {
  let clock = ContinuousClock()
  let start = clock.now
  var history = CallHistory(intervalLength: 900, serviceLevelThreshold: 20)
  let summary = try! CallLogReader(path: path).read { history.add($0) }
  let fit = HistoryFit(history)
  let yaml = FittedScenario(fit: fit, name: "bench", provenance: []).yaml
  let report = FitReport(fit: fit, history: history, source: .null)
  let json = report.json().prettyRendered()
  let csv = report.historyCSV()
  let html = FitHTMLReport(fit: fit, history: history, name: "bench", facts: []).rendered(generator: "ccsim-bench")
  let elapsed = seconds(clock.now - start)
  precondition(!yaml.isEmpty && !json.isEmpty && !csv.isEmpty && !html.isEmpty)
  return (elapsed, summary.calls)
}
