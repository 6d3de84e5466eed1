import Stochastic
import Testing
@testable import ContactCenterModel

struct CostTests {
  /// Costs recomputed by hand from each replication's counts: paid hours are the planned headcount
  /// (Σ agents × interval) grossed up for shrinkage plus the overtime worked; the staff cost prices
  /// them, overtime at its premium; contact costs price answered and abandoned contacts and the
  /// minutes callers spent on the line.
  @Test func costsFollowFromHeadcountsAndCounts() throws {
    let agents = [12, 15, 9, 6]
    let prices = ContactCosts(perAnswered: 0.5, telephonyPerMinute: 0.02, perAbandoned: 5, perContained: 0.25)
    var type = ContactType(
      id: "calls", arrivalRates: [120, 160, 100, 60].map { $0 / 3600 }, handleTime: .lognormal(mean: 300, cv: 0.8),
      patience: .exponential(mean: 120), agents: agents, serviceLevel: ServiceLevelRule(threshold: 20),
      containment: 0.1, contactCosts: prices)
    type.hourlyCost = 30
    type.shrinkage = 0.25
    let scenario = Scenario(name: "costs", intervalLength: 3600, intervalCount: 4, contactTypes: [type],
                            costs: CostRules(currency: "EUR", overtimeFactor: 1.5))
    let result = try Experiment(scenario: scenario, seed: 11).run(replications: 8, threads: 2)
    let plannedHours = Double(agents.reduce(0, +))
    for replication in result.replications {
      let group = replication.groups[0], calls = replication.types[0]
      let overtime = group[.overtimeHours]!
      #expect(overtime > 0)   // the last interval's agents finish the calls in hand after close
      #expect(abs(group[.agentHours]! - overtime - plannedHours) < 1e-9)
      #expect(abs(group[.paidHours]! - (plannedHours / 0.75 + overtime)) < 1e-9)
      let staff = (plannedHours / 0.75 + overtime * 1.5) * 30
      #expect(abs(group[.cost]! - staff) < 1e-6)
      #expect(abs(calls[.staffCost]! - staff) < 1e-6)
      let (answered, abandoned) = (calls[.answered]!, calls[.abandoned]!)
      let minutes = (answered * (calls[.averageSpeedOfAnswer]! + calls[.averageHandleTime]!)
        + abandoned * calls[.meanWaitAbandoned]!) / 60
      let contacts = answered * 0.5 + abandoned * 5 + calls[.contained]! * 0.25 + minutes * 0.02
      #expect(abs(calls[.contactCost]! - contacts) < 1e-6)
      #expect(abs(calls[.totalCost]! - staff - contacts) < 1e-6)
      #expect(abs(calls[.costPerResolved]! - (staff + contacts) / (calls[.resolved]! + calls[.contained]!)) < 1e-9)
      #expect(replication.totals == calls)
    }
  }

  /// A type served by shared groups has no staff cost of its own (as for occupancy); the centre's
  /// staff cost is the groups' sum.
  @Test func sharedGroupsCarryTheStaffCost() throws {
    let types = ["a", "b"].map {
      ContactType(id: $0, arrivalRates: [100.0 / 3600], handleTime: .exponential(mean: 240), patience: nil,
                  serviceLevel: ServiceLevelRule(threshold: 20))
    }
    let groups = [AgentGroup(id: "both", skills: [Skill(type: 0), Skill(type: 1)], agents: [20], hourlyCost: 25),
                  AgentGroup(id: "b-only", skills: [Skill(type: 1)], agents: [3], hourlyCost: 40, shrinkage: 0.2)]
    let scenario = Scenario(name: "shared", intervalLength: 4 * 3600, intervalCount: 1, contactTypes: types, groups: groups)
    let replication = try Experiment(scenario: scenario, seed: 2).replicate(0)
    #expect(replication.types[0][.staffCost] == nil)
    #expect(replication.types[0][.costPerResolved] == nil)
    let groupCosts = replication.groups.map { $0[.cost]! }
    #expect(abs(replication.totals[.staffCost]! - groupCosts.reduce(0, +)) < 1e-9)
    #expect(abs(replication.groups[1][.paidHours]! - (3 * 4 / 0.8 + replication.groups[1][.overtimeHours]!)) < 1e-9)
  }
}
