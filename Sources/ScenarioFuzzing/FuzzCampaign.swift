import ContactCenterModel
import Foundation
import ScenarioIO

/// One example file to mutate: a scenario, or a plan with the base scenario it overlays.
public struct FuzzTarget: Sendable {
  /// The name errors are reported under (`hotline-day.yaml`, `plans/hotline-plus-one.yaml`).
  public var name: String
  public var text: String
  /// A plan's base scenario, read from its own (unmutated) file.
  public var base: ScenarioFile?

  public init(name: String, text: String, base: ScenarioFile? = nil) {
    self.name = name
    self.text = text
    self.base = base
  }

  /// Every `*.yaml` in `folder` and in `folder/plans`, in name order. A plan's base is the scenario
  /// its first lines name (`# A plan for Scenarios/helpdesk-two-tier.yaml: …`).
  public static func examples(in folder: String) throws -> [FuzzTarget] {
    func yaml(_ directory: String) throws -> [String] {
      try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".yaml") }.sorted()
    }
    var targets: [FuzzTarget] = []
    var scenarios: [String: ScenarioFile] = [:]
    for file in try yaml(folder) {
      let text = try String(contentsOfFile: "\(folder)/\(file)", encoding: .utf8)
      targets.append(FuzzTarget(name: file, text: text))
      scenarios[file] = try ScenarioFile.parse(text, file: file)
    }
    let plans = "\(folder)/plans"
    for file in (try? yaml(plans)) ?? [] {
      let text = try String(contentsOfFile: "\(plans)/\(file)", encoding: .utf8)
      guard let range = text.range(of: "A plan for Scenarios/") else { continue }
      let baseName = String(text[range.upperBound...].prefix { !":\n ".contains($0) })
      guard let base = scenarios[baseName] else { continue }
      targets.append(FuzzTarget(name: "plans/\(file)", text: text, base: base))
    }
    return targets
  }
}

/// What one mutant did.
public enum FuzzOutcome: Hashable, Sendable {
  /// Refused with errors, each located inside its file.
  case refused
  /// Validated, and the short run completed with finite headline metrics.
  case ran
  /// Validated, and the short run stopped cleanly on the overload limit (a typed error, not a trap).
  case overloaded
  /// Validated, but a headline metric of the short run is NaN (which one).
  case nan(String)
  /// Refused with an error outside its file, in another file, or with no error at all.
  case misplaced(String)

  public var isFailure: Bool {
    switch self {
    case .refused, .ran, .overloaded: false
    case .nan, .misplaced: true
    }
  }
}

/// A numbered mutant of one of the examples.
public struct FuzzCase: Sendable {
  public var index: Int
  /// The mutator's seed: `Mutator(seed:)` on the target's text gives this mutant again.
  public var seed: UInt64
  public var target: FuzzTarget
  public var bytes: [UInt8]
  public var operators: [String]

  /// The mutant as text for a message (bytes that are not UTF-8 repaired).
  public var text: String { String(decoding: bytes, as: UTF8.self) }

  /// How a failure is reported: enough to replay it.
  public var description: String {
    "mutant \(index) of \(target.name), seed \(seed), operators \(operators.joined(separator: ", ")):\n\(text)"
  }
}

/// A seeded stream of mutants of the examples, and the properties each must keep
/// (`Docs/fuzzing.md`): no trap (a trap ends the process), every refusal located inside its file,
/// and every scenario that validates runs a short experiment with no NaN in its headline metrics.
public struct FuzzCampaign: Sendable {
  public var targets: [FuzzTarget]
  public var masterSeed: UInt64
  /// The most contacts one short run may expect; busier scenarios have their arrival rates scaled
  /// down to it (the day and its staffing are kept).
  public var maximumArrivals: Double

  public init(targets: [FuzzTarget], masterSeed: UInt64, maximumArrivals: Double = 300) {
    precondition(!targets.isEmpty, "need something to mutate")
    self.targets = targets
    self.masterSeed = masterSeed
    self.maximumArrivals = maximumArrivals
  }

  /// Mutant `index`: of target `index mod targets.count`, with a seed mixed from the master seed
  /// and the index (so mutants are independent of how a campaign is split into batches).
  public func mutant(_ index: Int) -> FuzzCase {
    let seed = SplitMix64.mix(masterSeed &+ 0x9E37_79B9_7F4A_7C15 &* UInt64(index + 1))
    let target = targets[index % targets.count]
    var mutator = Mutator(seed: seed)
    let (bytes, operators) = mutator.mutate(target.text)
    return FuzzCase(index: index, seed: seed, target: target, bytes: bytes, operators: operators)
  }

