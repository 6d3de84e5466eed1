import ContactCenterModel

/// The agents required per planning interval, as `ccsim staff` works them out (by Erlang, then
/// corrected by simulation), for the run report to draw against the agents on duty.
public enum StaffingRequirement: Hashable, Sendable {
  /// For each contact type, in scenario order: the agents it needs per interval, or `nil` for a
  /// type without a requirement.
  case perType([[Int]?])
  /// For each agent group, in ``Scenario/agentGroups`` order: the agents it needs per interval,
  /// or `nil`. A type's chart shows the sum over the groups serving it, when each has one.
  case perGroup([[Int]?])
}

extension RunReport {
  /// `report.html`: the run as a self-contained page with inline SVG charts (see ``htmlPage(requirement:serviceLevelTargets:)``).
  public func html(requirement: StaffingRequirement? = nil, serviceLevelTargets: [Double?]? = nil) -> String {
    htmlPage(requirement: requirement, serviceLevelTargets: serviceLevelTargets).rendered()
  }

  /// The run report as a page, for callers that add sections of their own. Sections: headline
  /// KPIs of the day (centre and types, with 95% CIs); per type, offered contacts per interval
  /// against the agents on duty (and the requirement); per type, the service level per interval
  /// with its 95% band (and the target); per type, the wait percentiles and the ASA with error
  /// bars; occupancy per group and interval; the cost breakdown. `Docs/report.md` explains each.
  ///
  /// The page depends only on the result, the scenario hash and the tool version: the same run
  /// gives the same bytes.
  ///
  /// - Parameters:
  ///   - requirement: Agents required per interval (`nil` for a plain run: no requirement line).
  ///     Each array has one value per interval.
  ///   - serviceLevelTargets: For each contact type in scenario order, the service-level target as
  ///     a fraction in `0...1` (0.8 for 80%), or `nil`; drawn as a line on its service-level chart
  ///     and compared with the day's CI in the KPI table. `nil`: no targets.
  public func htmlPage(requirement: StaffingRequirement? = nil, serviceLevelTargets: [Double?]? = nil) -> HTMLPage {
    RunPageBuilder(report: self, requirement: requirement, targets: serviceLevelTargets).page()
  }
}

/// Builds the run report's page; each section in its own method, so that other reports (compare,
/// staff, sweep) can reuse the charts.
struct RunPageBuilder {
  let report: RunReport
  let requirement: StaffingRequirement?
  let targets: [Double?]

  var result: RunResult { report.result }
  var scenario: Scenario { report.result.scenario }
  var currency: String { scenario.costs.currency }

  init(report: RunReport, requirement: StaffingRequirement?, targets: [Double?]?) {
    let scenario = report.result.scenario
    self.report = report
    self.requirement = requirement
    self.targets = targets ?? Array(repeating: nil, count: scenario.contactTypes.count)
    precondition(self.targets.count == scenario.contactTypes.count, "one service-level target (or nil) per contact type")
    precondition(self.targets.allSatisfy { $0.map { (0...1).contains($0) } ?? true }, "service-level targets are fractions in 0...1")
    switch requirement {
    case .perType(let rows)?:
      precondition(rows.count == scenario.contactTypes.count, "one requirement (or nil) per contact type")
      precondition(rows.allSatisfy { $0.map { $0.count == scenario.intervalCount } ?? true }, "one required headcount per interval")
    case .perGroup(let rows)?:
      precondition(rows.count == scenario.agentGroups.count, "one requirement (or nil) per agent group")
      precondition(rows.allSatisfy { $0.map { $0.count == scenario.intervalCount } ?? true }, "one required headcount per interval")
    case nil: break
    }
  }

