import ContactCenterModel
import Fingerprint
import Foundation
import Planning

/// The files and the console table of a `ccsim compare`: `compare.csv` (every metric of every plan
/// with its paired difference), `targets.csv` (every target check of every plan), `summary.json`
/// and the side-by-side table. Pure formatting: the same comparison gives the same bytes.
public struct CompareReport: Sendable {
  public var comparison: PlanComparison
  /// The files the plans came from (the base scenario's path for the base), in plan order.
  public var files: [String]
  public var toolVersion: String
  /// Every target of every plan, checked (`checks[plan]`).
  public var checks: [[TargetCheck]]

  public init(comparison: PlanComparison, files: [String], toolVersion: String) {
    precondition(files.count == comparison.plans.count, "one file per plan")
    self.comparison = comparison
    self.files = files
    self.toolVersion = toolVersion
    checks = comparison.plans.map { $0.result.scenario.targets.check($0.result) }
  }

  var names: [String] { comparison.plans.map(\.name) }
  var referenceName: String { names[comparison.reference] }

  /// Whether plan `p` meets every target; `nil` when its scenario states none.
  public func meetsTargets(_ p: Int) -> Bool? {
    comparison.plans[p].result.scenario.targets.isEmpty ? nil : checks[p].allSatisfy(\.met)
  }

