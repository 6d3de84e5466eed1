import Estimators
import Foundation
import TestSupport
import Testing
@testable import ScenarioIO

/// What the interval-report tests share: fixture paths, one read returning the rows or the error,
/// and messages with their folders removed.
enum IntervalReports {
  static let example = repositoryPath("Scenarios/history/interval-report-example.csv")
  static let exampleMapping = repositoryPath("Scenarios/history/interval-report-example.yaml")

  static func fixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/intervals/\(name)", withExtension: nil)!.path
  }

  /// Reads `report` through `mapping` (both absolute paths).
  static func read(_ report: String, _ mapping: String, share: Double = 0.01, days: ClosedRange<CalendarDay>? = nil,
                   types: Set<String>? = nil) -> Result<([ObservedInterval], IntervalReportReader.Summary), CallLogError> {
    var intervals: [ObservedInterval] = []
    do {
      let columns = try IntervalReportMapping.load(path: mapping)
      let reader = IntervalReportReader(path: report, mapping: columns, badRowShare: share, days: days, types: types)
      let summary = try reader.read { intervals.append($0) }
      return .success((intervals, summary))
    } catch let error as CallLogError {
      return .failure(error)
    } catch {
      Issue.record("unexpected \(error)")
      return .failure(CallLogError([]))
    }
  }

  /// The message of a refused read, or `nil` when the read succeeded.
  static func message(_ report: String, _ mapping: String, share: Double = 0.01) -> String? {
    guard case .failure(let error) = read(report, mapping, share: share) else { return nil }
    return shortened(error.description)
  }

  /// `text` without the fixtures' and the examples' folders.
  static func shortened(_ text: String) -> String {
    text.replacingOccurrences(of: URL(fileURLWithPath: fixture("epoch.csv")).deletingLastPathComponent().path + "/", with: "")
      .replacingOccurrences(of: repositoryPath("Scenarios/history") + "/", with: "")
  }

  static let monday = CalendarDay(year: 2026, month: 3, day: 2)!
  static let tuesday = CalendarDay(year: 2026, month: 3, day: 3)!
}
