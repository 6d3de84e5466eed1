import SimKernel

/// An index into one kind of table, typed by `Kind`, so that a contact type can never be passed
/// where a group or a skill is expected (things that were all raw integers once). Four bytes, as the
/// events and tables that carry it need.
struct TypedIndex<Kind>: Hashable, Sendable {
  let rawValue: Int32
  init(_ index: Int) { rawValue = Int32(truncatingIfNeeded: index) }
  /// The index into the table's arrays.
  var index: Int { Int(rawValue) }
}

/// A contact type: its index in ``Scenario/contactTypes``.
typealias ContactTypeID = TypedIndex<ContactType>
/// An agent group: its index in ``Scenario/agentGroups``.
typealias GroupID = TypedIndex<AgentGroup>
/// A group's skill for a type: its index in the ``RoutingTable``'s flat skill table (which names
/// the group, the type, the handle-time factor and the resolution probability).
typealias SkillID = TypedIndex<Eligibility>

/// A contact in the centre: its slot in the ``JourneySlab``.
struct JourneyID: Hashable {
  let rawValue: UInt32
  init(_ index: Int) { rawValue = UInt32(truncatingIfNeeded: index) }
  var index: Int { Int(rawValue) }
}

/// What happens in the centre. Small values with integer payloads: nothing is allocated per event.
/// Arrivals from outside are not among them: they have a calendar of their own (``ArrivalSchedule``).
enum CenterEvent {
  /// An agent finishes the contact `journey`, taken under `skill`.
  case serviceEnd(skill: SkillID, journey: JourneyID)
  /// A waiting contact's patience runs out. `ticket` is its place in its type's line; the event is
  /// stale (skipped) if the contact was answered first.
  case abandon(type: ContactTypeID, ticket: UInt32)
  /// A waiting contact has waited long enough to become eligible for an overflow group (stale if
  /// it was answered or abandoned first).
  case overflow(type: ContactTypeID, ticket: UInt32)
  /// An escalated contact reaches the queue of its new type after its transfer time.
  case transfer(journey: JourneyID)
  /// A customer comes back: a caller retrying after abandoning, or (`isRepeat`) a customer whose
  /// problem was left unresolved.
  case comeBack(journey: JourneyID, isRepeat: Bool)
  /// A time bucket starts: 1…n are the planning intervals, n + 1 is after close.
  case boundary(bucket: Int32)
  /// A shift-staffed group's staffing changes (a shift or a break starts or ends): `step` indexes
  /// the group's steps.
  case staffing(group: GroupID, step: Int32)
}
