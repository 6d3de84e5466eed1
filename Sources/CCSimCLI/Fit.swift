import ArgumentParser
import Estimators
import Foundation
import Reporting
import ScenarioIO

/// `ccsim fit`: estimate a scenario from a centre's call log.
struct Fit: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Fit a scenario to a call log and write Results/<log>/<run-id>-fit/.",
    discussion: """
      Streams the log (Technion format, or a generic CSV described by --columns), estimates
      every model input with its standard error — fresh volumes per interval, containment,
      busyness, handle-time and censored patience distributions by AIC, retrials and repeats,
      agents per interval and skill groups — and writes scenario.yaml (runs as it is), fit.json,
      history.csv, report.html and, for a generic log, a copy of the mapping. Docs/history.md documents every estimator.
      """)

  @Argument(help: "Call log (CSV).") var log: String
  @Option(help: "technion (default) or generic (needs --columns).") var format: String?
  @Option(help: "Column mapping of a generic log (YAML; Docs/history.md).") var columns: String?
  @Option(help: "Only these days: FROM..TO (YYYY-MM-DD), or one day.") var days: String?
  @Option(help: "The scenario's day from these days of the week only, e.g. mon,tue,wed,thu,fri.") var weekdays: String?
  @Flag(help: "LOG is an interval report (needs --columns: its mapping, which sets the interval).") var intervalReport = false
  @Option(help: "Planning interval: 15m, 30m or 60m (default: 15m).") var interval: String?
  @Option(help: "Service-level threshold for the observed KPIs and the scenario.") var threshold = "20s"
  @Option(help: "A caller's next call within this is a retrial or a repeat.") var returnWindow = "2h"
  @Option(help: "An agent has a skill for types making at least this share of their calls.") var skillShare = "10%"
  @Option(help: "Refuse the log above this share of malformed rows.") var badRows = "1%"
  @Option(help: "The scenario's name (default: the log's file name).") var name: String?
  @Option(help: "Folder to write results under.") var out = "Results"

  func run() throws {
    let options = try FitOptions(self)
    let name = self.name ?? FittedScenario.name(forLog: log)
    guard FittedScenario.isValidName(name) else {
      throw InputError(field: "--name", expected: "a name of letters, digits, '-', '_' or '.' (at most 100)", found: name)
    }
    if let mapping = options.reportMapping {
      try fitReport(mapping: mapping, options: options, name: name)
      return
    }
    let summary: CallLogReader.Summary
    var history = CallHistory(intervalLength: options.interval, serviceLevelThreshold: options.threshold)
    if let mapping = options.mapping {
      summary = try GenericCallLogReader(path: log, mapping: mapping, badRowShare: options.badRowShare, days: options.days)
        .read { history.add($0) }
    } else {
      summary = try CallLogReader(path: log, badRowShare: options.badRowShare, days: options.days).read { history.add($0) }
    }
    guard summary.calls > 0 else {
      throw InputError(field: "--days", expected: "days with calls in \(log)", found: "no call in \(days ?? "the log")")
    }
    try checkTypes(history.types.count, options: options)
    let fit = HistoryFit(history, options: try fitOptions(options, days: history.days))
    let report = FitReport(fit: fit, history: history, source: .object([
      ("log", .string(log)), ("format", .string(options.mapping == nil ? "technion" : "generic")),
      ("rows", .integer(summary.rows)), ("calls", .integer(summary.calls)), ("malformed_rows_skipped", .integer(summary.badRows)),
      ("phantoms", .integer(summary.phantoms)), ("outside_days", .integer(summary.outsideDays)),
      ("has_agents", .bool(summary.hasAgents)), ("has_customers", .bool(summary.hasCustomers)),
    ]))
    try write(fit: fit, report: report, historyCSV: report.historyCSV(), name: name, read: [
      "\(summary.calls) calls read (\(summary.badRows) malformed rows skipped, \(summary.phantoms) phantom calls and "
        + "\(summary.outsideDays) of other days left out).",
    ], problems: summary.problems, count: "\(summary.calls) calls", interval: options.interval)
  }

  /// `--interval-report`: the report's rows, fitted as far as counts and means allow.
  func fitReport(mapping: IntervalReportMapping, options: FitOptions, name: String) throws {
    var rows: [ObservedInterval] = []
    let summary = try IntervalReportReader(path: log, mapping: mapping, badRowShare: options.badRowShare, days: options.days)
      .read { rows.append($0) }
    guard !rows.isEmpty else {
      throw InputError(field: "--days", expected: "days with intervals in \(log)", found: "no interval in \(days ?? "the report")")
    }
    try checkTypes(Set(rows.map(\.type)).count, options: options)
    let fit = HistoryFit(intervals: rows, intervalLength: mapping.interval, threshold: options.threshold,
                         options: try fitOptions(options, days: Set(rows.map(\.day)).sorted()))
    let report = FitReport(fit: fit, history: CallHistory(intervalLength: mapping.interval, serviceLevelThreshold: options.threshold),
                           source: .object([
      ("log", .string(log)), ("format", .string("interval report")), ("rows", .integer(summary.rows)),
      ("intervals", .integer(summary.intervals)), ("malformed_rows_skipped", .integer(summary.badRows)),
      ("outside_days", .integer(summary.outsideDays)),
    ]))
    try write(fit: fit, report: report, historyCSV: FitReport.historyCSV(intervals: rows), name: name, read: [
      "\(summary.intervals) interval rows read (\(summary.badRows) malformed rows skipped, \(summary.outsideDays) of other days "
        + "left out). An interval report has counts and means only: see each value's comment.",
    ], problems: summary.problems, count: "\(summary.intervals) interval rows", interval: mapping.interval)
  }

  /// A type column mapped to the wrong column (a call id) makes a type of every call: refused
  /// before fitting thousands of types.
  func checkTypes(_ count: Int, options: FitOptions) throws {
    guard count <= Fit.maximumTypes else {
      throw InputError(location: log, field: options.mapping == nil && options.reportMapping == nil ? "type" : "--columns",
                       expected: "at most \(Fit.maximumTypes) call types (is the type column the right one?)",
                       found: "\(count) different types")
    }
  }

  /// The fit's choices: the return window, the skill share, and the days of `--weekdays`.
  func fitOptions(_ options: FitOptions, days: [CalendarDay]) throws -> HistoryFit.Options {
    var fitOptions = HistoryFit.Options()
    fitOptions.returnWindow = options.returnWindow
    fitOptions.skillShare = options.skillShare
    if let weekdays = options.weekdays {
      fitOptions.days = Set(days.filter { weekdays.contains($0.weekday) })
      guard !(fitOptions.days ?? []).isEmpty else {
        throw InputError(field: "--weekdays", expected: "days of the week the log has", found: self.weekdays ?? "")
      }
    }
    return fitOptions
  }

  /// Writes the folder (scenario.yaml, fit.json, history.csv, report.html, the mapping), checks
  /// that the scenario parses, and prints the table.
  func write(fit: HistoryFit, report: FitReport, historyCSV: String, name: String, read: [String], problems: [ScenarioError],
             count: String, interval: Double) throws {
    let command = (["ccsim", "fit", log] + Self.fitArguments(Array(CommandLine.arguments.dropFirst(3)))).joined(separator: " ")
    let scenario = FittedScenario(fit: fit, name: name, provenance: ["Fitted by `\(command)` (ccsim \(CCSim.version)):"] + read + [
      "Every value's comment says where it came from; fit.json has the standard errors and the alternatives.",
    ])
    let page = FitHTMLReport(fit: fit, history: report.history, name: name, facts: [
      HTMLPage.Fact(name: "Log", value: log), HTMLPage.Fact(name: "Read", value: count),
      HTMLPage.Fact(name: "Days", value: "\(fit.days.count) of \(fit.allDays.count)"),
      HTMLPage.Fact(name: "Interval", value: "\(Int(interval / 60)) minutes"),
    ])
    var files = [("scenario.yaml", scenario.yaml), ("fit.json", report.json().prettyRendered() + "\n"),
                 ("history.csv", historyCSV), ("report.html", page.rendered(generator: "ccsim \(CCSim.version)"))]
    if let columns, let text = try? String(contentsOfFile: columns, encoding: .utf8) { files.append(("columns.yaml", text)) }
    let folder = try ResultsFolder(under: out, scenario: name).write(seed: nil, label: "fit", files: files)
    // A log can hold what no scenario can run (no call ever served, a type named `no`): say so.
    do throws(ScenarioErrors) {
      _ = try ScenarioFile.parse(scenario.yaml, file: "\(folder)/scenario.yaml")
    } catch {
      FileHandle.standardError.write(Data(("ccsim: warning: the fitted scenario needs editing before it runs:\n"
        + error.description + "\n").utf8))
    }
    for problem in problems.prefix(5) { FileHandle.standardError.write(Data("\(problem) (skipped)\n".utf8)) }
    print(FitSummary(fit: fit).table())
    print("\(count) on \(fit.allDays.count) day(s): results in \(folder)")
  }
}

