import Estimators
import Foundation

/// The files of `ccsim fit` besides the scenario: `fit.json` (every estimate with its standard
/// error, sample size, method and the alternatives' AIC) and `history.csv` (the observed KPIs per
/// day × interval × type). `Results/README.md` documents both.
public struct FitReport: Sendable {
  public var fit: HistoryFit
  public var history: CallHistory
  /// What was read: the log, its format, and the reader's summary.
  public var source: JSONValue

  public init(fit: HistoryFit, history: CallHistory, source: JSONValue) {
    self.fit = fit
    self.history = history
    self.source = source
  }

  // MARK: fit.json

  public func json() -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("source", source),
      ("interval_s", .number(fit.intervalLength)),
      ("service_level_threshold_s", .number(fit.serviceLevelThreshold)),
      ("days", .array(fit.days.map { .string($0.description) })),
      ("days_in_log", .array(fit.allDays.map { .string($0.description) })),
      ("opening_intervals", .object([("first", .integer(fit.opening.lowerBound)), ("end", .integer(fit.opening.upperBound))])),
    ]
    members.append(("busyness_cv", fit.busyness.map { busyness in
      .object([
        ("estimate", .number(busyness.cv)), ("standard_error", busyness.standardError.map(JSONValue.number) ?? .null),
        ("days", .integer(busyness.days)), ("weekdays", .array(busyness.weekdays.map(JSONValue.integer))),
        ("method", .string("Jongbloed & Koole (2001): c² = (s² − N̄) / N̄² of the daily totals, per day of the week, pooled")),
      ])
    } ?? .string("not estimated: fewer than 3 days of any day of the week")))
    members.append(("types", .array(fit.types.map(typeJSON))))
    members.append(("returns", fit.returns.map(returnsJSON) ?? .string("not estimated: the log identifies no callers")))
    members.append(("staffing", .object([
      ("source", .string(fit.staffingSource.rawValue)),
      ("groups", .array(fit.groups.map { group in
        .object([
          ("id", .string(group.id)), ("skills", .array(group.skills.map(JSONValue.string))),
          ("members", .array(group.members.map(JSONValue.string))), ("agents", .array(group.agents.map(JSONValue.integer))),
        ])
      })),
    ])))
    return .object(members)
  }

  func typeJSON(_ type: HistoryFit.TypeFit) -> JSONValue {
    let arrivals = type.arrivals
    return .object([
      ("id", .string(type.id)),
      ("calls", .object([
        ("offered", .integer(type.offered)), ("answered", .integer(type.answered)),
        ("abandoned", .integer(type.abandoned)), ("contained", .integer(type.contained)),
      ])),
      ("volumes", .object([
        ("per_interval", .array(arrivals.meanPerInterval.map(JSONValue.number))),
        ("standard_error", .array(arrivals.standardErrors.map(JSONValue.number))),
        ("days", .integer(arrivals.days)),
        ("method", .string("fresh contacts (offered + self-service − retrials − repeats) counted at queue entry; mean over days, "
                           + "se = sd/√days (√count with one day)")),
      ])),
      ("containment", .object([
        ("estimate", .number(type.containment)), ("standard_error", .number(type.containmentStandardError)),
        ("sample_size", .integer(type.offered + type.contained)),
        ("method", .string("self-service ÷ (offered + self-service), binomial se")),
      ])),
      ("handle_time", durationJSON(type.handle, pooled: type.pooledHandle, method: fit.source == .callLog
        ? "maximum likelihood, whole seconds as interval-censored; best AIC"
        : "Σ AHT × answered ÷ Σ answered; exponential assumed (a report gives no spread)")),
      ("handle_time_by_interval", .object([
        ("mean_s", .array(type.handleCurve.means.map { $0.map(JSONValue.number) ?? .null })),
        ("cochran_w", type.handleCurve.statistic.map(JSONValue.number) ?? .null),
        ("degrees_of_freedom", .integer(type.handleCurve.degreesOfFreedom)),
        ("p_value", type.handleCurve.pValue.map(JSONValue.number) ?? .null),
        ("factors", type.handleCurve.factors.map { .array($0.map(JSONValue.number)) } ?? .null),
        ("method", .string("mean by the interval service started in (null below 30 calls); Cochran's test of one mean all day, "
                           + "factors written when p < 1%")),
      ])),
      ("patience", durationJSON(type.patience, pooled: type.pooledPatience, method: fit.source == .callLog
        ? "maximum likelihood with answered calls right-censored at their wait; best AIC"
        : "exponential: abandoned ÷ total waiting time, the abandoners' waits taken as the ASA (IntervalPatience)")),
      ("patience_exponential", .object([
        ("mean_s", type.exponentialPatienceMean.map(JSONValue.number) ?? .null),
        ("standard_error", type.exponentialPatienceStandardError.map(JSONValue.number) ?? .null),
        ("method", .string("total waiting time of everyone who queued ÷ abandonments (Brown et al. 2005)")),
      ])),
      ("naive_abandoner_mean_wait_s", type.naiveAbandonerMean.map(JSONValue.number) ?? .null),
      ("kaplan_meier", .array(type.kaplanMeier.steps.map { step in
        .array([.number(step.time), .number(step.survival), .number(step.standardError), .integer(step.atRisk)])
      })),
      ("priorities", .array(type.priorities.keys.sorted().map { priority in
        let count = type.priorities[priority]!
        return .object([
          ("priority", .integer(priority)), ("offered", .integer(count.offered)), ("answered", .integer(count.answered)),
          ("asa_s", count.answered > 0 ? .number(count.answeredWait / Double(count.answered)) : .null),
        ])
      })),
    ])
  }

  func durationJSON(_ fits: [LifetimeFit], pooled: Bool, method: String) -> JSONValue {
    guard let best = fits.first else { return .string("nothing to fit") }
    return .object([
      ("family", .string(best.family.rawValue)),
      ("mean_s", .number(best.mean)), ("mean_standard_error", .number(best.meanStandardError)),
      (best.family.shapeName ?? "shape", best.shape.map(JSONValue.number) ?? .null),
      ("shape_standard_error", best.shapeStandardError.map(JSONValue.number) ?? .null),
      ("sample_size", .integer(best.sampleSize)), ("events", .integer(best.events)),
      ("pooled", .bool(pooled)),
      ("method", .string(method)),
      ("alternatives", .array(fits.map { fit in
        .object([
          ("family", .string(fit.family.rawValue)), ("aic", .number(fit.aic)), ("mean_s", .number(fit.mean)),
          ("shape", fit.shape.map(JSONValue.number) ?? .null),
        ])
      })),
    ])
  }

  func returnsJSON(_ returns: CallHistory.Returns) -> JSONValue {
    func share(_ part: Int, _ whole: Int) -> JSONValue {
      guard whole > 0 else { return .null }
      let p = Double(part) / Double(whole)
      return .object([("estimate", .number(p)), ("standard_error", .number((p * (1 - p) / Double(whole)).squareRoot())),
                      ("of", .integer(whole))])
    }
    return .object([
      ("window_s", .number(returns.window)),
      ("retrial_share", share(returns.retrials, returns.abandoned)),
      ("repeat_share", share(returns.repeats, returns.served)),
      ("by_type", .array(returns.byType.keys.sorted().map { type in
        let counts = returns.byType[type]!
        return .object([("type", .string(type)), ("retrial_share", share(counts.retrials, counts.abandoned)),
                        ("repeat_share", share(counts.repeats, counts.served))])
      })),
      ("retrial_delay", durationJSON(fit.retrialDelay, pooled: false, method: "maximum likelihood on the delays from hang-up to the next call; best AIC")),
      ("repeat_delay", durationJSON(fit.repeatDelay, pooled: false, method: "maximum likelihood on the delays from the end of service to the next call; best AIC")),
      ("method", .string("the caller's next call within the window, after an abandoned (retrial) or a served call (repeat); "
                         + "calls whose window passes the end of the log are left out")),
    ])
  }

  // MARK: history.csv

  /// Columns of `history.csv`.
  public static let historyColumns = ["day", "weekday", "interval", "start", "type", "offered", "answered", "abandoned",
                                      "contained", "asa_s", "service_level", "abandon_rate", "mean_handle_time_s",
                                      "agents", "busy_agents"]

  /// One row per day × interval × type with any call or service, and an `all` row per day ×
  /// interval; the interval of the offer (queue entry).
  public func historyCSV() -> String {
    var lines = [Self.historyColumns.joined(separator: ",")]
    let cells = history.cells
    let slots = Set(cells.keys.map { CallHistory.DayInterval(day: $0.day, interval: $0.interval) })
      .union(history.staffing.keys).sorted()
    let types = history.types
    let weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    for slot in slots {
      let staffing = history.staffing[slot]
      var total = CallHistory.Cell()
      func row(_ type: String, _ cell: CallHistory.Cell, agents: Int?, busy: Double) -> String {
        let seconds = Int((Double(slot.interval) * history.intervalLength).rounded())
        let fields: [String] = [
          slot.day.description, weekdays[slot.day.weekday - 1], String(slot.interval),
          String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60), RunReport.csvField(type),
          String(cell.offered), String(cell.answered), String(cell.abandoned), String(cell.contained),
          ratio(cell.answeredWait, cell.answered), ratio(Double(cell.answeredInTime), cell.offered),
          ratio(Double(cell.abandoned), cell.offered), ratio(cell.handleTime, cell.answered),
          agents.map(String.init) ?? "", RunReport.number(busy / history.intervalLength),
        ]
        return fields.joined(separator: ",")
      }
      for type in types {
        let cell = cells[CallHistory.CellKey(day: slot.day, interval: slot.interval, type: type)]
        let busy = staffing?.busyTimeByType[type] ?? 0
        guard cell != nil || busy > 0 else { continue }
        let c = cell ?? CallHistory.Cell()
        total.add(c)
        lines.append(row(type, c, agents: history.hasAgents ? staffing?.agentsByType[type]?.count ?? 0 : nil, busy: busy))
      }
      lines.append(row("all", total, agents: history.hasAgents ? staffing?.agents.count ?? 0 : nil, busy: staffing?.busyTime ?? 0))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// `history.csv` of an interval report: its rows as read (the same columns; `contained` blank,
  /// `agents` the report's, `busy_agents` answered × AHT ÷ the interval), and an `all` row per day ×
  /// interval.
  public static func historyCSV(intervals rows: [ObservedInterval]) -> String {
    var lines = [historyColumns.joined(separator: ",")]
    let weekdays = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    let slots = Dictionary(grouping: rows) { CallHistory.DayInterval(day: $0.day, interval: Int(($0.start / $0.length).rounded(.down))) }
    let optional = { (value: Double?) in value.map(RunReport.number) ?? "" }
    for slot in slots.keys.sorted() {
      let here = slots[slot]!.sorted { $0.type < $1.type }
      let seconds = Int(here[0].start.rounded())
      let prefix = [slot.day.description, weekdays[slot.day.weekday - 1], String(slot.interval),
                    String(format: "%02d:%02d", seconds / 3600, seconds / 60 % 60)]
      func busy(_ row: ObservedInterval) -> Double { Double(row.answered) * (row.averageHandleTime ?? 0) / row.length }
      for row in here {
        lines.append((prefix + [RunReport.csvField(row.type), String(row.offered), String(row.answered), String(row.abandoned), "",
                                optional(row.averageSpeedOfAnswer), optional(row.serviceLevel),
                                row.offered > 0 ? RunReport.number(Double(row.abandoned) / Double(row.offered)) : "",
                                optional(row.averageHandleTime), optional(row.agents), RunReport.number(busy(row))]).joined(separator: ","))
      }
      let (offered, answered, abandoned) = here.reduce((0, 0, 0)) { ($0.0 + $1.offered, $0.1 + $1.answered, $0.2 + $1.abandoned) }
      let waited = here.allSatisfy { $0.averageSpeedOfAnswer != nil || $0.answered == 0 }
      let asa = waited && answered > 0 ? here.reduce(0.0) { $0 + ($1.averageSpeedOfAnswer ?? 0) * Double($1.answered) } / Double(answered) : nil
      let timed = here.allSatisfy { $0.averageHandleTime != nil || $0.answered == 0 }
      let aht = timed && answered > 0 ? here.reduce(0.0) { $0 + ($1.averageHandleTime ?? 0) * Double($1.answered) } / Double(answered) : nil
      let agents = here.allSatisfy { $0.agents != nil } ? here.reduce(0.0) { $0 + $1.agents! } : nil
      lines.append((prefix + ["all", String(offered), String(answered), String(abandoned), "", optional(asa), "",
                              offered > 0 ? RunReport.number(Double(abandoned) / Double(offered)) : "", optional(aht),
                              optional(agents), RunReport.number(here.reduce(0) { $0 + busy($1) })]).joined(separator: ","))
    }
    return lines.joined(separator: "\n") + "\n"
  }

  func ratio(_ numerator: Double, _ denominator: Int) -> String {
    denominator > 0 ? RunReport.number(numerator / Double(denominator)) : ""
  }
}
