import SimKernel

/// What one replication counts: per type and bucket (``CellCounters``), per group and bucket
/// (``GroupCounters``), the time integrals of each queue's length, and the Little's-law checks of
/// every queue and group. Flat arrays indexed `[type * bucketCount + bucket]` and
/// `[group * bucketCount + bucket]`, where bucket 0 is the warm-up, 1…n the planning intervals and
/// n + 1 the time after close.
struct CentreCounters {
  let bucketCount: Int
  var cells: [CellCounters]
  var groupCells: [GroupCounters]
  /// Per type: queue area since the last flush, and when it last changed.
  private var queueArea: [Double]
  private var queueChanged: [SimTime]
  var queueLittle: [LittleCheck]
  var groupLittle: [LittleCheck]

  init(typeCount: Int, groupCount: Int, bucketCount: Int) {
    self.bucketCount = bucketCount
    cells = Array(repeating: CellCounters(), count: typeCount * bucketCount)
    groupCells = Array(repeating: GroupCounters(), count: groupCount * bucketCount)
    queueArea = Array(repeating: 0, count: typeCount)
    queueChanged = Array(repeating: 0, count: typeCount)
    queueLittle = Array(repeating: LittleCheck(), count: typeCount)
    groupLittle = Array(repeating: LittleCheck(), count: groupCount)
  }

  /// The index of a type's counters in `bucket`.
  func cell(_ type: ContactTypeID, bucket: Int) -> Int { type.index * bucketCount + bucket }

  /// Adds the type's queue length (`waiting` until `now`, since it last changed) to its area.
  mutating func accumulateQueue(_ type: ContactTypeID, waiting: Int, now: SimTime) {
    queueArea[type.index] += Double(waiting) * (now - queueChanged[type.index])
    queueChanged[type.index] = now
  }

  /// Moves the type's queue area up to `now` into `bucket`.
  mutating func flushQueue(_ type: ContactTypeID, waiting: Int, now: SimTime, into bucket: Int) {
    accumulateQueue(type, waiting: waiting, now: now)
    cells[cell(type, bucket: bucket)].queueTime += queueArea[type.index]
    queueLittle[type.index].queueArea += queueArea[type.index]
    queueArea[type.index] = 0
  }

  /// Moves a group's running integrals (accumulated to now) into `bucket` and clears them.
  mutating func flushGroup(_ group: GroupID, _ state: inout GroupState, takesSessions: Bool, into bucket: Int) {
    let cell = group.index * bucketCount + bucket
    groupCells[cell].busyTime += state.busyArea
    groupCells[cell].staffedTime += state.staffedArea
    groupCells[cell].overtimeTime += state.overtimeArea
    groupCells[cell].scheduledTime += state.scheduledArea
    groupCells[cell].handled += state.handled
    groupCells[cell].handleTime += state.handleTime
    // Without sessions an agent has one contact in hand while busy (`inHand` is kept for sessions only).
    groupCells[cell].inHandTime += takesSessions ? state.inHandArea : state.busyArea
    // Little's law for agents: ∫ contacts in hand dt = Σ handle times (busy agents, without sessions).
    groupLittle[group.index].busyArea += takesSessions ? state.inHandArea : state.busyArea
    groupLittle[group.index].sumOfHandleTimes += state.handleTime
    state.busyArea = 0
    state.staffedArea = 0
    state.overtimeArea = 0
    state.scheduledArea = 0
    state.inHandArea = 0
    state.handled = 0
    state.handleTime = 0
  }
}
