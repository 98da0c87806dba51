import Foundation
import Logging
import PostgresNIO

/// Applies the numbered migrations of `sql/` in order, each in its own transaction.
///
/// It records every applied file in `schema_migrations` with its checksum and refuses to go on
/// when an applied file has changed since. An advisory lock keeps two processes from migrating
/// the same database at once.
public struct Migrator: Sendable {
    public var migrations: [Migration]

    /// Arbitrary but fixed key for `pg_advisory_lock`, so concurrent migrators wait for each other.
    private static let lockKey: Int64 = 0x5345_4755_4941  // "SEGUIA"

    public init(migrations: [Migration]) {
        self.migrations = migrations
    }

    /// The migrations shipped with this build.
    public static func bundled() throws -> Migrator {
        try Migrator(migrations: Migration.load(from: StoreResources.migrationsDirectory))
    }

    /// Versions not yet applied; fails when the database and the files disagree.
    public func pendingVersions(client: PostgresClient, logger: Logger) async throws -> [Int] {
        try await client.withConnection { connection in
            try await ensureBookkeeping(connection, logger: logger)
            let applied = try await appliedChecksums(connection, logger: logger)
            try verify(applied: applied)
            return migrations.map(\.version).filter { applied[$0] == nil }
        }
    }

    /// Applies every pending migration and returns those applied.
    @discardableResult
    public func migrate(client: PostgresClient, logger: Logger) async throws -> [Migration] {
        try await client.withConnection { connection in
            try await ensureBookkeeping(connection, logger: logger)
            try await connection.run("SELECT pg_advisory_lock(\(Self.lockKey))", logger: logger)
            do {
                let applied = try await applyPending(connection, logger: logger)
                try await connection.run("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                return applied
            } catch {
                _ = try? await connection.run("SELECT pg_advisory_unlock(\(Self.lockKey))", logger: logger)
                throw error
            }
        }
    }

    private func applyPending(_ connection: PostgresConnection, logger: Logger) async throws -> [Migration] {
        let applied = try await appliedChecksums(connection, logger: logger)
        try verify(applied: applied)
        var done: [Migration] = []
        for migration in migrations where applied[migration.version] == nil {
            let statements = SQLStatementSplitter.split(migration.sql)
            try await connection.inTransaction(logger: logger) { transaction in
                for (position, statement) in statements.enumerated() {
                    do {
                        try await transaction.run(PostgresQuery(unsafeSQL: statement), logger: logger)
                    } catch let error as PSQLError {
                        throw MigrationError.failed(
                            version: migration.version, name: migration.name, statement: position + 1,
                            reason: error.serverInfo?[.message] ?? String(reflecting: error))
                    }
                }
                try await transaction.run(
                    """
                    INSERT INTO schema_migrations (version, name, checksum)
                    VALUES (\(migration.version), \(migration.name), \(migration.checksum))
                    """, logger: logger)
            }
            logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
            done.append(migration)
        }
        return done
    }

    private func verify(applied: [Int: String]) throws {
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        for (version, checksum) in applied.sorted(by: { $0.key < $1.key }) {
            guard let migration = known[version] else { throw MigrationError.unknownAppliedVersion(version) }
            guard migration.checksum == checksum else {
                throw MigrationError.checksumMismatch(version: version, name: migration.name)
            }
        }
    }

    private func ensureBookkeeping(_ connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """, logger: logger)
    }

    private func appliedChecksums(_ connection: PostgresConnection, logger: Logger) async throws -> [Int: String] {
        let rows = try await connection.run("SELECT version, checksum FROM schema_migrations", logger: logger)
        var applied: [Int: String] = [:]
        for try await (version, checksum) in rows.decode((Int, String).self) {
            applied[version] = checksum
        }
        return applied
    }
}
