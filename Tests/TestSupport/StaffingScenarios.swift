import ContactCenterModel

/// Small email days the staffing-search tests of PlanningTests and ReportingTests share: the
/// search's behaviour in Planning, its report in Reporting, on one and the same centre.

/// Email over a 2-hour day in 15-minute intervals: 20 an hour, 5-minute exponential handle times
/// (1.7 erlangs), one back office at 30 EUR an hour, 80% answered within 1 h judged by the mean per
/// interval, and an opening backlog of 40 emails that are each 2 h old at the opening, past the
/// 1-hour threshold. The backlog counts in the first interval's offered, so its service level is at
/// most about 5 / 45 = 11% whatever the staffing: the target at 00:00 is unattainable. The later
/// intervals' targets are attainable: their email waits behind the backlog (oldest first), which
/// must be worked off within the hour.
public func overdueBacklog() -> Scenario {
  var email = ContactType(id: "email", arrivalRates: Array(repeating: 20.0 / 3600, count: 8), handleTime: .exponential(mean: 300),
                          patience: nil, serviceLevel: ServiceLevelRule(threshold: 3600))
  email.setChannel(.email)
  email.openingBacklog = OpeningBacklog(count: 40, age: .deterministic(value: 2 * 3600))
  return emailDay(name: "overdue-backlog", email, intervals: 8)
}

/// Email over a 6-hour day in 15-minute intervals: 40 an hour in the first hour (a night's mail
/// read at the opening: 4 erlangs at 6-minute exponential handle times), then 4 an hour (0.4
/// erlangs); one back office at 30 EUR an hour; 80% answered within 2 h (8 intervals), judged by the
/// mean per interval. Erlang staffs the first hour for its own load (5 agents an interval); the
/// first hour's mail can as well be worked over the two hours its threshold allows, by agents who
/// then also answer the later, thinner mail.
public func earlyEmail() -> Scenario {
  let rates = (0..<24).map { $0 < 4 ? 40.0 / 3600 : 4.0 / 3600 }
  var email = ContactType(id: "email", arrivalRates: rates, handleTime: .exponential(mean: 360),
                          patience: nil, serviceLevel: ServiceLevelRule(threshold: 2 * 3600))
  email.setChannel(.email)
  return emailDay(name: "early-email", email, intervals: 24)
}

/// One email type on `intervals` quarter-hours, one back office of 1 agent an interval at 30 EUR an
/// hour, and the type's 80% service level checked per interval by the mean.
private func emailDay(name: String, _ email: ContactType, intervals: Int) -> Scenario {
  var scenario = Scenario(name: name, intervalLength: 900, intervalCount: intervals, contactTypes: [email],
                          groups: [AgentGroup(id: "back-office", skills: [Skill(type: 0)], agents: Array(repeating: 1, count: intervals),
                                              hourlyCost: 30)],
                          costs: CostRules(currency: "EUR"))
  scenario.targets = Targets(types: [TypeTargets(serviceLevel: 0.8)], maximumOccupancy: [nil], scope: .interval, assurance: .mean)
  return scenario
}
