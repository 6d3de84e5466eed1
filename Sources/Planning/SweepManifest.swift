import ContactCenterModel

/// Everything that defines a sweep's result (`sweep.json`): the tool and scenario, the seed and
/// replications every point runs (common random numbers), the grid, the shard, and whether every
/// point is staffed first. ``run(_:base:threads:progress:)`` runs its points.
public struct SweepManifest: Hashable, Sendable {
  public var toolVersion: String
  public var scenario: String
  public var scenarioSHA256: String
  /// The base scenario's currency (for cost axes).
  public var currency: String
  public var seed: UInt64
  public var replications: Int
  public var grid: SweepGrid
  /// The shard, `nil` for a whole sweep.
  public var shard: SweepShard?
  /// Whether every point is staffed first (`--staff`): its row is then the plan ``StaffingJob`` finds.
  public var staffed: Bool

  public init(toolVersion: String, scenario: String, scenarioSHA256: String, currency: String, seed: UInt64,
              replications: Int, grid: SweepGrid, shard: SweepShard? = nil, staffed: Bool = false) {
    self.toolVersion = toolVersion
    self.scenario = scenario
    self.scenarioSHA256 = scenarioSHA256
    self.currency = currency
    self.seed = seed
    self.replications = replications
    self.grid = grid
    self.shard = shard
    self.staffed = staffed
  }

  /// The grid points this sweep (or shard) runs, 0-based, in order.
  public var points: [Int] { grid.points(in: shard) }

  /// Runs the points: each `scenarios[i]` (the base varied to the values of `points[i]`) for
  /// ``replications`` replications on ``seed``, or, when ``staffed``, staffed first as `ccsim staff`
  /// would (``StaffingJob`` with its default limits, no marginal values), its row then the plan's.
  /// - Parameters:
  ///   - base: The unvaried scenario: its types and groups are the rows' columns.
  ///   - threads: The threads to run a scenario's replications on (asked once for the base, and
  ///     for each staffed point).
  ///   - progress: Called with the replications run so far, of `replications × points.count`.
  /// - Throws: ``ContactCenterModel/CentreOverload`` when a point overloads the centre;
  ///   ``SweepStaffingFailure`` when a point cannot be staffed.
  public func run(_ scenarios: [Scenario], base: Scenario, threads: (Scenario) -> Int,
                  progress: @escaping @Sendable (Int) -> Void = { _ in }) throws -> [SweepRow] {
    precondition(scenarios.count == points.count, "one scenario per point")
    let baseThreads = threads(base)
    var rows: [SweepRow] = []
    for (point, scenario) in zip(points, scenarios) {
      let done = rows.count * replications
      guard staffed else {
        let result = try Experiment(scenario: scenario, seed: seed)
          .run(replications: replications, threads: baseThreads) { progress(done + $0) }
        rows.append(SweepRow(point: point, grid: grid, result: result, base: base))
        continue
      }
      let job = StaffingJob(scenario: scenario, replications: replications, seed: seed, threads: threads(scenario), marginal: false)
      let plan: StaffingPlan
      do { plan = try job.plan() } catch { throw SweepStaffingFailure(point: point, error: error) }
      rows.append(SweepRow(point: point, grid: grid, result: plan.result, base: base, staffing: SweepRow.Staffing(plan)))
      progress(done + replications)
    }
    return rows
  }
}

/// A point of a staffed sweep that ``StaffingJob`` could not staff: the point (0-based) and the
/// job's error (``StaffingSearchError`` or ``ShiftPlanning/ShiftPlanningError``).
public struct SweepStaffingFailure: Error {
  public var point: Int
  public var error: any Error
}
