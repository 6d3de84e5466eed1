import SimKernel

extension Scenario {
  /// Each interval's mean arrival rate of type `type` (contacts per second), the surges applied
  /// over the part of the interval they cover, at the day's expected busyness of 1: the rates the
  /// simulation draws arrivals from, averaged per interval (`ccsim staff`'s Erlang start).
  public func meanArrivalRates(type: Int) -> [Double] {
    var area = [Double](repeating: 0, count: intervalCount)
    var from = 0.0
    for piece in ArrivalSegment.pieces(of: self, type: type, busyness: 1) {
      if piece.bucket > 0 { area[Int(piece.bucket) - 1] += piece.rate * (piece.end - from) }
      from = piece.end
    }
    return area.map { $0 / intervalLength }
  }
}
