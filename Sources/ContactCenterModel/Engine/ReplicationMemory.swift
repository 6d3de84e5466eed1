import SimKernel

/// The most memory one replication of a scenario may take before the overload limits stop it
/// (``CentreOverload``), so that a caller can run no more replications at once than the machine
/// holds (`ccsim` lowers `--threads` to fit; `Docs/scenario-format.md`, "Limits").
extension Scenario {
  /// An estimate in bytes, as the limits allow it:
  /// - the waiting lines: ``CentreOverload/maximumWaiting`` slots of 16 bytes, half as much again
  ///   while a line doubles (48 MiB);
  /// - the journeys: ``CentreOverload/maximumInCentre`` of 48 bytes and their 4-byte free-list
  ///   entries, twice over for the arrays' growth (416 MiB);
  /// - the calendar: for each contact in the centre its pending event and one per overflow level
  ///   of its type, 32 bytes each, twice over for growth (256 MiB per event per contact);
  /// - the counters: per type and per group, each interval's cells and wait histogram.
  ///
  /// Not bounded by the limits, so not counted: the abandonment events of contacts already
  /// answered, which stay in the calendar until their patience would have run out (about the
  /// arrivals of one mean patience).
  public var replicationMemoryBound: Int {
    let lines = CentreOverload.maximumWaiting * MemoryLayout<WaitingContact>.stride * 3 / 2
    let journeys = CentreOverload.maximumInCentre * (MemoryLayout<Journey>.stride + MemoryLayout<JourneyID>.stride) * 2
    var overflowLevels = [Int](repeating: 0, count: contactTypes.count)
    for group in agentGroups {
      for skill in group.skills where skill.overflowDelay > 0 { overflowLevels[skill.type] += 1 }
    }
    let eventsPerContact = 1 + (overflowLevels.max() ?? 0)
    let calendar = CentreOverload.maximumInCentre * eventsPerContact * MemoryLayout<ScheduledEvent<CenterEvent>>.stride * 2
    let buckets = intervalCount + 2
    let counters = contactTypes.count * buckets * (MemoryLayout<CellCounters>.stride + QuantileHistogramBytes.estimate)
      + agentGroups.count * buckets * MemoryLayout<GroupCounters>.stride
    return lines + journeys + calendar + counters
  }

  /// The replications to run at once: `requested`, lowered so that that many replications of
  /// ``replicationMemoryBound`` bytes take at most three quarters of `physicalMemory`; at least 1.
  ///
  ///     scenario.threads(fitting: 64, physicalMemory: 16 << 30)   // 17 at the limits' 720 MiB
  public func threads(fitting requested: Int, physicalMemory: UInt64) -> Int {
    Self.threads(fitting: requested, perReplication: replicationMemoryBound, physicalMemory: physicalMemory)
  }

  /// `requested`, lowered so that that many replications of `perReplication` bytes take at most
  /// three quarters of `physicalMemory`; at least 1.
  public static func threads(fitting requested: Int, perReplication: Int, physicalMemory: UInt64) -> Int {
    let fits = physicalMemory / 4 * 3 / UInt64(max(perReplication, 1))
    return max(1, min(requested, Int(min(fits, UInt64(Int.max)))))
  }
}

/// The heap memory of one wait histogram (its bucket counts), for the estimate above.
enum QuantileHistogramBytes {
  static let estimate = 16 << 10
}
