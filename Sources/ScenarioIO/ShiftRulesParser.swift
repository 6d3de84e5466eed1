import ContactCenterModel
import Yams

/// A group's `shiftRules:`, the shifts it may work when its shifts are planned from a requirement
/// (documented in `Docs/scenario-format.md`, "Shift rules"):
///
///     shiftRules:
///       starts: 07:00-13:00 every 30m
///       lengths: [8h, 6h, 4h]
///       breaks:
///         - {length: 15m, startsWithin: 1h30m-3h}
///         - {length: 30m, paid: false, startsWithin: 3h30m-5h, minShiftLength: 6h}
extension ScenarioParser {
  static let shiftRuleKeys = ["starts", "lengths", "breaks", "maxPerStart", "maxAgents"]
  static let breakRuleKeys = ["length", "paid", "startsWithin", "step", "minShiftLength"]

  /// `shiftRules:` of a group; `nil` when any part is malformed (every problem is recorded).
  ///
  /// - Parameter day: The opening hours and interval length of a day study; `nil` in a steady-state
  ///   study, which takes no shifts.
  static func shiftRules(_ node: Node, _ path: String, day: (opening: (start: Double, end: Double), length: Double)?,
                         reader: inout YAMLReader) -> ShiftRules? {
    guard let day else {
      reader.fail(at: node, path, expected: "shift rules only in a day study (shifts need a day study)")
      return nil
    }
    guard let fields = reader.mapping(node, path, allowed: shiftRuleKeys) else { return nil }
    let opening = day.opening
    let starts = reader.required(fields, "starts", expected: "the allowed start times, such as 07:00-13:00 every 30m")
      .flatMap { startTimes($0, fields.path("starts"), opening: opening, step: day.length, reader: &reader) }
    var lengths = reader.required(fields, "lengths", expected: "the allowed shift lengths, such as [8h, 6h, 4h]")
      .flatMap { shiftLengths($0, fields.path("lengths"), reader: &reader) }
    if let starts, let earliest = starts.first, let list = lengths {
      // A length that cannot end by closing time from any start is a mistake; a start and length
      // that would run past closing from a later start simply make no shift.
      var fitting = 0
      for (length, lengthNode, lengthPath) in list {
        if earliest + length > opening.end - opening.start + 1e-6 {
          reader.fail(at: lengthNode, lengthPath,
                      expected: "a length that ends by closing time (\(TimeText.clock(opening.end))) from the earliest start "
                        + "(\(TimeText.clock(opening.start + earliest)))",
                      found: "\(TimeText.duration(length, style: .compound)) (ending at \(TimeText.clock(opening.start + earliest + length)))")
        } else {
          fitting += 1
        }
      }
      lengths = fitting == list.count ? list : nil
    }
    var breaks: [BreakRule]? = []
    if let list = fields["breaks"], let lengths {
      breaks = breakRules(list, fields.path("breaks"), lengths: lengths.map(\.length), step: day.length, reader: &reader)
    }
    func limit(_ key: String, _ what: String) -> Int?? {
      guard let node = fields[key] else { return .some(nil) }
      return reader.integer(node, fields.path(key), expected: "\(what): a whole number from 1 to 100000", in: 1...100_000)
        .map { .some($0) }
    }
    let perStart = limit("maxPerStart", "the most agents on the shifts that start at one time")
    let total = limit("maxAgents", "the most agents in the plan (the headcount available)")
    guard let starts, let lengths, let breaks, let perStart, let total else { return nil }
    let rules = ShiftRules(starts: starts, lengths: lengths.map(\.length), breaks: breaks, maximumPerStart: perStart,
                           maximumAgents: total)
    let count = rules.patternCount(openingSpan: opening.end - opening.start)
    if count > ShiftRules.patternLimit {
      reader.fail(at: node, path,
                  expected: "rules that allow at most \(ShiftRules.patternLimit) shifts (starts × lengths × break placements; "
                    + "use fewer starts or a coarser break step)",
                  found: count == Int.max ? "too many to count" : "\(count)")
      return nil
    }
    return rules
  }

