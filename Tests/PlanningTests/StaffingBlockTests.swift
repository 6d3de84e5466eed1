import ContactCenterModel
import Testing
@testable import Planning

/// Calls over a 6-hour day in quarter-hours (24 intervals) whose volume climbs from 40 to 160 an
/// hour and falls back, 4-minute exponential handle times, 80% answered within 20 s judged by the
/// mean, one group at 25 EUR an hour; `block` is its `minimumBlock` in seconds.
func rampDay(block: Double?) -> Scenario {
  let perHour: [Double] = [40, 50, 60, 75, 90, 105, 120, 135, 150, 160, 160, 155, 150, 140, 130, 120, 110, 100, 90, 80, 70, 60, 50, 40]
  let calls = ContactType(id: "calls", arrivalRates: perHour.map { $0 / 3600 }, handleTime: .exponential(mean: 240), patience: nil,
                          serviceLevel: ServiceLevelRule(threshold: 20))
  var team = AgentGroup(id: "team", skills: [Skill(type: 0)], agents: Array(repeating: 1, count: 24), hourlyCost: 25)
  team.minimumBlock = block
  var scenario = Scenario(name: "ramp", intervalLength: 900, intervalCount: 24, contactTypes: [calls], groups: [team])
  scenario.targets = Targets(types: [TypeTargets(serviceLevel: 0.8)], maximumOccupancy: [nil], scope: .interval, assurance: .mean)
  return scenario
}

struct StaffingBlockTests {
  /// By hand: runs at one non-zero level last `block` intervals at least; the cheapest raise.
  @Test(arguments: [
    (staffing: [1, 7, 8, 5, 0, 0, 0, 0], block: 4, raised: [8, 8, 8, 8, 0, 0, 0, 0]),      // 32 agent-intervals
    (staffing: [2, 2, 2, 2, 3, 2, 2, 2], block: 4, raised: [2, 2, 2, 2, 3, 3, 3, 3]),      // 20, not 24 (all 3)
    (staffing: [0, 5, 5, 5, 2, 2, 1, 2], block: 4, raised: [5, 5, 5, 5, 2, 2, 2, 2]),      // 28, against 35 for 0 + 7 × 5
    (staffing: [0, 0, 3, 0, 0, 0], block: 2, raised: [0, 3, 3, 0, 0, 0]),                 // the earliest of two cheapest cuts
    (staffing: [4, 1, 6], block: 5, raised: [6, 6, 6]),                                    // a day shorter than a block: one run
    (staffing: [4, 1, 6], block: 1, raised: [4, 1, 6]),                                    // no minimum
  ])
  func theCheapestRaiseIntoBlocks(staffing: [Int], block: Int, raised: [Int]) {
    let result = StaffingBlocks.raised(staffing, block: block)
    #expect(result == raised)
    #expect(StaffingBlocks.holds(result, block: block))
    #expect(zip(result, staffing).allSatisfy { $0 >= $1 })
    #expect(StaffingBlocks.holds(staffing, block: block) == (staffing == raised))
  }

  /// Without a minimum block the search's plan for the ramp changes level every interval or two;
  /// with `minimumBlock: 2h` every non-zero level lasts 8 quarter-hours at least (it changes at most
  /// once per 2 h), the plan still meets its targets on fresh random numbers, and it costs more
  /// than the free plan but no more than staffing the whole day at its peak.
  @Test func aMinimumBlockHoldsAndThePlanStillMeetsItsTargets() throws {
    let options = StaffingSearch.Options(replications: 8, seed: 4, threads: 2)
    let free = try StaffingSearch(scenario: rampDay(block: nil), options: options)
    let freePlan = try free.run()
    #expect(!StaffingBlocks.holds(freePlan.staffing[0], block: 8), "\(freePlan.staffing[0])")
    let blocked = try StaffingSearch(scenario: rampDay(block: 2 * 3600), options: options)
    let outcome = try blocked.run()
    #expect(StaffingBlocks.holds(outcome.staffing[0], block: 8), "\(outcome.staffing[0])")
    var changes = outcome.staffing[0].indices.dropFirst().filter { outcome.staffing[0][$0] != outcome.staffing[0][$0 - 1] }
    changes.insert(0, at: 0)
    #expect(zip(changes, changes.dropFirst()).allSatisfy { $1 - $0 >= 8 }, "changes at \(changes)")
    #expect(outcome.verified, "\(outcome.significantMisses)")
    #expect(outcome.steps.contains { $0.phase == .blocks && $0.change > 0 })
    let cost = blocked.plannedCost(outcome.staffing)
    #expect(cost >= free.plannedCost(freePlan.staffing))
    #expect(cost <= Double(outcome.staffing[0].max()! * 24) * 0.25 * 25)
  }
}
