import ArgumentParser
import ContactCenterModel
import Foundation
import Queueing
import Reporting
import ScenarioIO

/// `ccsim erlang`: exact Erlang B, C and A answers for one queue or a day profile.
struct Erlang: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Exact Erlang B / C / A: service level, waits, abandonment, and the fewest agents meeting targets.",
    discussion: """
      Evaluate a staffing with --agents, or give targets to find the fewest agents meeting all of them.
      Rates carry their period and durations their unit:

        ccsim erlang --model c --rate 200/h --aht 180s --target 80/20s
        ccsim erlang --model a --rate 4000/h --aht 4m --patience 3m --agents 70
        ccsim erlang --model b --rate 120/h --aht 3m --agents 10
        ccsim erlang --model a --profile Scenarios/hotline-day.csv --aht 4m --patience 3m --target 80/20s

      Every metric is defined in Docs/analytics.md. Bad input exits with status 2.
      """)

  @Option(help: "Queueing model: c = Erlang C (callers wait), a = Erlang A (callers abandon), b = Erlang B (blocked calls are lost).")
  var model = "c"
  @Option(help: "Arrival rate with its period: 200/h, 3.5/m, 2/s, or 100/30m (100 contacts per 30 minutes).")
  var rate: String?
  @Option(help: "Mean handle time (talk + after-contact work) with a unit: 180s, 4m, 0.1h. With --profile, the default for rows without one.")
  var aht: String?
  @Option(help: "Mean patience before a waiting caller hangs up (Erlang A only), with a unit: 3m.")
  var patience: String?
  @Option(help: "Evaluate this many agents (a whole number ≥ 1).")
  var agents: String?
  @Option(name: .customLong("sl-threshold"), help: "Service-level threshold when no --target gives one: 20s.")
  var slThreshold = "20s"
  @Option(help: "Service-level target PERCENT/TIME: 80/20s means 80% answered within 20 s.")
  var target: String?
  @Option(name: .customLong("sl-definition"), help: "Erlang A service level: offered (abandoned calls count as failures; default), answered (abandoned calls left out), or excl-short-abandons.")
  var slDefinition: String?
  @Option(help: "Average-speed-of-answer target: 30s (Erlang C: all calls; Erlang A: answered calls).")
  var asa: String?
  @Option(name: .customLong("max-abandon"), help: "Largest share of callers who abandon (Erlang A): 5%.")
  var maxAbandon: String?
  @Option(name: .customLong("max-wait-probability"), help: "Largest share of callers who wait at all, P(wait > 0) (Erlang C and A): 20%.")
  var maxWaitProbability: String?
  @Option(name: .customLong("max-occupancy"), help: "Occupancy cap: 85%.")
  var maxOccupancy: String?
  @Option(name: .customLong("max-block"), help: "Largest share of blocked calls (Erlang B): 1%.")
  var maxBlock: String?
  @Option(help: "Day profile CSV (header 'start,contacts[,aht]', one row per interval): prints the agents each interval needs.")
  var profile: String?
  @Option(help: "Interval length of --profile when it cannot be read from the starts: 15m.")
  var interval: String?
  @Flag(help: "Print one JSON object instead of a table.")
  var json = false

  func run() throws {
    let output = try ErlangRequest(self).answer()
    FileHandle.standardOutput.write(Data(output.utf8))
  }
}

/// A validated `ccsim erlang` request. Parsing collects nothing on the way: the first bad flag
/// is reported, naming the flag, what it expects and what it got.
struct ErlangRequest {
  enum Subject {
    case queue(Workload, agents: Int?)
    case profile(IntervalProfile, defaultHandleTime: Double?, path: String)
  }

  var question: ErlangQuestion
  var subject: Subject
  var json: Bool

  static let targetFlags = "--target, --asa, --max-abandon, --max-wait-probability, --max-occupancy or --max-block"

