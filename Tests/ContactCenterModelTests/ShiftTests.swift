import Stochastic
import Testing
@testable import ContactCenterModel

private func oneType(perHour: Double) -> ContactType {
  ContactType(id: "calls", arrivalRates: Array(repeating: perHour / 3600, count: 8), handleTime: .exponential(mean: 240),
              patience: .exponential(mean: 120), serviceLevel: ServiceLevelRule(threshold: 20))
}

struct ShiftTests {
  /// A shift plan whose staffing changes only at interval boundaries is the same as the headcount
  /// per interval it implies: same seed, identical replications.
  @Test func shiftsAlignedWithIntervalsEqualTheHeadcountPlan() throws {
    let shifts = [Shift(start: 0, length: 4 * 3600, count: 6), Shift(start: 2 * 3600, length: 6 * 3600, count: 5)]
    let byShift = AgentGroup(id: "team", skills: [Skill(type: 0)], shifts: shifts, intervals: 8, length: 3600)
    #expect(byShift.agents == [6, 6, 11, 11, 5, 5, 5, 5])
    let byHeadcount = AgentGroup(id: "team", skills: [Skill(type: 0)], agents: byShift.agents)
    func run(_ group: AgentGroup) throws -> RunResult {
      let scenario = Scenario(name: "shifts", intervalLength: 3600, intervalCount: 8, contactTypes: [oneType(perHour: 90)],
                              groups: [group])
      return try Experiment(scenario: scenario, seed: 12).run(replications: 4)
    }
    // The same except the event count (the staffing changes are events of their own).
    for (a, b) in zip(try run(byShift).replications, try run(byHeadcount).replications) {
      #expect(a.intervals == b.intervals)
      #expect(a.groups == b.groups)
      #expect(a.groupIntervals == b.groupIntervals)
      #expect(a.events == b.events + 3)
    }
  }

  /// Hand-checkable agent time with no contacts: on-phone hours are the shifts minus their breaks;
  /// paid hours leave out only the unpaid break, also interval by interval (a 15-minute break at
  /// 10:00 takes a quarter of the 10:00 hour).
  @Test func breaksTakeAgentsOffThePhonesAndUnpaidBreaksOffThePay() throws {
    let shift = Shift(start: 0, length: 8 * 3600, count: 4, breaks: [
      ShiftBreak(offset: 2 * 3600, length: 900), ShiftBreak(offset: 4 * 3600, length: 1800, paid: false),
    ])
    let group = AgentGroup(id: "team", skills: [Skill(type: 0)], shifts: [shift], intervals: 8, length: 3600, hourlyCost: 20)
    let scenario = Scenario(name: "breaks", intervalLength: 3600, intervalCount: 8, contactTypes: [oneType(perHour: 0)],
                            groups: [group])
    let replication = try Experiment(scenario: scenario, seed: 1).replicate(0)
    let day = replication.groups[0]
    #expect(abs(day[.agentHours]! - 4 * (8 - 0.25 - 0.5)) < 1e-9)
    #expect(abs(day[.paidHours]! - 4 * 7.5) < 1e-9)
    #expect(abs(day[.cost]! - 4 * 7.5 * 20) < 1e-9)
    #expect(day[.overtimeHours]! == 0)
    let hours = replication.groupIntervals[0].map { $0[.agentHours]! }
    #expect(zip(hours, [4, 4, 3, 4, 2, 4, 4, 4]).allSatisfy { abs($0 - $1) < 1e-9 })
  }

  /// Shrinkage takes its share of the agents on the phones, rounded at random so that it is right
  /// on average: over 400 replications the mean on-phone hours lie within 4 standard errors of
  /// 75% of the plan (3 of the 4 early agents; 5.25 of the 7 late ones, so 5 or 6 at random).
  @Test func shrinkageTakesItsShareOnAverage() throws {
    let shifts = [Shift(start: 0, length: 4 * 3600, count: 4), Shift(start: 4 * 3600, length: 4 * 3600, count: 7)]
    let group = AgentGroup(id: "team", skills: [Skill(type: 0)], shifts: shifts, intervals: 8, length: 3600, shrinkage: 0.25)
    let scenario = Scenario(name: "shrinkage", intervalLength: 3600, intervalCount: 8, contactTypes: [oneType(perHour: 0)],
                            groups: [group])
    let result = try Experiment(scenario: scenario, seed: 3).run(replications: 400, threads: 2)
    let onPhones = result.groups[0][GroupMetric.agentHours]!
    let expected = 0.75 * (4 * 4 + 7 * 4)
    #expect(abs(onPhones.mean - expected) <= 4 * onPhones.ci95! / 1.966, "\(onPhones.mean) vs \(expected)")
    #expect(onPhones.ci95! > 0)   // the rounding is random: 7 × 0.75 = 5.25 agents
    // Paid time is the shifts, whatever the shrinkage.
    #expect(abs(result.groups[0][.paidHours]!.mean - (4 * 4 + 7 * 4)) < 1e-9)
  }
}