  /// Reads the mutant as `ccsim` would (a plan over its base), and runs what validates.
  public func check(_ mutant: FuzzCase) -> FuzzOutcome {
    guard let text = String(validating: mutant.bytes, as: UTF8.self) else {
      return .refused   // `ScenarioFile.readText` refuses the file as a whole: not UTF-8
    }
    let scenario: Scenario
    do throws(ScenarioErrors) {
      if let base = mutant.target.base {
        scenario = try PlanFile.parse(text, file: mutant.target.name, over: base).merged.scenario
      } else {
        scenario = try ScenarioFile.parse(text, file: mutant.target.name).scenario
      }
    } catch {
      return Self.located(error, texts: [mutant.target.name: text] .merging(
        mutant.target.base.map { [$0.path: $0.text] } ?? [:]) { a, _ in a })
    }
    return run(scenario)
  }

  /// `.refused` when every error is at a line and column inside the file it names (or is about
  /// the file as a whole); otherwise `.misplaced` with the first error that is not.
  static func located(_ errors: ScenarioErrors, texts: [String: String]) -> FuzzOutcome {
    guard !errors.errors.isEmpty else { return .misplaced("refused with no error") }
    for error in errors.errors {
      guard let text = texts[error.file] else { return .misplaced("error in an unknown file: \(error)") }
      if error.line == 0 {
        guard error.column == 0, error.path.isEmpty, wholeFileProblems.contains(error.found) else {
          return .misplaced("error with no place: \(error)")
        }
        continue
      }
      let lines = Self.lines(text)
      guard lines.indices.contains(error.line - 1), (1...(lines[error.line - 1] + 1)).contains(error.column) else {
        return .misplaced("error outside the file (\(lines.count) lines\(lines.indices.contains(error.line - 1) ? ", line \(error.line) has \(lines[error.line - 1]) characters" : "")): \(error)")
      }
    }
    return .refused
  }

  /// What an error may say without a line: the file is empty or holds no document.
  static let wholeFileProblems: Set<String> = ["an empty file", "no YAML document (only comments)", "an empty document"]

  /// The length of each line in Unicode scalars (libyaml's columns), lines broken where libyaml
  /// breaks them: LF, CR, CR LF, NEL, LS and PS. Text ending in a break has an empty last line.
  static func lines(_ text: String) -> [Int] {
    var lengths: [Int] = []
    var current = 0
    var previous: Unicode.Scalar?
    for scalar in text.unicodeScalars {
      defer { previous = scalar }
      if scalar == "\n", previous == "\r" { continue }
      if ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"].contains(scalar) {
        lengths.append(current)
        current = 0
      } else {
        current += 1
      }
    }
    lengths.append(current)
    return lengths
  }

  /// The scenario with its arrival rates (and opening backlogs) scaled down to at most
  /// ``maximumArrivals`` expected contacts, warm-up included; nothing else changes.
  public func shortened(_ scenario: Scenario) -> Scenario {
    var scenario = scenario
    let expected = scenario.contactTypes.indices.reduce(0.0) { total, t in
      let rates = scenario.meanArrivalRates(type: t)
      return total + rates.reduce(0, +) * scenario.intervalLength + (rates.first ?? 0) * scenario.study.warmUp
    }
    if expected > maximumArrivals {
      let factor = maximumArrivals / expected
      for t in scenario.contactTypes.indices { scenario.contactTypes[t].arrivalRates = scenario.contactTypes[t].arrivalRates.map { $0 * factor } }
    }
    for t in scenario.contactTypes.indices {
      if let count = scenario.contactTypes[t].openingBacklog?.count, count > Int(maximumArrivals) {
        scenario.contactTypes[t].openingBacklog?.count = Int(maximumArrivals)
      }
    }
    return scenario
  }

  /// Two replications of the shortened scenario; `.nan` names the first headline metric (the
  /// centre's, a type's or a group's day) whose mean or interval is NaN.
  public func run(_ scenario: Scenario) -> FuzzOutcome {
    guard let result = try? Experiment(scenario: shortened(scenario), seed: 1).run(replications: 2, threads: 1) else {
      return .overloaded   // `run` throws only CentreOverload
    }
    func nan(_ kpis: KPIs, _ scope: String, _ names: [String]) -> String? {
      for (estimate, name) in zip(kpis.estimates, names) {
        guard let estimate else { continue }
        if estimate.mean.isNaN || (estimate.ci95?.isNaN ?? false) { return "\(scope) \(name)" }
      }
      return nil
    }
    let metrics = Metric.allCases.map(\.rawValue), groupMetrics = GroupMetric.allCases.map(\.rawValue)
    if let found = nan(result.totals, "centre", metrics) { return .nan(found) }
    for (kpis, type) in zip(result.types, scenario.contactTypes) {
      if let found = nan(kpis, "type \(type.id)", metrics) { return .nan(found) }
    }
    for (kpis, group) in zip(result.groups, scenario.agentGroups) {
      if let found = nan(kpis, "group \(group.id)", groupMetrics) { return .nan(found) }
    }
    return .ran
  }
}
