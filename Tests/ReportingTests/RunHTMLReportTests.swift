import Foundation
@testable import ContactCenterModel
import Testing
@testable import Reporting

@Suite struct RunHTMLReportTests {
  /// Ids from a user file are escaped wherever they appear: no markup, ampersand or quote of theirs
  /// reaches the page as it is.
  @Test func hostileIdsAreEscaped() {
    let html = smallCentreReport.html()
    #expect(!html.contains("<script>document"))
    #expect(!html.contains("<b>"))
    #expect(!html.contains(#""fix""#) && !html.contains("'co'"))
    #expect(!html.contains("small <centre>"))
    #expect(html.contains("tech &amp; &quot;fix&quot; &lt;script&gt;document.documentElement.dataset.injected=&#39;yes&#39;&lt;/script&gt;"))
    #expect(html.contains("team &quot;&lt;b&gt;&quot; &amp; &#39;co&#39;"))
    #expect(html.components(separatedBy: "<script>").count == 2, "only the page's own render-check script")
  }

  /// The page depends only on the result: the same run (on 1 or 2 threads) gives the same bytes,
  /// and nothing in it changes from one rendering to the next.
  @Test func sameRunGivesTheSameBytes() throws {
    let experiment = Experiment(scenario: smallCentre(), seed: 3)
    let pages = try [1, 2].map { threads in
      RunReport(result: try experiment.run(replications: 5, threads: threads), scenarioSHA256: String(repeating: "ab", count: 32),
                toolVersion: "0.0.0-test").html()
    }
    #expect(pages[0] == pages[1])
    #expect(pages[0] == smallCentreReport.html())
    let other = RunReport(result: try Experiment(scenario: smallCentre(), seed: 4).run(replications: 5), scenarioSHA256: "",
                          toolVersion: "0.0.0-test").html()
    #expect(other != pages[0])
  }

  /// The hostile type has no contacts from 09:30 to 10:00: its service-level line and band break
  /// there instead of dropping to zero, and the description says so.
  @Test func anIntervalWithoutContactsLeavesAGap() throws {
    let html = smallCentreReport.html()
    let svg = try #require(chart("service-level-2", in: html))
    let line = try #require(paths("series", in: svg).first)
    #expect(line.filter { $0 == "M" }.count == 2, "path: \(line)")
    #expect(line.filter { $0 == "L" }.count == 5)
    #expect(svg.contains("undefined at 1 of 8 points (gaps)"))
    let billingChart = try #require(chart("service-level-1", in: html))
    let billing = try #require(paths("series", in: billingChart).first)
    #expect(billing.filter { $0 == "M" }.count == 1)
    #expect(smallCentreReport.result.intervals[1][3][.serviceLevel] == nil)
  }

  @Test func axisTitlesCarryTheirUnits() {
    let html = smallCentreReport.html()
    let titles = ["Service level (%)", "Contacts per interval (30 min)", "Agents", "Occupancy (%)", "Cost (EUR)", "Wait (s)",
                  "Wait (h)", "Time of day (HH:MM)", "Percentile of the wait, and the mean"]
    let missing = titles.filter { !html.contains(">\($0)</text>") }
    #expect(missing.isEmpty, "no axis titled \(missing)")
  }

  /// Every chart is an `<svg role="img">` named by its `<title>` and described by its `<desc>`,
  /// with a legend; three per type, one for occupancy, one for cost.
  @Test func everyChartHasATitleAndADescription() {
    let html = smallCentreReport.html()
    let charts = svgElements(html)
    #expect(charts.count == 3 * 3 + 2)
    for svg in charts {
      let id = String(svg.components(separatedBy: " id=\"")[1].prefix { $0 != "\"" })
      #expect(svg.contains("role=\"img\" aria-labelledby=\"\(id)-title \(id)-desc\""), "chart \(id)")
      #expect(svg.contains("<title id=\"\(id)-title\">") && svg.contains("<desc id=\"\(id)-desc\">"), "chart \(id)")
      #expect(svg.contains("class=\"legend\""), "chart \(id)")
    }
    #expect(html.components(separatedBy: "<figure>").count - 1 == charts.count)
    #expect(html.components(separatedBy: "<figcaption>").count - 1 == charts.count)
  }

