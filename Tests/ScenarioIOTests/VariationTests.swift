import ContactCenterModel
import Foundation
import Testing
@testable import ScenarioIO

private func planFixture(_ name: String) -> String {
  Bundle.module.url(forResource: "Fixtures/plans/\(name)", withExtension: nil)!.path
}

struct VariationTests {
  /// Field paths select list items by id or position and replace the value as written; the
  /// scenario parser reads it with its units.
  @Test func fieldPathsReplaceValuesAsWritten() throws {
    let file = try ScenarioFile.load(path: planFixture("base.yaml"))
    let variations = try ["contactTypes[sales].handleTime.mean=6m", "groups[0].agents=7", "targets.asa=45s",
                          "contactTypes[service].targets.serviceLevel=90%"].map(Variation.init)
    let scenario = try file.varied(variations, values: variations.map { $0.values[0] })
    #expect(scenario.contactTypes[0].handleTime == .exponential(mean: 360))
    #expect(scenario.groups[0].agents == [7, 7])
    #expect(scenario.targets.types[1] == TypeTargets(serviceLevel: 0.9, averageSpeedOfAnswer: 45))
    #expect(scenario.targets.types[0].averageSpeedOfAnswer == nil)      // the type's own `asa: none` stays
    var expected = file.scenario
    expected.contactTypes[0].handleTime = .exponential(mean: 360)
    expected.groups[0].agents = [7, 7]
    expected.targets = scenario.targets
    #expect(scenario == expected)
  }

  /// `volume` multiplies arrival rates (all types, or one); `staff[GROUP]` adds agents to every
  /// interval, never below 0, for a group or a type's own agents.
  @Test func volumeAndStaffAdjustments() throws {
    let file = try ScenarioFile.load(path: planFixture("base.yaml"))
    let base = file.scenario
    let all = try file.varied([Variation("volume=110%")], values: ["110%"])
    #expect(zip(all.contactTypes, base.contactTypes).allSatisfy { zip($0.arrivalRates, $1.arrivalRates).allSatisfy { abs($0 - 1.1 * $1) < 1e-15 } })
    let one = try file.varied([Variation("volume[service]=0.5")], values: ["0.5"])
    #expect(one.contactTypes[0].arrivalRates == base.contactTypes[0].arrivalRates)
    #expect(one.contactTypes[1].arrivalRates == base.contactTypes[1].arrivalRates.map { $0 * 0.5 })
    let staff = try file.varied([Variation("staff[team]=-11"), Variation("staff[service]=+2")], values: ["-11", "+2"])
    #expect(staff.groups[0].agents == [0, 1])
    #expect(staff.contactTypes[1].agents == [8, 8])
  }

  /// Bad keys and values: an `InputError` naming `--vary`, or the scenario's own error named after
  /// the `--vary` value that caused it.
  @Test func badKeysAndValuesAreNamed() throws {
    let file = try ScenarioFile.load(path: planFixture("base.yaml"))
    func message(_ text: String) -> String {
      do {
        let variation = try Variation(text)
        _ = try file.varied([variation], values: [variation.values[0]])
        return "no error"
      } catch { return "\(error)" }
    }
    #expect(message("groups[nobody].agents=3") == "--vary: expected a field path that exists in the scenario (no item [nobody] in the list), found 'groups[nobody].agents'")
    #expect(message("groups.agents[=3") == "--vary: expected a field path such as contactTypes[hotline].handleTime.mean, volume, volume[TYPE] or staff[GROUP], found 'groups.agents['")
    #expect(message("volume=-1") == "--vary: expected factors on the arrival rates from 0 to 100, such as 1.1 or 110%, found 'volume=-1'")
    #expect(message("staff[backup]=1") == "--vary: expected staff[GROUP] with a group staffed by a headcount (vary a shift's count instead: groups[backup].shifts[0].count), found 'staff[backup]'")
    #expect(message("agents=1,1") == "--vary: expected each value once, found 'agents=1,1'")
    #expect(message("contactTypes[sales].handleTime.mean=6") == "--vary contactTypes[sales].handleTime.mean=6: error: contactTypes[0].handleTime.mean: expected a duration > 0 with a unit, such as 300s or 5m, found 6")
  }
}
