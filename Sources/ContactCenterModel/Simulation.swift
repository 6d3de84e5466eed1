import Queueing
import SimKernel
import Stochastic

/// What happens in the centre. Small values with integer payloads: nothing is allocated per event.
enum CenterEvent {
  /// The next contact of a type arrives.
  case arrival(type: Int32)
  /// An agent of a type's group finishes a contact.
  case serviceEnd(type: Int32)
  /// A waiting contact's patience runs out. `ticket` is its place in its type's line; the event is
  /// stale (skipped) if the contact was answered first.
  case abandon(type: Int32, ticket: UInt64)
  /// A time bucket starts: 1…n are the planning intervals, n + 1 is after close.
  case boundary(bucket: Int32)
}

/// A contact waiting in line, with the attributes it drew when it arrived.
struct WaitingContact {
  var arrival: SimTime
  var handleTime: SimTime
  var bucket: Int32
  var hasLeft: Bool
}

/// A first-come-first-served line with lazy removal: every contact gets a ticket (its absolute
/// position); an abandoning contact is marked as gone and skipped when it reaches the head. A ring
/// buffer of power-of-two capacity, so memory follows the longest line, not the number of contacts.
struct WaitingLine {
  private var slots = ContiguousArray<WaitingContact>(
    repeating: WaitingContact(arrival: 0, handleTime: 0, bucket: 0, hasLeft: true), count: 64)
  private var mask: UInt64 = 63
  private(set) var head: UInt64 = 0
  private(set) var tail: UInt64 = 0
  /// Contacts still waiting (those marked as gone excluded).
  private(set) var waiting = 0

  /// Appends a contact and returns its ticket.
  mutating func append(_ contact: WaitingContact) -> UInt64 {
    if tail - head == UInt64(slots.count) { grow() }
    slots[Int(tail & mask)] = contact
    tail += 1
    waiting += 1
    return tail - 1
  }

  /// The contact holding `ticket` if it is still waiting.
  func waitingContact(_ ticket: UInt64) -> WaitingContact? {
    guard ticket >= head, ticket < tail else { return nil }
    let contact = slots[Int(ticket & mask)]
    return contact.hasLeft ? nil : contact
  }

  /// Marks the contact holding `ticket` as gone (it must be waiting).
  mutating func remove(_ ticket: UInt64) {
    slots[Int(ticket & mask)].hasLeft = true
    waiting -= 1
  }

  /// Removes and returns the first contact still waiting, or `nil`.
  mutating func popFirst() -> WaitingContact? {
    while head < tail {
      let contact = slots[Int(head & mask)]
      head += 1
      if !contact.hasLeft {
        waiting -= 1
        return contact
      }
    }
    return nil
  }

  private mutating func grow() {
    var larger = ContiguousArray(repeating: slots[0], count: slots.count * 2)
    let newMask = UInt64(larger.count - 1)
    for ticket in head..<tail { larger[Int(ticket & newMask)] = slots[Int(ticket & mask)] }
    slots = larger
    mask = newMask
  }
}

/// A type's dedicated agents: how many are on duty and busy, and the time integrals of busy,
/// staffed and waiting since the current bucket started.
struct GroupState {
  var headcount: Int
  var busy = 0
  var lastChange: SimTime = 0
  var busyArea = 0.0, staffedArea = 0.0, queueArea = 0.0

  init(headcount: Int) { self.headcount = headcount }

  mutating func accumulate(until now: SimTime, closed: Bool, waiting: Int) {
    let elapsed = now - lastChange
    guard elapsed > 0 else { return }
    let busyAgents = Double(busy)
    // After close, agents still on duty are all busy (idle ones go home), so staffed = busy.
    busyArea += busyAgents * elapsed
    staffedArea += (closed ? busyAgents : Double(max(headcount, busy))) * elapsed
    queueArea += Double(waiting) * elapsed
    lastChange = now
  }
}

/// A type's random streams and samplers in one object, so the inner loop touches one reference
/// per contact rather than one per stream and sampler.
final class ContactSource {
  private let arrivals: RandomStream
  private let handleTimes: RandomStream
  private let patiences: RandomStream
  private let handleTime: Sampler
  private let patience: Sampler?

  init(_ type: ContactType, index: Int, seed: UInt64, replication: Int) {
    func stream(_ purpose: StreamPurpose) -> RandomStream {
      RandomStream(seed: StreamSeed(master: seed, replication: replication, purpose: purpose, index: index))
    }
    arrivals = stream(.arrivals)
    handleTimes = stream(.handleTime)
    patiences = stream(.patience)
    handleTime = Sampler(type.handleTime)
    patience = type.patience.map(Sampler.init)
  }

  /// A unit-mean exponential draw: the integrated arrival rate to the next arrival.
  func unitExponential() -> Double { arrivals.exponential(mean: 1) }

  /// An arriving contact's handle time and patience (`nil`: never abandons).
  func attributes() -> (handle: SimTime, patience: SimTime?) {
    let handle = handleTimes.sample(handleTime)
    guard let patience else { return (handle, nil) }
    return (handle, patiences.sample(patience))
  }
}

