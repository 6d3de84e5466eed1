/// Non-preemptive priority classes in an M/M/n queue: each class's mean wait (Cobham's formula).
///
/// Assumes Poisson arrivals per class, one exponential handle time shared by every class, `agents`
/// identical agents who each take the longest-waiting contact of the most urgent non-empty class
/// when they free up (first come first served within a class), a contact in service never
/// interrupted, unlimited room and no abandonment. The probability of waiting is Erlang C of the
/// total load for every class, and class k waits on average
///
///     E[W_k] = C(n, a) · h / n / ((1 − σ_{k−1}) (1 − σ_k)),   σ_k = Σ_{i ≤ k} λ_i h / n
///
/// so the urgent classes' waits are shielded from the load of the others, and the classes' waits
/// averaged by arrival rate give the Erlang C ASA (work conservation).
/// Source: Cobham (1954), "Priority assignment in waiting line problems", *Operations Research*
/// 2(1); Kleinrock, *Queueing Systems* vol. 2 (1976), §3.6; checked against the exact values of
/// `priority.json` in the tests.
///
///     let classes = PriorityClasses(arrivalsPerHour: [12, 12, 12], meanHandleSeconds: 300, agents: 4)
///     classes.meanWaits          // [50.94, 101.89, 305.66] seconds
public struct PriorityClasses: Hashable, Sendable {
  /// The arrival rate of each class, most urgent first (contacts per second).
  public let arrivalRates: [Double]
  public let meanHandleTime: Double
  public let agents: Int

  /// - Parameters:
  ///   - arrivalsPerHour: Each class's arrival rate per hour, most urgent first; each ≥ 0.
  ///   - meanHandleSeconds: The mean handle time of every class (seconds); > 0.
  ///   - agents: ≥ 1.
  public init(arrivalsPerHour: [Double], meanHandleSeconds: Double, agents: Int) {
    precondition(arrivalsPerHour.allSatisfy { $0 >= 0 && $0.isFinite }, "arrival rates must be finite and ≥ 0")
    precondition(meanHandleSeconds > 0 && meanHandleSeconds.isFinite, "the mean handle time must be > 0")
    precondition(agents >= 1, "need at least one agent")
    arrivalRates = arrivalsPerHour.map { $0 / 3600 }
    meanHandleTime = meanHandleSeconds
    self.agents = agents
  }

  /// The Erlang C queue of all the classes together.
  public var total: ErlangC {
    ErlangC(Workload(arrivalRate: arrivalRates.reduce(0, +), meanHandleTime: meanHandleTime), agents: agents)
  }

  /// P(W > 0), the same for every class: Erlang C of the total load.
  public var waitProbability: Double { total.waitProbability }

  /// Each class's mean wait E[W_k] in seconds (zero waits included), most urgent first;
  /// `+infinity` for a class whose cumulative load σ_k reaches 1 (it and every later class are
  /// unstable).
  public var meanWaits: [Double] {
    let n = Double(agents)
    let waitingTime = total.waitProbability * meanHandleTime / n   // C · h / n
    var before = 0.0
    return arrivalRates.map { rate in
      let through = before + rate * meanHandleTime / n
      defer { before = through }
      guard through < 1 else { return .infinity }
      return waitingTime / ((1 - before) * (1 - through))
    }
  }
}
