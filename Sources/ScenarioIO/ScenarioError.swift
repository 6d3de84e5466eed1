/// A mistake in a scenario file, where it was written: `file:line:column: error: path: expected …,
/// found …`, with a hint when one is likely (a misspelt key).
public struct ScenarioError: Error, Hashable, Sendable, CustomStringConvertible {
  public var file: String
  /// 1-based line and column; 0 when the problem is the file as a whole (unreadable, too large).
  public var line: Int, column: Int
  /// The field path as written, e.g. `contactTypes[1].patience.mean`.
  public var path: String
  public var expected: String
  /// The value as written, or a description of it (`a list`, `nothing`).
  public var found: String
  public var hint: String?

  public init(file: String, line: Int, column: Int, path: String, expected: String, found: String, hint: String? = nil) {
    self.file = file
    self.line = line
    self.column = column
    self.path = path
    self.expected = expected
    self.found = found
    self.hint = hint
  }

  public var description: String {
    let place = line > 0 ? "\(file):\(line):\(column)" : file
    let field = path.isEmpty ? "" : "\(path): "
    return "\(place): error: \(field)expected \(expected), found \(found)" + (hint.map { "\n  hint: \($0)" } ?? "")
  }
}

/// Every mistake found in one scenario file, in file order: a file is checked whole, so one run
/// reports them all.
public struct ScenarioErrors: Error, Hashable, Sendable, CustomStringConvertible {
  public var errors: [ScenarioError]
  public init(_ errors: [ScenarioError]) { self.errors = errors }
  public var description: String { errors.map(\.description).joined(separator: "\n") }
}
