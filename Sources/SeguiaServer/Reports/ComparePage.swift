import Foundation
import Hummingbird
import SeguiaCore
import SeguiaExport
import SeguiaStore

/// `/{lang}/compare`: territories (from the tree), indicators and themes chosen in a form that
/// works without script; the table indicator × territory as a steering committee reads it (the
/// latest value with its period), a chart per indicator, themes × territories with each sheet's
/// levers, limits, lessons and recommendations once, and the downloads. The URL holds the question.
struct ComparePage: Sendable {
    let renderer: WebRenderer
    let reports: ReportRepository
    let saved: SavedReportRepository
    let territories: TerritoryRepository
    let indicators: IndicatorRepository
    let themes: ThemeRepository

    func response(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        let logger = context.logger
        var parameters = QueryParameters(request)
        let territoryCodes = parameters.codes("territories", territory: true) ?? []
        let chosenIndicators = parameters.codes("indicators", territory: false) ?? []
        let chosenThemes = parameters.codes("themes", territory: false) ?? []
        try parameters.validate()

        let places = try await territories.list(.init(), logger: logger)
        let definitions = try await indicators.indicators(counting: true, logger: logger)
        let themeList = try await themes.list(logger: logger)
        let savedReports = try await saved.list(logger: logger)
        let catalogue = renderer.catalogue
        let base = "/\(language.rawValue)"

        // The form: the territory tree, indicators with values, themes.
        let tree: [[String: Any]] = TerritoryTree.byName(places, language: language).map { territory, depth in
            [
                "code": territory.code, "name": territory.names.preferred(language), "depth": min(depth, 3),
                "checked": territoryCodes.contains(territory.code), "id": "territory-\(territory.code)",
            ]
        }
        let indicatorChoices: [[String: Any]] = definitions.filter { $0.valueCount > 0 || $0.formula != nil }.map { indicator in
            ["code": indicator.code, "name": indicator.names.preferred(language), "checked": chosenIndicators.contains(indicator.code),
             "id": "indicator-\(indicator.code)"]
        }
        let themeChoices: [[String: Any]] = themeList.map { theme in
            ["key": theme.key, "name": theme.names.preferred(language), "checked": chosenThemes.contains(theme.key), "id": "theme-\(theme.key)"]
        }
        var values: [String: Any] = [
            "tree": tree, "indicatorChoices": indicatorChoices, "themeChoices": themeChoices,
            "saved": savedReports.map { report -> [String: Any] in
                ["name": report.name, "href": "\(base)/compare?" + Self.query(report.definition)]
            },
            "hasSaved": !savedReports.isEmpty,
        ]

        if !territoryCodes.isEmpty {
            let labels = try ReportRepository.labels(territoryCodes, in: places, language: language, field: "territories")
            values["hasQuestion"] = true
            values["columns"] = labels.map { ["name": $0.name, "href": "\(base)/territories/\($0.code)"] }
            let question = Self.query(territories: territoryCodes, indicators: chosenIndicators, themes: chosenThemes)
            if !chosenIndicators.isEmpty {
                let wanted = try ReportRepository.indicators(chosenIndicators, in: definitions)
                let comparison = try await reports.indicatorComparison(
                    territories: labels, indicators: wanted, fromYear: nil, toYear: nil, disaggregation: "total", wholeSeries: false, logger: logger)
                values["indicatorRows"] = comparison.rows.map { row -> [String: Any] in
                    [
                        "code": row.indicator.code, "name": row.indicator.names.preferred(language), "href": "\(base)/indicators/\(row.indicator.code)",
                        "unit": IndicatorUnit.name(row.indicator.unit, in: language),
                        "cells": row.cells.map { cell -> [String: Any] in
                            guard let latest = cell.latest else { return ["empty": catalogue.text("compare_no_value", language)] }
                            return [
                                "value": ReportNumber.format(latest.value, decimals: row.indicator.decimals),
                                "period": latest.vintage.isEmpty ? latest.period : "\(latest.period) · \(latest.vintage)",
                            ]
                        },
                    ]
                }
                values["charts"] = comparison.rows.enumerated().map { index, row -> [String: Any] in
                    let chart = ReportChart(
                        kind: .bars, title: "\(row.indicator.code) · \(row.indicator.names.preferred(language))",
                        unit: IndicatorUnit.name(row.indicator.unit, in: language), direction: ReportText(language)[row.indicator.direction],
                        categories: labels.map(\.name),
                        series: [ReportChart.Series(name: row.indicator.code, values: row.cells.map { cell in
                            cell.latest.map { NSDecimalNumber(decimal: $0.value).doubleValue }
                        })],
                        decimals: row.indicator.decimals)
                    return [
                        "title": "\(row.indicator.code) · \(row.indicator.names.preferred(language))",
                        "svg": SVGChart(chart: chart, identifier: "compare-chart-\(index + 1)", noValue: catalogue.text("compare_no_value", language), compact: true).svg,
                    ]
                }
                values["hasIndicators"] = true
                values["sources"] = comparison.sources.enumerated().map { ["number": $0.offset + 1, "text": $0.element] }
                let api = "/api/v1/reports/indicators?\(question)&lang=\(language.rawValue)"
                values["indicatorDownloads"] = [
                    ["label": "XLSX", "href": "\(api)&format=xlsx"],
                    ["label": "CSV", "href": "\(api)&format=csv"],
                    ["label": catalogue.text("download_csv_french", language), "href": "\(api)&format=csv&sep=%3B"],
                    ["label": "Markdown", "href": "\(api)&format=md"],
                    ["label": catalogue.text("compare_printable", language), "href": "\(api)&format=html"],
                    ["label": "JSON", "href": "\(api)&format=json"],
                ]
            }
            if !chosenThemes.isEmpty {
                let comparison = try await reports.practiceComparison(
                    territories: labels, themes: chosenThemes, audience: .anonymous, language: language, perCell: Self.practicesPerCell,
                    logger: logger)
                var sheets: [String: PracticeComparison.Entry] = [:]
                var order: [String] = []
                values["themeRows"] = comparison.themes.map { theme -> [String: Any] in
                    [
                        "name": theme.name, "href": "\(base)/practices?theme=\(theme.key)",
                        "cells": theme.cells.map { cell -> [String: Any] in
                            for entry in cell.practices where sheets[entry.slug] == nil {
                                sheets[entry.slug] = entry
                                order.append(entry.slug)
                            }
                            return [
                                "practices": cell.practices.map { ["title": $0.title, "anchor": "#sheet-\($0.slug)"] },
                                "empty": cell.practices.isEmpty ? catalogue.text("compare_no_practice", language) : false,
                                "more": cell.total > cell.practices.count
                                    ? ["text": catalogue.text("compare_all_practices", language, ["count": "\(cell.total)"]),
                                       "href": "\(base)/practices?territory=\(cell.territory)&theme=\(theme.key)"] as [String: Any] : false,
                            ]
                        },
                    ]
                }
                values["sheets"] = order.compactMap { sheets[$0] }.map { entry -> [String: Any] in
                    [
                        "anchor": "sheet-\(entry.slug)", "title": entry.title, "href": "\(base)/practices/\(entry.slug)", "organisations": entry.organisations,
                        "period": entry.period, "levers": entry.levers, "limits": entry.limits, "lessons": entry.lessons,
                        "recommendations": entry.recommendations,
                    ]
                }
                values["hasThemes"] = true
                let api = "/api/v1/reports/practices?\(Self.query(territories: territoryCodes, indicators: [], themes: chosenThemes))&lang=\(language.rawValue)"
                values["practiceDownloads"] = [
                    ["label": "XLSX", "href": "\(api)&format=xlsx"], ["label": "CSV", "href": "\(api)&format=csv"],
                    ["label": "Markdown", "href": "\(api)&format=md"], ["label": catalogue.text("compare_printable", language), "href": "\(api)&format=html"],
                ]
            }
        }
        let page = WebPage(template: "compare", title: catalogue.text("compare_title", language), values: values)
        return renderer.response(page, language: language, request: request)
    }

    /// Practices shown in one cell of the page; the cell links to the search for all of them.
    static let practicesPerCell = 10

    /// The question as this page's query string (and the reports API's).
    static func query(territories: [String], indicators: [String], themes: [String]) -> String {
        var pairs = [(name: "territories", value: territories.joined(separator: ","))]
        if !indicators.isEmpty { pairs.append(("indicators", indicators.joined(separator: ","))) }
        if !themes.isEmpty { pairs.append(("themes", themes.joined(separator: ","))) }
        return FormEncoding.query(pairs)
    }

    static func query(_ definition: ReportDefinition) -> String {
        query(territories: definition.territories, indicators: definition.indicators, themes: definition.themes)
    }
}
