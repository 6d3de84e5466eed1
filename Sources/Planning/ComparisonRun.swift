import ContactCenterModel

extension PlanComparison {
  /// Runs `plans` (a base scenario and its variants, each with a name) on common random numbers —
  /// the same `replications` on the same `seed`, so every plan sees the same customers — and
  /// compares them with `plans[reference]`, as `ccsim compare` does.
  ///
  ///     let comparison = try PlanComparison.run([("base", base), ("one more", more)], seed: 1, replications: 10)
  ///     comparison.rows.first { $0.metric == "service_level" }?.differences[1]   // one more minus base
  ///
  /// - Parameters:
  ///   - plans: At least one plan; names should be unique (``uniqueNames(_:)``).
  ///   - reference: The index of the plan the others are compared with.
  ///   - threads: Threads each plan's replications run on (the results do not depend on it).
  ///   - progress: Called with the replications run so far, of `replications × plans.count`.
  /// - Throws: ``ContactCenterModel/CentreOverload`` when a plan overloads the centre.
  public static func run(_ plans: [(name: String, scenario: Scenario)], reference: Int = 0, seed: UInt64, replications: Int,
                         threads: Int = 1, progress: @escaping @Sendable (Int) -> Void = { _ in }) throws -> PlanComparison {
    var results: [RunResult] = []
    for plan in plans {
      let done = results.count * replications
      results.append(try Experiment(scenario: plan.scenario, seed: seed)
        .run(replications: replications, threads: threads) { progress(done + $0) })
    }
    return PlanComparison(plans: Array(zip(plans.map(\.name), results)), reference: reference)
  }

  /// Names made unique by adding `-2`, `-3`, … to repeats, in order: `[base, a, a]` → `[base, a, a-2]`.
  public static func uniqueNames(_ names: [String]) -> [String] {
    var used = Set<String>()
    return names.map { name in
      var unique = name, next = 2
      while used.contains(unique) { unique = "\(name)-\(next)"; next += 1 }
      used.insert(unique)
      return unique
    }
  }
}
