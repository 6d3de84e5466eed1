import Testing
@testable import Reporting

@Suite struct ReportingTests {
  @Test func jsonKeepsKeyOrderAndWritesNonFiniteAsNull() {
    let value = JSONValue.object([
      ("b", .integer(2)), ("a", .number(0.25)), ("wait", .number(.infinity)), ("ok", .bool(true)),
      ("name", .string("say \"hi\"\n")), ("list", .array([.number(3), .null])),
    ])
    #expect(value.rendered() == #"{"b":2,"a":0.25,"wait":null,"ok":true,"name":"say \"hi\"\n","list":[3,null]}"#)
  }

  @Test func doublesRoundTrip() {
    for x in [0.1, 1.0 / 3, 1e-300, 123456.789, 2.5e-7] {
      #expect(Double(JSONValue.number(x).rendered()) == x)
    }
  }

  @Test func tableRightAlignsColumns() {
    var table = TextTable(headers: ["agents", "SL"])
    table.append(["9", "88.8%"])
    table.append(["10", "5.0%"])
    #expect(table.rendered() == "agents     SL\n     9  88.8%\n    10   5.0%")
  }
}
