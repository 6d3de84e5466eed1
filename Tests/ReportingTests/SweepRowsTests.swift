import ContactCenterModel
import Planning
import Testing
@testable import Reporting

/// `sweep.csv` written from typed rows and read back strictly into the same rows, staffed or not,
/// with a hostile id among the columns: the merge re-renders exactly what each shard wrote.
struct SweepRowsTests {
  @Test(arguments: [false, true])
  func rowsReadBackAsWritten(staffed: Bool) throws {
    var base = smallCentre()
    base.groups[0].id = "team, \"north\""
    let result = try Experiment(scenario: base, seed: 3).run(replications: 3, threads: 1)
    let grid = SweepGrid(keys: ["volume"], values: [["90%", "110%"]])
    let manifest = SweepManifest(toolVersion: "0.0.0-test", scenario: base.name, scenarioSHA256: "0", currency: "EUR",
                                 seed: 3, replications: 3, grid: grid, staffed: staffed)
    let report = SweepReport(manifest: manifest, base: base)
    let staffing = staffed ? SweepRow.Staffing(erlangPlannedCost: 812.5, plannedCost: 790, verified: false) : nil
    let rows = (0..<2).map { SweepRow(point: $0, grid: grid, result: result, base: base, staffing: staffing) }
    let csv = report.csv(rows: rows)
    let read = try SweepRows.read(csv, grid: grid, staffed: staffed, file: "sweep.csv")
    #expect(read.typeIDs == report.typeIDs && read.groupIDs == report.groupIDs)
    #expect(read.rows == rows)
    #expect(report.csv(rows: read.rows) == csv)
    #expect(rows[0][.serviceLevel]?.mean == result.totals[.serviceLevel]?.mean)
  }

  /// Columns that are not the ones `ccsim sweep` writes are refused at the header.
  @Test func aHeaderOfOtherColumnsIsRefused() {
    let grid = SweepGrid(keys: ["volume"], values: [["90%"]])
    let error = #expect(throws: MergeError.self) { try SweepRows.read("point,volume,offered\n", grid: grid, staffed: false, file: "sweep.csv") }
    #expect(error?.description == "sweep.csv:1: expected the columns ccsim sweep writes after the swept keys, found point,volume,offered")
  }
}
