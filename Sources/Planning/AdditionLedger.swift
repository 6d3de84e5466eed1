/// The agents the staffing search added, per group and interval, each addition with the missed
/// targets that asked for it, so that the agents added for a target later set aside as
/// unattainable can be taken out again (`Docs/planning.md`, "Unattainable targets").
///
/// An addition stays as long as one of its causes is still a target to meet: agents added at an
/// interval where an attainable target missed too are needed by that target. Removals by the
/// search (the remove phase, a release) take the latest additions first, so that the ledger never
/// credits a target with more agents than the plan holds above where the additions began.
///
///     var ledger = AdditionLedger<String>(groups: 1, intervals: 2)
///     ledger.record(group: 0, interval: 0, amount: 4, causes: ["email 00:00"])
///     ledger.record(group: 0, interval: 0, amount: 1, causes: ["email 00:00", "calls 00:00"])
///     ledger.release { $0 == "email 00:00" }   // [(group: 0, interval: 0, amount: 4)]
///
/// - Complexity: ``record(group:interval:amount:causes:)`` O(1); ``consume(group:interval:amount:)``
///   O(additions at the group and interval); ``release(where:)`` O(all additions × causes).
struct AdditionLedger<Cause: Hashable> {
  struct Addition: Hashable {
    var amount: Int
    var causes: Set<Cause>
  }

  /// `additions[group][interval]`, oldest first.
  private(set) var additions: [[[Addition]]]

  init(groups: Int, intervals: Int) {
    additions = Array(repeating: Array(repeating: [], count: intervals), count: groups)
  }

  /// Agents added at `group` and `interval` for `causes` (`amount` ≥ 1, `causes` not empty).
  mutating func record(group: Int, interval: Int, amount: Int, causes: Set<Cause>) {
    precondition(amount >= 1 && !causes.isEmpty, "an addition adds agents for some target")
    additions[group][interval].append(Addition(amount: amount, causes: causes))
  }

  /// Agents removed at `group` and `interval` by other means (the remove phase): the latest
  /// additions there lose them first. Removing more than was added empties the cell.
  mutating func consume(group: Int, interval: Int, amount: Int) {
    _ = takeLatest(group: group, interval: interval, amount: amount)
  }

  /// `amount` agents moved from `from` to `to` at `group` (deferred work worked later): the latest
  /// additions at `from` go, with their causes, to `to`. Agents not recorded there (the Erlang
  /// start's) move unrecorded.
  mutating func move(group: Int, from: Int, to: Int, amount: Int) {
    additions[group][to] += takeLatest(group: group, interval: from, amount: amount)
  }

  /// Takes up to `amount` agents off the latest additions at `group` and `interval` and returns
  /// them as additions with their causes, latest first.
  private mutating func takeLatest(group: Int, interval: Int, amount: Int) -> [Addition] {
    var taken: [Addition] = []
    var left = amount
    while left > 0, var last = additions[group][interval].popLast() {
      let part = min(left, last.amount)
      last.amount -= part
      left -= part
      if last.amount > 0 { additions[group][interval].append(last) }
      taken.append(Addition(amount: part, causes: last.causes))
    }
    return taken
  }

  /// Takes out every addition all of whose causes satisfy `isSetAside`, and returns the agents to
  /// remove, summed per group and interval (in group, then interval order; amounts ≥ 1).
  mutating func release(where isSetAside: (Cause) -> Bool) -> [(group: Int, interval: Int, amount: Int)] {
    var released: [(group: Int, interval: Int, amount: Int)] = []
    for g in additions.indices {
      for k in additions[g].indices {
        var amount = 0
        additions[g][k].removeAll { addition in
          guard addition.causes.allSatisfy(isSetAside) else { return false }
          amount += addition.amount
          return true
        }
        if amount > 0 { released.append((g, k, amount)) }
      }
    }
    return released
  }

  /// Agents recorded at `group` and `interval`.
  func total(group: Int, interval: Int) -> Int { additions[group][interval].reduce(0) { $0 + $1.amount } }
}
