import Foundation
import TestSupport
import Testing
@testable import CCSimCLI
import Queueing
import ScenarioIO

/// Runs `ccsim erlang` in-process and returns what it prints, or throws its input error.
func erlang(_ arguments: [String]) throws -> String {
  let command = try Erlang.parse(arguments)
  return try ErlangRequest(command).answer()
}

/// The JSON object `ccsim erlang --json` prints. (Foundation's parser on Linux may round the last
/// digit of a number, so numbers are compared with a relative tolerance of 1e-14.)
func erlangJSON(_ arguments: [String]) throws -> [String: Any] {
  let text = try erlang(arguments + ["--json"])
  return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
}

@Suite struct ErlangCommandTests {
  @Test func erlangCExampleStaffsToTheTarget() throws {
    let json = try erlangJSON(["--model", "c", "--rate", "200/h", "--aht", "180s", "--target", "80/20s"])
    #expect(json["model"] as? String == "erlang_c")
    #expect(json["agents"] as? Int == 14)                       // erlang_c.json ECS-001
    #expect(json["required_agents"] as? Int == 14)
    #expect(json["meets_targets"] as? Bool == true)
    #expect(json["rate_per_hour"] as? Double == 200)
    #expect(json["aht_s"] as? Double == 180)
    #expect(json["offered_load_erlangs"] as? Double == 10)
    #expect(json["sl_threshold_s"] as? Double == 20)
    #expect(close(json["service_level"] as! Double, 0.8883500191794669, relative: 1e-12))
    #expect(close(json["occupancy"] as! Double, 10.0 / 14, relative: 1e-12))
    for key in ["p_wait", "asa_s", "stable", "service_level_answered", "targets", "around"] { #expect(json[key] != nil, "missing \(key)") }
  }

  @Test func erlangAExampleEvaluatesTheGivenAgents() throws {
    let json = try erlangJSON(["--model", "a", "--rate", "4000/h", "--aht", "4m", "--patience", "3m", "--agents", "70"])
    let exact = ErlangA(Workload(arrivalsPerHour: 4000, meanHandleSeconds: 240), meanPatience: 180, agents: 70)
    #expect(json["agents"] as? Int == 70)
    #expect(json["patience_s"] as? Double == 180)
    #expect(close(json["p_abandon"] as! Double, exact.abandonment, relative: 1e-14))
    #expect(close(json["asa_s"] as! Double, exact.averageSpeedOfAnswer, relative: 1e-14))            // answered calls
    #expect(close(json["service_level"] as! Double, exact.serviceLevel(within: 20), relative: 1e-12))  // ÷ all arrivals
    #expect(close(json["service_level_answered"] as! Double, exact.serviceLevelOfAnswered(within: 20), relative: 1e-12))
    #expect(json["required_agents"] == nil)
    // 70 agents carry at most 70 erlangs of 266.7 offered: about 73.7% must abandon.
    #expect(abs(exact.abandonment - (1 - 70 / 266.67)) < 0.01)
  }

  @Test func erlangBExampleReportsBlocking() throws {
    let json = try erlangJSON(["--model", "b", "--rate", "120/h", "--aht", "3m", "--agents", "10"])
    let traffic = Workload(arrivalsPerHour: 120, meanHandleSeconds: 180).traffic
    #expect(close(json["p_block"] as! Double, ErlangB.blocking(traffic: traffic, servers: 10), relative: 1e-14))
    #expect(close(json["p_block"] as! Double, 0.04314183841043926, relative: 1e-12))  // B(10, 6) in exact rationals
    #expect(json["p_wait"] as? Double == 0)
    #expect(abs((json["offered_load_erlangs"] as! Double) - 6) < 1e-12)
  }

  @Test func combinedTargetsAndGivenAgentsReportWhetherTargetsAreMet() throws {
    let json = try erlangJSON(["--rate", "200/h", "--aht", "3m", "--agents", "13", "--target", "80/20s", "--asa", "30s", "--max-occupancy", "85%"])
    #expect(json["agents"] as? Int == 13)
    #expect(json["required_agents"] as? Int == 14)
    #expect(json["meets_targets"] as? Bool == false)
    let text = try erlang(["--rate", "200/h", "--aht", "3m", "--agents", "13", "--target", "80/20s"])
    #expect(text.contains("13 agents miss the service level target; 14 are needed"))
  }

  /// erlang_c.json ECS: P(wait) targets staff like the library does.
  @Test func waitProbabilityTargetStaffsToTheLibraryAnswer() throws {
    let json = try erlangJSON(["--rate", "200/h", "--aht", "3m", "--max-wait-probability", "20%"])
    let expected = try Staffing.minimumAgents(
      .erlangC, workload: Workload(arrivalsPerHour: 200, meanHandleSeconds: 180), targets: StaffingTargets(maxWaitProbability: 0.2))
    #expect(json["agents"] as? Int == expected.agents)
    #expect((json["p_wait"] as! Double) <= 0.2)
    #expect(ErlangC(Workload(arrivalsPerHour: 200, meanHandleSeconds: 180), agents: expected.agents - 1).waitProbability > 0.2)
  }

  @Test func rateAcceptsEveryPeriod() throws {
    for rate in ["200/h", "100/30m", "50/15m", "3.3333333333333335/m"] {
      let json = try erlangJSON(["--rate", rate, "--aht", "180s", "--target", "80/20s"])
      #expect(json["agents"] as? Int == 14, "\(rate)")
    }
  }

  @Test func profileStaffsEveryIntervalOfTheBundledDay() throws {
    let path = repositoryPath("Scenarios/hotline-day.csv")
    let json = try erlangJSON(["--model", "a", "--profile", path, "--aht", "4m", "--patience", "3m", "--target", "80/20s"])
    let intervals = try #require(json["intervals"] as? [[String: Any]])
    #expect(intervals.count == 56)
    #expect(json["interval_s"] as? Double == 900)
    let targets = StaffingTargets(serviceLevel: ServiceLevelTarget(fraction: 0.8, threshold: 20))
    for row in intervals {
      let workload = Workload(arrivalRate: (row["contacts"] as! Double) / 900, meanHandleTime: row["aht_s"] as! Double)
      let agents = row["agents"] as! Int
      let model = QueueModel.erlangA(meanPatience: 180)
      #expect(QueuePerformance(model: model, workload: workload, agents: agents, serviceLevelThreshold: 20).meets(targets))
      #expect(!QueuePerformance(model: model, workload: workload, agents: agents - 1, serviceLevelThreshold: 20).meets(targets))
    }
    #expect(json["peak_agents"] as? Int == intervals.map { $0["agents"] as! Int }.max())
  }

  @Test(arguments: [
    (["--model", "x", "--rate", "200/h", "--aht", "3m", "--agents", "5"], "--model: expected one of c (Erlang C), a (Erlang A) or b (Erlang B), found 'x'"),
    (["--rate=-5/h", "--aht", "3m", "--agents", "5"], "--rate: expected a number ≥ 0 of contacts per period, such as 200/h, 3.5/m or 100/30m, found '-5/h'"),
    (["--rate", "200", "--aht", "3m", "--agents", "5"], "--rate: expected a number ≥ 0 of contacts per period, such as 200/h, 3.5/m or 100/30m, found '200'"),
    (["--rate", "200/h", "--aht", "180", "--agents", "5"], "--aht: expected a positive duration with a unit (s, m or h), such as 20s or 4m, found '180'"),
    (["--rate", "200/h", "--aht", "3m", "--target", "80/20"], "--target: expected PERCENT/TIME with a unit on the time, such as 80/20s, found '80/20'"),
    (["--rate", "200/h", "--aht", "3m", "--target", "100/0s"], "--target: expected a target some staffing can meet (with random arrivals some callers always wait, so 100% is never reached; use a share below 100%), found '100%/0s'"),
    (["--rate", "200/h", "--aht", "3m", "--max-abandon", "5%"], "--max-abandon: expected no abandonment target with Erlang C (callers never abandon or get blocked), found '5.0%'"),
    (["--rate", "200/h", "--aht", "3m", "--max-abandon", "5"], "--max-abandon: expected a percentage from 0% to 100%, such as 5%, found '5'"),
    (["--model", "a", "--rate", "200/h", "--aht", "3m", "--agents", "5"], "--patience: expected a mean patience with a unit, such as 3m, for Erlang A, found nothing"),
    (["--model", "c", "--rate", "200/h", "--aht", "3m", "--patience", "2m", "--agents", "5"], "--patience: expected no patience: only Erlang A (--model a) has callers who abandon, found '2m'"),
    (["--rate", "200/h", "--aht", "3m"], "--agents: expected a number of agents to evaluate, or a target to staff to (--target, --asa, --max-abandon, --max-wait-probability, --max-occupancy or --max-block), found nothing"),
    (["--rate", "200/h", "--aht", "3m", "--agents", "0"], "--agents: expected a whole number of agents from 1 to 10000000, found '0'"),
    (["--model", "b", "--rate", "200/h", "--aht", "3m", "--target", "80/20s"], "--target: expected no service level target with Erlang B (blocked calls are lost, nobody waits), found '80%/20s'"),
  ])
  func badInputGetsOneClearLine(arguments: [String], message: String) {
    expectInputError(arguments, message)
  }

  /// The real binary: bad input prints one line on stderr and exits with status 2.
  @Test func theExecutableExitsWithStatusTwoOnBadInput() throws {
    for (arguments, line) in [
      (["erlang", "--rate", "200/h", "--aht", "180", "--agents", "5"], "ccsim: error: --aht: expected a positive duration with a unit (s, m or h), such as 20s or 4m, found '180'"),
      (["erlang", "--bogus"], "ccsim: error: Unknown option '--bogus'"),
    ] {
      let ending = try ccsim(arguments)
      #expect(ending.status == 2)
      #expect(ending.stderr == line + "\n")
    }
  }
}

/// `ccsim erlang arguments` fails with exactly `message`.
func expectInputError(_ arguments: [String], _ message: String, sourceLocation: SourceLocation = #_sourceLocation) {
  let error = #expect(throws: InputError.self, sourceLocation: sourceLocation) { try erlang(arguments) }
  #expect(error?.description == message, sourceLocation: sourceLocation)
}

func close(_ a: Double, _ b: Double, relative: Double) -> Bool { abs(a - b) <= relative * max(abs(a), abs(b)) }

/// Edge cases found in review: no traffic, huge or tiny values, the search limit.
@Suite struct ErlangEdgeCaseTests {
  @Test func noTrafficNeedsNoAgents() throws {
    let json = try erlangJSON(["--rate", "0/h", "--aht", "4m", "--target", "80/20s"])
    #expect(json["agents"] as? Int == 0)
    #expect(json["service_level"] as? Double == 1)
  }

