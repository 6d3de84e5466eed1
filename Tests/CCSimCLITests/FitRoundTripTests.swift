import ContactCenterModel
import Foundation
import ScenarioIO
import TestSupport
import Testing
@testable import CCSimCLI

/// Simulate, export the calls (`ccsim run --calls`), fit them (`ccsim fit`), simulate the fit: the
/// fitted centre's day must behave as the original's.
@Suite struct FitRoundTripTests {
  /// One queue 08:00–16:00 in half-hours, loaded enough that callers wait and abandon: lognormal
  /// handle times, Weibull patience, 10% self-service, a day factor of cv 0.1.
  static let original = """
    name: roundtrip
    openingHours: 08:00-16:00
    interval: 30m
    busynessCV: 0.1
    serviceLevel: {threshold: 20s}
    contactTypes:
      - id: sales
        volumes: [40, 60, 80, 100, 110, 100, 90, 80, 80, 90, 100, 90, 70, 50, 40, 30]
        containment: 10%
        handleTime: {distribution: lognormal, mean: 240s, cv: 0.6}
        patience: {distribution: weibull, mean: 180s, shape: 0.8}
        agents: [6, 8, 11, 13, 14, 13, 12, 11, 11, 12, 13, 12, 10, 7, 6, 5]
    """

  /// 60 simulated days exported and fitted. A simulated agent is one of a group's interchangeable
  /// headcount (the log names the group, not the person), so the log cannot give the staffing:
  /// the fitted inputs — volumes, containment, busyness, handle time, patience — are run on the
  /// original's agents. Each day KPI of the fit (30 replications) must lie within 4 standard errors
  /// of the difference from the original's (30 replications on other seeds); 4, not 2, because
  /// the fitted inputs carry their own estimation error besides the simulations'.
  @Test func aFittedCentreBehavesAsTheOneItWasFittedTo() throws {
    let root = try temporaryFolder("roundtrip")
    defer { try? FileManager.default.removeItem(at: root) }
    let scenarioPath = root.appendingPathComponent("roundtrip.yaml").path
    try Self.original.write(toFile: scenarioPath, atomically: true, encoding: .utf8)
    let calls = root.appendingPathComponent("calls.csv").path
    try Run.parse([scenarioPath, "--replications", "60", "--seed", "5", "--out", root.path, "--calls", calls]).run()
    try Fit.parse([calls, "--columns", repositoryPath("Scenarios/history/ccsim-calls-columns.yaml"), "--interval", "30m",
                   "--name", "roundtrip-fit", "--out", root.path]).run()
    let parent = root.appendingPathComponent("roundtrip-fit")
    let folder = parent.appendingPathComponent(try #require(FileManager.default.contentsOfDirectory(atPath: parent.path).first))
    let fitted = try ScenarioFile.load(path: folder.appendingPathComponent("scenario.yaml").path).scenario
    let truth = try ScenarioFile.parse(Self.original, file: "roundtrip.yaml").scenario

    #expect(fitted.intervalCount == 16 && fitted.clockStart == 8 * 3600, "the opening hours are found")
    var hybrid = truth
    let type = try #require(fitted.contactTypes.first)
    hybrid.busynessCV = fitted.busynessCV
    hybrid.contactTypes[0].arrivalRates = type.arrivalRates
    hybrid.contactTypes[0].containment = type.containment
    hybrid.contactTypes[0].handleTime = type.handleTime
    hybrid.contactTypes[0].patience = type.patience

    let expected = try Experiment(scenario: truth, seed: 101).run(replications: 30, threads: 2)
    let found = try Experiment(scenario: hybrid, seed: 202).run(replications: 30, threads: 2)
    for metric in [Metric.offered, .answered, .abandonRate, .averageSpeedOfAnswer, .serviceLevel] {
      let a = try #require(expected.confidenceInterval(metric, level: 0.95))
      let b = try #require(found.confidenceInterval(metric, level: 0.95))
      // A 95% half-width over 30 replications is about 2.05 standard errors.
      let error = ((a.halfWidth / 2.045) * (a.halfWidth / 2.045) + (b.halfWidth / 2.045) * (b.halfWidth / 2.045)).squareRoot()
      #expect(abs(a.mean - b.mean) < 4 * error, "\(metric): original \(a), fitted \(b)")
    }
  }
}
