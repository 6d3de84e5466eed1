import ContactCenterModel
import TestSupport
import Testing
@testable import Planning

struct UnattainableTargetTests {
  /// The check of email's service level at 00:00 in `result`.
  func openingCheck(_ scenario: Scenario, _ result: RunResult) throws -> TargetCheck {
    try #require(scenario.targets.check(result).first { $0.interval == 0 && $0.kind == .serviceLevel })
  }

  /// The ceiling plan (the plan plus, in every interval, 2 × 6.7 contacts in hand (20 an hour over
  /// 15 + 5 minutes) rounded up, + 10, + the backlog's 40 = 64 more agents) still misses 00:00, so the search sets it aside before
  /// its first addition: the back office at 00:00 keeps at most its Erlang start (there is no other
  /// target at 00:00 to add for), nothing was added for the target, and the attainable targets of
  /// the later intervals are met on fresh random numbers. Before the ceiling plan and the release,
  /// the search added agents at 00:00 until three additions hardly helped, and kept them.
  @Test func anOverdueOpeningBacklogIsSetAsideBeforeAnyAgentIsAddedForIt() throws {
    let scenario = overdueBacklog()
    let search = try StaffingSearch(scenario: scenario, options: .init(replications: 10, seed: 1, threads: 2))
    #expect(SearchState.ceilingHeadroom(search) == [64])
    let outcome = try search.run()
    let opening = try openingCheck(scenario, outcome.verification)
    #expect(!opening.met && opening.mean < 0.2, "\(opening)")
    #expect(outcome.unattainability(of: opening) == .ceiling)
    #expect(outcome.setAsideCounts == (ceiling: 1, stall: 0))
    #expect(outcome.staffing[0][0] <= search.erlang.perGroup[0][0], "\(outcome.staffing[0]) against Erlang \(search.erlang.perGroup[0])")
    #expect(outcome.released.total == 0)
    // The set-aside step (one simulation: the ceiling plan) comes before any addition.
    let firstSetAside = try #require(outcome.steps.firstIndex { $0.phase == .setAside })
    #expect(outcome.steps[firstSetAside].simulations == 1 && outcome.steps[firstSetAside].change == 0)
    #expect(!outcome.steps[..<firstSetAside].contains { $0.phase == .add })
    #expect(outcome.verified, "\(outcome.significantMisses)")
    #expect(outcome.unattainable.count == 1)
  }

  /// Without the ceiling plan the stall rule finds the same target, after additions at 00:00 that
  /// each brought it less than 10% closer; every one of those agents is then removed (the only
  /// target at 00:00 is the one set aside), so 00:00 again has at most its Erlang start, and the
  /// release's planned cost is its agent-intervals at ¼ h × 30 EUR.
  @Test func theStallRuleRemovesEveryAgentAddedForTheTargetItSetsAside() throws {
    let scenario = overdueBacklog()
    var options = StaffingSearch.Options(replications: 10, seed: 1, threads: 2)
    options.judgesByCeiling = false
    let search = try StaffingSearch(scenario: scenario, options: options)
    let outcome = try search.run()
    let opening = try openingCheck(scenario, outcome.verification)
    #expect(outcome.unattainability(of: opening) == .stall)
    #expect(outcome.released.total >= 3, "three additions at least were made for it")
    #expect(abs(outcome.released.plannedCost - Double(outcome.released.total) * 0.25 * 30) < 1e-9)
    #expect(outcome.staffing[0][0] <= search.erlang.perGroup[0][0], "\(outcome.staffing[0]) against Erlang \(search.erlang.perGroup[0])")
    let release = try #require(outcome.steps.first { $0.phase == .setAside })
    #expect(release.change == -outcome.released.total && release.simulations == 1)
    #expect(outcome.verified, "\(outcome.significantMisses)")
  }

  /// The ledger by hand: an addition stays while one of its causes is attainable; removals take the
  /// latest additions first.
  @Test func theLedgerReleasesOnlyAdditionsEveryCauseOfWhichIsSetAside() {
    var ledger = AdditionLedger<String>(groups: 2, intervals: 2)
    ledger.record(group: 0, interval: 0, amount: 4, causes: ["email 00:00"])
    ledger.record(group: 0, interval: 0, amount: 2, causes: ["email 00:00", "calls 00:00"])
    ledger.record(group: 1, interval: 1, amount: 1, causes: ["email 00:15"])
    ledger.record(group: 0, interval: 0, amount: 8, causes: ["email 00:00"])
    // The remove phase took 9 at group 0, 00:00: the latest 8, then 1 of the shared 2.
    ledger.consume(group: 0, interval: 0, amount: 9)
    #expect(ledger.total(group: 0, interval: 0) == 5)
    let released = ledger.release { $0 == "email 00:00" }
    #expect(released.map { [$0.group, $0.interval, $0.amount] } == [[0, 0, 4]])
    #expect(ledger.total(group: 0, interval: 0) == 1 && ledger.total(group: 1, interval: 1) == 1)
    // Once every cause is set aside, the rest goes too; a second release finds nothing.
    #expect(ledger.release { $0.hasPrefix("email") || $0 == "calls 00:00" }.map(\.amount) == [1, 1])
    #expect(ledger.release { _ in true }.isEmpty)
  }
}
