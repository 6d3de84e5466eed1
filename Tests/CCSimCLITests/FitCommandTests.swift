import ContactCenterModel
import Foundation
import ScenarioIO
import TestSupport
import Testing
@testable import CCSimCLI

/// `ccsim fit` on the shipped real day (Scenarios/history), checked against an independent count,
/// and its bad input.
@Suite struct FitCommandTests {
  static let log = repositoryPath("Scenarios/history/anonymous-bank-1999-08-01.csv")

  /// The fit folder written under `root`.
  func fitFolder(_ root: URL) throws -> URL {
    let parent = root.appendingPathComponent("anonymous-bank-1999-08-01")
    let names = try FileManager.default.contentsOfDirectory(atPath: parent.path)
    try #require(names.count == 1)
    return parent.appendingPathComponent(names[0])
  }

  /// The day's KPIs counted straight from the CSV, without the reader: served (`AGENT`), abandoned
  /// (`HANG` after queueing), self-service (`HANG` without), `PHANTOM` left out, and the four rows
  /// the reader reports as malformed (lines 482, 804, 1195: times running backwards; 2117: served
  /// without a start of service) left out; ASA the mean `q_time` of the served calls.
  func independentCount() throws -> (answered: Int, abandoned: Int, contained: Int, asa: Double) {
    let lines = try String(contentsOfFile: Self.log, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    let header = lines[0].split(separator: ",").map(String.init)
    let column = { (name: String) in header.firstIndex(of: name)! }
    var answered = 0, abandoned = 0, contained = 0, waits = 0.0
    for (index, line) in lines.enumerated().dropFirst() where !line.isEmpty && ![482, 804, 1195, 2117].contains(index + 1) {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      switch fields[column("outcome")] {
      case "AGENT":
        answered += 1
        waits += Double(fields[column("q_time")])!
      case "HANG" where fields[column("q_start")] != "0:00:00": abandoned += 1
      case "HANG": contained += 1
      default: break
      }
    }
    return (answered, abandoned, contained, waits / Double(answered))
  }

  @Test func theRealDaysObservedKPIsMatchAnIndependentCount() throws {
    let root = try temporaryFolder("fit")
    defer { try? FileManager.default.removeItem(at: root) }
    try Fit.parse([Self.log, "--out", root.path]).run()
    let folder = try fitFolder(root)
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == ["fit.json", "history.csv", "report.html", "scenario.yaml"])
    // The page: arrivals of 6 types, patience of the 3 with 30 abandons or more (IN, NW, PS), handle
    // time (histogram and QQ plot) of the 4 with 30 served calls or more, and the staffing.
    let page = try String(contentsOf: folder.appendingPathComponent("report.html"), encoding: .utf8)
    #expect(page.components(separatedBy: "<figure>").count - 1 == 6 + 3 + 2 * 4 + 1)

    let rows = try String(contentsOf: folder.appendingPathComponent("history.csv"), encoding: .utf8).split(separator: "\n")
    let header = rows[0].split(separator: ",").map(String.init)
    let column = { (name: String) in header.firstIndex(of: name)! }
    var offered = 0, answered = 0, abandoned = 0, contained = 0, waits = 0.0
    for row in rows.dropFirst() {
      let fields = row.split(separator: ",", omittingEmptySubsequences: false)
      guard fields[column("type")] == "all" else { continue }
      offered += Int(fields[column("offered")])!
      let served = Int(fields[column("answered")])!
      answered += served
      abandoned += Int(fields[column("abandoned")])!
      contained += Int(fields[column("contained")])!
      if served > 0 { waits += Double(served) * Double(fields[column("asa_s")])! }
    }
    let truth = try independentCount()
    #expect(answered == truth.answered && abandoned == truth.abandoned && contained == truth.contained)
    #expect(offered == truth.answered + truth.abandoned)
    #expect(abs(waits / Double(answered) - truth.asa) < 1e-9 * truth.asa, "ASA \(waits / Double(answered)) vs \(truth.asa)")
    #expect(answered == 1_507 && abandoned == 728 && contained == 118)

    // The scenario runs as it is.
    let file = try ScenarioFile.load(path: folder.appendingPathComponent("scenario.yaml").path)
    #expect(file.scenario.contactTypes.map(\.id) == ["IN", "NE", "NW", "PE", "PS", "TT"])
    let result = try Experiment(scenario: file.scenario, seed: 1).run(replications: 2, threads: 1)
    #expect(result.replications.count == 2)

    let json = try #require(JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("fit.json"))) as? [String: Any])
    let source = try #require(json["source"] as? [String: Any])
    #expect(source["calls"] as? Int == 2_353 && source["malformed_rows_skipped"] as? Int == 4 && source["phantoms"] as? Int == 18)
  }

