import ContactCenterModel
import ShiftPlanning

/// The staffing job `ccsim staff` runs, with its documented defaults: the cheapest staffing that
/// meets a scenario's targets (``StaffingSearch``: Erlang start, simulated corrections on common
/// random numbers, verification on fresh seeds), shifts for every group with shift rules, and the
/// marginal value of one more agent per group and interval.
///
/// `ccsim staff`, `ccsim sweep --staff` and a library caller all run this type, so the same
/// scenario, seed and limits give the same plan whichever of them asks:
///
///     let file = try ScenarioFile.load(path: "Scenarios/hotline-day.yaml")
///     let plan = try StaffingJob(scenario: file.scenario, replications: 10, seed: 1).plan()
///     print(plan.plannedCosts.final)   // the staffed plan's planned paid cost
///
/// The defaults are those of `Docs/cli.md` (`ccsim staff`): 30 replications per simulated plan,
/// seed 1, 100 rounds per search phase (`--max-rounds`), 300 branch-and-bound nodes and 30 s per
/// shift group (`--shift-nodes`, `--shift-seconds`), marginal values on.
public struct StaffingJob: Sendable {
  /// The shift planner's limits of `ccsim staff` and `ccsim sweep --staff`: 300 nodes (the same plan
  /// on every machine), with 30 s per group as a safety net behind them.
  public static let defaultShiftLimits = ShiftPlanner.Limits(seconds: 30, nodes: 300)
  /// Simulated plans each search phase may run unless told otherwise (`--max-rounds`).
  public static let defaultMaximumRounds = 100

  public var scenario: Scenario
  /// Replications, seed, threads and rounds of the search.
  public var options: StaffingSearch.Options
  /// The shift planner's limits for each group with shift rules.
  public var shiftLimits: ShiftPlanner.Limits
  /// Whether to estimate the marginal values (two simulations per group).
  public var marginal: Bool

  /// - Parameters:
  ///   - scenario: A scenario with targets (``ContactCenterModel/Targets``).
  ///   - replications: Replications per simulated plan (2 to 10000).
  ///   - seed: The search's seed; verification uses `seed + 1`, `seed + 2`, ….
  ///   - threads: Threads each simulated plan runs its replications on (≥ 1); the plan found does
  ///     not depend on it.
  ///   - maximumRounds: Simulated plans each phase may run: adding, removing, each repair (≥ 1).
  ///   - shiftLimits: The shift planner's limits per group.
  ///   - marginal: Whether to estimate the marginal values.
  public init(scenario: Scenario, replications: Int = 30, seed: UInt64 = 1, threads: Int = 1,
              maximumRounds: Int = defaultMaximumRounds, shiftLimits: ShiftPlanner.Limits = defaultShiftLimits,
              marginal: Bool = true) {
    self.scenario = scenario
    options = StaffingSearch.Options(replications: replications, seed: seed, threads: threads, maximumRounds: maximumRounds)
    self.shiftLimits = shiftLimits
    self.marginal = marginal
  }

  /// Runs the job.
  /// - Parameter log: Called after every search step (a progress line, for instance).
  /// - Throws: ``StaffingSearchError`` when the scenario cannot be staffed (no targets, a type no
  ///   group serves, targets Erlang cannot meet, the round limit reached with targets missed, an
  ///   overloaded centre); ``ShiftPlanning/ShiftPlanningError`` when shift rules cannot be planned
  ///   (``ShiftPlanning/ShiftPlanningError/noPlanWithinLimits`` when the limits stop the planner
  ///   before a first plan).
  /// - Complexity: up to `maximumRounds` simulated plans per phase (adding, removing, each of up to
  ///   three repairs), each of `replications` replications, plus two per group for the marginal values.
  public func plan(log: ((StaffingSearch.Step) -> Void)? = nil) throws -> StaffingPlan {
    try StaffingSearch(scenario: scenario, options: options).plan(shiftLimits: shiftLimits, marginal: marginal, log: log)
  }
}
