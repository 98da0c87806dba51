import Foundation
import Hummingbird
import SeguiaCore
import SeguiaExport
import SeguiaStore

/// `/{lang}`: what Seguia holds, the three countries and their territories, the latest SDG 6
/// figures per country as small charts, recent practices and the themes.
struct HomePage: Sendable {
    let renderer: WebRenderer
    let overview: OverviewRepository
    let territories: TerritoryRepository
    let search: PracticeSearch
    let themes: ThemeRepository

    func response(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        let logger = context.logger
        // Pages show what anyone may read: signing in comes with the writing side.
        let audience = PracticeAudience.anonymous
        let overview = try await self.overview.overview(audience: audience, logger: logger)
        let all = try await territories.list(.init(), logger: logger)
        var recentQuery = PracticeQuery(limit: 6)
        recentQuery.labelLanguage = language
        recentQuery.translatesTitles = true
        recentQuery.countsFacets = false
        let recent = try await search.search(recentQuery, audience: audience, logger: logger)
        let themes = try await self.themes.list(logger: logger)
        let catalogue = renderer.catalogue
        let names = Dictionary(all.map { ($0.code, $0.names.preferred(language)) }, uniquingKeysWith: { first, _ in first })
        let countries = all.filter { $0.kind == .country }
        let countryNames = Dictionary(countries.map { ($0.code, $0.names.preferred(language)) }, uniquingKeysWith: { first, _ in first })
        let holds = catalogue.text(
            "home_holds", language,
            ["practices": "\(overview.counts.practices)", "indicators": "\(overview.counts.indicators)", "values": "\(overview.counts.values)",
             "territories": "\(overview.counts.territories)"])
        let countryValues: [[String: Any]] = countries.map { country in
            [
                "name": country.names.preferred(language), "href": "/\(language.rawValue)/territories/\(country.code)",
                "children": all.filter { $0.parentCode == country.code }.map { child in
                    ["name": child.names.preferred(language), "href": "/\(language.rawValue)/territories/\(child.code)"]
                },
            ]
        }
        var figures: [[String: Any]] = []
        var order: [String] = []
        var byIndicator: [String: [Overview.CountryFigure]] = [:]
        // The headline indicators (6.1.1, 6.2.1, …); their components are on each indicator's page.
        for figure in overview.figures where figure.indicator.split(separator: ".").count == 3 && figure.indicator.allSatisfy({ $0.isNumber || $0 == "." }) {
            if byIndicator[figure.indicator] == nil { order.append(figure.indicator) }
            byIndicator[figure.indicator, default: []].append(figure)
        }
        for (index, code) in order.enumerated() {
            let values = byIndicator[code] ?? []
            guard let first = values.first else { continue }
            let shown = countries.filter { country in values.contains { $0.country == country.code } }
            let chart = ReportChart(
                kind: .bars, title: "\(code) · \(first.indicatorNames.preferred(language))", unit: IndicatorUnit.name(first.unit, in: language), direction: "",
                categories: shown.map { countryNames[$0.code] ?? $0.code },
                series: [ReportChart.Series(name: code, values: shown.map { country in
                    values.first { $0.country == country.code }.map { NSDecimalNumber(decimal: $0.value).doubleValue }
                })],
                decimals: first.decimals)
            figures.append([
                "code": code, "name": first.indicatorNames.preferred(language), "href": "/\(language.rawValue)/indicators/\(code)",
                "svg": SVGChart(chart: chart, identifier: "home-figure-\(index + 1)", noValue: catalogue.text("practice_period_unknown", language), compact: true).svg,
                "periods": values.map { "\(countryNames[$0.country] ?? $0.country) \($0.period)" }.joined(separator: " · "),
                "sources": Array(Set(values.map(\.source))).sorted().joined(separator: " · "),
            ])
        }
        let page = WebPage(
            template: "home", title: catalogue.text("home_title", language),
            values: [
                "holds": holds, "countries": countryValues, "figures": figures,
                "recent": recent.items.map { PracticeCard.values($0, language: language, territoryNames: names) },
                "themes": themes.map { ["name": $0.names.preferred(language), "href": "/\(language.rawValue)/practices?theme=\($0.key)"] },
                "allPractices": "/\(language.rawValue)/practices",
            ])
        return renderer.response(page, language: language, request: request)
    }
}