  /// `compare.csv`: one row per metric, subject and plan: the estimate with its 95% half-width,
  /// and the paired difference from the reference plan with its half-width and significance.
  public func compareCSV() -> String {
    var lines = ["scope,subject,metric,plan,mean,ci95,difference,difference_ci95,significant"]
    for row in comparison.rows {
      for (p, name) in names.enumerated() {
        let estimate = row.estimates[p], difference = row.differences[p]
        lines.append([
          row.scope.rawValue, RunReport.csvField(row.subject), row.metric, RunReport.csvField(name),
          estimate.map { RunReport.number($0.mean) } ?? "", estimate?.ci95.map(RunReport.number) ?? "",
          difference.map { RunReport.number($0.mean) } ?? "", difference?.ci95.map(RunReport.number) ?? "",
          difference.map { $0.isSignificant ? "yes" : "no" } ?? "",
        ].joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `targets.csv`: every target of every plan, with the value the assurance rule judged and
  /// whether it is met.
  public func targetsCSV() -> String {
    var lines = ["plan,subject,kind,interval,start,metric,target,mean,judged,met"]
    for (p, name) in names.enumerated() {
      let scenario = comparison.plans[p].result.scenario
      for check in checks[p] {
        let (kind, id) = Self.subject(check.subject, in: scenario)
        let start = check.interval.map { TimeText.clock(scenario.clockStart + Double($0) * scenario.intervalLength) } ?? ""
        lines.append([
          RunReport.csvField(name), RunReport.csvField(id), kind, check.interval.map { String($0 + 1) } ?? "day", start,
          check.kind.rawValue, RunReport.number(check.target), RunReport.number(check.mean), RunReport.number(check.judged),
          check.met ? "yes" : "no",
        ].joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  static func subject(_ subject: TargetCheck.Subject, in scenario: Scenario) -> (kind: String, id: String) {
    switch subject {
    case .type(let t): ("type", scenario.contactTypes[t].id)
    case .group(let g): ("group", scenario.agentGroups[g].id)
    }
  }

  /// `summary.json`: the comparison's identity, each plan (file, SHA-256, cost, whether it meets
  /// its targets, the first misses) and every row with its estimates and differences.
  public func summaryJSON(sha256: [String]) -> String {
    let first = comparison.plans[0].result
    let plans = comparison.plans.indices.map { p -> JSONValue in
      let result = comparison.plans[p].result
      let misses = checks[p].filter { !$0.met }
      var fields: [(String, JSONValue)] = [
        ("name", .string(names[p])), ("file", .string(files[p])), ("sha256", .string(sha256[p])),
        ("total_cost", result.totals[.totalCost].map { Self.estimate($0) } ?? .null),
        ("meets_targets", meetsTargets(p).map(JSONValue.bool) ?? .null),
        ("targets_checked", .integer(checks[p].count)), ("targets_missed", .integer(misses.count)),
      ]
      fields.append(("misses", .array(misses.prefix(50).map { check in
        let (kind, id) = Self.subject(check.subject, in: result.scenario)
        return .object([
          (kind, .string(id)), ("interval", check.interval.map { .integer($0 + 1) } ?? .string("day")),
          ("metric", .string(check.kind.rawValue)), ("target", .number(check.target)), ("mean", .number(check.mean)),
          ("judged", .number(check.judged)),
        ])
      })))
      return .object(fields)
    }
    let rows = comparison.rows.map { row -> JSONValue in
      .object([
        ("scope", .string(row.scope.rawValue)), ("subject", .string(row.subject)), ("metric", .string(row.metric)),
        ("plans", .object(names.indices.map { p in
          var fields: [(String, JSONValue)] = [("estimate", row.estimates[p].map { Self.estimate($0) } ?? .null)]
          if p != comparison.reference {
            fields.append(("difference", row.differences[p].map { d in
              .object([("mean", .number(d.mean)), ("ci95", d.ci95.map(JSONValue.number) ?? .null),
                       ("significant", .bool(d.isSignificant))])
            } ?? .null))
          }
          return (names[p], .object(fields))
        })),
      ])
    }
    let targets = first.scenario.targets
    let rule: String = switch targets.assurance {
    case .mean: "mean"
    case .confidence(let level): "confidence \(RunReport.number(level))"
    case .probability(let level): "probability \(RunReport.number(level))"
    }
    return JSONValue.object([
      ("tool_version", .string(toolVersion)), ("scenario", .string(first.scenario.name)),
      ("seed", .string(String(first.seed))), ("replications", .integer(first.replications.count)),
      ("common_random_numbers", .bool(true)), ("reference", .string(referenceName)),
      ("targets_per", .string(targets.scope.rawValue)), ("targets_judged_by", .string(rule)),
      ("plans", .array(plans)), ("rows", .array(rows)),
    ]).prettyRendered() + "\n"
  }

  static func estimate(_ estimate: Estimate) -> JSONValue {
    .object([("mean", .number(estimate.mean)), ("ci95", estimate.ci95.map(JSONValue.number) ?? .null)])
  }

  /// The console table: each metric with every plan's value and, for the other plans, the paired
  /// difference from the reference marked `*` when significant; then which plans meet their targets.
  public func table() -> String {
    var headers = ["", "metric"]
    for (p, name) in names.enumerated() {
      headers.append(name)
      if p != comparison.reference { headers.append("\(name) − \(referenceName)") }
    }
    var table = TextTable(headers: headers)
    for row in comparison.rows {
      let format = Self.format(row.metric), change = Self.differenceFormat(row.metric)
      var cells = [row.scope == .centre ? "centre" : row.subject, row.metric]
      for p in names.indices {
        cells.append(row.estimates[p].map { format($0.mean) + ($0.ci95.map { " ± " + format($0) } ?? "") } ?? "–")
        if p != comparison.reference {
          cells.append(row.differences[p].map { d in
            Self.signed(d.mean, change) + (d.ci95.map { " ± " + change($0) } ?? "") + (d.isSignificant ? " *" : "  ")
          } ?? "–")
        }
      }
      table.append(cells)
    }
    var text = table.rendered()
    text += "\n* significant: the paired 95% confidence interval of the difference excludes 0"
    for p in names.indices {
      let verdict: String
      switch meetsTargets(p) {
      case nil: verdict = "no targets in the scenario"
      case true?: verdict = "meets every target (\(checks[p].count) checked)"
      case false?:
        let misses = checks[p].filter { !$0.met }
        let scenario = comparison.plans[p].result.scenario
        let shown = misses.prefix(3).map { check -> String in
          let (_, id) = Self.subject(check.subject, in: scenario)
          let when = check.interval.map { TimeText.clock(scenario.clockStart + Double($0) * scenario.intervalLength) } ?? "day"
          return "\(id) \(when) \(check.kind.rawValue): " + Self.describe(check, scenario.targets.assurance)
        }
        verdict = "misses \(misses.count) of \(checks[p].count) targets (\(shown.joined(separator: "; "))"
          + (misses.count > 3 ? "; …" : "") + ")"
      }
      let cost = comparison.plans[p].result.totals[.totalCost].map { Self.format("total_cost")($0.mean) } ?? "–"
      text += "\n\(names[p]): total cost \(cost); \(verdict)"
    }
    return text
  }

  /// What the assurance rule found, against the target: `95% bound 74.8% (target ≥ 80.0%)`.
  static func describe(_ check: TargetCheck, _ assurance: Targets.Assurance) -> String {
    let format = Self.format(check.kind.rawValue)
    let goal = (check.kind.isFloor ? "≥ " : "≤ ") + format(check.target)
    let percent = { (x: Double) in String(format: "%.0f%%", 100 * x) }
    return switch assurance {
    case .mean: "mean \(format(check.judged)) (target \(goal))"
    case .confidence(let level): "\(percent(level)) bound \(format(check.judged)) (target \(goal))"
    case .probability(let level): "met in \(percent(check.judged)) of replications (target \(goal) in \(percent(level)))"
    }
  }

  /// How a metric's values are shown: shares as percentages, durations in seconds, money and hours
  /// with two and one decimals, counts whole.
  static func format(_ metric: String) -> (Double) -> String {
    switch metric {
    case "service_level", "abandon_rate", "occupancy", "fcr", "wait_probability", "resolution_rate", "block_rate",
         "service_level_admitted":
      { String(format: "%.1f%%", 100 * $0) }
    case _ where metric.hasSuffix("_s"): { String(format: "%.1fs", $0) }
    case _ where metric.hasSuffix("cost") || metric == "cost_per_resolved": { String(format: "%.2f", $0) }
    case _ where metric.hasSuffix("hours"): { String(format: "%.1f", $0) }
    default: { String(format: "%.1f", $0) }
    }
  }

  /// How a difference is shown: as ``format(_:)``, except that a difference of shares is in
  /// percentage points.
  static func differenceFormat(_ metric: String) -> (Double) -> String {
    format(metric)(0.5).hasSuffix("%") ? { String(format: "%.1f pp", 100 * $0) } : format(metric)
  }

  static func signed(_ value: Double, _ format: (Double) -> String) -> String {
    value > 0 ? "+" + format(value) : value < 0 ? "−" + format(-value) : format(0)
  }
}

extension CompareReport {
  /// The files of `ccsim compare`'s results folder, `(name, contents)`: `summary.json` (with the
  /// SHA-256 of every input), `compare.csv`, `targets.csv`, a copy of the base scenario,
  /// `report.html`, and a copy of each plan file as `plan-<n>-<name>.yaml`.
  /// - Parameters:
  ///   - scenarioText: The base scenario file's text.
  ///   - planTexts: Each plan file's text, in the order of the comparison's plans after the base.
  public func files(scenarioText: String, planTexts: [String]) -> [(String, String)] {
    let texts = [scenarioText] + planTexts
    var files: [(String, String)] = [
      ("summary.json", summaryJSON(sha256: texts.map { SHA256.hex(Array($0.utf8)) })),
      ("compare.csv", compareCSV()),
      ("targets.csv", targetsCSV()),
      ("scenario.yaml", scenarioText),
      ("report.html", html()),
    ]
    for (index, (plan, text)) in zip(comparison.plans.dropFirst(), planTexts).enumerated() {
      files.append(("plan-\(index + 1)-\(Self.fileSafe(plan.name)).yaml", text))
    }
    return files
  }

  /// A name usable in a file name: letters, digits, `-`, `_` and `.`; anything else becomes `_`.
  static func fileSafe(_ name: String) -> String {
    String(name.map { $0.isLetter || $0.isNumber || "-_.".contains($0) ? $0 : "_" })
  }
}
