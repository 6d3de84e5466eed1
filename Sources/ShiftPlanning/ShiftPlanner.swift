import CGLPK
import ContactCenterModel
import Synchronization

/// Turns a requirement of agents per interval into shifts at the fewest paid hours: the
/// set-covering integer program of Dantzig (1954), solved with GLPK.
///
/// Every allowed shift — each start and length of the group's ``ContactCenterModel/ShiftRules``
/// that ends by closing time, with each placement of its breaks — is a *pattern* (column) `j`,
/// listed explicitly as in Dantzig's formulation (break placement by enumeration; Aykin 1996 gives
/// an implicit formulation with fewer columns). With `x_j` agents on pattern `j`, `a_kj = 1` when
/// the pattern has an agent on the phones at interval `k`'s midpoint, `p_j` its paid hours and `r_k`
/// the requirement:
///
///     minimise   Σ_j p_j·x_j + P·Σ_k u_k
///     subject to Σ_j a_kj·x_j + u_k ≥ r_k      every interval k with r_k > 0
///                x_j ≥ 0 integer,  0 ≤ u_k ≤ r_k
///                (and, with agent limits, Σ x_j ≤ maximumAgents, Σ_{j starts at s} x_j ≤ maximumPerStart)
///
/// The shortfall `u_k` is there only when agent limits apply; without limits every interval some
/// pattern covers can be covered, and an interval no pattern covers is short by its whole
/// requirement whatever the plan. The penalty `P` exceeds the paid hours of any plan worth
/// considering, so the optimum covers as many agent-intervals as the limits allow, then pays the
/// fewest hours (`Docs/shift-planning.md`).
///
///     let rules = ShiftRules(starts: [0, 4 * 3600], lengths: [4 * 3600])
///     let planner = try ShiftPlanner(rules: rules, intervalLength: 3600, intervalCount: 8, hourlyCost: 20)
///     let plan = try planner.plan(requirement: [2, 2, 2, 2, 3, 3, 3, 3])
///     // plan.shifts: 2 agents 0-4 h and 3 agents 4-8 h; plan.paidHours == 20, plan.cost == 400
///
/// Patterns that cover the same intervals from the same start are merged (the cheapest is kept, the
/// first listed on a tie), since the program cannot tell them apart.
///
/// Solving: GLPK's simplex method (`glp_simplex`, with its presolver) solves the linear relaxation;
/// three dives on it (round up the most nearly integral columns, solve again) give a plan to start
/// from; GLPK's branch and bound (`glp_intopt`) improves it until it is proven optimal or a limit
/// (``Limits``) stops the search. Paid time is counted in whole units (the greatest common divisor
/// of the patterns' paid seconds), so GLPK rounds its bounds up to whole units. The returned plan
/// says how the search ended (``ShiftPlan/status``) and how far from the optimum it may be
/// (``ShiftPlan/gap``).
///
/// Deterministic: the same rules and requirement give the same plan, unless the time limit stops
/// the search (``SolverStatus/timeLimit``; use ``Limits/nodes`` for a reproducible cap).
///
/// GLPK is not thread-safe: every solve in the process runs under one lock, so concurrent callers
/// wait for each other (a planner is `Sendable` and may be shared).
///
/// Sources: G. B. Dantzig, "A comment on Edie's 'Traffic delays at toll booths'", *Journal of the
/// Operations Research Society of America* 2(3), 339–341 (1954); T. Aykin, "Optimal shift
/// scheduling with multiple break windows", *Management Science* 42(4), 591–602 (1996);
/// A. Makhorin, *GLPK reference manual* (GLPK 5.0), `glp_intopt`.
public struct ShiftPlanner: Sendable {
  /// How long the solver may search, and how many patterns the rules may make.
  public struct Limits: Hashable, Sendable {
    /// Wall-clock seconds for the whole solve (> 0): a safety net. When it runs out, the best plan
    /// found so far is returned with ``SolverStatus/timeLimit`` and its gap; which plan that is
    /// depends on the machine's speed.
    public var seconds: Double
    /// Branch-and-bound nodes (≥ 1; `nil`: no limit): a cap that, unlike time, stops at the same
    /// plan on every machine. A realistic day with 14 000 patterns runs about 40 nodes a second.
    public var nodes: Int?
    /// Stop once the plan is proven within this relative gap of the optimum (0 ≤ gap < 1; 0: prove optimality).
    public var relativeGap: Double
    /// Refuse rules that make more patterns than this (``ShiftPlanningError/tooManyPatterns(count:limit:)``).
    public var maximumPatterns: Int

