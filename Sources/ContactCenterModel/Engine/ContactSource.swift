import Stochastic
import SimKernel

/// A type's random streams and samplers in one object, so the inner loop touches one reference
/// per contact rather than one per stream and sampler.
final class ContactSource {
  private let arrivals: RandomStream
  private let handleTimes: RandomStream
  private let patiences: RandomStream
  /// Resolution and escalation draws, and transfer times, for contacts served as this type.
  let outcomes: RandomStream
  private let handleTime: Sampler
  private let patience: Sampler?
  /// Cumulative escalation shares, their targets and transfer-time samplers.
  let escalationBounds: [Double]
  let escalationTargets: [ContactTypeID]
  let transferTimes: [Sampler?]
  /// The share self-service resolves, and who comes back (drawn on `outcomes`).
  let containment: Double
  let retrial: (probability: Double, delay: Sampler, afterBlock: Double)?
  let repeats: (probability: Double, delay: Sampler, type: ContactTypeID)?
  /// Virtual hold, and the type's mean handle time for the expected-wait estimate.
  let callback: CallbackOffer?
  let meanHandleTime: Double

  init(_ type: ContactType, index: Int, seed: UInt64, replication: Int) {
    func stream(_ purpose: StreamPurpose) -> RandomStream {
      RandomStream(key: StreamKey(master: seed, replication: replication, purpose: purpose, index: index))
    }
    arrivals = stream(.arrivals)
    handleTimes = stream(.handleTime)
    patiences = stream(.patience)
    outcomes = stream(.outcome)
    handleTime = Sampler(type.handleTime)
    patience = type.patience.map(Sampler.init)
    var cumulative = 0.0
    escalationBounds = type.escalations.map { cumulative += $0.share; return cumulative }
    escalationTargets = type.escalations.map { ContactTypeID($0.to) }
    transferTimes = type.escalations.map { $0.transferTime.map(Sampler.init) }
    containment = type.containment
    retrial = type.retrial.map { ($0.probability, Sampler($0.delay), $0.probabilityAfterBlock) }
    repeats = type.repeats.map { ($0.probability, Sampler($0.delay), ContactTypeID($0.type ?? index)) }
    callback = type.callback
    meanHandleTime = type.handleTime.mean
  }

  /// The opening backlog's items as (age at opening, handle time), oldest first, drawn on the
  /// type's own `backlog` stream so that the day's arrivals are the same with or without it.
  func openingBacklog(_ backlog: OpeningBacklog, key: StreamKey) -> [(age: SimTime, handle: SimTime)] {
    let stream = RandomStream(key: key)
    let age = Sampler(backlog.age)
    return (0..<backlog.count).map { _ in (stream.sample(age), stream.sample(handleTime)) }.sorted { $0.age > $1.age }
  }

  /// A unit-mean exponential draw: the integrated arrival rate to the next arrival.
  func unitExponential() -> Double { arrivals.exponential(mean: 1) }

  /// A contact's handle time and patience (`nil`: never abandons) as this type.
  func attributes() -> (handle: SimTime, patience: SimTime?) {
    let handle = handleTimes.sample(handleTime)
    guard let patience else { return (handle, nil) }
    return (handle, patiences.sample(patience))
  }
}
