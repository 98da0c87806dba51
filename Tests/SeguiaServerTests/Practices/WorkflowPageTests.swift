import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

/// A sheet taken through review in the browser's pages: submitted, returned with reasons,
/// submitted again, published by someone else; seen by the public only once published.
@Suite struct WorkflowPageTests {
    static let password = "une longue phrase de passe"

    @Test func aDraftGoesThroughReviewToThePublic() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
                let accounts = AccountRepository(database: database, bcryptCost: 4)
                func person(_ email: String, _ role: Role) async throws -> Account {
                    try await accounts.create(
                        AccountInput(email: email, name: email.split(separator: "@")[0].capitalized, organisation: "OCCITANIE-COOPERATION", role: role),
                        password: Self.password, logger: testLogger)
                }
                let author = try await person("amal@example.org", .contributor)
                _ = try await person("rita@example.org", .reviewer)
                _ = try await person("paul@example.org", .publisher)
                var content = PracticeContent(slug: "comite-de-tubas", title: "Comité de Tubas")
                content.organisation = "OCCITANIE-COOPERATION"
                _ = try await PracticeWriter(database: database).create(content, by: author.identity(), logger: testLogger)

                try await withTestApp(endpoint: endpoint) { app in
                    let browser = WebSessionClient(app: app)
                    let sheet = "/fr/practices/comite-de-tubas"
                    #expect(try await getPage(app, sheet).status == .notFound)

                    let amal = try await browser.signIn("amal@example.org", password: Self.password)
                    let draftPage = try await browser.html(sheet, session: amal)
                    #expect(draftPage.contains("État : brouillon") && draftPage.contains("Soumettre à relecture"))
                    #expect(!draftPage.contains(">Publier<"))
                    let token = try #require(WebSessionClient.formToken(draftPage))
                    func send(_ session: String, _ action: String, revision: Int, message: String = "", csrf: String? = nil) async throws -> TestResponse {
                        try await browser.post(
                            "\(sheet)/workflow", [("csrf", csrf ?? token), ("action", action), ("revision", "\(revision)"), ("message", message)],
                            cookies: ["seguia_session": session])
                    }

                    // No message, a stale revision, no form token: refused, the text kept, nothing changed.
                    let silent = try await send(amal, "submit", revision: 1)
                    #expect(silent.status == .unprocessableContent)
                    #expect(String(buffer: silent.body).contains("say what the reviewers should look at"))
                    let stale = try await send(amal, "submit", revision: 7, message: "Relire <les> chiffres")
                    #expect(stale.status == .preconditionFailed)
                    #expect(String(buffer: stale.body).contains("Relire &lt;les&gt; chiffres</textarea>"))
                    let forged = try await send(amal, "submit", revision: 1, message: "x", csrf: "forged")
                    #expect(forged.status == .forbidden)
                    #expect(try await browser.html(sheet, session: amal).contains("État : brouillon"))

                    #expect(try await send(amal, "submit", revision: 1, message: "Relire les chiffres").status == .seeOther)

                    let rita = try await browser.signIn("rita@example.org", password: Self.password)
                    let work = try await browser.html("/fr/work", session: rita)
                    #expect(work.contains("1 non lue(s)") && work.contains("Comité de Tubas") && work.contains("Relire les chiffres"))
                    let reviewPage = try await browser.html(sheet, session: rita)
                    #expect(reviewPage.contains("Renvoyer aux auteurs") && !reviewPage.contains(">Publier<"))
                    let ritaToken = try #require(WebSessionClient.formToken(reviewPage))
                    #expect(try await send(rita, "return", revision: 2, message: "La source manque", csrf: ritaToken).status == .seeOther)

                    let amalWork = try await browser.html("/fr/work", session: amal)
                    #expect(amalWork.contains("vous l&#39;a renvoyée") || amalWork.contains("vous l'a renvoyée"))
                    #expect(amalWork.contains("La source manque"))
                    #expect(try await send(amal, "submit", revision: 3, message: "Source ajoutée").status == .seeOther)

                    let paul = try await browser.signIn("paul@example.org", password: Self.password)
                    let paulPage = try await browser.html(sheet, session: paul)
                    let paulToken = try #require(WebSessionClient.formToken(paulPage))
                    #expect(try await send(paul, "publish", revision: 4, csrf: paulToken).status == .seeOther)
                    let seenByAll = try await pageHTML(app, sheet)
                    #expect(seenByAll.contains("Comité de Tubas") && !seenByAll.contains("La source manque") && !seenByAll.contains("workflow"))
                    // Anyone reads the history from the publication on; the drafts before it stay with the authors.
                    let listed = try await app.execute(uri: "/api/v1/practices/comite-de-tubas/revisions", method: .get)
                    let numbers = ((try JSONSerialization.jsonObject(with: Data(buffer: listed.body)) as? [String: Any])?["items"] as? [[String: Any]])?
                        .compactMap { $0["revision"] as? Int }
                    #expect(numbers == [5])
                    #expect(try await app.execute(uri: "/api/v1/practices/comite-de-tubas/revisions/1", method: .get).status == .notFound)
                    #expect(try await getPage(app, "\(sheet)/history?from=1&to=5").status == .notFound)
                    #expect(try await browser.html("\(sheet)/history?from=1&to=5", session: amal).contains("Comité de Tubas"))
                }
            }
        }
    }

    /// The history shows the words that changed between any two versions, and a person who may
    /// write restores an old version as a new one.
    @Test func theHistoryShowsTheWordsThatChangedAndRestoresAVersion() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
                let author = try await AccountRepository(database: database, bcryptCost: 4).create(
                    AccountInput(email: "amal@example.org", name: "Amal", organisation: "OCCITANIE-COOPERATION", role: .contributor),
                    password: Self.password, logger: testLogger)
                let writer = PracticeWriter(database: database)
                var content = PracticeContent(slug: "bassin", title: "Bassin de Fès", summary: "Un bassin <de> décantation.")
                content.status = .published
                let id = try await writer.create(content, by: Identity(tokenID: 1, name: "admin", role: .admin, organisation: nil), logger: testLogger)
                _ = try await writer.change(id: id, expectedRevision: 1, by: author.identity(), logger: testLogger) { current in
                    var next = current
                    next.summary = "Un grand bassin <de> décantation."
                    return (next, "summary")
                }
                try await withTestApp(endpoint: endpoint) { app in
                    // The change of the published sheet is its new draft: not in the public history.
                    let history = try await pageHTML(app, "/fr/practices/bassin/history")
                    #expect(history.contains("Bassin de Fès") && !history.contains("grand"))
                    #expect(!history.contains("/restore"))
                    #expect(try await getPage(app, "/fr/practices/bassin/history?from=1&to=99").status == .unprocessableContent)

                    let browser = WebSessionClient(app: app)
                    let amal = try await browser.signIn("amal@example.org", password: Self.password)
                    let page = try await browser.html("/fr/practices/bassin/history", session: amal)
                    #expect(page.contains("Un <ins>grand </ins>bassin &lt;de&gt; décantation."))
                    let token = try #require(WebSessionClient.formToken(page))
                    let stale = try await browser.post(
                        "/fr/practices/bassin/restore", [("csrf", token), ("number", "1"), ("current", "1")], cookies: ["seguia_session": amal])
                    #expect(stale.status == .preconditionFailed)
                    let restored = try await browser.post(
                        "/fr/practices/bassin/restore", [("csrf", token), ("number", "1"), ("current", "2")], cookies: ["seguia_session": amal])
                    #expect(restored.status == .seeOther)
                    let draft = try await browser.html("/fr/practices/bassin/draft", session: amal)
                    #expect(draft.contains("Un bassin &lt;de&gt; décantation.") && !draft.contains("grand"))
                    let after = try await browser.html("/fr/practices/bassin/history?from=2&to=3", session: amal)
                    #expect(after.contains("Un <del>grand </del>bassin") && after.contains("restored revision 1"))
                }
            }
        }
    }
}
