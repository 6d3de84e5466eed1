import Foundation
import ScenarioFuzzing
import ScenarioIO
import TestSupport
import Testing

/// The bundled examples, found from this source file (the tests run from the package root or not).
private let scenariosFolder = repositoryPath("Scenarios")

private let examples = (try? FuzzTarget.examples(in: scenariosFolder)) ?? []

/// Seeded mutants of every example scenario and plan, read in process: a trap ends the test run
/// (the run itself is the check), a refusal must be located inside its file, and what validates
/// must run two short replications without NaN. A failure prints the mutant's seed and text;
/// `Scripts/fuzz` runs longer campaigns (`Docs/fuzzing.md`).
struct ScenarioFuzzTests {
  /// Mutants per example file: 9 examples × 500 = 4 500 mutants, about 15 s in release on 2 cores.
  static let mutantsPerExample = 500

  @Test func everyExampleIsFuzzed() {
    #expect(examples.count >= 9, "examples found in \(scenariosFolder): \(examples.map(\.name))")
    #expect(examples.contains { $0.base != nil }, "no plan found with its base scenario")
  }

  @Test(arguments: examples.indices)
  func mutantsAreRefusedAtTheirPlaceOrRun(example: Int) {
    // One campaign over all examples; this test takes the mutants of one of them.
    let campaign = FuzzCampaign(targets: examples, masterSeed: 20_250_601)
    var outcomes: [String: Int] = [:]
    for k in 0..<Self.mutantsPerExample {
      let mutant = campaign.mutant(k * examples.count + example)
      let outcome = campaign.check(mutant)
      switch outcome {
      case .refused: outcomes["refused", default: 0] += 1
      case .ran: outcomes["ran", default: 0] += 1
      case .overloaded: outcomes["overloaded", default: 0] += 1
      case .nan(let metric): Issue.record("NaN in \(metric) for \(mutant.description)")
      case .misplaced(let problem): Issue.record("\(problem)\nfor \(mutant.description)")
      }
    }
    // Mutants that all fail to parse, or all run, test little: both kinds must occur.
    #expect(outcomes["refused", default: 0] > Self.mutantsPerExample / 10, "\(examples[example].name): \(outcomes)")
    #expect(outcomes["ran", default: 0] > Self.mutantsPerExample / 50, "\(examples[example].name): \(outcomes)")
  }
}
