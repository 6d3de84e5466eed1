import ContactCenterModel
import Testing
@testable import ShiftPlanning

private let hour = 3600.0
private let quarter = 900.0

/// Agents on the phones at each interval's midpoint, derived by the model itself (not by the planner).
private func modelCoverage(_ shifts: [Shift], intervals: Int, length: Double) -> [Int] {
  AgentGroup(id: "check", skills: [Skill(type: 0)], shifts: shifts, intervals: intervals, length: length).agents
}

/// A small deterministic generator for the random instances (SplitMix64).
private struct SplitMix64 {
  var state: UInt64
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
  mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}

/// The voice team of `Scenarios/retail-multichannel.yaml` (agents available per quarter-hour of a
/// 24-hour sale day), grossed up for its 30% shrinkage: a realistic 96-interval requirement.
private let retailVoiceRequirement = ShiftPlanner.onPhoneRequirement(available: [
  4, 4, 4, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3, 4, 4, 5,
  6, 7, 8, 10, 9, 10, 13, 14, 16, 18, 20, 21, 23, 24, 25, 26, 37, 38, 39, 39, 39, 39, 38, 37,
  37, 37, 35, 35, 30, 30, 31, 31, 31, 31, 31, 31, 31, 31, 31, 30, 25, 24, 24, 24, 23, 24, 24, 25,
  25, 26, 26, 26, 27, 27, 28, 28, 28, 27, 27, 26, 25, 22, 20, 18, 16, 14, 12, 10, 10, 9, 7, 6,
], shrinkage: 0.3)

/// Starts every 15 minutes from 00:00 to 16:00, shifts of 4, 6 and 8 hours; a paid 15-minute break
/// 1.5-2.5 h in, an unpaid 30-minute lunch 3.5-5 h in (shifts of 6 h or more) and a second paid
/// break 5.5-6.5 h in (8-hour shifts), all on a 15-minute step.
private let realisticRules = ShiftRules(
  starts: (0...64).map { Double($0) * quarter }, lengths: [4 * hour, 6 * hour, 8 * hour],
  breaks: [
    BreakRule(length: quarter, earliestStart: 1.5 * hour, latestStart: 2.5 * hour, step: quarter),
    BreakRule(length: 2 * quarter, paid: false, earliestStart: 3.5 * hour, latestStart: 5 * hour, step: quarter,
              minimumShiftLength: 6 * hour),
    BreakRule(length: quarter, earliestStart: 5.5 * hour, latestStart: 6.5 * hour, step: quarter, minimumShiftLength: 8 * hour),
  ])

struct ShiftPlannerTests {
  /// Two blocks of four hours, each needing its own crew: 2 agents 0-4 h and 3 agents 4-8 h,
  /// 20 paid hours (worked by hand: nothing else covers the day).
  @Test func twoBlocksAreCoveredByTwoCrews() throws {
    let rules = ShiftRules(starts: [0, 4 * hour], lengths: [4 * hour])
    let planner = try ShiftPlanner(rules: rules, intervalLength: hour, intervalCount: 8, hourlyCost: 20)
    let plan = try planner.plan(requirement: [2, 2, 2, 2, 3, 3, 3, 3])
    #expect(plan.shifts == [Shift(start: 0, length: 4 * hour, count: 2), Shift(start: 4 * hour, length: 4 * hour, count: 3)])
    #expect(plan.paidHours == 20 && plan.cost == 400 && plan.agents == 5)
    #expect(plan.status == .optimal && plan.gap == 0 && plan.isComplete)
    #expect(plan.coverage == [2, 2, 2, 2, 3, 3, 3, 3])
  }