  /// `starts:`: `07:00-13:00 every 30m` (both ends included; without `every`, one start per
  /// interval), one `HH:MM`, or a list of them; seconds after the opening, within the opening hours.
  static func startTimes(_ node: Node, _ path: String, opening: (start: Double, end: Double), step: Double,
                         reader: inout YAMLReader) -> [Double]? {
    let hours = "\(TimeText.clock(opening.start))-\(TimeText.clock(opening.end))"
    let expected = "start times within the opening hours (\(hours)): a range such as 07:00-13:00 every 30m, or a list such as [\"07:00\", \"09:30\"]"
    func inside(_ clock: Double) -> Bool { clock >= opening.start && clock < opening.end }
    if case .sequence(let items) = node {
      if items.isEmpty {
        reader.fail(at: node, path, expected: "at least one start time", found: "an empty list")
        return nil
      }
      var starts: [Double] = []
      var failed = false
      for (index, item) in items.prefix(10_000).enumerated() {
        let itemPath = "\(path)[\(index)]"
        guard let text = item.string, let clock = clockTime(Substring(text.trimmingWhitespace())), inside(clock) else {
          reader.fail(at: item, itemPath, expected: "a start time HH:MM within the opening hours (\(hours))")
          failed = true
          continue
        }
        if starts.contains(clock - opening.start) {
          reader.fail(at: item, itemPath, expected: "each start time once", found: "\(text) again")
          failed = true
          continue
        }
        starts.append(clock - opening.start)
      }
      return failed ? nil : starts.sorted()
    }
    guard let text = node.string else {
      reader.fail(at: node, path, expected: expected)
      return nil
    }
    let words = text.split(separator: " ", omittingEmptySubsequences: true)
    if words.count == 1, let clock = clockTime(words[0]) {
      guard inside(clock) else {
        reader.fail(at: node, path, expected: "a start time HH:MM within the opening hours (\(hours))")
        return nil
      }
      return [clock - opening.start]
    }
    let ends = words.first?.split(separator: "-", omittingEmptySubsequences: false) ?? []
    var every: Double? = step
    if words.count == 3, words[1] == "every" { every = compoundSeconds(String(words[2])) } else if words.count != 1 { every = nil }
    guard ends.count == 2, let first = clockTime(ends[0]), let last = clockTime(ends[1]), let every else {
      reader.fail(at: node, path, expected: expected)
      return nil
    }
    guard inside(first) && inside(last) else {
      let outside = inside(first) ? "\(TimeText.clock(last)) is not before closing time" : "\(TimeText.clock(first)) is before the opening"
      reader.fail(at: node, path, expected: "start times within the opening hours (\(hours))", found: "\(text) (\(outside))")
      return nil
    }
    guard last >= first else {
      reader.fail(at: node, path, expected: "a range whose last start is not before its first (\(TimeText.clock(first)))")
      return nil
    }
    guard every >= 60 else {
      reader.fail(at: node, path, expected: "a step between starts of at least 1m, such as every 30m", found: "every \(words[2])")
      return nil
    }
    let count = Int(((last - first) / every + 1e-9).rounded(.down)) + 1
    return (0..<count).map { first - opening.start + Double($0) * every }
  }

  /// `lengths:`: a list of durations (`[8h, 7h30m]`), one duration, or a range `4h-8h every 30m`;
  /// each with the node it was written at, in the order written.
  static func shiftLengths(_ node: Node, _ path: String, reader: inout YAMLReader) -> [(length: Double, node: Node, path: String)]? {
    let expected = "a shift length > 0 and at most 24h with a unit, such as 8h or 7h30m"
    func length(_ item: Node, _ itemPath: String) -> Double? {
      guard let text = item.string, let value = compoundSeconds(text), value > 0, value <= 86_400 else {
        reader.fail(at: item, itemPath, expected: expected)
        return nil
      }
      return value
    }
    if case .sequence(let items) = node {
      if items.isEmpty {
        reader.fail(at: node, path, expected: "at least one shift length", found: "an empty list")
        return nil
      }
      var lengths: [(length: Double, node: Node, path: String)] = []
      var failed = false
      for (index, item) in items.prefix(1_000).enumerated() {
        guard let value = length(item, "\(path)[\(index)]") else { failed = true; continue }
        if lengths.contains(where: { $0.length == value }) {
          reader.fail(at: item, "\(path)[\(index)]", expected: "each shift length once", found: "\(item.string ?? "") again")
          failed = true
          continue
        }
        lengths.append((value, item, "\(path)[\(index)]"))
      }
      return failed ? nil : lengths
    }
    guard let text = node.string else {
      reader.fail(at: node, path, expected: "shift lengths such as [8h, 6h, 4h], or a range such as 4h-8h every 30m")
      return nil
    }
    let words = text.split(separator: " ", omittingEmptySubsequences: true)
    if words.count == 1, !text.contains("-") { return length(node, path).map { [($0, node, path)] } }
    let ends = words.first?.split(separator: "-", omittingEmptySubsequences: false) ?? []
    guard words.count == 3, words[1] == "every", ends.count == 2, let shortest = compoundSeconds(String(ends[0])),
      let longest = compoundSeconds(String(ends[1])), let every = compoundSeconds(String(words[2])),
      shortest > 0, longest >= shortest, longest <= 86_400, every >= 60
    else {
      reader.fail(at: node, path, expected: "shift lengths such as [8h, 6h, 4h], or a range such as 4h-8h every 30m "
                    + "(lengths > 0 and at most 24h, a step of at least 1m)")
      return nil
    }
    let count = Int(((longest - shortest) / every + 1e-9).rounded(.down)) + 1
    return (0..<count).map { (shortest + Double($0) * every, node, path) }
  }

