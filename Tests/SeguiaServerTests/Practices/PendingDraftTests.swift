import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

/// Changing a published sheet makes its next version: readers keep the published text until the
/// new one is reviewed and published, in the API and in the pages.
@Suite struct PendingDraftTests {
    static let password = "une longue phrase de passe"

    private static let sheet = """
        {"title": "Réutilisation à Tubas", "summary": "Les eaux traitées irriguent des vergers.", "organisation": "OCCITANIE-COOPERATION",
         "organisations": [{"code": "EXPERTS-SOLIDAIRES", "role": "rédaction"}], "status": "published",
         "sections": [{"key": "results", "text": "Vingt hectares irrigués."}]}
        """

    @Test func theAPIKeepsThePublishedTextUntilTheDraftIsPublished() async throws {
        try await withTestDatabase { endpoint in
            let (ngo, outsider, publisher, reader) = try await withPostgresClient(endpoint, logger: testLogger) { client in
                let tokens = TokenRepository(database: Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout))
                return (
                    try await tokens.create(name: "ngo", role: .contributor, organisation: "EXPERTS-SOLIDAIRES", logger: testLogger),
                    try await tokens.create(name: "cari", role: .publisher, organisation: "CARI", logger: testLogger),
                    try await tokens.create(name: "rrma", role: .publisher, organisation: "OCCITANIE-COOPERATION", logger: testLogger),
                    try await tokens.create(name: "reader", role: .reader, organisation: nil, logger: testLogger))
            }
            try await withTestApp(endpoint: endpoint) { app in
                let created = try await app.execute(uri: "/api/v1/practices", method: .post, headers: apiHeaders(publisher), body: ByteBuffer(string: Self.sheet))
                #expect(created.status == .created)
                let location = try #require(created.headers[.location])
                var etag = try #require(created.headers[.eTag])

                let change = ByteBuffer(string: #"{"summary": "Les eaux traitées irriguent quarante hectares de vergers."}"#)
                #expect(try await app.execute(uri: location, method: .patch, headers: apiHeaders(outsider, ifMatch: etag), body: change).status == .forbidden)
                let changed = try await app.execute(uri: location, method: .patch, headers: apiHeaders(ngo, ifMatch: etag), body: change)
                #expect(changed.status == .ok)
                #expect(changed.headers[.contentLocation] == "\(location)/draft")
                #expect(try jsonObject(changed)["is_pending_draft"] as? Bool == true)
                #expect(try jsonObject(changed)["status"] as? String == "draft")
                etag = try #require(changed.headers[.eTag])

                // The public reads the published text and knows of no draft; the people who work on sheets see it named.
                let public_ = try jsonObject(try await app.execute(uri: location, method: .get))
                #expect(public_["summary"] as? String == "Les eaux traitées irriguent des vergers.")
                #expect(public_["status"] as? String == "published" && public_["pending_draft"] == nil)
                #expect(try await app.execute(uri: "\(location)/draft", method: .get).status == .notFound)
                let seen = try jsonObject(try await app.execute(uri: location, method: .get, headers: apiHeaders(reader)))
                #expect((seen["pending_draft"] as? [String: Any])?["status"] as? String == "draft")
                #expect((seen["pending_draft"] as? [String: Any])?["href"] as? String == "\(location)/draft")
                let draft = try await app.execute(uri: "\(location)/draft", method: .get, headers: apiHeaders(reader))
                #expect(try jsonObject(draft)["summary"] as? String == "Les eaux traitées irriguent quarante hectares de vergers.")
                #expect(draft.headers[.eTag] == etag)
                #expect(try await pageHTML(app, "/fr/practices?q=quarante").contains("Réutilisation à Tubas") == false)

                // Archiving waits; submitting and publishing go through the draft.
                #expect(try await app.execute(uri: location, method: .delete, headers: apiHeaders(publisher, ifMatch: etag)).status == .conflict)
                let submitted = try await app.execute(
                    uri: location, method: .patch, headers: apiHeaders(ngo, ifMatch: etag), body: ByteBuffer(string: #"{"status": "in_review", "message": "Surface à jour"}"#))
                #expect(try jsonObject(submitted)["status"] as? String == "in_review")
                etag = try #require(submitted.headers[.eTag])
                #expect(try jsonObject(try await app.execute(uri: location, method: .get))["status"] as? String == "published")
                let published = try await app.execute(
                    uri: location, method: .patch, headers: apiHeaders(publisher, ifMatch: etag), body: ByteBuffer(string: #"{"status": "published"}"#))
                #expect(published.status == .ok)
                #expect(published.headers[.contentLocation] == nil)
                etag = try #require(published.headers[.eTag])
                #expect(try jsonObject(try await app.execute(uri: location, method: .get))["summary"] as? String
                    == "Les eaux traitées irriguent quarante hectares de vergers.")
                #expect(try await app.execute(uri: "\(location)/draft", method: .get, headers: apiHeaders(reader)).status == .notFound)
                #expect(try await pageHTML(app, "/fr/practices?q=quarante").contains("Réutilisation à Tubas"))

                // A draft discarded leaves the sheet as it was.
                let again = try await app.execute(
                    uri: location, method: .patch, headers: apiHeaders(ngo, ifMatch: etag), body: ByteBuffer(string: #"{"title": "Brouillon à jeter"}"#))
                etag = try #require(again.headers[.eTag])
                #expect(try await app.execute(uri: "\(location)/draft", method: .delete, headers: apiHeaders(outsider, ifMatch: etag)).status == .forbidden)
                let discarded = try await app.execute(uri: "\(location)/draft", method: .delete, headers: apiHeaders(ngo, ifMatch: etag))
                #expect(discarded.status == .ok)
                #expect(try jsonObject(discarded)["title"] as? String == "Réutilisation à Tubas" && (try jsonObject(discarded))["pending_draft"] == nil)
                let revisions = try #require(try jsonObject(try await app.execute(uri: "\(location)/revisions", method: .get, headers: apiHeaders(reader)))["items"] as? [[String: Any]])
                #expect(revisions.compactMap { $0["step"] as? String } == ["created", "edited", "submitted", "published", "edited", "discarded"])
                #expect(revisions.compactMap { $0["of_pending_draft"] as? Bool } == [false, true, true, false, true, false])
                // The public history: the revisions at which readers saw the sheet, never the drafts.
                let seenByAll = try #require(try jsonObject(try await app.execute(uri: "\(location)/revisions", method: .get))["items"] as? [[String: Any]])
                #expect(seenByAll.compactMap { $0["revision"] as? Int } == [1, 4, 6])
            }
        }
    }

    @Test func thePagesShowTheNewVersionBesideThePublishedOne() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
                let accounts = AccountRepository(database: database, bcryptCost: 4)
                let author = try await accounts.create(
                    AccountInput(email: "amal@example.org", name: "Amal", organisation: "EXPERTS-SOLIDAIRES", role: .contributor),
                    password: Self.password, logger: testLogger)
                _ = try await accounts.create(
                    AccountInput(email: "paul@example.org", name: "Paul", organisation: "OCCITANIE-COOPERATION", role: .publisher),
                    password: Self.password, logger: testLogger)
                _ = try await accounts.create(
                    AccountInput(email: "omar@example.org", name: "Omar", organisation: "CARI", role: .contributor),
                    password: Self.password, logger: testLogger)
                var content = PracticeContent(slug: "reuse-tubas", title: "Réutilisation à Tubas", summary: "Des vergers irrigués.")
                content.organisation = "OCCITANIE-COOPERATION"
                content.organisations = [.init(code: "EXPERTS-SOLIDAIRES", role: "rédaction")]
                content.status = .published
                let writer = PracticeWriter(database: database)
                let id = try await writer.create(content, by: Identity(tokenID: 1, name: "admin", role: .admin, organisation: nil), logger: testLogger)
                _ = try await writer.change(id: id, expectedRevision: 1, by: author.identity(), logger: testLogger) { current in
                    var next = current
                    next.summary = "Quarante hectares de <vergers> irrigués."
                    return (next, "summary")
                }
                try await withTestApp(endpoint: endpoint) { app in
                    let sheet = "/fr/practices/reuse-tubas"
                    let public_ = try await pageHTML(app, sheet)
                    #expect(public_.contains("Des vergers irrigués.") && !public_.contains("Quarante"))
                    #expect(try await getPage(app, "\(sheet)/draft").status == .notFound)

                    let browser = WebSessionClient(app: app)
                    let amal = try await browser.signIn("amal@example.org", password: Self.password)
                    let published = try await browser.html(sheet, session: amal)
                    #expect(published.contains("Une nouvelle version de cette fiche est en préparation") && published.contains("href=\"\(sheet)/draft\""))
                    #expect(published.contains("Des vergers irrigués.") && !published.contains("Soumettre à relecture"))
                    let draft = try await browser.html("\(sheet)/draft", session: amal)
                    #expect(draft.contains("Quarante hectares de &lt;vergers&gt; irrigués.") && draft.contains("Soumettre à relecture"))
                    #expect(draft.contains("Abandonner la nouvelle version") && draft.contains("Voir la version publiée"))
                    #expect(try await browser.html("\(sheet)/edit", session: amal).contains("Quarante hectares de &lt;vergers&gt; irrigués."))

                    let token = try #require(WebSessionClient.formToken(draft))
                    let submitted = try await browser.post(
                        "\(sheet)/workflow", [("csrf", token), ("action", "submit"), ("revision", "2"), ("message", "Surface à jour")],
                        cookies: ["seguia_session": amal])
                    #expect(submitted.status == .seeOther && submitted.headers[.location] == "\(sheet)/draft")

                    // Another organisation's contributor reads the sheet but is offered no editing, and is refused it.
                    let omar = try await browser.signIn("omar@example.org", password: Self.password)
                    #expect(!(try await browser.html(sheet, session: omar)).contains("\(sheet)/edit"))
                    #expect(try await browser.get("\(sheet)/edit", cookies: ["seguia_session": omar]).status == .forbidden)
                    #expect(try await browser.get("\(sheet)/translate", cookies: ["seguia_session": omar]).status == .forbidden)

                    let paul = try await browser.signIn("paul@example.org", password: Self.password)
                    let work = try await browser.html("/fr/work", session: paul)
                    #expect(work.contains("href=\"\(sheet)/draft\"") && work.contains("Surface à jour"))
                    let review = try await browser.html("\(sheet)/draft", session: paul)
                    #expect(review.contains(">Publier<"))
                    let paulToken = try #require(WebSessionClient.formToken(review))
                    let done = try await browser.post(
                        "\(sheet)/workflow", [("csrf", paulToken), ("action", "publish"), ("revision", "3"), ("message", "")],
                        cookies: ["seguia_session": paul])
                    #expect(done.status == .seeOther && done.headers[.location] == sheet)
                    #expect(try await pageHTML(app, sheet).contains("Quarante hectares de &lt;vergers&gt; irrigués."))
                }
            }
        }
    }
}
