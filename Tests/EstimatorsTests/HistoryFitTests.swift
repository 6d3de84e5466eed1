import Foundation
import Stochastic
import Testing
@testable import Estimators

/// A synthetic centre from known truth, written as a call log would record it: 40 Mondays of calls
/// from 08:00 to 16:00 in 15-minute intervals, with a day curve, a gamma day factor (busyness CV
/// 0.15), 10% self-service, Weibull patience (mean 180 s, shape 0.8) censored by an exponential
/// wait (mean 30 s: about 80% answered), lognormal handle times (mean 240 s, cv 0.6); whole seconds.
struct SyntheticCentre {
  static let first = CalendarDay(year: 2026, month: 1, day: 5)!   // a Monday
  static let opening = 32..<64
  static let busynessCV = 0.15
  /// Expected contacts per interval (self-service included): a morning and an afternoon peak.
  static let volumes: [Double] = (0..<32).map { (i: Int) -> Double in
    let x: Double = Double(i) / 31 * Double.pi
    return 60 + 40 * sin(x) + 15 * sin(3 * x)
  }

  /// Calls of `days` Mondays; with `retrial`, an abandoning caller calls again with that
  /// probability after an exponential delay of mean 10 minutes (a return, not a fresh contact).
  /// `handleFactor` multiplies the mean handle time of a call by the interval it arrives in
  /// (0 = 08:00), a day curve.
  static func calls(days: Int, retrial: Double = 0, seed: Int = 1, handleFactor: (Int) -> Double = { _ in 1 }) -> [ObservedCall] {
    let streams = (0..<6).map { RandomStream(key: StreamKey(master: 20261208, replication: seed, purpose: .patience, index: $0)) }
    let (arrivals, patience, waits, handles, choices, delays) = (streams[0], streams[1], streams[2], streams[3], streams[4], streams[5])
    let weibullScale = 180 / tgamma(1 + 1 / 0.8)
    let sigma = log1p(0.6 * 0.6).squareRoot()
    let zeta = log(240.0) - sigma * sigma / 2
    var calls: [ObservedCall] = []
    var caller = 0
    for d in 0..<days {
      let day = CalendarDay(daysSinceEpoch: first.daysSinceEpoch + 7 * d)
      let factor = arrivals.gamma(shape: 1 / (busynessCV * busynessCV), scale: busynessCV * busynessCV)
      var pending: [(time: Double, caller: String)] = []
      for (i, volume) in volumes.enumerated() {
        let start = Double(opening.lowerBound + i) * 900
        var t = start + arrivals.exponential(mean: 900 / (volume * factor))
        while t < start + 900 {
          caller += 1
          pending.append((t.rounded(.down), "C\(caller)"))
          t += arrivals.exponential(mean: 900 / (volume * factor))
        }
      }
      var index = 0
      pending.sort { $0.time < $1.time }
      while index < pending.count {
        let (arrival, id) = pending[index]
        index += 1
        if choices.uniform() < 0.1 {
          calls.append(ObservedCall(day: day, type: "retail", priority: nil, customer: id, agent: nil, arrival: arrival,
                                    queueEntry: nil, wait: 0, outcome: .selfService))
          continue
        }
        let p = patience.weibull(scale: weibullScale, shape: 0.8)
        let w = waits.exponential(mean: 30)
        if p < w {
          calls.append(ObservedCall(day: day, type: "retail", priority: nil, customer: id, agent: nil, arrival: arrival,
                                    queueEntry: arrival, wait: p.rounded(), outcome: .abandoned))
          if choices.uniform() < retrial {
            let again = (arrival + p + delays.exponential(mean: 600)).rounded()
            if again < 86_000 {
              let position = pending[index...].firstIndex { $0.time > again } ?? pending.endIndex
              pending.insert((again, id), at: position)
            }
          }
        } else {
          calls.append(ObservedCall(day: day, type: "retail", priority: nil, customer: id, agent: nil, arrival: arrival,
                                    queueEntry: arrival, wait: w.rounded(),
                                    outcome: .served(handle: max((handleFactor(Int(arrival / 900) - opening.lowerBound)
                                      * handles.lognormal(zeta: zeta, sigma: sigma)).rounded(), 1))))
        }
      }
    }
    return calls
  }

