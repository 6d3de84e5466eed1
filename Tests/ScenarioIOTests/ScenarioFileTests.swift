import ContactCenterModel
import Foundation
import Stochastic
import TestSupport
import Testing
@testable import ScenarioIO

/// Loads a fixture and returns its error text with the fixture folder removed from file names.
func scenarioErrors(_ name: String) -> String? {
  let path = Bundle.module.url(forResource: "Fixtures/scenarios/\(name)", withExtension: nil)!.path
  do {
    _ = try ScenarioFile.load(path: path)
    return nil
  } catch {
    return error.description.replacingOccurrences(of: path, with: name)
  }
}

/// The bundled examples, found from this source file (the tests run from the package root or not).
func exampleScenario(_ name: String) -> String { repositoryPath("Scenarios/\(name)") }

struct ScenarioFileTests {
  /// Each bad input of issue 3, with its message checked verbatim.
  @Test(arguments: [
    ("missing-rate.yaml",
     "missing-rate.yaml:5:5: error: contactTypes[0]: expected exactly one of volumes (contacts per interval), rates (one per interval) or rate (all day), found none of them"),
    ("negative-rate.yaml",
     "negative-rate.yaml:6:11: error: contactTypes[0].rate: expected a rate with its period such as 576/h (at most 10000/s), found -5/h"),
    ("duration-without-unit.yaml",
     "duration-without-unit.yaml:7:51: error: contactTypes[0].handleTime.mean: expected a duration > 0 with a unit, such as 300s or 5m, found 300"),
    ("run-length-in-day.yaml",
     "run-length-in-day.yaml:2:12: error: runLength: expected no runLength in a day study (a day runs for its opening hours; use study: steady-state), found 30d"),
    ("run-length-too-long.yaml",
     "run-length-too-long.yaml:4:12: error: runLength: expected a run length > 0 and at most 365d, such as 30d or 1000h, found 366d"),
    ("run-length-with-hours.yaml",
     "run-length-with-hours.yaml:4:15: error: openingHours: expected no openingHours with runLength (a steady-state run of runLength is one window from 00:00), found 08:00-18:00\n"
       + "run-length-with-hours.yaml:5:11: error: interval: expected no interval with runLength (a steady-state run of runLength is one window from 00:00), found 60m"),
    ("interval-not-dividing.yaml",
     "interval-not-dividing.yaml:3:11: error: interval: expected a length that divides the opening hours (1.5h), found 1h"),
    ("wrong-profile-length.yaml",
     "wrong-profile-length.yaml:6:14: error: contactTypes[0].volumes: expected 4 values, one per interval, found 3"),
    ("zero-cv.yaml",
     "zero-cv.yaml:7:57: error: contactTypes[0].handleTime.cv: expected a coefficient of variation > 0 and ≤ 10, found 0"),
    ("unknown-distribution.yaml",
     "unknown-distribution.yaml:7:32: error: contactTypes[0].handleTime.distribution: expected one of 'exponential', 'gamma', 'erlang', 'lognormal', 'weibull', 'normal', 'uniform', 'deterministic', 'hyperexponential', 'empirical', found lognormnal\n  hint: did you mean 'lognormal'?"),
    ("no-agents.yaml",
     "no-agents.yaml:8:13: error: contactTypes[0].agents: expected at least one agent in some interval, found 0 in every interval"),
    ("empty.yaml",
     "empty.yaml: error: expected a scenario (a YAML mapping of name, openingHours, interval, contactTypes …), found an empty file"),
    ("not-yaml.yaml",
     "not-yaml.yaml:2:13: error: expected valid YAML, found a syntax error (did not find expected ',' or ']')"),
    ("alias-bomb.yaml",
     "alias-bomb.yaml:1:1: error: expected at most 1000000 YAML values (with aliases expanded), found aliases that expand to more than 1000000 values"),
    // Issue 4: references, coverage, cycles, shares and probabilities.
    ("unknown-skill-type.yaml",
     "unknown-skill-type.yaml:11:14: error: groups[0].skills[0]: expected the id of a contact type (sales), found unknown type 'sails'\n  hint: did you mean 'sales'?"),
    ("unknown-escalation-target.yaml",
     "unknown-escalation-target.yaml:9:23: error: contactTypes[0].escalation[0].to: expected the id of a contact type (tier1, tier2), found unknown type 'teir2'\n  hint: did you mean 'tier2'?"),
    ("unserved-type.yaml",
     "unserved-type.yaml:9:5: error: contactTypes[1]: expected agents of its own, or a group with a skill for 'billing', found no group that can serve it"),
    ("escalation-cycle.yaml",
     "escalation-cycle.yaml:15:23: error: contactTypes[1].escalation[0].to: expected an escalation that does not lead back to an earlier type (escalations must not cycle), found tier1 → tier2 → tier1"),
    ("escalation-shares.yaml",
     "escalation-shares.yaml:10:7: error: contactTypes[0].escalation: expected shares that sum to at most 1 (the rest leave unresolved), found a sum of 1.3"),
    ("bad-probability.yaml",
     "bad-probability.yaml:8:17: error: contactTypes[0].resolution: expected a probability from 0 to 1 (or a percentage such as 80%), found 1.2\nbad-probability.yaml:9:15: error: contactTypes[0].priority: expected a priority class P1 (most urgent) to P4, found P5\nbad-probability.yaml:11:18: error: contactTypes[0].containment: expected a probability from 0 to 1 (or a percentage such as 80%), found 130%"),
    ("bad-surge.yaml",
     "bad-surge.yaml:10:25: error: surges[0].to: expected an end after the start (10:00), found 09:00\nbad-surge.yaml:11:12: error: surges[1].from: expected a clock time HH:MM within the opening hours (08:00-12:00), found 07:00\nbad-surge.yaml:11:42: error: surges[1].factor: expected a factor on the arrival rates from 0 to 100, such as 2, found -1\nbad-surge.yaml:11:54: error: surges[1].types[0]: expected the id of a contact type (web), found unknown type 'wbe'\n  hint: did you mean 'web'?"),
    ("bad-costs.yaml",
     "bad-costs.yaml:4:40: error: costs.overtimeFactor: expected a factor on the hourly cost for overtime, 1 to 5 (1.5: time and a half), found 0.5\nbad-costs.yaml:4:59: error: costs.perAbandoned: expected the cost of each abandoned contact: an amount from 0 to 1000000, found -3\nbad-costs.yaml:9:17: error: contactTypes[0].hourlyCost: expected hourlyCost only on a type with its own agents (otherwise it belongs to the groups that serve it), found 30\nbad-costs.yaml:10:28: error: contactTypes[0].costs.perMinute: expected one of the keys perContact, telephonyPerMinute, perAbandoned, perContained, found unknown key 'perMinute'\nbad-costs.yaml:14:16: error: groups[0].shrinkage: expected a share of paid time lost from 0 to 90%, found 95%"),
    ("bad-shifts.yaml",
     "bad-shifts.yaml:12:77: error: groups[0].shifts[0].breaks[0].length: expected a break shorter than its shift (4h), found 5h\nbad-shifts.yaml:13:91: error: groups[0].shifts[1].breaks[1].after: expected a break after the previous one ends (2.5h into the shift), found 135m\nbad-shifts.yaml:14:34: error: groups[0].shifts[2].length: expected a shift that ends by closing time (16:00), found one ending at 18:00\nbad-shifts.yaml:15:17: error: groups[0].shifts[3].start: expected a start time HH:MM within the opening hours (08:00-16:00), found 07:00\nbad-shifts.yaml:15:45: error: groups[0].shifts[3].count: expected a whole number of agents from 0 to 100000, found -1"),
    ("bad-capacity.yaml",
     "bad-capacity.yaml:4:8: error: lines: expected a whole number of trunk lines, at least 1, found 0\nbad-capacity.yaml:11:20: error: contactTypes[0].queueCapacity: expected a whole number of waiting places, 0 or more, found -1\nbad-capacity.yaml:13:110: error: contactTypes[1].queueCapacity: expected a queue capacity only on voice or chat types (deferred work always queues), found 3 on deferred work"),
    ("fractional-lines.yaml",
     "fractional-lines.yaml:4:8: error: lines: expected a whole number of trunk lines, at least 1, found 2.5\nfractional-lines.yaml:6:147: error: contactTypes[0].queueCapacity: expected a whole number of waiting places, 0 or more, found 1.5"),
    ("lines-without-voice.yaml",
     "lines-without-voice.yaml:4:8: error: lines: expected lines only in a scenario with a voice type (they are trunk lines for calls), found no voice type"),
    ("bad-after-block.yaml",
     "bad-after-block.yaml:10:56: error: contactTypes[0].retrial.afterBlock: expected a probability from 0 to 1 (or a percentage such as 80%), found 150%"),
    ("bad-recontact.yaml",
     "bad-recontact.yaml:9:40: error: contactTypes[0].retrial.delay: expected a delay with a mean above 0 (a customer cannot come back instantly), found a mean of 0\nbad-recontact.yaml:10:47: error: contactTypes[0].repeat.as: expected the id of a contact type (billing), found unknown type 'biling'\n  hint: did you mean 'billing'?\nbad-recontact.yaml:10:55: error: contactTypes[0].repeat.after: expected one of the keys probability, delay, as, found unknown key 'after'"),
    ("bad-channel-types.yaml",
     "bad-channel-types.yaml:5:91: error: contactTypes[0].handledAs: expected handledAs only on a social type (voice, chat, email and ticket have a fixed handling), found chat\nbad-channel-types.yaml:6:89: error: contactTypes[1].backlog: expected an opening backlog only on deferred work (email, ticket, or social handled as email), found a mapping\nbad-channel-types.yaml:7:104: error: contactTypes[2].callback: expected a callback only on a voice type, found channel chat\nbad-channel-types.yaml:8:106: error: contactTypes[3].patience: expected no patience on deferred work (email never abandons; remove the key), found a mapping\nbad-channel-types.yaml:9:24: error: contactTypes[4].channel: expected one of 'voice', 'chat', 'email', 'ticket', 'social', found fax"),
    ("bad-concurrency.yaml",
     "bad-concurrency.yaml:7:105: error: contactTypes[2].retrial: expected no retrial on deferred work (it never abandons; a customer who comes back unresolved is a repeat), found a mapping\nbad-concurrency.yaml:9:44: error: groups[0].concurrency: expected a whole number of sessions an agent holds at once, from 1 to 20, found 0\nbad-concurrency.yaml:10:61: error: groups[1].stretch: expected 2 factors, one per concurrency level (1…2), found 3\nbad-concurrency.yaml:11:41: error: groups[2].concurrency: expected concurrency only in a group that takes chat sessions (a chat type, or social handled as chat), found 2\nbad-concurrency.yaml:12:40: error: groups[3].blending: expected blending only in a group that takes both deferred work (email, tickets) and real-time contacts (voice, chat), found a mapping\nbad-concurrency.yaml:13:54: error: groups[4].blending.reserve: expected a whole number of agents kept idle for real-time contacts, 0 to 10000, found -1"),
    ("bad-handle-time-profile.yaml",
     "bad-handle-time-profile.yaml:5:113: error: contactTypes[0].handleTimeByInterval: expected 4 factors, one per planning interval, found 3\nbad-handle-time-profile.yaml:6:116: error: contactTypes[1].handleTimeByInterval[1]: expected a handle-time factor > 0 and ≤ 10 (1 = the handleTime distribution as written), found 0\nbad-handle-time-profile.yaml:6:119: error: contactTypes[1].handleTimeByInterval[2]: expected a handle-time factor > 0 and ≤ 10 (1 = the handleTime distribution as written), found -1\nbad-handle-time-profile.yaml:6:123: error: contactTypes[1].handleTimeByInterval[3]: expected a handle-time factor > 0 and ≤ 10 (1 = the handleTime distribution as written), found .nan\nbad-handle-time-profile.yaml:7:116: error: contactTypes[2].handleTimeByInterval[1]: expected a handle-time factor > 0 and ≤ 10 (1 = the handleTime distribution as written), found .inf\nbad-handle-time-profile.yaml:7:122: error: contactTypes[2].handleTimeByInterval[2]: expected a handle-time factor > 0 and ≤ 10 (1 = the handleTime distribution as written), found 11\nbad-handle-time-profile.yaml:7:126: error: contactTypes[2].handleTimeByInterval[3]: expected a handle-time factor > 0 and ≤ 10 (1 = the handleTime distribution as written), found 2m\nbad-handle-time-profile.yaml:8:114: error: contactTypes[3].handleTimeByInterval: expected a list of 4 factors, one per planning interval, found 1.1"),
    ("run-length-handle-time-profile.yaml",
     "run-length-handle-time-profile.yaml:6:113: error: contactTypes[0].handleTimeByInterval: expected 1 factor, one per planning interval (the scenario has a single interval, as every runLength study does), found 2"),
    ("bad-targets.yaml",
     "bad-targets.yaml:4:25: error: targets.serviceLevel: expected a service-level target above 0% and at most 100%, such as 80%, or none, found 120%\nbad-targets.yaml:4:36: error: targets.asa: expected a longest average speed of answer such as 30s or 4h, or none, found 30\nbad-targets.yaml:4:53: error: targets.abandonment: expected a largest abandon rate above 0% and at most 100%, such as 5%, or none, found 0\nbad-targets.yaml:4:77: error: targets.per: expected one of 'interval', 'day', found week\nbad-targets.yaml:4:112: error: targets.level: expected a level from 50% to below 100%, such as 95%, found 40%\nbad-targets.yaml:9:46: error: contactTypes[0].targets.occupancy: expected an occupancy cap only on a type with its own agents (otherwise on the groups that serve it), found 80%\nbad-targets.yaml:9:51: error: contactTypes[0].targets.speed: expected one of the keys serviceLevel, asa, abandonment, occupancy, found unknown key 'speed'\nbad-targets.yaml:14:26: error: contactTypes[1].targets.occupancy: expected an occupancy cap above 0% and at most 100%, such as 90%, or none, found 1.5\nbad-targets.yaml:19:31: error: groups[0].targets.serviceLevel: expected one of the keys occupancy, found unknown key 'serviceLevel'"),
  ])
  func badInputIsReportedAtItsPlace(fixture: String, message: String) {
    #expect(scenarioErrors(fixture) == message)
  }

