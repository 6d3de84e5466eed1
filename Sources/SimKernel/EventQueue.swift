/// Simulated time: seconds since the start of the run.
public typealias SimTime = Double

/// An event on the calendar: when it fires, the order it was scheduled in, and what it is.
///
/// Events are small values of the model's own type (an enum with integer payloads), so the
/// calendar allocates nothing per event.
public struct ScheduledEvent<Event> {
  /// The order key: the time's bit pattern in the high 64 bits, the sequence number in the low
  /// 64. Times are ≥ 0, whose IEEE 754 bit patterns order as the times do, so one 128-bit
  /// comparison orders by (time, sequence): fewer instructions in the heap's inner loop than a
  /// comparison of times and a tie-break.
  @usableFromInline var key: UInt128
  public var event: Event

  /// When the event fires (seconds).
  @inlinable public var time: SimTime { SimTime(bitPattern: UInt64(truncatingIfNeeded: key >> 64)) }
  /// Tie-break for events at the same time: first scheduled, first fired.
  @inlinable public var sequence: UInt64 { UInt64(truncatingIfNeeded: key) }

  /// - Parameter time: ≥ 0 and finite (a negative time would not order by its bits).
  @inlinable
  public init(time: SimTime, sequence: UInt64, event: Event) {
    key = UInt128((time + 0).bitPattern) << 64 | UInt128(sequence)   // + 0 turns −0.0 into +0.0
    self.event = event
  }

  /// Whether `self` fires before `other`: earlier time, or the same time and scheduled first.
  /// One comparison of 128-bit keys, without branches: in a heap the answer is a coin toss, which
  /// a branch predictor cannot learn.
  @inlinable
  public func firesBefore(_ other: Self) -> Bool { key < other.key }
}

/// The simulation clock and its event calendar: an array-backed binary min-heap of value events
/// ordered by (time, sequence), so simultaneous events fire in the order they were scheduled and
/// a run never depends on a random tie-break.
///
/// There is no `cancel`: a model cancels an event lazily, by carrying a generation number in the
/// event and skipping it when it fires if the thing it refers to has changed since (a waiting
/// contact that was answered before its patience ran out, say). Searching the heap would cost
/// O(n); a stale event costs one pop.
///
///     var queue = EventQueue<MyEvent>()
///     queue.schedule(.arrival, at: 12.5)
///     while let next = queue.popNext() { handle(next.event, at: queue.now) }
///
/// Why a hand-written heap and not `HeapModule.Heap`: `Heap` is a min-max heap (it pays for
/// `popMax`, which a calendar never uses). This one is a plain binary min-heap with Floyd's
/// sift-down, a branch-free comparison and deferred root removal (measured against 4- and 8-ary
/// heaps: binary was fastest at the 60–1 000 pending events of a contact centre). The methods are
/// `@inlinable` so the heap specialises for the model's event type across the module boundary
/// (see `Docs/performance.md`).
///
/// - Complexity: `schedule` and `popNext` are O(log n) for n pending events.
public struct EventQueue<Event> {
  @usableFromInline var heap: ContiguousArray<ScheduledEvent<Event>>
  @usableFromInline var nextSequence: UInt64 = 0
  /// The current simulated time: the time of the last event popped (0 before the first).
  @inlinable public var now: SimTime { clock }
  @usableFromInline var clock: SimTime = 0
  /// Whether the root is the event `popNext` last returned, not yet taken out. Its removal waits
  /// for the next call: if that is `schedule`, the new event simply replaces the root and sinks
  /// (one sift instead of two, and most events schedule another); if `popNext`, it is removed then.
  @usableFromInline var rootIsPopped = false
  @usableFromInline static var arity: Int { 2 }

  /// An empty calendar with room for `minimumCapacity` pending events before it grows.
  public init(minimumCapacity: Int = 64) {
    heap = []
    heap.reserveCapacity(minimumCapacity)
  }

  /// The number of pending events (stale ones included until they are popped).
  @inlinable public var count: Int { heap.count - (rootIsPopped ? 1 : 0) }
  @inlinable public var isEmpty: Bool { count == 0 }
  /// The number of events scheduled so far.
  @inlinable public var scheduledCount: UInt64 { nextSequence }
  /// The time of the next event, or `nil` when the calendar is empty.
  public var nextTime: SimTime? {
    guard rootIsPopped else { return heap.first?.time }
    // The root is spent: the next event is the earliest of its children.
    return heap.dropFirst().prefix(Self.arity).min { $0.firesBefore($1) }?.time
  }