  static func fit(_ calls: [ObservedCall], window: Double = 7_200) -> HistoryFit {
    var history = CallHistory(intervalLength: 900, serviceLevelThreshold: 20)
    for call in calls { history.add(call) }
    var options = HistoryFit.Options()
    options.returnWindow = window
    return HistoryFit(history, options: options)
  }
}

struct HistoryFitTests {
  @Test func everyInputOfAKnownCentreIsRecoveredWithinItsStandardError() throws {
    let fit = SyntheticCentre.fit(SyntheticCentre.calls(days: 40))
    let type = try #require(fit.types.first)
    #expect(fit.types.count == 1 && fit.days.count == 40)
    #expect(fit.opening == SyntheticCentre.opening)
    let answered = Double(type.answered) / Double(type.offered)
    #expect(answered > 0.77 && answered < 0.83, "answered \(answered)")

    // Patience: the censored MLE picks the Weibull and recovers it; the naive mean misses by > 30%.
    let patience = try #require(type.patience.first)
    #expect(patience.family == .weibull, "AIC: \(type.patience.map { "\($0.family) \($0.aic)" })")
    #expect(abs(patience.mean - 180) < 3 * patience.meanStandardError && abs(patience.mean - 180) < 0.05 * 180,
            "mean \(patience.mean) ± \(patience.meanStandardError) of \(patience.events) abandons")
    let shape = try #require(patience.shape), shapeError = try #require(patience.shapeStandardError)
    #expect(abs(shape - 0.8) < 3 * shapeError && abs(shape - 0.8) < 0.1, "shape \(shape) ± \(shapeError)")
    let naive = try #require(type.naiveAbandonerMean)
    #expect(naive < 0.7 * 180, "naive mean \(naive)")

    // Handle time: the true family, its mean within 3 standard errors.
    let handle = try #require(type.handle.first)
    #expect(handle.family == .lognormal, "AIC: \(type.handle.map { "\($0.family) \($0.aic)" })")
    #expect(abs(handle.mean - 240) < 3 * handle.meanStandardError, "mean \(handle.mean) ± \(handle.meanStandardError)")
    #expect(abs((handle.shape ?? 0) - 0.6) < 3 * (handle.shapeStandardError ?? 0), "cv \(handle.shape ?? 0)")

    // Containment and arrivals per interval within 3 standard errors of the truth.
    #expect(abs(type.containment - 0.1) < 3 * type.containmentStandardError, "containment \(type.containment)")
    for (i, truth) in SyntheticCentre.volumes.enumerated() {
      let estimate = type.arrivals.meanPerInterval[i], error = type.arrivals.standardErrors[i]
      #expect(abs(estimate - truth) < 3 * error, "interval \(i): \(estimate) ± \(error), truth \(truth)")
    }

    // Busyness: 40 days of one weekday.
    let busyness = try #require(fit.busyness)
    let error = try #require(busyness.standardError)
    #expect(busyness.weekdays == [2] && busyness.days == 40)
    #expect(abs(busyness.cv - SyntheticCentre.busynessCV) < 3 * error, "cv \(busyness.cv) ± \(error)")
    #expect(error < 0.05)

    // One mean all day: Cochran's test keeps it, and the scenario gets no curve.
    #expect(type.handleCurve.factors == nil && (type.handleCurve.pValue ?? 0) > 0.01, "p \(type.handleCurve.pValue ?? -1)")

