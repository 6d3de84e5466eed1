import ContactCenterModel
import Yams

/// Shifts and breaks in the scenario format (documented in `Docs/scenario-format.md`, "Shifts").
extension ScenarioParser {
  static let shiftKeys = ["start", "length", "count", "breaks", "description"]
  static let breakKeys = ["after", "length", "paid"]

  /// A group's `shifts:` list: `[{start: "08:00", length: 8h, count: 12, breaks: [{after: 2h, length: 15m}]}]`,
  /// inside the opening hours; `nil` when any shift is malformed.
  static func shiftList(_ node: Node, _ path: String, opening: (start: Double, end: Double), reader: inout YAMLReader) -> [Shift]? {
    guard let items = reader.sequence(node, path, expected: "a list of shifts such as [{start: \"08:00\", length: 8h, count: 10}]")
    else { return nil }
    if items.isEmpty {
      reader.fail(at: node, path, expected: "at least one shift", found: "an empty list")
      return nil
    }
    let window = "\(TimeText.clock(opening.start))-\(TimeText.clock(opening.end))"
    var shifts: [Shift] = []
    var failed = false
    for (index, item) in items.prefix(10_000).enumerated() {
      let itemPath = "\(path)[\(index)]"
      guard let fields = reader.mapping(item, itemPath, allowed: shiftKeys) else { failed = true; continue }
      if let text = fields["description"] { _ = reader.string(text, fields.path("description")) }
      var start: Double?
      if let startNode = reader.required(fields, "start", expected: "a start time HH:MM within the opening hours (\(window))") {
        if let text = startNode.string, let clock = clockTime(Substring(text)), clock >= opening.start, clock < opening.end {
          start = clock - opening.start
        } else {
          reader.fail(at: startNode, fields.path("start"), expected: "a start time HH:MM within the opening hours (\(window))")
        }
      }
      var length = reader.required(fields, "length", expected: "the shift's length, such as 8h")
        .flatMap { reader.duration($0, fields.path("length"), expected: "a shift length > 0 with a unit, such as 8h or 450m",
                                   where: { $0 > 0 && $0 <= 86_400 }) }
      if let start, let shiftLength = length, let lengthNode = fields["length"], opening.start + start + shiftLength > opening.end {
        reader.fail(at: lengthNode, fields.path("length"), expected: "a shift that ends by closing time (\(TimeText.clock(opening.end)))",
                    found: "one ending at \(TimeText.clock(opening.start + start + shiftLength))")
        length = nil
      }
      let count = reader.required(fields, "count", expected: "the number of agents on the shift")
        .flatMap { reader.integer($0, fields.path("count"), expected: "a whole number of agents from 0 to 100000", in: 0...100_000) }
      var breaks: [ShiftBreak]? = []
      if let list = fields["breaks"], let shiftLength = length {
        breaks = breakList(list, fields.path("breaks"), shiftLength: shiftLength, reader: &reader)
      }
      guard let start, let length, let count, let breaks else { failed = true; continue }
      shifts.append(Shift(start: start, length: length, count: count, breaks: breaks))
    }
    return failed ? nil : shifts
  }

  /// A shift's `breaks:` list, each inside the shift and after the one before.
  static func breakList(_ node: Node, _ path: String, shiftLength: Double, reader: inout YAMLReader) -> [ShiftBreak]? {
    guard let items = reader.sequence(node, path, expected: "a list of breaks such as [{after: 2h, length: 15m}]") else { return nil }
    let shift = TimeText.duration(shiftLength, style: .short)
    var breaks: [ShiftBreak] = []
    var failed = false
    for (index, item) in items.prefix(100).enumerated() {
      let itemPath = "\(path)[\(index)]"
      guard let fields = reader.mapping(item, itemPath, allowed: breakKeys) else { failed = true; continue }
      let offset = reader.required(fields, "after", expected: "when the break starts, counted from the shift's start, such as 2h")
        .flatMap { reader.duration($0, fields.path("after"), expected: "a time into the shift such as 2h", where: { $0 >= 0 }) }
      var length = reader.required(fields, "length", expected: "the break's length, such as 15m")
        .flatMap { reader.duration($0, fields.path("length"), expected: "a break length > 0 with a unit, such as 15m", where: { $0 > 0 }) }
      var paid: Bool? = true
      if let paidNode = fields["paid"] {
        paid = reader.choice(paidNode, fields.path("paid"), ["true", "false"]).map { $0 == "true" }
      }
      if let breakLength = length, let lengthNode = fields["length"] {
        if breakLength >= shiftLength {
          reader.fail(at: lengthNode, fields.path("length"), expected: "a break shorter than its shift (\(shift))",
                      found: TimeText.duration(breakLength, style: .short))
          length = nil
        } else if let offset, offset + breakLength > shiftLength {
          reader.fail(at: lengthNode, fields.path("length"), expected: "a break that ends within its shift (\(shift))",
                      found: "one ending \(TimeText.duration(offset + breakLength, style: .short)) into it")
          length = nil
        }
      }
      if let offset, let previous = breaks.last, offset < previous.offset + previous.length, let afterNode = fields["after"] {
        reader.fail(at: afterNode, fields.path("after"),
                    expected: "a break after the previous one ends (\(TimeText.duration(previous.offset + previous.length, style: .short)) into the shift)",
                    found: TimeText.duration(offset, style: .short))
        failed = true
        continue
      }
      guard let offset, let length, let paid else { failed = true; continue }
      breaks.append(ShiftBreak(offset: offset, length: length, paid: paid))
    }
    return failed ? nil : breaks
  }
}
