// The report's simulations never overload their centres; an overload is a mistake in the report.

/// The result of a report's simulation; its scenarios are built to stay far from overload, so an
/// overload is a mistake in the report and stops it.
func withoutOverload<Result>(_ body: () throws -> Result) -> Result {
  do { return try body() } catch { fatalError("validation scenario overloaded: \(error)") }
}