  /// Scenarios/bank-1999-08-01.yaml is what `ccsim fit` writes today, only its header lines added.
  @Test func theBankExampleIsTheFitAsItIs() throws {
    let root = try temporaryFolder("fit-example")
    defer { try? FileManager.default.removeItem(at: root) }
    try Fit.parse([Self.log, "--name", "bank-1999-08-01", "--out", root.path]).run()
    let parent = root.appendingPathComponent("bank-1999-08-01")
    let folder = parent.appendingPathComponent(try #require(FileManager.default.contentsOfDirectory(atPath: parent.path).first))
    let body = { (text: String) in text.split(separator: "\n").filter { !$0.hasPrefix("#") } }
    let fitted = try String(contentsOf: folder.appendingPathComponent("scenario.yaml"), encoding: .utf8)
    let shipped = try String(contentsOfFile: repositoryPath("Scenarios/bank-1999-08-01.yaml"), encoding: .utf8)
    let (fittedLines, shippedLines) = (body(fitted), body(shipped))
    let first = zip(fittedLines, shippedLines).first { $0.0 != $0.1 }
    #expect(fittedLines.count == shippedLines.count && first == nil,
            "regenerate Scenarios/bank-1999-08-01.yaml (Docs/history.md); first difference: \(first.map { "\($0.0) ≠ \($0.1)" } ?? "the length")")
    #expect(shipped.contains("# Fitted by `ccsim fit Scenarios/history/anonymous-bank-1999-08-01.csv --name bank-1999-08-01`"))
  }

  /// `--interval-report` on the shipped example (two queues, two days, half-hours): the totals are
  /// the report's (4,646 offered), support's patience is `IntervalPatience`'s 569 s, the agents are
  /// the report's, and the scenario runs.
  @Test func anIntervalReportIsFittedAsFarAsItsCountsGo() throws {
    let root = try temporaryFolder("fit-report")
    defer { try? FileManager.default.removeItem(at: root) }
    try Fit.parse([repositoryPath("Scenarios/history/interval-report-example.csv"), "--interval-report",
                   "--columns", repositoryPath("Scenarios/history/interval-report-example.yaml"), "--out", root.path]).run()
    let parent = root.appendingPathComponent("interval-report-example")
    let folder = parent.appendingPathComponent(try #require(FileManager.default.contentsOfDirectory(atPath: parent.path).first))
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
            == ["columns.yaml", "fit.json", "history.csv", "report.html", "scenario.yaml"])
    let file = try ScenarioFile.load(path: folder.appendingPathComponent("scenario.yaml").path)
    let scenario = file.scenario
    #expect(scenario.contactTypes.map(\.id) == ["sales", "support"] && scenario.intervalCount == 20 && scenario.clockStart == 8 * 3600)
    // Two days of volumes averaged: the day's expected offered calls are half the report's.
    let expected = scenario.contactTypes.reduce(0.0) { $0 + $1.arrivalRates.reduce(0) { $0 + $1 * 1800 } }
    #expect(abs(expected - 4_646 / 2) < 1e-6, "expected calls \(expected)")
    let support = try #require(scenario.contactTypes.last?.patience)
    #expect(abs(support.mean - 569) < 0.5, "patience \(support.mean)")
    #expect(file.text.contains("abandoned ÷ total waiting time, the abandoners' waits taken as the ASA"))
    _ = try Experiment(scenario: scenario, seed: 1).run(replications: 2, threads: 1)
  }

