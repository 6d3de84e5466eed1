import CGSL
import Foundation
import Stochastic

/// A maximum-likelihood fit of one ``LifetimeFamily`` to right-censored durations.
///
/// The log-likelihood is Σ_observed log f(tᵢ) + Σ_censored log S(tᵢ) (Klein & Moeschberger,
/// *Survival Analysis*, §3.5): with every duration observed it is the ordinary likelihood, so the
/// same fit serves handle times (uncensored) and patience (censored by the wait). It is maximised
/// over (log mean, log shape) with GSL's Nelder–Mead simplex (`gsl_multimin_fminimizer_nmsimplex2`);
/// the exponential has the closed form mean = total time ÷ events. Standard errors come from the
/// observed information (the numerical Hessian of −log L at the optimum, inverted) and the delta
/// method: se(mean) = mean · se(log mean).
///
/// ACDs record durations in whole seconds. Taking a recorded event time as exact biases the fit
/// (a Weibull of shape 0.8 and mean 180 s, censored by 30-s waits, comes out 6% off on 100,000
/// calls); so an event recorded as t counts as interval-censored in (t − r/2, t + r/2], with
/// likelihood S(t − r/2) − S(t + r/2), where r is the recording resolution (Lindsey 1998,
/// "Interval-censored data", Statistics in Medicine 17). A censored duration keeps S(t).
public struct LifetimeFit: Hashable, Sendable {
  public var family: LifetimeFamily
  public var mean: Double
  public var meanStandardError: Double
  /// Weibull shape, or the lognormal / gamma coefficient of variation; `nil` for exponential.
  public var shape: Double?
  public var shapeStandardError: Double?
  public var logLikelihood: Double
  /// Akaike's information criterion, 2k − 2 log L: smaller is better.
  public var aic: Double
  /// Durations fitted, and how many of them are observed events.
  public var sampleSize: Int
  public var events: Int

  /// An exponential known only by its mean over `events` durations (an interval report's AHT, or a
  /// patience from counts): standard error mean ÷ √events, no likelihood (`logLikelihood` and
  /// `aic` are NaN).
  public static func exponential(mean: Double, events: Int) -> LifetimeFit {
    LifetimeFit(family: .exponential, mean: mean, meanStandardError: mean / Double(max(events, 1)).squareRoot(), shape: nil,
                shapeStandardError: nil, logLikelihood: .nan, aic: .nan, sampleSize: events, events: events)
  }

  /// The fitted member as a scenario distribution.
  public var distribution: Distribution { family.distribution(mean: mean, shape: shape ?? 1) }

  /// Fits `family` to `data`, or `nil` when the data cannot identify it (no events, or every
  /// event at one time for a two-parameter family).
  /// - Parameter resolution: The unit the durations were recorded in (seconds: 1), or 0 for exact
  ///   times (an event at exactly 0 then counts as one at 10⁻⁶ units). Durations censored at 0
  ///   carry no information and drop out. The exponential's closed form uses the recorded times.
  public static func maximumLikelihood(_ data: Lifetimes, family: LifetimeFamily, resolution: Double = 1) -> LifetimeFit? {
    maximumLikelihood(DurationTally(data), family: family, resolution: resolution)
  }

  /// The same fit from durations tallied by value (a streamed log).
  public static func maximumLikelihood(_ data: DurationTally, family: LifetimeFamily, resolution: Double = 1) -> LifetimeFit? {
    let points = WeightedDurations(data, floor: resolution > 0 ? 0 : 1e-6)
    guard points.events > 0 else { return nil }
    if family == .exponential {
      let mean = points.totalTime / points.events
      let logLikelihood = -points.events * log(mean) - points.totalTime / mean
      return LifetimeFit(
        family: family, mean: mean, meanStandardError: mean / points.events.squareRoot(), shape: nil,
        shapeStandardError: nil, logLikelihood: logLikelihood, aic: 2 - 2 * logLikelihood,
        sampleSize: Int(data.count), events: Int(points.events))
    }
    guard points.distinctEventTimes > 1 else { return nil }
    let objective = NegativeLogLikelihood(points: points, family: family, resolution: resolution)
    guard let optimum = objective.minimise(start: [log(points.totalTime / points.events), log(points.startingShape(for: family))])
    else { return nil }
    let covariance = objective.inverseHessian(at: optimum.theta)
    let mean = exp(optimum.theta[0])
    let shape = exp(optimum.theta[1])
    let logLikelihood = -optimum.value
    return LifetimeFit(
      family: family, mean: mean, meanStandardError: mean * (covariance?[0] ?? .nan).squareRoot(), shape: shape,
      shapeStandardError: shape * (covariance?[3] ?? .nan).squareRoot(), logLikelihood: logLikelihood,
      aic: 4 - 2 * logLikelihood, sampleSize: Int(data.count), events: Int(points.events))
  }

  /// Every family in `families` fitted, best (lowest AIC) first.
  public static func ranked(_ data: Lifetimes, among families: [LifetimeFamily] = LifetimeFamily.allCases, resolution: Double = 1) -> [LifetimeFit] {
    ranked(DurationTally(data), among: families, resolution: resolution)
  }

  public static func ranked(_ data: DurationTally, among families: [LifetimeFamily] = LifetimeFamily.allCases, resolution: Double = 1) -> [LifetimeFit] {
    families.compactMap { maximumLikelihood(data, family: $0, resolution: resolution) }.sorted { $0.aic < $1.aic }
  }
}

