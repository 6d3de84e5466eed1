import Estimators
import Foundation
import TestSupport
import Testing
@testable import ScenarioIO

private func callLog(_ name: String) -> String {
  Bundle.module.url(forResource: "Fixtures/calllogs/\(name)", withExtension: nil)!.path
}

/// Reads a log, returning its calls and summary, or its error with the fixture folder removed.
private func read(_ name: String, share: Double = 0.01, days: ClosedRange<CalendarDay>? = nil)
  -> Result<([ObservedCall], CallLogReader.Summary), CallLogError> {
  var calls: [ObservedCall] = []
  do {
    let summary = try CallLogReader(path: callLog(name), badRowShare: share, days: days).read { calls.append($0) }
    return .success((calls, summary))
  } catch {
    return .failure(error)
  }
}

private func message(_ name: String, share: Double = 0.01) -> String? {
  guard case .failure(let error) = read(name, share: share) else { return nil }
  return error.description.replacingOccurrences(of: callLog(name), with: name)
}

/// The Technion call-log reader (`Docs/history.md`, "Call logs: the Technion format").
struct CallLogReaderTests {
  /// Every kind of row: self-service, queued and served, abandoned, served at once, a phantom, a
  /// call running past midnight, a blank line, another day.
  @Test func aSmallLogReadsAsWritten() throws {
    let (calls, summary) = try read("small.csv").get()
    #expect(summary.rows == 7 && summary.calls == 6 && summary.phantoms == 1 && summary.badRows == 0)
    #expect(summary.hasAgents && summary.hasCustomers)
    let day = try #require(CalendarDay(year: 1999, month: 8, day: 2))
    #expect(calls[0] == ObservedCall(day: day, type: "PS", priority: 0, customer: nil, agent: nil, arrival: 25_205,
                                     queueEntry: nil, wait: 0, outcome: .selfService))
    #expect(calls[1] == ObservedCall(day: day, type: "NW", priority: 2, customer: "123", agent: "DANA", arrival: 25_260,
                                     queueEntry: 25_270, wait: 30, outcome: .served(handle: 201), answered: 25_299))
    #expect(calls[2].outcome == .abandoned && calls[2].wait == 60 && calls[2].customer == "456" && calls[2].agent == nil)
    #expect(calls[3].outcome == .served(handle: 60) && calls[3].queueEntry == nil && calls[3].wait == 0 && calls[3].agent == "AVI")
    // 23:58:30 to 00:01:30 is three minutes in the queue, then two in service, past midnight.
    #expect(calls[4].queueEntry == 86_310 && calls[4].wait == 180 && calls[4].outcome == .served(handle: 120))
    #expect(calls[5].day == CalendarDay(year: 1999, month: 8, day: 3))
  }

  @Test func daysOutsideTheRangeAreCountedNotRead() throws {
    let day = try #require(CalendarDay(year: 1999, month: 8, day: 2))
    let (calls, summary) = try read("small.csv", days: day...day).get()
    #expect(calls.count == 5 && summary.outsideDays == 1 && summary.calls == 5)
  }

  /// Exports without `server` and `customer_id`, columns in another order: read, and the summary
  /// says agents and callers cannot be known.
  @Test func logsWithoutAgentsOrCustomersAreAccepted() throws {
    let (calls, summary) = try read("no-agents.csv").get()
    #expect(!summary.hasAgents && !summary.hasCustomers && calls.count == 2)
    #expect(calls.allSatisfy { $0.agent == nil && $0.customer == nil })
    #expect(calls[0].outcome == .served(handle: 200) && calls[1].outcome == .abandoned && calls[1].wait == 40)
  }

  /// One malformed row of 200 (0.5%) is skipped and reported at its place; three (1.5%) refuse the
  /// file at the default 1%, with each row's problem.
  @Test func malformedRowsAreSkippedWithinTheShareAndRefusedBeyondIt() throws {
    let (calls, summary) = try read("one-bad-row.csv").get()
    #expect(calls.count == 199 && summary.badRows == 1)
    #expect(summary.problems.map { $0.description.replacingOccurrences(of: callLog("one-bad-row.csv"), with: "one-bad-row.csv") } == [
      "one-bad-row.csv:52:37: error: vru_exit: expected a time not before vru_entry (8:50:00): times run backwards, found 8:48:10",
    ])
    #expect(message("bad-rows.csv") == """
      bad-rows.csv:52:37: error: vru_exit: expected a time not before vru_entry (8:50:00): times run backwards, found 8:48:10
      bad-rows.csv:102:16: error: type: expected one of IN, NE, NW, PE, PS, TT, found XX
      bad-rows.csv:152:69: error: q_time: expected q_exit − q_start, 10 s, found 99
      bad-rows.csv: error: expected at most 1% malformed rows, found 3 of 200 (1.5%); the first 3 are above
      """)
    #expect(message("bad-rows.csv", share: 0.02) == nil)
  }

  @Test(arguments: [
    ("empty.csv", "empty.csv: error: expected a call log with a header line (type, date, vru_entry, vru_exit, q_start, q_exit, q_time, outcome, ser_start, ser_exit, ser_time …), found an empty file"),
    ("header-only.csv", "header-only.csv:2:1: error: expected at least one call after the header, found none"),
    ("missing-columns.csv", "missing-columns.csv:1:1: error: header: expected the columns type, date, vru_entry, vru_exit, q_start, q_exit, q_time, outcome, ser_start, ser_exit, ser_time (Technion format), found no column 'q_start', 'q_exit', 'q_time', 'ser_start', 'ser_exit', 'ser_time'"),
    ("served-without-service.csv", """
      served-without-service.csv:2:72: error: ser_start: expected the start of service of a call an agent served (outcome AGENT), found 0:00:00
      served-without-service.csv:3:1: error: row: expected 17 fields, as the header has, found 7
      served-without-service.csv: error: expected at most 1% malformed rows, found 2 of 2 (100%); the first 2 are above
      """),
  ])
  func unusableLogsAreRefusedWithTheirPlace(fixture: String, expected: String) {
    #expect(message(fixture) == expected)
  }

  @Test func aMissingFileIsNamed() {
    #expect(throws: CallLogError.self) { try CallLogReader(path: "/nonexistent/calls.csv").read { _ in } }
    #expect(throws: CallLogError.self) { try CallLogReader(path: FileManager.default.temporaryDirectory.path).read { _ in } }
  }

  /// The shipped real day, against an independent count of its rows (a Python csv count with the
  /// same rules, documented in Docs/history.md): 2,375 rows, 18 phantoms, 4 malformed rows (three
  /// VRU exits before their entries, one call served by an agent with no service start), 1,507
  /// served (1,239 after queueing), 728 abandoned from the queue, 118 left in the VRU; ASA 134.7 s.
  @Test func theShippedBankDayCountsAsAnIndependentCount() throws {
    var served = 0, queuedServed = 0, abandoned = 0, selfService = 0, waits = 0.0
    let summary = try CallLogReader(path: repositoryPath("Scenarios/history/anonymous-bank-1999-08-01.csv")).read { call in
      switch call.outcome {
      case .served:
        served += 1
        waits += call.wait
        if call.queueEntry != nil { queuedServed += 1 }
      case .abandoned: abandoned += 1
      case .selfService: selfService += 1
      }
    }
    #expect(summary.rows == 2_375 && summary.phantoms == 18 && summary.badRows == 4)
    #expect(summary.problems.map(\.line) == [482, 804, 1195, 2117])
    #expect(served == 1_507 && queuedServed == 1_239 && abandoned == 728 && selfService == 118)
    #expect(abs(waits / Double(served) - 134.74452554744525) < 1e-9)
    #expect(CalendarDay(year: 1999, month: 8, day: 1)?.weekday == 1)   // a Sunday, a working day in Israel
  }

  /// The example of `Docs/history.md`: the bank day's patience, censored by the answered callers'
  /// waits. The exponential fit is the closed form (total time waiting ÷ abandonments: Brown et al.
  /// 2005), and every fitted mean is far above the abandoners' naive mean wait.
  @Test func theDocumentedExampleFitsThePatience() throws {
    var patience = Lifetimes()
    _ = try CallLogReader(path: repositoryPath("Scenarios/history/anonymous-bank-1999-08-01.csv")).read { call in
      switch call.outcome {
      case .abandoned: patience.append(call.wait, observed: true)
      case .served where call.queueEntry != nil: patience.append(call.wait, observed: false)
      default: break
      }
    }
    #expect(patience.count == 728 + 1_239 && patience.events == 728)
    let fits = LifetimeFit.ranked(patience)
    #expect(!fits.isEmpty)
    let exponential = try #require(fits.first { $0.family == .exponential })
    #expect(abs(exponential.mean - patience.totalTime / 728) <= 1e-9 * exponential.mean)
    let naive = zip(patience.times, patience.observed).filter(\.1).map(\.0).reduce(0, +) / 728
    #expect(fits.allSatisfy { $0.mean > 1.5 * naive }, "fits \(fits.map(\.mean)) vs naive \(naive)")
  }

  @Test func datesAreCheckedAndWeekdaysKnown() {
    #expect(CalendarDay(iso: "1999-02-29") == nil && CalendarDay(iso: "2000-02-29") != nil)
    #expect(CalendarDay(iso: "990801") == CalendarDay(year: 1999, month: 8, day: 1))
    #expect(CalendarDay(iso: "2026-12-07")?.weekday == 2)   // a Monday
    #expect(CalendarDay(iso: "1999-8-1") == nil)
  }
}
