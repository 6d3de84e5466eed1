// swift-tools-version: 6.0
import PackageDescription

let strict: [SwiftSetting] = [.enableUpcomingFeature("ExistentialAny")]

let package = Package(
  name: "ContactCenterSim",
  platforms: [.macOS(.v15)],
  products: [
    .executable(name: "ccsim", targets: ["ccsim"]),
    .library(name: "Queueing", targets: ["Queueing"]),
    .library(name: "Stochastic", targets: ["Stochastic"]),
    .library(name: "SimKernel", targets: ["SimKernel"]),
    .library(name: "ContactCenterModel", targets: ["ContactCenterModel"]),
    .library(name: "ScenarioIO", targets: ["ScenarioIO"]),
    .library(name: "Planning", targets: ["Planning"]),
    .library(name: "Reporting", targets: ["Reporting"]),
    .library(name: "ShiftPlanning", targets: ["ShiftPlanning"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift", from: "0.2.0"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
  ],
  targets: [
    .systemLibrary(
      name: "CGSL", pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"]), .brew(["gsl"])]),
    .systemLibrary(name: "CGLPK", providers: [.apt(["libglpk-dev"]), .brew(["glpk"])]),
    // Random123's Philox as a GSL generator type (header-only: Debian's librandom123-dev).
    .target(name: "CPhilox", dependencies: ["CGSL"]),
    // Counts heap allocations for ccsim-bench (interposes malloc; never linked into ccsim).
    .target(name: "CAllocationCounter"),
    .target(name: "Queueing", swiftSettings: strict),
    .target(
      name: "Stochastic",
      dependencies: ["CGSL", "CPhilox", .product(name: "Histogram", package: "hdrhistogram-swift")],
      swiftSettings: strict),
    .target(name: "SimKernel", swiftSettings: strict),
    .target(name: "Fingerprint", swiftSettings: strict),
    .target(
      name: "ContactCenterModel", dependencies: ["Queueing", "SimKernel", "Stochastic"], swiftSettings: strict),
    .target(
      name: "ScenarioIO",
      dependencies: ["ContactCenterModel", "Estimators", "Queueing", "Stochastic", .product(name: "Yams", package: "Yams")],
      swiftSettings: strict),
    // Seeded mutants of the examples and the properties they must keep (Docs/fuzzing.md): used by
    // ScenarioFuzzingTests and by ccsim-fuzz, which runs long campaigns a batch per process.
    .target(
      name: "ScenarioFuzzing",
      dependencies: ["ContactCenterModel", "ScenarioIO", .product(name: "Yams", package: "Yams")],
      swiftSettings: strict),
    // Estimators for a centre's history (censored patience, handle-time families, arrivals): pure
    // statistics on numbers, no file I/O.
    .target(name: "Estimators", dependencies: ["CGSL", "Stochastic"], swiftSettings: strict),
    .target(name: "ShiftPlanning", dependencies: ["CGLPK", "ContactCenterModel"], swiftSettings: strict),
    .target(name: "ReferenceCases", dependencies: ["ContactCenterModel", "Queueing", "Stochastic"], swiftSettings: strict),
    .target(name: "Planning", dependencies: ["ContactCenterModel", "Queueing", "ShiftPlanning", "Stochastic"], swiftSettings: strict),
    .target(name: "Reporting", dependencies: ["Fingerprint", "Queueing", "ContactCenterModel", "Estimators", "Planning", "ScenarioIO", "ShiftPlanning"], swiftSettings: strict),
    .target(
      name: "CCSimCLI",
      dependencies: [
        "Fingerprint", "Queueing", "ScenarioIO", "Reporting", "ContactCenterModel", "Planning", "ShiftPlanning",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),
    .executableTarget(name: "ccsim", dependencies: ["CCSimCLI"], swiftSettings: strict),
    // Examples/: small programs that use the library as a package user would (built and run by
    // CCSimCLITests/ExampleTests).
    .executableTarget(
      name: "compare-plans", dependencies: ["ContactCenterModel", "Planning", "ScenarioIO"], path: "Examples/compare-plans",
      swiftSettings: strict),
    .executableTarget(
      name: "staff-scenario", dependencies: ["ContactCenterModel", "Planning", "Reporting", "ScenarioIO"],
      path: "Examples/staff-scenario", swiftSettings: strict),
    .executableTarget(name: "ccsim-fuzz", dependencies: ["ScenarioFuzzing"], swiftSettings: strict),
    .executableTarget(
      name: "ccsim-bench",
      dependencies: [
        "CAllocationCounter", "Queueing", "ContactCenterModel", "Planning", "ScenarioIO", "ShiftPlanning", "Stochastic",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),
    // Docs/validation.md: the simulator against exact queueing results and the reference cases
    // (run by Scripts/validation-report).
    .executableTarget(
      name: "validation-report",
      dependencies: [
        "ContactCenterModel", "Queueing", "ReferenceCases", "Stochastic", .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: strict),
    // What the test targets share: repository paths, temporary folders, SplitMix, child processes.
    .target(name: "TestSupport", dependencies: ["ContactCenterModel"], path: "Tests/TestSupport", swiftSettings: strict),
    // The reference files (shared/reference/public) are read from Tests/Reference, one copy for
    // QueueingTests, ContactCenterModelTests and validation-report (TestSupport's referenceFixture).
    .testTarget(name: "QueueingTests", dependencies: ["TestSupport", "Queueing", "ReferenceCases"], swiftSettings: strict),
    .testTarget(name: "StochasticTests", dependencies: ["Stochastic", "CGSL", "CPhilox"], swiftSettings: strict),
    .testTarget(name: "SimKernelTests", dependencies: ["TestSupport", "SimKernel"], swiftSettings: strict),
    .testTarget(name: "FingerprintTests", dependencies: ["Fingerprint"], swiftSettings: strict),
    .testTarget(
      name: "ContactCenterModelTests", dependencies: ["TestSupport", "ContactCenterModel", "Queueing", "ReferenceCases", "Stochastic"],
      swiftSettings: strict),
    .testTarget(
      name: "ScenarioIOTests", dependencies: ["TestSupport", "ScenarioIO", "Estimators"],
      resources: [.copy("Fixtures")], swiftSettings: strict),
    .testTarget(name: "ScenarioFuzzingTests", dependencies: ["TestSupport", "ScenarioFuzzing", "ScenarioIO"], swiftSettings: strict),
    .testTarget(
      name: "PlanningTests", dependencies: ["TestSupport", "Planning", "ContactCenterModel", "Queueing", "ScenarioIO"], swiftSettings: strict),
    .testTarget(
      name: "ReportingTests", dependencies: ["TestSupport", "Reporting", "Queueing", "ContactCenterModel", "Planning"], swiftSettings: strict),
    // Golden/ holds the help texts and the report outline GoldenTests compares (read by path).
    .testTarget(
      name: "CCSimCLITests", dependencies: ["TestSupport", "CCSimCLI", "Fingerprint", "Queueing", "ScenarioIO", "ContactCenterModel", "Planning", "Reporting"],
      exclude: ["Golden"], swiftSettings: strict),
    .testTarget(name: "EstimatorsTests", dependencies: ["Estimators", "Stochastic"], swiftSettings: strict),
    .testTarget(name: "ShiftPlanningTests", dependencies: ["ShiftPlanning", "ContactCenterModel"], swiftSettings: strict),
  ]
)
