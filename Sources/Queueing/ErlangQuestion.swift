/// A question for the Erlang formulas, as `ccsim erlang` asks it: a model, the targets to staff
/// to, and the threshold of the service level to report. ``answer(_:agents:)`` evaluates one
/// queue at a staffing and its neighbours; ``staffDay(_:)`` staffs every interval of a day.
///
///     let question = ErlangQuestion(model: .erlangC, targets: StaffingTargets(serviceLevel: .init(fraction: 0.8, threshold: 20)),
///                                   serviceLevelThreshold: 20)
///     let answer = try question.answer(Workload(arrivalRate: 200.0 / 3600, meanHandleTime: 180), agents: nil)
///     answer.required            // 14: the fewest agents with 80% answered within 20 s
///     answer.around.map(\.agents) // 11...17: the staffings around it, for a table
public struct ErlangQuestion: Sendable {
  public var model: QueueModel
  public var targets: StaffingTargets
  /// Seconds; the threshold of every service level reported (the target's when there is one).
  public var serviceLevelThreshold: Double

  public init(model: QueueModel, targets: StaffingTargets, serviceLevelThreshold: Double) {
    self.model = model
    self.targets = targets
    self.serviceLevelThreshold = serviceLevelThreshold
  }

  /// The service-level definition reported in tables: the target's, else "offered".
  public var definition: ServiceLevelDefinition { targets.serviceLevel?.definition ?? .offered }

  /// Largest offered load accepted, erlangs: the staffing search stops at ``Staffing/searchLimit`` agents.
  public static let largestTraffic = 1_000_000.0

  /// Why `workload` is too large to answer, phrased as what is expected, or `nil` when it is not:
  /// an offered load above ``largestTraffic``, or for Erlang A more than 10⁸ arrivals during one
  /// mean patience (the terms its series would need).
  public func sizeProblem(_ workload: Workload) -> String? {
    guard workload.traffic.isFinite, workload.traffic <= Self.largestTraffic else {
      return "an offered load (rate × AHT) of at most 1000000 erlangs"
    }
    if case .erlangA(let patience) = model, workload.arrivalRate * patience > 1e8 {
      return "at most 10⁸ arrivals during one mean patience (rate × patience) for Erlang A"
    }
    return nil
  }

  /// One queue's answer: the staffing asked about, the fewest agents meeting the targets (when
  /// there are targets), and the staffings from three below to three above the one asked about.
  public struct Answer: Hashable, Sendable {
    public var chosen: QueuePerformance
    public var required: Int?
    public var around: [QueuePerformance]
  }

  /// Evaluates `agents` (or, when `nil`, the fewest agents meeting the targets) and its neighbours.
  /// - Parameters:
  ///   - workload: The queue's arrival rate and mean handle time.
  ///   - agents: The staffing to evaluate (≥ 1), or `nil` to staff to the targets.
  /// - Throws: ``StaffingError`` when there are targets and no staffing meets them (or, with no
  ///   agents given, when there are no targets).
  /// - Complexity: that of ``Staffing/minimumAgents(_:workload:targets:serviceLevelThreshold:)``
  ///   plus seven evaluations.
  public func answer(_ workload: Workload, agents given: Int?) throws(StaffingError) -> Answer {
    let required = try targets.kinds.isEmpty && given != nil ? nil : staff(workload).agents
    let agents = given ?? required!
    let around = (max(min(agents, 1), agents - 3)...(agents + 3)).map { evaluate(workload, agents: $0) }
    return Answer(chosen: around.first { $0.agents == agents }!, required: required, around: around)
  }

  /// The metrics of `workload` served by `agents`.
  public func evaluate(_ workload: Workload, agents: Int) -> QueuePerformance {
    QueuePerformance(model: model, workload: workload, agents: agents, serviceLevelThreshold: serviceLevelThreshold)
  }

  /// The fewest agents meeting the targets, with their metrics.
  /// - Throws: ``StaffingError`` as ``Staffing/minimumAgents(_:workload:targets:serviceLevelThreshold:)``.
  public func staff(_ workload: Workload) throws(StaffingError) -> QueuePerformance {
    try Staffing.minimumAgents(model, workload: workload, targets: targets, serviceLevelThreshold: serviceLevelThreshold)
  }

  /// Why a day could not be staffed: an interval too large to answer (``sizeProblem(_:)``), or
  /// targets no staffing meets.
  public enum DayError: Error, Hashable, Sendable {
    case tooLarge(interval: Int, expected: String)
    case staffing(StaffingError)
  }

  /// Staffs every interval of a day to the targets, in order.
  /// - Parameter intervals: Each interval's start as shown to people (`08:15`), its contacts and
  ///   its workload.
  /// - Throws: ``DayError`` for the first interval that cannot be answered.
  public func staffDay(_ intervals: [(start: String, contacts: Double, workload: Workload)]) throws(DayError) -> [ProfileRow] {
    var rows: [ProfileRow] = []
    for (index, interval) in intervals.enumerated() {
      if let expected = sizeProblem(interval.workload) { throw .tooLarge(interval: index, expected: expected) }
      do {
        rows.append(ProfileRow(start: interval.start, contacts: interval.contacts, performance: try staff(interval.workload)))
      } catch {
        throw .staffing(error)
      }
    }
    return rows
  }
}

/// One interval of a day profile and the staffing it needs.
public struct ProfileRow: Hashable, Sendable {
  /// The interval's start as written for people, e.g. `08:15`.
  public var start: String
  public var contacts: Double
  public var performance: QueuePerformance

  public init(start: String, contacts: Double, performance: QueuePerformance) {
    self.start = start
    self.contacts = contacts
    self.performance = performance
  }
}
