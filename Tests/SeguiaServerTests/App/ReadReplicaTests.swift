import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import SeguiaCore
import SeguiaServer
import SeguiaStore
import SeguiaTestSupport
import Testing

/// Reads served by a real streaming replica (`pg_basebackup -R` from a test cluster), made
/// late on purpose by pausing its replay: the public reads the replica, a person who just
/// published reads their own write, a token reads the primary, and a replica too late or down
/// is passed over.
///
/// Serialized: pausing the replica's replay is felt by every test that reads it.
@Suite(.serialized) struct ReadReplicaTests {
    static let password = "une longue phrase de passe"
    static let search = "/fr/practices?q=Zarqa"

    /// The app on `endpoint`, its reads allowed on `replicaEndpoints`, once the monitor has
    /// checked them (or `waitForReplica` is false).
    func withReplicatedApp(
        _ endpoint: DatabaseEndpoint, replicas replicaEndpoints: [DatabaseEndpoint], maximumLag: Duration, waitForReplica: Bool = true,
        _ body: @Sendable (any TestClientProtocol, ReadReplicas) async throws -> Void
    ) async throws {
        let replicas = ReadReplicas.connecting(to: replicaEndpoints, maximumConnections: 2, maximumLag: maximumLag, logger: testLogger)
        let client = PostgresClient(configuration: endpoint.clientConfiguration(maximumConnections: 4), backgroundLogger: testLogger)
        let database = Database(client: client, maximumConnections: 4, leaseTimeout: testLeaseTimeout, replicas: replicas)
        let app = try buildApplication(
            config: AppConfig(port: 0, dataDirectory: FileManager.default.temporaryDirectory), database: database, registry: testMetricsRegistry,
            logger: testLogger)
        try await app.test(.router) { app in
            if waitForReplica {
                try await Self.eventually("the replica is checked and in bound") { replicas.statuses.allSatisfy { $0.serves(within: maximumLag) } }
            }
            try await body(ConformingTestClient(base: app), replicas)
        }
    }

