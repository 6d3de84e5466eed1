import SimKernel

/// The shifts an agent group may work: the rules a shift plan is built from when the shifts are
/// not written by hand but planned from a requirement per interval (`ShiftPlanning`,
/// `Docs/shift-planning.md`).
///
/// A *pattern* is one allowed shift: a start from ``starts``, a length from ``lengths`` that ends by
/// closing time, and one placement of each break that applies to that length. Breaks are placed
/// in the order listed, each inside its window, each after the one before ends, each inside the
/// shift. A start and length that would run past closing time simply make no pattern.
///
///     let rules = ShiftRules(starts: [0, 1800, 3600], lengths: [8 * 3600],
///                            breaks: [BreakRule(length: 900, earliestStart: 7200, latestStart: 9000, step: 900)])
///     rules.patternCount(openingSpan: 10 * 3600)   // 3 starts × 3 break offsets = 9
///
/// Times are seconds; starts are counted from the first interval's start (the opening).
public struct ShiftRules: Hashable, Sendable {
  /// Allowed start times, seconds after the opening: ascending, each once, each ≥ 0.
  public var starts: [SimTime]
  /// Allowed shift lengths in seconds: ascending, each once, each > 0.
  public var lengths: [SimTime]
  /// The breaks a shift takes, in time order; each may apply only to shifts of some length.
  public var breaks: [BreakRule]
  /// At most this many agents on the shifts that start at any one time (`nil`: no limit).
  public var maximumPerStart: Int?
  /// At most this many agents in the whole plan: the headcount available (`nil`: no limit).
  public var maximumAgents: Int?

  /// The rules of a group's shifts.
  ///
  /// - Parameters:
  ///   - starts: Allowed starts, seconds after the opening (finite, ≥ 0); sorted and made unique here.
  ///   - lengths: Allowed lengths in seconds (finite, > 0); sorted and made unique here.
  ///   - breaks: The break rules in time order.
  ///   - maximumPerStart: At most this many agents per start time, ≥ 1 (`nil`: no limit).
  ///   - maximumAgents: At most this many agents in all, ≥ 1 (`nil`: no limit).
  public init(starts: [SimTime], lengths: [SimTime], breaks: [BreakRule] = [], maximumPerStart: Int? = nil,
              maximumAgents: Int? = nil) {
    precondition(!starts.isEmpty && starts.allSatisfy { $0 >= 0 && $0.isFinite }, "shift rules need starts ≥ 0")
    precondition(!lengths.isEmpty && lengths.allSatisfy { $0 > 0 && $0.isFinite }, "shift rules need lengths > 0")
    precondition((maximumPerStart ?? 1) >= 1 && (maximumAgents ?? 1) >= 1, "agent limits must be ≥ 1")
    self.starts = Array(Set(starts)).sorted()
    self.lengths = Array(Set(lengths)).sorted()
    self.breaks = breaks
    self.maximumPerStart = maximumPerStart
    self.maximumAgents = maximumAgents
  }

  /// The break rules that apply to a shift of `length` seconds, in order.
  public func breaks(forLength length: SimTime) -> [BreakRule] {
    breaks.filter { $0.applies(toLength: length) }
  }

  /// Every placement of the breaks of a shift of `length` seconds: each applicable break starts at
  /// one of its ``BreakRule/offsets``, after the previous break ends, and ends inside the shift.
  /// In lexicographic order of the offsets; `[[]]` when no break applies.
  ///
  /// - Complexity: O(the number of placements × breaks); check ``placementCount(forLength:)`` first.
  public func breakPlacements(forLength length: SimTime) -> [[ShiftBreak]] {
    let rules = breaks(forLength: length)
    var result: [[ShiftBreak]] = []
    var current: [ShiftBreak] = []
    func place(_ index: Int, after earliest: SimTime) {
      guard index < rules.count else {
        result.append(current)
        return
      }
      let rule = rules[index]
      for offset in rule.offsets where offset >= earliest - Self.tolerance && offset + rule.length <= length + Self.tolerance {
        current.append(ShiftBreak(offset: offset, length: rule.length, paid: rule.paid))
        place(index + 1, after: offset + rule.length)
        current.removeLast()
      }
    }
    place(0, after: 0)
    return result
  }

  /// The number of ``breakPlacements(forLength:)``, counted without listing them (saturating at
  /// `Int.max`).
  ///
  /// - Complexity: O(breaks × offsets²).
  public func placementCount(forLength length: SimTime) -> Int {
    let rules = breaks(forLength: length)
    // ways[i]: the placements of the breaks before the current one that end at ends[i].
    var ends: [SimTime] = [0]
    var ways: [Int] = [1]
    for rule in rules {
      var nextEnds: [SimTime] = []
      var nextWays: [Int] = []
      for offset in rule.offsets where offset + rule.length <= length + Self.tolerance {
        var count = 0
        for (end, way) in zip(ends, ways) where end <= offset + Self.tolerance {
          count = count.addingReportingOverflow(way).overflow ? Int.max : count + way
        }
        if count > 0 {
          nextEnds.append(offset + rule.length)
          nextWays.append(count)
        }
      }
      (ends, ways) = (nextEnds, nextWays)
    }
    return ways.reduce(0) { $0.addingReportingOverflow($1).overflow ? Int.max : $0 + $1 }
  }

