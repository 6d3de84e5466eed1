/// A centre's history folded call by call, as a log streams past, into what the estimators need:
/// counts and sums per day × interval × type, duration tallies per type, who served when, and the
/// callers' calls in time order. Memory grows with days × intervals × types, agents and distinct
/// durations, not with calls — except for the callers' calls, 24 bytes a call with a caller id
/// (retrials and repeats need each caller's calls in time order, and a log need not be sorted).
///
///     var history = CallHistory(intervalLength: 900, serviceLevelThreshold: 20)
///     _ = try reader.read { history.add($0) }
///     let fit = HistoryFit(history)
///
/// Calls are counted in the interval they were *offered* (``ObservedCall/offered``: joined the
/// queue, or were answered at once), self-service in the interval of arrival; times past the end
/// of the day (a queue entry after midnight) count in the day's last interval.
public struct CallHistory: Sendable {
  /// Seconds per interval (divides 86 400).
  public let intervalLength: Double
  /// The service-level threshold, seconds: an answered call waited at most this long.
  public let serviceLevelThreshold: Double
  public var intervalsPerDay: Int { Int((86_400 / intervalLength).rounded()) }

  /// What happened in one day × interval × type.
  public struct Cell: Hashable, Sendable {
    public var offered = 0, answered = 0, abandoned = 0, contained = 0
    /// Answered within the threshold; abandoned within it (for `excl-short-abandons`).
    public var answeredInTime = 0, abandonedInTime = 0
    /// Σ wait of answered calls; Σ wait of abandoned calls.
    public var answeredWait = 0.0, abandonedWait = 0.0
    /// Σ handle time of the answered calls offered in the interval.
    public var handleTime = 0.0
    /// Calls that return (a retrial after an abandonment, a repeat after service): filled in by
    /// ``returns(window:)``, not while streaming.
    public var returning = 0
    /// Calls (offered or self-service) whose caller the log identifies.
    public var identified = 0
    public init() {}

    /// Adds `other`'s counts and sums to these.
    public mutating func add(_ other: Cell) {
      offered += other.offered; answered += other.answered; abandoned += other.abandoned; contained += other.contained
      answeredInTime += other.answeredInTime; abandonedInTime += other.abandonedInTime
      answeredWait += other.answeredWait; abandonedWait += other.abandonedWait; handleTime += other.handleTime
      returning += other.returning; identified += other.identified
    }

    /// Fresh contacts: new, not retrials or repeats. The identified callers' returns are known;
    /// among the others a share `returnShare` (the identified callers' share) is taken to return.
    public func fresh(returnShare: Double) -> Double {
      let arrived = Double(offered + contained)
      return max(arrived - Double(returning) - returnShare * (arrived - Double(identified)), 0)
    }
  }

  public struct CellKey: Hashable, Sendable, Comparable {
    public var day: CalendarDay
    public var interval: Int
    public var type: String
    public init(day: CalendarDay, interval: Int, type: String) { (self.day, self.interval, self.type) = (day, interval, type) }
    public static func < (a: Self, b: Self) -> Bool { (a.day, a.interval, a.type) < (b.day, b.interval, b.type) }
  }

  /// One day × interval: who was serving, and for how long.
  public struct Staffing: Hashable, Sendable {
    /// The agents (``agents`` indices) who served at any moment of the interval.
    public var agents: Set<Int> = []
    /// The agents serving each type at any moment of the interval.
    public var agentsByType: [String: Set<Int>] = [:]
    /// Σ seconds of service within the interval: ÷ the interval length, the mean number busy.
    public var busyTime = 0.0
    public var busyTimeByType: [String: Double] = [:]

    mutating func add(type: String, agent: Int?, busy: Double) {
      busyTime += busy
      busyTimeByType[type, default: 0] += busy
      if let agent {
        agents.insert(agent)
        agentsByType[type, default: []].insert(agent)
      }
    }
  }

  public private(set) var cells: [CellKey: Cell] = [:]
  public private(set) var staffing: [DayInterval: Staffing] = [:]
  /// Handle times per type (all observed); patience per type (abandoned: observed; answered:
  /// censored at the wait).
  public private(set) var handleTimes: [String: DurationTally] = [:]
  public private(set) var patience: [String: DurationTally] = [:]
  /// Handle time by the interval service started in, per type: Σ and count.
  public private(set) var handleByStart: [String: [Int: HandleTimeCurve.Sums]] = [:]
  /// The agents by name, and the calls of each type each served.
  public private(set) var agents: [String] = []
  public private(set) var servedByAgent: [[String: Int]] = []
  private var agentIndex: [String: Int] = [:]
  /// Calls per type and priority class, where the log has a priority.
  public private(set) var priorities: [String: [Int: PriorityCount]] = [:]
  /// Whether any call named its agent / its caller.
  public private(set) var hasAgents = false, hasCustomers = false
  private var callerCalls: [CallerCall] = []
  /// The call types by index, for ``CallerCall``'s compact cell.
  private var typeNames: [String] = []
  private var typeIndex: [String: Int] = [:]