  @Test func everyErrorInAFileIsReportedAtOnceInFileOrder() {
    #expect(scenarioErrors("several-errors.yaml") == """
      several-errors.yaml:7:51: error: contactTypes[0].handleTime.mean: expected a duration > 0 with a unit, such as 300s or 5m, found -5m
      several-errors.yaml:8:15: error: contactTypes[0].patience.shape: expected a shape from 0.05 to 100, found nothing (the key is missing)
      several-errors.yaml:9:13: error: contactTypes[0].agents: expected 4 values, one per interval, found 2
      several-errors.yaml:10:5: error: contactTypes[0].servicelevel: expected one of the keys id, description, volumes, rates, rate, handleTime, patience, agents, serviceLevel, priority, resolution, escalation, containment, retrial, repeat, callback, costs, hourlyCost, shrinkage, channel, handledAs, backlog, concurrency, stretch, targets, queueCapacity, handleTimeByInterval, found unknown key 'servicelevel'
        hint: did you mean 'serviceLevel'?
      """)
  }

  @Test func unknownKeysAreErrorsWithAHint() {
    let text = scenarioErrors("unknown-key.yaml") ?? ""
    #expect(text.contains("unknown-key.yaml:7:5: error: contactTypes[0].handleTim: expected one of the keys"))
    #expect(text.contains("hint: did you mean 'handleTime'?"))
  }

  /// A 100 MB file is refused by its size, before it is read.
  @Test func hugeFilesAreRefusedWithTheLimit() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(getpid()).yaml").path
    #expect(FileManager.default.createFile(atPath: path, contents: nil))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let handle = try #require(FileHandle(forWritingAtPath: path))
    try handle.truncate(atOffset: 100 << 20)   // sparse: no 100 MB written
    try handle.close()
    #expect(throws: ScenarioErrors.self) { try ScenarioFile.load(path: path) }
    do { _ = try ScenarioFile.load(path: path) } catch {
      #expect(error.description == "\(path): error: expected a scenario file of at most 16 MiB, found 100 MiB")
    }
  }

  @Test func missingFilesAreNamed() {
    #expect(throws: ScenarioErrors([ScenarioError(
      file: "/nonexistent.yaml", line: 0, column: 0, path: "", expected: "a scenario file (YAML)", found: "no such file")])) {
      try ScenarioFile.load(path: "/nonexistent.yaml")
    }
  }

  @Test func theHotlineExampleReadsAsWritten() throws {
    let file = try ScenarioFile.load(path: exampleScenario("hotline-day.yaml"))
    let scenario = file.scenario
    #expect(scenario.name == "hotline-day")
    #expect(scenario.intervalCount == 56 && scenario.intervalLength == 900)
    #expect(scenario.clockStart == 7 * 3600)
    #expect(scenario.study == .day)
    #expect(scenario.busynessCV == 0.08)
    let type = try #require(scenario.contactTypes.first)
    #expect(type.handleTime == .lognormal(mean: 248, cv: 0.8))
    #expect(type.patience == .weibull(mean: 180, shape: 0.8))
    #expect(abs(type.arrivalRates.reduce(0, +) * 900 - 2975) < 1e-9)   // the CSV's day total
    #expect(type.agents?.max() == 36)
  }

  @Test func theSteadyStateExampleReadsAsWritten() throws {
    let scenario = try ScenarioFile.load(path: exampleScenario("mmn-steady.yaml")).scenario
    #expect(scenario.study == .steadyState(warmUp: 4 * 3600))
    let type = try #require(scenario.contactTypes.first)
    #expect(type.arrivalRates == Array(repeating: 576.0 / 3600, count: 24))
    #expect(type.agents == Array(repeating: 50, count: 24))
    #expect(type.serviceLevel == ServiceLevelRule(threshold: 20, definition: .offered))
  }

  /// `runLength`: one window of 100 days from 00:00 after the warm-up, in days (`d`).
  @Test func theLowVolumeExampleIsOneLongWindow() throws {
    let scenario = try ScenarioFile.load(path: exampleScenario("priority-low-volume.yaml")).scenario
    #expect(scenario.study == .steadyState(warmUp: 10 * 3600))
    #expect(scenario.intervalCount == 1 && scenario.intervalLength == 100 * 86_400 && scenario.clockStart == 0)
    #expect(scenario.contactTypes.map(\.priority) == [1, 2, 3])
    #expect(scenario.contactTypes.allSatisfy { $0.arrivalRates == [12.0 / 3600] })
    #expect(Quantity.seconds("1.5d") == 129_600 && Quantity.ratePerSecond("864/d") == 0.01)
  }

  /// The help-desk example: every multi-skill field lands where the file says.
  @Test func theHelpDeskExampleReadsAsWritten() throws {
    let scenario = try ScenarioFile.load(path: exampleScenario("helpdesk-two-tier.yaml")).scenario
    #expect(scenario.contactTypes.map(\.id) == ["hardware", "software", "tier2", "quality"])
    #expect(scenario.routing == RoutingPolicy(contactSide: .groupOrder, agentSide: .preference))
    let hardware = scenario.contactTypes[0]
    #expect(hardware.resolution == 0.85 && hardware.priority == 1 && hardware.agents == nil)
    #expect(hardware.escalations == [Escalation(to: 2, share: 0.5, transferTime: .deterministic(value: 60)),
                                     Escalation(to: 3, share: 0.1)])
    #expect(hardware.containment == 0.15)
    #expect(hardware.retrial == Recontact(probability: 0.6, delay: .exponential(mean: 600)))
    #expect(hardware.repeats == Recontact(probability: 0.7, delay: .lognormal(mean: 7200, cv: 0.5)))
    #expect(scenario.contactTypes[2].repeats?.type == 1)
    #expect(scenario.costs == CostRules(currency: "EUR", overtimeFactor: 1.5))
    #expect(hardware.contactCosts == ContactCosts(perAnswered: 0.35, telephonyPerMinute: 0.012, perAbandoned: 4, perContained: 0.4))
    #expect(scenario.contactTypes[1].contactCosts.perContained == 0)
    #expect(scenario.groups.map(\.hourlyCost) == [30, 36, 45, 40] && scenario.groups.allSatisfy { $0.shrinkage == 0.3 })
    #expect(scenario.contactTypes[2].priority == 2 && scenario.contactTypes[3].patience == nil)
    #expect(scenario.groups.map(\.id) == ["generalists", "software-specialists", "tier2", "quality"])
    let specialists = scenario.groups[1]
    #expect(specialists.skills == [Skill(type: 1, preference: 1, handleTimeFactor: 0.85, resolution: 0.8),
                                   Skill(type: 0, preference: 2, overflowDelay: 30)])
    #expect(scenario.groups[3].agents == Array(repeating: 4, count: 20))
    let tier2 = scenario.groups[2]
    #expect(tier2.shifts.map(\.start) == [0, 3600, 7200] && tier2.shifts.map(\.count) == [5, 4, 4])
    #expect(tier2.shifts[0].breaks == [ShiftBreak(offset: 7200, length: 900), ShiftBreak(offset: 14_400, length: 1800, paid: false),
                                       ShiftBreak(offset: 21_600, length: 900)])
    #expect(tier2.agents.prefix(4) == [5, 5, 9, 9])
  }

  /// The retail example: channels, chat concurrency and stretch, blending, the opening backlog and
  /// social handled as email land where the file says.
  @Test func theRetailExampleReadsAsWritten() throws {
    let scenario = try ScenarioFile.load(path: exampleScenario("retail-multichannel.yaml")).scenario
    #expect(scenario.intervalCount == 96)
    #expect(scenario.contactTypes.map(\.channel) == [.voice, .voice, .chat, .email, .social])
    #expect(scenario.contactTypes.map(\.handling) == [.call, .call, .session, .deferred, .deferred])
    #expect(scenario.contactTypes[3].openingBacklog == OpeningBacklog(count: 180, age: .uniform(minimum: 0, maximum: 8 * 3600)))
    #expect(scenario.contactTypes[3].serviceLevel.threshold == 4 * 3600 && scenario.contactTypes[4].serviceLevel.threshold == 7200)
    #expect(scenario.contactTypes[0].repeats?.type == 3)
    let chat = scenario.groups[1]
    #expect(chat.concurrency == Concurrency(limit: 3, stretch: [1, 1.15, 1.35]) && chat.blending == nil)
    let backOffice = scenario.groups[2]
    #expect(backOffice.blending == Blending(reserve: 1) && backOffice.concurrency == Concurrency())
    #expect(backOffice.skills.last == Skill(type: 0, preference: 2, overflowDelay: 45))
    #expect(scenario.surges.map(\.factor) == [2, 1.4] && scenario.surges[0].types == [1, 2])
  }
}
