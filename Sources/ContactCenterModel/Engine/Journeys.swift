import SimKernel

/// A contact in the centre, from its first arrival until it leaves: while it waits, is served, or
/// is being transferred. Journeys live in a ``JourneySlab`` and are reused, so nothing is allocated
/// per contact.
struct Journey {
  /// Its current type (it changes when the contact is escalated).
  var type = ContactTypeID(0)
  /// The counters it is counted in at its current queue: `type * bucketCount + bucket`.
  var cell: Int32 = 0
  /// The counters of its first arrival, where its end-to-end resolution time is counted.
  var originCell: Int32 = 0
  /// In a group that takes sessions: the agent (a ``SessionAgents`` record) serving it. Here, in
  /// what would be padding, the journey stays 48 bytes (a test pins the size).
  var agent: Int32 = -1
  /// When it first arrived, and when it joined its current queue.
  var origin: SimTime = 0
  var joined: SimTime = 0
  /// The handle time drawn for its current type, before the serving group's factor and the
  /// interval's (``HandleTimeFactors``), both applied when service starts.
  var handle: SimTime = 0
  /// Agent contacts finished so far for this problem (for first-contact resolution).
  var served: Int32 = 0
  /// Whether it waits for a callback at its current queue.
  var isCallback = false
  /// Whether the caller holds a trunk line (``TrunkLines``), and whether its coming back is a
  /// retrial after a block. Both in what was padding: the journey stays 48 bytes.
  var holdsLine = false
  var retriesAfterBlock = false
  /// Whether it reached its current queue by escalation: its answer there is counted in
  /// `escalated_total_wait_s` with its earlier waits (``JourneySlab/earlierWaits(_:)``). In the
  /// last byte of padding: the journey stays 48 bytes.
  var isEscalated = false
}

/// The journeys of one replication: a slab whose released slots are reused last-in-first-out, so
/// memory follows the contacts in the centre at once, not the contacts of the day.
struct JourneySlab {
  private var slots: [Journey] = []
  private var free: [JourneyID] = []
  /// Per slot: the waits of the journey's earlier queues, summed (kept beside the slots, not in
  /// them, so that the journey stays 48 bytes; written only in scenarios that escalate).
  private var waits: [Double] = []

  /// Stores a new journey and returns its id (a released slot, or a new one); `nil` when the slab
  /// holds ``CentreOverload/maximumInCentre`` journeys and none is free (checked only when it grows).
  mutating func allocate(_ journey: Journey) -> JourneyID? {
    if let id = free.popLast() {
      slots[id.index] = journey
      return id
    }
    guard slots.count < CentreOverload.maximumInCentre else { return nil }
    slots.append(journey)
    waits.append(0)
    return JourneyID(slots.count - 1)
  }

  /// The journey has ended: its slot may be reused.
  mutating func release(_ id: JourneyID) { free.append(id) }

  /// The sum of the journey's waits in its queues so far, as last set by ``setEarlierWaits(_:_:)``.
  func earlierWaits(_ id: JourneyID) -> Double { waits[id.index] }

  mutating func setEarlierWaits(_ id: JourneyID, _ total: Double) { waits[id.index] = total }

  subscript(id: JourneyID) -> Journey {
    _read { yield slots[id.index] }
    _modify { yield &slots[id.index] }
  }
}
