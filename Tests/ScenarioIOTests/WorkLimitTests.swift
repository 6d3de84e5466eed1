import ContactCenterModel
import Testing
@testable import ScenarioIO

/// Valid files whose returns would make a replication run for hours are refused when read, with
/// the limit in the message.
struct WorkLimitTests {
  @Test(arguments: [
    // Every caller abandons at once and tries again at once, until closing time.
    ("runaway-retrial.yaml",
     "runaway-retrial.yaml:9:28: error: contactTypes[0].retrial.probability: expected a probability below 1 (if every caller who abandons tries again, a replication's work has no bound), found 100%"),
    // 3.6 M arrivals; a visit is at most 1.5 contacts (half of tier1 escalates), and 95% of tier2's
    // customers come back: 1.5 / (1 − 0.95) = 30 contacts per arrival.
    ("runaway-returns.yaml",
     "runaway-returns.yaml:5:3: error: contactTypes: expected at most 50000000 expected contacts per replication, found up to 108000000 (3600000 arrivals × up to 30 contacts each from retrials, repeats and escalations)"),
  ])
  func runawayWorkIsRefusedWithTheLimit(fixture: String, message: String) {
    #expect(scenarioErrors(fixture) == message)
  }

  /// Every bundled scenario stays well inside the limit.
  @Test(arguments: ["hotline-day.yaml", "helpdesk-two-tier.yaml", "blended-voice-email.yaml", "mmn-steady.yaml",
                    "retail-multichannel.yaml", "ticket-desk.yaml"])
  func bundledScenariosAreInsideTheLimit(name: String) throws {
    let scenario = try ScenarioFile.load(path: exampleScenario(name)).scenario
    #expect(scenario.expectedArrivals * scenario.contactsPerArrivalBound < ScenarioFile.maximumContacts / 10)
  }
}
