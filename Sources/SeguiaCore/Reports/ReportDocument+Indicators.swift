import Foundation

/// `latest`: one row per indicator × territory; `series`: periods as rows, territories as columns.
public enum ComparisonLayout: String, Sendable, CaseIterable, Codable {
    case latest, series
}

extension ReportDocument {
    /// The comparison as tables, charts and notes in `language`; without `body`, title and
    /// notes only (what the JSON answer takes from it).
    public init(comparison: IndicatorComparison, layout: ComparisonLayout, language: Language, body: Bool = true) {
        let text = ReportText(language)
        let codes = comparison.territories.map(\.code)
        let sources = comparison.sources
        let sourceNumber = Dictionary(sources.enumerated().map { ($1, $0 + 1) }, uniquingKeysWith: { first, _ in first })
        func source(_ observation: IndicatorComparison.Observation?) -> ReportTable.Cell {
            observation.flatMap { sourceNumber[$0.source] }.map { .source($0) } ?? .empty
        }
        func number(_ value: Decimal?, _ decimals: Int) -> ReportTable.Cell {
            value.map { .number($0, decimals: decimals) } ?? .empty
        }
        func textCell(_ value: String?) -> ReportTable.Cell {
            value.flatMap { $0.isEmpty ? nil : ReportTable.Cell.text($0) } ?? .empty
        }
        func codeCell(_ value: String?) -> ReportTable.Cell {
            value.flatMap { $0.isEmpty ? nil : ReportTable.Cell.code($0) } ?? .empty
        }

        var tables: [ReportTable] = []
        switch body ? layout : nil {
        case nil:
            break
        case .latest:
            let columns = [
                "indicator", "code", "unit", "territory", "territory_code", "period", "value", "previous_period", "previous_value", "change", "trend",
                "vintage", "quality", "review", "source",
            ].map { text[$0] }
            var rows: [[ReportTable.Cell]] = []
            for row in comparison.rows {
                let indicator = row.indicator
                for (cell, territory) in zip(row.cells, comparison.territories) {
                    let latest = cell.latest
                    rows.append([
                        .text(indicator.names.preferred(language)), .code(indicator.code), .text(indicator.unit), .text(territory.name),
                        .code(territory.code), codeCell(latest?.period), number(latest?.value, indicator.decimals),
                        codeCell(cell.previous?.period), number(cell.previous?.value, indicator.decimals), number(cell.change, indicator.decimals),
                        textCell(cell.trend.map { text[$0.rawValue] }), codeCell(latest?.vintage), textCell(latest.map { text[$0.quality] }),
                        textCell(latest.map { text[$0.reviewFlag] + ($0.reviewReason.map { " (\($0))" } ?? "") }), source(latest),
                    ])
                }
            }
            tables.append(ReportTable(name: text["latest"], columns: columns, rows: rows))
        case .series:
            let columns = [text["indicator"], text["code"], text["unit"], text["period"], text["vintage"]] + codes + [text["source"]]
            var rows: [[ReportTable.Cell]] = []
            for block in comparison.series {
                let indicator = block.indicator
                for row in block.rows {
                    let cited = Set(row.values.compactMap { $0?.source }).compactMap { sourceNumber[$0] }.sorted()
                    rows.append(
                        [.text(indicator.names.preferred(language)), .code(indicator.code), .text(indicator.unit), .code(row.period), codeCell(row.vintage)]
                            + row.values.map { number($0?.value, indicator.decimals) }
                            + [cited.count == 1 ? .source(cited[0]) : textCell(cited.map { "[\($0)]" }.joined(separator: " "))])
                }
            }
            tables.append(ReportTable(name: text["series"], columns: columns, rows: rows))
        }

        var charts: [ReportChart] = []
        for (row, block) in zip(comparison.rows, comparison.series) where body {
            let indicator = row.indicator
            let name = indicator.names.preferred(language)
            charts.append(
                ReportChart(
                    kind: .bars, title: "\(text.isolated(indicator.code)) · \(name) — \(text["chart_bars"])", unit: indicator.unit,
                    direction: text[indicator.direction], categories: codes,
                    series: [.init(name: text["value"], values: row.cells.map { $0.latest.map { NSDecimalNumber(decimal: $0.value).doubleValue } })],
                    decimals: indicator.decimals))
            // Lines follow, per territory, the release of its latest value: releases are not mixed.
            let vintages = row.cells.map { $0.latest?.vintage }
            // Series rows come sorted by period: their order gives the x axis.
            var periods: [String] = []
            var rowsByKey: [String: IndicatorComparison.SeriesRow] = [:]
            for seriesRow in block.rows {
                if periods.last != seriesRow.period { periods.append(seriesRow.period) }
                rowsByKey[seriesRow.period + "\u{1F}" + seriesRow.vintage] = seriesRow
            }
            guard periods.count > 1 else { continue }
            let lines = comparison.territories.enumerated().map { index, territory in
                ReportChart.Series(
                    name: territory.code,
                    values: periods.map { period in
                        rowsByKey[period + "\u{1F}" + (vintages[index] ?? "")]?.values[index].map { NSDecimalNumber(decimal: $0.value).doubleValue }
                    })
            }
            charts.append(
                ReportChart(
                    kind: .lines, title: "\(text.isolated(indicator.code)) · \(name) — \(text["chart_lines"])", unit: indicator.unit,
                    direction: text[indicator.direction], categories: periods, series: lines, decimals: indicator.decimals))
        }

        let since = comparison.fromYear
        // The question asked: which indicators, which years, which part of the population.
        var subtitle = [comparison.fromYear.map { "≥ \($0)" }, comparison.toYear.map { "≤ \($0)" }].compactMap { $0 }.joined(separator: " ")
        if comparison.disaggregation != "total" { subtitle += (subtitle.isEmpty ? "" : " · ") + comparison.disaggregation }
        let asked = "\(text["indicator"]) : " + text.list(comparison.rows.map(\.indicator.code))
        subtitle = comparison.rows.isEmpty ? subtitle : asked + (subtitle.isEmpty ? "" : " · " + subtitle)
        let year = comparison.toYear ?? comparison.latestYear
        self.init(
            title: "\(text["indicator_comparison"]) — \(text.list(codes))", subtitle: subtitle, language: language,
            notes: [text.emptyCells(comparison.emptyCells, of: comparison.cellCount, since: since)], tables: tables, charts: charts,
            sources: sources, fileStem: ([text["file_comparison"]] + codes + (year.map { [String($0)] } ?? [])).joined(separator: "-"))
    }
}
