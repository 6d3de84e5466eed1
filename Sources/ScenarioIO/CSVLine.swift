/// One line of a delimited file split into its fields, with RFC 4180 double quotes: a field that
/// starts with `"` runs to the next lone `"`, may hold the delimiter, and writes a quote as `""`.
/// A quoted field must end on its line (call logs hold no line breaks inside a field).
///
///     try CSVLine("a;\"b;c\";\"say \"\"hi\"\"\"", delimiter: ";", file: "f.csv", line: 2).fields
///     // ["a", "b;c", "say \"hi\""]
struct CSVLine {
  /// The fields, unquoted.
  let fields: [Substring]
  /// The 1-based character column where each field starts (at its opening quote when quoted).
  let starts: [Int]

  /// Splits `text`; a quote left open, or text after a closing quote, is an error at its place.
  init(_ text: Substring, delimiter: Character, file: String, line: Int) throws(ScenarioError) {
    var fields: [Substring] = [], starts: [Int] = []
    var index = text.startIndex, column = 1
    func advance() {
      index = text.index(after: index)
      column += 1
    }
    while true {
      starts.append(column)
      if index < text.endIndex, text[index] == "\"" {
        let opening = column
        var value = ""
        var closed = false
        advance()
        while index < text.endIndex {
          let character = text[index]
          advance()
          guard character == "\"" else {
            value.append(character)
            continue
          }
          guard index < text.endIndex, text[index] == "\"" else {
            closed = true
            break
          }
          value.append("\"")
          advance()
        }
        guard closed else {
          throw ScenarioError(file: file, line: line, column: opening, path: "row",
                              expected: "a closing double quote for the field opened here (a field ends on its line)",
                              found: "the end of the line")
        }
        guard index == text.endIndex || text[index] == delimiter else {
          throw ScenarioError(file: file, line: line, column: column, path: "row",
                              expected: "the delimiter after a closing double quote", found: "'\(text[index])'")
        }
        fields.append(Substring(value))
      } else {
        let end = text[index...].firstIndex(of: delimiter) ?? text.endIndex
        fields.append(text[index..<end])
        column += text.distance(from: index, to: end)
        index = end
      }
      guard index < text.endIndex else { break }
      advance()   // the delimiter
    }
    self.fields = fields
    self.starts = starts
  }
}