  /// 1, 2, 2, 2, 1 agents over five hours with 4-hour shifts starting on any hour: a shift at 0 h
  /// and one at 1 h cover it exactly (8 agent-hours required, 8 paid), which no cheaper plan can.
  @Test func overlappingShiftsCoverARequirementExactly() throws {
    let rules = ShiftRules(starts: (0...4).map { Double($0) * hour }, lengths: [4 * hour, 3 * hour])
    let planner = try ShiftPlanner(rules: rules, intervalLength: hour, intervalCount: 8)
    let plan = try planner.plan(requirement: [1, 2, 2, 2, 1, 0, 0, 0])
    #expect(plan.paidHours == 8)
    #expect(plan.coverage == [1, 2, 2, 2, 1, 0, 0, 0])
    #expect(plan.shifts == [Shift(start: 0, length: 4 * hour, count: 1), Shift(start: hour, length: 4 * hour, count: 1)])
  }

  /// One agent all day with one 8-hour shift that must take a 15-minute break 2-3 h in: one agent
  /// leaves a quarter-hour uncovered, so a second 8-hour agent is needed (16 paid hours). Allow a
  /// 2-hour shift from 02:00 and it covers the break instead: 10 paid hours.
  @Test func aBreakForcesAnExtraAgent() throws {
    let breakRule = BreakRule(length: quarter, earliestStart: 2 * hour, latestStart: 3 * hour, step: quarter, minimumShiftLength: 6 * hour)
    let requirement = [Int](repeating: 1, count: 32)
    let longOnly = try ShiftPlanner(rules: ShiftRules(starts: [0], lengths: [8 * hour], breaks: [breakRule]),
                                    intervalLength: quarter, intervalCount: 32)
    let twoLong = try longOnly.plan(requirement: requirement)
    #expect(twoLong.paidHours == 16 && twoLong.agents == 2 && twoLong.isComplete)
    #expect(modelCoverage(twoLong.shifts, intervals: 32, length: quarter).allSatisfy { $0 >= 1 })

    let withShort = try ShiftPlanner(rules: ShiftRules(starts: [0, 2 * hour], lengths: [2 * hour, 8 * hour], breaks: [breakRule]),
                                     intervalLength: quarter, intervalCount: 32)
    let plan = try withShort.plan(requirement: requirement)
    #expect(plan.paidHours == 10 && plan.agents == 2 && plan.isComplete)
    #expect(plan.shifts.map(\.length) == [8 * hour, 2 * hour] && plan.shifts[1].start == 2 * hour)
    #expect(plan.shifts[0].breaks.count == 1)
    #expect(modelCoverage(plan.shifts, intervals: 32, length: quarter) == plan.coverage)
  }

