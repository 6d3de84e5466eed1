import Stochastic
import Testing
@testable import ContactCenterModel

/// The bound on contacts per arrival (`Scenario.contactsPerArrivalBound`), against values worked
/// by hand, and against simulation: the contacts a replication offers never exceed it on average.
struct WorkBoundTests {
  @Test func withoutReturnsEachArrivalIsOneContact() {
    let scenario = dayScenario(callType(agents: 18))
    #expect(scenario.contactsPerArrivalBound == 1)
    #expect(abs(scenario.expectedArrivals - 200 * 8) < 1e-9)
  }

  /// A retrial probability p gives at most 1 / (1 − p) contacts per arrival (a geometric series).
  @Test(arguments: [(0.5, 2.0), (0.9, 10.0), (0.0, 1.0)])
  func retrialsAreAGeometricSeries(probability: Double, bound: Double) {
    let retrial = Recontact(probability: probability, delay: .exponential(mean: 60))
    let scenario = dayScenario(callType(agents: 5, retrial: retrial))
    #expect(abs(scenario.contactsPerArrivalBound - bound) <= 1e-12 * bound)
  }

  /// A retrial without patience never happens, nor a repeat of a type that always resolves.
  @Test func returnsThatCannotHappenDoNotCount() {
    let retrial = Recontact(probability: 1, delay: .exponential(mean: 60))
    let scenario = dayScenario(callType(agents: 5, patience: nil, retrial: retrial, repeats: retrial))
    #expect(scenario.contactsPerArrivalBound == 1)
  }

  /// A repeat returns with its probability times the chance of leaving unresolved: every
  /// unresolved customer coming back (probability 1) is 20% of contacts at resolution 0.8, so
  /// 1 / (1 − 0.2) = 1.25 contacts; with resolution 0 every contact returns, and there is no bound.
  @Test func certainReturnsHaveNoBound() {
    let repeats = Recontact(probability: 1, delay: .exponential(mean: 60))
    #expect(abs(dayScenario(callType(agents: 5, resolution: 0.8, repeats: repeats)).contactsPerArrivalBound - 1.25) <= 1e-12)
    #expect(dayScenario(callType(agents: 5, resolution: 0, repeats: repeats)).contactsPerArrivalBound == .infinity)
  }

  /// Escalation: tier1 resolves 60% and escalates all the rest, so a visit is at most 1.4
  /// contacts; tier2 resolves 50% and half of the rest come back as tier1 (return probability
  /// 0.5 × 0.5 = 0.25): 1.4 / 0.75 = 1.8667. A 100% escalation with resolution 0 is not a loop (escalations
  /// do not cycle): 2 contacts.
  @Test func escalationsLengthenAVisit() {
    var tier1 = callType(id: "tier1", agents: 20, resolution: 0.6)
    tier1.escalations = [Escalation(to: 1, share: 1)]
    let tier2 = callType(id: "tier2", perHour: 0, agents: 10, resolution: 0.5,
                         repeats: Recontact(probability: 0.5, delay: .exponential(mean: 600), type: 0))
    #expect(abs(dayScenario(tier1, tier2).contactsPerArrivalBound - 1.4 / 0.75) <= 1e-12)
    tier1.resolution = 0
    #expect(dayScenario(tier1, callType(id: "tier2", perHour: 0, agents: 10)).contactsPerArrivalBound == 2)
  }

  /// A repeat of a type that always resolves cannot happen, unless a group's skill resolves less.
  @Test func theLowestResolutionOfAnySkillCounts() {
    var scenario = dayScenario(callType(agents: 5, repeats: Recontact(probability: 0.5, delay: .exponential(mean: 60))))
    #expect(scenario.contactsPerArrivalBound == 1)
    scenario.groups = [AgentGroup(id: "weak", skills: [Skill(type: 0, resolution: 0.2)], agents: [3])]
    // 80% unresolved × 50% come back: 1 / (1 − 0.4).
    #expect(abs(scenario.contactsPerArrivalBound - 1 / 0.6) <= 1e-12)
  }

  /// Simulated: the contacts offered per arrival stay under the bound (retrials at 60%, repeats at 40%).
  @Test func simulatedContactsStayUnderTheBound() throws {
    let type = callType(agents: 12, patience: .exponential(mean: 60), resolution: 0.7,
                        retrial: Recontact(probability: 0.6, delay: .exponential(mean: 120)),
                        repeats: Recontact(probability: 0.4, delay: .exponential(mean: 300)))
    let scenario = dayScenario(type)
    let result = try Experiment(scenario: scenario, seed: 7).run(replications: 4, threads: 2)
    let offered = result.replications.reduce(0) { $0 + $1.types[0][.offered]! }
    #expect(offered / (4 * scenario.expectedArrivals) <= scenario.contactsPerArrivalBound)
    #expect(abs(scenario.contactsPerArrivalBound - 2.5) <= 1e-12)
  }
}
