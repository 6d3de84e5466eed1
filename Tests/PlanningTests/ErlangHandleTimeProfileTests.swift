import ContactCenterModel
import Queueing
import Testing
@testable import Planning

/// The Erlang start staffs each interval with that interval's mean handle time
/// (`handleTimeByInterval`), times the primary group's `handleTimeFactor`.
struct ErlangHandleTimeProfileTests {
  /// 360 calls an hour in each of three quarter-hours, 240 s handle times, the profile [1, 1.25, 0.75]
  /// and a group that is 10% slower: 0.1/s × 240 s × 1.1 × f is 26.4, 33 and 19.8 erlangs. Erlang C's
  /// fewest agents for 80% within 20 s (the smallest n with `ErlangC.serviceLevel(within: 20)` ≥ 0.8,
  /// counted up here) are 32, 39 and 24; without the profile every interval would get the first's 32.
  @Test func eachIntervalIsStaffedWithItsOwnMeanHandleTime() throws {
    var type = ContactType(id: "calls", arrivalRates: [0.1, 0.1, 0.1], handleTime: .gamma(mean: 240, cv: 0.9), patience: nil,
                           serviceLevel: ServiceLevelRule(threshold: 20))
    type.handleTimeFactors = [1, 1.25, 0.75]
    var scenario = Scenario(
      name: "profile", intervalLength: 900, intervalCount: 3, contactTypes: [type],
      groups: [AgentGroup(id: "team", skills: [Skill(type: 0, handleTimeFactor: 1.1)], agents: [1, 1, 1])])
    scenario.targets = Targets(types: [TypeTargets(serviceLevel: 0.8)], maximumOccupancy: [nil])
    let erlang = try ErlangStaffing(scenario: scenario)
    let counted = [1.0, 1.25, 0.75].map { factor in
      let workload = Workload(arrivalRate: 0.1, meanHandleTime: 240 * 1.1 * factor)
      return (1...200).first { ErlangC(workload, agents: $0).serviceLevel(within: 20) >= 0.8 } ?? 0
    }
    #expect(counted == [32, 39, 24])
    #expect(erlang.perType == [counted])
    #expect(erlang.perGroup == [counted])
  }
}
