import Foundation
import Hummingbird
import SeguiaCore
import SeguiaExport
import SeguiaStore

/// `/{lang}/indicators`, the data dictionary, and `/{lang}/indicators/{code}`: the definition
/// sheet, a chart per territory (one line per release), the values with their sources, quality
/// and review flags, which territories × years have values, and downloads.
struct IndicatorPage: Sendable {
    let renderer: WebRenderer
    let indicators: IndicatorRepository
    let values: ValueRepository
    let territories: TerritoryRepository
    let themes: ThemeRepository

    /// Rows shown in the page's table; the downloads hold every value.
    static let tableRows = 500

    func list(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        let definitions = try await indicators.indicators(counting: true, logger: context.logger)
        let catalogue = renderer.catalogue
        let rows: [[String: Any]] = definitions.map { indicator in
            [
                "code": indicator.code, "name": indicator.names.preferred(language), "href": "/\(language.rawValue)/indicators/\(indicator.code)",
                "unit": IndicatorUnit.name(indicator.unit, in: language), "direction": ReportText(language)[indicator.direction],
                "sdg": indicator.sdgIndicator ?? "", "count": indicator.valueCount,
                "computed": indicator.formula != nil ? catalogue.text("indicator_computed", language) : "",
            ]
        }
        let page = WebPage(template: "indicators", title: catalogue.text("nav_indicators", language), values: ["rows": rows])
        return renderer.response(page, language: language, request: request)
    }

    func detail(_ language: Language, code: String, request: Request, context: some RequestContext) async throws -> Response {
        let logger = context.logger
        let indicator = try await indicators.indicator(code, logger: logger)
        var filter = ValueRepository.Filter()
        filter.indicator = indicator.code
        filter.disaggregation = "total"
        filter.limit = 20_000
        let all = try await values.values(filter, logger: logger).filter { $0.indicator == indicator.code }
        let places = try await territories.list(.init(), logger: logger)
        let themeNames = Dictionary(try await themes.list(logger: logger).map { ($0.key, $0.names.preferred(language)) }, uniquingKeysWith: { a, _ in a })
        let catalogue = renderer.catalogue
        let base = "/\(language.rawValue)"
        let names = Dictionary(places.map { ($0.code, $0.names.preferred(language)) }, uniquingKeysWith: { first, _ in first })
        let order = Dictionary(places.enumerated().map { ($0.element.code, $0.offset) }, uniquingKeysWith: { first, _ in first })
        let name = indicator.names.preferred(language)

        var facts: [[String: Any]] = []
        func fact(_ key: String, _ text: String?, href: String? = nil) {
            guard let text, !text.isEmpty else { return }
            var values: [String: Any] = ["label": catalogue.text(key, language), "text": text]
            if let href { values["href"] = href }
            facts.append(values)
        }
        fact("indicator_measures", indicator.description)
        fact("indicator_unit", IndicatorUnit.name(indicator.unit, in: language))
        fact("indicator_direction", ReportText(language)[indicator.direction])
        fact("indicator_sdg", indicator.sdgIndicator)
        fact("indicator_series", indicator.unSeriesCode)
        if let formula = indicator.formula {
            let text = formula.kind == "complement"
                ? "100 − \(formula.numerator)"
                : "\(formula.numerator) / \(formula.denominator ?? "?") × \(formula.factor.map { "\($0)" } ?? "1")"
            fact("indicator_formula", text, href: "\(base)/indicators/\(formula.numerator)")
        }
        fact("indicator_theme", indicator.theme.map { themeNames[$0] ?? $0 }, href: indicator.theme.map { "\(base)/practices?theme=\($0)" })
        fact("indicator_names", [indicator.names.fr, indicator.names.en, indicator.names.ar].compactMap { $0 }.joined(separator: " · "))
        var nameNote: String?
        if language == .ar, indicator.names.ar != nil {
            nameNote = indicator.arabicNameOrigin == "un"
                ? catalogue.text("indicator_name_un", language, ["source": indicator.arabicNameSource ?? ""])
                : catalogue.text("indicator_name_translated", language)
        }

        // One chart per territory with values, countries first.
        let byTerritory = Dictionary(grouping: all, by: \.territory)
        let territoryCodes = byTerritory.keys.sorted { (order[$0] ?? Int.max, $0) < (order[$1] ?? Int.max, $1) }
        let charts: [[String: Any]] = territoryCodes.enumerated().map { index, territory in
            let chart = ReleaseChart.chart(
                title: "\(names[territory] ?? territory) · \(indicator.code)", indicator: indicator, values: byTerritory[territory] ?? [],
                language: language, unnamedRelease: catalogue.text("value_release_none", language))
            return [
                "territory": names[territory] ?? territory, "href": "\(base)/territories/\(territory)",
                "svg": SVGChart(chart: chart, identifier: "indicator-chart-\(index + 1)", noValue: "", compact: true).svg,
            ]
        }
        // The values, newest first, sources numbered once each.
        var sources: [String] = []
        var sourceNumber: [String: Int] = [:]
        let sorted = all.sorted {
            ((order[$0.territory] ?? Int.max), ValuePeriod($1.period)?.start ?? $1.period, $1.vintage)
                < ((order[$1.territory] ?? Int.max), ValuePeriod($0.period)?.start ?? $0.period, $0.vintage)
        }
        let rows: [[String: Any]] = sorted.prefix(Self.tableRows).map { value in
            if sourceNumber[value.source] == nil {
                sources.append(value.source)
                sourceNumber[value.source] = sources.count
            }
            return [
                "territory": names[value.territory] ?? value.territory, "period": value.period, "release": value.vintage,
                "value": ReportNumber.format(value.value, decimals: indicator.decimals), "quality": value.quality,
                "review": value.reviewFlag == "ok" ? "" : (value.reviewReason.map { "\(value.reviewFlag): \($0)" } ?? value.reviewFlag),
                "source": sourceNumber[value.source] ?? 0,
            ]
        }
        // Coverage: which territories have a value for which years.
        let years = Set(all.compactMap { Int($0.period.prefix(4)) })
        var coverage: [String: Any] = [:]
        if let first = years.min(), let last = years.max() {
            let span = Array(first...last)
            coverage = [
                "years": span.map { String($0) },
                "rows": territoryCodes.map { territory -> [String: Any] in
                    let have = Set((byTerritory[territory] ?? []).compactMap { Int($0.period.prefix(4)) })
                    return ["territory": names[territory] ?? territory, "cells": span.map { ["has": have.contains($0)] }]
                },
            ]
        }
        let api = "/api/v1/values"
        let page = WebPage(
            template: "indicator", title: "\(indicator.code) · \(name)",
            values: [
                "code": indicator.code, "name": name, "nameNote": nameNote ?? false, "facts": facts, "charts": charts, "hasCharts": !charts.isEmpty,
                "rows": rows, "hasRows": !rows.isEmpty, "truncated": all.count > Self.tableRows
                    ? catalogue.text("indicator_truncated", language, ["shown": "\(Self.tableRows)", "total": "\(all.count)"]) : false,
                "sources": sources.enumerated().map { ["number": $0.offset + 1, "text": $0.element] },
                "coverage": coverage.isEmpty ? false : coverage,
                "downloads": [
                    ["label": "CSV", "href": "\(api).csv?indicator=\(indicator.code)"],
                    ["label": catalogue.text("download_csv_french", language), "href": "\(api).csv?indicator=\(indicator.code)&sep=%3B"],
                    ["label": "JSON", "href": "\(api).json?indicator=\(indicator.code)"],
                ],
            ])
        return renderer.response(page, language: language, request: request)
    }
}
