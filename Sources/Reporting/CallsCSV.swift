import ContactCenterModel
import Estimators

/// The contacts of a run as a call log in the generic format (`ccsim run --calls`), one row per
/// contact, which ``ScenarioIO/GenericCallLogReader`` reads back through the mapping
/// `Scenarios/history/ccsim-calls-columns.yaml` (`Docs/history.md`, "The centre's own calls").
///
/// Replication r (1-based) is the calendar day 2000-01-01 + (r − 1) days, so that a run reads as
/// r days of one centre's log. Times are `YYYY-MM-DD HH:MM:SS.sss` of the centre's clock (the
/// scenario's `clockStart` at the end of any warm-up), to the millisecond; `wait_s` and `handle_s`
/// are the engine's seconds in full (shortest round-trip form), so their means are the summary's.
///
///     var text = CallsCSV.header
///     text += CallsCSV(scenario: s).rows(records)   // one replication's contacts
public struct CallsCSV: Sendable {
  /// The header line, with its newline.
  public static let header = "replication,day,call_id,type,priority,group,arrived,queued,answered,hung_up,ended,"
    + "wait_s,handle_s,agent,caller,outcome,resolution\n"

  /// The first replication's day, 2000-01-01, in days since 1970-01-01.
  static let firstDay = 10_957

  let typeIDs: [String]
  let priorities: [Int]
  let groupIDs: [String]
  /// Added to a simulation time to make it seconds after the midnight of the replication's day.
  let clockOffset: Double

  public init(scenario: Scenario) {
    typeIDs = scenario.contactTypes.map(\.id)
    priorities = scenario.contactTypes.map(\.priority)
    groupIDs = scenario.agentGroups.map(\.id)
    clockOffset = scenario.clockStart - scenario.measurementStart
  }

  /// The rows of `records` (one replication's contacts, any number of them), each ending in a
  /// newline.
  public func rows(_ records: [ContactRecord]) -> String {
    var out = ""
    for record in records { out += row(record) }
    return out
  }

  /// One contact's row. `agent` is the serving group's id: the engine's agents of a group are
  /// interchangeable, so it knows the group, not the agent.
  func row(_ record: ContactRecord) -> String {
    let replication = record.replication + 1
    let day = CalendarDay(daysSinceEpoch: Self.firstDay + record.replication)
    let group = record.group.map { RunReport.csvField(groupIDs[$0]) } ?? ""
    func clock(_ seconds: Double?) -> String { seconds.map { time($0, replication: record.replication) } ?? "" }
    func seconds(_ value: Double?) -> String { value.map(RunReport.number) ?? "" }
    var fields: [String] = ["\(replication)", day.description, "\(record.id)", RunReport.csvField(typeIDs[record.type])]
    fields += ["\(priorities[record.type])", group, clock(record.arrival), clock(record.queueEntry)]
    fields += [clock(record.answer), clock(record.hangUp), clock(record.end), seconds(record.wait), seconds(record.handle)]
    fields += [group, "\(replication)-\(record.customer)", record.outcome.rawValue, record.resolution?.rawValue ?? ""]
    return fields.joined(separator: ",") + "\n"
  }

  /// `YYYY-MM-DD HH:MM:SS.sss`: the simulation time `seconds` of replication `replication`
  /// (0-based) on the centre's clock, rounded to the millisecond (a time past midnight is of the
  /// next date, one before the day's midnight, such as old opening backlog, of the date before).
  func time(_ seconds: Double, replication: Int) -> String {
    let milliseconds = Int(((seconds + clockOffset) * 1000).rounded())
    let (days, ofDay) = milliseconds.quotientAndRemainder(dividingBy: 86_400_000)
    let (dayShift, inDay) = ofDay < 0 ? (days - 1, ofDay + 86_400_000) : (days, ofDay)
    let date = CalendarDay(daysSinceEpoch: Self.firstDay + replication + dayShift)
    func digits(_ value: Int, _ width: Int) -> String {
      let text = String(value)
      return String(repeating: "0", count: max(0, width - text.count)) + text
    }
    let (hours, minutes) = (inDay / 3_600_000, inDay / 60_000 % 60)
    let (wholeSeconds, fraction) = (inDay / 1000 % 60, inDay % 1000)
    return "\(date) \(digits(hours, 2)):\(digits(minutes, 2)):\(digits(wholeSeconds, 2)).\(digits(fraction, 3))"
  }
}
