import ContactCenterModel
import Foundation
import Planning
import ScenarioIO
import ShiftPlanning

extension StaffingJob {
  /// Runs the job for `ccsim staff`: its errors as ``staffingError(_:path:)`` reports them, and,
  /// when standard error is a terminal, each search step on one line there.
  func plan(path: String) throws -> StaffingPlan {
    let log: ((StaffingSearch.Step) -> Void)? = isatty(STDERR_FILENO) == 1 ? { step in
      let change = step.change == 0 ? "no change" : (step.change > 0 ? "+" : "") + "\(step.change) agent-intervals"
      FileHandle.standardError.write(Data(
        "\r\u{1B}[K\(step.phase.rawValue): \(change), \(step.misses) targets missed, planned cost \(Int(step.plannedCost.rounded()))".utf8))
    } : nil
    let plan: StaffingPlan
    do { plan = try self.plan(log: log) } catch { throw staffingError(error, path: path) }
    if log != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    return plan
  }
}

/// An error of ``Planning/StaffingJob`` as `ccsim` reports it: an overload as itself (exit status
/// 3), anything else as one line naming the scenario file (`path`) or the flag to change.
func staffingError(_ error: any Error, path: String) -> any Error {
  if let error = error as? StaffingSearchError {
    if case .overloaded(let overload) = error { return overload }
    return InputError(error, path: path)
  }
  if let error = error as? ShiftPlanningError {
    if case .noPlanWithinLimits = error {
      return InputError(field: "--shift-seconds", expected: "time enough for the shift planner to find a first plan", found: error.description)
    }
    return InputError(location: path, field: "shiftRules", expected: "shift rules the planner can plan from", found: error.description)
  }
  return error
}

extension InputError {
  /// A staffing error as one line naming the file and what it lacks.
  init(_ error: StaffingSearchError, path: String) {
    switch error {
    case .noTargets:
      self.init(location: path, field: "targets", expected: "a 'targets:' section (serviceLevel, asa, abandonment or occupancy; Docs/planning.md) for staff to meet", found: "")
    case .typeUnserved(let type):
      self.init(location: path, field: "contactTypes[\(type)]", expected: "a group with a skill for the type", found: "none")
    case .erlang(let type, let reason):
      self.init(location: path, field: "targets of \(type)", expected: "targets some staffing can meet", found: reason.description)
    case .roundLimit(let rounds, let misses):
      self.init(field: "--max-rounds", expected: "enough simulation rounds to meet every target (\(misses) still missed)", found: String(rounds))
    case .overloaded(let overload):
      self.init(location: path, field: "groups", expected: "a staffing plan the centre can carry", found: overload.description)
    }
  }
}
