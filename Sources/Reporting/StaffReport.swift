import ContactCenterModel
import Planning
import ScenarioIO
import ShiftPlanning

/// The files and the console summary of a `ccsim staff`: `staffing.csv`, `shifts.csv`,
/// `marginal.csv`, `staff.json`, `plan.yaml`, the Erlang-versus-staffed comparison
/// (`compare.csv`, `targets.csv`) and `report.html`; the final plan's own run files come from
/// ``run``. Pure formatting: the same plan gives the same bytes (`Results/README.md`).
public struct StaffReport: Sendable {
  public var plan: StaffingPlan
  /// The scenario file, and its SHA-256.
  public var file: String
  public var scenarioSHA256: String
  public var toolVersion: String

  /// The Erlang-only staffing and the final plan side by side, on the verification seed.
  public let comparison: CompareReport

  public init(plan: StaffingPlan, file: String, scenarioSHA256: String, toolVersion: String) {
    self.plan = plan
    self.file = file
    self.scenarioSHA256 = scenarioSHA256
    self.toolVersion = toolVersion
    comparison = CompareReport(comparison: PlanComparison(plans: [("erlang", plan.erlangResult), ("staffed", plan.result)]),
                               files: [file, file], toolVersion: toolVersion)
  }

  var scenario: Scenario { plan.search.scenario }
  var groups: [AgentGroup] { scenario.agentGroups }

  /// The final plan's run report (`summary.json`, `intervals.csv`, `groups.csv`).
  public var run: RunReport { RunReport(result: plan.result, scenarioSHA256: scenarioSHA256, toolVersion: toolVersion) }

  func start(_ k: Int) -> String { TimeText.clock(scenario.clockStart + Double(k) * scenario.intervalLength) }

  /// The files of `ccsim staff`'s results folder, `(name, contents)`: `staffing.csv`, `shifts.csv`,
  /// `marginal.csv`, `compare.csv`, `targets.csv`, `staff.json`, `plan.yaml`, the final plan's
  /// `summary.json`, `intervals.csv` and `groups.csv`, `report.html`, and `scenarioText`, the
  /// scenario file's text, as `scenario.yaml`.
  public func files(scenarioText: String) -> [(String, String)] {
    [
      ("staffing.csv", staffingCSV()),
      ("shifts.csv", shiftsCSV()),
      ("marginal.csv", marginalCSV()),
      ("compare.csv", comparison.compareCSV()),
      ("targets.csv", comparison.targetsCSV()),
      ("staff.json", staffJSON()),
      ("plan.yaml", planYAML()),
      ("summary.json", run.summaryJSON()),
      ("intervals.csv", run.intervalsCSV()),
      ("groups.csv", run.groupsCSV()),
      ("report.html", html()),
      ("scenario.yaml", scenarioText),
    ]
  }

