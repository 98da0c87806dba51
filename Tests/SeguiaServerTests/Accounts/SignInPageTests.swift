import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct SignInPageTests {
    static let password = "une longue phrase de passe"

    /// A database with two accounts (a contributor whose name holds markup, and an administrator), and the app on it.
    private func withAccounts(_ body: @Sendable @escaping (any TestClientProtocol, Database) async throws -> Void) async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
                let accounts = AccountRepository(database: database, bcryptCost: 4)
                _ = try await accounts.create(
                    AccountInput(email: "amal@example.org", name: "Amal <b>Haddad</b>", organisation: "EXPERTS-SOLIDAIRES", role: .contributor),
                    password: Self.password, logger: testLogger)
                _ = try await accounts.create(
                    AccountInput(email: "admin@example.org", name: "Admin", organisation: nil, role: .admin), password: Self.password, logger: testLogger)
                try await withTestApp(endpoint: endpoint) { app in try await body(app, database) }
            }
        }
    }

    private func count(_ database: Database, _ table: String) async throws -> Int {
        try await database.withConnection("test") { connection in
            try await connection.run(PostgresQuery(unsafeSQL: "SELECT count(*)::int FROM \(table)"), logger: testLogger).decode(Int.self).reduce(0) { $1 }
        }
    }

    private func client(_ app: any TestClientProtocol) -> WebSessionClient { WebSessionClient(app: app) }

    private func post(
        _ app: any TestClientProtocol, _ uri: String, _ fields: [(String, String)], cookies: [String: String], origin: String? = nil
    ) async throws -> TestResponse {
        try await client(app).post(uri, fields, cookies: cookies, origin: origin)
    }

    private func get(_ app: any TestClientProtocol, _ uri: String, cookies: [String: String]) async throws -> TestResponse {
        try await client(app).get(uri, cookies: cookies)
    }

    private func signIn(_ app: any TestClientProtocol, _ email: String) async throws -> String {
        try await client(app).signIn(email, password: Self.password)
    }

    @Test func signingInNeedsTheFormsTokenTheRightPasswordAndStaysOnThisSite() async throws {
        try await withAccounts { app, database in
            let form = try await getPage(app, "/fr/sign-in?next=/fr/compare")
            #expect(form.status == .ok)
            let setCookie = try #require(form.headers[values: .setCookie].first)
            #expect(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Lax") && !setCookie.contains("Secure"))
            let formCookie = try #require(WebSessionClient.cookie("seguia_form", in: form))
            let token = try #require(WebSessionClient.formToken(String(buffer: form.body)))

            // Without the token, with another cookie's token, or from another site: 403, nobody signed in.
            let fields = [("email", "amal@example.org"), ("password", Self.password), ("next", "/fr/compare")]
            let missing = try await post(app, "/fr/sign-in", fields, cookies: ["seguia_form": formCookie])
            #expect(missing.status == .forbidden)
            #expect(String(buffer: missing.body).contains("Action refusée"))
            let stolen = try await post(app, "/fr/sign-in", fields + [("csrf", token)], cookies: ["seguia_form": "sgf_another"])
            #expect(stolen.status == .forbidden)
            let crossSite = try await post(
                app, "/fr/sign-in", fields + [("csrf", token)], cookies: ["seguia_form": formCookie], origin: "https://evil.example")
            #expect(crossSite.status == .forbidden)
            #expect(try await count(database, "user_sessions") == 0)

            let wrong = try await post(
                app, "/fr/sign-in", [("csrf", token), ("email", "amal@example.org"), ("password", "pas le bon")], cookies: ["seguia_form": formCookie])
            #expect(wrong.status == .unauthorized)
            #expect(String(buffer: wrong.body).contains("Adresse ou mot de passe incorrect."))
            #expect(String(buffer: wrong.body).contains(#"value="amal@example.org""#))

            let signedIn = try await post(app, "/fr/sign-in", fields + [("csrf", token)], cookies: ["seguia_form": formCookie])
            #expect(signedIn.status == .seeOther)
            #expect(signedIn.headers[.location] == "/fr/compare")
            let sessionHeader = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("seguia_session=") })
            #expect(sessionHeader.contains("HttpOnly") && sessionHeader.contains("SameSite=Lax") && sessionHeader.contains("Max-Age=2592000"))
            #expect(try await count(database, "user_sessions") == 1)

            // Another site as the destination is not followed.
            for next in ["//evil.example/x", "https://evil.example", "/\\evil.example", "/api/v1/practices"] {
                let answer = try await post(
                    app, "/fr/sign-in", [("csrf", token), ("email", "amal@example.org"), ("password", Self.password), ("next", next)],
                    cookies: ["seguia_form": formCookie])
                #expect(answer.headers[.location] == "/fr/account", "\(next)")
            }
        }
    }

    @Test func theAccountPageShowsWhoIsSignedInEscapedAndMakesTokensThatActAsThem() async throws {
        try await withAccounts { app, database in
            let away = try await getPage(app, "/fr/account")
            #expect(away.status == .seeOther)
            #expect(away.headers[.location] == "/fr/sign-in?next=%2Ffr%2Faccount")

            let session = try await signIn(app, "amal@example.org")
            let page = try await get(app, "/ar/account", cookies: ["seguia_session": session])
            #expect(page.status == .ok)
            #expect(page.headers[.cacheControl] == "no-store")
            let html = String(buffer: page.body)
            #expect(html.contains("Amal &lt;b&gt;Haddad&lt;/b&gt;") && !html.contains("<b>Haddad"))
            #expect(html.contains("مساهم"))
            let token = try #require(WebSessionClient.formToken(html))

            let made = try await post(app, "/ar/account/tokens", [("csrf", token), ("name", "tableur"), ("days", "30")], cookies: ["seguia_session": session])
            #expect(made.status == .ok)
            #expect(made.headers[.cacheControl] == "no-store")
            let madeHTML = String(buffer: made.body)
            let secretRange = try #require(madeHTML.range(of: #"sgu_[A-Za-z0-9_-]{20,}"#, options: .regularExpression))
            let secret = String(madeHTML[secretRange])
            // The token acts as its contributor: a draft may be written, publishing may not.
            let headers: HTTPFields = [.authorization: "Bearer \(secret)", .contentType: "application/json"]
            let draft = try await app.execute(
                uri: "/api/v1/practices", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"title": "Brouillon d'Amal", "organisation": "EXPERTS-SOLIDAIRES"}"#))
            #expect(draft.status == .created)
            let published = try await app.execute(
                uri: "/api/v1/practices", method: .post, headers: headers,
                body: ByteBuffer(string: #"{"title": "Publiée", "organisation": "EXPERTS-SOLIDAIRES", "status": "published"}"#))
            #expect(published.status == .forbidden)
            // The session cookie alone is nobody on the API.
            var cookieOnly: HTTPFields = [.contentType: "application/json"]
            cookieOnly[.cookie] = "seguia_session=\(session)"
            let viaCookie = try await app.execute(
                uri: "/api/v1/practices", method: .post, headers: cookieOnly, body: ByteBuffer(string: #"{"title": "Par cookie"}"#))
            #expect(viaCookie.status == .unauthorized)

            let tokenID = try await database.withConnection("test") { connection in
                try await connection.run("SELECT token_id FROM api_tokens WHERE name = 'tableur'", logger: testLogger).decode(Int64.self).reduce(0) { $1 }
            }
            let revoked = try await post(app, "/ar/account/tokens/\(tokenID)/revoke", [("csrf", token)], cookies: ["seguia_session": session])
            #expect(revoked.status == .seeOther)
            let afterRevoke = try await app.execute(uri: "/api/v1/practices", method: .get, headers: [.authorization: "Bearer \(secret)"])
            #expect(afterRevoke.status == .unauthorized)

            let out = try await post(app, "/ar/sign-out", [("csrf", token)], cookies: ["seguia_session": session])
            #expect(out.status == .seeOther)
            #expect(out.headers[values: .setCookie].contains { $0.hasPrefix("seguia_session=;") && $0.contains("Max-Age=0") })
            #expect(try await get(app, "/ar/account", cookies: ["seguia_session": session]).status == .seeOther)
        }
    }

    @Test func changingThePasswordSignsOutTheOtherBrowsers() async throws {
        try await withAccounts { app, database in
            let here = try await signIn(app, "amal@example.org")
            let elsewhere = try await signIn(app, "amal@example.org")
            let token = try #require(WebSessionClient.formToken(String(buffer: try await get(app, "/fr/account", cookies: ["seguia_session": here]).body)))
            let mismatch = try await post(
                app, "/fr/account/password", [("csrf", token), ("current", Self.password), ("new", "une phrase neuve"), ("confirm", "une autre")],
                cookies: ["seguia_session": here])
            #expect(mismatch.status == .unprocessableContent)
            let changed = try await post(
                app, "/fr/account/password", [("csrf", token), ("current", Self.password), ("new", "une phrase neuve"), ("confirm", "une phrase neuve")],
                cookies: ["seguia_session": here])
            #expect(changed.status == .seeOther)
            let renewed = try #require(WebSessionClient.cookie("seguia_session", in: changed))
            #expect(try await get(app, "/fr/account", cookies: ["seguia_session": renewed]).status == .ok)
            #expect(try await get(app, "/fr/account", cookies: ["seguia_session": elsewhere]).status == .seeOther)
            #expect(try await get(app, "/fr/account", cookies: ["seguia_session": here]).status == .seeOther)
            #expect(try await count(database, "user_sessions") == 1)
        }
    }

    @Test func onlyAdministratorsManageAccounts() async throws {
        try await withAccounts { app, database in
            let contributor = try await signIn(app, "amal@example.org")
            let refused = try await get(app, "/fr/admin/accounts", cookies: ["seguia_session": contributor])
            #expect(refused.status == .forbidden)

            let admin = try await signIn(app, "admin@example.org")
            let page = try await get(app, "/en/admin/accounts", cookies: ["seguia_session": admin])
            #expect(page.status == .ok)
            let token = try #require(WebSessionClient.formToken(String(buffer: page.body)))
            let bad = try await post(
                app, "/en/admin/accounts", [("csrf", token), ("email", "nope"), ("name", "Sami"), ("role", "reviewer"), ("password", "court")],
                cookies: ["seguia_session": admin])
            #expect(bad.status == .unprocessableContent)
            #expect(String(buffer: bad.body).contains(#"value="Sami""#))
            #expect(try await count(database, "users") == 2)
            let made = try await post(
                app, "/en/admin/accounts",
                [("csrf", token), ("email", "sami@example.org"), ("name", "Sami"), ("organisation", "AFD"), ("role", "reviewer"),
                 ("languages", "en"), ("languages", "ar"), ("password", Self.password)],
                cookies: ["seguia_session": admin])
            #expect(made.status == .seeOther)
            let sami = try await signIn(app, "sami@example.org")
            let disabled = try await post(
                app, "/en/admin/accounts/disable", [("csrf", token), ("email", "sami@example.org")], cookies: ["seguia_session": admin])
            #expect(disabled.status == .seeOther)
            #expect(try await get(app, "/en/account", cookies: ["seguia_session": sami]).status == .seeOther)
            let listed = String(buffer: try await get(app, "/en/admin/accounts", cookies: ["seguia_session": admin]).body)
            #expect(listed.contains("sami@example.org") && listed.contains("disabled on"))
        }
    }
}
