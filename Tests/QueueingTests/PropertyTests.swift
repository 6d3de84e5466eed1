import Foundation
import Testing
@testable import Queueing

/// Relative closeness, for values computed two ways.
func close(_ a: Double, _ b: Double, relative: Double) -> Bool { abs(a - b) <= relative * max(abs(a), abs(b)) }

@Suite struct LargeCentreTests {
  /// Exact values from mpmath at 40 digits (`Docs/analytics.md` shows the script): loads and
  /// agent counts where aⁿ/n! is far beyond Double, required to ≤ 1e-9 relative error.
  @Test(arguments: [
    (servers: 50_000, traffic: 50_000.0, expected: 0.0035597742015360939917),
    (servers: 100_000, traffic: 99_000.0, expected: 8.2257755985042223192e-6),
    (servers: 100_000, traffic: 100_000.0, expected: 0.0025188934235469064348),
  ])
  func erlangBAtScale(servers: Int, traffic: Double, expected: Double) {
    let got = ErlangB.blocking(traffic: traffic, servers: servers)
    #expect(close(got, expected, relative: 1e-9), "got \(got)")
  }

  @Test(arguments: [
    (agents: 50_200, traffic: 50_000.0, pWait: 0.26915440792335696657, level: 0.99999956407838429053),
    (agents: 50_300, traffic: 50_000.0, pWait: 0.11780415213991072693, level: 0.99999999975718754508),
    (agents: 100_000, traffic: 99_500.0, pWait: 0.070906199355113304433, level: 0.9999999999999997633),
  ])
  func erlangCAtScale(agents: Int, traffic: Double, pWait: Double, level: Double) {
    let c = ErlangC(Workload(arrivalRate: traffic / 300, meanHandleTime: 300), agents: agents)
    #expect(close(c.waitProbability, pWait, relative: 1e-9), "got \(c.waitProbability)")
    #expect(close(c.serviceLevel(within: 20), level, relative: 1e-9))
  }

  @Test(arguments: [
    (agents: 50_000, traffic: 50_000.0, handle: 300.0, patience: 180.0, pWait: 0.43716219246032825531, pAbandon: 0.002010733263325773306),
    (agents: 99_000, traffic: 100_000.0, handle: 240.0, patience: 60.0, pWait: 0.93467658519873170264, pAbandon: 0.010056235801866715409),
  ])
  func erlangAAtScale(agents: Int, traffic: Double, handle: Double, patience: Double, pWait: Double, pAbandon: Double) {
    let a = ErlangA(Workload(arrivalRate: traffic / handle, meanHandleTime: handle), meanPatience: patience, agents: agents)
    #expect(close(a.waitProbability, pWait, relative: 1e-9), "got \(a.waitProbability)")
    #expect(close(a.abandonment, pAbandon, relative: 1e-9), "got \(a.abandonment)")
  }

  @Test func unstableErlangCIsFlaggedNotNaN() {
    let c = ErlangC(Workload(arrivalsPerHour: 200, meanHandleSeconds: 180), agents: 10)
    #expect(!c.isStable)
    #expect(c.waitProbability == 1 && c.serviceLevel(within: 20) == 0 && c.averageSpeedOfAnswer == .infinity)
    #expect(c.occupancy == 1)
  }
}

@Suite struct PropertyTests {
  static let loads: [Double] = [0.3, 2, 9.5, 48, 230, 980, 4_500]

  @Test(arguments: loads)
  func erlangBFallsWithServersAndStaysBelowErlangC(traffic: Double) {
    var previous = 1.0
    for servers in 1...Int(traffic * 1.5 + 10) {
      let b = ErlangB.blocking(traffic: traffic, servers: servers)
      #expect(b <= previous && b >= 0)
      if Double(servers) > traffic {
        let c = ErlangC.waitProbability(traffic: traffic, servers: servers)
        #expect(b <= c && c <= 1)
      }
      previous = b
    }
  }

