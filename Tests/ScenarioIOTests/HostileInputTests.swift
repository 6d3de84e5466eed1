import ContactCenterModel
import Foundation
import Testing
@testable import ScenarioIO

/// Input written to break the reader — a one-character typo, tags, reserved words, odd bytes — is
/// refused at its place with a message a planner can act on; nothing traps.
struct HostileInputTests {
  @Test(arguments: [
    // A skill named twice, bare or beside its mapping form (this trapped in AgentGroup.init).
    ("repeated-bare-skill.yaml",
     "repeated-bare-skill.yaml:11:21: error: groups[0].skills[1]: expected each type once in a group's skills, found 'sales' again"),
    ("repeated-mixed-skill.yaml",
     "repeated-mixed-skill.yaml:11:44: error: groups[0].skills[1]: expected each type once in a group's skills, found 'sales' again"),
    // Explicit tags, on plain and quoted scalars alike; an alias's node is reported once.
    ("explicit-tags.yaml",
     "explicit-tags.yaml:2:15: error: openingHours: expected a value without a YAML tag (ccsim reads every value by its field), found the tag '!!str'\nexplicit-tags.yaml:5:9: error: contactTypes[0].id: expected a value without a YAML tag (ccsim reads every value by its field), found the tag '!!null'\nexplicit-tags.yaml:6:11: error: contactTypes[0].rate: expected a value without a YAML tag (ccsim reads every value by its field), found the tag '!!python/object:os.system'\nexplicit-tags.yaml:7:18: error: contactTypes[0].description: expected a value without a YAML tag (ccsim reads every value by its field), found the tag '!!str'"),
    // Ids YAML reads as null or a boolean, quoted or not.
    ("reserved-ids.yaml",
     "reserved-ids.yaml:5:10: error: contactTypes[0].id: expected an id such as 'support', not a word YAML reads as null or true/false (~, null, true, false, yes, no, on, off, y, n), found ~\nreserved-ids.yaml:6:10: error: contactTypes[1].id: expected an id such as 'support', not a word YAML reads as null or true/false (~, null, true, false, yes, no, on, off, y, n), found null\nreserved-ids.yaml:7:10: error: contactTypes[2].id: expected an id such as 'support', not a word YAML reads as null or true/false (~, null, true, false, yes, no, on, off, y, n), found true\nreserved-ids.yaml:8:10: error: contactTypes[3].id: expected an id such as 'support', not a word YAML reads as null or true/false (~, null, true, false, yes, no, on, off, y, n), found Off"),
    ("reserved-group-id.yaml",
     "reserved-group-id.yaml:7:10: error: groups[0].id: expected an id such as 'generalists', not a word YAML reads as null or true/false (~, null, true, false, yes, no, on, off, y, n), found no"),
    // libyaml's reader errors carry a character offset: the place is the message's, not its text.
    ("control-character.yaml",
     "control-character.yaml:5:12: error: expected valid YAML, found text YAML cannot read (control characters are not allowed, U+0007)"),
    // A mean so small that the sampler's scale underflows to 0 (this trapped in run).
    ("tiny-mean.yaml",
     "tiny-mean.yaml:7:45: error: contactTypes[0].handleTime.mean: expected a mean of at least 1e-200s (below it the sampler's scale underflows to 0), found 1e-320s\ntiny-mean.yaml:8:45: error: contactTypes[0].patience.mean: expected a mean of at least 1e-200s (below it the sampler's scale underflows to 0), found 1e-250s"),
    // Cut short with no final line break: libyaml reports the line after the last (found by Scripts/fuzz).
    ("truncated-flow.yaml",
     "truncated-flow.yaml:5:80: error: expected valid YAML, found a syntax error (did not find expected ',' or '}')"),
    ("comments-only.yaml",
     "comments-only.yaml: error: expected a scenario (a YAML mapping of name, openingHours, interval, contactTypes …), found no YAML document (only comments)"),
  ])
  func hostileInputIsReportedAtItsPlace(fixture: String, message: String) {
    #expect(scenarioErrors(fixture) == message)
  }

  /// A file of a million and one values (no alias in it) is too large, not "an alias bomb".
  @Test func aHugeDocumentIsCalledTooLarge() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("values-\(UUID().uuidString).yaml").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    let list = "[" + Array(repeating: "0", count: ScenarioFile.maximumNodes + 1).joined(separator: ",") + "]\n"
    try Data(list.utf8).write(to: URL(fileURLWithPath: path))
    let error = #expect(throws: ScenarioErrors.self) { try ScenarioFile.load(path: path) }
    #expect(error?.description == "\(path):1:1: error: expected at most 1000000 YAML values (with aliases expanded), found a document of more than 1000000 values")
  }

  /// CVs far below anything measured validate, and the scenario reads (the simulation's side is in
  /// the Stochastic and CLI tests).
  @Test func tinyCoefficientsOfVariationAreValid() throws {
    let scenario = try #require(try? ScenarioFile.load(path: Bundle.module.url(forResource: "Fixtures/scenarios/tiny-cv.yaml", withExtension: nil)!.path)).scenario
    #expect(scenario.busynessCV == 1e-300)
    #expect(scenario.contactTypes[0].handleTime == .lognormal(mean: 300, cv: 1e-9))
  }

  /// A swept value goes through the same checks as the file (a skill made a repeat of another
  /// trapped), and a key the flag invents is the flag's mistake, not the file's.
  @Test(arguments: [
    ("helpdesk-two-tier.yaml", "groups[0].skills[1]=hardware",
     "--vary groups[0].skills[1]=hardware: error: groups[0].skills[1]: expected each type once in a group's skills, found 'hardware' again"),
    ("helpdesk-two-tier.yaml", "nosuch.key=3",
     "--vary nosuch.key=3: error: nosuch: expected one of the keys name, description, openingHours, interval, study, warmUp, busynessCV, serviceLevel, routing, contactTypes, groups, surges, costs, targets, lines, runLength, found unknown key 'nosuch'"),
  ])
  func sweptValuesAreCheckedAndNamed(scenario: String, text: String, message: String) throws {
    let file = try ScenarioFile.load(path: exampleScenario(scenario))
    let variation = try Variation(text)
    let error = #expect(throws: ScenarioErrors.self) { try file.varied([variation], values: [variation.values[0]]) }
    #expect(error?.description == message)
  }
}