  func page() -> HTMLPage {
    let replications = result.replications.count
    let end = scenario.clockStart + Double(scenario.intervalCount) * scenario.intervalLength
    var facts = [
      HTMLPage.Fact(name: "Scenario", value: scenario.name),
      HTMLPage.Fact(name: "Scenario SHA-256", value: report.scenarioSHA256),
      HTMLPage.Fact(name: "Seed", value: String(result.seed)),
      HTMLPage.Fact(name: "Replications", value: String(replications)),
    ]
    let study = switch scenario.study {
    case .day: "a day from an empty centre"
    case .steadyState(let warmUp): "steady state after a warm-up of \(TimeText.duration(warmUp, style: .spoken))"
    }
    facts += [
      HTMLPage.Fact(name: "Study", value: study),
      HTMLPage.Fact(name: "Planning intervals", value: "\(scenario.intervalCount) × \(TimeText.duration(scenario.intervalLength, style: .spoken)), "
                    + "\(TimeText.clock(scenario.clockStart))–\(TimeText.clock(end))"),
      HTMLPage.Fact(name: "Contact types", value: scenario.contactTypes.map(\.id).joined(separator: ", ")),
      HTMLPage.Fact(name: "Agent groups", value: scenario.agentGroups.map(\.id).joined(separator: ", ")),
    ]
    if !currency.isEmpty { facts.append(HTMLPage.Fact(name: "Currency", value: currency)) }
    facts.append(HTMLPage.Fact(name: "Tool", value: "ccsim \(report.toolVersion)"))
    return HTMLPage(
      title: "Run report: \(scenario.name)",
      subtitle: "Simulated with ccsim: means over \(replications) replications, with 95% confidence intervals.",
      facts: facts,
      sections: [kpiSection(), staffingSection(), serviceLevelSection(), waitSection(), occupancySection(), costSection()],
      footer: "Written by ccsim \(report.toolVersion). " + estimatorText
        + "“±”, shaded bands and error bars are 95% Student-t confidence intervals of that mean. Metric definitions: "
        + "Docs/metrics.md; how to read this page: Docs/report.md. The same files are in summary.json, intervals.csv and groups.csv.",
      generator: "ccsim \(report.toolVersion)")
  }

  /// How the values were estimated from the replications (Docs/metrics.md, "Steady-state estimates").
  private var estimatorText: String {
    let replications = report.result.replications.count
    if scenario.study == .day { return "Every value is a mean over \(replications) independent replications; " }
    return "Counts and percentiles are means over \(replications) independent replications and ratios (service level, "
      + "ASA, occupancy …) ratios of sums over them, a steady-state study's estimate; "
  }

  // MARK: Sections

  func kpiSection() -> HTMLSection {
    let hasTargets = targets.contains { $0 != nil }
    var columns = ["", "Offered (contacts)", "Service level (%)", "SL threshold"]
    if hasTargets { columns += ["SL target (%): met?"] }
    columns += ["ASA", "Abandoned (%)"] + (scenario.canBlock ? ["Blocked (%)", "SL of admitted (%)"] : [])
    columns += ["Occupancy (%)", "Total cost" + (currency.isEmpty ? "" : " (\(currency))")]
    var table = HTMLTable(caption: "The day per contact type\(scenario.contactTypes.count > 1 ? " and for the centre" : ""): mean ± 95% CI half-width",
                          columns: columns)
    func row(_ name: String, _ kpis: KPIs, threshold: String, target: Double?) -> HTMLTable.Row {
      var cells = [Self.cell(kpis[.offered], decimals: 0), Self.cell(kpis[.serviceLevel], scale: 100, decimals: 1), threshold]
      if hasTargets {
        cells += [target.map { Markup.number(100 * $0, decimals: 1) + ": " + Self.verdict(kpis[.serviceLevel], target: $0) } ?? "–"]
      }
      cells += [Self.durationCell(kpis[.averageSpeedOfAnswer]), Self.cell(kpis[.abandonRate], scale: 100, decimals: 1)]
      if scenario.canBlock {
        cells += [Self.cell(kpis[.blockRate], scale: 100, decimals: 1), Self.cell(kpis[.serviceLevelAdmitted], scale: 100, decimals: 1)]
      }
      cells += [Self.cell(kpis[Metric.occupancy], scale: 100, decimals: 1), Self.money(kpis[.totalCost])]
      return HTMLTable.Row(header: name, cells: cells)
    }
    for (index, type) in scenario.contactTypes.enumerated() {
      table.rows.append(row("\(type.id) (\(type.channel.rawValue))", result.types[index],
                            threshold: TimeText.duration(type.serviceLevel.threshold, style: .spoken), target: targets[index]))
    }
    if scenario.contactTypes.count > 1 { table.rows.append(row("Centre (all types)", result.totals, threshold: "per type", target: nil)) }
    var blocks: [HTMLBlock] = [.table(table)]
    blocks.append(.note("“–” marks a value that is undefined: no contact to measure it on, or, for occupancy and cost, a type "
                        + "served by agent groups it shares with other types (see the groups under Occupancy and Cost). "
                        + "ASA is the mean wait of answered contacts."
                        + (scenario.canBlock ? " Blocked: the share of contacts offered that found every line held or "
                           + "their queue full (a busy signal); the service level counts them as failures, the service "
                           + "level of admitted contacts leaves them out." : "")))
    if hasTargets {
      blocks.append(.note("SL target: “met” when the whole 95% confidence interval of the day’s service level is at or above "
                          + "the target, “missed” when it is below, “undecided” when the interval contains the target "
                          + "(more replications would decide)."))
    }
    return HTMLSection(id: "kpis", title: "Headline KPIs", blocks: blocks)
  }