    // No agent ids: one group, its agents the calls in service rounded up (a lower bound).
    #expect(fit.staffingSource == .callsInService && fit.groups.count == 1 && fit.groups[0].skills == ["retail"])
  }

  /// Handle times 20% shorter in the morning and 20% longer in the afternoon: the curve is found
  /// (Cochran's test rejects one mean), and each half's factor is within 3 standard errors of its
  /// truth (the factor's error taken as the interval mean's ÷ the type's mean).
  @Test func aHandleTimeDayCurveIsFoundAndWrittenAsFactors() throws {
    let truth = { (interval: Int) in interval < 16 ? 0.8 : 1.2 }
    let fit = SyntheticCentre.fit(SyntheticCentre.calls(days: 40, seed: 3, handleFactor: truth))
    let type = try #require(fit.types.first)
    let curve = type.handleCurve
    let factors = try #require(curve.factors, "p \(curve.pValue ?? -1)")
    #expect((curve.pValue ?? 1) < 1e-6 && factors.count == 32)
    let mean = try #require(type.handle.first?.mean)
    for (i, factor) in factors.enumerated() {
      // A lognormal of cv 0.6: an interval's mean has standard error 0.6 × mean ÷ √n.
      let calls = 40 * SyntheticCentre.volumes[i] * 0.9 * 0.8
      let error = 0.6 * truth(i) * 240 / calls.squareRoot() / mean
      #expect(abs(factor - truth(i) * 240 / mean) < 3 * error + 0.01, "interval \(i): \(factor) vs \(truth(i) * 240 / mean)")
    }
  }

  @Test func retrialsAreFoundFromCallerIdsAndLeftOutOfTheFreshVolumes() throws {
    let calls = SyntheticCentre.calls(days: 10, retrial: 0.4, seed: 2)
    let fit = SyntheticCentre.fit(calls)
    let returns = try #require(fit.returns)
    let share = Double(returns.retrials) / Double(returns.abandoned)
    let error = (0.4 * 0.6 / Double(returns.abandoned)).squareRoot()
    #expect(abs(share - 0.4) < 3 * error, "retrial share \(share) ± \(error) of \(returns.abandoned)")
    #expect(returns.repeats == 0)
    let delay = try #require(LifetimeFit.maximumLikelihood(returns.retrialDelays, family: .exponential))
    #expect(abs(delay.mean - 600) < 3 * delay.meanStandardError, "delay \(delay.mean) ± \(delay.meanStandardError)")
    // Fresh volumes: every call less the retrials, so the first attempts' expected count per day.
    let type = try #require(fit.types.first)
    let fresh = type.arrivals.meanDailyTotal
    let firstAttempts = Double(Set(calls.compactMap(\.customer)).count) / 10
    #expect(abs(fresh - firstAttempts) < 1e-9 * firstAttempts, "fresh \(fresh), first attempts \(firstAttempts)")
    #expect(Double(calls.count) / 10 > fresh + 20)
  }

  @Test func aCallIsCountedWhereItWasOfferedAndItsServiceSpreadsOverTheIntervalsItSpans() {
    var history = CallHistory(intervalLength: 900, serviceLevelThreshold: 20)
    let day = SyntheticCentre.first
    // Arrives 08:14:50, queues 08:14:55, answered after 10 s at 08:15:05 by ana for 1,000 s.
    history.add(ObservedCall(day: day, type: "a", priority: 1, customer: nil, agent: "ana", arrival: 29_690,
                             queueEntry: 29_695, wait: 10, outcome: .served(handle: 1_000), answered: 29_705))
    // Self-service at 08:14:59 counts at its arrival.
    history.add(ObservedCall(day: day, type: "a", priority: nil, customer: nil, agent: nil, arrival: 29_699,
                             queueEntry: nil, wait: 0, outcome: .selfService))
    let cell = history.cells[CallHistory.CellKey(day: day, interval: 32, type: "a")]
    #expect(cell?.offered == 1 && cell?.answered == 1 && cell?.answeredInTime == 1 && cell?.contained == 1)
    // Service 08:15:05–08:31:45: 895 s of interval 33, 105 s of interval 34, none of 32.
    #expect(history.staffing[CallHistory.DayInterval(day: day, interval: 32)] == nil)
    #expect(history.staffing[CallHistory.DayInterval(day: day, interval: 33)]?.busyTime == 895)
    #expect(history.staffing[CallHistory.DayInterval(day: day, interval: 34)]?.busyTime == 105)
    #expect(history.staffing[CallHistory.DayInterval(day: day, interval: 34)]?.agents.count == 1)
    #expect(history.handleByStart["a"]?[33]?.count == 1)
  }
}