/// One replication of a scenario: a discrete-event simulation of every type's queue and agents.
///
/// Agents of a group are interchangeable (one dedicated group per type, first come first served),
/// so a group is a headcount and a number busy. Attributes of a contact — handle time and patience
/// — are drawn from its type's own streams when it arrives, so two staffing plans of one scenario
/// see the same customers (common random numbers).
///
/// Arrivals are a non-homogeneous Poisson process with a piecewise-constant rate, generated
/// exactly by inverting the integrated rate: one unit-exponential draw per arrival, spent across
/// interval boundaries at each interval's rate. No interval, however short its peak, is skipped.
struct Simulation {
  private let scenario: Scenario
  private let typeCount: Int
  private let bucketCount: Int        // warm-up, n intervals, after close
  private var calendar = EventQueue<CenterEvent>(minimumCapacity: 1024)

  private let sources: [ContactSource]
  private let thresholds: [SimTime]
  /// Arrival rate of each type in each bucket, busyness applied: `[type * bucketCount + bucket]`.
  private var rates: [Double]
  private let busyness: Double

  private var lines: [WaitingLine]
  private var agents: [GroupState]
  /// The bucket of each type's next arrival, found when it is scheduled.
  private var nextArrivalBucket: [Int]
  private var bucket = 0
  private var closed = false

  /// `[type * bucketCount + bucket]`.
  private var cells: [CellCounters]
  private var little = LittleCheck()

  init(scenario: Scenario, seed: UInt64, replication: Int) {
    self.scenario = scenario
    typeCount = scenario.contactTypes.count
    bucketCount = scenario.intervalCount + 2
    sources = scenario.contactTypes.indices.map {
      ContactSource(scenario.contactTypes[$0], index: $0, seed: seed, replication: replication)
    }
    thresholds = scenario.contactTypes.map(\.serviceLevel.threshold)
    if let cv = scenario.busynessCV {
      let stream = RandomStream(seed: StreamSeed(master: seed, replication: replication, purpose: .busyness, index: 0))
      busyness = stream.sample(Sampler(.gamma(mean: 1, cv: cv)))
    } else {
      busyness = 1
    }
    let factor = busyness
    var rates: [Double] = []
    for type in scenario.contactTypes {
      rates.append(type.arrivalRates[0] * factor)                  // warm-up
      rates.append(contentsOf: type.arrivalRates.map { $0 * factor })
      rates.append(0)                                              // after close
    }
    self.rates = rates
    lines = Array(repeating: WaitingLine(), count: typeCount)
    agents = scenario.contactTypes.map { GroupState(headcount: $0.agents[0]) }
    nextArrivalBucket = Array(repeating: 0, count: typeCount)
    cells = Array(repeating: CellCounters(), count: typeCount * bucketCount)
  }

  /// Runs the replication to the end and returns its results.
  mutating func run() -> ReplicationResult {
    for k in 1..<bucketCount {
      calendar.schedule(.boundary(bucket: Int32(k)), at: bucketStart(k))
    }
    if scenario.measurementStart == 0 { bucket = 1 }
    for type in 0..<typeCount { scheduleNextArrival(type: type, after: 0, in: bucket(of: 0)) }

    var events: UInt64 = 0
    while let next = calendar.popNext() {
      events += 1
      switch next.event {
      case .arrival(let type): arrive(type: Int(type))
      case .serviceEnd(let type): finishService(type: Int(type))
      case .abandon(let type, let ticket): abandon(type: Int(type), ticket: ticket)
      case .boundary(let k): startBucket(Int(k))
      }
    }
    finish()
    return result(events: events)
  }

  private func bucketStart(_ k: Int) -> SimTime {
    k == 0 ? 0 : scenario.measurementStart + Double(k - 1) * scenario.intervalLength
  }

  private func bucketEnd(_ k: Int) -> SimTime {
    k == bucketCount - 1 ? .infinity : bucketStart(k + 1)
  }

  /// The bucket a time falls in (a time on a boundary belongs to the later bucket).
  private func bucket(of time: SimTime) -> Int {
    guard time >= scenario.measurementStart else { return 0 }
    let k = Int(((time - scenario.measurementStart) / scenario.intervalLength).rounded(.down)) + 1
    return min(k, bucketCount - 1)
  }

  // MARK: Arrivals

  /// Schedules the type's next arrival after `time` by spending one unit-exponential draw across
  /// the buckets' rates (inversion of the integrated rate); none after close.
  private mutating func scheduleNextArrival(type: Int, after time: SimTime, in timeBucket: Int) {
    var remaining = sources[type].unitExponential()
    var t = time
    var k = timeBucket
    while k < bucketCount - 1 {
      let rate = rates[type * bucketCount + k]
      let end = bucketEnd(k)
      if rate > 0 {
        let needed = remaining / rate
        if t + needed < end {
          calendar.schedule(.arrival(type: Int32(type)), at: t + needed)
          nextArrivalBucket[type] = k
          return
        }
        remaining -= rate * (end - t)
      }
      t = end
      k += 1
    }
  }

