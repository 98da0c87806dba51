import Foundation
import SeguiaCore
import Testing

@Suite struct TerritoryCodeTests {
    @Test(arguments: ["FR", "FR-OCC", "MA-06", "PS-TBS", "FR-34-MMM", "MA-TAR-ARGHEN"])
    func acceptsISOAndDerivedCodes(_ code: String) {
        #expect(TerritoryCode.isValid(code))
    }

    @Test(arguments: ["", "fr-occ", "FR--OCC", "-FR", "FR-", "FR OCC", "FR-OCC'; DROP TABLE territories; --", String(repeating: "A", count: 33)])
    func rejectsMalformedCodes(_ code: String) {
        #expect(!TerritoryCode.isValid(code))
    }

    @Test func normalisesCaseAndSpaces() {
        #expect(TerritoryCode.normalise("  fr-occ ") == "FR-OCC")
    }
}

@Suite struct DatePrecisionTests {
    @Test func formatsToTheKnownPrecision() throws {
        let day = try #require(DatePrecision.parseDay("2019-03-14"))
        #expect(DatePrecision.year.format(day) == "2019")
        #expect(DatePrecision.month.format(day) == "2019-03")
        #expect(DatePrecision.day.format(day) == "2019-03-14")
    }

    @Test(arguments: ["2019-02-30", "2019-3-14", "14/03/2019", "2019-03-14T00:00:00Z", ""])
    func rejectsInvalidDays(_ text: String) {
        #expect(DatePrecision.parseDay(text) == nil)
    }

    @Test func openBoundsCoverEveryDay() throws {
        let start = try #require(DatePrecision.parseDay("2019-01-01"))
        let end = try #require(DatePrecision.parseDay("2022-12-31"))
        let closed = DatePeriod(start: start, end: end, precision: .year)
        let openEnded = DatePeriod(start: start, end: nil, precision: .year)
        let inside = try #require(DatePrecision.parseDay("2020-06-01"))
        let after = try #require(DatePrecision.parseDay("2023-01-01"))
        #expect(closed.contains(inside))
        #expect(!closed.contains(after))
        #expect(openEnded.contains(after))
        #expect(closed.startText == "2019" && closed.endText == "2022")
    }
}
