import Foundation
import Hummingbird
import SeguiaCore
import SeguiaExport
import SeguiaStore

/// `/{lang}/territories` (the three countries and what they contain) and
/// `/{lang}/territories/{code}`: ancestors, children, practices there and below, the latest
/// value of each indicator with its series, agreements and organisations.
struct TerritoryPage: Sendable {
    let renderer: WebRenderer
    let territories: TerritoryRepository
    let organisations: OrganisationRepository
    let agreements: AgreementRepository
    let documents: DocumentRepository
    let indicators: IndicatorRepository
    let values: ValueRepository
    let search: PracticeSearch

    func list(_ language: Language, request: Request, context: some RequestContext) async throws -> Response {
        let all = try await territories.list(.init(), logger: context.logger)
        let entries: [[String: Any]] = TerritoryTree.byName(all, language: language).map { territory, depth in
            [
                "name": territory.names.preferred(language), "href": "/\(language.rawValue)/territories/\(territory.code)", "code": territory.code,
                "kind": renderer.catalogue.text("territory_kind_\(territory.kind.rawValue)", language), "depth": min(depth, 3),
            ]
        }
        let page = WebPage(template: "territories", title: renderer.catalogue.text("nav_territories", language), values: ["entries": entries])
        return renderer.response(page, language: language, request: request)
    }

    func detail(_ language: Language, code raw: String, request: Request, context: some IdentifiedRequestContext) async throws -> Response {
        let logger = context.logger
        let code = TerritoryCode.normalise(raw)
        guard TerritoryCode.isValid(code) else { throw AppError.notFound(resource: "territory", identifier: raw) }
        // The territory, the chain above it and those directly within, all from the one list the
        // page needs anyway for the names of its practices' territories.
        let all = try await territories.list(.init(), logger: logger)
        let byCode = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        guard let territory = byCode[code] else { throw AppError.notFound(resource: "territory", identifier: code) }
        let ancestors = Array(sequence(first: territory) { $0.parentCode.flatMap { byCode[$0] } }.dropFirst())
        let children = all.filter { $0.parentCode == code }.sorted { $0.code < $1.code }
        var practiceQuery = PracticeQuery(territory: code, limit: 10)
        practiceQuery.labelLanguage = language
        practiceQuery.translatesTitles = true
        practiceQuery.countsFacets = false
        let practices = try await search.search(practiceQuery, audience: .anonymous, logger: logger)
        var filter = ValueRepository.Filter()
        filter.territory = code
        filter.disaggregation = "total"
        filter.limit = 20_000
        let values = try await self.values.values(filter, logger: logger)
        let definitions = try await indicators.indicators(counting: false, logger: logger)
        let organisations = try await self.organisations.list(.init(territory: code), logger: logger)
        let agreements = try await self.agreements.list(.init(party: code), logger: logger)
        let found = try await documents.search(DocumentQuery(territory: code, limit: 20), audience: context.identity.audience, language: language, logger: logger)
        let catalogue = renderer.catalogue
        let base = "/\(language.rawValue)"
        let name = territory.names.preferred(language)
        let names = Dictionary(all.map { ($0.code, $0.names.preferred(language)) }, uniquingKeysWith: { first, _ in first })

        let byIndicator = Dictionary(grouping: values, by: \.indicator)
        let figures: [[String: Any]] = definitions.filter { byIndicator[$0.code] != nil }.enumerated().compactMap { index, indicator in
            let series = byIndicator[indicator.code] ?? []
            guard let latest = ReleaseChart.latest(series) else { return nil }
            let chart = ReleaseChart.chart(
                title: "\(indicator.code) · \(indicator.names.preferred(language))", indicator: indicator, values: series, language: language,
                unnamedRelease: catalogue.text("value_release_none", language))
            return [
                "code": indicator.code, "name": indicator.names.preferred(language), "href": "\(base)/indicators/\(indicator.code)",
                "latest": "\(ReportNumber.format(latest.value, decimals: indicator.decimals)) \(IndicatorUnit.name(indicator.unit, in: language))",
                "period": latest.period, "release": latest.vintage.isEmpty ? false : latest.vintage, "source": latest.source,
                "svg": SVGChart(chart: chart, identifier: "territory-figure-\(index + 1)", noValue: "", compact: true).svg,
            ]
        }
        let page = WebPage(
            template: "territory", title: name,
            values: [
                "name": name, "code": territory.code, "kind": catalogue.text("territory_kind_\(territory.kind.rawValue)", language),
                "ancestors": ancestors.reversed().map { ["name": $0.names.preferred(language), "href": "\(base)/territories/\($0.code)"] },
                "hasAncestors": !ancestors.isEmpty,
                "children": children.map { ["name": $0.names.preferred(language), "href": "\(base)/territories/\($0.code)"] },
                "hasChildren": !children.isEmpty,
                "practices": practices.items.map { PracticeCard.values($0, language: language, territoryNames: names) },
                "practiceCount": catalogue.text("territory_practices_count", language, ["count": "\(practices.total)"]),
                "allPractices": "\(base)/practices?territory=\(territory.code)", "hasMorePractices": practices.total > practices.items.count,
                "figures": figures, "hasFigures": !figures.isEmpty,
                "organisations": organisations.map { organisation -> [String: Any] in
                    ["name": organisation.names.preferred(language), "href": "\(base)/organisations/\(organisation.code)",
                     "kind": organisation.kind.rawValue]
                },
                "hasOrganisations": !organisations.isEmpty,
                "agreements": agreements.map { agreement -> [String: Any] in
                    [
                        "title": agreement.title.preferred(language), "href": "/\(language.rawValue)/agreements/\(agreement.code)",
                        "period": agreement.period.spanText ?? catalogue.text("practice_period_unknown", language),
                        "parties": agreement.parties.map(\.name).joined(separator: language == .ar ? "، " : ", "),
                        "source": agreement.source ?? false,
                    ]
                },
                "hasAgreements": !agreements.isEmpty,
                "documents": DocumentPages.listing(found.items, language: language, catalogue: catalogue), "hasDocuments": !found.items.isEmpty,
                "documentsHref": "\(base)/documents?territory=\(code)",
            ])
        return renderer.response(page, language: language, request: request)
    }
}
