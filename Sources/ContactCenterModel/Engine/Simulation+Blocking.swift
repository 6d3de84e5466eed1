/// Finite capacity: trunk lines shared by the voice types and a queue capacity per type. A caller
/// who finds every line held, or a contact that would wait in a full queue, is blocked: counted in
/// `blocked` (and `offered`), and tries again with its type's retrial probability after a block.
/// The model is in `Docs/model.md`, "Lines and busy signals".
///
/// The engine consults this only when ``Simulation/blocks`` (the scenario has `lines` or a
/// `queueCapacity`): one predictable branch at each place a contact arrives, queues or leaves.
struct TrunkLines {
  /// The scenario's `lines` (`Int.max` without).
  let limit: Int
  /// Lines held now: every voice contact waiting, in service or on hold for a transfer.
  var held = 0
  /// Per type: whether its contacts hold a line (voice types, when the scenario has `lines`).
  let holdsLine: [Bool]

  init(_ scenario: Scenario) {
    limit = scenario.lines ?? .max
    holdsLine = scenario.contactTypes.indices.map(scenario.holdsLine)
  }
}

extension Simulation {
  /// The customer's contact `journey` (new, retrial or repeat) takes a line if its type holds one;
  /// `false`, holding nothing, when every line is held.
  mutating func takeLine(_ journey: JourneyID) -> Bool {
    guard trunk.holdsLine[journeys[journey].type.index] else { return true }
    guard trunk.held < trunk.limit else { return false }
    trunk.held += 1
    journeys[journey].holdsLine = true
    return true
  }

  /// The caller of `journey` hangs up (or is done): its line, if it held one, is free. Returns
  /// whether it held one.
  @discardableResult
  mutating func releaseLine(_ journey: JourneyID) -> Bool {
    guard journeys[journey].holdsLine else { return false }
    journeys[journey].holdsLine = false
    trunk.held -= 1
    return true
  }

  /// A caller who held a line and has just been escalated keeps it if the new type is voice too (a
  /// transfer on the same call; the line was released a moment ago, so one is free).
  mutating func keepLine(_ journey: JourneyID) {
    guard trunk.holdsLine[journeys[journey].type.index] else { return }
    trunk.held += 1
    journeys[journey].holdsLine = true
  }

  /// Whether the queue of `type` is full: as many of its contacts wait as its `queueCapacity`.
  func queueIsFull(_ type: ContactTypeID) -> Bool { lines[type.index].waiting >= queueCapacities[type.index] }

  /// The contact `journey`, already counted offered in `cell`, is blocked: counted, its line (if
  /// any) released, and the caller tries again after the retrial delay with the type's
  /// `retrial.afterBlock` probability (drawn on the type's outcome stream); otherwise it is lost.
  mutating func block(_ journey: JourneyID, cell: Int) {
    counters.cells[cell].blocked += 1
    log?.leave(journey, at: calendar.now, .blocked)
    releaseLine(journey)
    let type = journeys[journey].type
    let source = sources[type.index].takeUnretainedValue()
    if let retrial = source.retrial, retrial.afterBlock > 0, source.outcomes.uniform() < retrial.afterBlock {
      journeys[journey].retriesAfterBlock = true
      scheduleComeBack(journey, as: type, delay: retrial.delay, stream: source, isRepeat: false, countedIn: cell)
    } else {
      journeys.release(journey)
    }
  }
}
