import ContactCenterModel
import TestSupport
import Testing
@testable import Planning

struct DeferredMoveTests {
  func outcome(moves: Bool) throws -> (StaffingSearch, StaffingSearch.Outcome) {
    var options = StaffingSearch.Options(replications: 10, seed: 1, threads: 2)
    options.movesDeferredWork = moves
    let search = try StaffingSearch(scenario: earlyEmail(), options: options)
    return (search, try search.run())
  }

  /// The group works email alone, with a 2-hour threshold: moves of up to 4 intervals (half of 8).
  @Test func anEmailGroupMayMoveUpToFourIntervals() throws {
    let search = try StaffingSearch(scenario: earlyEmail(), options: .init(replications: 2))
    let state = try SearchState(search: search, log: nil)
    #expect(state.deferralReach(0) == 4 && state.deferralHorizon(0) == 8)
  }

  /// With moves the plan costs strictly less than the interval-by-interval plan of the same
  /// search without them, meets its targets on fresh random numbers (no significant miss), staffs
  /// every interval of the first hour with at most as many agents as without moves and fewer in
  /// all, none beyond what the targets need (one agent fewer there misses), and reports what the moves did: agent-intervals moved, and planned costs before and after
  /// whose difference is the saving against the plan without moves (same seed: the phases before
  /// are the same). The moves plan also meets every target on seed 101 (no significant miss).
  @Test func movingEarlyEmailLaterCostsLessAndStillMeetsTheTargets() throws {
    let (search, without) = try outcome(moves: false)
    let (_, with) = try outcome(moves: true)
    #expect(without.deferredMoves == nil)
    let moves = try #require(with.deferredMoves)
    #expect(moves.agentIntervals > 0)
    let withCost = search.plannedCost(with.staffing), withoutCost = search.plannedCost(without.staffing)
    #expect(withCost < withoutCost, "\(with.staffing[0]) against \(without.staffing[0])")
    #expect(abs(moves.plannedCostBefore - withoutCost) < 1e-9 && abs(moves.plannedCostAfter - withCost) < 1e-9)
    #expect(with.verified, "\(with.significantMisses)")
    // And on random numbers neither the search nor its verification saw.
    let fresh = try search.simulate(with.staffing, seed: 101)
    #expect(earlyEmail().targets.significantMisses(fresh).isEmpty)
    let early = 0..<4
    #expect(early.allSatisfy { with.staffing[0][$0] <= without.staffing[0][$0] }, "\(with.staffing[0]) against \(without.staffing[0])")
    #expect(early.reduce(0) { $0 + with.staffing[0][$1] } < early.reduce(0) { $0 + without.staffing[0][$1] })
    #expect(with.steps.contains { $0.phase == .deferral && $0.change == 0 })
    // No early interval is staffed beyond what the targets need: one agent fewer at any of them
    // misses a target on the search's seed.
    for k in early where with.staffing[0][k] > 0 {
      var fewer = with.staffing
      fewer[0][k] -= 1
      let checks = earlyEmail().targets.check(try search.simulate(fewer, seed: 1))
      #expect(checks.contains { !$0.met }, "one agent fewer at interval \(k) still meets every target")
    }
  }

  /// The saving comes from the moves, not from more removal rounds: on the same seed, a second
  /// remove phase after the first takes nothing more out of the interval-by-interval plan.
  @Test func aSecondRemovePhaseAloneSavesNothing() throws {
    var options = StaffingSearch.Options(replications: 10, seed: 1, threads: 2)
    options.movesDeferredWork = false
    let search = try StaffingSearch(scenario: earlyEmail(), options: options)
    var state = try SearchState(search: search, log: nil)
    try state.add()
    try state.remove()
    let once = state.staffing
    try state.remove()
    #expect(state.staffing == once, "\(state.staffing[0]) against \(once[0])")
    #expect(search.plannedCost(once) == 202.5)
  }

  /// The ledger moves the latest additions, with their causes, so that a release after a move
  /// takes the agents out where they now stand.
  @Test func theLedgerMovesTheLatestAdditionsWithTheirCauses() {
    var ledger = AdditionLedger<String>(groups: 1, intervals: 3)
    ledger.record(group: 0, interval: 0, amount: 2, causes: ["email 00:00"])
    ledger.record(group: 0, interval: 0, amount: 1, causes: ["calls 00:00"])
    ledger.move(group: 0, from: 0, to: 2, amount: 2)
    #expect(ledger.total(group: 0, interval: 0) == 1 && ledger.total(group: 0, interval: 2) == 2)
    let released = ledger.release { $0 == "email 00:00" }
    #expect(released.map(\.interval) == [0, 2] && released.map(\.amount) == [1, 1])
  }
}