  public struct DayInterval: Hashable, Sendable, Comparable {
    public var day: CalendarDay
    public var interval: Int
    public init(day: CalendarDay, interval: Int) { (self.day, self.interval) = (day, interval) }
    public static func < (a: Self, b: Self) -> Bool { (a.day, a.interval) < (b.day, b.interval) }
  }

  public struct PriorityCount: Hashable, Sendable {
    public var offered = 0, answered = 0, answeredWait = 0.0
  }

  public init(intervalLength: Double, serviceLevelThreshold: Double) {
    precondition(intervalLength > 0 && (86_400 / intervalLength).rounded() * intervalLength == 86_400,
                 "an interval that divides the day")
    self.intervalLength = intervalLength
    self.serviceLevelThreshold = serviceLevelThreshold
  }

  /// The days with any call, in order.
  public var days: [CalendarDay] { Set(cells.keys.map(\.day)).sorted() }
  /// The call types seen, in order.
  public var types: [String] { Set(cells.keys.map(\.type)).sorted() }

  func interval(of time: Double) -> Int { min(max(Int(time / intervalLength), 0), intervalsPerDay - 1) }

  public mutating func add(_ call: ObservedCall) {
    let time = call.offered ?? call.arrival
    let key = CellKey(day: call.day, interval: interval(of: time), type: call.type)
    var cell = cells[key] ?? Cell()
    switch call.outcome {
    case .selfService:
      cell.contained += 1
    case .abandoned:
      cell.offered += 1
      cell.abandoned += 1
      cell.abandonedWait += call.wait
      if call.wait <= serviceLevelThreshold { cell.abandonedInTime += 1 }
      patience[call.type, default: DurationTally()].add(call.wait, observed: true)
    case .served(let handle):
      cell.offered += 1
      cell.answered += 1
      cell.answeredWait += call.wait
      cell.handleTime += handle
      if call.wait <= serviceLevelThreshold { cell.answeredInTime += 1 }
      patience[call.type, default: DurationTally()].add(call.wait, observed: false)
      handleTimes[call.type, default: DurationTally()].add(handle, observed: true)
      addService(call, handle: handle)
    }
    if call.customer != nil { cell.identified += 1 }
    cells[key] = cell
    if let priority = call.priority, call.offered != nil {
      var count = priorities[call.type, default: [:]][priority, default: PriorityCount()]
      count.offered += 1
      if case .served = call.outcome { count.answered += 1; count.answeredWait += call.wait }
      priorities[call.type, default: [:]][priority] = count
    }
    if let customer = call.customer {
      hasCustomers = true
      let type: Int
      if let known = typeIndex[call.type] {
        type = known
      } else {
        type = typeNames.count
        typeIndex[call.type] = type
        typeNames.append(call.type)
      }
      callerCalls.append(CallerCall(call, interval: key.interval, type: type, caller: customer))
    }
  }

  /// Busy time and the serving agent over every interval the service overlaps (cut at midnight).
  private mutating func addService(_ call: ObservedCall, handle: Double) {
    guard let start = call.answerTime else { return }
    let end = min(start + handle, 86_400)
    var agent: Int?
    if let name = call.agent {
      hasAgents = true
      if let known = agentIndex[name] {
        agent = known
      } else {
        agent = agents.count
        agentIndex[name] = agents.count
        agents.append(name)
        servedByAgent.append([:])
      }
      servedByAgent[agent!][call.type, default: 0] += 1
    }
    let first = interval(of: start)
    handleByStart[call.type, default: [:]][first, default: HandleTimeCurve.Sums()].add(handle)
    guard start < 86_400 else { return }
    var index = first
    repeat {
      let key = DayInterval(day: call.day, interval: index)
      let overlap = max(min(end, Double(index + 1) * intervalLength) - max(start, Double(index) * intervalLength), 0)
      // Modified in place: a copy taken out of the dictionary would copy its sets on every call.
      staffing[key, default: Staffing()].add(type: call.type, agent: agent, busy: overlap)
      index += 1
    } while Double(index) * intervalLength < end && index < intervalsPerDay
  }
}

/// One call of an identified caller, for finding retrials and repeats after the log is read.
struct CallerCall {
  /// FNV-1a of the caller id: 8 bytes instead of the string (a collision between two of a
  /// million callers has probability about 3 · 10⁻⁸).
  var caller: UInt64
  /// Seconds since 1970-01-01 00:00 of the offer (or the arrival, for self-service), and of the
  /// call's end (the hang-up, the end of service; the arrival for self-service).
  var time: Double
  var end: Double
  var outcome: UInt8
  /// The cell the call counts in: its day (days since 1970), interval and type index — 40 bytes a
  /// call in all.
  var day: Int32
  var interval: Int16
  var type: Int32