    /// The defaults prove small days optimal and stop a realistic day after 2000 nodes (about a
    /// minute; 0.3% to 0.9% above the optimum on the days in `Docs/shift-planning.md`).
    public init(seconds: Double = 120, nodes: Int? = 2000, relativeGap: Double = 0,
                maximumPatterns: Int = ShiftRules.patternLimit) {
      precondition(seconds > 0 && seconds.isFinite, "the time limit must be > 0")
      precondition((nodes ?? 1) >= 1, "the node limit must be ≥ 1")
      precondition(relativeGap >= 0 && relativeGap < 1, "the relative gap must be in 0..<1")
      precondition(maximumPatterns >= 1, "the pattern limit must be ≥ 1")
      self.seconds = seconds
      self.nodes = nodes
      self.relativeGap = relativeGap
      self.maximumPatterns = maximumPatterns
    }
  }

  /// The group's shift rules.
  public let rules: ShiftRules
  /// Seconds per planning interval.
  public let intervalLength: Double
  /// Planning intervals in the day; the opening span is `intervalCount × intervalLength`.
  public let intervalCount: Int
  /// Cost of a paid agent-hour.
  public let hourlyCost: Double
  /// Solver limits for every ``plan(requirement:)``.
  public let limits: Limits
  /// The patterns the program chooses from, in order of start, then length, then break offsets;
  /// patterns that cover no interval are left out, and those that cover the same intervals from
  /// the same start are merged.
  public let patterns: [ShiftPattern]

  /// A planner for one group's rules over a day of `intervalCount` intervals of `intervalLength`
  /// seconds. Lists the patterns once; ``plan(requirement:)`` may then be called for many requirements.
  ///
  /// - Parameters:
  ///   - rules: The shifts the group may work. A start and length that would run past closing time
  ///     make no pattern.
  ///   - intervalLength: Seconds per interval, > 0.
  ///   - intervalCount: Intervals in the day, ≥ 1.
  ///   - hourlyCost: Cost of a paid agent-hour, ≥ 0.
  ///   - limits: Solver limits.
  /// - Throws: ``ShiftPlanningError/tooManyPatterns(count:limit:)`` when the rules make more
  ///   patterns than `limits.maximumPatterns`.
  /// - Complexity: O(patterns × intervals).
  public init(rules: ShiftRules, intervalLength: Double, intervalCount: Int, hourlyCost: Double = 0,
              limits: Limits = Limits()) throws(ShiftPlanningError) {
    precondition(intervalLength > 0 && intervalLength.isFinite && intervalCount >= 1, "need at least one interval of positive length")
    precondition(hourlyCost >= 0 && hourlyCost.isFinite, "hourly cost must be ≥ 0")
    let count = rules.patternCount(openingSpan: Double(intervalCount) * intervalLength)
    guard count <= limits.maximumPatterns else { throw .tooManyPatterns(count: count, limit: limits.maximumPatterns) }
    self.rules = rules
    self.intervalLength = intervalLength
    self.intervalCount = intervalCount
    self.hourlyCost = hourlyCost
    self.limits = limits
    self.patterns = Self.enumeratePatterns(rules, intervalLength: intervalLength, intervalCount: intervalCount)
  }

