import SimKernel

/// A piece of a type's arrival process with a constant rate, up to `end`; its contacts count in
/// `bucket`.
struct ArrivalSegment {
  var end: SimTime
  var rate: Double
  var bucket: Int32

  /// The type's pieces over the run: the warm-up (at the first interval's rate), then each
  /// interval, cut where a surge starts or ends; rates times the day's busyness and the surges.
  static func pieces(of scenario: Scenario, type: Int, busyness: Double) -> [ArrivalSegment] {
    let rates = scenario.contactTypes[type].arrivalRates
    let start = scenario.measurementStart
    let surges = scenario.surges.filter { $0.applies(to: type) }
    var pieces: [ArrivalSegment] = []
    if start > 0 { pieces.append(ArrivalSegment(end: start, rate: rates[0] * busyness, bucket: 0)) }
    for (k, rate) in rates.enumerated() {
      let from = start + Double(k) * scenario.intervalLength
      let to = start + Double(k + 1) * scenario.intervalLength
      let cuts = surges.flatMap { [start + $0.start, start + $0.end] }.filter { $0 > from && $0 < to }
      var low = from
      for high in Set(cuts).sorted() + [to] {
        let factor = surges.reduce(1.0) { $1.start + start <= low && start + $1.end >= high ? $0 * $1.factor : $0 }
        pieces.append(ArrivalSegment(end: high, rate: rate * busyness * factor, bucket: Int32(k + 1)))
        low = high
      }
    }
    return pieces
  }
}


/// Each type's arrivals from outside: its rate as pieces of constant rate (busyness and surges
/// applied), and a calendar of each type's next arrival.
///
/// Arrivals are a non-homogeneous Poisson process with a piecewise-constant rate, generated
/// exactly by inverting the integrated rate: one unit-exponential draw per arrival, spent across
/// the pieces at each one's rate. No interval, however short its peak, is skipped.
///
/// The calendar is kept apart from the centre's: an arrival always schedules the type's next one,
/// which here sinks through a heap of one entry per type instead of the whole calendar (one
/// sift-down per contact saved; an event of the centre at the same time as an arrival fires first).
struct ArrivalSchedule {
  /// `segments[segmentStart[t]..<segmentStart[t + 1]]` in time order, none after close.
  private let segments: ContiguousArray<ArrivalSegment>
  private let segmentStart: ContiguousArray<Int>
  /// The segment of each type's next arrival, found when it is scheduled.
  private var nextSegment: [Int]
  private var calendar = EventQueue<ContactTypeID>(minimumCapacity: 16)

  init(scenario: Scenario, busyness: Double) {
    var segments = ContiguousArray<ArrivalSegment>()
    var segmentStart = ContiguousArray<Int>([0])
    for t in scenario.contactTypes.indices {
      segments.append(contentsOf: ArrivalSegment.pieces(of: scenario, type: t, busyness: busyness))
      segmentStart.append(segments.count)
    }
    self.segments = segments
    self.segmentStart = segmentStart
    nextSegment = Array(segmentStart.dropLast())
  }

  /// Drops every pending arrival: the run is stopping.
  mutating func stop() { calendar = EventQueue(minimumCapacity: 1) }

  /// When the next arrival of any type is due (`nil`: none before close).
  mutating func nextTime() -> SimTime? { calendar.peekTime() }

  /// Takes the next arrival off the calendar: when it is, its type and the bucket it counts in.
  mutating func popNext() -> (time: SimTime, type: ContactTypeID, bucket: Int)? {
    guard let next = calendar.popNext() else { return nil }
    return (next.time, next.event, Int(segments[nextSegment[next.event.index]].bucket))
  }

  /// Schedules the type's next arrival after `time` (which lies in the segment of its previous
  /// arrival, or is 0) by spending `unitDraw`, a unit-exponential draw, across the segments'
  /// rates; none after close.
  mutating func scheduleNext(_ type: ContactTypeID, after time: SimTime, unitDraw: Double) {
    var remaining = unitDraw
    var t = time
    for i in nextSegment[type.index]..<segmentStart[type.index + 1] {
      let segment = segments[i]
      if segment.rate > 0 {
        let needed = remaining / segment.rate
        if t + needed < segment.end {
          calendar.schedule(type, at: t + needed)
          nextSegment[type.index] = i
          return
        }
        remaining -= segment.rate * (segment.end - t)
      }
      t = segment.end
    }
  }
}