    static func eventually(_ what: String, within: Duration = .seconds(10), _ condition: () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + within
        while try await !condition() {
            guard ContinuousClock.now < deadline else {
                Issue.record("not within \(within): \(what)")
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// A sheet submitted by Amal, which Paul (publisher) may publish; a token for the API.
    func prepare(_ endpoint: DatabaseEndpoint) async throws -> String {
        try await withPostgresClient(endpoint, logger: testLogger) { client in
            let database = Database(client: client, maximumConnections: 2, leaseTimeout: testLeaseTimeout)
            let accounts = AccountRepository(database: database, bcryptCost: 4)
            let amal = try await accounts.create(
                AccountInput(email: "amal@example.org", name: "Amal", organisation: "OCCITANIE-COOPERATION", role: .contributor),
                password: Self.password, logger: testLogger)
            _ = try await accounts.create(
                AccountInput(email: "paul@example.org", name: "Paul", organisation: "OCCITANIE-COOPERATION", role: .publisher),
                password: Self.password, logger: testLogger)
            var content = PracticeContent(slug: "comite-de-zarqa", title: "Comité de l'eau de Zarqa")
            content.organisation = "OCCITANIE-COOPERATION"
            let writer = PracticeWriter(database: database)
            let id = try await writer.create(content, by: amal.identity(), logger: testLogger)
            _ = try await writer.change(id: id, expectedRevision: 1, by: amal.identity(), message: "À relire", logger: testLogger) { current in
                var next = current
                next.status = .inReview
                return (next, PracticeWorkflow.step(from: current.status, to: .inReview).rawValue)
            }
            return try await TokenRepository(database: database).create(name: "lecture", role: .reader, organisation: nil, logger: testLogger)
        }
    }

    @Test func thePublicReadsTheReplicaAndWhoeverPublishedReadsTheirWrite() async throws {
        try await TestReplica.shared.withReplicatedDatabase { endpoint, replica in
            let token = try await prepare(endpoint)
            try await TestReplica.shared.waitForReplay()
            try await withReplicatedApp(endpoint, replicas: [replica], maximumLag: .seconds(60)) { app, _ in
                let browser = WebSessionClient(app: app)
                let paul = try await browser.signIn("paul@example.org", password: Self.password)
                let sheet = try await browser.html("/fr/practices/comite-de-zarqa", session: paul)
                let csrf = try #require(WebSessionClient.formToken(sheet))
                #expect(!(try await pageHTML(app, Self.search)).contains("Comité de l&#39;eau de Zarqa"))

                try await TestReplica.shared.setReplayPaused(true)
                do {
                    let published = try await browser.post(
                        "/fr/practices/comite-de-zarqa/workflow", [("csrf", csrf), ("action", "publish"), ("revision", "2"), ("message", "")],
                        cookies: ["seguia_session": paul])
                    #expect(published.status == .seeOther)
                    let written = try #require(WebSessionClient.cookie("seguia_written", in: published))

                    // The public reads the replica, which has not replayed the publication yet.
                    #expect(!(try await pageHTML(app, Self.search)).contains("Comité de l&#39;eau de Zarqa"))
                    let anonymous = try await app.execute(uri: "/api/v1/practices?q=Zarqa", method: .get)
                    #expect(String(buffer: anonymous.body).contains(#""total":0"#))
                    // Paul's browser, which published, waits for a replica that has: none has, so the primary.
                    let own = try await browser.get(Self.search, cookies: ["seguia_session": paul, "seguia_written": written])
                    #expect(String(buffer: own.body).contains("Comité de l&#39;eau de Zarqa"))
                    // The same person in another browser, without the cookie, reads the replica.
                    let elsewhere = try await browser.get(Self.search, cookies: ["seguia_session": paul])
                    #expect(!String(buffer: elsewhere.body).contains("Comité de l&#39;eau de Zarqa"))
                    // A sheet's page carries its revision into the workflow form: the primary.
                    #expect(try await browser.html("/fr/practices/comite-de-zarqa", session: paul).contains("État : publiée"))
                    // The API with a token reads the primary.
                    let withToken = try await app.execute(uri: "/api/v1/practices?q=Zarqa", method: .get, headers: apiHeaders(token))
                    #expect(String(buffer: withToken.body).contains(#""total":1"#))
                } catch {
                    try await TestReplica.shared.setReplayPaused(false)
                    throw error
                }
                try await TestReplica.shared.setReplayPaused(false)
                try await TestReplica.shared.waitForReplay()
                try await Self.eventually("the public sees the publication once replayed") {
                    try await pageHTML(app, Self.search).contains("Comité de l&#39;eau de Zarqa")
                }
            }
        }
    }

    @Test func aReplicaTooLateOrDownIsPassedOver() async throws {
        try await TestReplica.shared.withReplicatedDatabase { endpoint, replica in
            _ = try await prepare(endpoint)
            try await TestReplica.shared.waitForReplay()
            try await withReplicatedApp(endpoint, replicas: [replica], maximumLag: .seconds(1)) { app, replicas in
                try await TestReplica.shared.setReplayPaused(true)
                do {
                    try await withPostgresClient(endpoint, logger: testLogger) { client in
                        try await client.query(
                            "UPDATE practices SET status = 'published', confidentiality = 'public' WHERE slug = 'comite-de-zarqa'", logger: testLogger)
                    }
                    // Within the bound the replica still answers (without the change); past it, the primary does.
                    try await Self.eventually("the late replica is skipped") {
                        try await pageHTML(app, Self.search).contains("Comité de l&#39;eau de Zarqa")
                    }
                    #expect(replicas.statuses[0].lag.map { $0 > .seconds(1) } == true)
                } catch {
                    try await TestReplica.shared.setReplayPaused(false)
                    throw error
                }
                try await TestReplica.shared.setReplayPaused(false)
            }

            // A replica nobody answers at: every read is served, by the primary.
            var down = replica
            down.port = 1
            try await withReplicatedApp(endpoint, replicas: [down], maximumLag: .seconds(5), waitForReplica: false) { app, replicas in
                try await Task.sleep(for: .milliseconds(1500))
                #expect(replicas.statuses[0].isReachable == false)
                #expect(try await pageHTML(app, Self.search).contains("Comité de l&#39;eau de Zarqa"))
                let answer = try await app.execute(uri: "/api/v1/practices?q=Zarqa", method: .get)
                #expect(answer.status == .ok && String(buffer: answer.body).contains(#""total":1"#))
            }
        }
    }
}