  /// A planner for `group` in `scenario`: its ``ContactCenterModel/AgentGroup/shiftRules`` and
  /// hourly cost, the scenario's intervals.
  ///
  /// - Throws: ``ShiftPlanningError/noShiftRules(group:)`` when the group has no rules, and as
  ///   ``init(rules:intervalLength:intervalCount:hourlyCost:limits:)``.
  public init(group: AgentGroup, in scenario: Scenario, limits: Limits = Limits()) throws(ShiftPlanningError) {
    guard let rules = group.shiftRules else { throw .noShiftRules(group: group.id) }
    try self.init(rules: rules, intervalLength: scenario.intervalLength, intervalCount: scenario.intervalCount,
                  hourlyCost: group.hourlyCost, limits: limits)
  }

  /// Agents to have on the phones so that, after shrinkage takes its share, `available` remain:
  /// `⌈available ÷ (1 − shrinkage)⌉` (the simulator takes `shrinkage` of the agents on the phones
  /// of a shift-staffed group; `Docs/model.md`).
  ///
  ///     ShiftPlanner.onPhoneRequirement(available: [7, 14], shrinkage: 0.3)   // [10, 20]
  ///
  /// - Parameters:
  ///   - available: Agents needed for contacts per interval, ≥ 0.
  ///   - shrinkage: The group's shrinkage, `0 ..< 1`.
  public static func onPhoneRequirement(available: [Int], shrinkage: Double) -> [Int] {
    precondition(shrinkage >= 0 && shrinkage < 1, "shrinkage must be in 0..<1")
    return available.map { needed in
      precondition(needed >= 0, "requirements must be ≥ 0")
      let exact = Double(needed) / (1 - shrinkage)
      // 7 ÷ 0.7 is 10.000000000000002 in binary floating point: round first, so it stays 10.
      let near = exact.rounded()
      return abs(exact - near) < 1e-9 ? Int(near) : Int(exact.rounded(.up))
    }
  }

  /// The shifts that cover `requirement` at the fewest paid hours.
  ///
  /// When no set of allowed shifts covers it (an interval before the first allowed start, or agent
  /// limits too tight), returns the best partial plan — the most agent-intervals covered, then the
  /// fewest paid hours — and names the intervals left short in ``ShiftPlan/uncovered``.
  ///
  /// - Parameter requirement: Agents needed **on the phones** (in a shift and not on a break) at
  ///   each interval, one value ≥ 0 per interval. Shrinkage is not added here: see
  ///   ``onPhoneRequirement(available:shrinkage:)``.
  /// - Throws: ``ShiftPlanningError/noPlanWithinLimits(seconds:nodes:)`` when the time limit runs
  ///   out before the linear relaxation is solved (after that a limit returns the best plan so far);
  ///   ``ShiftPlanningError/solverFailed(code:)`` on a GLPK failure.
  /// - Complexity: an integer program with one column per pattern, NP-hard in general: small days
  ///   are proven optimal in milliseconds, a realistic day with 14 000 patterns runs to the node
  ///   limit (`Docs/shift-planning.md` has timings).
  public func plan(requirement: [Int]) throws(ShiftPlanningError) -> ShiftPlan {
    precondition(requirement.count == intervalCount, "the requirement needs one value per interval")
    precondition(requirement.allSatisfy { $0 >= 0 }, "requirements must be ≥ 0")
    var counts = [Int](repeating: 0, count: patterns.count)
    var status = SolverStatus.optimal
    var gap = 0.0
    let program = CoveringProgram(patterns: patterns, requirement: requirement, rules: rules)
    if !program.rows.isEmpty {
      let solution = try GLPK.solve(program, limits: limits)
      for (column, pattern) in program.columns.enumerated() { counts[pattern] = solution.values[column] }
      (status, gap) = (solution.status, solution.gap)
    }
    var coverage = [Int](repeating: 0, count: intervalCount)
    var shifts: [Shift] = []
    var paidSeconds = 0.0
    for (pattern, count) in zip(patterns, counts) where count > 0 {
      shifts.append(pattern.shift(count: count))
      paidSeconds += pattern.paidSeconds * Double(count)
      for k in pattern.coveredIntervals { coverage[k] += count }
    }
    let uncovered = requirement.indices.compactMap { k in
      coverage[k] < requirement[k] ? UncoveredInterval(interval: k, required: requirement[k], covered: coverage[k]) : nil
    }
    let paidHours = paidSeconds / 3600
    return ShiftPlan(shifts: shifts, requirement: requirement, coverage: coverage, uncovered: uncovered, paidHours: paidHours,
                     cost: paidHours * hourlyCost, status: status, gap: gap, patternCount: patterns.count)
  }