  /// `staffing.csv`: per interval and group, the agents Erlang asks for, the agents the search
  /// found, and for a group with shift rules the agents its shifts need on the phones and have.
  public func staffingCSV() -> String {
    var lines = ["interval,start,group,erlang_agents,agents,shift_requirement,shift_on_phones"]
    let shifts = Dictionary(uniqueKeysWithValues: plan.shifts.map { ($0.group, $0) })
    for k in 0..<scenario.intervalCount {
      for (g, group) in groups.enumerated() {
        let shift = shifts[g]
        lines.append([
          String(k + 1), start(k), RunReport.csvField(group.id), String(plan.outcome.erlang.perGroup[g][k]),
          String(plan.outcome.staffing[g][k]), shift.map { String($0.requirement[k]) } ?? "",
          shift.map { String($0.plan.coverage[k]) } ?? "",
        ].joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `shifts.csv`: one row per planned shift: group, start and end (clock), length, agents, breaks
  /// (`clock+length paid|unpaid`, separated by `;`) and paid hours per agent.
  public func shiftsCSV() -> String {
    var lines = ["group,start,end,length_h,agents,breaks,paid_hours_each"]
    for shiftPlan in plan.shifts {
      let id = RunReport.csvField(groups[shiftPlan.group].id)
      for shift in shiftPlan.plan.shifts {
        let begin = scenario.clockStart + shift.start
        let breaks = shift.breaks.map { pause in
          "\(TimeText.clock(begin + pause.offset))+\(TimeText.duration(pause.length, style: .scenario)) \(pause.paid ? "paid" : "unpaid")"
        }.joined(separator: "; ")
        let unpaid = shift.breaks.filter { !$0.paid }.reduce(0) { $0 + $1.length }
        lines.append([
          id, TimeText.clock(begin), TimeText.clock(begin + shift.length), RunReport.number(shift.length / 3600),
          String(shift.count), RunReport.csvField(breaks), RunReport.number((shift.length - unpaid) / 3600),
        ].joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `marginal.csv`: per group, interval and type the group serves, what one more agent there
  /// changes (paired mean and 95% half-width).
  public func marginalCSV() -> String {
    var lines = ["group,interval,start,type,agent_cost,sl_change,sl_change_ci95,asa_change_s,asa_change_ci95,"
      + "abandon_change,abandon_change_ci95,total_cost_change,total_cost_change_ci95"]
    func pair(_ d: PairedDifference?) -> [String] {
      [d.map { RunReport.number($0.mean) } ?? "", d?.ci95.map(RunReport.number) ?? ""]
    }
    for value in plan.marginal {
      for (i, t) in value.types.enumerated() {
        lines.append(([
          RunReport.csvField(groups[value.group].id), String(value.interval + 1), start(value.interval),
          RunReport.csvField(scenario.contactTypes[t].id), RunReport.number(value.agentCost),
        ] + pair(value.serviceLevel[i]) + pair(value.averageSpeedOfAnswer[i]) + pair(value.abandonRate[i])
          + pair(value.totalCost)).joined(separator: ","))
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `plan.yaml`: the final staffing as a plan overlay of the scenario (``ScenarioIO/StaffingOverlay``),
  /// for `ccsim compare` and `ccsim run` (with the scenario merged in by compare).
  public func planYAML() -> String { overlay.yaml() }

  /// The final staffing as a plan overlay: per group its shifts when it has shift rules, else its
  /// agents per interval; per contact type with agents of its own, those agents.
  public var overlay: StaffingOverlay {
    let shifts = Dictionary(uniqueKeysWithValues: plan.shifts.map { ($0.group, $0.plan) })
    let groups = scenario.groups.enumerated().map { g, group in
      let staffing: StaffingOverlay.Staffing
      if let shiftPlan = shifts[g] {
        staffing = shiftPlan.shifts.isEmpty ? .nobody : .shifts(shiftPlan.shifts)
      } else {
        staffing = .agents(plan.outcome.staffing[g], clearingShifts: !group.shifts.isEmpty)
      }
      return StaffingOverlay.Group(id: group.id, staffing: staffing)
    }
    let dedicated = scenario.contactTypes.indices.filter { scenario.contactTypes[$0].agents != nil }
    return StaffingOverlay(
      name: "staffed",
      comments: ["ccsim staff: the cheapest staffing found for \(scenario.name) (seed \(plan.search.options.seed)).",
                 "A plan overlay: ccsim compare \(file) --plan <this file>"],
      clockStart: scenario.clockStart, groups: groups,
      contactTypes: dedicated.enumerated().map { offset, t in
        StaffingOverlay.ContactType(id: scenario.contactTypes[t].id, agents: plan.outcome.staffing[scenario.groups.count + offset])
      })
  }

  /// `staff.json`: how the search went and what it found (`Results/README.md`).
  public func staffJSON() -> String {
    let outcome = plan.outcome
    let costs = plan.plannedCosts
    func checks(_ list: [TargetCheck]) -> JSONValue {
      .array(list.prefix(50).map { check in
        let (kind, id) = CompareReport.subject(check.subject, in: scenario)
        return .object([
          (kind, .string(id)), ("interval", check.interval.map { .integer($0 + 1) } ?? .string("day")),
          ("start", check.interval.map { .string(start($0)) } ?? .null),
          ("metric", .string(check.kind.rawValue)), ("target", .number(check.target)), ("mean", .number(check.mean)),
          ("judged", .number(check.judged)),
        ] + (outcome.unattainability(of: check).map { [("set_aside_by", .string($0.rawValue))] } ?? []))
      })
    }
    let counts = outcome.setAsideCounts
    let released = outcome.released
    let setAside = JSONValue.object([
      ("by_ceiling", .integer(counts.ceiling)), ("by_stall", .integer(counts.stall)),
      ("agent_intervals_removed", .integer(released.total)),
      ("agent_hours_removed", .number(Double(released.total) * scenario.intervalLength / 3600)),
      ("planned_cost_removed", .number(released.plannedCost)),
      ("agent_intervals_removed_by_group", .object(groups.indices.map { (groups[$0].id, .integer(released.agentIntervals[$0])) })),
    ])
    func simulated(_ result: RunResult) -> JSONValue {
      .object([
        ("staff_cost", result.totals[.staffCost].map(CompareReport.estimate) ?? .null),
        ("total_cost", result.totals[.totalCost].map(CompareReport.estimate) ?? .null),
        ("targets_missed", .integer(scenario.targets.check(result).count { !$0.met })),
      ])
    }
    let erlangGroups = groups.indices.map { g -> (String, JSONValue) in
      (groups[g].id, .object([
        ("erlang_agent_hours", .number(Double(outcome.erlang.perGroup[g].reduce(0, +)) * scenario.intervalLength / 3600)),
        ("agent_hours", .number(Double(outcome.staffing[g].reduce(0, +)) * scenario.intervalLength / 3600)),
      ]))
    }
    let shifts = plan.shifts.map { shiftPlan -> JSONValue in
      .object([
        ("group", .string(groups[shiftPlan.group].id)), ("status", .string(shiftPlan.plan.status.rawValue)),
        ("gap", .number(shiftPlan.plan.gap)), ("patterns", .integer(shiftPlan.plan.patternCount)),
        ("agents", .integer(shiftPlan.plan.agents)), ("paid_hours", .number(shiftPlan.plan.paidHours)),
        ("cost", .number(shiftPlan.plan.cost)),
        ("uncovered", .array(shiftPlan.plan.uncovered.map { gap in
          .object([("interval", .integer(gap.interval + 1)), ("start", .string(start(gap.interval))),
                   ("required", .integer(gap.required)), ("covered", .integer(gap.covered))])
        })),
      ])
    }
    let steps = outcome.steps.map { step -> JSONValue in
      .object([("phase", .string(step.phase.rawValue)), ("change", .integer(step.change)), ("misses", .integer(step.misses)),
               ("planned_cost", .number(step.plannedCost)), ("simulations", .integer(step.simulations))])
    }
    return JSONValue.object([
      ("tool_version", .string(toolVersion)), ("scenario", .string(scenario.name)), ("file", .string(file)),
      ("scenario_sha256", .string(scenarioSHA256)), ("seed", .string(String(plan.search.options.seed))),
      ("verification_seed", .string(String(plan.seed))), ("replications", .integer(plan.search.options.replications)),
      ("planned_cost", .object([("erlang", .number(costs.erlang)), ("staffed", .number(costs.staffed)),
                                ("final", .number(costs.final))])),
      ("simulated", .object([("erlang", simulated(plan.erlangResult)), ("final", simulated(plan.result))])),
      ("verified", .bool(plan.significantMisses.isEmpty)),
      ("targets_checked", .integer(scenario.targets.check(plan.result).count)),
      ("targets_missed", .integer(plan.misses.count)),
      ("significant_misses", checks(plan.significantMisses)),
      ("unattainable", checks(outcome.unattainable)),
      ("set_aside", setAside),
      ("deferred_moves", outcome.deferredMoves.map { moves in
        .object([("agent_intervals_moved", .integer(moves.agentIntervals)),
                 ("agent_hours_moved", .number(Double(moves.agentIntervals) * scenario.intervalLength / 3600)),
                 ("planned_cost_before", .number(moves.plannedCostBefore)), ("planned_cost_after", .number(moves.plannedCostAfter)),
                 ("saving", .number(moves.saving))])
      } ?? .null),
      ("groups", .object(erlangGroups)),
      ("shifts", .array(shifts)), ("shift_repairs", .integer(plan.shiftRepairs)),
      ("simulations", .integer(plan.simulations)),
      ("steps", .array(steps)),
    ]).prettyRendered() + "\n"
  }

  /// The console summary: costs of the Erlang and final plans, agent-hours per group, targets.
  public func table() -> String {
    let costs = plan.plannedCosts
    let currency = scenario.costs.currency.isEmpty ? "" : " " + scenario.costs.currency
    var table = TextTable(headers: ["group", "Erlang agent-h", "staffed agent-h", "shifts"])
    for (g, group) in groups.enumerated() {
      let shift = plan.shifts.first { $0.group == g }
      table.append([
        group.id, Markup.number(Double(plan.outcome.erlang.perGroup[g].reduce(0, +)) * scenario.intervalLength / 3600, decimals: 1),
        Markup.number(Double(plan.outcome.staffing[g].reduce(0, +)) * scenario.intervalLength / 3600, decimals: 1),
        shift.map { "\($0.plan.agents) agents, \(Markup.number($0.plan.paidHours, decimals: 1)) paid h"
          + ($0.plan.isComplete ? "" : ", \($0.plan.uncovered.count) intervals short") } ?? "–",
      ])
    }
    var text = table.rendered() + "\n"
    let erlangChecks = scenario.targets.check(plan.erlangResult)
    let erlangMissed = erlangChecks.count { !$0.met }
    let checked = scenario.targets.check(plan.result).count
    text += "Planned paid cost: Erlang only \(Markup.number(costs.erlang, decimals: 0))\(currency) "
      + "(misses \(erlangMissed) of \(erlangChecks.count) targets in simulation); staffed \(Markup.number(costs.final, decimals: 0))\(currency)"
      + (plan.shifts.isEmpty ? "" : " with shifts (\(Markup.number(costs.staffed, decimals: 0))\(currency) as headcount)") + ".\n"
    text += "On fresh random numbers (seed \(plan.seed)) the plan misses \(plan.misses.count) of \(checked) targets by the rule, "
      + "\(plan.significantMisses.count) significantly."
    if !plan.outcome.unattainable.isEmpty {
      text += "\nNo staffing met \(plan.outcome.unattainable.count) target\(plan.outcome.unattainable.count == 1 ? "" : "s"): "
        + plan.outcome.unattainable.prefix(5).map(describe).joined(separator: "; ")
    }
    if let removed = releasedText() { text += "\n" + removed }
    if let moved = deferredText() { text += "\n" + moved }
    for shiftPlan in plan.shifts where !shiftPlan.plan.isComplete {
      text += "\nShifts of \(groups[shiftPlan.group].id) leave \(shiftPlan.plan.uncovered.count) intervals short: "
        + shiftPlan.plan.uncovered.prefix(6).map { "\(start($0.interval)) (\($0.covered) of \($0.required))" }.joined(separator: ", ")
    }
    return text
  }

  /// "Set aside as unattainable: 1 target (1 missed even with ample staff); the 168 agent-intervals
  /// (42.0 agent-h, 1 800 EUR planned) added for them were removed.", or `nil` when none was set aside.
  func releasedText() -> String? {
    let counts = plan.outcome.setAsideCounts, released = plan.outcome.released
    let total = counts.ceiling + counts.stall
    guard total > 0 else { return nil }
    let currency = scenario.costs.currency.isEmpty ? "" : " " + scenario.costs.currency
    let how = [counts.ceiling > 0 ? "\(counts.ceiling) missed even with ample staff" : nil,
               counts.stall > 0 ? "\(counts.stall) after three additions that hardly helped" : nil].compactMap { $0 }
    let hours = Double(released.total) * scenario.intervalLength / 3600
    return "Set aside as unattainable: \(total) target\(total == 1 ? "" : "s") (\(how.joined(separator: ", "))); "
      + (released.total == 0 ? "no agent had been added for them."
        : "the \(released.total) agent-interval\(released.total == 1 ? "" : "s") (\(Markup.number(hours, decimals: 1)) agent-h, "
          + "\(Markup.number(released.plannedCost, decimals: 0))\(currency) planned) added for them \(released.total == 1 ? "was" : "were") removed.")
  }

  /// "Deferred work moved later within its deadline: 44 agent-intervals (11.0 agent-h); planned
  /// cost 203 → 180 EUR, 23 EUR less than the interval-by-interval plan.", or `nil` when the search
  /// tried no move (``Planning/StaffingSearch/Outcome/deferredMoves``).
  func deferredText() -> String? {
    guard let moves = plan.outcome.deferredMoves else { return nil }
    let currency = scenario.costs.currency.isEmpty ? "" : " " + scenario.costs.currency
    let hours = Double(moves.agentIntervals) * scenario.intervalLength / 3600
    return "Deferred work moved later within its deadline: \(moves.agentIntervals) agent-interval\(moves.agentIntervals == 1 ? "" : "s") "
      + "(\(Markup.number(hours, decimals: 1)) agent-h); planned cost \(Markup.number(moves.plannedCostBefore, decimals: 0)) → "
      + "\(Markup.number(moves.plannedCostAfter, decimals: 0))\(currency), \(Markup.number(moves.saving, decimals: 0))\(currency) "
      + "less than the interval-by-interval plan."
  }

  /// "email 00:00 service_level 50.9% (target 80%)".
  func describe(_ check: TargetCheck) -> String {
    let (_, id) = CompareReport.subject(check.subject, in: scenario)
    let when = check.interval.map { start($0) } ?? "day"
    let percent = check.kind != .averageSpeedOfAnswer
    func show(_ value: Double) -> String { percent ? Markup.number(100 * value, decimals: 1) + "%" : Markup.number(value, decimals: 1) + " s" }
    return "\(id) \(when) \(check.kind.rawValue) \(show(check.mean)) (target \(show(check.target)))"
  }

  // MARK: report.html

  /// `report.html`: the final plan's run report, with the requirement the search found, and the
  /// staffing sections: the plans' costs and targets, Erlang against simulation per group, the
  /// shifts, and where one more agent helps most (`Docs/report.md`).
  public func html() -> String {
    // A shift group's agents on duty are counted before shrinkage, so its requirement is the
    // agents its shifts must put on the phones.
    var requirement = plan.outcome.staffing
    for shiftPlan in plan.shifts { requirement[shiftPlan.group] = shiftPlan.requirement }
    var page = run.htmlPage(requirement: .perGroup(requirement), serviceLevelTargets: scenario.targets.types.map(\.serviceLevel))
    page.title = "Staffing report: \(scenario.name)"
    page.subtitle = "The cheapest staffing ccsim staff found for the scenario's targets, simulated on fresh random numbers."
    page.facts.append(HTMLPage.Fact(name: "Search seed", value: String(plan.search.options.seed)))
    page.sections.insert(contentsOf: [planSection(), erlangSection()] + (plan.shifts.isEmpty ? [] : [shiftSection()])
      + (plan.marginal.isEmpty ? [] : [marginalSection()]), at: 0)
    return page.rendered()
  }

  func planSection() -> HTMLSection {
    let costs = plan.plannedCosts
    let currency = scenario.costs.currency
    func row(_ name: String, _ planned: Double, _ result: RunResult) -> HTMLTable.Row {
      let checks = scenario.targets.check(result)
      let (missed, checked) = (checks.count { !$0.met }, checks.count)
      let significant = scenario.targets.significantMisses(result).count { !plan.outcome.isUnattainable($0) }
      return HTMLTable.Row(header: name, cells: [
        Markup.number(planned, decimals: 0), RunPageBuilder.cell(result.totals[.staffCost], scale: 1, decimals: 0),
        RunPageBuilder.cell(result.totals[.totalCost], scale: 1, decimals: 0), "\(missed) of \(checked)", String(significant),
      ])
    }
    var table = HTMLTable(
      caption: "Plans on the same fresh random numbers (seed \(plan.seed), \(plan.search.options.replications) replications)",
      columns: ["plan", "planned paid cost (\(currency))", "simulated staff cost (\(currency))", "simulated total cost (\(currency))",
                "targets missed by the rule", "missed significantly (attainable)"])
    table.rows.append(row("Erlang only", costs.erlang, plan.erlangResult))
    table.rows.append(row(plan.shifts.isEmpty ? "Staffed (simulation search)" : "Staffed, with planned shifts", costs.final, plan.result))
    var blocks: [HTMLBlock] = [
      .paragraph("Erlang staffs each type on its own, interval by interval, from exact queueing formulas; the search then "
        + "corrects that staffing by simulation, adding agents where a target is missed and removing them where there is "
        + "slack, on common random numbers (Docs/planning.md, “Staffing”). Both plans are simulated here on random numbers "
        + "the search never saw. A target missed by the rule but not significantly is one the plan meets only just."),
      .table(table),
    ]
    if !plan.outcome.unattainable.isEmpty {
      blocks.append(.note("No staffing meets these targets, so the search set them aside: "
        + plan.outcome.unattainable.prefix(10).map(describe).joined(separator: "; ") + "."
        + (releasedText().map { " " + $0 } ?? "")))
    }
    if let moved = deferredText() { blocks.append(.note(moved)) }
    return HTMLSection(id: "staffing-plan", title: "Staffing plan", blocks: blocks)
  }

  func erlangSection() -> HTMLSection {
    let starts = (0..<scenario.intervalCount).map { scenario.clockStart + Double($0) * scenario.intervalLength }
    let columns = starts.map { LineChart.Column(range: $0...($0 + scenario.intervalLength), label: TimeText.clock($0)) }
    var blocks: [HTMLBlock] = [.paragraph(
      "For each group: the agents available for contacts per interval that Erlang asks for, and those the simulation search settled on.")]
    for (g, group) in groups.enumerated() {
      let chart = LineChart(
        id: Markup.identifier("erlang-vs-staffed", g + 1), title: "Erlang and simulated staffing: \(group.id)",
        description: "Agents of group \(group.id) per interval: the Erlang requirement and the staffing found by simulation.",
        x: ChartAxis(title: "Time of day (HH:MM)", ticks: .clock), y: ChartAxis(title: "Agents"),
        series: [
          LineChart.Series(name: "Erlang", points: zip(starts, plan.outcome.erlang.perGroup[g]).map { .init(x: $0, y: Double($1)) },
                           interpolation: .step(width: scenario.intervalLength), style: .standard(0), decimals: 0),
          LineChart.Series(name: "Simulation search", points: zip(starts, plan.outcome.staffing[g]).map { .init(x: $0, y: Double($1)) },
                           interpolation: .step(width: scenario.intervalLength), style: .standard(1), decimals: 0),
        ],
        columns: columns)
      blocks.append(.figure(svg: chart.svg(), caption: "Agents of \(group.id) per interval: Erlang's requirement against the simulated staffing."))
    }
    return HTMLSection(id: "erlang-vs-simulation", title: "Erlang against simulation", blocks: blocks)
  }

  func shiftSection() -> HTMLSection {
    var blocks: [HTMLBlock] = [.paragraph(
      "Shifts planned at the fewest paid hours (an integer program solved with GLPK; Docs/shift-planning.md) to put the staffing "
        + "found on the phones, grossed up for shrinkage.")]
    for shiftPlan in plan.shifts {
      let group = groups[shiftPlan.group]
      var table = HTMLTable(
        caption: "Shifts of \(group.id): \(shiftPlan.plan.agents) agents, \(Markup.number(shiftPlan.plan.paidHours, decimals: 1)) paid hours "
          + "(solver: \(shiftPlan.plan.status.rawValue), gap \(Markup.number(100 * shiftPlan.plan.gap, decimals: 1))%)",
        columns: ["start", "end", "agents", "breaks"])
      for shift in shiftPlan.plan.shifts {
        let begin = scenario.clockStart + shift.start
        table.rows.append(HTMLTable.Row(header: TimeText.clock(begin), cells: [
          TimeText.clock(begin + shift.length), String(shift.count),
          shift.breaks.map { "\(TimeText.clock(begin + $0.offset)) \(TimeText.duration($0.length, style: .scenario))\($0.paid ? "" : " unpaid")" }
            .joined(separator: ", "),
        ]))
      }
      blocks.append(.table(table))
      if !shiftPlan.plan.isComplete {
        blocks.append(.note("No set of allowed shifts covers every interval; short: "
          + shiftPlan.plan.uncovered.map { "\(start($0.interval)) (\($0.covered) of \($0.required))" }.joined(separator: ", ") + "."))
      }
    }
    return HTMLSection(id: "shifts", title: "Shifts", blocks: blocks)
  }

  func marginalSection() -> HTMLSection {
    var table = HTMLTable(
      caption: "The ten intervals where one more agent raises a service level most (paired differences, 95% half-widths)",
      columns: ["interval", "group", "type", "service level change (pp)", "abandonment change (pp)", "agent cost", "total cost change"])
    var candidates: [(MarginalValue, Int)] = []
    for value in plan.marginal {
      for i in value.types.indices where value.serviceLevel[i] != nil { candidates.append((value, i)) }
    }
    candidates.sort { a, b in
      (-(a.0.serviceLevel[a.1]!.mean), a.0.group, a.0.interval, a.1) < (-(b.0.serviceLevel[b.1]!.mean), b.0.group, b.0.interval, b.1)
    }
    func pp(_ d: PairedDifference?) -> String {
      guard let d else { return "–" }
      return Markup.number(100 * d.mean, decimals: 1) + (d.ci95.map { " ± " + Markup.number(100 * $0, decimals: 1) } ?? "")
    }
    for (value, i) in candidates.prefix(10) {
      table.rows.append(HTMLTable.Row(header: start(value.interval), cells: [
        groups[value.group].id, scenario.contactTypes[value.types[i]].id, pp(value.serviceLevel[i]), pp(value.abandonRate[i]),
        Markup.number(value.agentCost, decimals: 2),
        value.totalCost.map { Markup.number($0.mean, decimals: 2) + ($0.ci95.map { " ± " + Markup.number($0, decimals: 2) } ?? "") } ?? "–",
      ]))
    }
    return HTMLSection(id: "marginal", title: "Marginal value of one more agent", blocks: [
      .paragraph("What one more agent in one interval buys, estimated by running the plan with and without the agent on the same "
        + "random numbers; marginal.csv has every group, interval and type."),
      .table(table),
    ])
  }
}