  @Test(arguments: [
    (["--model", "a", "--rate", "4000/h", "--aht", "4m", "--patience", "1e9s", "--target", "80/20s"], "--rate: expected at most 10⁸ arrivals during one mean patience (rate × patience) for Erlang A, found '4000/h'"),
    (["--model", "a", "--rate", "200/h", "--aht", "3m", "--patience", "0s", "--target", "80/20s"], "--patience: expected a positive duration with a unit (s, m or h), such as 20s or 4m, found '0s'"),
    (["--rate", "1e12/h", "--aht", "4m", "--target", "80/20s"], "--rate: expected an offered load (rate × AHT) of at most 1000000 erlangs, found '1e12/h'"),
    (["--rate", "1/1e-320s", "--aht", "4m", "--target", "80/20s"], "--rate: expected a number ≥ 0 of contacts per period, such as 200/h, 3.5/m or 100/30m, found '1/1e-320s'"),
    (["--rate", "200/h", "--aht", "1e306h", "--target", "80/20s"], "--aht: expected a positive duration with a unit (s, m or h), such as 20s or 4m, found '1e306h'"),
  ])
  func extremeValuesGetAClearLine(arguments: [String], message: String) {
    expectInputError(arguments, message)
  }

  /// A patience of months (once refused above 24 h) is a fair question: Erlang A then staffs like
  /// Erlang C (14 agents for 200/h, 3 min, 80/20 s), and its answers are Erlang C's within 1e-4 (measured: 4e-5 for the ASA).
  @Test func aVeryLongPatienceIsAnsweredAsNearlyErlangC() throws {
    let a = try erlangJSON(["--model", "a", "--rate", "200/h", "--aht", "3m", "--patience", "10000000s", "--target", "80/20s"])
    let c = try erlangJSON(["--model", "c", "--rate", "200/h", "--aht", "3m", "--target", "80/20s"])
    #expect(a["agents"] as? Int == 14 && c["agents"] as? Int == 14)
    #expect(a["patience_s"] as? Double == 1e7)
    for key in ["p_wait", "asa_s", "service_level"] {
      #expect(close(a[key] as! Double, c[key] as! Double, relative: 1e-4), "\(key): \(a[key]!) vs \(c[key]!)")
    }
  }

  /// a/cap = 7.000000000000001 in floating point while 4.2/7 ≤ 0.6: the answer is 7, not 8.
  @Test func occupancyBoundDoesNotOvershootByRounding() throws {
    let workload = Workload(arrivalsPerHour: 63, meanHandleSeconds: 240)
    let staffed = try Staffing.minimumAgents(.erlangC, workload: workload, targets: StaffingTargets(maxOccupancy: 0.6))
    #expect(staffed.agents == 7)
  }

  /// Doubling from 1 passes 8 388 608 and would next try 16 777 215: it must not jump past the
  /// search limit when the answer (about 8.8 million lines) lies below it.
  @Test func largeErlangBStaffingFindsAnswersNearTheLimit() throws {
    let workload = Workload(arrivalRate: 2_450, meanHandleTime: 3_600)   // 8.82 million erlangs
    let targets = StaffingTargets(maxBlocking: 0.01)
    let staffed = try Staffing.minimumAgents(.erlangB, workload: workload, targets: targets)
    #expect(staffed.agents > 8_388_608 && staffed.agents < Staffing.searchLimit)
    #expect(ErlangB.blocking(traffic: workload.traffic, servers: staffed.agents - 1) > 0.01)
  }
}