  /// Every pattern of `rules` in the day, merged by (start, covered intervals), in order of start,
  /// length (ascending) and break offsets.
  static func enumeratePatterns(_ rules: ShiftRules, intervalLength: Double, intervalCount: Int) -> [ShiftPattern] {
    let span = Double(intervalCount) * intervalLength
    let placements = rules.lengths.map { rules.breakPlacements(forLength: $0) }
    var patterns: [ShiftPattern] = []
    for start in rules.starts {
      var seen: [[Int]: Int] = [:]   // covered intervals → index in `patterns`, for this start
      for (length, lengthPlacements) in zip(rules.lengths, placements) where start + length <= span + 1e-6 {
        for breaks in lengthPlacements {
          let covered = coveredIntervals(start: start, length: length, breaks: breaks, intervalLength: intervalLength,
                                         intervalCount: intervalCount)
          guard !covered.isEmpty else { continue }
          let paid = length - breaks.reduce(0) { $0 + ($1.paid ? 0 : $1.length) }
          let pattern = ShiftPattern(start: start, length: length, breaks: breaks, paidSeconds: paid, coveredIntervals: covered)
          if let index = seen[covered] {
            if paid < patterns[index].paidSeconds { patterns[index] = pattern }
          } else {
            seen[covered] = patterns.count
            patterns.append(pattern)
          }
        }
      }
    }
    return patterns
  }

  /// The intervals whose midpoint falls in the shift and in none of its breaks, with the same
  /// arithmetic (and the same half-open ends) as ``ContactCenterModel/StaffingStep/steps(of:)``
  /// and the derivation of a group's agents from its shifts.
  static func coveredIntervals(start: Double, length: Double, breaks: [ShiftBreak], intervalLength: Double,
                               intervalCount: Int) -> [Int] {
    let end = start + length
    var covered: [Int] = []
    var k = max(0, Int((start / intervalLength).rounded(.down)) - 1)
    while k < intervalCount {
      let middle = (Double(k) + 0.5) * intervalLength
      if middle >= end { break }
      if middle >= start && !breaks.contains(where: { start + $0.offset <= middle && middle < start + $0.offset + $0.length }) {
        covered.append(k)
      }
      k += 1
    }
    return covered
  }
}

/// The set-covering program for one requirement, in GLPK's terms: rows for the intervals some
/// pattern covers and that require agents, columns for the patterns that cover one of them.
struct CoveringProgram {
  /// Per row: the interval and its requirement.
  var rows: [(interval: Int, required: Int)] = []
  /// Per pattern column: its index in the planner's patterns.
  var columns: [Int] = []
  /// Per pattern column: the objective coefficient, paid time in units of the greatest common
  /// divisor of the patterns' paid seconds, so that every coefficient is a whole number and GLPK
  /// can round its bounds up (the objective is integral).
  var costs: [Double] = []
  /// Per pattern column: its upper bound.
  var upperBounds: [Int] = []
  /// Per pattern column: the rows it covers (0-based).
  var coveredRows: [[Int]] = []
  /// Per pattern column: its start time (for per-start limits).
  var starts: [Double] = []
  /// The penalty per agent-interval short; `nil` when there are no shortfall columns (no agent limits).
  var penalty: Double?
  var maximumPerStart: Int?
  var maximumAgents: Int?

  /// Pattern columns, then one shortfall column per row when there is a penalty.
  var columnCount: Int { columns.count + (penalty == nil ? 0 : rows.count) }

