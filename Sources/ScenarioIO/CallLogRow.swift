import Estimators

/// One data row of a Technion call log, split at its commas, read into an ``ObservedCall`` with
/// every inconsistency reported at its column (see ``CallLogReader`` for what a row means).
struct CallLogRow {
  let text: Substring
  let number: Int
  let file: String
  let columns: [String: Int]
  let fields: [Substring]
  let count: Int

  init(text: Substring, number: Int, file: String, columns: [String: Int], count: Int) {
    self.text = text
    self.number = number
    self.file = file
    self.columns = columns
    self.count = count
    // Split on the UTF-8 bytes: a comma is one byte, and splitting Characters costs several times more.
    fields = text.utf8.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).map { Substring($0) }
  }

  /// The 1-based character column where field `index` starts (worked out only for a problem).
  func start(of index: Int) -> Int { fields[..<index].reduce(1) { $0 + $1.count + 1 } }

  /// The call, or `nil` for a `PHANTOM` row.
  func call() throws(ScenarioError) -> ObservedCall? {
    guard fields.count == count else {
      throw ScenarioError(file: file, line: number, column: 1, path: "row",
                          expected: "\(count) fields, as the header has", found: "\(fields.count)")
    }
    let outcome = field("outcome")
    guard ["AGENT", "HANG", "PHANTOM"].contains(outcome) else {
      throw problem("outcome", expected: "AGENT, HANG or PHANTOM", found: outcome)
    }
    if outcome == "PHANTOM" { return nil }
    guard let day = CalendarDay(iso: field("date")) else {
      throw problem("date", expected: "a date YYYY-MM-DD (or yymmdd)", found: field("date"))
    }
    let type = field("type")
    guard CallLogReader.types.contains(type) else {
      throw problem("type", expected: "one of \(CallLogReader.types.sorted().joined(separator: ", "))", found: type)
    }
    let entry = try time("vru_entry")
    let vruExit = try time("vru_exit", notBefore: entry, named: "vru_entry", entry: entry)
    let queued = field("q_start") != "0:00:00"
    var wait = 0.0
    var queueEntry: Double?
    if queued {
      let start = try time("q_start", notBefore: vruExit, named: "vru_exit", entry: entry)
      let exit = try time("q_exit", notBefore: start, named: "q_start", entry: entry)
      wait = try duration("q_time", equalTo: exit - start, of: "q_exit − q_start")
      queueEntry = start
    }
    let ended: ObservedCall.Outcome
    var answered: Double?
    if outcome == "AGENT" {
      guard field("ser_start") != "0:00:00" else {
        throw problem("ser_start", expected: "the start of service of a call an agent served (outcome AGENT)", found: "0:00:00")
      }
      let start = try time("ser_start", entry: entry)
      let end = try time("ser_exit", notBefore: start, named: "ser_start", entry: entry)
      answered = start
      ended = .served(handle: try duration("ser_time", equalTo: end - start, of: "ser_exit − ser_start"))
    } else {
      ended = queued ? .abandoned : .selfService
    }
    let priority = try columns["priority"].map { _ throws(ScenarioError) in
      guard let value = Int(field("priority")), value >= 0 else {
        throw problem("priority", expected: "a whole number ≥ 0", found: field("priority"))
      }
      return value
    }
    let customer = columns["customer_id"].flatMap { _ in field("customer_id") == "0" ? nil : String(field("customer_id")) }
    let server = columns["server"].flatMap { _ in field("server") }
    let agent = outcome == "AGENT" ? server.flatMap { $0 == "NO_SERVER" || $0.isEmpty ? nil : String($0) } : nil
    return ObservedCall(day: day, type: String(type), priority: priority, customer: customer, agent: agent,
                        arrival: entry, queueEntry: queueEntry, wait: wait, outcome: ended, answered: answered)
  }

  func field(_ name: String) -> Substring { fields[columns[name]!] }

  func problem(_ name: String, expected: String, found: Substring) -> ScenarioError {
    ScenarioError(file: file, line: number, column: start(of: columns[name]!), path: name, expected: expected,
                  found: found.isEmpty ? "nothing" : String(found))
  }

  /// `H:MM:SS` in seconds after the day's midnight; past midnight when it is more than half a day
  /// before the call's `entry`, and not before `earlier` (the time of column `named`).
  func time(_ name: String, notBefore earlier: Double? = nil, named: String = "", entry: Double? = nil)
    throws(ScenarioError) -> Double {
    let text = field(name)
    guard let clock = ClockTime.seconds(text) else {
      throw problem(name, expected: "a time H:MM:SS", found: text)
    }
    let seconds = ClockTime.ofCall(clock, arrival: entry)
    if let earlier, seconds < earlier {
      throw problem(name, expected: "a time not before \(named) (\(fields[columns[named]!])): times run backwards", found: text)
    }
    return seconds
  }

  /// A whole number of seconds that must equal `expected` (the difference of two times it repeats).
  func duration(_ name: String, equalTo expected: Double, of difference: String) throws(ScenarioError) -> Double {
    guard let value = Int(field(name)), Double(value) == expected else {
      throw problem(name, expected: "\(difference), \(Int(expected)) s", found: field(name))
    }
    return Double(value)
  }
}
