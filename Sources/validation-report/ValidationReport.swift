// validation-report's command line: where the reference files are; the report's order.
import ArgumentParser
import Foundation

/// The `validation-report` command line: prints `Docs/validation.md` — simulated steady-state
/// M/M/n and M/M/n+M against the exact Erlang C and Erlang A values, then the multi-skill,
/// priority and finite-capacity reference cases against their reference files, side by side.
///
/// `Scripts/validation-report` builds it and runs it from the repository's root, writing its output
/// to `Docs/validation.md`; a release build takes a few minutes. The output depends only on the
/// reference files and the simulator (fixed seeds, two threads), so regenerating reproduces the
/// committed file byte for byte unless the simulator's numbers changed.
struct ValidationReport: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validation-report",
    abstract: "Prints Docs/validation.md: the simulator against exact queueing results and reference simulations.",
    discussion: """
      Takes a few minutes in a release build. Scripts/validation-report builds this program, runs it \
      from the repository's root and writes its output to Docs/validation.md. The reference files \
      are read from Tests/Reference in --repository (by default the current \
      directory) unless --reference names another folder.
      """)

  @Option(help: ArgumentHelp("The repository (default: the current directory).", valueName: "path"))
  var repository: String?

  @Option(help: ArgumentHelp(
    "The folder of the reference files (default: Tests/Reference in --repository).",
    valueName: "folder"))
  var reference: String?

  /// The folder the reference files are read from.
  var referenceDirectory: String {
    reference ?? URL(fileURLWithPath: repository ?? ".").appendingPathComponent("Tests/Reference").path
  }

  func run() throws {
    printIntroduction()
    for c in SingleQueueCase.all { printSingleQueueSection(c) }
    printReferenceSections(referenceDirectory: referenceDirectory)
    printLowVolumeSection()
  }
}
