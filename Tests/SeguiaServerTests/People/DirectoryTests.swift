import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

/// The directory: personal data read only by people signed in, written by the person's
/// organisation, with consent recorded; focal points on the agreement's page; an erased person
/// leaves nothing behind.
@Suite struct DirectoryTests {
    static let password = "une longue phrase de passe"

    @Test func focalPointsAreForPartnersAndAnErasedPersonLeavesNothing() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
                let tokens = TokenRepository(database: database)
                let coordinator = try await tokens.create(name: "rrma", role: .contributor, organisation: "OCCITANIE-COOPERATION", logger: testLogger)
                let tubas = try await tokens.create(name: "tubas", role: .contributor, organisation: "GOUVERNORAT-TUBAS", logger: testLogger)
                let reader = try await tokens.create(name: "reader", role: .reader, organisation: "CARI", logger: testLogger)
                _ = try await AccountRepository(database: database, bcryptCost: 4).create(
                    AccountInput(email: "nour@example.org", name: "Nour", organisation: "CARI", role: .reader), password: Self.password, logger: testLogger)
                try await withTestApp(endpoint: endpoint) { app in
                    #expect(try await app.execute(uri: "/api/v1/people", method: .get).status == .unauthorized)
                    let withoutConsent = #"{"name": "Rami Haddad", "email": "rami@tubas.example", "phone": "+970 9 257 1234"}"#
                    let refused = try await app.execute(uri: "/api/v1/people", method: .post, headers: apiHeaders(tubas), body: ByteBuffer(string: withoutConsent))
                    #expect(refused.status == .unprocessableContent)
                    let person = """
                        {"name": "Rami Haddad", "job_title": "Ingénieur de l'eau", "email": "rami@tubas.example", "phone": "+970 9 257 1234",
                         "languages": ["ar", "fr"], "consent_on": "2022-03-14", "consent_note": "Accord oral, mission de mars 2022",
                         "roles": [{"role": "focal_point", "agreement": "OCCITANIE-TUBAS-2019-2022"}, {"role": "technical_staff"},
                                   {"role": "translator", "practice": "cle-en-mediterranee"}]}
                        """
                    let created = try await app.execute(uri: "/api/v1/people", method: .post, headers: apiHeaders(tubas), body: ByteBuffer(string: person))
                    #expect(created.status == .created)
                    let body = try jsonObject(created)
                    let id = try #require(body["id"] as? Int)
                    #expect((body["organisation"] as? [String: Any])?["code"] as? String == "GOUVERNORAT-TUBAS")
                    #expect((body["consent"] as? [String: Any])?["recorded_by"] as? String == "tubas")
                    let etag = try #require(created.headers[.eTag])

                    // Read by any token; changed only by the person's organisation.
                    let listed = try jsonObject(try await app.execute(uri: "/api/v1/people?agreement=OCCITANIE-TUBAS-2019-2022&role=focal_point", method: .get, headers: apiHeaders(reader)))
                    #expect(listed["total"] as? Int == 1)
                    let rename = ByteBuffer(string: #"{"job_title": "Chef du service de l'eau"}"#)
                    #expect(try await app.execute(uri: "/api/v1/people/\(id)", method: .patch, headers: apiHeaders(coordinator, ifMatch: etag), body: rename).status == .forbidden)
                    let renamed = try await app.execute(uri: "/api/v1/people/\(id)", method: .patch, headers: apiHeaders(tubas, ifMatch: etag), body: rename)
                    #expect(renamed.status == .ok)
                    let current = try #require(renamed.headers[.eTag])

                    // The agreement's page shows the focal point to a partner signed in, never to a visitor.
                    let page = "/fr/agreements/OCCITANIE-TUBAS-2019-2022"
                    let seenByAll = try await pageHTML(app, page)
                    #expect(!seenByAll.contains("Rami Haddad") && !seenByAll.contains("257 1234") && !seenByAll.contains("rami@tubas.example"))
                    #expect(!(try await pageHTML(app, "/fr/organisations/GOUVERNORAT-TUBAS")).contains("Rami"))
                    let browser = WebSessionClient(app: app)
                    let nour = try await browser.signIn("nour@example.org", password: Self.password)
                    let signedIn = try await browser.html(page, session: nour)
                    #expect(signedIn.contains("Rami Haddad") && signedIn.contains("mailto:rami@tubas.example") && signedIn.contains("tel:+97092571234"))
                    #expect(try await browser.html("/fr/organisations/GOUVERNORAT-TUBAS", session: nour).contains("Chef du service de l&#39;eau"))
                    // The sheet names its people to partners only.
                    #expect(try await browser.html("/fr/practices/cle-en-mediterranee", session: nour).contains("traducteur·rice"))
                    #expect(!(try await pageHTML(app, "/fr/practices/cle-en-mediterranee")).contains("Rami"))
                    // Never in the search, whoever searches.
                    #expect(!(try await browser.html("/fr/practices?q=Haddad", session: nour)).contains("Haddad</"))

                    // Erased: nothing of the person stays, that it happened does.
                    #expect(try await app.execute(uri: "/api/v1/people/\(id)", method: .delete, headers: apiHeaders(tubas, ifMatch: current)).status == .noContent)
                    #expect(try await app.execute(uri: "/api/v1/people/\(id)", method: .get, headers: apiHeaders(reader)).status == .notFound)
                    let remaining = try await database.withConnection("test") { connection in
                        try await connection.run(
                            """
                            SELECT (SELECT count(*) FROM people)::int + (SELECT count(*) FROM person_roles)::int,
                                   (SELECT count(*) FROM people_erasures WHERE roles_removed = 3)::int
                            """, logger: testLogger
                        ).decode((Int, Int).self).reduce(into: [(Int, Int)]()) { $0.append($1) }
                    }
                    #expect(remaining.first?.0 == 0 && remaining.first?.1 == 1)
                    #expect(!(try await browser.html(page, session: nour)).contains("Rami"))
                }
            }
        }
    }

    @Test func anOrganisationsContributorAddsAFocalPointInThePages() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
                let accounts = AccountRepository(database: database, bcryptCost: 4)
                _ = try await accounts.create(
                    AccountInput(email: "lina@example.org", name: "Lina", organisation: "GOUVERNORAT-TUBAS", role: .contributor), password: Self.password,
                    logger: testLogger)
                _ = try await accounts.create(
                    AccountInput(email: "omar@example.org", name: "Omar", organisation: "CARI", role: .contributor), password: Self.password, logger: testLogger)
                try await withTestApp(endpoint: endpoint) { app in
                    let browser = WebSessionClient(app: app)
                    let omar = try await browser.signIn("omar@example.org", password: Self.password)
                    #expect(try await browser.get("/fr/people/new?organisation=GOUVERNORAT-TUBAS", cookies: ["seguia_session": omar]).status == .forbidden)
                    let lina = try await browser.signIn("lina@example.org", password: Self.password)
                    let organisation = try await browser.html("/fr/organisations/GOUVERNORAT-TUBAS", session: lina)
                    #expect(organisation.contains("href=\"/fr/people/new?organisation=GOUVERNORAT-TUBAS\""))
                    let form = try await browser.html("/fr/people/new?organisation=GOUVERNORAT-TUBAS", session: lina)
                    #expect(form.contains("OCCITANIE-TUBAS-2019-2022"))
                    let token = try #require(WebSessionClient.formToken(form))
                    let fields: [(String, String)] = [
                        ("csrf", token), ("organisation", "GOUVERNORAT-TUBAS"), ("name", "Rami <Haddad>"), ("email", "rami@tubas.example"),
                        ("phone", "+970 9 257 1234"), ("languages", "ar"), ("languages", "fr"), ("focal", "OCCITANIE-TUBAS-2019-2022"), ("role", "translator"),
                    ]
                    let refused = try await browser.post("/fr/people", fields, cookies: ["seguia_session": lina])
                    #expect(refused.status == .unprocessableContent)
                    #expect(String(buffer: refused.body).contains("value=\"Rami &lt;Haddad&gt;\""))
                    let added = try await browser.post("/fr/people", fields + [("consent_on", "2022-03-14")], cookies: ["seguia_session": lina])
                    #expect(added.status == .seeOther)
                    let people = try await PersonRepository(database: database).list(.init(organisation: "GOUVERNORAT-TUBAS"), logger: testLogger)
                    #expect(people.count == 1)
                    #expect(people.first?.details.roles == [PersonRole(kind: .focalPoint, agreement: "OCCITANIE-TUBAS-2019-2022"), PersonRole(kind: .translator)])
                    #expect(people.first?.details.consentRecordedBy == "Lina" && people.first?.details.languages == [.ar, .fr])
                    #expect(try await browser.html("/fr/agreements/OCCITANIE-TUBAS-2019-2022", session: omar).contains("Rami &lt;Haddad&gt;"))
                }
            }
        }
    }
}