  /// The number of shift patterns that fit in a day of `openingSpan` seconds: for each start and
  /// each length that ends by closing time, the break placements (saturating at `Int.max`). Patterns
  /// that cover the same planning intervals are merged later by the planner, so it may solve with fewer.
  public func patternCount(openingSpan: SimTime) -> Int {
    var total = 0
    for length in lengths {
      let fitting = starts.count(where: { $0 + length <= openingSpan + Self.tolerance })
      guard fitting > 0 else { continue }
      let (product, overflow) = placementCount(forLength: length).multipliedReportingOverflow(by: fitting)
      let (sum, overflowSum) = total.addingReportingOverflow(product)
      if overflow || overflowSum { return Int.max }
      total = sum
    }
    return total
  }

  /// The most shift patterns a plan is built from (the scenario reader refuses more, and so does
  /// the planner unless told otherwise): about seven times a demanding realistic day (starts every
  /// 15 minutes for 16 hours, three lengths, three breaks on a 15-minute step: 13 975 patterns),
  /// beyond which GLPK's search slows to a few nodes a second.
  public static let patternLimit = 100_000

  /// Times are compared with this slack (seconds), so that `7200 + 3 × 0.1 × …` sums land on the grid.
  static let tolerance: SimTime = 1e-6
}

/// One break every shift of at least ``minimumShiftLength`` takes: ``length`` seconds, paid or not,
/// starting somewhere from ``earliestStart`` to ``latestStart`` after the shift's start, on a grid
/// of ``step`` seconds.
///
///     BreakRule(length: 1800, paid: false, earliestStart: 12_600, latestStart: 18_000, step: 900,
///               minimumShiftLength: 6 * 3600)   // lunch, 3.5 h to 5 h in, in shifts of 6 h or more
public struct BreakRule: Hashable, Sendable {
  /// The break's length in seconds (> 0).
  public var length: SimTime
  /// Whether the break is paid (a rest break) or not (lunch); unpaid time is not in the paid hours.
  public var paid: Bool
  /// The earliest start, seconds after the shift's start (≥ 0).
  public var earliestStart: SimTime
  /// The latest start, seconds after the shift's start (≥ ``earliestStart``).
  public var latestStart: SimTime
  /// The placement grid, seconds (> 0): the break may start at `earliestStart + k·step`.
  public var step: SimTime
  /// The break applies only to shifts at least this long (seconds; 0: every shift).
  public var minimumShiftLength: SimTime

  /// A break rule; every time in seconds.
  ///
  /// - Parameters:
  ///   - length: The break's length, > 0.
  ///   - paid: `false` for an unpaid break (lunch).
  ///   - earliestStart: The earliest start after the shift's start, ≥ 0.
  ///   - latestStart: The latest start, ≥ `earliestStart`; offsets past it are not used even when
  ///     the step does not land on it.
  ///   - step: The placement grid, > 0.
  ///   - minimumShiftLength: Shifts shorter than this do not take the break; 0: every shift.
  public init(length: SimTime, paid: Bool = true, earliestStart: SimTime, latestStart: SimTime, step: SimTime,
              minimumShiftLength: SimTime = 0) {
    precondition(length > 0 && length.isFinite, "a break needs a length > 0")
    precondition(earliestStart >= 0 && latestStart >= earliestStart && latestStart.isFinite, "a break window needs 0 ≤ earliest ≤ latest")
    precondition(step > 0 && step.isFinite, "a break step must be > 0")
    precondition(minimumShiftLength >= 0 && minimumShiftLength.isFinite, "a minimum shift length must be ≥ 0")
    self.length = length
    self.paid = paid
    self.earliestStart = earliestStart
    self.latestStart = latestStart
    self.step = step
    self.minimumShiftLength = minimumShiftLength
  }

  /// Whether a shift of `length` seconds takes this break.
  public func applies(toLength length: SimTime) -> Bool { length + ShiftRules.tolerance >= minimumShiftLength }

  /// The allowed starts, seconds after the shift's start: `earliestStart`, `earliestStart + step`,
  /// … up to `latestStart`.
  public var offsets: [SimTime] {
    let count = Int(((latestStart - earliestStart) / step + 1e-9).rounded(.down)) + 1
    return (0..<count).map { earliestStart + Double($0) * step }
  }
}