  init(_ options: Erlang) throws(InputError) {
    json = options.json
    let model: QueueModel
    switch options.model.lowercased() {
    case "a", "erlang-a", "erlanga":
      guard let text = options.patience else {
        throw InputError(field: "--patience", expected: "a mean patience with a unit, such as 3m, for Erlang A", found: "")
      }
      // Any positive patience: a very long one is a fair question (Erlang A then tends to Erlang C).
      model = .erlangA(meanPatience: try Self.duration(text, flag: "--patience", positive: true))
    case "b", "erlang-b", "erlangb": model = .erlangB
    case "c", "erlang-c", "erlangc": model = .erlangC
    default:
      throw InputError(field: "--model", expected: "one of c (Erlang C), a (Erlang A) or b (Erlang B)", found: options.model)
    }
    if case .erlangA = model {} else if let text = options.patience {
      throw InputError(field: "--patience", expected: "no patience: only Erlang A (--model a) has callers who abandon", found: text)
    }

    var targets = StaffingTargets()
    var definition = ServiceLevelDefinition.offered
    if let text = options.slDefinition {
      guard case .erlangA = model else {
        throw InputError(field: "--sl-definition", expected: "no definition: only Erlang A (--model a) has abandoned calls to count", found: text)
      }
      guard let parsed = ServiceLevelDefinition(rawValue: text.lowercased()) else {
        throw InputError(field: "--sl-definition", expected: "one of offered, answered or excl-short-abandons", found: text)
      }
      definition = parsed
    }
    if let text = options.target {
      guard let (fraction, seconds) = Quantity.serviceLevel(text) else {
        throw InputError(field: "--target", expected: "PERCENT/TIME with a unit on the time, such as 80/20s", found: text)
      }
      targets.serviceLevel = ServiceLevelTarget(fraction: fraction, threshold: seconds, definition: definition)
    }
    if let text = options.asa { targets.maxAverageSpeedOfAnswer = try Self.duration(text, flag: "--asa", positive: false) }
    if let text = options.maxAbandon { targets.maxAbandonment = try Self.percentage(text, flag: "--max-abandon") }
    if let text = options.maxWaitProbability { targets.maxWaitProbability = try Self.percentage(text, flag: "--max-wait-probability") }
    if let text = options.maxOccupancy { targets.maxOccupancy = try Self.percentage(text, flag: "--max-occupancy") }
    if let text = options.maxBlock { targets.maxBlocking = try Self.percentage(text, flag: "--max-block") }
    let threshold: Double
    if let level = targets.serviceLevel {
      threshold = level.threshold
    } else {
      threshold = try Self.duration(options.slThreshold, flag: "--sl-threshold", positive: false)
    }
    question = ErlangQuestion(model: model, targets: targets, serviceLevelThreshold: threshold)

    let handleTime = try options.aht.map { text throws(InputError) in try Self.duration(text, flag: "--aht", positive: true) }
    if let path = options.profile {
      if let text = options.rate {
        throw InputError(field: "--rate", expected: "no rate with --profile: the profile gives the volume of each interval", found: text)
      }
      if let text = options.agents {
        throw InputError(field: "--agents", expected: "no agents with --profile: the profile is staffed to the targets", found: text)
      }
      guard !targets.kinds.isEmpty else {
        throw InputError(field: "--profile", expected: "a target to staff each interval to (\(Self.targetFlags))", found: path)
      }
      let length = try options.interval.map { text throws(InputError) in try Self.duration(text, flag: "--interval", positive: true) }
      let profile = try IntervalProfile(contentsOf: path, intervalLength: length)
      if handleTime == nil, let row = profile.intervals.first(where: { $0.meanHandleTime == nil }) {
        throw InputError(
          field: "--aht", expected: "a default mean handle time, such as 4m: the interval at \(TimeText.clock(row.start, precision: .secondsWhenNeeded)) gives none",
          found: "")
      }
      subject = .profile(profile, defaultHandleTime: handleTime, path: path)
      return
    }
    guard let rateText = options.rate else {
      throw InputError(field: "--rate", expected: "an arrival rate with its period, such as 200/h (or --profile FILE)", found: "")
    }
    guard let rate = Quantity.ratePerSecond(rateText) else {
      throw InputError(field: "--rate", expected: "a number ≥ 0 of contacts per period, such as 200/h, 3.5/m or 100/30m", found: rateText)
    }
    guard let handleTime else {
      throw InputError(field: "--aht", expected: "a mean handle time with a unit, such as 180s or 4m", found: "")
    }
    var agents: Int?
    if let text = options.agents {
      guard let count = Int(text), count >= 1, count <= Staffing.searchLimit else {
        throw InputError(field: "--agents", expected: "a whole number of agents from 1 to \(Staffing.searchLimit)", found: text)
      }
      agents = count
    }
    if agents == nil && targets.kinds.isEmpty {
      throw InputError(field: "--agents", expected: "a number of agents to evaluate, or a target to staff to (\(Self.targetFlags))", found: "")
    }
    let workload = Workload(arrivalRate: rate, meanHandleTime: handleTime)
    if let expected = question.sizeProblem(workload) { throw InputError(field: "--rate", expected: expected, found: rateText) }
    subject = .queue(workload, agents: agents)
  }

