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
        let signIn: SignInPage
        let account: AccountPage
        let accountAdmin: AccountAdminPage
        let work: WorkPage
        let history: PracticeHistoryPage
        let editor: PracticeEditorPage
        let translation: PracticeTranslationPage
        let importer: PracticeImportPage
        let agreement: AgreementPage
        let organisation: OrganisationPage
        let documents: DocumentPages
        let meetings: ActivityPages
        let people: PersonPages
    }

    static func add(
        to router: Router<AppRequestContext>, renderer: WebRenderer, database: Database, practices: PracticeRepository, reports: ReportRepository,
        indicators: IndicatorRepository, values: ValueRepository, documentReader: PracticeDocumentReader
    ) {
        let territories = TerritoryRepository(database: database)
        let search = PracticeSearch(database: database)
        let accounts = AccountRepository(database: database)
        let editor = PracticeEditorPage(
            renderer: renderer, practices: practices, writer: PracticeWriter(database: database), themes: ThemeRepository(database: database))
        let sessions = SessionRepository(database: database)
        let documents = DocumentRepository(database: database)
        let activity = ActivityRepository(database: database)
        let pages = Pages(
            renderer: renderer,
            home: HomePage(
                renderer: renderer, overview: OverviewRepository(database: database), territories: territories, search: search,
                themes: ThemeRepository(database: database)),
            search: PracticeSearchPage(renderer: renderer, search: search, territories: territories, documents: documents),
            sheet: PracticeSheetPage(
                renderer: renderer, practices: practices, reports: reports, writer: PracticeWriter(database: database), documents: documents,
                activity: activity, people: PersonRepository(database: database)),
            territory: TerritoryPage(
                renderer: renderer, territories: territories, organisations: OrganisationRepository(database: database),
                agreements: AgreementRepository(database: database), documents: documents, indicators: indicators, values: values, search: search),
            indicator: IndicatorPage(
                renderer: renderer, indicators: indicators, values: values, territories: territories, themes: ThemeRepository(database: database)),
            compare: ComparePage(
                renderer: renderer, reports: reports, saved: SavedReportRepository(database: database), territories: territories,
                indicators: indicators, themes: ThemeRepository(database: database)),
            signIn: SignInPage(renderer: renderer, accounts: accounts, sessions: sessions),
            account: AccountPage(renderer: renderer, accounts: accounts, sessions: sessions, tokens: TokenRepository(database: database)),
            accountAdmin: AccountAdminPage(renderer: renderer, accounts: accounts, organisations: OrganisationRepository(database: database)),
            work: WorkPage(renderer: renderer, work: WorkRepository(database: database)),
            history: PracticeHistoryPage(renderer: renderer, practices: practices, writer: PracticeWriter(database: database)),
            editor: editor,
            translation: PracticeTranslationPage(renderer: renderer, practices: practices, writer: PracticeWriter(database: database)),
            importer: PracticeImportPage(renderer: renderer, importer: PracticeImporter(database: database, reader: documentReader), editor: editor),
            agreement: AgreementPage(
                renderer: renderer, agreements: AgreementRepository(database: database), documents: documents, people: PersonRepository(database: database),
                activity: activity),
            organisation: OrganisationPage(
                renderer: renderer, organisations: OrganisationRepository(database: database), agreements: AgreementRepository(database: database),
                documents: documents, people: PersonRepository(database: database)),
            documents: DocumentPages(
                renderer: renderer, repository: documents, writer: DocumentWriter(database: database), upload: DocumentUpload(reader: documentReader)),
            meetings: ActivityPages(renderer: renderer, activity: activity),
            people: PersonPages(
                renderer: renderer, people: PersonRepository(database: database), agreements: AgreementRepository(database: database),
                organisations: OrganisationRepository(database: database)))

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
            router.get(RouterPath("\(base)/practices/{slug}/draft")) { request, context in
                try await pages.sheet.response(
                    language, slug: try context.parameters.require("slug"), request: request, context: context, pendingDraft: true)
            }
            router.post(RouterPath("\(base)/practices/{slug}/workflow")) { request, context in
                try await pages.sheet.move(language, slug: try context.parameters.require("slug"), request: request, context: context)
            }
            router.get(RouterPath("\(base)/practices/import")) { request, context in
                try await pages.importer.show(language, request: request, context: context)
            }
            router.post(RouterPath("\(base)/practices/import")) { request, context in
                try await pages.importer.read(language, request: request, context: context)
            }
            router.get(RouterPath("\(base)/practices/new")) { request, context in
                try await pages.editor.show(language, slug: nil, request: request, context: context)
            }
            router.post(RouterPath("\(base)/practices/new")) { request, context in
                try await pages.editor.save(language, slug: nil, request: request, context: context)
            }
            router.get(RouterPath("\(base)/practices/{slug}/edit")) { request, context in
                try await pages.editor.show(language, slug: try context.parameters.require("slug"), request: request, context: context)
            }
            router.post(RouterPath("\(base)/practices/{slug}/edit")) { request, context in
                try await pages.editor.save(language, slug: try context.parameters.require("slug"), request: request, context: context)
            }
            router.get(RouterPath("\(base)/practices/{slug}/translate")) { request, context in
                try await pages.translation.show(language, slug: try context.parameters.require("slug"), request: request, context: context)
            }
            router.post(RouterPath("\(base)/practices/{slug}/translate")) { request, context in
                try await pages.translation.save(language, slug: try context.parameters.require("slug"), request: request, context: context)
            }
            router.get(RouterPath("\(base)/practices/{slug}/history")) { request, context in
                try await pages.history.show(language, slug: try context.parameters.require("slug"), request: request, context: context)
            }
            router.post(RouterPath("\(base)/practices/{slug}/restore")) { request, context in
                try await pages.history.restore(language, slug: try context.parameters.require("slug"), request: request, context: context)
            }
            router.get(RouterPath("\(base)/practices/{slug}/sheet.md")) { _, context in
                try await pages.sheet.markdown(language, slug: try context.parameters.require("slug"), context: context)
            }
            router.get(RouterPath("\(base)/agreements/{code}")) { request, context in
                try await pages.agreement.response(language, code: try context.parameters.require("code"), request: request, context: context)
            }
            router.get(RouterPath("\(base)/organisations/{code}")) { request, context in
                try await pages.organisation.response(language, code: try context.parameters.require("code"), request: request, context: context)
            }
            router.get(RouterPath("\(base)/people/new")) { request, context in
                try await pages.people.form(language, request: request, context: context)
            }
            router.post(RouterPath("\(base)/people")) { request, context in
                try await pages.people.add(language, request: request, context: context)
            }
            router.post(RouterPath("\(base)/meetings")) { request, context in
                try await pages.meetings.add(language, request: request, context: context)
            }
            router.get(RouterPath("\(base)/documents")) { request, context in
                try await pages.documents.search(language, request: request, context: context)
            }
            router.post(RouterPath("\(base)/documents")) { request, context in
                try await pages.documents.add(language, request: request, context: context)
            }
            router.get(RouterPath("\(base)/documents/new")) { request, context in
                try await pages.documents.form(language, request: request, context: context)
            }
            router.get(RouterPath("\(base)/documents/{id}/file")) { request, context in
                try await pages.documents.file(language, id: try context.parameters.require("id", as: Int64.self), request: request, context: context)
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
            addAccountRoutes(to: router, pages: pages, language: language)
        }
    }

    /// Signing in and out, one's account, and the administrators' page of accounts.
    private static func addAccountRoutes(to router: Router<AppRequestContext>, pages: Pages, language: Language) {
        let base = "/\(language.rawValue)"
        router.get(RouterPath("\(base)/sign-in")) { request, context in try await pages.signIn.form(language, request: request, context: context) }
        router.post(RouterPath("\(base)/sign-in")) { request, context in try await pages.signIn.signIn(language, request: request, context: context) }
        router.post(RouterPath("\(base)/sign-out")) { request, context in
            try await pages.signIn.signOut(language, everywhere: false, request: request, context: context)
        }
        router.post(RouterPath("\(base)/sign-out-everywhere")) { request, context in
            try await pages.signIn.signOut(language, everywhere: true, request: request, context: context)
        }
        router.get(RouterPath("\(base)/account")) { request, context in try await pages.account.show(language, request: request, context: context) }
        router.get(RouterPath("\(base)/work")) { request, context in try await pages.work.show(language, request: request, context: context) }
        router.post(RouterPath("\(base)/work/read")) { request, context in try await pages.work.markRead(language, request: request, context: context) }
        router.post(RouterPath("\(base)/account/password")) { request, context in
            try await pages.account.changePassword(language, request: request, context: context)
        }
        router.post(RouterPath("\(base)/account/tokens")) { request, context in
            try await pages.account.createToken(language, request: request, context: context)
        }
        router.post(RouterPath("\(base)/account/tokens/{id}/revoke")) { request, context in
            try await pages.account.revokeToken(language, id: try context.parameters.require("id"), request: request, context: context)
        }
        router.get(RouterPath("\(base)/admin/accounts")) { request, context in
            try await pages.accountAdmin.show(language, request: request, context: context)
        }
        router.post(RouterPath("\(base)/admin/accounts")) { request, context in
            try await pages.accountAdmin.create(language, request: request, context: context)
        }
        router.post(RouterPath("\(base)/admin/accounts/disable")) { request, context in
            try await pages.accountAdmin.setDisabled(language, true, request: request, context: context)
        }
        router.post(RouterPath("\(base)/admin/accounts/enable")) { request, context in
            try await pages.accountAdmin.setDisabled(language, false, request: request, context: context)
        }
        router.post(RouterPath("\(base)/admin/accounts/password")) { request, context in
            try await pages.accountAdmin.setPassword(language, request: request, context: context)
        }
    }
}
