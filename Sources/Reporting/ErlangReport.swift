import ContactCenterModel
import Foundation
import Queueing

/// The output of `ccsim erlang`: a short table for people, one JSON object for programs.
/// Every metric is defined in `Docs/analytics.md`; every JSON key in `Docs/cli.md`.
public enum ErlangReport {
  // MARK: One queue

  /// The chosen staffing, marked with `▶` among the staffings around it.
  /// - Parameter required: The fewest agents meeting the targets, when targets were given.
  public static func text(
    _ question: ErlangQuestion, chosen: QueuePerformance, required: Int?, around: [QueuePerformance]
  ) -> String {
    var lines = [heading(question, chosen.workload)]
    var table = TextTable(headers: [""] + columns(question).map(\.title))
    for performance in around {
      table.append([performance.agents == chosen.agents ? "▶" : ""] + columns(question).map { $0.cell(performance) })
    }
    lines.append("")
    lines.append(table.rendered())
    lines.append("")
    let summary = "\(chosen.agents) agents: " + columns(question).dropFirst().map { "\($0.title) \($0.cell(chosen))" }.joined(separator: ", ")
    if let required {
      let missed = chosen.missedTargets(question.targets)
      if chosen.agents == required {
        lines.append("Fewest agents meeting every target: \(required) (\(targetsText(question.targets))).")
      } else if missed.isEmpty {
        lines.append("\(chosen.agents) agents meet every target (\(targetsText(question.targets))); \(required) would be enough.")
      } else {
        lines.append("\(chosen.agents) agents miss the \(missed.map(\.rawValue).joined(separator: ", ")) target; \(required) are needed (\(targetsText(question.targets))).")
      }
    }
    lines.append(summary + ".")
    if !chosen.isStable {
      lines.append("Unstable: \(chosen.agents) agents cannot keep up with \(format(chosen.workload.traffic, digits: 2)) erlangs; the queue grows without bound.")
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// One JSON object; the keys are listed in `Docs/cli.md`.
  public static func json(
    _ question: ErlangQuestion, chosen: QueuePerformance, required: Int?, around: [QueuePerformance]
  ) -> JSONValue {
    var members = header(question, chosen.workload)
    members += metrics(chosen, question)
    members.append(("targets", targetsJSON(question.targets)))
    if let required {
      members.append(("required_agents", .integer(required)))
      members.append(("meets_targets", .bool(chosen.meets(question.targets))))
    }
    members.append(("around", .array(around.map { .object(metrics($0, question)) })))
    return .object(members)
  }

  // MARK: A day profile

  /// Required agents per interval, with totals.
  public static func profileText(_ question: ErlangQuestion, rows: [ProfileRow], intervalLength: Double) -> String {
    var table = TextTable(headers: ["start", "contacts", "AHT", "erlangs"] + columns(question).map(\.title))
    for row in rows {
      let p = row.performance
      table.append(
        [row.start, format(row.contacts, digits: 1), String(format: "%.0fs", p.workload.meanHandleTime),
         String(format: "%.2f", p.workload.traffic)] + columns(question).map { $0.cell(p) })
    }
    let totals = profileTotals(rows, intervalLength: intervalLength)
    return [
      "\(modelTitle(question.model)); targets: \(targetsText(question.targets)); intervals of \(TimeText.duration(intervalLength, style: .compact))",
      "",
      table.rendered(),
      "",
      "Peak \(totals.peak) agents; \(format(totals.agentHours, digits: 2)) agent-hours on the phones for \(format(totals.contacts, digits: 1)) contacts.",
    ].joined(separator: "\n") + "\n"
  }

  public static func profileJSON(_ question: ErlangQuestion, rows: [ProfileRow], intervalLength: Double) -> JSONValue {
    let totals = profileTotals(rows, intervalLength: intervalLength)
    var members: [(String, JSONValue)] = [("model", .string(modelKey(question.model)))]
    if case .erlangA(let patience) = question.model { members.append(("patience_s", .number(patience))) }
    members += [
      ("interval_s", .number(intervalLength)),
      ("targets", targetsJSON(question.targets)),
      ("peak_agents", .integer(totals.peak)),
      ("agent_hours", .number(totals.agentHours)),
      ("total_contacts", .number(totals.contacts)),
      ("intervals", .array(rows.map { row in
        .object([("start", .string(row.start)), ("contacts", .number(row.contacts)),
                 ("rate_per_hour", .number(row.performance.workload.arrivalsPerHour)),
                 ("aht_s", .number(row.performance.workload.meanHandleTime)),
                 ("offered_load_erlangs", .number(row.performance.workload.traffic))]
                + metrics(row.performance, question))
      })),
    ]
    return .object(members)
  }

  static func profileTotals(_ rows: [ProfileRow], intervalLength: Double) -> (peak: Int, agentHours: Double, contacts: Double) {
    (rows.map(\.performance.agents).max() ?? 0,
     rows.reduce(0) { $0 + Double($1.performance.agents) } * intervalLength / 3600,
     rows.reduce(0) { $0 + $1.contacts })
  }

  // MARK: Pieces

  struct Column {
    var title: String
    var cell: (QueuePerformance) -> String
  }

  static func columns(_ question: ErlangQuestion) -> [Column] {
    let agents = Column(title: "agents") { String($0.agents) }
    let occupancy = Column(title: "occupancy") { percent($0.occupancy) }
    let t = TimeText.duration(question.serviceLevelThreshold, style: .compact)
    let definition = question.definition
    let level = Column(title: definition == .offered ? "SL \(t)" : "SL \(t) (\(definition.rawValue))") {
      $0.isStable ? percent($0.serviceLevel(definition)) : "unstable"
    }
    let waiting = Column(title: "P(wait)") { percent($0.waitProbability) }
    switch question.model {
    case .erlangB:
      return [agents, Column(title: "blocked") { percent($0.blocking) }, occupancy,
              Column(title: "carried erl") { format($0.workload.traffic * (1 - $0.blocking), digits: 2) }]
    case .erlangC:
      return [agents, level, Column(title: "ASA") { wait($0.averageSpeedOfAnswer) }, waiting, occupancy]
    case .erlangA:
      return [agents, level, Column(title: "ASA answered") { wait($0.averageSpeedOfAnswer) },
              Column(title: "abandoned") { percent($0.abandonment) }, waiting, occupancy]
    }
  }

  static func header(_ question: ErlangQuestion, _ workload: Workload) -> [(String, JSONValue)] {
    var members: [(String, JSONValue)] = [
      ("model", .string(modelKey(question.model))),
      ("rate_per_hour", .number(workload.arrivalsPerHour)),
      ("aht_s", .number(workload.meanHandleTime)),
    ]
    if case .erlangA(let patience) = question.model { members.append(("patience_s", .number(patience))) }
    members.append(("offered_load_erlangs", .number(workload.traffic)))
    return members
  }

  static func metrics(_ p: QueuePerformance, _ question: ErlangQuestion) -> [(String, JSONValue)] {
    var members: [(String, JSONValue)] = [("agents", .integer(p.agents))]
    if case .erlangC = question.model { members.append(("stable", .bool(p.isStable))) }
    members += [
      ("p_wait", .number(p.waitProbability)),
      ("service_level", .number(p.serviceLevel)),
      ("service_level_answered", .number(p.serviceLevelOfAnswered)),
    ]
    if case .erlangA = question.model {
      members.append(("service_level_excl_short_abandons", .number(p.serviceLevelExcludingShortAbandons)))
    }
    members += [
      ("sl_threshold_s", .number(p.serviceLevelThreshold)),
      ("asa_s", .number(p.averageSpeedOfAnswer)),
      ("occupancy", .number(p.occupancy)),
    ]
    switch question.model {
    case .erlangA: members.append(("p_abandon", .number(p.abandonment)))
    case .erlangB: members.append(("p_block", .number(p.blocking)))
    case .erlangC: break
    }
    return members
  }

  static func targetsJSON(_ targets: StaffingTargets) -> JSONValue {
    var members: [(String, JSONValue)] = []
    if let level = targets.serviceLevel {
      members.append(("service_level", .object([
        ("fraction", .number(level.fraction)), ("threshold_s", .number(level.threshold)),
        ("definition", .string(level.definition.rawValue)),
      ])))
    }
    if let value = targets.maxAverageSpeedOfAnswer { members.append(("max_asa_s", .number(value))) }
    if let value = targets.maxWaitProbability { members.append(("max_p_wait", .number(value))) }
    if let value = targets.maxAbandonment { members.append(("max_abandon", .number(value))) }
    if let value = targets.maxOccupancy { members.append(("max_occupancy", .number(value))) }
    if let value = targets.maxBlocking { members.append(("max_block", .number(value))) }
    return .object(members)
  }

  static func targetsText(_ targets: StaffingTargets) -> String {
    var parts: [String] = []
    if let level = targets.serviceLevel {
      let suffix = level.definition == .offered ? "" : " (\(level.definition.rawValue))"
      parts.append("\(percent(level.fraction)) within \(TimeText.duration(level.threshold, style: .compact))\(suffix)")
    }
    if let value = targets.maxAverageSpeedOfAnswer { parts.append("ASA ≤ \(TimeText.duration(value, style: .compact))") }
    if let value = targets.maxWaitProbability { parts.append("P(wait) ≤ \(percent(value))") }
    if let value = targets.maxAbandonment { parts.append("abandoned ≤ \(percent(value))") }
    if let value = targets.maxOccupancy { parts.append("occupancy ≤ \(percent(value))") }
    if let value = targets.maxBlocking { parts.append("blocked ≤ \(percent(value))") }
    return parts.isEmpty ? "none" : parts.joined(separator: ", ")
  }

  static func heading(_ question: ErlangQuestion, _ workload: Workload) -> String {
    var text = "\(modelTitle(question.model)): \(format(workload.arrivalsPerHour, digits: 2)) contacts/h, AHT \(TimeText.duration(workload.meanHandleTime, style: .compact))"
    if case .erlangA(let patience) = question.model { text += ", mean patience \(TimeText.duration(patience, style: .compact))" }
    text += " → \(format(workload.traffic, digits: 2)) erlangs offered"
    switch question.model {
    case .erlangA: text += "\nService level: answered within the threshold ÷ " + (
      question.definition == .offered ? "all offered calls (abandoned calls count as failures)"
        : question.definition == .answered ? "answered calls"
        : "offered calls less those abandoned within the threshold")
    case .erlangC, .erlangB: break
    }
    return text
  }

  static func modelTitle(_ model: QueueModel) -> String {
    switch model {
    case .erlangB: "Erlang B (M/M/n/n, blocked calls lost)"
    case .erlangC: "Erlang C (M/M/n, no abandonment)"
    case .erlangA: "Erlang A (M/M/n+M, callers abandon)"
    }
  }

  static func modelKey(_ model: QueueModel) -> String {
    switch model {
    case .erlangB: "erlang_b"
    case .erlangC: "erlang_c"
    case .erlangA: "erlang_a"
    }
  }

  static func percent(_ fraction: Double) -> String { String(format: "%.1f%%", fraction * 100) }

  /// A wait, always with one decimal so the column lines up.
  static func wait(_ value: Double) -> String { value.isFinite ? String(format: "%.1fs", value) : "∞" }

  static func format(_ value: Double, digits: Int) -> String {
    let text = String(format: "%.\(digits)f", value)
    return text.contains(".") ? String(text.reversed().drop(while: { $0 == "0" }).drop(while: { $0 == "." }).reversed()) : text
  }
}
