import ContactCenterModel
import Estimators
import Foundation
import ScenarioIO
import TestSupport
import Testing
@testable import CCSimCLI
@testable import Reporting

/// `ccsim run --calls`: every contact of the run as a generic call log, read back through
/// `Scenarios/history/ccsim-calls-columns.yaml` (`Docs/history.md`, "The centre's own calls").
@Suite struct CallsCommandTests {
  private static let replications = 3

  /// The run folder's summary.json.
  private func summary(under root: URL, scenario: String) throws -> [String: Any] {
    let parent = root.appendingPathComponent(scenario)
    let run = try #require(try FileManager.default.contentsOfDirectory(atPath: parent.path).sorted().first)
    let data = try Data(contentsOf: parent.appendingPathComponent(run).appendingPathComponent("summary.json"))
    return try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// Each example run with `--calls` (seed 3, three replications) and its log read back: per type,
  /// the rows are the summary's `offered`; served, abandoned and self-service calls its `answered`,
  /// `abandoned` and `contained`; the rows left out its `blocked + unserved + carried_over`, all
  /// exactly (a mean over replications times their number is the count). The mean wait of the
  /// served calls is the type's ASA to 1e-6 relative: per replication (the caller id's prefix)
  /// then averaged in a day study, the ratio of the sums in a steady-state one (as the summary
  /// estimates it). And the bytes are the same on one thread as on two.
  @Test(arguments: ["hotline-day", "helpdesk-two-tier", "ticket-desk", "retail-multichannel", "blended-voice-email",
                    "priority-low-volume", "mmn-steady"])
  func theCallLogReadsBackAsTheRunsSummary(example: String) throws {
    let root = try temporaryFolder("calls")
    defer { try? FileManager.default.removeItem(at: root) }
    let scenario = repositoryPath("Scenarios/\(example).yaml")
    var bytes: [Data] = []
    for threads in ["2", "1"] {
      let calls = root.appendingPathComponent("calls-\(threads).csv").path
      try Run.parse([scenario, "--replications", "\(Self.replications)", "--seed", "3", "--threads", threads,
                     "--out", root.appendingPathComponent("out-\(threads)").path, "--calls", calls]).run()
      bytes.append(try Data(contentsOf: URL(fileURLWithPath: calls)))
    }
    #expect(bytes[0] == bytes[1], "the same bytes whatever the threads")
    let path = root.appendingPathComponent("calls-1.csv").path
    let json = try summary(under: root.appendingPathComponent("out-1"), scenario: example)
    let types = try #require(json["by_type"] as? [String: [String: Any]])
    let isDay = json["study"] as? String == "day"

    // Rows per type and outcome, counted from the text (the reader does not type the rows it leaves out).
    let text = try String(contentsOfFile: path, encoding: .utf8)
    var lines = text.split(separator: "\n")
    #expect(lines.removeFirst() == Substring(CallsCSV.header.dropLast()))
    var rows: [String: [String: Int]] = [:]
    for line in lines {
      let fields = line.split(separator: ",", omittingEmptySubsequences: false)
      rows[String(fields[3]), default: [:]][String(fields[15]), default: 0] += 1
    }

    let mapping = try CallLogMapping.load(path: repositoryPath("Scenarios/history/ccsim-calls-columns.yaml"))
    var read: [String: (served: Int, abandoned: Int, contained: Int)] = [:]
    // Per type and replication: waits of the served calls summed, and their number.
    var waits: [String: [Int: (sum: Double, count: Int)]] = [:]
    let log = try GenericCallLogReader(path: path, mapping: mapping, badRowShare: 0).read { call in
      switch call.outcome {
      case .served:
        read[call.type, default: (0, 0, 0)].served += 1
        let replication = Int(call.customer?.split(separator: "-").first ?? "") ?? -1
        waits[call.type, default: [:]][replication, default: (0, 0)].sum += call.wait
        waits[call.type, default: [:]][replication, default: (0, 0)].count += 1
      case .abandoned: read[call.type, default: (0, 0, 0)].abandoned += 1
      case .selfService: read[call.type, default: (0, 0, 0)].contained += 1
      }
    }
    #expect(log.badRows == 0 && log.rows == lines.count && log.hasAgents && log.hasCustomers)

    func mean(_ type: [String: Any], _ key: String) -> Double { ((type[key] as? [String: Any])?["mean"] as? NSNumber)?.doubleValue ?? 0 }
    /// The summary's mean over the replications as a count: exact, or `nil`.
    func count(_ type: [String: Any], _ keys: String...) -> Int? {
      let total = keys.map { mean(type, $0) }.reduce(0, +) * Double(Self.replications)
      return abs(total - total.rounded()) < 1e-6 ? Int(total.rounded()) : nil
    }
    var leftOut = 0
    for (id, type) in types {
      let byOutcome = rows[id] ?? [:]
      #expect(count(type, "offered") == byOutcome.values.reduce(0, +), "\(example) \(id): offered")
      #expect(count(type, "answered") == (read[id]?.served ?? 0), "\(example) \(id): answered")
      #expect(count(type, "abandoned") == (read[id]?.abandoned ?? 0), "\(example) \(id): abandoned")
      #expect(count(type, "contained") == (read[id]?.contained ?? 0), "\(example) \(id): contained")
      let away = ["blocked", "unserved", "carried_over"].map { byOutcome[$0] ?? 0 }.reduce(0, +)
      #expect(count(type, "blocked", "unserved", "carried_over") == away, "\(example) \(id): left out")
      leftOut += away
      guard let asa = ((type["asa_s"] as? [String: Any])?["mean"] as? NSNumber)?.doubleValue else { continue }
      let perReplication = (waits[id] ?? [:]).values
      let fromLog = isDay ? perReplication.map { $0.sum / Double($0.count) }.reduce(0, +) / Double(perReplication.count)
        : perReplication.map(\.sum).reduce(0, +) / Double(perReplication.map(\.count).reduce(0, +))
      #expect(abs(fromLog - asa) <= 1e-6 * max(abs(asa), 1e-9), "\(example) \(id): ASA \(asa), from the log \(fromLog)")
    }
    #expect(log.phantoms == leftOut)
    #expect(types.keys.count == rows.keys.count, "no row of a type the summary lacks")
  }

  /// A contact's row as written: the day of its replication, times to the millisecond on the
  /// centre's clock, the full wait and handle time, the group as the agent, the caller.
  @Test func aRowIsWrittenAsDocumented() throws {
    let file = try ScenarioFile.load(path: repositoryPath("Scenarios/hotline-day.yaml"))
    let rows = CallsCSV(scenario: file.scenario)
    let start = file.scenario.clockStart
    let served = ContactRecord(replication: 1, id: 7, customer: 5, type: 0, group: 0, arrival: 0.5, queueEntry: 0.5,
                               answer: 12.0004, end: 200.25, wait: 11.5004, handle: 188.2496, outcome: .served,
                               resolution: .resolved)
    #expect(start == 7 * 3600)
    let (type, group) = (file.scenario.contactTypes[0], file.scenario.agentGroups[0].id)
    #expect(rows.rows([served]) == "2,2000-01-02,7,\(type.id),\(type.priority),\(group),2000-01-02 07:00:00.500,"
      + "2000-01-02 07:00:00.500,2000-01-02 07:00:12.000,,2000-01-02 07:03:20.250,11.5004,188.2496,\(group),2-5,served,resolved\n")
    let abandoned = ContactRecord(replication: 0, id: 1, customer: 1, type: 0, arrival: 60, queueEntry: 60, hangUp: 90.125,
                                  wait: 30.125, outcome: .abandoned)
    #expect(rows.rows([abandoned]) == "1,2000-01-01,1,\(type.id),\(type.priority),,2000-01-01 07:01:00.000,"
      + "2000-01-01 07:01:00.000,,2000-01-01 07:01:30.125,,30.125,,,1-1,abandoned,\n")
    // Times: rounded to the millisecond, past midnight on the next date, before it on the date before.
    #expect(rows.time(86_400 - start + 0.0004, replication: 0) == "2000-01-02 00:00:00.000")
    #expect(rows.time(-start - 1.5, replication: 2) == "2000-01-02 23:59:58.500")
    #expect(rows.time(-start + 3_723.25, replication: 0) == "2000-01-01 01:02:03.250")
  }

  /// `--calls` in a folder that does not exist: a clear error naming the flag before any work, and
  /// nothing written (no results folder, no file).
  @Test func callsInAMissingFolderAreRefusedAndNothingIsWritten() throws {
    let root = try temporaryFolder("calls")
    defer { try? FileManager.default.removeItem(at: root) }
    let missing = root.appendingPathComponent("no-such-folder/calls.csv").path
    let command = try Run.parse([repositoryPath("Scenarios/hotline-day.yaml"), "--replications", "2",
                                 "--out", root.appendingPathComponent("out").path, "--calls", missing])
    let error = #expect(throws: InputError.self) { try command.run() }
    #expect(error?.description == "--calls: expected a file in an existing folder, found 'no folder \(root.path)/no-such-folder'")
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
    let status = try ccsim(["run", repositoryPath("Scenarios/hotline-day.yaml"), "--replications", "2",
                            "--out", root.appendingPathComponent("out").path, "--calls", missing])
    #expect(status.status == 2 && status.stderr.contains("--calls: expected a file in an existing folder"))
    #expect(try FileManager.default.contentsOfDirectory(atPath: root.path).isEmpty)
  }
}
