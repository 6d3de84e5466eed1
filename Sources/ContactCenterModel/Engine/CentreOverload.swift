import SimKernel

/// A replication stopped because the centre was overloaded: its waiting lines, or the contacts in
/// it at once, passed a limit that bounds the memory of a replication (`Docs/scenario-format.md`,
/// "Limits"). A centre that gets there has far too few agents for its contacts (or no patience to
/// relieve it), and its results would say nothing a planner can use, so the experiment stops and
/// nothing is reported.
///
///     do { _ = try Experiment(scenario: scenario, seed: 1).run(replications: 30) }
///     catch { print(error) }   // the centre is overloaded: more than 2097152 contacts waiting …
public struct CentreOverload: Error, Hashable, Sendable, CustomStringConvertible {
  /// The most contacts the waiting lines of one replication hold together (slots of the lines'
  /// ring buffers, which a contact that abandoned keeps until the line's head passes it):
  /// 2²¹ = 2 097 152, 16 bytes each (32 MiB; 48 MiB while a line doubles).
  public static let maximumWaiting = 1 << 21
  /// The most contacts in the centre at once in one replication (waiting, in service, being
  /// transferred or due to come back): 2²² = 4 194 304 journeys of 48 bytes (192 MiB; up to twice
  /// that while the slab grows).
  public static let maximumInCentre = 1 << 22

  /// Which limit was passed.
  public enum Limit: String, Hashable, Sendable {
    case waiting
    case inCentre
  }

  public var limit: Limit
  /// The id of the type whose contact was one too many.
  public var type: String
  /// When, in seconds after midnight on the centre's clock (before the opening in a warm-up).
  public var clockTime: Double
  /// The interval it happened in: its start (`HH:MM`), "the warm-up" or "after close".
  public var interval: String
  /// The replication (0-based; the message counts from 1).
  public var replication: Int

  public var description: String {
    let what = switch limit {
    case .waiting: "more than \(Self.maximumWaiting) contacts waiting at once"
    case .inCentre:
      "more than \(Self.maximumInCentre) contacts in the centre at once (waiting, in service, being transferred or due to come back)"
    }
    return "the centre is overloaded: \(what) (contact type '\(type)', at \(TimeText.clock(clockTime, precision: .seconds)) in \(interval), "
      + "replication \(replication + 1)); add agents or patience, or lower the arrival rates"
  }

}