  static let abandoned: UInt8 = 0, served: UInt8 = 1, contained: UInt8 = 2

  init(_ call: ObservedCall, interval: Int, type: Int, caller: String) {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in caller.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
    self.caller = hash
    let midnight = Double(call.day.daysSinceEpoch) * 86_400
    time = midnight + (call.offered ?? call.arrival)
    switch call.outcome {
    case .abandoned:
      outcome = Self.abandoned
      end = time + call.wait
    case .served(let handle):
      outcome = Self.served
      end = midnight + (call.answerTime ?? time) + handle
    case .selfService:
      outcome = Self.contained
      end = time
    }
    day = Int32(call.day.daysSinceEpoch)
    self.interval = Int16(interval)
    self.type = Int32(type)
  }
}

extension CallHistory {
  /// Retrials and repeats of identified callers: the next call of a caller within `window` seconds
  /// of the end of an abandoned call (the hang-up) is a retrial of it, within `window` of the end
  /// of a served call a repeat of it
  /// (Brown et al. 2005, §3: "returning customers"). Calls whose window runs past the end of the
  /// log are left out of the denominators (whether they return cannot be seen). Marks the
  /// returning calls in ``cells`` (``Cell/returning``) so that fresh volumes exclude them.
  public mutating func returns(window: Double) -> Returns {
    var result = Returns(window: window)
    for key in cells.keys { cells[key]?.returning = 0 }
    guard !callerCalls.isEmpty, let lastDay = days.last else { return result }
    let logEnd = Double(lastDay.daysSinceEpoch + 1) * 86_400
    callerCalls.sort { ($0.caller, $0.time) < ($1.caller, $1.time) }
    for index in callerCalls.indices {
      let call = callerCalls[index]
      let next = index + 1 < callerCalls.count && callerCalls[index + 1].caller == call.caller ? callerCalls[index + 1] : nil
      let delay = next.map { max($0.time - call.end, 0) }
      let returned = delay.map { $0 <= window } ?? false
      result.identifiedCalls += 1
      guard call.outcome != CallerCall.contained else { continue }
      if returned, let next {
        let key = CellKey(day: CalendarDay(daysSinceEpoch: Int(next.day)), interval: Int(next.interval), type: typeNames[Int(next.type)])
        cells[key]?.returning += 1
        result.returningCalls += 1
      }
      guard call.end + window <= logEnd else { continue }
      let type = typeNames[Int(call.type)]
      if call.outcome == CallerCall.abandoned {
        result.abandoned += 1
        result.byType[type, default: Returns.Counts()].abandoned += 1
        if returned, let delay {
          result.retrials += 1
          result.byType[type, default: Returns.Counts()].retrials += 1
          result.retrialDelays.add(delay.rounded(), observed: true)
        }
      } else {
        result.served += 1
        result.byType[type, default: Returns.Counts()].served += 1
        if returned, let delay {
          result.repeats += 1
          result.byType[type, default: Returns.Counts()].repeats += 1
          result.repeatDelays.add(delay.rounded(), observed: true)
        }
      }
    }
    return result
  }

  /// Identified callers coming back: after abandoning (retrials) and after being served (repeats).
  public struct Returns: Hashable, Sendable {
    public var window: Double
    /// Abandoned calls whose window lies inside the log, and how many were retried within it.
    public var abandoned = 0, retrials = 0
    /// Served calls whose window lies inside the log, and how many came back within it.
    public var served = 0, repeats = 0
    /// The delays (seconds) from the call to its return.
    public var retrialDelays = DurationTally(), repeatDelays = DurationTally()
    /// Calls of identified callers, and how many of them were returns: the share of returns the
    /// fresh volumes assume among the callers the log does not identify.
    public var identifiedCalls = 0, returningCalls = 0
    public var returnShare: Double { identifiedCalls > 0 ? Double(returningCalls) / Double(identifiedCalls) : 0 }
    /// The same counts per type of the call that was abandoned or served.
    public var byType: [String: Counts] = [:]

    /// Abandoned and served calls in the window, and their returns.
    public struct Counts: Hashable, Sendable {
      public var abandoned = 0, retrials = 0, served = 0, repeats = 0
      public init() {}
    }

    /// The centre's counts: every type together.
    public var centre: Counts {
      var counts = Counts()
      (counts.abandoned, counts.retrials, counts.served, counts.repeats) = (abandoned, retrials, served, repeats)
      return counts
    }
  }
}
