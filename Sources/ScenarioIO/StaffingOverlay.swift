import ContactCenterModel

/// A staffing written as a plan overlay (``PlanFile``): per group its agents per interval or its
/// shifts, per contact type with agents of its own those agents. It is the `plan.yaml` that
/// `ccsim staff` writes and that `ccsim compare`, or ``PlanFile/parse(_:file:over:)``, reads back
/// over the same scenario, giving that scenario with this staffing.
///
///     let overlay = StaffingOverlay(
///       name: "staffed", comments: ["two more agents at noon"], clockStart: scenario.clockStart,
///       groups: [.init(id: "hotline", staffing: .agents([10, 12, 12, 10], clearingShifts: false))])
///     let plan = try PlanFile.parse(overlay.yaml(), file: "plan.yaml", over: base)
///
/// ```yaml
/// # two more agents at noon
/// plan: staffed
/// groups:
///   - id: hotline
///     agents: [10, 12, 12, 10]
/// ```
public struct StaffingOverlay: Hashable, Sendable {
  /// How one group is staffed.
  public enum Staffing: Hashable, Sendable {
    /// Agents per interval (`agents: [...]`); with `clearingShifts`, also `shifts: ~`, so that the
    /// base's shifts give way to the headcount.
    case agents([Int], clearingShifts: Bool)
    /// Shifts (`agents: ~`, `shifts: [...]`), their starts in seconds from the first interval's start.
    case shifts([Shift])
    /// Nobody (`agents: 0`, `shifts: ~`): shift rules whose plan needs no agent.
    case nobody
  }

  /// A group (by id) and its staffing.
  public struct Group: Hashable, Sendable {
    public var id: String
    public var staffing: Staffing
    public init(id: String, staffing: Staffing) {
      self.id = id
      self.staffing = staffing
    }
  }

  /// A contact type with agents of its own (by id) and its agents per interval.
  public struct ContactType: Hashable, Sendable {
    public var id: String
    public var agents: [Int]
    public init(id: String, agents: [Int]) {
      self.id = id
      self.agents = agents
    }
  }

  /// The plan's label (`plan:`), as ``PlanFile/name`` reads it back.
  public var name: String
  /// Comment lines written first, each after `# `.
  public var comments: [String]
  /// The scenario's opening time, seconds after midnight: shift starts are written as clock times.
  public var clockStart: Double
  public var groups: [Group]
  public var contactTypes: [ContactType]

  public init(name: String, comments: [String] = [], clockStart: Double, groups: [Group] = [], contactTypes: [ContactType] = []) {
    self.name = name
    self.comments = comments
    self.clockStart = clockStart
    self.groups = groups
    self.contactTypes = contactTypes
  }

  /// The overlay as YAML: the comments, `plan:`, then `groups:` and `contactTypes:` when there are any.
  public func yaml() -> String {
    var lines = comments.map { "# \($0)" } + ["plan: \(Self.yamlString(name))"]
    if !groups.isEmpty {
      lines.append("groups:")
      for group in groups {
        lines.append("  - id: \(Self.yamlString(group.id))")
        switch group.staffing {
        case .shifts(let shifts):
          lines.append("    agents: ~")
          lines.append("    shifts:")
          for shift in shifts {
            let breaks = shift.breaks.map { pause in
              "{after: \(TimeText.duration(pause.offset, style: .scenario)), length: \(TimeText.duration(pause.length, style: .scenario))\(pause.paid ? "" : ", paid: false")}"
            }
            lines.append("      - {start: \"\(TimeText.clock(clockStart + shift.start))\", length: \(TimeText.duration(shift.length, style: .scenario)), "
              + "count: \(shift.count)\(breaks.isEmpty ? "" : ", breaks: [\(breaks.joined(separator: ", "))]")}")
          }
        case .nobody:
          lines.append("    agents: 0      # the shift plan needs nobody")
          lines.append("    shifts: ~")
        case .agents(let agents, let clearingShifts):
          lines.append("    agents: [\(agents.map(String.init).joined(separator: ", "))]")
          if clearingShifts { lines.append("    shifts: ~") }
        }
      }
    }
    if !contactTypes.isEmpty {
      lines.append("contactTypes:")
      for type in contactTypes {
        lines.append("  - id: \(Self.yamlString(type.id))")
        lines.append("    agents: [\(type.agents.map(String.init).joined(separator: ", "))]")
      }
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// An identifier, quoted when YAML would read it as something else (a number, a Boolean, null).
  static func yamlString(_ text: String) -> String {
    let plain = text.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" || $0 == "." }
      && !["~", "null", "true", "false", "yes", "no", "on", "off"].contains(text.lowercased())
      && Double(text) == nil
    return plain ? text : "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
  }
}