  init(patterns: [ShiftPattern], requirement: [Int], rules: ShiftRules) {
    var rowOfInterval = [Int?](repeating: nil, count: requirement.count)
    for pattern in patterns {
      for k in pattern.coveredIntervals where requirement[k] > 0 && rowOfInterval[k] == nil { rowOfInterval[k] = 0 }
    }
    for k in requirement.indices where rowOfInterval[k] != nil {
      rowOfInterval[k] = rows.count
      rows.append((k, requirement[k]))
    }
    guard !rows.isEmpty else { return }
    // x_j ≤ the largest requirement: more agents on one pattern than any interval needs never help.
    let largest = rows.map(\.required).max()!
    let bound = min(largest, rules.maximumPerStart ?? .max, rules.maximumAgents ?? .max)
    let paid = patterns.map { Int($0.paidSeconds.rounded()) }
    let unit = paid.reduce(0, greatestCommonDivisor)
    for (index, pattern) in patterns.enumerated() {
      let covers = pattern.coveredIntervals.compactMap { rowOfInterval[$0] }
      guard !covers.isEmpty else { continue }
      columns.append(index)
      costs.append(Double(paid[index] / max(unit, 1)))
      upperBounds.append(bound)
      coveredRows.append(covers)
      starts.append(pattern.start)
    }
    maximumPerStart = rules.maximumPerStart
    maximumAgents = rules.maximumAgents
    if maximumPerStart != nil || maximumAgents != nil {
      // A plan with the least shortfall and, among those, the fewest paid hours has no agent whose
      // removal keeps the shortfall: each covers an interval where coverage ≤ requirement, so it has
      // at most Σ r_k (and at most maximumAgents) agents. A penalty above that many of the dearest
      // shifts makes one agent-interval more coverage worth more than any saving in paid hours.
      let agents = min(rows.reduce(0) { $0 + $1.required }, maximumAgents ?? .max)
      penalty = Double(agents) * (costs.max() ?? 0) + 1
    }
  }
}

extension CoveringProgram {
  /// The objective of a plan given as 1-based column values (patterns, then shortfalls).
  func objective(_ plan: [Double]) -> Double {
    var total = 0.0
    for j in columns.indices { total += costs[j] * plan[j + 1] }
    if let penalty { for i in rows.indices { total += penalty * plan[columns.count + i + 1] } }
    return total
  }
}

private func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int { b == 0 ? a : greatestCommonDivisor(b, a % b) }

/// The calls into GLPK, one solve at a time.
enum GLPK {
  /// GLPK keeps its state in an environment of its own and is not re-entrant: every use in this
  /// process goes through this lock.
  static let lock = Mutex(())

  struct Solution: Sendable {
    /// Agents per pattern column.
    var values: [Int]
    var status: SolverStatus
    var gap: Double
  }

  /// Solves `program` within `limits`, waiting for any other solve in the process to finish first.
  ///
  /// - Throws: ``ShiftPlanningError/noPlanWithinLimits(seconds:nodes:)`` when the time runs out
  ///   before the relaxation is solved; ``ShiftPlanningError/solverFailed(code:)`` when GLPK fails.
  static func solve(_ program: CoveringProgram, limits: ShiftPlanner.Limits) throws(ShiftPlanningError) -> Solution {
    let result: Result<Solution, ShiftPlanningError> = lock.withLock { _ in
      Result { () throws(ShiftPlanningError) -> Solution in try solveUnlocked(program, limits: limits) }
    }
    return try result.get()
  }

  /// When the time limit runs out, on GLPK's clock (milliseconds).
  struct Deadline {
    let end: Double
    init(seconds: Double) { end = glp_time() + seconds * 1000 }
    /// Milliseconds left, at least 1 (GLPK reads 0 as "stop now" in some places and "no limit" in others).
    var milliseconds: Int32 { Int32(clamping: max(1, Int(min(end - glp_time(), 2e9).rounded(.up)))) }
    var hasPassed: Bool { glp_time() >= end }
  }

