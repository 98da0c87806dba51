import Foundation
import SeguiaCore
import Testing

@Suite struct ReportModelTests {
    @Test func trendsReadTheIndicatorsDirectionAndItsDecimals() {
        #expect(Trend.of(change: 0.3, previous: 70, direction: "higher_is_better", decimals: 1) == .improving)
        #expect(Trend.of(change: 0.3, previous: 70, direction: "lower_is_better", decimals: 1) == .worsening)
        #expect(Trend.of(change: 0.04, previous: 70, direction: "higher_is_better", decimals: 1) == .stable)
        #expect(Trend.of(change: -0.4, previous: 70, direction: "higher_is_better", decimals: 0) == .stable)
        #expect(Trend.of(change: -12, previous: 500, direction: "neutral", decimals: 1) == .falling)
    }

    @Test func valuesArePlacedAgainstThePracticesPeriod() {
        #expect(PracticeEvidence.Phase.of(period: "2015", practiceStart: "2017-03-01", practiceEnd: "2019-12-31") == .before)
        #expect(PracticeEvidence.Phase.of(period: "2017", practiceStart: "2017-03-01", practiceEnd: "2019-12-31") == .during)
        #expect(PracticeEvidence.Phase.of(period: "2020-Q1", practiceStart: "2017-03-01", practiceEnd: "2019-12-31") == .after)
        #expect(PracticeEvidence.Phase.of(period: "2030", practiceStart: "2017-03-01", practiceEnd: nil) == .during)
        #expect(PracticeEvidence.Phase.of(period: "2030", practiceStart: nil, practiceEnd: nil) == .undated)
    }

    @Test func comparisonsTakeTheLatestValueAndThePreviousOfTheSameRelease() {
        let indicator = IndicatorDefinition(code: "6.2.1", names: LocalizedNames(fr: "Assainissement"), unit: "%", direction: "higher_is_better", decimals: 1)
        func value(_ territory: String, _ period: String, _ vintage: String, _ number: Decimal) -> IndicatorValue {
            IndicatorValue(id: 1, indicator: "6.2.1", territory: territory, period: period, vintage: vintage, value: number, unit: "%", source: "JMP \(vintage)")
        }
        let comparison = IndicatorComparison(
            indicators: [indicator], territories: [TerritoryLabel(code: "MA", name: "Maroc"), TerritoryLabel(code: "PS", name: "Palestine")],
            values: [value("MA", "2020", "JMP-2021", 39.3), value("MA", "2019", "JMP-2021", 38), value("MA", "2020", "JMP-2023", 60.7),
                     value("MA", "2018", "JMP-2023", 58)],
            fromYear: 2015, toYear: nil, disaggregation: "total")
        let morocco = comparison.rows[0].cells[0]
        #expect(morocco.latest?.vintage == "JMP-2023" && morocco.latest?.value == Decimal(string: "60.7"))
        // The previous value is 2018 of the same release, not 2019 of the older one.
        #expect(morocco.previous?.period == "2018" && morocco.change == Decimal(string: "2.7") && morocco.trend == .improving)
        #expect(comparison.rows[0].cells[1].latest == nil)
        #expect(comparison.emptyCells == 1 && comparison.cellCount == 2)
        #expect(comparison.series[0].rows.map { "\($0.period)/\($0.vintage)" } == ["2018/JMP-2023", "2019/JMP-2021", "2020/JMP-2021", "2020/JMP-2023"])
        let document = ReportDocument(comparison: comparison, layout: .latest, language: .en)
        #expect(document.notes == ["1 of 2 cells has no value since 2015."])
        #expect(document.fileStem == "comparison-MA-PS-2020")
    }
}
