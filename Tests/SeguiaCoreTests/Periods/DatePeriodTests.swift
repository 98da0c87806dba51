import Testing

@testable import SeguiaCore

@Suite struct DatePeriodTests {
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
        let closed = DatePeriod(start: "2019-01-01", end: "2022-12-31", precision: .year)
        let openEnded = DatePeriod(start: "2019-01-01", end: nil, precision: .year)
        let inside = "2020-06-01"
        let after = "2023-01-01"
        #expect(closed.contains(inside))
        #expect(!closed.contains(after))
        #expect(openEnded.contains(after))
        #expect(closed.startText == "2019" && closed.endText == "2022")
    }

    @Test func boundsAreTheFirstOrLastDayOfWhatIsWritten() {
        #expect(DatePeriod.bound("2019", last: false)! == ("2019-01-01", .year))
        #expect(DatePeriod.bound("2019", last: true)! == ("2019-12-31", .year))
        #expect(DatePeriod.bound("2024-02", last: true)! == ("2024-02-29", .month))
        #expect(DatePeriod.bound("2023-02", last: true)! == ("2023-02-28", .month))
        #expect(DatePeriod.bound("1900-02", last: true)! == ("1900-02-28", .month))
        #expect(DatePeriod.bound("2000-02", last: true)! == ("2000-02-29", .month))
        #expect(DatePeriod.bound("2019-03-14", last: true)! == ("2019-03-14", .day))
    }

    @Test(arguments: ["-2020", "2021--", "+202", "202", "2019-13", "2019-02-30", "2019-3", ""])
    func refusesWhatIsNotAYearMonthOrDay(_ text: String) {
        #expect(DatePeriod.bound(text, last: false) == nil)
    }

    @Test func wholeYearsRunFromJanuaryToDecember() {
        #expect(DatePeriod.years(2019, through: 2022) == DatePeriod(start: "2019-01-01", end: "2022-12-31", precision: .year))
        #expect(DatePeriod.years(2012, through: nil).end == nil)
    }

    @Test func aPeriodIsAsPreciseAsItsCoarsestBound() {
        #expect([DatePrecision.day, .year, .month].min() == .year)
        #expect([DatePrecision.day, .month].min() == .month)
    }
}