  private mutating func arrive(type: Int) {
    let now = calendar.now
    let arrivalBucket = nextArrivalBucket[type]
    scheduleNextArrival(type: type, after: now, in: arrivalBucket)
    let (handle, patience) = sources[type].attributes()
    let cell = type * bucketCount + arrivalBucket
    cells[cell].offered += 1
    little.arrivals += 1
    if agents[type].busy < agents[type].headcount {
      startService(type: type, cell: cell, arrival: now, handle: handle)
      return
    }
    accumulate(type: type)
    cells[cell].queued += 1
    let ticket = lines[type].append(
      WaitingContact(arrival: now, handleTime: handle, bucket: Int32(arrivalBucket), hasLeft: false))
    if let patience {
      calendar.schedule(.abandon(type: Int32(type), ticket: ticket), at: now + patience)
    }
  }

  // MARK: Service

  private mutating func startService(type: Int, cell: Int, arrival: SimTime, handle: SimTime) {
    let now = calendar.now
    accumulate(type: type)
    agents[type].busy += 1
    let wait = now - arrival
    cells[cell].recordAnswer(wait: wait, handle: handle, inTime: wait <= thresholds[type])
    little.answered += 1
    little.sumOfWaits += wait
    little.sumOfHandleTimes += handle
    calendar.schedule(.serviceEnd(type: Int32(type)), at: now + handle)
  }

  private mutating func finishService(type: Int) {
    accumulate(type: type)
    agents[type].busy -= 1
    serveWaiting(type: type)
  }

  /// Free agents of the type take waiting contacts, first come first served.
  private mutating func serveWaiting(type: Int) {
    while agents[type].busy < agents[type].headcount, let next = lines[type].popFirst() {
      startService(
        type: type, cell: type * bucketCount + Int(next.bucket), arrival: next.arrival, handle: next.handleTime)
    }
  }

  private mutating func abandon(type: Int, ticket: UInt64) {
    guard let contact = lines[type].waitingContact(ticket) else { return }   // answered meanwhile
    accumulate(type: type)
    lines[type].remove(ticket)
    let wait = calendar.now - contact.arrival
    let cell = type * bucketCount + Int(contact.bucket)
    cells[cell].recordAbandon(wait: wait, inTime: wait <= thresholds[type])
    little.abandoned += 1
    little.sumOfWaits += wait
  }

  // MARK: Time

  private mutating func startBucket(_ k: Int) {
    for type in 0..<typeCount { flush(type: type) }
    bucket = k
    if k == bucketCount - 1 {
      closed = true     // the last interval's agents stay until the line is empty
      return
    }
    for type in 0..<typeCount {
      agents[type].headcount = scenario.contactTypes[type].agents[k - 1]
      serveWaiting(type: type)
    }
  }

  /// Adds the time since the type's last change to its running integrals.
  private mutating func accumulate(type: Int) {
    let waiting = lines[type].waiting
    agents[type].accumulate(until: calendar.now, closed: closed, waiting: waiting)
  }

  /// Accumulates up to now and moves the type's running integrals into the current bucket.
  private mutating func flush(type: Int) {
    accumulate(type: type)
    let group = agents[type]
    let cell = type * bucketCount + bucket
    cells[cell].busyTime += group.busyArea
    cells[cell].staffedTime += group.staffedArea
    cells[cell].queueTime += group.queueArea
    little.busyArea += group.busyArea
    little.queueArea += group.queueArea
    agents[type].busyArea = 0
    agents[type].staffedArea = 0
    agents[type].queueArea = 0
  }

  /// Contacts still waiting when nothing more can happen (no agent left, no patience) are unserved.
  private mutating func finish() {
    let now = calendar.now
    for type in 0..<typeCount {
      flush(type: type)
      while let contact = lines[type].popFirst() {
        cells[type * bucketCount + Int(contact.bucket)].unserved += 1
        little.unserved += 1
        little.sumOfWaits += now - contact.arrival
      }
    }
  }

  // MARK: Results

  private func result(events: UInt64) -> ReplicationResult {
    let n = scenario.intervalCount
    // Day totals: the planning intervals, plus the overtime after close in a day study.
    let totalBuckets = scenario.study == .day ? Array(1...(n + 1)) : Array(1...n)
    var centre = CellCounters()
    var intervals: [[[Double?]]] = []
    var types: [[Double?]] = []
    for (type, contactType) in scenario.contactTypes.enumerated() {
      let definition = contactType.serviceLevel.definition
      let row = (1...n).map { cells[type * bucketCount + $0].values(serviceLevel: definition) }
      var day = CellCounters()
      for k in totalBuckets { day.add(cells[type * bucketCount + k]) }
      intervals.append(row)
      types.append(day.values(serviceLevel: definition))
      centre.add(day)
    }
    let definitions = Set(scenario.contactTypes.map(\.serviceLevel.definition))
    return ReplicationResult(
      intervals: intervals, types: types,
      totals: centre.values(serviceLevel: definitions.count == 1 ? definitions.first! : .offered),
      little: little, busyness: busyness, events: events)
  }
}