  func staffingSection() -> HTMLSection {
    var blocks: [HTMLBlock] = [.paragraph(
      "For each contact type: the contacts offered in each interval (mean over replications, with its 95% confidence band; "
        + "left axis) against the agents on duty in the groups that serve it"
        + (requirement == nil ? "" : " and the agents required") + " (right axis).")]
    if requirement == nil {
      blocks.append(.note("This run has no staffing requirement to compare with (ccsim staff adds one)."))
    }
    return HTMLSection(id: "load", title: "Load and staffing", blocks: blocks + figuresPerType { staffingChart(type: $0) })
  }

  func serviceLevelSection() -> HTMLSection {
    let blocks: [HTMLBlock] = [.paragraph(
      "For each contact type: the service level of the contacts that arrived in each interval, with its 95% confidence band"
        + (targets.contains { $0 != nil } ? ", against the target." : ".")
        + " A break in the line is an interval without a service level (no contact arrived to measure it on).")]
    return HTMLSection(id: "service-level", title: "Service level per interval", blocks: blocks + figuresPerType { serviceLevelChart(type: $0) })
  }

  func waitSection() -> HTMLSection {
    let blocks: [HTMLBlock] = [.paragraph(
      "For each contact type: percentiles of the wait of the day’s answered contacts and their mean (the ASA), each with the "
        + "95% confidence interval across replications. Half of the answered contacts waited less than the 50th percentile, "
        + "80% less than the 80th, and so on; the dashed line is the service-level threshold.")]
    return HTMLSection(id: "waits", title: "Wait times", blocks: blocks + figuresPerType { waitChart(type: $0) })
  }

  /// A figure per contact type: `chart(index)` gives its chart and caption.
  func figuresPerType(_ chart: (Int) -> (some CaptionedChart, String)) -> [HTMLBlock] {
    scenario.contactTypes.indices.map { index in
      let (chart, caption) = chart(index)
      return .figure(svg: chart.svg(), caption: caption)
    }
  }

  func occupancySection() -> HTMLSection {
    let groups = scenario.agentGroups
    var table = HTMLTable(caption: "The day per agent group: mean ± 95% CI half-width",
                          columns: ["Group", "Serves", "Handled (contacts)", "Occupancy (%)", "Agent-hours", "Paid hours",
                                    "Cost" + (currency.isEmpty ? "" : " (\(currency))")])
    for (group, kpis) in zip(groups, result.groups) {
      table.rows.append(HTMLTable.Row(header: group.id, cells: [
        group.skills.map { scenario.contactTypes[$0.type].id }.joined(separator: ", "),
        Self.cell(kpis[.handled], decimals: 0), Self.cell(kpis[GroupMetric.occupancy], scale: 100, decimals: 1),
        Self.cell(kpis[GroupMetric.agentHours], decimals: 1), Self.cell(kpis[.paidHours], decimals: 1), Self.money(kpis[.cost]),
      ]))
    }
    var blocks: [HTMLBlock] = [.paragraph(
      "Occupancy is the share of the agents’ staffed time spent busy with contacts, per group and interval, with its 95% "
        + "confidence band. Near 100% agents have no slack and waits grow quickly; a break in a line is an interval in which "
        + "the group had nobody on duty.")]
    if !groups.isEmpty {
      let (chart, caption) = occupancyChart()
      blocks.append(.figure(svg: chart.svg(), caption: caption))
    }
    blocks.append(.table(table))
    return HTMLSection(id: "occupancy", title: "Occupancy per group", blocks: blocks)
  }

