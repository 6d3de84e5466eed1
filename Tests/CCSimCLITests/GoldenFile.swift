import Foundation
import TestSupport
import Testing

/// Golden files: text a test expects byte for byte, kept in `Tests/CCSimCLITests/Golden/`.
///
/// To regenerate them on purpose (a help text or the report's structure changed), run the tests
/// with `CCSIM_UPDATE_GOLDEN=1` in the environment, then review `git diff Tests/CCSimCLITests/Golden`
/// like code:
///
///     CCSIM_UPDATE_GOLDEN=1 swift test -c release -Xswiftc -enable-testing --skip-build --filter GoldenTests
enum GoldenFile {
  /// The environment variable that makes ``expectMatches(_:_:sourceLocation:)`` write instead of compare.
  static let updateVariable = "CCSIM_UPDATE_GOLDEN"

  /// The path of the golden file `name`.
  static func path(_ name: String) -> String { repositoryPath("Tests/CCSimCLITests/Golden/\(name)") }

  /// Expects `actual` to equal the golden file `name`, recording a line diff when it does not; with
  /// `CCSIM_UPDATE_GOLDEN=1`, writes `actual` to the file instead (and the test passes).
  static func expectMatches(_ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
    let path = path(name)
    if ProcessInfo.processInfo.environment[updateVariable] == "1" {
      try actual.write(toFile: path, atomically: true, encoding: .utf8)
      return
    }
    guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
      Issue.record("no golden file \(path): create it with \(updateVariable)=1", sourceLocation: sourceLocation)
      return
    }
    if actual != expected {
      let message = "\(name) differs from its golden file (- golden, + now; if the change is meant, regenerate with "
        + "\(updateVariable)=1 and review the diff):\n" + lineDiff(from: expected, to: actual)
      Issue.record(Comment(rawValue: message), sourceLocation: sourceLocation)
    }
  }

  /// The lines removed from `old` (`- `) and inserted into `new` (`+ `), each with its line number
  /// (in `old` for a removal, in `new` for an insertion), in order of line number.
  static func lineDiff(from old: String, to new: String) -> String {
    let (oldLines, newLines) = (old.components(separatedBy: "\n"), new.components(separatedBy: "\n"))
    var changes: [(line: Int, isInsertion: Bool, text: String)] = []
    for change in newLines.difference(from: oldLines) {
      switch change {
      case .remove(let offset, let text, _): changes.append((offset + 1, false, text))
      case .insert(let offset, let text, _): changes.append((offset + 1, true, text))
      }
    }
    return changes.sorted { ($0.line, $0.isInsertion ? 1 : 0) < ($1.line, $1.isInsertion ? 1 : 0) }
      .map { String(format: "%4d ", $0.line) + ($0.isInsertion ? "+ " : "- ") + $0.text }
      .joined(separator: "\n")
  }
}
