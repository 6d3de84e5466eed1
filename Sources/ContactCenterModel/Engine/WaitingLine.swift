import SimKernel

/// A contact waiting in line: its journey and when it joined.
struct WaitingContact {
  var joined: SimTime
  var journey: JourneyID
  var hasLeft: Bool
}

/// A first-come-first-served line with lazy removal: every contact gets a ticket (its absolute
/// position); an abandoning contact is marked as gone and skipped when it reaches the head. A ring
/// buffer of power-of-two capacity, so memory follows the longest line, not the number of contacts.
struct WaitingLine {
  /// The slots of a new line.
  static let initialCapacity = 64
  private var slots = ContiguousArray<WaitingContact>(
    repeating: WaitingContact(joined: 0, journey: JourneyID(0), hasLeft: true), count: initialCapacity)
  private var mask = UInt64(initialCapacity - 1)
  private(set) var head: UInt64 = 0
  private(set) var tail: UInt64 = 0
  /// Contacts still waiting (those marked as gone excluded).
  private(set) var waiting = 0

  /// The slots the line has; it doubles them when an append finds them all taken.
  var capacity: Int { slots.count }
  /// Whether the next append doubles the line (every slot is taken, by a contact waiting or by one
  /// that left but is not yet past the head).
  var isFull: Bool { tail - head == UInt64(slots.count) }

  /// Appends a contact and returns its ticket: the low 32 bits of its position. Events carry
  /// tickets, and 32 bits rather than 64 keep a calendar entry at 32 bytes instead of 40, which
  /// the benchmark shows; a ticket is unambiguous while fewer than 2³² contacts pass through the
  /// line within one patience time.
  mutating func append(_ contact: WaitingContact) -> UInt32 {
    if tail - head == UInt64(slots.count) { grow() }
    slots[Int(tail & mask)] = contact
    tail += 1
    waiting += 1
    return UInt32(truncatingIfNeeded: tail - 1)
  }

  /// The contact holding `ticket` if it is still waiting.
  func waitingContact(_ ticket: UInt32) -> WaitingContact? {
    // How far before the tail the ticket is: 1 for the last contact appended.
    let back = UInt64(UInt32(truncatingIfNeeded: tail) &- ticket)
    guard back >= 1, back <= tail - head else { return nil }
    let contact = slots[Int((tail - back) & mask)]
    return contact.hasLeft ? nil : contact
  }

  /// Marks the contact holding `ticket` as gone (it must be waiting).
  mutating func remove(_ ticket: UInt32) {
    let back = UInt64(UInt32(truncatingIfNeeded: tail) &- ticket)
    slots[Int((tail - back) & mask)].hasLeft = true
    waiting -= 1
  }

  /// The first contact still waiting, or `nil`; contacts marked as gone before it are dropped.
  mutating func first() -> WaitingContact? {
    while head < tail {
      let contact = slots[Int(head & mask)]
      if !contact.hasLeft { return contact }
      head += 1
    }
    return nil
  }

  /// Removes and returns the first contact still waiting, or `nil`.
  mutating func popFirst() -> WaitingContact? {
    guard let contact = first() else { return nil }
    removeFirst()
    return contact
  }

  /// The contacts still waiting at `now`: how many, the sum and the largest of their times since
  /// joining, and how many have waited longer than `threshold`. A scan of the line: used for
  /// deferred work at interval ends only.
  func backlog(at now: SimTime, threshold: SimTime) -> (count: Int, ageSum: Double, oldest: Double, overdue: Int) {
    var (count, ageSum, oldest, overdue) = (0, 0.0, 0.0, 0)
    for position in head..<tail where !slots[Int(position & mask)].hasLeft {
      let age = now - slots[Int(position & mask)].joined
      count += 1
      ageSum += age
      oldest = max(oldest, age)
      overdue += age > threshold ? 1 : 0
    }
    return (count, ageSum, oldest, overdue)
  }

  /// Removes the first contact, which `first()` has just returned (so no gone contact precedes it).
  mutating func removeFirst() {
    head += 1
    waiting -= 1
  }

  private mutating func grow() {
    var larger = ContiguousArray(repeating: slots[0], count: slots.count * 2)
    let newMask = UInt64(larger.count - 1)
    for ticket in head..<tail { larger[Int(ticket & newMask)] = slots[Int(ticket & mask)] }
    slots = larger
    mask = newMask
  }
}