  /// `breaks:` of shift rules: each `{length, paid, startsWithin, step, minShiftLength}`, inside
  /// every shift it applies to, after the previous break can end.
  static func breakRules(_ node: Node, _ path: String, lengths: [Double], step: Double, reader: inout YAMLReader) -> [BreakRule]? {
    guard let items = reader.sequence(node, path, expected: "a list of breaks such as [{length: 15m, startsWithin: 1h30m-3h}]")
    else { return nil }
    var rules: [BreakRule] = []
    var failed = false
    let longest = lengths.max() ?? 0
    for (index, item) in items.prefix(20).enumerated() {
      let itemPath = "\(path)[\(index)]"
      guard let fields = reader.mapping(item, itemPath, allowed: breakRuleKeys) else { failed = true; continue }
      var length = reader.required(fields, "length", expected: "the break's length, such as 15m")
        .flatMap { reader.duration($0, fields.path("length"), expected: "a break length > 0 with a unit, such as 15m",
                                   where: { $0 > 0 }) }
      var paid: Bool? = true
      if let paidNode = fields["paid"] { paid = reader.choice(paidNode, fields.path("paid"), ["true", "false"]).map { $0 == "true" } }
      let windowExpected = "a window of start times into the shift, earliest-latest, such as 1h30m-3h"
      var window: (earliest: Double, latest: Double)?
      if let windowNode = reader.required(fields, "startsWithin", expected: windowExpected) {
        let ends = windowNode.string?.split(separator: "-", omittingEmptySubsequences: false) ?? []
        if ends.count == 2, let earliest = compoundSeconds(String(ends[0])), let latest = compoundSeconds(String(ends[1])),
          latest >= earliest {
          window = (earliest, latest)
        } else {
          reader.fail(at: windowNode, fields.path("startsWithin"), expected: windowExpected)
        }
      }
      let breakStep = fields["step"].map {
        reader.duration($0, fields.path("step"), expected: "a placement step of at least 1m, such as 15m",
                        where: { $0 >= 60 })
      } ?? step
      var minimum = fields["minShiftLength"].map {
        reader.duration($0, fields.path("minShiftLength"), expected: "a shift length with a unit, such as 6h")
      } ?? 0
      if let value = minimum, value > longest + 1e-6, let minimumNode = fields["minShiftLength"] {
        reader.fail(at: minimumNode, fields.path("minShiftLength"),
                    expected: "a minimum no longer than the longest allowed shift (\(TimeText.duration(longest, style: .compound)))",
                    found: TimeText.duration(value, style: .compound))
        minimum = nil
      }
      // The shortest shift the break applies to bounds its length and its window.
      if let breakLength = length, let minimum, let shortest = lengths.filter({ $0 + 1e-6 >= minimum }).min() {
        if breakLength >= shortest, let lengthNode = fields["length"] {
          reader.fail(at: lengthNode, fields.path("length"),
                      expected: "a break shorter than the shortest shift it applies to (\(TimeText.duration(shortest, style: .compound)))",
                      found: TimeText.duration(breakLength, style: .compound))
          length = nil
        } else if let range = window, range.latest + breakLength > shortest + 1e-6, let windowNode = fields["startsWithin"] {
          reader.fail(at: windowNode, fields.path("startsWithin"),
                      expected: "a window inside every shift the break applies to (the shortest is \(TimeText.duration(shortest, style: .compound)), "
                        + "so a \(TimeText.duration(breakLength, style: .compound)) break starts by \(TimeText.duration(shortest - breakLength, style: .compound)))",
                      found: "\(TimeText.duration(range.earliest, style: .compound))-\(TimeText.duration(range.latest, style: .compound))")
          window = nil
        }
      }
      guard let length, let paid, let window, let breakStep, let minimum else { failed = true; continue }
      // Breaks are taken in the order listed: each window starts after the previous break can end.
      // (Every break applies to the longest shift, so any two share one.)
      if let previous = rules.last,
        window.earliest < previous.latestStart + previous.length - 1e-6, let windowNode = fields["startsWithin"] {
        reader.fail(at: windowNode, fields.path("startsWithin"),
                    expected: "a window that starts after the previous break can end (\(TimeText.duration(previous.latestStart + previous.length, style: .compound)) into the shift)",
                    found: "\(TimeText.duration(window.earliest, style: .compound))-\(TimeText.duration(window.latest, style: .compound))")
        failed = true
        continue
      }
      rules.append(BreakRule(length: length, paid: paid, earliestStart: window.earliest, latestStart: window.latest,
                             step: breakStep, minimumShiftLength: minimum))
    }
    return failed ? nil : rules
  }

  /// Seconds in a duration written with one or more units in order, such as `1h30m`, `90m`, `1.5h`
  /// or `45s`; `nil` for anything else (a duration needs a unit).
  static func compoundSeconds(_ text: String) -> Double? {
    var total = 0.0
    var number = ""
    var units: [Character] = []
    for character in text.trimmingWhitespace() {
      if character.isASCII && (character.isNumber || character == ".") {
        number.append(character)
        continue
      }
      guard let factor = ["h": 3600.0, "m": 60, "s": 1][character], let value = Quantity.number(Substring(number)),
        value >= 0, units.last.map({ "hms".firstIndex(of: $0)! < "hms".firstIndex(of: character)! }) ?? true
      else { return nil }
      total += value * factor
      units.append(character)
      number = ""
    }
    return number.isEmpty && !units.isEmpty && total.isFinite ? total : nil
  }

}
