extension StaffingSearch {
  /// How the search knew a target unattainable (`Docs/planning.md`, "Unattainable targets").
  public enum Unattainability: String, Hashable, Sendable {
    /// The ceiling plan misses it: the plan with, in every group and interval, enough extra agents
    /// that practically no contact waits. More agents cannot meet it (an opening backlog already
    /// past its threshold).
    case ceiling
    /// Three additions in a row each brought it less than 10% closer (the fallback, for targets
    /// the ceiling plan meets but the search cannot reach).
    case stall
  }

  /// The agents taken out of a plan because every target they were added for was set aside as
  /// unattainable (an addition that an attainable target asked for too stays). Counted when they
  /// were removed: the search may later add agents in the same intervals for attainable targets.
  public struct Released: Hashable, Sendable {
    /// Agent-intervals removed, per group (``ContactCenterModel/Scenario/agentGroups`` order).
    public var agentIntervals: [Int]
    /// Their planned paid cost (shrinkage included, as ``StaffingSearch/plannedCost(_:)``).
    public var plannedCost: Double
    /// Agent-intervals removed in all.
    public var total: Int { agentIntervals.reduce(0, +) }
  }
}
