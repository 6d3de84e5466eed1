/// One row of a centre's interval report, as the estimators see it: what one queue (call type)
/// was offered in one planning interval of one day, and how it was served. ACDs export these
/// per 15, 30 or 60 minutes when the call-by-call log is not kept.
///
///     ObservedInterval(day: monday, start: 8 * 3600, length: 1800, type: "sales",
///                      offered: 120, answered: 111, abandoned: 9, averageHandleTime: 245,
///                      averageSpeedOfAnswer: 32, serviceLevel: 0.82, serviceLevelThreshold: 20, agents: 17.5)
///
/// Counts satisfy `answered + abandoned ≤ offered` (the rest of the offered calls were still
/// waiting at the end of the interval, or left in ways the ACD does not count as abandons);
/// the reader checks it. Times are seconds of the centre's clock.
public struct ObservedInterval: Hashable, Sendable {
  public var day: CalendarDay
  /// The interval's start, in seconds after the midnight that starts ``day`` (0 ≤ start < 86 400),
  /// on the grid of ``length``.
  public var start: Double
  /// The interval's length in seconds (900, 1800 or 3600).
  public var length: Double
  /// The report's queue or call type.
  public var type: String
  /// Calls offered (arrived in the queue), answered by an agent, and abandoned while waiting.
  public var offered: Int, answered: Int, abandoned: Int
  /// Average handle time (talk and wrap-up as the ACD counts it) of the answered calls, seconds;
  /// `nil` when the report leaves it out (or empty, as for an interval with no answered call).
  public var averageHandleTime: Double?
  /// Average speed of answer: the mean wait of the answered calls (zero waits included), seconds.
  public var averageSpeedOfAnswer: Double?
  /// The share of calls answered within ``serviceLevelThreshold`` as the ACD defines it, 0…1.
  public var serviceLevel: Double?
  /// The service level's threshold in seconds (the 20 of "80% within 20 s").
  public var serviceLevelThreshold: Double?
  /// Agents staffed (logged in) on average over the interval, where the report has it.
  public var agents: Double?

  public init(day: CalendarDay, start: Double, length: Double, type: String, offered: Int, answered: Int, abandoned: Int,
              averageHandleTime: Double? = nil, averageSpeedOfAnswer: Double? = nil, serviceLevel: Double? = nil,
              serviceLevelThreshold: Double? = nil, agents: Double? = nil) {
    self.day = day
    self.start = start
    self.length = length
    self.type = type
    self.offered = offered
    self.answered = answered
    self.abandoned = abandoned
    self.averageHandleTime = averageHandleTime
    self.averageSpeedOfAnswer = averageSpeedOfAnswer
    self.serviceLevel = serviceLevel
    self.serviceLevelThreshold = serviceLevelThreshold
    self.agents = agents
  }
}
