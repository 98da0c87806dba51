import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

/// The agreement's page lists its documents by kind for whom may read them; a partner signed in
/// uploads one with the page's form and downloads it; the public sees only public files.
@Suite struct DocumentPageTests {
    static let password = "une longue phrase de passe"

    @Test func aPartnerUploadsAMissionReportFromTheAgreementsPageAndThePublicDoesNotSeeIt() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
                _ = try await AccountRepository(database: database, bcryptCost: 4).create(
                    AccountInput(email: "nour@example.org", name: "Nour", organisation: "OCCITANIE-COOPERATION", role: .contributor),
                    password: Self.password, logger: testLogger)
                try await withTestApp(endpoint: endpoint) { app in
                    let page = "/fr/agreements/OCCITANIE-TUBAS-2019-2022"
                    let empty = try await pageHTML(app, page)
                    #expect(empty.contains("Accord de coopération") && empty.contains("Aucun document pour l"))
                    #expect(!empty.contains("/documents/new"))
                    #expect(try await getPage(app, "/fr/agreements/NOWHERE").status == .notFound)

                    let browser = WebSessionClient(app: app)
                    let nour = try await browser.signIn("nour@example.org", password: Self.password)
                    let signedIn = try await browser.html(page, session: nour)
                    #expect(signedIn.contains("href=\"/fr/documents/new?agreement=OCCITANIE-TUBAS-2019-2022\""))
                    let form = try await browser.html("/fr/documents/new?agreement=OCCITANIE-TUBAS-2019-2022", session: nour)
                    let token = try #require(WebSessionClient.formToken(form))
                    let word = Array(try ImportFixtures.data("fiche-tubas.docx"))
                    func send(_ fields: [(String, String)], file: [UInt8], name: String) async throws -> TestResponse {
                        var headers: HTTPFields = [.contentType: "multipart/form-data; boundary=page-boundary", .cookie: "seguia_session=\(nour)"]
                        let parts = fields.map { MultipartPart($0.0, $0.1) } + [MultipartPart("file", filename: name, type: "application/octet-stream", bytes: file)]
                        return try await app.execute(uri: "/fr/documents", method: .post, headers: headers, body: multipartBody(parts, boundary: "page-boundary"))
                    }
                    let fields = [("agreement", "OCCITANIE-TUBAS-2019-2022"), ("title", "Rapport de <mission> 2022"), ("kind", "mission_report"), ("language", "fr")]
                    #expect(try await send(fields, file: word, name: "rapport.docx").status == .forbidden)
                    let refused = try await send([("csrf", token)] + fields, file: Array("<html>".utf8), name: "rapport.pdf")
                    #expect(refused.status == .unsupportedMediaType)
                    #expect(String(buffer: refused.body).contains("Rapport de &lt;mission&gt; 2022"))
                    let sent = try await send([("csrf", token)] + fields, file: word, name: "rapport.docx")
                    #expect(sent.status == .seeOther)
                    #expect(sent.headers[.location] == "\(page)?added=1#documents")

                    let listed = try await browser.html(page, session: nour)
                    #expect(listed.contains("Rapport de mission (1)") && listed.contains("Rapport de &lt;mission&gt; 2022"))
                    let href = try #require(listed.range(of: #"/fr/documents/[0-9]+/file"#, options: .regularExpression).map { String(listed[$0]) })
                    let file = try await browser.get(href, cookies: ["seguia_session": nour])
                    #expect(file.status == .ok && Array(file.body.readableBytesView) == word)
                    #expect(file.headers[.contentDisposition]?.hasPrefix("attachment;") == true)

                    // For partners: not on the public page, nor its file.
                    let seenByAll = try await pageHTML(app, page)
                    #expect(!seenByAll.contains("Rapport de &lt;mission&gt;"))
                    #expect(try await getPage(app, href).status == .notFound)
                    #expect(!(try await pageHTML(app, "/fr/documents?q=agriculteurs")).contains("Rapport de"))
                    #expect(try await browser.html("/fr/documents?q=agriculteurs", session: nour).contains("<mark>agriculteurs</mark>"))
                    // The practices' search shows the documents the same words find, to whom may read them.
                    let practices = try await browser.html("/fr/practices?q=agriculteurs", session: nour)
                    #expect(practices.contains("Documents trouvés : 1") && practices.contains("href=\"/fr/documents?q=agriculteurs&amp;kind=mission_report\""))
                    #expect(!(try await pageHTML(app, "/fr/practices?q=agriculteurs")).contains("Documents trouvés"))

                    // A meeting with those minutes: on the agreement's activity, by month, for partners.
                    let agreementPage = try await browser.html(page, session: nour)
                    let minutes = try #require(href.split(separator: "/").dropLast().last.map(String.init))
                    let meetingToken = try #require(WebSessionClient.formToken(agreementPage))
                    let recorded = try await browser.post(
                        "/fr/meetings",
                        [("csrf", meetingToken), ("agreement", "OCCITANIE-TUBAS-2019-2022"), ("held_on", "2022-06-01"), ("title", "Comité de pilotage <annuel>"),
                         ("place", "Tubas"), ("minutes", minutes), ("confidentiality", "partners")],
                        cookies: ["seguia_session": nour])
                    #expect(recorded.status == .seeOther && recorded.headers[.location] == "\(page)#activity")
                    let activity = try await browser.html(page, session: nour)
                    #expect(activity.contains("<bdi>2022-06</bdi>") && activity.contains("Comité de pilotage &lt;annuel&gt;"))
                    #expect(activity.contains("href=\"\(href)\" download>le compte rendu</a>"))
                    #expect(!(try await pageHTML(app, page)).contains("Comité de pilotage"))
                    let api = try await app.execute(uri: "/api/v1/activity?agreement=OCCITANIE-TUBAS-2019-2022", method: .get)
                    #expect(!String(buffer: api.body).contains("Comité de pilotage"))
                }
            }
        }
    }
}