  @Test func tablesHaveCaptionsAndHeaderScopes() {
    let html = smallCentreReport.html()
    let tables = html.components(separatedBy: "<table>").dropFirst()
    #expect(tables.count == 3)
    for table in tables {
      #expect(table.hasPrefix("\n<caption>"))
      #expect(table.contains("<th scope=\"col\">") && table.contains("<th scope=\"row\">"))
    }
  }

  /// Nothing external: no URL to fetch, a policy that forbids loading any, and a render check.
  @Test func thePageIsSelfContained() {
    let html = smallCentreReport.html()
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">"))
    #expect(html.contains("default-src 'none'"))
    for external in ["src=", "href=\"http", "@import", "url(http", "<link"] {
      #expect(!html.contains(external), "found \(external)")
    }
    #expect(html.contains("d.dataset.rendered=\"true\""))
  }

  /// A plain run draws no target or requirement; given them, the charts and the KPI table show them.
  @Test func targetsAndRequirementsAppearOnlyWhenGiven() throws {
    let plain = smallCentreReport.html()
    #expect(!plain.contains("Agents required") && !plain.contains("Target ") && !plain.contains("SL target"))
    #expect(plain.contains("This run has no staffing requirement"))
    let planned = smallCentreReport.html(requirement: .perType([[7, 10, 12, 13, 11, 10, 8, 6], nil, nil]), serviceLevelTargets: [0.8, nil, 0.9])
    let load = try #require(chart("load-1", in: planned))
    #expect(load.contains("Agents required (right axis)"))
    #expect(paths("series", in: load).count == 3)
    #expect(try #require(chart("load-2", in: planned)).contains("Agents required") == false)
    let serviceLevel = try #require(chart("service-level-1", in: planned))
    #expect(serviceLevel.contains("<path class=\"reference\"") && serviceLevel.contains("Target 80.0%"))
    #expect(try #require(chart("service-level-2", in: planned)).contains("class=\"reference\"") == false)
    #expect(planned.contains("<th scope=\"col\">SL target (%): met?</th>"))
    #expect(planned.contains("<td>80.0: met</td>") || planned.contains("<td>80.0: missed</td>") || planned.contains("<td>80.0: undecided</td>"))
    // Per group (the shared group first, then billing's own): each type's chart shows its groups' requirement.
    let byGroup = smallCentreReport.html(requirement: .perGroup([Array(repeating: 2, count: 8), Array(repeating: 1, count: 8)]))
    #expect(try #require(chart("load-1", in: byGroup)).contains("Agents required: 1"))
    #expect(try #require(chart("load-2", in: byGroup)).contains("Agents required: 2"))
  }

  /// A target is met only when the whole 95% interval is at or above it, missed when the whole
  /// interval is below it, and undecided otherwise.
  @Test(arguments: [(mean: 0.85, halfWidth: 0.03, verdict: "met"), (mean: 0.82, halfWidth: 0.03, verdict: "undecided"),
                    (mean: 0.70, halfWidth: 0.05, verdict: "missed"), (mean: 0.80, halfWidth: 0.0, verdict: "met")])
  func targetVerdictFollowsTheConfidenceInterval(mean: Double, halfWidth: Double, verdict: String) {
    let estimate = Estimate(mean: mean, ci95: halfWidth, replications: 5)
    #expect(RunPageBuilder.verdict(estimate, target: 0.8) == verdict)
    #expect(RunPageBuilder.verdict(nil, target: 0.8) == "no contacts")
  }

  /// The cost bars add up: each type with its own staff cost, the shared group's staff cost, and
  /// the centre's total equal to their sum.
  @Test func costBarsAddUpToTheCentre() throws {
    let builder = RunPageBuilder(report: smallCentreReport, requirement: nil, targets: nil)
    #expect(builder.unattributedGroups().map(\.0.id) == [hostileGroupID])
    let (chart, _) = builder.costChart()
    #expect(chart.categories == ["billing", hostileTypeID, "email", "group \(hostileGroupID)", "Centre"])
    let totals = chart.totals()
    let parts = totals.dropLast().compactMap { $0 }.reduce(0, +)
    let centre = try #require(totals.last ?? nil)
    #expect(abs(parts - centre) <= 1e-9 * centre)
    #expect(abs(centre - smallCentreReport.result.totals[.totalCost]!.mean) <= 1e-9 * centre)
  }
}
