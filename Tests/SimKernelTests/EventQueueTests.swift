import TestSupport
import Testing
@testable import SimKernel

struct EventQueueTests {
  /// A simple reference: sort by (time, sequence). The heap must pop in exactly this order.
  @Test(arguments: [1, 2, 5, 100, 10_000])
  func popsInTimeThenSchedulingOrder(count: Int) {
    var queue = EventQueue<Int>()
    var generator = SplitMix(seed: UInt64(count))
    var expected: [(time: Double, id: Int)] = []
    for id in 0..<count {
      // Coarse times so that many ties occur and the sequence tie-break is exercised.
      let time = Double(generator.next() % 50)
      queue.schedule(id, at: time)
      expected.append((time, id))
    }
    expected.sort { ($0.time, $0.id) < ($1.time, $1.id) }
    var popped: [(time: Double, id: Int)] = []
    while let next = queue.popNext() {
      #expect(queue.now == next.time)
      popped.append((next.time, next.event))
    }
    #expect(popped.map(\.id) == expected.map(\.id))
    #expect(queue.isEmpty)
  }

  @Test func interleavedSchedulingKeepsTheClockMonotoneAndTheHeapValid() {
    var queue = EventQueue<Int>(minimumCapacity: 4)
    var generator = SplitMix(seed: 7)
    for id in 0..<20 { queue.schedule(id, at: Double(generator.next() % 1000) / 10) }
    var last = 0.0
    var fired = 0
    while let next = queue.popNext() {
      #expect(next.time >= last)
      last = next.time
      fired += 1
      if fired < 5_000 {
        // Each event schedules up to two more, some at the same instant.
        queue.schedule(next.event &+ 1, after: Double(generator.next() % 30) / 10)
        if generator.next() % 3 == 0 { queue.schedule(next.event &+ 2, after: 0) }
      }
      #expect(queue.isValidHeap)
    }
    #expect(fired >= 5_000)
    #expect(queue.scheduledCount == UInt64(fired))
  }

  @Test func simultaneousEventsFireFirstScheduledFirst() {
    var queue = EventQueue<String>()
    queue.schedule("b", at: 5)
    queue.schedule("a", at: 3)
    queue.schedule("c", at: 5)
    queue.schedule("d", at: 5)
    #expect(queue.nextTime == 3)
    var order = ""
    while let next = queue.popNext() { order += next.event }
    #expect(order == "abcd")
    #expect(queue.now == 5)
    #expect(queue.popNext() == nil)
  }

  /// Two calendars merged by peeking, as the simulation merges arrivals with the other events:
  /// every event fires once, in time order, and the clock only moves forward.
  @Test func peekingTwoCalendarsMergesThemInTimeOrder() {
    var generator = SplitMix(seed: 11)
    var main = EventQueue<Int>()
    var side = EventQueue<Int>()
    for i in 0..<200 {
      let time = Double(generator.next() % 10_000) / 10
      if i % 3 == 0 { side.schedule(i, at: time) } else { main.schedule(i, at: time) }
    }
    var times: [SimTime] = []
    var fired = Set<Int>()
    while true {
      let sideTime = side.peekTime() ?? .infinity
      if let time = main.peekTime(), time <= sideTime {
        let next = main.popNext()!
        times.append(next.time)
        fired.insert(next.event)
        // Rescheduling after a peek must keep the heap valid (the deferred removal is complete).
        if next.event < 1_000 && next.event % 5 == 0 { main.schedule(next.event + 1_000, after: 1.5) }
      } else if let next = side.popNext() {
        main.advance(to: next.time)
        #expect(main.now == next.time)
        times.append(next.time)
        fired.insert(next.event)
      } else {
        break
      }
      #expect(main.isValidHeap && side.isValidHeap)
    }
    #expect(times == times.sorted())
    #expect(fired.count == 200 + fired.filter { $0 >= 1_000 }.count)
    #expect(fired.isSuperset(of: 0..<200))
  }
}
