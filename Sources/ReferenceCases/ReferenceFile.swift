import Foundation

/// One reference file of `shared/reference/public` (schema `ccsim-reference/1`): its model, the
/// tolerance rule it states, and its cases.
///
/// Parses bytes and reads no file: the caller reads the JSON (the tests and
/// `validation-report` from the repository's copies in `Tests/Reference/`) and passes it in.
///
///     let file = try ReferenceFile(json: Data(contentsOf: url))
///     file.cases.first?.expected("class1_p_wait")   // 0.21704034716910872
public struct ReferenceFile: Decodable, Sendable {
  /// The file's model, e.g. `"sim_ndesign"`.
  public var model: String
  /// The file's `tolerance_rule`, as written: how a product's value is judged against `value`.
  public var toleranceRule: String
  public var cases: [ReferenceCase]

  /// Decodes a reference file.
  /// - Throws: `DecodingError` if the bytes are not a reference file.
  public init(json: Data) throws {
    self = try JSONDecoder().decode(Self.self, from: json)
  }

  enum CodingKeys: String, CodingKey {
    case model, cases
    case toleranceRule = "tolerance_rule"
  }
}

/// One reference case: its parameters and its expected values, each a `{"value", …}` object
/// (`sd_per_rep` and `n_reps` for reference simulations, `abs_tol` and `rel_tol` for exact values).
public struct ReferenceCase: Decodable, Hashable, Sendable, CustomStringConvertible {
  /// The case's identifier, e.g. `"SIM-ND-01"`.
  public var id: String
  public var model: String
  public var params: ReferenceValue
  /// `expected[key][field]`, e.g. `expected["class1_p_wait"]["sd_per_rep"]`.
  public var expected: [String: [String: ReferenceValue]]
  /// A case made in code (e.g. one whose exact values a formula gives): `expected[key]["value"]`
  /// holds each value, with the tolerances the file's rule reads (`abs_tol`, `rel_tol`).
  public init(id: String, model: String, params: ReferenceValue, expected: [String: [String: ReferenceValue]]) {
    self.id = id
    self.model = model
    self.params = params
    self.expected = expected
  }

  /// The identifier: what a parameterised test shows for this case.
  public var description: String { id }

  /// A number of an expected value, or `nil` where the case has no such key or field.
  /// - Parameters:
  ///   - key: The metric, e.g. `"class1_p_wait"`.
  ///   - field: `"value"` (the default), `"sd_per_rep"`, `"n_reps"`, `"abs_tol"`, `"rel_tol"`, ….
  public func expected(_ key: String, _ field: String = "value") -> Double? { expected[key]?[field]?.number }
}

/// A JSON value of a reference file.
///
/// Its `description` is compact JSON with object keys sorted and whole numbers written without a
/// fraction (`{"A": 10, "B": 10}`), as a report quotes a case's parameters.
public indirect enum ReferenceValue: Decodable, Hashable, Sendable, CustomStringConvertible {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([ReferenceValue])
  case object([String: ReferenceValue])

  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    if container.decodeNil() {
      self = .null
    } else if let flag = try? container.decode(Bool.self) {
      self = .bool(flag)
    } else if let number = try? container.decode(Double.self) {
      self = .number(number)
    } else if let text = try? container.decode(String.self) {
      self = .string(text)
    } else if let items = try? container.decode([ReferenceValue].self) {
      self = .array(items)
    } else {
      self = .object(try container.decode([String: ReferenceValue].self))
    }
  }

  /// The number, or `nil` if this is not a number.
  public var number: Double? { if case .number(let value) = self { value } else { nil } }
  /// The string, or `nil` if this is not a string.
  public var string: String? { if case .string(let text) = self { text } else { nil } }
  /// The elements, or `nil` if this is not an array.
  public var array: [ReferenceValue]? { if case .array(let items) = self { items } else { nil } }
  public var isNull: Bool { self == .null }
  /// An object's member, or `nil` if this is not an object or has no such key.
  public subscript(key: String) -> ReferenceValue? { if case .object(let members) = self { members[key] } else { nil } }

  public var description: String {
    switch self {
    case .null: "null"
    case .bool(let flag): "\(flag)"
    case .number(let value): value == value.rounded() && abs(value) < 1e15 ? "\(Int(value))" : "\(value)"
    case .string(let text): "\"\(text)\""
    case .array(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
    case .object(let members):
      "{" + members.sorted { $0.key < $1.key }.map { "\"\($0.key)\": \($0.value)" }.joined(separator: ", ") + "}"
    }
  }
}