  /// The wait quantile inverts the service level: P(W ≤ waitQuantile(p)) = p where it is > 0, and
  /// a quantile of 0 means at least a share p is answered at once.
  @Test(arguments: loads)
  func waitQuantileInvertsTheServiceLevel(traffic: Double) {
    let workload = Workload(arrivalRate: traffic / 240, meanHandleTime: 240)
    for agents in Int(traffic) + 1...Int(traffic * 1.3) + 3 {
      let c = ErlangC(workload, agents: agents)
      for p in [0.5, 0.8, 0.9, 0.95, 0.99] {
        let t = c.waitQuantile(p)
        if t > 0 {
          #expect(abs(c.serviceLevel(within: t) - p) <= 1e-12, "a \(traffic), n \(agents), p \(p): t \(t)")
        } else {
          #expect(t == 0 && 1 - c.waitProbability >= p)
        }
      }
    }
    if traffic >= 2 { #expect(ErlangC(workload, agents: Int(traffic) - 1).waitQuantile(0.8) == .infinity) }
  }

  @Test(arguments: loads)
  func serviceLevelRisesWithAgentsAndFallsWithLoad(traffic: Double) {
    let workload = Workload(arrivalRate: traffic / 240, meanHandleTime: 240)
    let busier = Workload(arrivalRate: traffic * 1.05 / 240, meanHandleTime: 240)
    var previousC = 0.0, previousA = 0.0
    for agents in max(1, Int(traffic * 0.8))...Int(traffic * 1.3 + 8) {
      let c = ErlangC(workload, agents: agents).serviceLevel(within: 20)
      let a = ErlangA(workload, meanPatience: 120, agents: agents).serviceLevel(within: 20)
      // Monotone up to rounding (1e-15) where the service level reaches 1.
      #expect(c >= previousC - 1e-15 && a >= previousA - 1e-15, "agents \(agents)")
      #expect(ErlangC(busier, agents: agents).serviceLevel(within: 20) <= c + 1e-15)
      #expect(ErlangA(busier, meanPatience: 120, agents: agents).serviceLevel(within: 20) <= a + 1e-15)
      (previousC, previousA) = (c, a)
    }
  }

  /// With patience equal to the handle time, the number in system of M/M/n+M is Poisson(a), so
  /// P(W > 0) = P(N ≥ n) for N ~ Poisson(a) (summed here independently, in log space).
  @Test(arguments: [(2.6, 2), (10.0, 10), (48.0, 50), (390.0, 300), (980.0, 1000)])
  func erlangAWithPatienceEqualToHandleTimeIsPoisson(traffic: Double, agents: Int) {
    let a = ErlangA(Workload(arrivalRate: traffic / 300, meanHandleTime: 300), meanPatience: 300, agents: agents)
    var below = 0.0
    for k in 0..<agents { below += exp(Double(k) * log(traffic) - traffic - lgamma(Double(k) + 1)) }
    #expect(close(a.waitProbability, 1 - below, relative: 1e-9), "\(a.waitProbability) vs \(1 - below)")
  }

  /// As patience grows, Erlang A approaches Erlang C (a stable case).
  @Test(arguments: [(10.0, 14), (48.0, 55), (980.0, 1010)])
  func erlangAApproachesErlangCAsPatienceGrows(traffic: Double, agents: Int) {
    let workload = Workload(arrivalRate: traffic / 180, meanHandleTime: 180)
    let c = ErlangC(workload, agents: agents)
    var previousGap = Double.infinity
    for patience in [1e3, 1e5, 1e7, 1e9] {
      let a = ErlangA(workload, meanPatience: patience, agents: agents)
      let gap = abs(a.serviceLevel(within: 20) - c.serviceLevel(within: 20))
      #expect(gap < previousGap || gap < 1e-12)
      previousGap = gap
      if patience == 1e9 {
        #expect(close(a.waitProbability, c.waitProbability, relative: 1e-6))
        #expect(close(a.averageSpeedOfAnswer, c.averageSpeedOfAnswer, relative: 1e-5))
        #expect(close(a.serviceLevel(within: 20), c.serviceLevel(within: 20), relative: 1e-6))
        #expect(a.abandonment < 1e-5)
      }
    }
  }

  /// A patience far beyond any caller's (a year, 10²⁰ s, up to the largest Double) is a fair
  /// question: it is computed without trapping or hanging, and in a stable queue the answers are
  /// Erlang C's. The gap shrinks as θ = 1/patience (callers who would abandon before being
  /// answered): at a year it is within 1e-4 relative (measured: 3e-6 to 2e-5), from 10²⁰ s within 1e-12.
  @Test(arguments: [(10.0, 14), (48.0, 55), (980.0, 1010)])
  func erlangAWithAHugePatienceIsErlangC(traffic: Double, agents: Int) {
    let workload = Workload(arrivalRate: traffic / 180, meanHandleTime: 180)
    let c = ErlangC(workload, agents: agents)
    for (patience, tolerance) in [(3.2e7, 1e-4), (1e20, 1e-12), (1e300, 1e-12), (Double.greatestFiniteMagnitude, 1e-12)] {
      let a = ErlangA(workload, meanPatience: patience, agents: agents)
      #expect(close(a.waitProbability, c.waitProbability, relative: tolerance), "patience \(patience)")
      #expect(close(a.averageSpeedOfAnswer, c.averageSpeedOfAnswer, relative: tolerance), "patience \(patience)")
      #expect(close(a.serviceLevel(within: 20), c.serviceLevel(within: 20), relative: tolerance), "patience \(patience)")
      #expect(a.abandonment <= tolerance, "patience \(patience): \(a.abandonment)")
    }
  }

  /// The wait series are computed separately, so these identities check them against each other:
  /// E[W] = P(served)·E[W | served] + P(abandoned)·E[W | abandoned], and P(W > 0) at t = 0.
  @Test(arguments: [(2.0, 2, 900.0), (26.0, 20, 300.0), (1300.0, 1000, 300.0), (13.0, 10, 48.0), (4500.0, 4500, 600.0)])
  func erlangAIdentitiesHold(traffic: Double, agents: Int, patience: Double) {
    let a = ErlangA(Workload(arrivalRate: traffic / 240, meanHandleTime: 240), meanPatience: patience, agents: agents)
    let split = a.servedProbability * a.averageSpeedOfAnswer + a.abandonment * a.meanWaitOfAbandoned
    #expect(close(split, a.meanWaitOfAll, relative: 1e-11))
    #expect(close(a.waitProbability(exceeding: 0), a.waitProbability, relative: 1e-12))
    #expect(close(a.servedProbability + a.abandonment, 1, relative: 1e-13))
    #expect(close(a.serviceLevel(within: 0), 1 - a.waitProbability, relative: 1e-11))
    #expect(a.abandonment(within: 1e6) <= a.abandonment && a.waitProbability(exceeding: 1e6) < 1e-12)
  }

  static let staffingCases: [(model: QueueModel, traffic: Double, targets: StaffingTargets)] = [
    (.erlangC, 10, StaffingTargets(serviceLevel: ServiceLevelTarget(fraction: 0.8, threshold: 20))),
    (.erlangC, 230, StaffingTargets(serviceLevel: ServiceLevelTarget(fraction: 0.9, threshold: 10), maxAverageSpeedOfAnswer: 5)),
    (.erlangC, 48, StaffingTargets(serviceLevel: ServiceLevelTarget(fraction: 0.5, threshold: 60), maxOccupancy: 0.8)),
    (.erlangC, 4_500, StaffingTargets(maxWaitProbability: 0.2)),
    (.erlangA(meanPatience: 180), 266.7, StaffingTargets(serviceLevel: ServiceLevelTarget(fraction: 0.8, threshold: 20))),
    (.erlangA(meanPatience: 60), 80, StaffingTargets(maxAbandonment: 0.03, maxOccupancy: 0.9)),
    (.erlangA(meanPatience: 300), 45, StaffingTargets(serviceLevel: ServiceLevelTarget(fraction: 0.9, threshold: 30, definition: .answered), maxAverageSpeedOfAnswer: 10)),
    (.erlangA(meanPatience: 30), 2_000, StaffingTargets(maxAbandonment: 0.5)),
    (.erlangB, 120, StaffingTargets(maxBlocking: 0.01)),
    (.erlangB, 120, StaffingTargets(maxOccupancy: 0.95, maxBlocking: 0.5)),
  ]

  /// Staffing is minimal: the answer meets every target and one agent fewer misses one.
  @Test(arguments: staffingCases)
  func staffingIsMinimal(model: QueueModel, traffic: Double, targets: StaffingTargets) throws {
    let workload = Workload(arrivalRate: traffic / 300, meanHandleTime: 300)
    let staffed = try Staffing.minimumAgents(model, workload: workload, targets: targets)
    #expect(staffed.meets(targets))
    let threshold = targets.serviceLevel?.threshold ?? 20
    let fewer = QueuePerformance(model: model, workload: workload, agents: staffed.agents - 1, serviceLevelThreshold: threshold)
    #expect(!fewer.meets(targets), "\(staffed.agents - 1) agents also meet the targets")
  }

  /// Required agents never decrease as the load grows (a day profile from 0 to 5 000 erlangs).
  @Test func requiredAgentsNeverDecreaseWithLoad() throws {
    let targets = StaffingTargets(serviceLevel: ServiceLevelTarget(fraction: 0.8, threshold: 20))
    for model in [QueueModel.erlangC, .erlangA(meanPatience: 120)] {
      let workloads = stride(from: 0.0, through: 5_000, by: 37.5).map { Workload(arrivalRate: $0 / 240, meanHandleTime: 240) }
      let agents = try Staffing.requirements(model, workloads: workloads, targets: targets).map(\.agents)
      #expect(agents.first == 0)
      #expect(zip(agents, agents.dropFirst()).allSatisfy { $0 <= $1 })
    }
  }

  @Test func impossibleOrInapplicableTargetsAreRefused() {
    let workload = Workload(arrivalsPerHour: 200, meanHandleSeconds: 180)
    #expect(throws: StaffingError.unattainable(.serviceLevel, reason: "with random arrivals some callers always wait, so 100% is never reached; use a share below 100%")) {
      try Staffing.minimumAgents(.erlangC, workload: workload, targets: StaffingTargets(serviceLevel: ServiceLevelTarget(fraction: 1, threshold: 0)))
    }
    #expect(throws: StaffingError.noTargets) { try Staffing.minimumAgents(.erlangC, workload: workload, targets: StaffingTargets()) }
    #expect(throws: StaffingError.self) { try Staffing.minimumAgents(.erlangC, workload: workload, targets: StaffingTargets(maxAbandonment: 0.05)) }
    #expect(throws: StaffingError.self) { try Staffing.minimumAgents(.erlangB, workload: workload, targets: StaffingTargets(maxAverageSpeedOfAnswer: 20)) }
    #expect(throws: StaffingError.self) { try Staffing.minimumAgents(.erlangA(meanPatience: 60), workload: workload, targets: StaffingTargets(maxAverageSpeedOfAnswer: 0)) }
  }
}