  /// Schedules `event` to fire at `time`.
  /// - Parameter time: Finite and not before `now` (the clock never goes backwards).
  @inlinable
  public mutating func schedule(_ event: Event, at time: SimTime) {
    precondition(time >= now && time.isFinite, "event scheduled at \(time), before now (\(now)) or not finite")
    let item = ScheduledEvent(time: time, sequence: nextSequence, event: event)
    nextSequence &+= 1
    if rootIsPopped {
      rootIsPopped = false
      heap[0] = item
      siftDown(from: 0)
    } else {
      heap.append(item)
      siftUp(from: heap.count - 1)
    }
  }

  /// Schedules `event` to fire `delay` seconds from now.
  /// - Parameter delay: Finite and ≥ 0.
  @inlinable
  public mutating func schedule(_ event: Event, after delay: SimTime) {
    schedule(event, at: now + delay)
  }

  /// Removes the next event, advances the clock to its time and returns it; `nil` when empty.
  @inlinable
  public mutating func popNext() -> ScheduledEvent<Event>? {
    completeRemoval()
    guard let first = heap.first else { return nil }
    rootIsPopped = true
    clock = first.time
    return first
  }

  /// The time of the next event without taking it, or `nil` when the calendar is empty. Cheaper
  /// than `nextTime` in a loop: it completes the deferred removal of the last event popped, which
  /// the next `popNext` would do anyway.
  @inlinable
  public mutating func peekTime() -> SimTime? {
    completeRemoval()
    return heap.first?.time
  }

  /// Advances the clock to `time` without firing an event: for a model that keeps a stream of
  /// events outside the calendar (and fires one of them at `time`).
  /// - Parameter time: Not before `now`, and not after the next pending event.
  @inlinable
  public mutating func advance(to time: SimTime) {
    precondition(time >= clock, "clock advanced to \(time), before now (\(clock))")
    clock = time
  }

  @inlinable
  mutating func completeRemoval() {
    guard rootIsPopped else { return }
    rootIsPopped = false
    let last = heap.removeLast()
    if !heap.isEmpty {
      heap[0] = last
      siftDown(from: 0)
    }
  }

  @inlinable
  mutating func siftUp(from start: Int) {
    heap.withUnsafeMutableBufferPointer { nodes in
      var child = start
      let item = nodes[child]
      while child > 0 {
        let parent = (child - 1) / Self.arity
        guard item.firesBefore(nodes[parent]) else { break }
        nodes[child] = nodes[parent]
        child = parent
      }
      nodes[child] = item
    }
  }

  /// Moves the item at `start` down to its place. Floyd's bottom-up variant: the hole first sinks
  /// along the smallest children to a leaf (one comparison per child, none against the item),
  /// then the item rises from there. A re-inserted last element almost always belongs near the
  /// bottom, so this saves about a quarter of the comparisons of the textbook version.
  @inlinable
  mutating func siftDown(from start: Int) {
    heap.withUnsafeMutableBufferPointer { nodes in
      let count = nodes.count
      let item = nodes[start]
      var hole = start
      while true {
        let firstChild = hole * Self.arity + 1
        guard firstChild < count else { break }
        var best = firstChild
        let end = min(firstChild + Self.arity, count)
        var child = firstChild + 1
        while child < end {
          best = nodes[child].firesBefore(nodes[best]) ? child : best
          child += 1
        }
        nodes[hole] = nodes[best]
        hole = best
      }
      while hole > start {
        let parent = (hole - 1) / Self.arity
        guard item.firesBefore(nodes[parent]) else { break }
        nodes[hole] = nodes[parent]
        hole = parent
      }
      nodes[hole] = item
    }
  }

  /// The whole-heap invariant, O(n), for tests: every node fires no earlier than its parent.
  var isValidHeap: Bool {
    heap.indices.dropFirst().allSatisfy { !heap[$0].firesBefore(heap[($0 - 1) / Self.arity]) }
  }

  /// Lets the calendar grow to `capacity` pending events without reallocating.
  public mutating func reserveCapacity(_ capacity: Int) { heap.reserveCapacity(capacity) }
}
