import ContactCenterModel
import Foundation
import Planning
import ScenarioIO
import ShiftPlanning

extension StaffingJob {
  /// Runs the job for `ccsim staff` and `ccsim sweep --staff`: its errors as one line naming the
  /// scenario file (`path`) or the flag to change, and, when `showingProgress` and standard error
  /// is a terminal, each search step on one line there.
  func plan(path: String, showingProgress: Bool) throws -> StaffingPlan {
    let log: ((StaffingSearch.Step) -> Void)? = showingProgress && isatty(STDERR_FILENO) == 1 ? { step in
      let change = step.change == 0 ? "no change" : (step.change > 0 ? "+" : "") + "\(step.change) agent-intervals"
      FileHandle.standardError.write(Data(
        "\r\u{1B}[K\(step.phase.rawValue): \(change), \(step.misses) targets missed, planned cost \(Int(step.plannedCost.rounded()))".utf8))
    } : nil
    let plan: StaffingPlan
    do {
      plan = try self.plan(log: log)
    } catch let error as StaffingSearchError {
      if case .overloaded(let overload) = error { throw overload }
      throw InputError(error, path: path)
    } catch let error as ShiftPlanningError {
      if case .noPlanWithinLimits = error {
        throw InputError(field: "--shift-seconds", expected: "time enough for the shift planner to find a first plan", found: error.description)
      }
      throw InputError(location: path, field: "shiftRules", expected: "shift rules the planner can plan from", found: error.description)
    }
    if log != nil { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    return plan
  }
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