  private static func solveUnlocked(_ program: CoveringProgram, limits: ShiftPlanner.Limits) throws(ShiftPlanningError) -> Solution {
    _ = glp_term_out(GLP_OFF)
    let deadline = Deadline(seconds: limits.seconds)
    guard let problem = glp_create_prob() else { throw .solverFailed(code: -1) }
    defer { glp_delete_prob(problem) }
    load(program, into: problem)

    // 1. The linear relaxation, with GLPK's LP presolver; it leaves an optimal basis for step 3.
    var simplex = glp_smcp()
    glp_init_smcp(&simplex)
    simplex.msg_lev = GLP_MSG_OFF
    simplex.presolve = GLP_ON
    simplex.tm_lim = deadline.milliseconds
    let lpCode = glp_simplex(problem, &simplex)
    guard lpCode == 0, glp_get_status(problem) == GLP_OPT else {
      if lpCode == GLP_ETMLIM { throw .noPlanWithinLimits(seconds: limits.seconds, nodes: limits.nodes) }
      throw .solverFailed(code: Int(lpCode == 0 ? glp_get_status(problem) : lpCode))
    }
    let relaxation = glp_get_obj_val(problem)

    // 2. A plan to start from, so that a limit never ends the search empty-handed and the search
    //    prunes from the start: the best of three dives on the relaxation (Docs/shift-planning.md).
    let start = [0.8, 0.6, 0.95]
      .map { improved(dive(problem, program: program, threshold: $0, deadline: deadline), program: program) }
      .min { program.objective($0) < program.objective($1) }!

    // 3. Branch and bound from that plan. Branching on the first fractional column found the best
    //    plans soonest on realistic days (Docs/shift-planning.md); cutting planes made them worse.
    var parameters = glp_iocp()
    glp_init_iocp(&parameters)
    parameters.msg_lev = GLP_MSG_OFF
    parameters.br_tech = GLP_BR_FFV
    parameters.bt_tech = GLP_BT_BLB
    parameters.tm_lim = deadline.milliseconds
    parameters.mip_gap = limits.relativeGap
    // The objective is integral and can reach Σr × P; GLPK prunes a node when its bound is within
    // tol_obj × (1 + |incumbent|) of the incumbent, so keep that well under one unit.
    parameters.tol_obj = 1e-10
    let search = Search(nodeLimit: limits.nodes, start: start)
    let code = withExtendedLifetime(search) { () -> Int32 in
      parameters.cb_info = Unmanaged.passUnretained(search).toOpaque()
      parameters.cb_func = { tree, info in
        guard let tree, let info else { return }
        Unmanaged<Search>.fromOpaque(info).takeUnretainedValue().visit(tree)
      }
      return glp_intopt(problem, &parameters)
    }

    let status: SolverStatus = switch code {
    case GLP_EMIPGAP: .withinGap
    case GLP_ESTOP: .nodeLimit
    default: .timeLimit
    }
    let mipStatus = glp_mip_status(problem)
    guard mipStatus == GLP_OPT || mipStatus == GLP_FEAS else {
      // Stopped before GLPK took the starting plan: that plan, with its gap to the relaxation.
      guard code == GLP_ETMLIM || code == GLP_ESTOP else { throw .solverFailed(code: Int(code)) }
      let objective = program.objective(start)
      return Solution(values: program.columns.indices.map { Int(start[$0 + 1]) }, status: status,
                      gap: (objective - relaxation) / max(objective, 1))
    }
    let values = program.columns.indices.map { Int(glp_mip_col_val(problem, Int32($0 + 1)).rounded()) }
    guard mipStatus == GLP_FEAS else { return Solution(values: values, status: .optimal, gap: 0) }
    return Solution(values: values, status: status, gap: search.gap)
  }

