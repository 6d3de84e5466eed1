import ContactCenterModel
import Foundation
import Planning
import TestSupport
import Testing
@testable import Reporting

/// `chromium` on `PATH`, or `nil`.
private func chromiumPath() -> String? {
  let directories = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":")
  return directories.map { "\($0)/chromium" }.first { FileManager.default.isExecutableFile(atPath: $0) }
}

/// Width and height from a PNG's IHDR chunk, or `nil` when the bytes are not a PNG.
private func pngSize(_ data: Data) -> (width: Int, height: Int)? {
  let bytes = [UInt8](data.prefix(24))
  guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A], bytes[12..<16] == [0x49, 0x48, 0x44, 0x52]
  else { return nil }
  let number = { (offset: Int) in bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
  return (number(16), number(20))
}

@Suite struct ReportRenderingTests {
  /// Opens `page` in headless Chromium with a fresh profile in `folder`; its standard output and
  /// error, and the exit status (`nil` when it did not finish within 120 s).
  static func browse(_ chromium: String, page: URL, in folder: URL, _ extra: [String], output: String) throws
    -> (status: Int32?, stdout: String, stderr: String) {
    let (out, err) = (folder.appendingPathComponent(output), folder.appendingPathComponent(output + ".stderr"))
    let status = try ChildProcess([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir=\(folder.appendingPathComponent("profile-\(output)").path)",
                          "--no-first-run", "--disable-extensions", "--disable-background-networking", "--disable-crash-reporter",
                          "--hide-scrollbars"] + extra + [page.absoluteString],
                                  output: out.path, errors: err.path, ownGroup: true).wait(seconds: 120)
    return (status, (try? String(contentsOf: out, encoding: .utf8)) ?? "", (try? String(contentsOf: err, encoding: .utf8)) ?? "")
  }