  func costSection() -> HTMLSection {
    let unit = currency.isEmpty ? "" : " (\(currency))"
    let costs = [Metric.staffCost, .contactCost, .totalCost].compactMap { result.totals[$0]?.mean }
    guard costs.contains(where: { $0 > 0 }) else {
      return HTMLSection(id: "cost", title: "Cost", blocks: [.paragraph(
        "The scenario sets no costs (no hourly cost for any group and no price per contact), so there is no cost breakdown.")])
    }
    var table = HTMLTable(caption: "Cost of the day: mean ± 95% CI half-width",
                          columns: ["", "Staff cost\(unit)", "Contact cost\(unit)", "Total cost\(unit)", "Cost per resolved contact\(unit)"])
    for (type, kpis) in zip(scenario.contactTypes, result.types) {
      table.rows.append(HTMLTable.Row(header: type.id, cells: [kpis[.staffCost], kpis[.contactCost], kpis[.totalCost], kpis[.costPerResolved]]
        .map(Self.money)))
    }
    for (group, kpis) in unattributedGroups() {
      table.rows.append(HTMLTable.Row(header: "group \(group.id)", cells: [Self.money(kpis[.cost]), "–", "–", "–"]))
    }
    table.rows.append(HTMLTable.Row(header: "Centre", cells: [result.totals[.staffCost], result.totals[.contactCost],
                                                               result.totals[.totalCost], result.totals[.costPerResolved]]
      .map(Self.money)))
    let (chart, caption) = costChart()
    return HTMLSection(id: "cost", title: "Cost", blocks: [
      .paragraph("Staff cost is the paid time of the agent groups at their hourly cost (shrinkage included, overtime at its "
                 + "premium); contact cost is what the contacts cost besides agent time (per contact, telephony, abandons, "
                 + "self-service). A type served by groups it shares with others has no staff cost of its own: those groups "
                 + "appear as bars of their own, so the bars add up to the centre’s."),
      .figure(svg: chart.svg(), caption: caption),
      .table(table),
    ])
  }

  // MARK: Charts

  /// The x axis of the per-interval charts, and one hover column per planning interval.
  func intervalAxis() -> (axis: ChartAxis, columns: [LineChart.Column], starts: [Double]) {
    let starts = (0..<scenario.intervalCount).map { scenario.clockStart + Double($0) * scenario.intervalLength }
    let columns = starts.map { start in
      LineChart.Column(range: start...(start + scenario.intervalLength),
                       label: "\(TimeText.clock(start))–\(TimeText.clock(start + scenario.intervalLength))")
    }
    return (ChartAxis(title: "Time of day (HH:MM)", ticks: .clock), columns, starts)
  }

  /// The agent groups that serve type `type`, by index in ``Scenario/agentGroups``.
  func servingGroups(_ type: Int) -> [Int] {
    scenario.agentGroups.indices.filter { scenario.agentGroups[$0].skills.contains { $0.type == type } }
  }

  /// The required agents of type `type` per interval: its own requirement, or the sum over the
  /// groups serving it when each of them has one.
  func requiredAgents(type: Int) -> [Int]? {
    switch requirement {
    case .perType(let rows)?: return rows[type]
    case .perGroup(let rows)?:
      let groups = servingGroups(type)
      guard !groups.isEmpty, groups.allSatisfy({ rows[$0] != nil }) else { return nil }
      return (0..<scenario.intervalCount).map { k in groups.reduce(0) { $0 + rows[$1]![k] } }
    case nil: return nil
    }
  }

