import SimKernel

/// One contact of a replication, as a centre's call log would record it: written by
/// ``Experiment/run(replications:threads:progress:contacts:)`` when asked, one record per contact
/// the replication's summary counts in `offered` (`Docs/history.md`, "The centre's own calls").
///
/// A contact is one attempt of a customer: a retrial after an abandon or a block and a repeat after
/// an unresolved service are new contacts of the same ``customer``; an escalation's tier-2 part is a
/// new contact of the target type, arriving and queueing when its transfer ends. Times are seconds
/// of the simulation clock (0 is the scenario's start; deferred work of the opening backlog arrives
/// before 0, at its age).
///
///     let result = try Experiment(scenario: s, seed: 1).run(replications: 2) { contacts in
///       for contact in contacts where contact.outcome == .served { … }
///     }
public struct ContactRecord: Hashable, Sendable {
  /// How a contact ended, as the engine knows it.
  public enum Outcome: String, Hashable, Sendable, CaseIterable {
    /// An agent served it (counted in `answered`).
    case served
    /// The caller's patience ran out while queueing (`abandoned`).
    case abandoned
    /// Self-service ended it before the queue (`contained`).
    case contained
    /// Every line was held or its queue was full (`blocked`).
    case blocked
    /// Still waiting when no agent could take it any more (`unserved`).
    case unserved
    /// Deferred work still waiting at close, carried over to the next day (`carried_over`).
    case carriedOver = "carried_over"
  }

  /// What came of a served contact.
  public enum Resolution: String, Hashable, Sendable {
    case resolved, escalated, unresolved
  }

  /// The replication, 0-based.
  public var replication: Int
  /// The contact's number within its replication, in order of arrival (from 1).
  public var id: Int
  /// The customer's number within the replication (from 1), shared by its retrials, repeats and
  /// escalated parts.
  public var customer: Int
  /// The contact's type and the group that served it (``Scenario/contactTypes``,
  /// ``Scenario/agentGroups`` indices); `group` is `nil` unless it was served.
  public var type: Int
  public var group: Int?
  /// Arrival, joining the queue (`nil` when it never reached the queue: contained or blocked),
  /// start of service, hanging up (abandoned) and end of service, in seconds of the simulation
  /// clock.
  public var arrival: SimTime
  public var queueEntry: SimTime?
  public var answer: SimTime?
  public var hangUp: SimTime?
  public var end: SimTime?
  /// Seconds waited (answered, abandoned, or until an unserved or carried-over contact left), and the
  /// handle time of a served contact (after the group's factor and a session's stretch).
  public var wait: Double?
  public var handle: Double?
  public var outcome: Outcome
  public var resolution: Resolution?

  public init(replication: Int, id: Int, customer: Int, type: Int, group: Int? = nil, arrival: SimTime,
              queueEntry: SimTime? = nil, answer: SimTime? = nil, hangUp: SimTime? = nil, end: SimTime? = nil,
              wait: Double? = nil, handle: Double? = nil, outcome: Outcome, resolution: Resolution? = nil) {
    self.replication = replication
    self.id = id
    self.customer = customer
    self.type = type
    self.group = group
    self.arrival = arrival
    self.queueEntry = queueEntry
    self.answer = answer
    self.hangUp = hangUp
    self.end = end
    self.wait = wait
    self.handle = handle
    self.outcome = outcome
    self.resolution = resolution
  }
}

/// The contacts of one replication while it runs: the open contact of each journey slot (kept
/// beside the ``JourneySlab``, so the journey stays 48 bytes), and the finished ones. Present in a
/// ``Simulation`` only when the caller asked for contacts; without it each hook is one branch on
/// an optional.
struct ContactLog {
  let replication: Int
  /// The bucket count, and whether the after-close bucket is counted (a day study): a contact is
  /// kept only when the summary counts its bucket (never the warm-up).
  let bucketCount: Int
  let countsAfterClose: Bool
  private var open: [ContactRecord?] = []
  private var customers: [Int] = []
  private var nextContact = 1
  private var nextCustomer = 1
  /// The finished contacts the summary counts, in order of finishing.
  private(set) var finished: [ContactRecord] = []

  init(replication: Int, bucketCount: Int, countsAfterClose: Bool) {
    self.replication = replication
    self.bucketCount = bucketCount
    self.countsAfterClose = countsAfterClose
  }

  /// A new customer's first contact arrives on journey slot `journey`.
  mutating func arrive(_ journey: JourneyID, type: ContactTypeID, at time: SimTime, cell: Int32) {
    grow(to: journey.index)
    customers[journey.index] = nextCustomer
    nextCustomer += 1
    begin(journey, type: type, at: time, cell: cell)
  }

  /// Another contact of the journey's customer arrives: a retrial, a repeat, or an escalated part.
  mutating func begin(_ journey: JourneyID, type: ContactTypeID, at time: SimTime, cell: Int32) {
    let bucket = Int(cell) % bucketCount
    let counted = bucket != 0 && (countsAfterClose || bucket != bucketCount - 1)
    open[journey.index] = counted ? ContactRecord(
      replication: replication, id: nextContact, customer: customers[journey.index], type: type.index,
      arrival: time, outcome: .served) : nil
    if counted { nextContact += 1 }
  }

  /// The contact joins its queue at `time`, having waited before it since `joined` (earlier for
  /// the opening backlog).
  mutating func join(_ journey: JourneyID, joined: SimTime) {
    open[journey.index]?.queueEntry = joined
  }

  /// An agent of `group` starts on it after `wait` seconds, for `handle` seconds.
  mutating func answer(_ journey: JourneyID, at time: SimTime, wait: Double, handle: Double, group: Int) {
    guard open[journey.index] != nil else { return }
    open[journey.index]!.answer = time
    open[journey.index]!.wait = wait
    open[journey.index]!.handle = handle
    open[journey.index]!.group = group
  }

  /// Its service ends at `time` with `resolution`.
  mutating func serve(_ journey: JourneyID, at time: SimTime, _ resolution: ContactRecord.Resolution) {
    guard var record = open[journey.index] else { return }
    record.end = time
    record.resolution = resolution
    close(journey, record)
  }

  /// The caller hangs up after `wait` seconds in the queue.
  mutating func abandon(_ journey: JourneyID, at time: SimTime, wait: Double) {
    guard var record = open[journey.index] else { return }
    record.hangUp = time
    record.wait = wait
    record.outcome = .abandoned
    close(journey, record)
  }

  /// It leaves without an agent at `time`: contained, blocked, unserved or carried over. The wait
  /// of an unserved or carried-over contact runs from its queue entry to `time`; a blocked or
  /// contained one never queued.
  mutating func leave(_ journey: JourneyID, at time: SimTime, _ outcome: ContactRecord.Outcome) {
    guard var record = open[journey.index] else { return }
    record.outcome = outcome
    if outcome == .blocked { record.queueEntry = nil }   // turned away: it never waited
    record.wait = record.queueEntry.map { time - $0 }
    close(journey, record)
  }

  /// Hands over the finished contacts, in order of arrival, and forgets them.
  mutating func takeFinished() -> [ContactRecord] {
    defer { finished = [] }
    return finished.sorted { $0.id < $1.id }
  }

  private mutating func close(_ journey: JourneyID, _ record: ContactRecord) {
    finished.append(record)
    open[journey.index] = nil
  }

  private mutating func grow(to index: Int) {
    while open.count <= index {
      open.append(nil)
      customers.append(0)
    }
  }
}