  /// Bad flags and logs: one line naming the flag or the file's place, status 2, nothing written.
  @Test(arguments: [
    (["--interval", "20m"], "--interval: expected 15m, 30m or 60m, found '20m'"),
    (["--days", "1999-08-02..1999-08-01"], "--days: expected FROM..TO as YYYY-MM-DD..YYYY-MM-DD (FROM ≤ TO), or one day, found '1999-08-02..1999-08-01'"),
    (["--days", "2001-01-01"], "--days: expected days with calls in"),
    (["--format", "generic"], "--columns: expected a column mapping (YAML) for a generic log, found nothing"),
    (["--format", "excel"], "--format: expected technion or generic, found 'excel'"),
    (["--weekdays", "funday"], "--weekdays: expected days of the week such as mon,tue,wed,thu,fri, found 'funday'"),
    (["--weekdays", "mon"], "--weekdays: expected days of the week the log has, found 'mon'"),
    (["--threshold", "20"], "--threshold: expected a duration above 0 with a unit, such as 20s, found '20'"),
    (["--interval-report"], "--columns: expected the interval report's mapping (YAML; Docs/history.md), found nothing"),
    (["--interval-report", "--interval", "30m", "--columns", "x.yaml"],
     "--interval: expected no interval with --interval-report (the mapping's interval is the report's), found '30m'"),
  ])
  func badFlagsAreRefusedAndNothingIsWritten(arguments: [String], message: String) throws {
    let root = try temporaryFolder("fit-bad")
    defer { try? FileManager.default.removeItem(at: root) }
    let (status, stderr) = try ccsim(["fit", Self.log, "--out", root.path] + arguments)
    #expect(status == 2)
    #expect(stderr.contains("ccsim: error: \(message)"), "\(stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
  }

  /// A type column that is really a call id: a type per call, refused before any fit.
  @Test func aTypePerCallIsRefused() throws {
    let root = try temporaryFolder("fit-types")
    defer { try? FileManager.default.removeItem(at: root) }
    let log = root.appendingPathComponent("ids.csv")
    let rows = (0..<250).map { "\($0),2026-03-02 08:\(String(format: "%02d", $0 % 60)):00,2026-03-02 08:\(String(format: "%02d", $0 % 60)):30,0" }
    try (["id,arrived,hung_up,handle_s"] + rows).joined(separator: "\n").write(to: log, atomically: true, encoding: .utf8)
    let mapping = root.appendingPathComponent("ids.yaml")
    try "arrival: arrived\nhangUp: hung_up\nhandle: handle_s\ntype: id\n".write(to: mapping, atomically: true, encoding: .utf8)
    let (status, stderr) = try ccsim(["fit", log.path, "--columns", mapping.path, "--out", root.path])
    #expect(status == 2 && stderr.contains("--columns: expected at most 200 call types (is the type column the right one?), found '250 different types'"),
            "\(stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() == ["ids.csv", "ids.yaml"])
  }

  @Test func aMissingOrEmptyLogIsNamed() throws {
    let root = try temporaryFolder("fit-missing")
    defer { try? FileManager.default.removeItem(at: root) }
    let missing = root.appendingPathComponent("nope.csv").path
    var (status, stderr) = try ccsim(["fit", missing, "--out", root.path])
    #expect(status == 2 && stderr.contains("\(missing): error: expected a readable call log (CSV), found no readable file there"), "\(stderr)")
    let empty = root.appendingPathComponent("empty.csv")
    try Data().write(to: empty)
    (status, stderr) = try ccsim(["fit", empty.path, "--out", root.path])
    #expect(status == 2 && stderr.contains("found an empty file"), "\(stderr)")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path) == ["empty.csv"])
  }
}
