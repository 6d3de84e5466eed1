extension StaffingSearch {
  /// What moving deferred-work staffing later within its deadline did (`Docs/planning.md`,
  /// "Deferred work"): the moves keep the headcount; the saving is what the removals after them
  /// took out.
  public struct DeferredMoves: Hashable, Sendable {
    /// Agent-intervals moved later (an agent moved twice counts twice).
    public var agentIntervals: Int
    /// Planned paid cost of the plan the remove phase left (the interval-by-interval plan).
    public var plannedCostBefore: Double
    /// Planned paid cost after the moves and the removals they allowed.
    public var plannedCostAfter: Double
    /// What the moves saved (≥ 0: a move keeps the cost, a removal lowers it).
    public var saving: Double { plannedCostBefore - plannedCostAfter }
  }
}
