// The reference-file sections: multi-skill, priority and finite-capacity studies, judged by each
// file's own tolerance rule.
import ContactCenterModel
import Foundation
import ReferenceCases

/// Prints the reference-file sections, in the report's order: N-design, two-tier escalation,
/// priority classes and finite capacity.
/// - Parameter referenceDirectory: The folder holding `sim_ndesign.json`, `sim_escalation.json`,
///   `priority.json` and `mmc_finite.json` (`--reference`).
func printReferenceSections(referenceDirectory: String) {
  referenceSection(
    "N-design (two skills, reference simulation)", file: "sim_ndesign.json", directory: referenceDirectory,
    about: """
      Group A takes class 1 only; group B takes class 2 first and class 1 second (its class-1 handle
      time is service 1B); a class-1 arrival takes an idle A agent before an idle B agent (group-order
      routing). Each class's service level counts answers within 20 s over offered.
      """, study: ReferenceStudy.nDesign)
  referenceSection(
    "Two-tier escalation (reference simulation)", file: "sim_escalation.json", directory: referenceDirectory,
    about: """
      Tier 1 resolves a share of its contacts; the rest join the tier-2 queue at once, with a fresh
      patience. Service levels: 20 s at tier 1, 60 s at tier 2, over offered. Then three shares of
      tier-1 arrivals: resolved at tier 1, transferred, resolved at tier 2; the last row is the total
      wait (tier 1 + tier 2) of the callers answered at tier 2, `escalated_total_wait_s` of tier 1.
      """, study: ReferenceStudy.escalation)
  referenceSection(
    "Priority classes (exact, non-preemptive M/M/c)", file: "priority.json", directory: referenceDirectory,
    about: """
      One group takes every class, the most urgent (P1) first, FCFS within a class, a call in service
      is never interrupted; no abandonment, so a class's mean wait is its ASA. The cases the tests
      use: \(ReferenceStudy.priorityCaseIDs.sorted().joined(separator: ", ")).
      """, include: { ReferenceStudy.priorityCaseIDs.contains($0.id) }, study: ReferenceStudy.priority)
  // The finite-capacity study alternates lines and queueCapacity by the case's position in its file.
  let finite = (try? ReferenceFile(json: Data(contentsOf: URL(fileURLWithPath: referenceDirectory + "/mmc_finite.json"))))?
    .cases.map(\.id) ?? []
  referenceSection(
    "Finite capacity (exact M/M/c/K)", file: "mmc_finite.json", directory: referenceDirectory,
    about: """
      c agents and room for K calls in the centre (in service and waiting), no abandonment: a call
      arriving to K in the centre is blocked and lost. Cases in even positions of the file say it as
      `lines: K`, those in odd positions as `queueCapacity: K − c`. Mean queue length is Little's law
      (answered per second × ASA); service levels count answers within 20 s over the admitted calls
      (`service_level_admitted`) and over all offered, blocked ones failing (`service_level`).
      """, study: { ReferenceStudy.finiteCapacity($0, position: finite.firstIndex(of: $0.id) ?? 0) })
}