  /// An unpaid lunch is not paid: an 8-hour shift with 30 unpaid minutes costs 7.5 hours, and a
  /// paid break costs its time.
  @Test func unpaidBreaksAreLeftOutOfThePaidHours() throws {
    let rules = ShiftRules(starts: [0], lengths: [8 * hour], breaks: [
      BreakRule(length: quarter, earliestStart: 2 * hour, latestStart: 2 * hour, step: quarter),
      BreakRule(length: 2 * quarter, paid: false, earliestStart: 4 * hour, latestStart: 4 * hour, step: quarter),
    ])
    let planner = try ShiftPlanner(rules: rules, intervalLength: quarter, intervalCount: 32, hourlyCost: 30)
    let plan = try planner.plan(requirement: [3] + [Int](repeating: 0, count: 31))
    #expect(plan.shifts == [Shift(start: 0, length: 8 * hour, count: 3, breaks: [
      ShiftBreak(offset: 2 * hour, length: quarter), ShiftBreak(offset: 4 * hour, length: 2 * quarter, paid: false),
    ])])
    #expect(plan.paidHours == 3 * 7.5 && plan.cost == 3 * 7.5 * 30)
  }

  /// The plan's coverage, derived from its shifts by the model (`AgentGroup(shifts:)`), is its
  /// reported coverage and meets the requirement of a realistic day: 96 quarter-hours, starts every
  /// 15 minutes, three lengths, three breaks (13 975 patterns). Stopped after the root node, the plan
  /// is not proven optimal — the relaxation's bound rounds up to 707 paid hours, and the optimum is
  /// 708 (proven for this instance by the HiGHS solver in SciPy 1.17, `scipy.optimize.milp`, from the same
  /// patterns) — but it is within 3% of it, and its gap says so.
  @Test func theCoverageTheModelDerivesMeetsARealisticRequirement() throws {
    let planner = try ShiftPlanner(rules: realisticRules, intervalLength: quarter, intervalCount: 96, hourlyCost: 27,
                                   limits: ShiftPlanner.Limits(nodes: 1))
    #expect(planner.patterns.count == 13_975)
    let plan = try planner.plan(requirement: retailVoiceRequirement)
    #expect(plan.status == .nodeLimit && plan.gap > 0 && plan.gap < 0.03)
    #expect(plan.isComplete)
    let derived = modelCoverage(plan.shifts, intervals: 96, length: quarter)
    #expect(derived == plan.coverage)
    #expect(zip(derived, retailVoiceRequirement).allSatisfy { $0 >= $1 })
    #expect(plan.paidHours >= 708 && plan.paidHours <= 708 * 1.03)
    #expect(plan.shifts.allSatisfy { $0.count > 0 && $0.start + $0.length <= 24 * hour })
    #expect(abs(plan.cost - plan.paidHours * 27) < 1e-9)
    // Every shift is one the rules allow.
    #expect(plan.shifts.allSatisfy { shift in
      realisticRules.starts.contains(shift.start) && realisticRules.lengths.contains(shift.length)
        && realisticRules.breakPlacements(forLength: shift.length).contains(shift.breaks)
    })
  }

  /// Random small instances (fixed seed): the planner's optimum — least shortfall, then fewest paid
  /// hours — equals an exhaustive search over every combination of patterns, listed here
  /// independently of the planner and with coverage derived by the model, with and without agent limits.
  @Test func smallInstancesMatchExhaustiveSearch() throws {
    var random = SplitMix64(state: 20_240_601)
    var tested = 0
    for instance in 0..<60 {
      let intervals = 6
      let length = hour
      let starts = (0..<1 + random.below(3)).map { _ in Double(random.below(5)) * length }
      let lengths = (0..<1 + random.below(2)).map { _ in [2 * hour, 3 * hour, 4 * hour][random.below(3)] }
      let breakRules = random.below(2) == 0 ? [] : [
        BreakRule(length: hour, paid: random.below(2) == 0, earliestStart: hour, latestStart: 2 * hour, step: hour,
                  minimumShiftLength: 3 * hour),
      ]
      let limitsAgents = random.below(3) == 0
      let rules = ShiftRules(starts: starts, lengths: lengths, breaks: breakRules,
                             maximumPerStart: limitsAgents && random.below(2) == 0 ? 1 + random.below(2) : nil,
                             maximumAgents: limitsAgents ? 2 + random.below(3) : nil)
      let requirement = (0..<intervals).map { _ in random.below(3) }

      // The patterns, listed by hand: each start, each length that fits, each break offset.
      var patterns: [(start: Double, shift: Shift, paid: Double, coverage: [Int])] = []
      for start in Set(starts).sorted() {
        for shiftLength in Set(lengths).sorted() where start + shiftLength <= Double(intervals) * length {
          var placements: [[ShiftBreak]] = [[]]
          if let rule = breakRules.first, shiftLength >= rule.minimumShiftLength {
            placements = stride(from: rule.earliestStart, through: rule.latestStart, by: rule.step)
              .filter { $0 + rule.length <= shiftLength }
              .map { [ShiftBreak(offset: $0, length: rule.length, paid: rule.paid)] }
          }
          for breaks in placements {
            let shift = Shift(start: start, length: shiftLength, count: 1, breaks: breaks)
            let paid = (shiftLength - breaks.filter { !$0.paid }.reduce(0) { $0 + $1.length }) / 3600
            patterns.append((start, shift, paid, modelCoverage([shift], intervals: intervals, length: length)))
          }
        }
      }
      #expect(patterns.count == rules.patternCount(openingSpan: Double(intervals) * length))
      guard patterns.count <= 10 else { continue }   // 3^10 combinations at most
      tested += 1

      // Exhaustive search: 0...max(requirement) agents on each pattern.
      let most = requirement.max() ?? 0
      var best = (shortfall: Int.max, paid: Double.infinity)
      var counts = [Int](repeating: 0, count: patterns.count)
      func search(_ index: Int) {
        if index == patterns.count {
          let total = counts.reduce(0, +)
          if let cap = rules.maximumAgents, total > cap { return }
          if let cap = rules.maximumPerStart {
            for start in starts where zip(patterns, counts).filter({ $0.0.start == start }).reduce(0, { $0 + $1.1 }) > cap { return }
          }
          var shortfall = 0
          for k in 0..<intervals {
            let covered = zip(patterns, counts).reduce(0) { $0 + $1.0.coverage[k] * $1.1 }
            shortfall += max(0, requirement[k] - covered)
          }
          let paid = zip(patterns, counts).reduce(0.0) { $0 + $1.0.paid * Double($1.1) }
          if shortfall < best.shortfall || (shortfall == best.shortfall && paid < best.paid - 1e-9) { best = (shortfall, paid) }
          return
        }
        for count in 0...most {
          counts[index] = count
          search(index + 1)
        }
        counts[index] = 0
      }
      search(0)

      let plan = try ShiftPlanner(rules: rules, intervalLength: length, intervalCount: intervals).plan(requirement: requirement)
      #expect(plan.status == .optimal)
      #expect(plan.shortfall == best.shortfall, "instance \(instance): \(rules), requirement \(requirement)")
      #expect(abs(plan.paidHours - best.paid) < 1e-9, "instance \(instance): \(rules), requirement \(requirement)")
      #expect(modelCoverage(plan.shifts, intervals: intervals, length: length) == plan.coverage)
      #expect(plan.agents <= rules.maximumAgents ?? .max)
    }
    #expect(tested >= 30)
  }

  /// Nothing may start before 02:00, so the first two hours cannot be covered: the plan covers the
  /// rest at the fewest paid hours (one 4-hour shift from 02:00 and one from 04:00) and names exactly
  /// the two uncovered hours, with what they miss.
  @Test func aRequirementBeforeTheFirstStartIsNamedAsUncovered() throws {
    let rules = ShiftRules(starts: [2 * hour, 4 * hour], lengths: [4 * hour])
    let planner = try ShiftPlanner(rules: rules, intervalLength: hour, intervalCount: 8, hourlyCost: 10)
    let plan = try planner.plan(requirement: [2, 1, 1, 1, 1, 1, 1, 1])
    #expect(plan.uncovered == [UncoveredInterval(interval: 0, required: 2, covered: 0), UncoveredInterval(interval: 1, required: 1, covered: 0)])
    #expect(plan.uncovered.map(\.missing) == [2, 1] && plan.shortfall == 3 && !plan.isComplete)
    #expect(plan.shifts == [Shift(start: 2 * hour, length: 4 * hour, count: 1), Shift(start: 4 * hour, length: 4 * hour, count: 1)])
    #expect(plan.paidHours == 8 && plan.cost == 80 && plan.status == .optimal)
  }

  /// Two agents at most may start at 00:00, but three are needed in the first two hours: the best
  /// partial plan puts two there (one short in each of those hours) and one at 04:00 (worked by hand).
  @Test func aLimitPerStartGivesTheBestPartialPlan() throws {
    let rules = ShiftRules(starts: [0, 4 * hour], lengths: [4 * hour], maximumPerStart: 2)
    let plan = try ShiftPlanner(rules: rules, intervalLength: hour, intervalCount: 8).plan(requirement: [3, 3, 1, 1, 1, 1, 1, 1])
    #expect(plan.shifts == [Shift(start: 0, length: 4 * hour, count: 2), Shift(start: 4 * hour, length: 4 * hour, count: 1)])
    #expect(plan.uncovered == [UncoveredInterval(interval: 0, required: 3, covered: 2), UncoveredInterval(interval: 1, required: 3, covered: 2)])
    #expect(plan.paidHours == 12 && plan.status == .optimal)
  }

  /// Only two agents are available and the first two hours need two: both at 00:00 would leave
  /// 04:00-08:00 empty (4 agent-hours short), one at 00:00 and one at 02:00 leaves 4 short too,
  /// one at 00:00 and one at 04:00 leaves only 2 short. The most coverage wins over the cheapest plan.
  @Test func tooFewAgentsGiveTheBestPartialPlan() throws {
    let rules = ShiftRules(starts: [0, 2 * hour, 4 * hour], lengths: [4 * hour], maximumAgents: 2)
    let plan = try ShiftPlanner(rules: rules, intervalLength: hour, intervalCount: 8).plan(requirement: [2, 2, 1, 1, 1, 1, 1, 1])
    #expect(plan.shifts == [Shift(start: 0, length: 4 * hour, count: 1), Shift(start: 4 * hour, length: 4 * hour, count: 1)])
    #expect(plan.uncovered == [UncoveredInterval(interval: 0, required: 2, covered: 1), UncoveredInterval(interval: 1, required: 2, covered: 1)])
    #expect(plan.shortfall == 2 && plan.paidHours == 8 && plan.agents == 2)
  }

  /// Same input, same plan: twice from one planner and once from a second one on the realistic
  /// day stopped by a node limit (not by time), and from eight tasks at once on a small day (the
  /// solves queue for GLPK's lock).
  @Test func plansAreDeterministic() async throws {
    let limits = ShiftPlanner.Limits(nodes: 30)
    let planner = try ShiftPlanner(rules: realisticRules, intervalLength: quarter, intervalCount: 96, hourlyCost: 27, limits: limits)
    let first = try planner.plan(requirement: retailVoiceRequirement)
    #expect(first.status == .nodeLimit)
    #expect(try planner.plan(requirement: retailVoiceRequirement) == first)
    let again = try ShiftPlanner(rules: realisticRules, intervalLength: quarter, intervalCount: 96, hourlyCost: 27, limits: limits)
    #expect(again.patterns == planner.patterns)
    #expect(try again.plan(requirement: retailVoiceRequirement) == first)

    let small = try ShiftPlanner(rules: ShiftRules(starts: (0...20).map { Double($0) * quarter }, lengths: [2 * hour, 3 * hour]),
                                 intervalLength: quarter, intervalCount: 32)
    let requirement = (0..<32).map { 2 + ($0 * 7) % 5 }
    let reference = try small.plan(requirement: requirement)
    #expect(reference.status == .optimal)
    let plans = try await withThrowingTaskGroup(of: ShiftPlan.self) { group in
      for _ in 0..<8 { group.addTask { try small.plan(requirement: requirement) } }
      return try await group.reduce(into: []) { $0.append($1) }
    }
    #expect(plans.count == 8 && plans.allSatisfy { $0 == reference })
  }

  /// The patterns: a start and length that would run past closing make none; those that cover the
  /// same intervals from one start are merged (the cheapest kept); the count the scenario reader
  /// checks is the count before merging.
  @Test func patternsAreListedMergedAndCounted() throws {
    // 30-minute intervals: a 15-minute break at the start of an interval ends at its midpoint and
    // so covers no midpoint; one at :15 does. Offsets 1 h, 1 h 15, 1 h 30, 1 h 45 give two distinct coverages.
    let rules = ShiftRules(starts: [0, 2 * hour, 3 * hour], lengths: [2 * hour, 4 * hour],
                           breaks: [BreakRule(length: quarter, earliestStart: hour, latestStart: 1.75 * hour, step: quarter)])
    #expect(rules.placementCount(forLength: 2 * hour) == 4 && rules.breakPlacements(forLength: 2 * hour).count == 4)
    #expect(rules.patternCount(openingSpan: 4 * hour) == 2 * 4 + 1 * 4)   // starts 0, 2 h fit 2 h; only 0 fits 4 h
    let planner = try ShiftPlanner(rules: rules, intervalLength: 2 * quarter, intervalCount: 8)
    // From 00:00, 3 coverages for each length; from 02:00, 3 for the 2-hour shift.
    #expect(planner.patterns.count == 9)
    #expect(planner.patterns.map(\.start) == [0, 0, 0, 0, 0, 0, 2 * hour, 2 * hour, 2 * hour])
    #expect(planner.patterns[0].breaks == [ShiftBreak(offset: hour, length: quarter)])
    #expect(planner.patterns[0].coveredIntervals == [0, 1, 2, 3])
    #expect(planner.patterns[1].coveredIntervals == [0, 1, 3])
  }

  /// Rules that make too many patterns are refused before any is listed, with the count and the limit.
  @Test func tooManyPatternsAreRefused() {
    #expect(throws: ShiftPlanningError.tooManyPatterns(count: 13_975, limit: 10_000)) {
      try ShiftPlanner(rules: realisticRules, intervalLength: quarter, intervalCount: 96,
                       limits: ShiftPlanner.Limits(maximumPatterns: 10_000))
    }
    #expect(ShiftPlanningError.tooManyPatterns(count: 13_975, limit: 10_000).description
      == "the shift rules allow 13975 shift patterns (starts × lengths × break placements), more than the limit of 10000: "
      + "allow fewer starts or lengths, or place breaks on a coarser step")
  }

  @Test func aGroupWithoutRulesCannotBePlanned() {
    let scenario = Scenario(name: "x", intervalLength: 3600, intervalCount: 2, contactTypes: [
      ContactType(id: "calls", arrivalRates: [0, 0], handleTime: .exponential(mean: 60), patience: nil, serviceLevel: ServiceLevelRule(threshold: 20)),
    ], groups: [AgentGroup(id: "team", skills: [Skill(type: 0)], agents: [1, 1])])
    #expect(throws: ShiftPlanningError.noShiftRules(group: "team")) {
      try ShiftPlanner(group: scenario.groups[0], in: scenario)
    }
  }

  /// Shrinkage grossed up exactly: 7 available at 30% shrinkage need 10 on the phones, not 11.
  @Test func onPhoneRequirementGrossesUpForShrinkage() {
    #expect(ShiftPlanner.onPhoneRequirement(available: [7, 14, 1, 0], shrinkage: 0.3) == [10, 20, 2, 0])
  }

  /// A planned group runs: its shifts go into a scenario as they are, its agents on duty are the
  /// plan's coverage, and the simulation pays exactly the plan's hours (no contacts, so no overtime).
  @Test func aPlanStaffsAGroupThatRuns() throws {
    var group = AgentGroup(id: "team", skills: [Skill(type: 0)], agents: [Int](repeating: 0, count: 32), hourlyCost: 25)
    group.shiftRules = ShiftRules(starts: [0, 2 * hour, 4 * hour], lengths: [4 * hour, 6 * hour], breaks: [
      BreakRule(length: 2 * quarter, paid: false, earliestStart: 2 * hour, latestStart: 3 * hour, step: quarter, minimumShiftLength: 6 * hour),
    ])
    let calls = ContactType(id: "calls", arrivalRates: [Double](repeating: 0, count: 32), handleTime: .exponential(mean: 60),
                            patience: nil, serviceLevel: ServiceLevelRule(threshold: 20))
    var scenario = Scenario(name: "planned", intervalLength: quarter, intervalCount: 32, contactTypes: [calls], groups: [group])
    let planner = try ShiftPlanner(group: group, in: scenario)
    let plan = try planner.plan(requirement: (0..<32).map { 2 + ($0 / 8) % 2 })
    #expect(plan.status == .optimal && plan.isComplete)
    scenario.groups[0] = plan.staffing(group, intervalLength: quarter)
    #expect(scenario.groups[0].agents == plan.coverage && scenario.groups[0].shifts == plan.shifts)
    #expect(scenario.groups[0].shiftRules == group.shiftRules && scenario.groups[0].hourlyCost == 25)
    let run = try Experiment(scenario: scenario, seed: 1).replicate(0)
    let paid = run.groups[0][.paidHours]
    #expect(paid.map { abs($0 - plan.paidHours) < 1e-9 } == true)
  }
}