  /// The text (or JSON) `ccsim erlang` prints.
  /// - Throws: ``InputError`` naming the target flag when no staffing can meet a target.
  func answer() throws(InputError) -> String {
    switch subject {
    case .queue(let workload, let agents):
      let answer: ErlangQuestion.Answer
      do { answer = try question.answer(workload, agents: agents) } catch { throw Self.inputError(error, targets: question.targets) }
      return json
        ? ErlangReport.json(question, chosen: answer.chosen, required: answer.required, around: answer.around).rendered() + "\n"
        : ErlangReport.text(question, chosen: answer.chosen, required: answer.required, around: answer.around)
    case .profile(let profile, let defaultHandleTime, let profilePath):
      let intervals = profile.intervals.map { interval in
        (start: TimeText.clock(interval.start, precision: .secondsWhenNeeded), contacts: interval.contacts,
         workload: Workload(arrivalRate: interval.contacts / profile.intervalLength, meanHandleTime: interval.meanHandleTime ?? defaultHandleTime!))
      }
      let rows: [ProfileRow]
      do {
        rows = try question.staffDay(intervals)
      } catch {
        switch error {
        case .tooLarge(let index, let expected):
          let interval = profile.intervals[index]
          throw InputError(location: "\(profilePath):\(interval.line):1", field: "contacts", expected: expected, found: String(interval.contacts))
        case .staffing(let error): throw Self.inputError(error, targets: question.targets)
        }
      }
      return json
        ? ErlangReport.profileJSON(question, rows: rows, intervalLength: profile.intervalLength).rendered() + "\n"
        : ErlangReport.profileText(question, rows: rows, intervalLength: profile.intervalLength)
    }
  }

  /// A staffing error as the flag that caused it.
  static func inputError(_ error: StaffingError, targets: StaffingTargets) -> InputError {
    func flag(_ kind: StaffingTargetKind) -> (String, String) {
      switch kind {
      case .serviceLevel: ("--target", targets.serviceLevel.map { "\(Int(($0.fraction * 100).rounded()))%/\(TimeText.duration($0.threshold, style: .short))" } ?? "")
      case .averageSpeedOfAnswer: ("--asa", targets.maxAverageSpeedOfAnswer.map { TimeText.duration($0, style: .short) } ?? "")
      case .waitProbability: ("--max-wait-probability", targets.maxWaitProbability.map { "\($0 * 100)%" } ?? "")
      case .abandonment: ("--max-abandon", targets.maxAbandonment.map { "\($0 * 100)%" } ?? "")
      case .occupancy: ("--max-occupancy", targets.maxOccupancy.map { "\($0 * 100)%" } ?? "")
      case .blocking: ("--max-block", targets.maxBlocking.map { "\($0 * 100)%" } ?? "")
      }
    }
    switch error {
    case .noTargets:
      return InputError(field: "--agents", expected: "a number of agents to evaluate, or a target (\(targetFlags))", found: "")
    case .notApplicable(let kind, let model):
      let (name, value) = flag(kind)
      return InputError(field: name, expected: "no \(kind.rawValue) target with \(model)", found: value)
    case .unattainable(let kind, let reason):
      let (name, value) = flag(kind)
      return InputError(field: name, expected: "a target some staffing can meet (\(reason))", found: value)
    case .beyondSearchLimit(let limit):
      return InputError(field: "targets", expected: "targets that at most \(limit) agents can meet at this load", found: targetsDescription(targets))
    }
  }

  static func targetsDescription(_ targets: StaffingTargets) -> String {
    targets.kinds.map(\.rawValue).joined(separator: ", ")
  }

  static func duration(_ text: String, flag: String, positive: Bool) throws(InputError) -> Double {
    guard let seconds = Quantity.seconds(text), !positive || seconds > 0 else {
      throw InputError(field: flag, expected: "a \(positive ? "positive " : "")duration with a unit (s, m or h), such as 20s or 4m", found: text)
    }
    return seconds
  }

  static func percentage(_ text: String, flag: String) throws(InputError) -> Double {
    guard let fraction = Quantity.fraction(text) else {
      throw InputError(field: flag, expected: "a percentage from 0% to 100%, such as 5%", found: text)
    }
    return fraction
  }
}
