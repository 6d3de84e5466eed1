/// A calendar date without a time zone: the day a call log's row belongs to.
///
///     CalendarDay(iso: "1999-08-01")?.weekday   // 1 (Sunday)
public struct CalendarDay: Hashable, Comparable, Sendable, CustomStringConvertible {
  public var year: Int, month: Int, day: Int

  /// A valid Gregorian date, or `nil` (February 30th, month 13 …).
  public init?(year: Int, month: Int, day: Int) {
    guard (1...9999).contains(year), (1...12).contains(month), day >= 1,
      day <= Self.length(ofMonth: month, year: year) else { return nil }
    (self.year, self.month, self.day) = (year, month, day)
  }

  /// `YYYY-MM-DD`, or the original Technion data's `yymmdd` (years 00–49 as 20xx, 50–99 as 19xx).
  public init?(iso text: Substring) {
    let digits = { (part: Substring) -> Int? in part.allSatisfy(\.isASCII) ? Int(part) : nil }
    if text.count == 10, text.dropFirst(4).first == "-", text.dropFirst(7).first == "-",
      let y = digits(text.prefix(4)), let m = digits(text.dropFirst(5).prefix(2)), let d = digits(text.suffix(2)) {
      self.init(year: y, month: m, day: d)
    } else if text.count == 6, text.allSatisfy(\.isNumber), let y = digits(text.prefix(2)),
      let m = digits(text.dropFirst(2).prefix(2)), let d = digits(text.suffix(2)) {
      self.init(year: y < 50 ? 2000 + y : 1900 + y, month: m, day: d)
    } else {
      return nil
    }
  }

  /// The day of the week, 1 (Sunday) to 7 (Saturday): 1970-01-01 was a Thursday.
  public var weekday: Int { ((daysSinceEpoch % 7 + 7 + 4) % 7) + 1 }

  /// Days from 1970-01-01 to this day (negative before it), by the days-from-civil algorithm of
  /// Howard Hinnant ("chrono-Compatible Low-Level Date Algorithms").
  public var daysSinceEpoch: Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yoe = y - era * 400
    let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
    return era * 146_097 + doe - 719_468
  }

  /// The day `days` after 1970-01-01, the inverse of ``daysSinceEpoch`` (civil-from-days, same
  /// source); `days` from −719 162 (0001-01-01) to 2 932 896 (9999-12-31).
  public init(daysSinceEpoch days: Int) {
    precondition((-719_162...2_932_896).contains(days), "a day from 0001-01-01 to 9999-12-31")
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let doe = z - era * 146_097
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
    let mp = (5 * doy + 2) / 153
    let d = doy - (153 * mp + 2) / 5 + 1
    let m = mp < 10 ? mp + 3 : mp - 9
    self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)!
  }

  public var description: String {
    func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
    return "\(year)-\(two(month))-\(two(day))"
  }

  public static func < (a: Self, b: Self) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

  static func length(ofMonth month: Int, year: Int) -> Int {
    switch month {
    case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
    case 4, 6, 9, 11: 30
    default: 31
    }
  }
}

/// One call of a centre's log, as the estimators see it: when it arrived, whether and how long it
/// queued, and how it ended. Times are seconds after the midnight that starts ``day`` (a call that
/// runs past midnight has times above 86 400).
public struct ObservedCall: Hashable, Sendable {
  /// How the call ended.
  public enum Outcome: Hashable, Sendable {
    /// An agent served it for `handle` seconds (talk and wrap-up as the log records them).
    case served(handle: Double)
    /// The caller hung up while queueing, after ``ObservedCall/wait`` seconds: an observed patience.
    case abandoned
    /// The caller left in the voice response unit (IVR/VRU) before queueing: self-service, the
    /// model's containment, not an offered call.
    case selfService
  }

  public var day: CalendarDay
  /// The log's call type (`PS`, `NW` …).
  public var type: String
  /// The priority class as logged, where the log has one.
  public var priority: Int?
  /// The caller's id; `nil` when the log has no customer column or the caller was not identified.
  public var customer: String?
  /// The serving agent; `nil` when not served or the log has no agent column.
  public var agent: String?
  /// Arrival at the centre (entering the VRU).
  public var arrival: Double
  /// Joining the queue; `nil` when the call never queued (it left in the VRU, or an agent was free).
  public var queueEntry: Double?
  /// Seconds spent queueing (0 when it never queued): for a served call its wait, for an abandoned
  /// one its observed patience, for a served one a lower bound of its patience (right-censored).
  public var wait: Double
  public var outcome: Outcome
  /// When an agent answered a served call, where the log says; `nil` otherwise.
  public var answered: Double?

  public init(day: CalendarDay, type: String, priority: Int?, customer: String?, agent: String?, arrival: Double,
              queueEntry: Double?, wait: Double, outcome: Outcome, answered: Double? = nil) {
    self.day = day
    self.type = type
    self.priority = priority
    self.customer = customer
    self.agent = agent
    self.arrival = arrival
    self.queueEntry = queueEntry
    self.wait = wait
    self.outcome = outcome
    self.answered = answered
  }

  /// When the call was offered to the agents: it joined the queue, or an agent took it at once
  /// (answered without queueing); `nil` for self-service. Offered calls are counted at this time.
  public var offered: Double? {
    switch outcome {
    case .selfService: nil
    case .abandoned: queueEntry ?? arrival
    case .served: queueEntry ?? answered.map { $0 - wait } ?? arrival
    }
  }

  /// When service started, for a served call: the logged answer, else the offer plus the wait.
  public var answerTime: Double? {
    guard case .served = outcome else { return nil }
    return answered ?? (queueEntry ?? arrival) + wait
  }
}
