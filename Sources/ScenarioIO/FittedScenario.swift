import Estimators
import Foundation

/// The scenario a ``HistoryFit`` describes, as YAML text that `ccsim run` and `ccsim staff` take as
/// it is: the fitted values, each with a comment saying where it came from (`fit.json` has every
/// standard error and the alternatives' AIC).
public struct FittedScenario: Sendable {
  public var fit: HistoryFit
  /// The scenario's name (letters, digits, `-`, `_`, `.`).
  public var name: String
  /// The lines of the header comment: the log, the command, the tool version.
  public var provenance: [String]

  public init(fit: HistoryFit, name: String, provenance: [String]) {
    self.fit = fit
    self.name = name
    self.provenance = provenance
  }

  /// A scenario name from a file name: its stem with every character other than letters, digits,
  /// `-`, `_` and `.` made `-`, at most 100 characters.
  public static func name(forLog path: String) -> String {
    let stem = URL(fileURLWithPath: path).deletingPathExtension().lastPathComponent
    let cleaned = String(stem.map { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) ? $0 : "-" }.prefix(100))
    return cleaned.isEmpty || cleaned.allSatisfy({ $0 == "." }) ? "history" : cleaned
  }

  /// Whether `name` is a scenario name: letters, digits, `-`, `_`, `.`, 1 to 100 characters.
  public static func isValidName(_ name: String) -> Bool {
    (1...100).contains(name.count) && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_.".contains($0)) }
      && !name.allSatisfy { $0 == "." }
  }

  public var yaml: String {
    var out = provenance.map { "# \($0)\n" }.joined()
    let days = fit.days
    let first = fit.opening.lowerBound, end = fit.opening.upperBound
    let minutes = Int(fit.intervalLength / 60)
    out += """
      name: \(name)
      description: Fitted from \(days.count) day\(days.count == 1 ? "" : "s") of calls (\(Self.span(days))) by ccsim fit
      openingHours: \(clock(first))-\(clock(end))   # the first to the last interval with calls
      interval: \(minutes)m

      """
    if let busyness = fit.busyness {
      out += "busynessCV: \(Self.number(max(busyness.cv, 0.001), digits: 3))   # Jongbloed & Koole: daily totals' variance beyond Poisson, "
        + "\(busyness.days) days of \(busyness.weekdays.count) weekday(s); se \(Self.number(busyness.standardError ?? .nan, digits: 3))\n"
    } else {
      out += "# busynessCV: not estimated (it needs at least 3 days of one day of the week)\n"
    }
    out += """
      serviceLevel: {threshold: \(Self.number(fit.serviceLevelThreshold, digits: 0))s, definition: offered}
      targets:              # not from the log: the planner's targets for `ccsim staff` and `ccsim compare`; edit them
        serviceLevel: 80%
        abandonment: 5%
        per: day
        judgedBy: mean
      contactTypes:

      """
    for type in fit.types { out += typeYAML(type) }
    let grouping = fit.source == .callLog ? "agents by skill set" : "a group per queue"
    out += "groups:             # \(grouping); agents per interval: \(fit.staffingSource.rawValue), mean over the days\n"
    for group in fit.groups {
      out += "  - id: \(Self.yamlString(group.id))\n"
      if !group.members.isEmpty { out += "    description: \(Self.yamlString(group.members.joined(separator: ", ")))\n" }
      out += "    agents: [\(group.agents.map(String.init).joined(separator: ", "))]\n"
      out += "    skills: [\(group.skills.map(Self.yamlString).joined(separator: ", "))]\n"
    }
    return out
  }

  func typeYAML(_ type: HistoryFit.TypeFit) -> String {
    let dayCount = fit.days.count
    var out = "  - id: \(Self.yamlString(type.id))\n"
    let volumes = type.arrivals.meanPerInterval.map { Self.number($0, digits: 2) }.joined(separator: ", ")
    if fit.source == .intervalReport { return reportedTypeYAML(type, volumes: volumes) }
    out += "    # \(type.offered) calls offered (\(type.answered) answered, \(type.abandoned) abandoned), \(type.contained) self-service"
      + " over \(fit.allDays.count) day(s)\n"
    out += "    volumes: [\(volumes)]   # fresh contacts per interval (new: retrials and repeats excluded), mean over \(dayCount) day(s)\n"
    if type.contained > 0 {
      out += "    containment: \(Self.number(type.containment, digits: 4))   # left in the IVR/VRU without queueing, "
        + "se \(Self.number(type.containmentStandardError, digits: 4))\n"
    }
    if let best = type.handle.first {
      let others = type.handle.dropFirst().map { "\($0.family.rawValue) \(Self.number($0.aic, digits: 1))" }.joined(separator: ", ")
      out += "    handleTime: \(Self.distribution(best))   # ML\(type.pooledHandle ? " (too few calls: the centre's pooled fit)" : ""), "
        + "AIC \(Self.number(best.aic, digits: 1)) vs \(others.isEmpty ? "none" : others)\n"
    } else {
      out += "    handleTime: {distribution: exponential, mean: 1s}   # no call was served: nothing to fit\n"
    }
    if !type.pooledHandle { out += Self.curveLine(type.handleCurve, measured: "mean by service-start interval", variances: "") }
    if let best = type.patience.first {
      let others = type.patience.dropFirst().map { "\($0.family.rawValue) \(Self.number($0.aic, digits: 1))" }.joined(separator: ", ")
      out += "    patience: \(Self.distribution(best))   # ML with answered calls censored at their wait"
        + "\(type.pooledPatience ? " (too few abandons: the centre's pooled fit)" : ""), AIC \(Self.number(best.aic, digits: 1))"
        + " vs \(others.isEmpty ? "none" : others)\n"
    } else {
      out += "    patience: none   # nobody abandoned\n"
    }
    if let returns = fit.returns {
      let minimum = fit.options.minimumEvents
      let window = Self.number(returns.window / 60, digits: 0)
      // The type's own shares when it has enough calls in the window, else the centre's.
      let own = returns.byType[type.id] ?? CallHistory.Returns.Counts()
      let retrials = own.abandoned >= minimum ? (own, "this type's") : (returns.centre, "the centre's")
      let repeats = own.served >= minimum ? (own, "this type's") : (returns.centre, "the centre's")
      if retrials.0.abandoned >= minimum, retrials.0.retrials > 0, let delay = fit.retrialDelay.first {
        out += "    retrial: {probability: \(Self.number(Double(retrials.0.retrials) / Double(retrials.0.abandoned), digits: 4)), "
          + "delay: \(Self.distribution(delay))}   # \(retrials.0.retrials) of \(retrials.0.abandoned) abandoned callers called again "
          + "within \(window) min (\(retrials.1)); the delay is the centre's\n"
      }
      if repeats.0.served >= minimum, repeats.0.repeats > 0, let delay = fit.repeatDelay.first {
        let share = Double(repeats.0.repeats) / Double(repeats.0.served)
        out += "    resolution: \(Self.number(1 - share, digits: 4))   # \(repeats.0.repeats) of \(repeats.0.served) served callers called "
          + "again within \(window) min (\(repeats.1)): first-contact resolution\n"
        out += "    repeat: {probability: 1, delay: \(Self.distribution(delay))}   # every unresolved caller calls again; "
          + "the delay is the centre's\n"
      }
    }
    return out
  }

  /// A type from an interval report: what its counts and means give, each assumption said.
  func reportedTypeYAML(_ type: HistoryFit.TypeFit, volumes: String) -> String {
    var out = "  - id: \(Self.yamlString(type.id))\n"
    out += "    # \(type.offered) calls offered (\(type.answered) answered, \(type.abandoned) abandoned) over \(fit.allDays.count) day(s)\n"
    out += "    volumes: [\(volumes)]   # calls offered per interval, mean over \(fit.days.count) day(s) (a report shows no "
      + "self-service or returns)\n"
    if let handle = type.handle.first {
      out += "    handleTime: {distribution: exponential, mean: \(Self.number(handle.mean, digits: 1))s}   # Σ AHT × answered ÷ "
        + "Σ answered over \(handle.events) calls; a report gives no spread: exponential assumed (Erlang's)\n"
    } else {
      out += "    handleTime: {distribution: exponential, mean: 1s}   # no AHT reported: nothing to fit\n"
    }
    out += Self.curveLine(type.handleCurve, measured: "interval AHT", variances: " with exponential variances")
    if let patience = type.patience.first {
      out += "    patience: {distribution: exponential, mean: \(Self.number(patience.mean, digits: 1))s}   # abandoned ÷ total "
        + "waiting time, the abandoners' waits taken as the ASA (a report has no patience curve), "
        + "se \(Self.number(patience.meanStandardError, digits: 1)) s\n"
    } else {
      out += "    patience: none   # nobody abandoned, or no ASA reported\n"
    }
    return out
  }

  /// The `handleTimeByInterval` line of a curve that Cochran's test kept, or nothing.
  static func curveLine(_ curve: HandleTimeCurve, measured: String, variances: String) -> String {
    guard let factors = curve.factors else { return "" }
    return "    handleTimeByInterval: [\(factors.map { number($0, digits: 3) }.joined(separator: ", "))]"
      + "   # \(measured) ÷ the mean (1 below 30 calls); Cochran's W \(number(curve.statistic ?? 0, digits: 1))"
      + " on \(curve.degreesOfFreedom) df\(variances), p \(String(format: "%.2g", curve.pValue ?? 1))\n"
  }

  func clock(_ interval: Int) -> String {
    let minutes = Int((Double(interval) * fit.intervalLength / 60).rounded())
    return String(format: "%02d:%02d", minutes / 60, minutes % 60)
  }

  /// A fitted distribution in the scenario's syntax.
  static func distribution(_ fit: LifetimeFit) -> String {
    let mean = "mean: \(number(fit.mean, digits: 1))s"
    switch fit.family {
    case .exponential: return "{distribution: exponential, \(mean)}"
    case .weibull: return "{distribution: weibull, \(mean), shape: \(number(fit.shape ?? 1, digits: 3))}"
    case .lognormal, .gamma: return "{distribution: \(fit.family.rawValue), \(mean), cv: \(number(fit.shape ?? 1, digits: 3))}"
    }
  }

  /// `text` as a YAML scalar: plain when it is letters, digits, `_`, `.`, `-` and spaces inside
  /// (ids as logs usually write them), else double-quoted with `"` and `\`
  /// escaped (a type `Sales: EU` or `#2` from a generic log).
  static func yamlString(_ text: String) -> String {
    let plain = text.first.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") } ?? false
      && text.last != " " && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "_.- ".contains($0)) }
    guard !plain else { return text }
    var escaped = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": escaped += "\\\""
      case "\\": escaped += "\\\\"
      case _ where scalar.value < 0x20 || scalar.value == 0x7F: escaped += String(format: "\\u%04X", scalar.value)
      default: escaped.unicodeScalars.append(scalar)
      }
    }
    return "\"" + escaped + "\""
  }

  /// `value` with at most `digits` decimals and no trailing zeros.
  static func number(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return "n/a" }
    var text = String(format: "%.\(digits)f", value)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
  }

  static func span(_ days: [CalendarDay]) -> String {
    guard let first = days.first, let last = days.last else { return "no days" }
    return first == last ? "\(first)" : "\(first) to \(last)"
  }
}
