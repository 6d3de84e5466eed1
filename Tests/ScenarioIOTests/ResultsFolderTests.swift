import Foundation
import ScenarioIO
import Testing

/// The atomic results-folder writer: every file or none, and a signal that arrives while the files
/// are written removes the temporary folder and is answered by ``ResultsFolder/Interrupted``.
@Suite struct ResultsFolderTests {
  func temporaryRoot() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("ccsim-results-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  func entries(_ url: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []).sorted()
  }

  @Test func writesEveryFileUnderTheRunID() throws {
    let root = try temporaryRoot()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try ResultsFolder(under: root.path, scenario: "hotline-day")
    let path = try folder.write(seed: 7, label: "compare", files: [("a.csv", "x\n"), ("b.json", "{}\n")])
    #expect(path.hasSuffix("-s7-compare"))
    #expect(entries(URL(fileURLWithPath: path)) == ["a.csv", "b.json"])
    #expect(try String(contentsOfFile: path + "/a.csv", encoding: .utf8) == "x\n")
    #expect(entries(root.appendingPathComponent("hotline-day")).count == 1)
  }

  /// SIGINT or SIGTERM at the worst moment, every file written and the rename not yet done (sent to
  /// this thread only, so that no other thread of the test process takes it): nothing is left, not
  /// even the hidden temporary folder, and the signal is consumed.
  @Test(arguments: [SIGINT, SIGTERM])
  func aSignalWhileWritingLeavesNothing(signal: Int32) throws {
    let root = try temporaryRoot()
    defer { try? FileManager.default.removeItem(at: root) }
    let folder = try ResultsFolder(under: root.path, scenario: "hotline-day")
    var sawTemporaryFolder = false
    let error = #expect(throws: ResultsFolder.Interrupted.self) {
      try folder.write(seed: 1, files: [("summary.json", "{}\n")]) {
        sawTemporaryFolder = entries(root.appendingPathComponent("hotline-day")).contains { $0.hasPrefix(".incomplete-") }
        pthread_kill(pthread_self(), signal)
      }
    }
    #expect(error == ResultsFolder.Interrupted(signal: signal))
    #expect(sawTemporaryFolder)
    #expect(entries(root.appendingPathComponent("hotline-day")).isEmpty)
    var pending = sigset_t()
    sigpending(&pending)
    #expect(sigismember(&pending, signal) == 0, "the signal was answered, not left to act")
  }

  @Test func aFileWhereTheFolderShouldBeIsRefused() throws {
    let root = try temporaryRoot()
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appendingPathComponent("taken")
    try Data().write(to: file)
    let error = #expect(throws: InputError.self) { try ResultsFolder(under: file.path, scenario: "hotline-day") }
    #expect(error?.description == "--out: expected a folder results can be written in, found 'a file: \(file.path)'")
  }
}
