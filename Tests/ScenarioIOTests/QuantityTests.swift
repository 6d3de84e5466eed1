import Foundation
import TestSupport
import Testing
@testable import ScenarioIO

@Suite struct QuantityTests {
  static let durations: [(String, Double)] = [("20s", 20), ("4m", 240), ("1.5h", 5400), ("0s", 0), (" 180s ", 180), ("0.5m", 30)]
  @Test(arguments: durations)
  func durationsCarryUnits(text: String, seconds: Double) {
    #expect(Quantity.seconds(text) == seconds)
  }

  @Test(arguments: ["20", "", "s", "-5s", "4min", "1e999s", "nans", "4 m x"])
  func durationsWithoutAValidUnitAreRejected(text: String) {
    #expect(Quantity.seconds(text) == nil)
  }

  static let rates: [(String, Double)] = [
    ("200/h", 200.0 / 3600), ("3.5/m", 3.5 / 60), ("2/s", 2), ("100/30m", 100.0 / 1800), ("0/h", 0), ("90/1.5h", 90.0 / 5400),
  ]
  @Test(arguments: rates)
  func ratesCarryTheirPeriod(text: String, perSecond: Double) {
    let got = Quantity.ratePerSecond(text)
    #expect(got.map { abs($0 - perSecond) <= 1e-15 * perSecond } == true, "\(text) → \(String(describing: got))")
  }

  @Test(arguments: ["200", "-5/h", "200/", "/h", "200/0m", "200/x", "1/2/h"])
  func badRatesAreRejected(text: String) {
    #expect(Quantity.ratePerSecond(text) == nil)
  }

  @Test func percentagesAndServiceLevelTargets() {
    #expect(Quantity.fraction("85%") == 0.85)
    #expect(Quantity.fraction("85") == nil)
    #expect(Quantity.fraction("120%") == nil)
    #expect(Quantity.serviceLevel("80/20s")! == (0.8, 20))
    #expect(Quantity.serviceLevel("80%/1m")! == (0.8, 60))
    #expect(Quantity.serviceLevel("80/20") == nil)
    #expect(Quantity.serviceLevel("101/20s") == nil)
  }

  @Test func inputErrorsNameThePlaceTheFieldAndBothValues() {
    let error = InputError(location: "day.csv:3:7", field: "contacts", expected: "a number of contacts ≥ 0", found: "x")
    #expect(error.description == "day.csv:3:7: contacts: expected a number of contacts ≥ 0, found 'x'")
    #expect(InputError(field: "--rate", expected: "a rate", found: "").description == "--rate: expected a rate, found nothing")
  }
}

@Suite struct IntervalProfileTests {
  func fixture(_ name: String) -> String {
    Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil)!.path
  }

  @Test func readsStartsContactsAndOptionalHandleTimes() throws {
    let profile = try IntervalProfile(csv: "# comment\nstart,contacts,aht\n08:00,52,190s\n\n08:15,61,\n08:30,75.5,3.2m\n", file: "day.csv")
    #expect(profile.intervalLength == 900)
    #expect(profile.intervals.map(\.start) == [28_800, 29_700, 30_600])
    #expect(profile.intervals.map(\.contacts) == [52, 61, 75.5])
    #expect(profile.intervals.map(\.meanHandleTime) == [190, nil, 192])
  }

  @Test func theBundledExampleReads() throws {
    let profile = try IntervalProfile(contentsOf: repositoryPath("Scenarios/hotline-day.csv"))
    #expect(profile.intervals.count == 56)
    #expect(profile.intervalLength == 900)
  }

  @Test(arguments: [
    ("bad-contacts.csv", "bad-contacts.csv:3:7: contacts: expected a number of contacts ≥ 0, found '-4'"),
    ("bad-header.csv", "bad-header.csv:1:1: header: expected the header line 'start,contacts' or 'start,contacts,aht', found 'time,calls'"),
    ("bad-aht.csv", "bad-aht.csv:3:10: aht: expected a mean handle time with a unit, such as 180s or 3.5m, or nothing for the default, found '180'"),
    ("bad-start.csv", "bad-start.csv:4:1: start: expected a start later than the previous row's 08:15, found '08:00'"),
    ("uneven.csv", "uneven.csv:4:1: start: expected a start 15m after the previous row's 08:15 (the interval length), found '09:00'"),
    ("short-row.csv", "short-row.csv:3:1: row: expected 2 comma-separated fields (start,contacts), found '08:15'"),
  ])
  func errorsNameFileLineColumnAndField(file: String, message: String) throws {
    let text = try String(contentsOfFile: fixture(file), encoding: .utf8)
    let error = #expect(throws: InputError.self) { try IntervalProfile(csv: text, file: file) }
    #expect(error?.description == message)
  }
}