/// One section of `Docs/validation.md` for a reference file in `directory`: every case (that
/// `include` keeps) run as `study` builds it, one table per case judged by the file's tolerance
/// rule. Exits with status 1 if the file cannot be read.
func referenceSection(
  _ title: String, file: String, directory: String, about: String,
  include: (ReferenceCase) -> Bool = { _ in true }, study: (ReferenceCase) -> ReferenceStudy
) {
  let url = URL(fileURLWithPath: directory).appendingPathComponent(file)
  let reference: ReferenceFile
  do {
    reference = try ReferenceFile(json: Data(contentsOf: url))
  } catch {
    FileHandle.standardError.write(Data(
      "validation-report: cannot read reference file \(url.path) (give its folder with --reference DIR): \(error)\n".utf8))
    exit(1)
  }
  let cases = reference.cases.filter(include).map(study)
  guard let sample = cases.first else { fatalError("\(file) has no case to report") }
  // A reference simulation's file may also give the exact (CTMC or closed-form) value of a key.
  let showsExact = sample.rule == .referenceSimulation
  print("## \(title)\n")
  print(about + "\n")
  print("""
    Each case runs \(sample.replications) replications (seed \(sample.seed)) of a warm-up and one long
    measurement window (lengths below). "allowed Δ" is the largest |simulated − reference| the
    file's rule accepts; "inside" says whether the simulated mean is within it. The rule, as
    `\(file)` states it:

    > \(reference.toleranceRule)

    """)
  switch sample.rule {
  case .referenceSimulation:
    print("""
      Here allowed Δ = 4·√(sd_per_rep²/n_reps + se²), with se the standard error of this simulator's
      estimate over its R = \(sample.replications) replications: for a ratio (a rate, a mean wait, a
      share) the ratio of sums over the replications with its delta-method error, for a count the
      mean and sd/√R (Docs/metrics.md, "Steady-state estimates"). "exact" is the file's exact (CTMC)
      steady-state value where it gives one: shown, not judged.

      """)
  case .exact:
    print("""
      Here allowed Δ is the larger of the 99% CI half-width and the file's abs_tol + rel_tol·|value|
      (about 1e-6 of the value), so in practice the exact value must lie in the 99% CI.

      """)
  case .standardErrors(let multiple):
    print("""
      Here allowed Δ = \(ReferenceValue.number(multiple))·se, \(ReferenceValue.number(multiple)) standard errors of the simulated
      estimate (over the R = \(sample.replications) replications: the ratio of sums' delta-method error
      for a ratio, sd/√R for a count), as the tests check.

      """)
  }
  var inside = 0, total = 0
  for study in cases {
    let (caseInside, caseTotal) = caseTable(study, showsExact: showsExact)
    inside += caseInside
    total += caseTotal
  }
  print("\(inside) of \(total) rows inside.\n")
}

/// One case's heading, parameters and table of agreements; returns the rows inside and in all.
/// - Parameter showsExact: Whether to add the file's `exact` values as a last column.
func caseTable(_ study: ReferenceStudy, showsExact: Bool) -> (inside: Int, total: Int) {
  var inside = 0, total = 0
  do {
    let scenario = study.scenario
    let arrivals = scenario.contactTypes.reduce(0) { $0 + $1.arrivalRates[0] } * scenario.intervalLength
    print("### \(study.reference.id)\n")
    print(String(format: "Warm-up %.1f h, window %.0f h (about %.0f arrivals). ", scenario.study.warmUp / 3600,
                 scenario.intervalLength / 3600, arrivals)
          + "Parameters: `\(study.reference.params)`\n")
    print("| metric | ccsim | reference | simulated | 99% CI | allowed Δ | inside |" + (showsExact ? " exact |" : ""))
    print("|---|---|---:|---:|---:|---:|:---:|" + (showsExact ? "---:|" : ""))
    for agreement in study.agreements(with: withoutOverload { try study.run(threads: 2) }) {
      let key = agreement.comparison.key
      let format = key.hasSuffix("_s") ? "%.3f s" : "%.4f"
      let number = { (value: Double?, absent: String) in value.map { String(format: format, $0) } ?? absent }
      let exact = showsExact ? " \(number(study.reference.expected(key, "exact"), "—")) |" : ""
      print("| \(key) | \(agreement.comparison.label) | \(number(agreement.reference, "missing")) | "
            + "\(number(agreement.simulated.mean, "")) | ±\(number(agreement.simulated.halfWidth, "")) | "
            + "\(number(agreement.allowed, "")) | \(agreement.isInside ? "yes" : "**no**") |" + exact)
      total += 1
      if agreement.isInside { inside += 1 }
    }
    print("")
  }
  return (inside, total)
}

