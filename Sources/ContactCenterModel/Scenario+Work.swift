import SimKernel

/// How much work one replication of a scenario can be, before it runs: the contacts that arrive
/// from outside, and a bound on the contacts (retrials, repeats, escalations) each may lead to.
/// `ScenarioIO` refuses a scenario whose product exceeds its limit (`Docs/scenario-format.md`,
/// "Limits").
///
/// A customer's *visit* is one contact and the escalations that follow it. Escalations do not
/// cycle (the parser refuses a cycle), so a visit starting at type `t` has at most
///
///     E(t) = 1 + (1 − r(t)) × Σ share(t → u) × E(u)
///
/// contacts on average, `r(t)` the lowest resolution any skill gives `t` (every contact served,
/// none abandoning: abandoning ends a visit). A visit ends once, by one exit: an abandonment (the
/// caller tries again with `t`'s retrial probability), an unresolved contact that is not escalated
/// (the customer comes back with `t`'s repeat probability), or a resolution. So a visit leads to
/// another with probability at most `p`, the largest *return probability* of any type: its retrial
/// probability if it has patience, and its repeat probability times the largest chance that a
/// contact leaves it unresolved and not escalated, (1 − r(t)) × (1 − Σ share) (so every unresolved
/// customer may come back, `repeat.probability` 1, when some are resolved). The visits per arrival are then at most `1 / (1 − p)` (a geometric series),
/// and the contacts per arrival at most `max E(t) / (1 − p)`: infinite when `p = 1`.
///
///     // 50% of callers who abandon try again; nothing escalates: at most 2 contacts per arrival.
///     scenario.contactsPerArrivalBound   // 2.0
extension Scenario {
  /// The expected contacts arriving from outside in one replication, at a busyness of 1: the
  /// arrivals of the warm-up and the intervals (surges included), and the opening backlog.
  public var expectedArrivals: Double {
    var total = 0.0
    for t in contactTypes.indices {
      var from = 0.0
      for piece in ArrivalSegment.pieces(of: self, type: t, busyness: 1) {
        total += piece.rate * (piece.end - from)
        from = piece.end
      }
      total += Double(contactTypes[t].openingBacklog?.count ?? 0)
    }
    return total
  }

  /// Each type's return probability: the largest chance that a visit ending at this type leads to
  /// another visit (see the extension's discussion); in `0...1`.
  public var returnProbabilities: [Double] {
    let resolution = lowestResolutions
    return contactTypes.indices.map { t in
      let type = contactTypes[t]
      let abandonRetrial = type.patience == nil ? 0 : type.retrial?.probability ?? 0
      // A blocked caller (every line held, or a full queue) retries with `afterBlock`.
      let canBeBlocked = holdsLine(t) || type.queueCapacity != nil
      let retrial = max(abandonRetrial, canBeBlocked ? type.retrial?.probabilityAfterBlock ?? 0 : 0)
      let escalated = type.escalations.reduce(0) { $0 + $1.share }
      let canLeaveUnresolved = resolution[t] < 1 && escalated < 1
      // A contact comes back as a repeat when it is left unresolved, not escalated, and returns.
      let repeated = canLeaveUnresolved ? (1 - resolution[t]) * (1 - escalated) * (type.repeats?.probability ?? 0) : 0
      return max(retrial, repeated)
    }
  }

  /// An upper bound on the expected contacts one arrival leads to, itself included (≥ 1):
  /// `max E(t) / (1 − p)`; `.infinity` when some type's return probability is 1.
  /// - Complexity: O(types + escalations + skills).
  public var contactsPerArrivalBound: Double {
    let p = returnProbabilities.max() ?? 0
    guard p < 1 else { return .infinity }
    let resolution = lowestResolutions
    var visit = [Double?](repeating: nil, count: contactTypes.count)
    func contacts(from t: Int) -> Double {
      if let known = visit[t] { return known }
      let onward = contactTypes[t].escalations.reduce(0.0) { $0 + $1.share * contacts(from: $1.to) }
      let value = 1 + (1 - resolution[t]) * onward
      visit[t] = value
      return value
    }
    let longestVisit = contactTypes.indices.map { contacts(from: $0) }.max() ?? 1
    return longestVisit / (1 - p)
  }

  /// Per type, the lowest resolution it is served with: its own, or a skill's override.
  private var lowestResolutions: [Double] {
    var resolution = contactTypes.map(\.resolution)
    for group in agentGroups {
      for skill in group.skills {
        if let r = skill.resolution { resolution[skill.type] = min(resolution[skill.type], r) }
      }
    }
    return resolution
  }
}
