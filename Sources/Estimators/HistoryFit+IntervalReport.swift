import Foundation

extension HistoryFit {
  /// The inputs an interval report can give (`Docs/history.md`, "What an interval report can
  /// estimate"): volumes (offered per interval, mean over the days), the busyness CV of the daily
  /// totals, the handle time's mean (Σ AHT × answered ÷ Σ answered, exponential assumed: a report
  /// has no spread) and its day curve (Cochran's test with the exponential's variance), the
  /// exponential patience from abandons and ASA (``IntervalPatience``), and each queue's agents
  /// (the report's column, mean over the days; without it answered × AHT ÷ the interval rounded up,
  /// a lower bound). No self-service, retrials, repeats, skills or patience curve.
  /// - Parameters:
  ///   - rows: The report's rows, all of one interval length.
  ///   - threshold: The service-level threshold when the rows carry none.
  public init(intervals rows: [ObservedInterval], intervalLength: Double, threshold: Double, options: Options = Options()) {
    self.options = options
    source = .intervalReport
    self.intervalLength = intervalLength
    serviceLevelThreshold = rows.lazy.compactMap(\.serviceLevelThreshold).first ?? threshold
    allDays = Set(rows.map(\.day)).sorted()
    days = allDays.filter { options.days?.contains($0) ?? true }
    returns = nil
    let selected = Set(days)
    let chosen = rows.filter { selected.contains($0.day) }
    let slot = { (row: ObservedInterval) in Int((row.start / intervalLength).rounded(.down)) }
    let active = chosen.filter { $0.offered > 0 }.map(slot)
    opening = (active.min() ?? 0)..<((active.max() ?? 0) + 1)
    let opening = opening
    let days = days

    var cells: [CallHistory.CellKey: CallHistory.Cell] = [:]
    for row in chosen {
      var cell = CallHistory.Cell()
      (cell.offered, cell.answered, cell.abandoned) = (row.offered, row.answered, row.abandoned)
      cells[CallHistory.CellKey(day: row.day, interval: slot(row), type: row.type)] = cell
    }
    busyness = Self.busyness(cells: cells, days: days, returnShare: 0)

    let byType = Dictionary(grouping: chosen, by: \.type)
    let hasAgents = chosen.contains { $0.agents != nil }
    staffingSource = hasAgents ? .reported : .reportedWorkload
    var groups: [GroupFit] = []
    types = byType.keys.sorted().map { type in
      let rows = byType[type] ?? []
      let bySlot = Dictionary(grouping: rows) { CallHistory.DayInterval(day: $0.day, interval: slot($0)) }
      let counts = days.map { day in
        opening.map { interval in Double(bySlot[CallHistory.DayInterval(day: day, interval: interval)]?.reduce(0) { $0 + $1.offered } ?? 0) }
      }
      let (offered, answered, abandoned) = rows.reduce((0, 0, 0)) { ($0.0 + $1.offered, $0.1 + $1.answered, $0.2 + $1.abandoned) }
      let timed = rows.filter { $0.averageHandleTime != nil && $0.answered > 0 }
      let handled = timed.reduce(0) { $0 + $1.answered }
      let handleMean = handled > 0 ? timed.reduce(0.0) { $0 + $1.averageHandleTime! * Double($1.answered) } / Double(handled) : nil
      // Exponential handle times: E[X²] = 2m², so an interval's mean has variance m²/n.
      let sums = opening.map { interval -> HandleTimeCurve.Sums in
        var sums = HandleTimeCurve.Sums()
        for row in rows where slot(row) == interval {
          guard let aht = row.averageHandleTime, row.answered > 0 else { continue }
          sums.sum += aht * Double(row.answered)
          sums.squares += 2 * aht * aht * Double(row.answered)
          sums.count += row.answered
        }
        return sums
      }
      let patience = IntervalPatience(rows)
      let agents = opening.map { interval -> Int in
        let perDay = days.map { day -> Double in
          let here = bySlot[CallHistory.DayInterval(day: day, interval: interval)] ?? []
          if hasAgents { return here.reduce(0) { $0 + ($1.agents ?? 0) } }
          return (here.reduce(0.0) { $0 + Double($1.answered) * ($1.averageHandleTime ?? 0) } / intervalLength - 1e-9).rounded(.up)
        }
        return Int((perDay.reduce(0, +) / Double(max(days.count, 1))).rounded(.toNearestOrAwayFromZero))
      }
      groups.append(GroupFit(id: "\(type)-agents", skills: [type], members: [], agents: agents))
      return TypeFit(
        id: type, arrivals: ArrivalEstimates(counts: counts), offered: offered, answered: answered, abandoned: abandoned,
        contained: 0, containment: 0, containmentStandardError: 0,
        handle: handleMean.map { [LifetimeFit.exponential(mean: $0, events: handled)] } ?? [], pooledHandle: false,
        handleCurve: HandleTimeCurve(sums, mean: handleMean ?? 0),
        patience: patience.map { [LifetimeFit.exponential(mean: $0.meanPatience, events: $0.abandoned)] } ?? [],
        pooledPatience: false, kaplanMeier: KaplanMeier(DurationTally()),
        exponentialPatienceMean: patience?.meanPatience, exponentialPatienceStandardError: patience?.meanPatienceStandardError,
        naiveAbandonerMean: nil, priorities: [:])
    }
    self.groups = groups
  }
}
