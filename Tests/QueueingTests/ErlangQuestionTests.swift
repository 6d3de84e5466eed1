import Queueing
import Testing

/// ``ErlangQuestion``: the answers `ccsim erlang` prints, as a library call.
struct ErlangQuestionTests {
  let eightyTwenty = ErlangQuestion(
    model: .erlangC, targets: StaffingTargets(serviceLevel: ServiceLevelTarget(fraction: 0.8, threshold: 20)), serviceLevelThreshold: 20)
  let twoHundredAnHour = Workload(arrivalRate: 200.0 / 3600, meanHandleTime: 180)

  /// 200 contacts an hour of 3 minutes for 80% in 20 s: 14 agents (Docs/cli.md), shown with three
  /// staffings either side; a given staffing is shown with the required one still named.
  @Test func oneQueueIsStaffedAndShownWithItsNeighbours() throws {
    let staffed = try eightyTwenty.answer(twoHundredAnHour, agents: nil)
    #expect(staffed.required == 14 && staffed.chosen.agents == 14)
    #expect(staffed.around.map(\.agents) == Array(11...17))
    #expect(try staffed.chosen == Staffing.minimumAgents(.erlangC, workload: twoHundredAnHour, targets: eightyTwenty.targets,
                                                       serviceLevelThreshold: 20))
    let given = try eightyTwenty.answer(twoHundredAnHour, agents: 2)
    #expect(given.required == 14 && given.chosen.agents == 2 && given.around.map(\.agents) == Array(1...5))
    let untargeted = ErlangQuestion(model: .erlangB, targets: StaffingTargets(), serviceLevelThreshold: 20)
    #expect(try untargeted.answer(twoHundredAnHour, agents: 10).required == nil)
  }

  /// A day: one row per interval, in order; the first interval too large to answer is named.
  @Test func aDayIsStaffedIntervalByInterval() throws {
    let quarter = Workload(arrivalRate: 50.0 / 900, meanHandleTime: 180)
    let rows = try eightyTwenty.staffDay([("08:00", 50, quarter), ("08:15", 200, twoHundredAnHour)])
    #expect(rows.map(\.start) == ["08:00", "08:15"] && rows.map(\.contacts) == [50, 200])
    #expect(try rows.map(\.performance) == [eightyTwenty.staff(quarter), eightyTwenty.staff(twoHundredAnHour)])
    let huge = Workload(arrivalRate: 2e4, meanHandleTime: 100)
    #expect(throws: ErlangQuestion.DayError.tooLarge(interval: 1, expected: "an offered load (rate × AHT) of at most 1000000 erlangs")) {
      try eightyTwenty.staffDay([("08:00", 50, twoHundredAnHour), ("08:15", 1.8e7, huge)])
    }
  }
}