/// Durations folded into distinct (time, observed) points with counts: call-centre times are whole
/// seconds, so a million calls have a few thousand distinct points and each likelihood evaluation
/// costs that, not a million.
struct WeightedDurations {
  var times: [Double] = []
  var observed: [Bool] = []
  var weights: [Double] = []
  var events = 0.0
  var totalTime = 0.0
  var distinctEventTimes = 0
  /// Mean and coefficient of variation of the observed durations, for starting values.
  private var observedMean = 0.0, observedCV = 1.0

  init(_ data: DurationTally, floor: Double) {
    var counts: [Double: (observed: Double, censored: Double)] = [:]
    for (time, count) in data.counts {
      if count.observed > 0 { counts[max(time, floor), default: (0, 0)].observed += count.observed }
      if count.censored > 0, time > 0 { counts[time, default: (0, 0)].censored += count.censored }
    }
    var sum = 0.0, sumOfSquares = 0.0
    for (time, count) in counts.sorted(by: { $0.key < $1.key }) {
      if count.observed > 0 {
        times.append(time); observed.append(true); weights.append(count.observed)
        events += count.observed
        distinctEventTimes += 1
        sum += time * count.observed
        sumOfSquares += time * time * count.observed
      }
      if count.censored > 0 { times.append(time); observed.append(false); weights.append(count.censored) }
      totalTime += time * (count.observed + count.censored)
    }
    if events > 1 {
      observedMean = sum / events
      let variance = max(0, (sumOfSquares - events * observedMean * observedMean) / (events - 1))
      observedCV = variance.squareRoot() / observedMean
    }
  }

  /// A starting shape: the observed durations' cv when nothing is censored (for Weibull through
  /// k ≈ cv^−1.086, Justus et al. 1978), else 1 (the exponential).
  func startingShape(for family: LifetimeFamily) -> Double {
    let cv = events == weights.reduce(0, +) && observedCV.isFinite && observedCV > 0.01 ? min(observedCV, 10) : 1
    return family == .weibull ? pow(cv, -1.086) : cv
  }
}

/// −log L(log mean, log shape) for the simplex, and its Hessian by central differences.
final class NegativeLogLikelihood {
  let points: WeightedDurations
  let family: LifetimeFamily
  let halfResolution: Double

  init(points: WeightedDurations, family: LifetimeFamily, resolution: Double) {
    self.points = points
    self.family = family
    self.halfResolution = resolution / 2
  }

  func value(_ theta0: Double, _ theta1: Double) -> Double {
    // Outside these the families' special functions over- or underflow; nothing real lies there.
    guard abs(theta0) < 40, abs(theta1) < 8 else { return .greatestFiniteMagnitude }
    let member = family.member(mean: exp(theta0), shape: exp(theta1))
    var total = 0.0
    for index in points.times.indices {
      let time = points.times[index]
      let term: Double
      if !points.observed[index] {
        term = member.logSurvival(time)
      } else if halfResolution > 0 {
        term = member.logMass(from: max(time - halfResolution, 0), to: time + halfResolution)
      } else {
        term = member.logDensity(time)
      }
      total += points.weights[index] * term
    }
    return total.isFinite ? -total : .greatestFiniteMagnitude
  }

  func minimise(start: [Double]) -> (theta: [Double], value: Double)? {
    guard let minimiser = gsl_multimin_fminimizer_alloc(ccsim_multimin_nmsimplex2(), 2) else { return nil }
    defer { gsl_multimin_fminimizer_free(minimiser) }
    let x = gsl_vector_alloc(2)!
    let step = gsl_vector_alloc(2)!
    defer { gsl_vector_free(x); gsl_vector_free(step) }
    gsl_vector_set(x, 0, start[0]); gsl_vector_set(x, 1, start[1])
    gsl_vector_set_all(step, 0.3)
    let callback: @convention(c) (UnsafePointer<gsl_vector>?, UnsafeMutableRawPointer?) -> Double = { vector, context in
      let objective = Unmanaged<NegativeLogLikelihood>.fromOpaque(context!).takeUnretainedValue()
      return objective.value(gsl_vector_get(vector, 0), gsl_vector_get(vector, 1)) / max(objective.points.events, 1)
    }
    var function = gsl_multimin_function(f: callback, n: 2, params: Unmanaged.passUnretained(self).toOpaque())
    guard gsl_multimin_fminimizer_set(minimiser, &function, x, step) == GSL_SUCCESS else { return nil }
    for _ in 0..<2_000 {
      if gsl_multimin_fminimizer_iterate(minimiser) != GSL_SUCCESS { break }
      if gsl_multimin_test_size(gsl_multimin_fminimizer_size(minimiser), 1e-9) == GSL_SUCCESS { break }
    }
    let theta = [gsl_vector_get(minimiser.pointee.x, 0), gsl_vector_get(minimiser.pointee.x, 1)]
    let value = self.value(theta[0], theta[1])
    return value < .greatestFiniteMagnitude ? (theta, value) : nil
  }

  /// The inverse of the Hessian of −log L at `theta`, row-major, or `nil` when it is not positive
  /// definite (the optimum is on a flat ridge).
  func inverseHessian(at theta: [Double]) -> [Double]? {
    let h = 1e-4
    let f = { (a: Double, b: Double) in self.value(theta[0] + a, theta[1] + b) }
    let centre = f(0, 0)
    let h00 = (f(h, 0) - 2 * centre + f(-h, 0)) / (h * h)
    let h11 = (f(0, h) - 2 * centre + f(0, -h)) / (h * h)
    let h01 = (f(h, h) - f(h, -h) - f(-h, h) + f(-h, -h)) / (4 * h * h)
    let determinant = h00 * h11 - h01 * h01
    guard h00 > 0, determinant > 0 else { return nil }
    return [h11 / determinant, -h01 / determinant, -h01 / determinant, h00 / determinant]
  }
}
