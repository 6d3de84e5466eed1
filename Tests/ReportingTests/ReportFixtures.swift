import ContactCenterModel
@testable import Reporting

/// The id of the second contact type: markup, an ampersand and quotes, as a user file might hold.
/// If it reached the page unescaped, its script would mark the page (`data-injected`).
let hostileTypeID = #"tech & "fix" <script>document.documentElement.dataset.injected='yes'</script>"#
/// The shared group's id, hostile too.
let hostileGroupID = #"team "<b>" & 'co'"#

/// A small centre over eight half-hours from 08:00: `billing` calls have their own agents (a
/// dedicated group, so a staff cost of their own); the hostile call type and `email` (deferred
/// work, waits in hours) share a group. The hostile type gets no contacts from 09:30 to 10:00 (its
/// service level is undefined there: a gap). Hourly costs and contact prices in EUR, so every
/// section has something to show.
func smallCentre() -> Scenario {
  var billing = ContactType(
    id: "billing", arrivalRates: [40, 60, 80, 90, 70, 60, 50, 30].map { $0 / 1800 }, handleTime: .exponential(mean: 240),
    patience: .exponential(mean: 180), agents: [7, 10, 13, 14, 12, 10, 9, 6], serviceLevel: ServiceLevelRule(threshold: 20),
    contactCosts: ContactCosts(perAnswered: 0.3, telephonyPerMinute: 0.02, perAbandoned: 2))
  billing.hourlyCost = 28
  let tech = ContactType(
    id: hostileTypeID, arrivalRates: [20, 30, 40, 0, 35, 30, 20, 10].map { $0 / 1800 }, handleTime: .exponential(mean: 360),
    patience: .exponential(mean: 240), serviceLevel: ServiceLevelRule(threshold: 30),
    contactCosts: ContactCosts(perAnswered: 0.5))
  var email = ContactType(
    id: "email", arrivalRates: Array(repeating: 12.0 / 1800, count: 8), handleTime: .exponential(mean: 420), patience: nil,
    serviceLevel: ServiceLevelRule(threshold: 4 * 3600), priority: 2)
  email.setChannel(.email)
  let shared = AgentGroup(id: hostileGroupID, skills: [Skill(type: 1), Skill(type: 2, preference: 2)],
                          agents: [8, 10, 12, 6, 11, 10, 8, 6], hourlyCost: 35, shrinkage: 0.2)
  return Scenario(name: "small <centre>", intervalLength: 1800, intervalCount: 8, clockStart: 8 * 3600,
                  contactTypes: [billing, tech, email], groups: [shared], costs: CostRules(currency: "EUR", overtimeFactor: 1.5))
}

/// The run report of ``smallCentre()`` (5 replications, seed 3), computed once.
let smallCentreReport: RunReport = {
  // A centre far from overload: an overload here is a mistake in the fixture.
  guard let result = try? Experiment(scenario: smallCentre(), seed: 3).run(replications: 5, threads: 2) else {
    fatalError("the small centre overloaded")
  }
  return RunReport(result: result, scenarioSHA256: String(repeating: "ab", count: 32), toolVersion: "0.0.0-test")
}()
