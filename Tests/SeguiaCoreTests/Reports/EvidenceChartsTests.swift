import Foundation
import SeguiaCore
import Testing

@Suite struct EvidenceChartsTests {
    private let indicator = IndicatorDefinition(code: "6.1.1", names: LocalizedNames(fr: "Eau potable"), unit: "%", direction: "higher_is_better", decimals: 1)

    private func value(_ territory: String, _ period: String, _ vintage: String, _ number: Decimal) -> IndicatorValue {
        IndicatorValue(id: nil, indicator: "6.1.1", territory: territory, period: period, vintage: vintage, value: number, unit: "%", source: "JMP \(vintage)")
    }

    /// Two governorates without figures of their own borrow Palestine's: one line, said once,
    /// never a line per governorate; one release per line; the practice's period shaded.
    @Test func territoriesBorrowingTheSameFiguresAreOneLineSaidOnce() throws {
        var evidence = PracticeEvidence(
            slug: "s", title: "t", periodStart: "2019-01-01", periodEnd: "2020-12-31",
            territories: [TerritoryLabel(code: "PS-TBS", name: "Tubas"), TerritoryLabel(code: "PS-JEN", name: "Jénine"), TerritoryLabel(code: "MA", name: "Maroc")],
            chains: ["PS-TBS": ["PS-TBS", "PS"], "PS-JEN": ["PS-JEN", "PS"], "MA": ["MA"]],
            indicators: [indicator],
            values: [
                value("PS", "2018", "JMP-2021", 70), value("PS", "2019", "JMP-2021", 71), value("PS", "2019", "JMP-2023", 72),
                value("PS", "2020", "JMP-2023", 73), value("PS", "2021", "JMP-2023", 74), value("MA", "2020", "", 60),
            ])
        evidence.territoryNames = ["PS": "Palestine", "PS-TBS": "Tubas", "PS-JEN": "Jénine", "MA": "Maroc"]
        let charts = EvidenceCharts.charts(evidence, language: .fr, names: evidence.territoryNames)
        let chart = try #require(charts.first)
        #expect(charts.count == 1)
        #expect(chart.chart.series.map(\.name) == ["Palestine (JMP-2023)", "Maroc"])
        // The newest release only on Palestine's line: 2018 exists only in JMP-2021.
        #expect(chart.chart.categories == ["2019", "2020", "2021"])
        #expect(chart.chart.series[0].values == [72, 73, 74])
        #expect(chart.notes == ["Tubas, Jénine : pas de valeurs propres ; les chiffres de Palestine sont montrés."])
        #expect(chart.chart.band?.range == 0...1)
        let document = ReportDocument(evidence: evidence, language: .fr)
        #expect(document.notes == chart.notes)
    }
}