  /// The compare and sweep reports of two plans of the small centre (one agent more in the second),
  /// and the staff report of the centre staffed for its targets, open in headless Chromium without
  /// script errors or blocked resources, with every chart: the compare page's four headline
  /// differences and its per-type chart, the sweep page's frontier, the staff page's Erlang-against-
  /// simulation chart per group and the final plan's run charts.
  @Test(.timeLimit(.minutes(5)))
  func planningReportsRenderInHeadlessChromium() throws {
    let chromium = try #require(chromiumPath(), "chromium is not on PATH: run Scripts/ensure-deps.sh --tests (Scripts/test does)")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-planning-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let base = smallCentre()
    var more = base
    more.groups[0].agents = more.groups[0].agents.map { $0 + 1 }
    let results = try [base, more].map { try Experiment(scenario: $0, seed: 5).run(replications: 4, threads: 2) }
    let comparison = PlanComparison(plans: [("base", results[0]), ("one more", results[1])])
    let compare = CompareReport(comparison: comparison, files: ["base.yaml", "more.yaml"], toolVersion: "0.0.0-test")
    let manifest = SweepManifest(toolVersion: "0.0.0-test", scenario: base.name, scenarioSHA256: "0", currency: "EUR",
                                 seed: 5, replications: 4, grid: SweepGrid(keys: ["staff[team]"], values: [["0", "+1"]]))
    let sweep = SweepReport(manifest: manifest, base: base)
    let rows = results.enumerated().map { SweepRow(point: $0, grid: manifest.grid, result: $1, base: base) }
    // The staff report: the small centre staffed for 80% per interval (hostile ids included).
    var targeted = base
    targeted.targets = Targets(types: Array(repeating: TypeTargets(serviceLevel: 0.8), count: 3), maximumOccupancy: [nil, nil],
                               assurance: .mean)
    let plan = try StaffingSearch(scenario: targeted, options: .init(replications: 4, seed: 5, threads: 2)).plan()
    let staff = StaffReport(plan: plan, file: "small.yaml", scenarioSHA256: "0", toolVersion: "0.0.0-test").html()
    let staffCharts = staff.components(separatedBy: "<svg").count - 1
    #expect(staffCharts >= 2 + 3 * 3)   // Erlang against simulation per group, and the run charts
    for (name, html, charts, title) in [("compare", compare.html(), 5, "Service level difference from base"),
                                        ("sweep", sweep.html(rows: rows), 1, "Cost against service level, every grid point"),
                                        ("staff", staff, staffCharts, "Erlang and simulated staffing: billing")] {
      let page = folder.appendingPathComponent("\(name).html")
      try Data(html.utf8).write(to: page)
      let dump = try Self.browse(chromium, page: page, in: folder, ["--dump-dom"], output: "\(name)-dom.html")
      try #require(dump.status == 0, "chromium --dump-dom failed on the \(name) report: \(dump.stderr.suffix(2000))")
      let root = try #require(dump.stdout.components(separatedBy: "<html").dropFirst().first?.prefix { $0 != ">" })
      #expect(root.contains("data-rendered=\"true\"") && root.contains("data-script-errors=\"0\"")
              && root.contains("data-blocked-resources=\"0\"") && root.contains("data-charts=\"\(charts)\""), "\(name): \(root)")
      #expect(dump.stdout.components(separatedBy: "<svg").count - 1 == charts, "\(name) charts")
      #expect(dump.stdout.contains(">\(title)</title>"), "\(name): no chart titled \(title)")
    }
  }

  /// The run report of a small simulated centre (hostile ids, a target and a requirement included)
  /// opens in headless Chromium: a screenshot of the requested size is written, and the DOM after
  /// loading shows the render check's marker, no script error, no blocked resource, no injected
  /// script, and every chart with its title.
  @Test(.timeLimit(.minutes(5)))
  func reportRendersInHeadlessChromium() throws {
    let chromium = try #require(chromiumPath(), "chromium is not on PATH: run Scripts/ensure-deps.sh --tests (Scripts/test does)")
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-report-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try Experiment(scenario: smallCentre(), seed: 5).run(replications: 5, threads: 2)
    let report = RunReport(result: result, scenarioSHA256: String(repeating: "0", count: 64), toolVersion: "0.0.0-test")
    let page = folder.appendingPathComponent("report.html")
    try Data(report.html(requirement: .perType([[7, 10, 12, 13, 11, 10, 8, 6], nil, nil]), serviceLevelTargets: [0.8, 0.7, 0.9]).utf8)
      .write(to: page)

    func browse(_ extra: [String], output: String) throws -> (status: Int32?, stdout: String, stderr: String) {
      try ReportRenderingTests.browse(chromium, page: page, in: folder, extra, output: output)
    }

    let png = folder.appendingPathComponent("report.png")
    let shot = try browse(["--screenshot=\(png.path)", "--window-size=1280,4000"], output: "screenshot")
    try #require(shot.status != nil, "chromium --screenshot did not finish within 120 s")
    #expect(shot.status == 0, "chromium --screenshot exited with \(shot.status!): \(shot.stderr.suffix(2000))")
    let image = try Data(contentsOf: png)
    let size = try #require(pngSize(image), "report.png is not a PNG")
    #expect(size.width == 1280 && size.height == 4000)
    #expect(image.count > 100_000, "a 1280×4000 page of charts compresses to far more than \(image.count) bytes: is it blank?")

    let dump = try browse(["--dump-dom"], output: "dom.html")
    try #require(dump.status != nil, "chromium --dump-dom did not finish within 120 s")
    #expect(dump.status == 0, "chromium --dump-dom exited with \(dump.status!): \(dump.stderr.suffix(2000))")
    let dom = dump.stdout
    let root = try #require(dom.components(separatedBy: "<html").dropFirst().first?.prefix { $0 != ">" }, "no <html> in the DOM dump")
    #expect(root.contains("data-rendered=\"true\""), "the load handler did not run: \(root)")
    #expect(root.contains("data-script-errors=\"0\""), "script errors: \(root)")
    #expect(root.contains("data-blocked-resources=\"0\""), "blocked resources: \(root)")
    #expect(root.contains("data-charts=\"11\""), "chart count: \(root)")
    #expect(!root.contains("data-injected"), "an id's script ran: \(root)")
    #expect(dom.components(separatedBy: "<svg").count - 1 == 11)
    var titles = ["Occupancy per agent group and interval", "Cost of the day: staff and contacts"]
    for type in ["billing", "email"] {
      titles += ["Offered contacts and agents per interval: \(type)", "Service level per interval: \(type)",
                 "Wait of answered contacts over the day: \(type)"]
    }
    for title in titles { #expect(dom.contains(">\(title)</title>"), "no chart titled \(title)") }
    for id in ["load-2", "service-level-2", "waits-2"] { #expect(dom.contains("<title id=\"\(id)-title\">"), "no chart \(id)") }
  }
}
