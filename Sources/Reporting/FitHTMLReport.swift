import Estimators
import Foundation

/// `report.html` of `ccsim fit` (`Docs/history.md`): for each type the Kaplan–Meier curve of
/// patience with the fitted survival, the handle-time histogram with its QQ plot against the fitted
/// family, the fresh arrivals per interval with a 95% band, and the agents per interval of each
/// group.
public struct FitHTMLReport: Sendable {
  public var fit: HistoryFit
  public var history: CallHistory
  public var name: String
  public var facts: [HTMLPage.Fact]

  public init(fit: HistoryFit, history: CallHistory, name: String, facts: [HTMLPage.Fact]) {
    self.fit = fit
    self.history = history
    self.name = name
    self.facts = facts
  }

  public func rendered(generator: String) -> String {
    var page = HTMLPage(title: "Fit report: \(name)", subtitle: "A scenario fitted to a call log by ccsim fit",
                        facts: facts, generator: generator)
    page.sections = [arrivals(), patience(), handleTimes(), staffing()]
    page.footer = "Every estimate with its standard error is in fit.json; the observed KPIs per interval in history.csv; "
      + "the estimators and their sources in Docs/history.md."
    return page.rendered()
  }

  var clockStart: Double { Double(fit.opening.lowerBound) * fit.intervalLength }

  func arrivals() -> HTMLSection {
    var section = HTMLSection(id: "arrivals", title: "Fresh arrivals per interval")
    section.blocks.append(.note("Fresh contacts (offered and self-service, retrials and repeats left out) per interval, mean over "
      + "\(fit.days.count) day(s); the band is ± 1.96 standard errors (sd over days ÷ √days, or √count for one day)."))
    for type in fit.types {
      let points = type.arrivals.meanPerInterval.indices.map { i -> LineChart.Point in
        let mean = type.arrivals.meanPerInterval[i], error = type.arrivals.standardErrors[i]
        return LineChart.Point(x: clockStart + Double(i) * fit.intervalLength, y: mean,
                               lower: max(mean - 1.96 * error, 0), upper: mean + 1.96 * error)
      }
      let chart = LineChart(
        id: "arrivals-\(type.id)", title: "Fresh arrivals per interval, \(type.id)",
        description: "Mean fresh contacts per \(Int(fit.intervalLength / 60))-minute interval over the days, with a 95% band.",
        x: ChartAxis(title: "Time of day", ticks: .clock), y: ChartAxis(title: "Contacts per interval"),
        series: [LineChart.Series(name: "Fresh contacts", points: points, interpolation: .step(width: fit.intervalLength))],
        bandLabel: "shaded: ± 1.96 standard errors")
      section.blocks.append(.figure(svg: chart.svg(), caption: "\(type.id): \(type.offered) offered, \(type.contained) self-service."))
    }
    return section
  }

  func patience() -> HTMLSection {
    var section = HTMLSection(id: "patience", title: "Patience: Kaplan–Meier and the fit")
    section.blocks.append(.note("The step curve is the Kaplan–Meier estimate of the share of callers still willing to wait after t "
      + "seconds (answered callers censored at their wait), with Greenwood's 95% band; the smooth curve is the fitted family."))
    for type in fit.types where !type.pooledPatience {
      guard let best = type.patience.first, let last = type.kaplanMeier.steps.last?.time, last > 0 else { continue }
      let steps = [LineChart.Point(x: 0, y: 100, lower: 100, upper: 100)] + type.kaplanMeier.steps.map { step in
        LineChart.Point(x: step.time, y: 100 * step.survival, lower: 100 * max(step.survival - 1.96 * step.standardError, 0),
                        upper: 100 * min(step.survival + 1.96 * step.standardError, 1))
      }
      let fitted = (0...60).map { k -> LineChart.Point in
        let t = last * Double(k) / 60
        return LineChart.Point(x: t, y: 100 * best.family.survival(t, mean: best.mean, shape: best.shape ?? 1))
      }
      let chart = LineChart(
        id: "patience-\(type.id)", title: "Patience, \(type.id)",
        description: "Kaplan–Meier survival of patience and the fitted \(best.family.rawValue).",
        x: ChartAxis(title: "Wait (s)"), y: ChartAxis(title: "Callers still waiting (%)", range: 0...100),
        series: [LineChart.Series(name: "Kaplan–Meier", points: steps, interpolation: .linear),
                 LineChart.Series(name: "Fitted \(best.family.rawValue)", points: fitted)],
        bandLabel: "shaded: Greenwood 95% band")
      section.blocks.append(.figure(svg: chart.svg(), caption: "\(type.id): \(best.events) abandons, \(best.sampleSize - best.events) "
        + "answered (censored); fitted \(best.family.rawValue) of mean \(Int(best.mean.rounded())) s."))
    }
    return section
  }

