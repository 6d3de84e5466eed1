import ContactCenterModel

/// One grid point of a sweep, as a row of `sweep.csv`: its swept values, the headline metrics of
/// the centre, of each contact type and of each agent group of the base scenario, the targets
/// checked and missed, and with `--staff` how the point was staffed.
///
///     let row = SweepRow(point: 0, grid: grid, result: result, base: scenario)
///     row[.serviceLevel]?.mean   // the centre's service level at the first point
public struct SweepRow: Hashable, Sendable {
  /// A metric's mean over the replications and the half-width of its 95% confidence interval;
  /// each `nil` where undefined (never NaN or infinite).
  public struct Value: Hashable, Sendable {
    public var mean: Double?
    public var halfWidth: Double?

    public init(mean: Double?, halfWidth: Double?) {
      self.mean = mean.flatMap { $0.isFinite ? $0 : nil }
      self.halfWidth = halfWidth.flatMap { $0.isFinite ? $0 : nil }
    }

    init(_ estimate: Estimate?) { self.init(mean: estimate?.mean, halfWidth: estimate?.ci95) }
  }

  /// What `--staff` adds to a point: the planned paid costs of the Erlang staffing and of the plan
  /// found, and whether the plan misses no target significantly on fresh random numbers.
  public struct Staffing: Hashable, Sendable {
    public var erlangPlannedCost: Double
    public var plannedCost: Double
    public var verified: Bool

    public init(erlangPlannedCost: Double, plannedCost: Double, verified: Bool) {
      self.erlangPlannedCost = erlangPlannedCost
      self.plannedCost = plannedCost
      self.verified = verified
    }

    /// How `plan` was staffed.
    public init(_ plan: StaffingPlan) {
      let costs = plan.plannedCosts
      self.init(erlangPlannedCost: costs.erlang, plannedCost: costs.final, verified: plan.significantMisses.isEmpty)
    }
  }

  /// The centre's metrics of a row, in this order.
  public static let centreMetrics: [Metric] = [.offered, .serviceLevel, .averageSpeedOfAnswer, .waitP90, .abandonRate, .occupancy,
                                               .agentHours, .staffCost, .contactCost, .totalCost]
  /// Each contact type's metrics, in this order.
  public static let typeMetrics: [Metric] = [.serviceLevel, .averageSpeedOfAnswer, .abandonRate]
  /// Each agent group's metrics, in this order.
  public static let groupMetrics: [GroupMetric] = [.occupancy, .paidHours, .cost]

  /// The grid point, 0-based.
  public var point: Int
  /// The swept values of the point, one per key.
  public var values: [String]
  /// ``centreMetrics`` of the centre.
  public var centre: [Value]
  /// ``typeMetrics`` of each contact type of the base scenario, in its order.
  public var types: [[Value]]
  /// ``groupMetrics`` of each agent group of the base scenario, in its order.
  public var groups: [[Value]]
  public var targetsChecked: Int
  public var targetsMissed: Int
  /// Whether the point meets every target; `nil` when the scenario sets none.
  public var meetsTargets: Bool?
  /// How the point was staffed, in a sweep with `--staff`; else `nil`.
  public var staffing: Staffing?

  public init(point: Int, values: [String], centre: [Value], types: [[Value]], groups: [[Value]], targetsChecked: Int,
              targetsMissed: Int, meetsTargets: Bool?, staffing: Staffing? = nil) {
    self.point = point
    self.values = values
    self.centre = centre
    self.types = types
    self.groups = groups
    self.targetsChecked = targetsChecked
    self.targetsMissed = targetsMissed
    self.meetsTargets = meetsTargets
    self.staffing = staffing
  }

  /// The row of point `p` (0-based) of `grid`, from its result; the columns are those of the base
  /// scenario's types and groups (by id: one the point's scenario lacks has no values).
  public init(point p: Int, grid: SweepGrid, result: RunResult, base: Scenario, staffing: Staffing? = nil) {
    let scenario = result.scenario
    let checks = scenario.targets.check(result)
    let missed = checks.filter { !$0.met }.count
    self.init(
      point: p, values: grid.point(p), centre: Self.centreMetrics.map { Value(result.totals[$0]) },
      types: base.contactTypes.map { type in
        let t = scenario.contactTypes.firstIndex { $0.id == type.id }
        return Self.typeMetrics.map { metric in Value(t.flatMap { result.types[$0][metric] }) }
      },
      groups: base.agentGroups.map { group in
        let g = scenario.agentGroups.firstIndex { $0.id == group.id }
        return Self.groupMetrics.map { metric in Value(g.flatMap { result.groups[$0][metric] }) }
      },
      targetsChecked: checks.count, targetsMissed: missed, meetsTargets: scenario.targets.isEmpty ? nil : missed == 0,
      staffing: staffing)
  }

  /// The centre's value of `metric`, when it is one of ``centreMetrics``.
  public subscript(metric: Metric) -> Value? {
    Self.centreMetrics.firstIndex(of: metric).map { centre[$0] }
  }
}
