import Queueing

extension ReplicationResult {
  /// A replication's result from its counters: groups priced per bucket, types' cells given their
  /// contact costs and (for types served only by dedicated groups) their agents' time and cost,
  /// then rolled up by type, priority class, channel, group and the centre.
  init(assembling counters: CentreCounters, routing: RoutingTable, scenario: Scenario, busyness: Double, events: UInt64) {
    let n = scenario.intervalCount
    let bucketCount = counters.bucketCount
    let types = scenario.contactTypes
    let agentGroups = scenario.agentGroups
    // Day totals: the planning intervals, plus the overtime after close in a day study.
    let dayBuckets = scenario.study == .day ? Array(1...(n + 1)) : Array(1...n)
    // A steady-state study estimates ratios as ratios of sums over replications: keep their parts.
    let keepsRatios = scenario.study != .day
    // Agent time belongs to a type only when every group serving it serves nothing else.
    let dedicated: [[Int]?] = types.indices.map { t in
      let groups = routing.servers(of: ContactTypeID(t)).map(\.group)
      return groups.allSatisfy { routing.skillCount(of: $0) == 1 } ? groups.map(\.index) : nil
    }
    var groupCells = counters.groupCells
    for g in agentGroups.indices {
      for k in 0..<bucketCount {
        groupCells[g * bucketCount + k].price(agentGroups[g], overtimeFactor: scenario.costs.overtimeFactor)
      }
    }
    func typeCell(_ t: Int, _ k: Int) -> CellCounters {
      var cell = counters.cells[t * bucketCount + k]
      cell.hasDeferred = types[t].handling == .deferred
      var prices = types[t].contactCosts
      if types[t].handling != .call { prices.telephonyPerMinute = 0 }    // only callers are on the line
      cell.contactCost = cell.contactCost(at: prices)
      if let groups = dedicated[t] {
        for g in groups {
          cell.busyTime += groupCells[g * bucketCount + k].busyTime
          cell.staffedTime += groupCells[g * bucketCount + k].staffedTime
          cell.staffCost += groupCells[g * bucketCount + k].cost
        }
      } else {
        cell.agentTimeKnown = false
      }
      return cell
    }
    var centre = CellCounters()
    var byPriority: [Int: CellCounters] = [:]
    var byChannel: [Channel: CellCounters] = [:]
    var intervals: [[MetricValues<Metric>]] = []
    var typeValues: [MetricValues<Metric>] = []
    for (t, type) in types.enumerated() {
      let definition = type.serviceLevel.definition
      intervals.append((1...n).map { typeCell(t, $0).values(serviceLevel: definition, keepingRatios: keepsRatios) })
      var day = CellCounters()
      for k in dayBuckets { day.add(typeCell(t, k)) }
      day.keepBacklog(of: typeCell(t, n))     // the day's backlog is the one at close
      typeValues.append(day.values(serviceLevel: definition, keepingRatios: keepsRatios))
      day.agentTimeKnown = true
      day.busyTime = 0
      day.staffedTime = 0
      day.staffCost = 0
      centre.add(day)
      byPriority[type.priority, default: CellCounters()].add(day)
      byChannel[type.channel, default: CellCounters()].add(day)
    }
    var groupValues: [MetricValues<GroupMetric>] = []
    var groupIntervals: [[MetricValues<GroupMetric>]] = []
    for g in agentGroups.indices {
      var day = GroupCounters()
      for k in dayBuckets { day.add(groupCells[g * bucketCount + k]) }
      groupValues.append(day.values(keepingRatios: keepsRatios))
      groupIntervals.append((1...n).map { groupCells[g * bucketCount + $0].values(keepingRatios: keepsRatios) })
      centre.busyTime += day.busyTime
      centre.staffedTime += day.staffedTime
      centre.staffCost += day.cost
    }
    func commonDefinition(_ selected: [ContactType]) -> ServiceLevelDefinition {
      let definitions = Set(selected.map(\.serviceLevel.definition))
      return definitions.count == 1 ? definitions.first! : .offered
    }
    let classes = byPriority.keys.sorted()
    let priorityValues = classes.map { p -> MetricValues<Metric> in
      var cell = byPriority[p]!
      cell.agentTimeKnown = false
      return cell.values(serviceLevel: commonDefinition(types.filter { $0.priority == p }), keepingRatios: keepsRatios)
    }
    let channels = Channel.allCases.filter { byChannel[$0] != nil }
    let channelValues = channels.map { c -> MetricValues<Metric> in
      var cell = byChannel[c]!
      cell.agentTimeKnown = false
      return cell.values(serviceLevel: commonDefinition(types.filter { $0.channel == c }), keepingRatios: keepsRatios)
    }
    var little = LittleCheck()
    for check in counters.queueLittle + counters.groupLittle { little.add(check) }
    self.init(
      intervals: intervals, types: typeValues, totals: centre.values(serviceLevel: commonDefinition(types), keepingRatios: keepsRatios),
      priorities: priorityValues, priorityClasses: classes, channels: channelValues, channelNames: channels,
      groups: groupValues, groupIntervals: groupIntervals,
      little: little, queues: counters.queueLittle, agentGroups: counters.groupLittle, busyness: busyness, events: events)
  }
}
