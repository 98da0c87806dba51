import Foundation
import HTTPTypes
import Hummingbird
import SeguiaCore
import SeguiaStore

/// The pages a person reads, under `/{lang}/…` for `fr`, `en` and `ar`; the root sends the
/// reader to their language. Everything here is server-rendered and works without script.
public enum WebRoutes {
    /// Whether a path is a page (or a page's asset) rather than the API or a system route: what
    /// answers errors as a friendly page instead of problem+json.
    public static func isPage(_ path: String) -> Bool {
        if path == "/" || path.hasPrefix("/static/") { return true }
        return WebLanguage.of(path: String(path.dropFirst())) != nil
    }

    struct Pages: Sendable {
        let renderer: WebRenderer
        let home: HomePage
        let search: PracticeSearchPage
        let sheet: PracticeSheetPage
        let territory: TerritoryPage
        let indicator: IndicatorPage
        let compare: ComparePage
    }

    static func add(
        to router: Router<AppRequestContext>, renderer: WebRenderer, database: Database, practices: PracticeRepository, reports: ReportRepository,
        indicators: IndicatorRepository, values: ValueRepository
    ) {
        let territories = TerritoryRepository(database: database)
        let search = PracticeSearch(database: database)
        let pages = Pages(
            renderer: renderer,
            home: HomePage(
                renderer: renderer, overview: OverviewRepository(database: database), territories: territories, search: search,
                themes: ThemeRepository(database: database)),
            search: PracticeSearchPage(renderer: renderer, search: search, territories: territories),
            sheet: PracticeSheetPage(renderer: renderer, practices: practices, reports: reports),
            territory: TerritoryPage(
                renderer: renderer, territories: territories, organisations: OrganisationRepository(database: database),
                agreements: AgreementRepository(database: database), indicators: indicators, values: values, search: search),
            indicator: IndicatorPage(
                renderer: renderer, indicators: indicators, values: values, territories: territories, themes: ThemeRepository(database: database)),
            compare: ComparePage(
                renderer: renderer, reports: reports, saved: SavedReportRepository(database: database), territories: territories,
                indicators: indicators, themes: ThemeRepository(database: database)))

        router.get("/") { request, _ -> Response in
            let language = WebLanguage.negotiated(request.headers[.acceptLanguage])
            var headers = HTTPFields()
            headers[.location] = "/\(language.rawValue)"
            headers[.vary] = "Accept-Language"
            headers[.cacheControl] = "no-cache"
            return Response(status: .seeOther, headers: headers)
        }
        router.get("/static/{file}") { request, context -> Response in
            try renderer.assets.response(try context.parameters.require("file"), request: request)
        }
        for language in Language.allCases {
            let base = "/\(language.rawValue)"
            router.get(RouterPath(base)) { request, context in try await pages.home.response(language, request: request, context: context) }
            router.get(RouterPath("\(base)/practices")) { request, context in
                try await pages.search.response(language, request: request, context: context)
            }
            router.get(RouterPath("\(base)/practices/{slug}")) { request, context in
                try await pages.sheet.response(language, slug: try context.parameters.require("slug"), request: request, context: context)
            }
            router.get(RouterPath("\(base)/practices/{slug}/sheet.md")) { _, context in
                try await pages.sheet.markdown(language, slug: try context.parameters.require("slug"), context: context)
            }
            router.get(RouterPath("\(base)/territories")) { request, context in
                try await pages.territory.list(language, request: request, context: context)
            }
            router.get(RouterPath("\(base)/compare")) { request, context in
                try await pages.compare.response(language, request: request, context: context)
            }
            router.get(RouterPath("\(base)/indicators")) { request, context in
                try await pages.indicator.list(language, request: request, context: context)
            }
            router.get(RouterPath("\(base)/indicators/{code}")) { request, context in
                try await pages.indicator.detail(language, code: try context.parameters.require("code"), request: request, context: context)
            }
            router.get(RouterPath("\(base)/territories/{code}")) { request, context in
                try await pages.territory.detail(language, code: try context.parameters.require("code"), request: request, context: context)
            }
        }
    }
}