  func staffingChart(type index: Int) -> (LineChart, String) {
    let type = scenario.contactTypes[index]
    let (axis, columns, starts) = intervalAxis()
    let width = scenario.intervalLength
    let offered = LineChart.Series(
      name: "Offered contacts", points: zip(starts, result.intervals[index]).map { start, kpis in Self.point(start, kpis[.offered]) },
      interpolation: .step(width: width), style: .standard(0))
    let groups = servingGroups(index)
    let shared = groups.contains { scenario.agentGroups[$0].skills.count > 1 }
    let onDuty = starts.indices.map { k in Double(groups.reduce(0) { $0 + scenario.agentGroups[$1].agents[k] }) }
    var series = [offered]
    if !groups.isEmpty {
      series.append(LineChart.Series(
        name: shared ? "Agents on duty in shared groups" : "Agents on duty",
        points: zip(starts, onDuty).map { LineChart.Point(x: $0, y: $1) }, interpolation: .step(width: width),
        onSecondaryAxis: true, style: .standard(1), decimals: 0))
    }
    let required = requiredAgents(type: index)
    if let required {
      series.append(LineChart.Series(
        name: "Agents required", points: zip(starts, required).map { LineChart.Point(x: $0, y: Double($1)) },
        interpolation: .step(width: width), onSecondaryAxis: true, style: .standard(2), decimals: 0))
    }
    let groupNames = groups.map { scenario.agentGroups[$0].id }.joined(separator: ", ")
    let chart = LineChart(
      id: Markup.identifier("load", index + 1),
      title: "Offered contacts and agents per interval: \(type.id)",
      description: "Contacts of type \(type.id) offered per \(TimeText.duration(width, style: .spoken)) interval (mean over replications with its 95% "
        + "confidence band, left axis) and agents on duty\(groups.isEmpty ? "" : " in \(groupNames)")"
        + (required == nil ? "" : " and agents required") + " (right axis), by time of day.",
      x: axis, y: ChartAxis(title: "Contacts per interval (\(TimeText.duration(width, style: .spoken)))"),
      secondaryY: ChartAxis(title: "Agents"), series: series, columns: columns)
    var caption = "Offered contacts of \(type.id) per interval (left axis) and the agents on duty (right axis) "
    caption += groups.isEmpty ? "(no group serves this type)" : "in \(groups.count == 1 ? "group" : "groups") \(groupNames)"
    caption += shared ? ", who also serve other types" : ""
    caption += required == nil ? "." : ", with the agents required."
    return (chart, caption)
  }

  func serviceLevelChart(type index: Int) -> (LineChart, String) {
    let type = scenario.contactTypes[index]
    let (axis, columns, starts) = intervalAxis()
    let threshold = TimeText.duration(type.serviceLevel.threshold, style: .spoken)
    let series = LineChart.Series(
      name: "Service level (answered within \(threshold))",
      points: zip(starts, result.intervals[index]).map { start, kpis in
        Self.point(start + scenario.intervalLength / 2, kpis[.serviceLevel], scale: 100)
      },
      showsMarkers: true, style: .standard(0))
    // With blocking, the service level of the admitted contacts beside it (blocked ones left out).
    let admitted = LineChart.Series(
      name: "Service level of admitted contacts",
      points: zip(starts, result.intervals[index]).map { start, kpis in
        Self.point(start + scenario.intervalLength / 2, kpis[.serviceLevelAdmitted], scale: 100)
      },
      showsMarkers: true, style: .standard(1))
    let target = targets[index]
    let lines = target.map { [LineChart.ReferenceLine(value: 100 * $0, label: "Target \(Markup.number(100 * $0, decimals: 1))%")] } ?? []
    let chart = LineChart(
      id: Markup.identifier("service-level", index + 1),
      title: "Service level per interval: \(type.id)",
      description: "Share of \(type.id) contacts answered within \(threshold) (definition: \(type.serviceLevel.definition.rawValue)), "
        + "per interval of arrival, in percent, with its 95% confidence band"
        + (target.map { "; target \(Markup.number(100 * $0, decimals: 1))%." } ?? "."),
      x: axis, y: ChartAxis(title: "Service level (%)", range: 0...100),
      series: scenario.canBlock ? [series, admitted] : [series], referenceLines: lines, columns: columns)
    let caption = "Service level of \(type.id) (answered within \(threshold), denominator “\(type.serviceLevel.definition.rawValue)”) "
      + "per interval of arrival: mean and 95% confidence band" + (target == nil ? "." : ", and the target (dashed).")
    return (chart, caption)
  }

