import Foundation
import Logging
import PostgresNIO
import SeguiaEmbeddedPostgres
import SeguiaStore

/// A streaming replica of the tests' PostgreSQL server (`pg_basebackup -R` from it), started on
/// first use and stopped with the test process. Every test database created on the server
/// appears on it a moment later (`waitForReplay`).
public actor TestReplica {
    public static let shared = TestReplica()

    private var starting: Task<DatabaseEndpoint, any Error>?

    /// The replica's endpoint on its `postgres` database.
    public func maintenanceEndpoint() async throws -> DatabaseEndpoint {
        if let starting { return try await starting.value }
        let task = Task {
            let primary = try await TestDatabaseServer.shared.maintenanceEndpoint()
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seguia-replica-\(UUID().uuidString.prefix(8))")
            let replica = EmbeddedReplica(
                primary: primary, dataDirectory: directory, searchPath: ProcessInfo.processInfo.environment["PATH"], logger: testLogger)
            do {
                return try await replica.start().with(database: "postgres")
            } catch {
                throw TestSetupError("could not start a streaming replica of the test server: \(String(reflecting: error))")
            }
        }
        starting = task
        return try await task.value
    }

    /// Waits until the replica has replayed everything the primary had written when called.
    public func waitForReplay(timeout: Duration = .seconds(30)) async throws {
        let primary = try await TestDatabaseServer.shared.maintenanceEndpoint()
        let replica = try await maintenanceEndpoint()
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
        let replica = try await maintenanceEndpoint()
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