extension Fit {
  /// The most call types a fit takes.
  static let maximumTypes = 200

  /// The flags that shape the fit, for the scenario's header: all but `--out` (where it was written).
  static func fitArguments(_ arguments: [String]) -> [String] {
    var kept: [String] = []
    var skipNext = false
    for argument in arguments {
      if skipNext { skipNext = false; continue }
      if argument == "--out" { skipNext = true; continue }
      if argument.hasPrefix("--out=") { continue }
      kept.append(argument)
    }
    return kept
  }
}

/// `ccsim fit`'s flags, checked and converted.
struct FitOptions {
  var mapping: CallLogMapping?
  var reportMapping: IntervalReportMapping?
  var days: ClosedRange<CalendarDay>?
  var weekdays: Set<Int>?
  var interval: Double
  var threshold: Double
  var returnWindow: Double
  var skillShare: Double
  var badRowShare: Double

  init(_ command: Fit) throws {
    if command.intervalReport {
      guard command.format == nil else {
        throw InputError(field: "--format", expected: "no format with --interval-report (its columns come from --columns)",
                         found: command.format ?? "")
      }
      guard command.interval == nil else {
        throw InputError(field: "--interval", expected: "no interval with --interval-report (the mapping's interval is the report's)",
                         found: command.interval ?? "")
      }
      guard let columns = command.columns else {
        throw InputError(field: "--columns", expected: "the interval report's mapping (YAML; Docs/history.md)", found: "")
      }
      reportMapping = try IntervalReportMapping.load(path: columns)
    }
    switch (command.intervalReport ? "report" : command.format, command.intervalReport ? nil : command.columns) {
    case ("report", _): mapping = nil
    case (nil, nil), ("technion", nil): mapping = nil
    case (nil, let columns?), ("generic", let columns?): mapping = try CallLogMapping.load(path: columns)
    case ("generic", nil):
      throw InputError(field: "--columns", expected: "a column mapping (YAML) for a generic log", found: "")
    case ("technion", _?):
      throw InputError(field: "--columns", expected: "no mapping with --format technion (its columns are fixed)", found: command.columns ?? "")
    case (let format?, _):
      throw InputError(field: "--format", expected: "technion or generic", found: format)
    }
    if let text = command.days {
      let parts = text.components(separatedBy: "..")
      guard parts.count <= 2, let from = CalendarDay(iso: Substring(parts[0])),
            let to = CalendarDay(iso: Substring(parts.last!)), from <= to else {
        throw InputError(field: "--days", expected: "FROM..TO as YYYY-MM-DD..YYYY-MM-DD (FROM ≤ TO), or one day", found: text)
      }
      days = from...to
    }
    if let text = command.weekdays {
      let names = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
      let parts = text.lowercased().split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      let numbers = parts.compactMap { part in names.firstIndex(where: { part.hasPrefix($0) }).map { $0 + 1 } }
      guard !parts.isEmpty, numbers.count == parts.count else {
        throw InputError(field: "--weekdays", expected: "days of the week such as mon,tue,wed,thu,fri", found: text)
      }
      weekdays = Set(numbers)
    }
    guard let interval = Quantity.seconds(command.interval ?? "15m"), [900, 1800, 3600].contains(interval) else {
      throw InputError(field: "--interval", expected: "15m, 30m or 60m", found: command.interval ?? "")
    }
    self.interval = reportMapping?.interval ?? interval
    guard let threshold = Quantity.seconds(command.threshold), threshold > 0, threshold <= 86_400 else {
      throw InputError(field: "--threshold", expected: "a duration above 0 with a unit, such as 20s", found: command.threshold)
    }
    self.threshold = threshold
    guard let window = Quantity.seconds(command.returnWindow), window > 0, window <= 7 * 86_400 else {
      throw InputError(field: "--return-window", expected: "a duration above 0 and at most 168h, such as 2h", found: command.returnWindow)
    }
    returnWindow = window
    guard let share = Quantity.fraction(command.skillShare), share > 0 else {
      throw InputError(field: "--skill-share", expected: "a share above 0% and at most 100%, such as 10%", found: command.skillShare)
    }
    skillShare = share
    guard let bad = Quantity.fraction(command.badRows) else {
      throw InputError(field: "--bad-rows", expected: "a share from 0% to 100%, such as 1%", found: command.badRows)
    }
    badRowShare = bad
  }
}

/// The table `ccsim fit` prints: per type, the calls and the fitted distributions.
struct FitSummary {
  var fit: HistoryFit

  func table() -> String {
    var table = TextTable(headers: ["type", "offered", "answered", "abandoned", "self-service", "handle time", "patience"])
    let describe = { (fits: [LifetimeFit]) -> String in
      guard let best = fits.first else { return "none" }
      let shape = best.shape.map { ", \(best.family.shapeName ?? "shape") \(String(format: "%.2f", $0))" } ?? ""
      return "\(best.family.rawValue) \(String(format: "%.0f", best.mean)) s\(shape)"
    }
    for type in fit.types {
      table.append([type.id, String(type.offered), String(type.answered), String(type.abandoned), String(type.contained),
                    describe(type.handle), describe(type.patience)])
    }
    return table.rendered()
  }
}
