import Foundation
import TestSupport
import Testing
@testable import CCSimCLI
import ContactCenterModel

/// Valid files that would run away: refused when read, or stopped when the centre overloads, with
/// one line on standard error, a status of their own and nothing written.
@Suite struct RunawayTests {
  static func fixture(_ name: String) -> String { repositoryPath("Tests/ScenarioIOTests/Fixtures/scenarios/\(name)") }

  /// Ten lines: patience of 1 ms and every caller trying again after 1 ms, which ran for hours.
  @Test func theTenLineRetrialFileIsRefusedByValidate() throws {
    let path = Self.fixture("runaway-retrial.yaml")
    let ending = try ccsim(["validate", path], seconds: 30)
    #expect(ending.status == 2)
    #expect(ending.stderr == "\(path):9:28: error: contactTypes[0].retrial.probability: expected a probability below 1 "
      + "(if every caller who abandons tries again, a replication's work has no bound), found 100%\n")
  }

  /// 570 orders a second, no patience, one agent (which took 4.3 GB per replication thread): each
  /// replication stops when 2²¹ contacts wait, about an hour into the day; the run ends at once
  /// with status 3, writes nothing, and its memory stays within the limits' estimate.
  @Test func theOverloadedCentreStopsQuicklyWritingNothing() throws {
    let root = try temporaryFolder("overload")
    defer { try? FileManager.default.removeItem(at: root) }
    let started = Date()
    let ending = try ccsim(["run", Self.fixture("overloaded-centre.yaml"), "--replications", "4", "--threads", "2",
                            "--out", root.path], seconds: 120)
    let elapsed = Date().timeIntervalSince(started)
    #expect(ending.status == 3)
    #expect(ending.stderr.hasPrefix("ccsim: error: the centre is overloaded: more than 2097152 contacts waiting at once "
      + "(contact type 'orders', at 09:0"))
    #expect(ending.stderr.hasSuffix(" in the interval from 09:00, replication 1); add agents or patience, or lower the arrival rates\n"))
    #expect(ending.stderr.split(separator: "\n").count == 1)
    #expect(elapsed < 60, "took \(elapsed) s")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    var usage = rusage()
    getrusage(RUSAGE_CHILDREN.rawValue, &usage)
    // ru_maxrss is in KiB: the largest child so far, this one included.
    #expect(usage.ru_maxrss < 2 << 20, "a child took \(usage.ru_maxrss >> 10) MiB")
  }

  /// Threads are lowered so that the replications at once fit in three quarters of the memory.
  @Test(arguments: [
    (requested: 2, perReplication: 720 << 20, physicalMemory: UInt64(23) << 30, expected: 2),
    (requested: 64, perReplication: 720 << 20, physicalMemory: UInt64(16) << 30, expected: 17),
    (requested: 8, perReplication: 2 << 30, physicalMemory: UInt64(1) << 30, expected: 1),
  ])
  func threadsFitTheMachine(requested: Int, perReplication: Int, physicalMemory: UInt64, expected: Int) {
    #expect(Scenario.threads(fitting: requested, perReplication: perReplication, physicalMemory: physicalMemory) == expected)
  }
}
