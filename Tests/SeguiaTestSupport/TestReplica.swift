import Foundation
import Logging
import PostgresNIO
import SeguiaEmbeddedPostgres
import SeguiaStore

/// A primary and its streaming replica (`pg_basebackup -R` from it), started on first use and
/// stopped with the test process. The primary is a throwaway cluster of its own with the same
/// template as the tests' server: the other tests, running at the same time, write gigabytes of
/// log (every database cloned from the template is logged page by page) that a replica on two
/// cores would be minutes behind on.
public actor TestReplica {
    public static let shared = TestReplica()

    private var starting: Task<(primary: DatabaseEndpoint, replica: DatabaseEndpoint), any Error>?

    /// The maintenance endpoints of the primary and of its replica.
    public func endpoints() async throws -> (primary: DatabaseEndpoint, replica: DatabaseEndpoint) {
        if let starting { return try await starting.value }
        let task = Task { () async throws -> (primary: DatabaseEndpoint, replica: DatabaseEndpoint) in
            do {
                let primary = try await TestDatabaseServer.startThrowawayCluster(maximumConnections: 100, logger: testLogger)
                try await TestDatabaseServer.prepareTemplate(on: primary, logger: testLogger)
                let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seguia-replica-\(UUID().uuidString.prefix(8))")
                let replica = EmbeddedReplica(
                    primary: primary, dataDirectory: directory, searchPath: ProcessInfo.processInfo.environment["PATH"], logger: testLogger)
                return (primary: primary, replica: try await replica.start().with(database: "postgres"))
            } catch {
                throw TestSetupError("could not start a primary and its streaming replica: \(String(reflecting: error))")
            }
        }
        starting = task
        return try await task.value
    }

    /// Runs `body` with a fresh database cloned from the template on the primary, and the same
    /// database on the replica once it is there; dropped afterwards.
    public func withReplicatedDatabase<Result: Sendable>(
        _ body: (_ primary: DatabaseEndpoint, _ replica: DatabaseEndpoint) async throws -> Result
    ) async throws -> Result {
        let (primary, replica) = try await endpoints()
        let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
        try await withPostgresClient(primary, logger: testLogger) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(TestDatabaseServer.templateName)"), logger: testLogger)
        }
        @Sendable func drop() async throws {
            try await withPostgresClient(primary, logger: testLogger) { client in
                try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: testLogger)
            }
        }
        let result: Result
        do {
            try await waitForReplay()
            result = try await body(primary.with(database: name), replica.with(database: name))
        } catch {
            try? await drop()
            throw error
        }
        try await drop()
        return result
    }

    /// Waits until the replica has replayed everything the primary had written when called.
    public func waitForReplay(timeout: Duration = .seconds(30)) async throws {
        let (primary, replica) = try await endpoints()
        let target = try await withPostgresClient(primary, logger: testLogger) { client in
            try await Self.position(client, "SELECT pg_current_wal_insert_lsn()::text")
        }
        let deadline = ContinuousClock.now + timeout
        try await withPostgresClient(replica, logger: testLogger) { client in
            while try await Self.position(client, "SELECT pg_last_wal_replay_lsn()::text") < target {
                guard ContinuousClock.now < deadline else { throw TestSetupError("the replica did not replay \(target) within \(timeout)") }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// Stops or resumes the replica's replay (it keeps receiving the log meanwhile), to make it late on purpose.
    public func setReplayPaused(_ paused: Bool) async throws {
        let replica = try await endpoints().replica
        try await withPostgresClient(replica, logger: testLogger) { client in
            try await client.query(paused ? "SELECT pg_wal_replay_pause()" : "SELECT pg_wal_replay_resume()", logger: testLogger)
        }
    }

    private static func position(_ client: PostgresClient, _ sql: String) async throws -> WALPosition {
        for try await text in try await client.query(PostgresQuery(unsafeSQL: sql), logger: testLogger).decode(String.self) {
            if let position = WALPosition(text) { return position }
        }
        throw TestSetupError("no log position from \(sql)")
    }
}
