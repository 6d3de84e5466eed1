import SimKernel

/// Each type's handle-time factor (`handleTimeByInterval`) by bucket of the run, so that a service
/// start multiplies by one array element: the interval's factor in its interval, the first
/// interval's in a steady-state warm-up (bucket 0), and the last interval's after close. Without a
/// profile every factor is exactly 1, so the product is unchanged bit for bit.
struct HandleTimeFactors {
  private let factors: [Double]
  private let bucketCount: Int

  /// The factors of `scenario`'s types over `bucketCount` buckets (warm-up, the intervals, after
  /// close).
  init(_ scenario: Scenario, bucketCount: Int) {
    let last = scenario.intervalCount - 1
    precondition(bucketCount == scenario.intervalCount + 2, "buckets are the warm-up, the intervals and after close")
    factors = scenario.contactTypes.flatMap { type in
      (0..<bucketCount).map { type.handleTimeFactor(interval: min(max($0 - 1, 0), last)) }
    }
    self.bucketCount = bucketCount
  }

  /// The factor of a contact of `type` whose service starts in `bucket`.
  @inline(__always)
  subscript(type: ContactTypeID, bucket bucket: Int) -> Double { factors[type.index &* bucketCount &+ bucket] }
}