  /// The program as GLPK's rows and columns. Rows: coverage per interval, then the per-start
  /// limits, then the total limit. Columns: patterns, then shortfalls. All 1-based.
  private static func load(_ program: CoveringProgram, into problem: OpaquePointer) {
    glp_set_obj_dir(problem, GLP_MIN)
    let startValues = Array(Set(program.starts)).sorted()
    let perStartRows = program.maximumPerStart == nil ? 0 : startValues.count
    let rowCount = program.rows.count + perStartRows + (program.maximumAgents == nil ? 0 : 1)
    glp_add_rows(problem, Int32(rowCount))
    for (i, row) in program.rows.enumerated() {
      glp_set_row_bnds(problem, Int32(i + 1), GLP_LO, Double(row.required), 0)
    }
    if let cap = program.maximumPerStart {
      for i in startValues.indices { glp_set_row_bnds(problem, Int32(program.rows.count + i + 1), GLP_UP, 0, Double(cap)) }
    }
    if let cap = program.maximumAgents { glp_set_row_bnds(problem, Int32(rowCount), GLP_UP, 0, Double(cap)) }

    glp_add_cols(problem, Int32(program.columnCount))
    var rowIndices: [Int32] = [0], columnIndices: [Int32] = [0], coefficients: [Double] = [0]
    func entry(_ row: Int, _ column: Int32) {
      rowIndices.append(Int32(row))
      columnIndices.append(column)
      coefficients.append(1)
    }
    let startRow = Dictionary(uniqueKeysWithValues: startValues.enumerated().map { ($1, program.rows.count + $0 + 1) })
    for j in program.columns.indices {
      let column = Int32(j + 1)
      glp_set_col_kind(problem, column, GLP_IV)
      glp_set_col_bnds(problem, column, GLP_DB, 0, Double(program.upperBounds[j]))
      glp_set_obj_coef(problem, column, program.costs[j])
      for row in program.coveredRows[j] { entry(row + 1, column) }
      if program.maximumPerStart != nil { entry(startRow[program.starts[j]]!, column) }
      if program.maximumAgents != nil { entry(rowCount, column) }
    }
    if let penalty = program.penalty {
      for (i, row) in program.rows.enumerated() {
        let column = Int32(program.columns.count + i + 1)
        glp_set_col_kind(problem, column, GLP_IV)
        glp_set_col_bnds(problem, column, GLP_DB, 0, Double(row.required))
        glp_set_obj_coef(problem, column, penalty)
        entry(i + 1, column)
      }
    }
    glp_load_matrix(problem, Int32(rowIndices.count - 1), rowIndices, columnIndices, coefficients)
  }

  /// An integer plan found by diving on the relaxation, on a copy of `problem`: raise the lower
  /// bound of every column whose value has a fractional part of `threshold` or more to the next
  /// whole number (or, if none has, of the one with the largest fractional part), solve again, and
  /// repeat until the relaxation is integral. Rounding up keeps every coverage row met; if it
  /// breaks an agent limit, the column is rounded down instead and the shortfall takes up the rest.
  /// Falls back on ``roundedPlan(_:program:)`` if the time runs out first.
  ///
  /// - Returns: The plan's column values, 1-based as GLPK reads them.
  private static func dive(_ problem: OpaquePointer, program: CoveringProgram, threshold: Double, deadline: Deadline) -> [Double] {
    let columns = 1...program.columnCount
    let root = [0] + columns.map { glp_get_col_prim(problem, Int32($0)) }
    guard let copy = glp_create_prob() else { return roundedPlan(root, program: program) }
    defer { glp_delete_prob(copy) }
    glp_copy_prob(copy, problem, GLP_OFF)
    var simplex = glp_smcp()
    glp_init_smcp(&simplex)
    simplex.msg_lev = GLP_MSG_OFF
    simplex.meth = GLP_DUALP
    func solved() -> Bool {
      simplex.tm_lim = deadline.milliseconds
      return !deadline.hasPassed && glp_simplex(copy, &simplex) == 0 && glp_get_status(copy) == GLP_OPT
    }
    func lower(_ column: Int) -> Double { glp_get_col_lb(copy, Int32(column)) }
    func upper(_ column: Int) -> Double { glp_get_col_ub(copy, Int32(column)) }
    func setBounds(_ column: Int, _ lower: Double, _ upper: Double) {
      glp_set_col_bnds(copy, Int32(column), lower == upper ? GLP_FX : GLP_DB, lower, upper)
    }
    guard solved() else { return roundedPlan(root, program: program) }
    var values = [0] + columns.map { glp_get_col_prim(copy, Int32($0)) }
    for _ in 0..<(program.columnCount + 10) {
      let fractions = values.map { $0 - $0.rounded(.down) }
      let fractional = columns.filter { fractions[$0] > 1e-6 && fractions[$0] < 1 - 1e-6 }
      guard let largest = fractional.max(by: { (fractions[$0], $1) < (fractions[$1], $0) }) else {
        return values.map { $0.rounded() }
      }
      var raised = fractional.filter { fractions[$0] >= threshold }
      if raised.isEmpty { raised = [largest] }
      let before = raised.map { (lower($0), upper($0)) }
      for column in raised { setBounds(column, values[column].rounded(.up), upper(column)) }
      if !solved() {
        guard !deadline.hasPassed else { break }
        // An agent limit is in the way: put the bounds back and round the largest down instead.
        for (column, (low, high)) in zip(raised, before) { setBounds(column, low, high) }
        setBounds(largest, lower(largest), values[largest].rounded(.down))
        guard solved() else { break }
      }
      values = [0] + columns.map { glp_get_col_prim(copy, Int32($0)) }
    }
    return roundedPlan(root, program: program)
  }

