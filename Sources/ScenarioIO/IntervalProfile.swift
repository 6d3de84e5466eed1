import ContactCenterModel
import Foundation

/// A day's contact volume per planning interval, read from a CSV file.
///
/// The file has a header line naming its columns, then one row per interval:
///
///     # hotline, Monday forecast
///     start,contacts,aht
///     08:00,52,190s
///     08:15,61,
///     08:30,75,3.2m
///
/// - `start`: the interval's start as `HH:MM` or `HH:MM:SS`; rows in order, evenly spaced.
/// - `contacts`: contacts offered in the interval, a number ≥ 0 (a forecast may be fractional).
/// - `aht` (optional column, optional per row): the interval's mean handle time with a unit;
///   empty means the default mean handle time.
/// Blank lines and lines starting with `#` are ignored.
public struct IntervalProfile: Hashable, Sendable {
  public struct Interval: Hashable, Sendable {
    /// Seconds from midnight.
    public var start: Double
    public var contacts: Double
    /// Mean handle time in seconds, if the row gives one.
    public var meanHandleTime: Double?
    /// The 1-based line of the file the row is on, for error messages.
    public var line: Int
  }

  public var intervals: [Interval]
  /// Length of every interval, seconds.
  public var intervalLength: Double

  /// Parses `text` read from `file` (the name used in error messages).
  /// - Parameter intervalLength: The interval length if given by the user; otherwise it is the
  ///   spacing of the starts (a one-row profile then needs it).
  /// - Throws: ``InputError`` at `file:line:column` for the first problem found.
  public init(csv text: String, file: String, intervalLength: Double? = nil) throws(InputError) {
    var intervals: [Interval] = []
    var columns: [String]?
    for (offset, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
      let lineNumber = offset + 1
      let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
      let content = String(line).trimmingWhitespace()
      if content.isEmpty || content.hasPrefix("#") { continue }
      // Fields with the 1-based column where each starts.
      var fields: [(text: String, column: Int)] = []
      var column = 1
      for piece in line.split(separator: ",", omittingEmptySubsequences: false) {
        fields.append((String(piece).trimmingWhitespace(), column))
        column += piece.count + 1
      }
      func error(_ field: Int, _ name: String, _ expected: String) -> InputError {
        InputError(location: "\(file):\(lineNumber):\(fields[field].column)", field: name, expected: expected, found: fields[field].text)
      }
      guard let header = columns else {
        let names = fields.map { $0.text.lowercased() }
        guard names == ["start", "contacts"] || names == ["start", "contacts", "aht"] else {
          throw InputError(
            location: "\(file):\(lineNumber):1", field: "header",
            expected: "the header line 'start,contacts' or 'start,contacts,aht'", found: content)
        }
        columns = names
        continue
      }
      guard fields.count == header.count else {
        throw InputError(
          location: "\(file):\(lineNumber):1", field: "row",
          expected: "\(header.count) comma-separated fields (\(header.joined(separator: ",")))",
          found: content)
      }
      guard let start = Self.clockTime(fields[0].text) else {
        throw error(0, "start", "a time of day such as 08:30 or 08:30:00")
      }
      if let previous = intervals.last, start <= previous.start {
        throw error(0, "start", "a start later than the previous row's \(TimeText.clock(previous.start, precision: .secondsWhenNeeded))")
      }
      guard let contacts = Quantity.number(Substring(fields[1].text)), contacts >= 0 else {
        throw error(1, "contacts", "a number of contacts ≥ 0")
      }
      var handle: Double?
      if header.count == 3, !fields[2].text.isEmpty {
        guard let seconds = Quantity.seconds(fields[2].text), seconds > 0 else {
          throw error(2, "aht", "a mean handle time with a unit, such as 180s or 3.5m, or nothing for the default")
        }
        handle = seconds
      }
      intervals.append(Interval(start: start, contacts: contacts, meanHandleTime: handle, line: lineNumber))
    }
    guard !intervals.isEmpty else {
      throw InputError(location: "\(file):1:1", field: "rows", expected: "at least one interval row after the header", found: "")
    }
    let spacing = intervals.count > 1 ? intervals[1].start - intervals[0].start : nil
    guard let length = intervalLength ?? spacing else {
      throw InputError(field: "--interval", expected: "an interval length such as 15m for a profile with a single row", found: "")
    }
    for index in intervals.indices.dropFirst() where intervals[index].start - intervals[index - 1].start != length {
      throw InputError(
        location: "\(file):\(intervals[index].line):1", field: "start",
        expected: "a start \(TimeText.duration(length, style: .short)) after the previous row's \(TimeText.clock(intervals[index - 1].start, precision: .secondsWhenNeeded)) (the interval length)",
        found: TimeText.clock(intervals[index].start, precision: .secondsWhenNeeded))
    }
    self.intervals = intervals
    self.intervalLength = length
  }

  /// Reads and parses the file at `path`.
  public init(contentsOf path: String, intervalLength: Double? = nil) throws(InputError) {
    guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
      throw InputError(field: "--profile", expected: "a readable UTF-8 CSV file", found: path)
    }
    try self.init(csv: text, file: path, intervalLength: intervalLength)
  }

  /// Seconds from midnight in `HH:MM` or `HH:MM:SS`.
  static func clockTime(_ text: String) -> Double? {
    let parts = text.split(separator: ":", omittingEmptySubsequences: false)
    guard parts.count == 2 || parts.count == 3,
      parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }),
      parts[0].count <= 2, let hours = Int(parts[0]), let minutes = Int(parts[1]), minutes < 60, parts[1].count == 2
    else { return nil }
    let seconds = parts.count == 3 ? Int(parts[2]) ?? 60 : 0
    guard seconds < 60 else { return nil }
    return Double(hours * 3600 + minutes * 60 + seconds)
  }

}
