import Foundation
import TestSupport
import Testing

private func fixture(_ name: String) -> String { repositoryPath("Tests/ScenarioIOTests/Fixtures/scenarios/\(name)") }

/// Input that used to trap (SIGILL) or print a library's own wording: every command refuses it with
/// one located line, status 2, and writes nothing.
@Suite struct HostileInputCommandTests {
  /// A skill repeated as a bare id, through every path that reads skills.
  @Test func aRepeatedSkillIsRefusedByEveryCommand() throws {
    let out = try temporaryFolder("hostile")
    defer { try? FileManager.default.removeItem(at: out) }
    let plan = out.appendingPathComponent("typo.yaml")
    try Data("groups:\n  - {id: generalists, skills: [software, software]}\n".utf8).write(to: plan)
    let helpdesk = repositoryPath("Scenarios/helpdesk-two-tier.yaml")
    let bare = fixture("repeated-bare-skill.yaml")
    let cases: [([String], String)] = [
      (["validate", bare], "\(bare):11:21: error: groups[0].skills[1]: expected each type once in a group's skills, found 'sales' again\n"),
      (["run", bare, "--replications", "2", "--out", out.path],
       "\(bare):11:21: error: groups[0].skills[1]: expected each type once in a group's skills, found 'sales' again\n"),
      (["compare", helpdesk, "--plan", plan.path, "--replications", "2", "--out", out.path],
       "\(plan.path):2:42: error: groups[0].skills[1]: expected each type once in a group's skills, found 'software' again\n"),
      (["sweep", helpdesk, "--vary", "groups[0].skills[1]=hardware", "--replications", "2", "--out", out.path],
       "--vary groups[0].skills[1]=hardware: error: groups[0].skills[1]: expected each type once in a group's skills, found 'hardware' again\n"),
    ]
    for (arguments, message) in cases {
      let (status, stderr) = try ccsim(arguments)
      #expect(status == 2, "\(arguments[0]): status \(status)")
      #expect(stderr == message, "\(arguments[0])")
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: out.path) == ["typo.yaml"], "something was written")
  }

  /// CVs that `validate` accepts run: a lognormal CV of 1e-9, a gamma CV of 1e-160 and a
  /// busyness CV of 1e-300 used to trap in the samplers.
  @Test func tinyCoefficientsOfVariationRun() throws {
    let out = try temporaryFolder("tiny-cv")
    defer { try? FileManager.default.removeItem(at: out) }
    #expect(try ccsim(["validate", fixture("tiny-cv.yaml")]).status == 0)
    let (status, stderr) = try ccsim(["run", fixture("tiny-cv.yaml"), "--replications", "2", "--out", out.path])
    #expect(status == 0 && stderr.isEmpty, "\(status): \(stderr)")
  }

  /// `--seed` answers in the documented `expected …, found …` style, with a space or an `=`.
  @Test(arguments: [["--seed", "-1"], ["--seed=-1"], ["--seed", "abc"]])
  func aBadSeedIsNamedWithItsRange(seed: [String]) throws {
    let (status, stderr) = try ccsim(["run", repositoryPath("Scenarios/mmn-steady.yaml")] + seed)
    let value = seed.count == 2 ? seed[1] : "-1"
    #expect(status == 2)
    #expect(stderr == "ccsim: error: --seed: expected a whole number from 0 to 2^64 - 1, found '\(value)'\n")
  }
}
