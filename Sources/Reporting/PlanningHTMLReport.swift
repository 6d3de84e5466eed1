import ContactCenterModel
import Planning

extension CompareReport {
  /// `report.html` of a comparison: each plan's headline KPIs, cost and targets; the paired
  /// differences from the reference with their 95% intervals (centre, then service level per
  /// type); and every compared row as a table (`Docs/report.md`, "Compare").
  public func html() -> String {
    let reference = referenceName
    let others = names.indices.filter { $0 != comparison.reference }
    func row(_ scope: PlanComparison.Scope, _ subject: String, _ metric: String) -> PlanComparison.Row? {
      comparison.rows.first { $0.scope == scope && $0.subject == subject && $0.metric == metric }
    }
    func cell(_ estimate: Estimate?, _ metric: String) -> String {
      guard let estimate else { return "–" }
      let format = Self.format(metric)
      return format(estimate.mean) + (estimate.ci95.map { " ± " + format($0) } ?? "")
    }
    var plans = HTMLTable(caption: "The plans (mean ± 95% CI half-width; common random numbers)",
                          columns: ["Plan", "Service level", "ASA", "Abandoned", "Total cost", "Targets"])
    for p in names.indices {
      let totals = comparison.plans[p].result.totals
      let verdict = meetsTargets(p).map { $0 ? "all \(checks[p].count) met" : "\(checks[p].filter { !$0.met }.count) of \(checks[p].count) missed" }
        ?? "none set"
      plans.rows.append(HTMLTable.Row(header: names[p], cells: [
        cell(totals[.serviceLevel], "service_level"), cell(totals[.averageSpeedOfAnswer], "asa_s"),
        cell(totals[.abandonRate], "abandon_rate"), cell(totals[.totalCost], "total_cost"), verdict,
      ]))
    }
    var blocks: [HTMLBlock] = [.table(plans)]
    // Paired differences of the centre's headline metrics, one chart per metric, a dot per plan.
    let headline: [(String, String, Double)] = [
      ("service_level", "Service level difference (percentage points)", 100), ("asa_s", "ASA difference (s)", 1),
      ("abandon_rate", "Abandonment difference (percentage points)", 100), ("total_cost", "Total cost difference (\(currency))", 1),
    ]
    for (metric, axis, scale) in headline {
      guard let row = row(.centre, "", metric), !others.isEmpty else { continue }
      let values = others.map { p in row.differences[p].map { ChartEstimate($0.mean * scale, halfWidth: $0.ci95.map { $0 * scale }) } }
      let chart = DotChart(
        id: "difference-\(metric)", title: "\(axis.split(separator: "(").first.map(String.init) ?? axis)from \(reference)",
        description: "Paired difference of each plan from \(reference) over the same replications, with its 95% confidence interval; an interval that excludes 0 is a significant difference.",
        categories: others.map { names[$0] }, categoryTitle: "Plan", y: ChartAxis(title: axis),
        series: [DotChart.Series(name: "Difference from \(reference)", values: values)], decimals: metric == "total_cost" ? 0 : 1)
      blocks.append(.figure(svg: chart.svg(), caption: "\(axis): each plan minus \(reference), paired over the replications, with 95% intervals."))
    }
    let typeIDs = PlanComparison.union(comparison.plans.map { $0.result.scenario.contactTypes.map(\.id) })
    if !others.isEmpty && typeIDs.count > 1 {
      let series = others.enumerated().map { index, p in
        DotChart.Series(name: names[p], values: typeIDs.map { id in
          row(.type, id, "service_level")?.differences[p].map { ChartEstimate(100 * $0.mean, halfWidth: $0.ci95.map { 100 * $0 }) }
        }, style: .standard(index))
      }
      let chart = DotChart(
        id: "difference-sl-types", title: "Service level per type, difference from \(reference)",
        description: "For each contact type, each plan's paired difference in service level from \(reference), with its 95% interval.",
        categories: typeIDs, categoryTitle: "Contact type", y: ChartAxis(title: "Service level difference (percentage points)"),
        series: series)
      blocks.append(.figure(svg: chart.svg(), caption: "Service level per type: each plan minus \(reference), in percentage points, with 95% intervals."))
    }
    var columns = ["Metric"]
    for p in names.indices { columns += p == comparison.reference ? [names[p]] : [names[p], "\(names[p]) − \(reference)"] }
    var all = HTMLTable(caption: "Every compared metric (mean ± 95% half-width; differences paired, * significant)", columns: columns)
    for row in comparison.rows {
      let change = Self.differenceFormat(row.metric)
      var cells: [String] = []
      for p in names.indices {
        cells.append(cell(row.estimates[p], row.metric))
        if p != comparison.reference {
          cells.append(row.differences[p].map { d in
            Self.signed(d.mean, change) + (d.ci95.map { " ± " + change($0) } ?? "") + (d.isSignificant ? " *" : "")
          } ?? "–")
        }
      }
      all.rows.append(HTMLTable.Row(header: (row.scope == .centre ? "centre" : row.subject) + " " + row.metric, cells: cells))
    }
    let first = comparison.plans[0].result
    let page = HTMLPage(
      title: "Plan comparison: \(first.scenario.name)",
      subtitle: "\(names.count) plans on common random numbers, compared with \(reference)",
      facts: [
        HTMLPage.Fact(name: "Scenario", value: first.scenario.name), HTMLPage.Fact(name: "Seed", value: String(first.seed)),
        HTMLPage.Fact(name: "Replications per plan", value: String(first.replications.count)),
        HTMLPage.Fact(name: "Reference", value: reference),
      ],
      sections: [
        HTMLSection(id: "plans", title: "Plans and their differences", blocks: blocks + [
          .note("A difference is significant when its 95% interval excludes 0. Each interval is a separate statement: among many rows some differ by chance (Docs/planning.md)."),
        ]),
        HTMLSection(id: "rows", title: "Every metric", blocks: [.table(all)]),
      ],
      generator: "ccsim compare \(toolVersion)")
    return page.rendered()
  }

  var currency: String { comparison.plans[0].result.scenario.costs.currency }
}

extension SweepReport {
  /// `report.html` of a sweep, from its rows: the cost-versus-service-level frontier of the grid
  /// points (with the points no other beats on both), and the table of points. Built from the rows
  /// alone, so a merged sweep gets the same page as the unsplit one.
  public func html(rows unsorted: [SweepRow]) -> String {
    let rows = unsorted.sorted { $0.point < $1.point }
    let keys = manifest.grid.keys
    var blocks: [HTMLBlock] = []
    let points = rows.compactMap { row -> (cost: Double, sl: Double, row: SweepRow)? in
      guard let cost = row[.totalCost]?.mean, let sl = row[.serviceLevel]?.mean else { return nil }
      return (cost, 100 * sl, row)
    }.sorted { ($0.cost, -$0.sl) < ($1.cost, -$1.sl) }
    if !points.isEmpty {
      // The frontier: points no other point beats on both cost (lower) and service level (higher).
      var frontier: [LineChart.Point] = []
      var best = -Double.infinity
      for point in points where point.sl > best {
        best = point.sl
        frontier.append(LineChart.Point(x: point.cost, y: point.sl))
      }
      // One marker series per value of the last key (when there are several keys and few values),
      // so that points of, say, each volume level can be told apart; the frontier over them all.
      let last = keys.count
      let groups: [(String, [LineChart.Point])]
      if keys.count > 1, manifest.grid.values[last - 1].count <= 6 {
        groups = manifest.grid.values[last - 1].map { value in
          ("\(keys[last - 1]) = \(value)", points.filter { $0.row.values[last - 1] == value }.map { LineChart.Point(x: $0.cost, y: $0.sl) })
        }
      } else {
        groups = [("Grid points", points.map { LineChart.Point(x: $0.cost, y: $0.sl) })]
      }
      let chart = LineChart(
        id: "frontier", title: "Cost against service level, every grid point",
        description: "Each grid point's mean total cost and service level over the replications (their 95% intervals are in the table below); the line joins the points that no other point beats on both.",
        x: ChartAxis(title: "Total cost per day (\(manifest.currency.isEmpty ? "currency units" : manifest.currency))", includesZero: false),
        y: ChartAxis(title: "Service level (%)", range: 0...100),
        series: groups.enumerated().map { index, group in
          LineChart.Series(name: group.0, points: group.1, interpolation: .markers, showsMarkers: true, style: .standard(index + 1))
        } + [LineChart.Series(name: "Frontier", points: frontier, interpolation: .linear, showsMarkers: false, style: .standard(0))],
        bandLabel: "")
      blocks.append(.figure(svg: chart.svg(), caption: "The cost-versus-service-level frontier of the sweep: up and to the left is better and cheaper."))
    }
    let shown: [Metric] = [.serviceLevel, .averageSpeedOfAnswer, .abandonRate, .occupancy, .totalCost]
    var table = HTMLTable(caption: "Every grid point (mean ± 95% CI half-width)", columns: ["Point"] + keys + shown.map(\.rawValue) + ["Targets"])
    for row in rows {
      let cells = shown.map { metric -> String in
        guard let value = row[metric], let mean = value.mean else { return "–" }
        let format = CompareReport.format(metric.rawValue)
        return format(mean) + (value.halfWidth.map { " ± " + format($0) } ?? "")
      }
      let targets = row.meetsTargets.map { $0 ? "met" : "missed" } ?? "none set"
      table.rows.append(HTMLTable.Row(header: String(row.point + 1), cells: row.values + cells + [targets]))
    }
    blocks.append(.table(table))
    let page = HTMLPage(
      title: "Sweep: \(manifest.scenario)",
      subtitle: "\(manifest.grid.pointCount) grid points over \(keys.joined(separator: ", ")), on common random numbers",
      facts: [
        HTMLPage.Fact(name: "Scenario", value: manifest.scenario), HTMLPage.Fact(name: "Seed", value: String(manifest.seed)),
        HTMLPage.Fact(name: "Replications per point", value: String(manifest.replications)),
      ] + zip(keys, manifest.grid.values).map { HTMLPage.Fact(name: $0, value: $1.joined(separator: ", ")) },
      sections: [HTMLSection(id: "points", title: "Grid points", blocks: blocks)],
      generator: "ccsim sweep \(manifest.toolVersion)")
    return page.rendered()
  }
}