  /// The relaxation `values` (1-based) rounded up (every coverage row stays met), or, with agent
  /// limits, rounded down with the shortfall columns taking up what is left (every limit stays
  /// met): a plan that is always feasible, for when a dive cannot finish.
  private static func roundedPlan(_ values: [Double], program: CoveringProgram) -> [Double] {
    var plan = [Double](repeating: 0, count: values.count)
    var covered = [Int](repeating: 0, count: program.rows.count)
    for j in program.columns.indices {
      let relaxed = values[j + 1]
      let agents = max(program.penalty == nil ? Int((relaxed - 1e-6).rounded(.up)) : Int((relaxed + 1e-6).rounded(.down)), 0)
      plan[j + 1] = Double(agents)
      for row in program.coveredRows[j] { covered[row] += agents }
    }
    if program.penalty != nil {
      for (i, row) in program.rows.enumerated() { plan[program.columns.count + i + 1] = Double(max(row.required - covered[i], 0)) }
    }
    return plan
  }

  /// `plan` without the agents it does not need: without agent limits, agents whose every covered
  /// interval has more than it requires are taken off, dearest patterns first.
  private static func improved(_ plan: [Double], program: CoveringProgram) -> [Double] {
    guard program.penalty == nil else { return plan }
    var plan = plan
    var covered = [Int](repeating: 0, count: program.rows.count)
    for j in program.columns.indices { for row in program.coveredRows[j] { covered[row] += Int(plan[j + 1]) } }
    for j in program.columns.indices.sorted(by: { (program.costs[$0], $1) > (program.costs[$1], $0) }) {
      while plan[j + 1] > 0 && program.coveredRows[j].allSatisfy({ covered[$0] > program.rows[$0].required }) {
        plan[j + 1] -= 1
        for row in program.coveredRows[j] { covered[row] -= 1 }
      }
    }
    return plan
  }

  /// What the branch-and-bound callback does and records: hands GLPK the plan to start from,
  /// keeps the gap after each step, and stops the search past the node limit.
  final class Search {
    let nodeLimit: Int?
    /// The plan to start from (1-based column values), until it is handed to GLPK.
    var start: [Double]?
    var gap = Double.infinity
    var stoppedAtNodeLimit = false

    init(nodeLimit: Int?, start: [Double]) {
      self.nodeLimit = nodeLimit
      self.start = start
    }

    func visit(_ tree: OpaquePointer) {
      if glp_ios_reason(tree) == GLP_IHEUR, let plan = start {
        start = nil
        _ = plan.withUnsafeBufferPointer { glp_ios_heur_sol(tree, $0.baseAddress) }
      }
      let current = glp_ios_mip_gap(tree)
      if current < .greatestFiniteMagnitude { gap = current }
      guard let nodeLimit, !stoppedAtNodeLimit else { return }
      var active: Int32 = 0, open: Int32 = 0, total: Int32 = 0
      glp_ios_tree_size(tree, &active, &open, &total)
      if Int(total) > nodeLimit {
        stoppedAtNodeLimit = true
        glp_ios_terminate(tree)
      }
    }
  }
}