  func waitChart(type index: Int) -> (DotChart, String) {
    let type = scenario.contactTypes[index]
    let day = result.types[index]
    let percentiles: [Metric] = [.waitP50, .waitP80, .waitP90, .waitP95, .waitP99]
    let all = (percentiles + [.averageSpeedOfAnswer]).compactMap { day[$0] }
    let largest = (all.map { $0.mean + ($0.ci95 ?? 0) } + [type.serviceLevel.threshold]).max() ?? 0
    let unit = Self.timeUnit(forLargest: largest)
    func estimate(_ metric: Metric) -> ChartEstimate? {   // waits are ≥ 0: intervals stop at 0
      guard let value = day[metric] else { return nil }
      return ChartEstimate(value.mean / unit.seconds, lower: value.ci95.map { max(0, value.mean - $0) / unit.seconds },
                           upper: value.ci95.map { (value.mean + $0) / unit.seconds })
    }
    let categories = ["50th", "80th", "90th", "95th", "99th", "Mean (ASA)"]
    let chart = DotChart(
      id: Markup.identifier("waits", index + 1),
      title: "Wait of answered contacts over the day: \(type.id)",
      description: "Percentiles and mean (ASA) of the wait of answered \(type.id) contacts over the day, in \(unit.name), each with "
        + "its 95% confidence interval; the service-level threshold is \(TimeText.duration(type.serviceLevel.threshold, style: .spoken)).",
      categories: categories, categoryTitle: "Percentile of the wait, and the mean",
      y: ChartAxis(title: "Wait (\(unit.symbol))"),
      series: [
        DotChart.Series(name: "Percentile of the wait", values: percentiles.map(estimate) + [nil], style: .standard(0)),
        DotChart.Series(name: "ASA (mean wait)", values: Array(repeating: nil, count: 5) + [estimate(.averageSpeedOfAnswer)],
                        style: .standard(1)),
      ],
      referenceLines: [LineChart.ReferenceLine(value: type.serviceLevel.threshold / unit.seconds,
                                               label: "Service-level threshold (\(TimeText.duration(type.serviceLevel.threshold, style: .spoken)))")],
      decimals: unit.decimals)
    let caption = "Waits of the day’s answered \(type.id) contacts in \(unit.name): percentiles and mean (ASA), each with its 95% "
      + "confidence interval; the dashed line is the service-level threshold. No marker: no contact was answered."
    return (chart, caption)
  }

  func occupancyChart() -> (LineChart, String) {
    let (axis, columns, starts) = intervalAxis()
    let series = scenario.agentGroups.indices.map { g in
      LineChart.Series(name: scenario.agentGroups[g].id,
                       points: zip(starts, result.groupIntervals[g]).map { start, kpis in
                         Self.point(start + scenario.intervalLength / 2, kpis[GroupMetric.occupancy], scale: 100)
                       },
                       showsMarkers: true)
    }
    let chart = LineChart(
      id: "occupancy", title: "Occupancy per agent group and interval",
      description: "Busy time as a share of staffed time for each agent group, per interval, in percent, with its 95% confidence band.",
      x: axis, y: ChartAxis(title: "Occupancy (%)", range: 0...100), series: series, columns: columns)
    return (chart, "Occupancy of each agent group per interval: mean and 95% confidence band. Each group has its own colour, "
              + "dash pattern and marker.")
  }

  /// Groups whose cost is in no type's staff cost (they serve several types, or a type that shares
  /// other groups): they get their own bar.
  func unattributedGroups() -> [(AgentGroup, KPIs)] {
    zip(scenario.agentGroups, result.groups).filter { group, _ in
      !(group.skills.count == 1 && result.types[group.skills[0].type][.staffCost] != nil)
    }
  }

