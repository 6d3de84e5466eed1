/// Finite capacity: trunk lines shared by the voice types (``Scenario/lines``) and waiting places
/// per type (``ContactType/queueCapacity``). The model is in `Docs/model.md`, "Lines and busy
/// signals"; the metrics in `Docs/metrics.md`, "Blocking".
extension Scenario {
  /// Whether a contact can be blocked: the scenario has `lines` or a type has a `queueCapacity`.
  /// Only then are the blocking metrics (``Metric/isBlocking``) reported.
  public var canBlock: Bool { lines != nil || contactTypes.contains { $0.queueCapacity != nil } }

  /// Whether a contact of `type` holds a trunk line while in the centre: when the scenario has
  /// `lines` and the type's contacts are calls (voice).
  func holdsLine(_ type: Int) -> Bool { lines != nil && contactTypes[type].handling == .call }
}