  func handleTimes() -> HTMLSection {
    var section = HTMLSection(id: "handle-time", title: "Handle time: histogram and QQ plot")
    section.blocks.append(.note("The histogram counts served calls by handle time; the QQ plot sets the observed quantiles against "
      + "the fitted family's at the same probabilities (1% to 99%): points on the diagonal mean the family fits."))
    for type in fit.types where !type.pooledHandle {
      guard let best = type.handle.first, let data = history.handleTimes[type.id], let top = data.observedQuantile(0.99), top > 0
      else { continue }
      let width = max((top / 20).rounded(.up), 1)
      var counts = [Double](repeating: 0, count: 21)
      for (time, count) in data.counts { counts[min(Int(time / width), 20)] += count.observed }
      let labels = (0...20).map { $0 == 20 ? "≥\(Int(20 * width))" : "\(Int(Double($0) * width))" }
      let histogram = BarChart(
        id: "handle-\(type.id)", title: "Handle time, \(type.id)", description: "Served calls per \(Int(width))-second bin.",
        categories: labels, categoryTitle: "Handle time from (s)", y: ChartAxis(title: "Calls"),
        series: [BarChart.Series(name: "Served calls", values: counts)])
      let probabilities = (1...99).map { Double($0) / 100 }
      let qq = probabilities.compactMap { p -> LineChart.Point? in
        guard let observed = data.observedQuantile(p) else { return nil }
        return LineChart.Point(x: best.family.quantile(p, mean: best.mean, shape: best.shape ?? 1), y: observed)
      }.sorted { $0.x < $1.x }
      let diagonal = [qq.first, qq.last].compactMap { $0 }.map { LineChart.Point(x: $0.x, y: $0.x) }
      let chart = LineChart(
        id: "qq-\(type.id)", title: "QQ plot, \(type.id)",
        description: "Observed against fitted \(best.family.rawValue) quantiles, 1% to 99%.",
        x: ChartAxis(title: "Fitted quantile (s)"), y: ChartAxis(title: "Observed quantile (s)"),
        series: [LineChart.Series(name: "Quantiles", points: qq, interpolation: .markers),
                 LineChart.Series(name: "Diagonal", points: diagonal, style: .reference)])
      section.blocks.append(.figure(svg: histogram.svg(), caption: "\(type.id): \(best.events) served calls."))
      section.blocks.append(.figure(svg: chart.svg(), caption: "\(type.id): fitted \(best.family.rawValue) of mean "
        + "\(Int(best.mean.rounded())) s."))
    }
    return section
  }

  func staffing() -> HTMLSection {
    var section = HTMLSection(id: "staffing", title: "Observed staffing")
    section.blocks.append(.note("Agents per interval of each group (\(fit.staffingSource.rawValue)), mean over the days, as the "
      + "scenario holds them."))
    let series = fit.groups.map { group in
      LineChart.Series(name: group.id, points: group.agents.indices.map { i in
        LineChart.Point(x: clockStart + Double(i) * fit.intervalLength, y: Double(group.agents[i]))
      }, interpolation: .step(width: fit.intervalLength), decimals: 0)
    }
    let chart = LineChart(
      id: "staffing", title: "Agents per interval by group", description: "Agents per interval of each fitted group.",
      x: ChartAxis(title: "Time of day", ticks: .clock), y: ChartAxis(title: "Agents"), series: series)
    section.blocks.append(.figure(svg: chart.svg(), caption: "\(fit.groups.count) group(s)."))
    return section
  }
}