  func costChart() -> (BarChart, String) {
    let unit = currency.isEmpty ? "currency units" : currency
    var categories: [String] = [], staff: [Double?] = [], contact: [Double?] = [], intervals: [ClosedRange<Double>?] = []
    func interval(_ estimate: Estimate?) -> ClosedRange<Double>? {
      guard let estimate, let h = estimate.ci95 else { return nil }
      return (estimate.mean - h)...(estimate.mean + h)
    }
    for (type, kpis) in zip(scenario.contactTypes, result.types) {
      categories.append(type.id)
      staff.append(kpis[.staffCost]?.mean)
      contact.append(kpis[.contactCost]?.mean)
      intervals.append(interval(kpis[.totalCost] ?? (kpis[.staffCost] == nil ? kpis[.contactCost] : nil)))
    }
    for (group, kpis) in unattributedGroups() {
      categories.append("group \(group.id)")
      staff.append(kpis[.cost]?.mean)
      contact.append(nil)
      intervals.append(interval(kpis[.cost]))
    }
    categories.append("Centre")
    staff.append(result.totals[.staffCost]?.mean)
    contact.append(result.totals[.contactCost]?.mean)
    intervals.append(interval(result.totals[.totalCost]))
    let chart = BarChart(
      id: "cost", title: "Cost of the day: staff and contacts",
      description: "Staff cost and contact cost of the day in \(unit), stacked, per contact type, per agent group shared between "
        + "types, and for the centre; the error bars are the 95% confidence intervals of each bar's total.",
      categories: categories, categoryTitle: "Contact type, shared agent group, centre",
      y: ChartAxis(title: "Cost (\(unit))"),
      series: [BarChart.Series(name: "Staff cost", values: staff, style: .standard(0)),
               BarChart.Series(name: "Contact cost", values: contact, style: .standard(1))],
      layout: .stacked, totalIntervals: intervals, decimals: 0)
    return (chart, "Cost of the day in \(unit): staff cost (plain) and contact cost (hatched) per type, the shared groups’ staff "
              + "cost, and the centre’s total, with the 95% confidence interval of each total.")
  }

  // MARK: Formatting

  /// A chart point from an estimate (a gap when it is undefined), scaled by `scale`. Every metric
  /// drawn here is ≥ 0, so the band stops at 0 (a mean near 0 with a wide interval would otherwise
  /// reach below it).
  static func point(_ x: Double, _ estimate: Estimate?, scale: Double = 1) -> LineChart.Point {
    guard let estimate, estimate.mean.isFinite else { return LineChart.Point(x: x, y: nil) }
    let h = estimate.ci95
    return LineChart.Point(x: x, y: estimate.mean * scale, lower: h.map { max(0, (estimate.mean - $0) * scale) },
                           upper: h.map { (estimate.mean + $0) * scale })
  }

  /// `mean ± half-width` (scaled), or "–" where undefined.
  static func cell(_ estimate: Estimate?, scale: Double = 1, decimals: Int) -> String {
    guard let estimate else { return "–" }
    return Markup.number(estimate.mean * scale, decimals: decimals)
      + (estimate.ci95.map { " ± " + Markup.number($0 * scale, decimals: decimals) } ?? "")
  }

  /// A cost: whole units from 1000 up, cents below.
  static func money(_ estimate: Estimate?) -> String {
    cell(estimate, decimals: (estimate?.mean.magnitude ?? 0) >= 1000 ? 0 : 2)
  }

  /// A time estimate in the unit that suits it: `14.2 ± 1.1 s`, `3.5 ± 0.4 min`, `2.10 ± 0.30 h`.
  static func durationCell(_ estimate: Estimate?) -> String {
    guard let estimate else { return "–" }
    let unit = timeUnit(forLargest: estimate.mean)
    return cell(estimate, scale: 1 / unit.seconds, decimals: unit.decimals) + " " + unit.symbol
  }

  /// Seconds, minutes or hours for times up to `largest` seconds.
  static func timeUnit(forLargest largest: Double) -> (seconds: Double, symbol: String, name: String, decimals: Int) {
    if largest <= 300 { return (1, "s", "seconds", 1) }
    if largest <= 3 * 3600 { return (60, "min", "minutes", 1) }
    return (3600, "h", "hours", 2)
  }

  /// Whether the day's service level meets `target`, judged by its 95% confidence interval.
  static func verdict(_ estimate: Estimate?, target: Double) -> String {
    guard let estimate else { return "no contacts" }
    let h = estimate.ci95 ?? 0
    if estimate.mean - h >= target { return "met" }
    if estimate.mean + h < target { return "missed" }
    return "undecided"
  }
}
