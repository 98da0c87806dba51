import Foundation
import Logging
import PostgresNIO
import SeguiaEmbeddedPostgres
import SeguiaStore

/// The database a command works on, and what to do with it when the command ends.
public struct ProvisionedDatabase: Sendable {
    public var endpoint: DatabaseEndpoint
    /// Set when the database lives in the embedded cluster.
    public var embedded: EmbeddedPostgres?
    /// `true` when the embedded cluster was just created by `initdb`.
    public var isNewCluster: Bool

    public init(endpoint: DatabaseEndpoint, embedded: EmbeddedPostgres?, isNewCluster: Bool) {
        self.endpoint = endpoint
        self.embedded = embedded
        self.isNewCluster = isNewCluster
    }

    /// Stops the embedded cluster if this process started it; an external server is left alone.
    public func release() async throws {
        try await embedded?.stop()
    }
}

/// Chooses between the external server of `DATABASE_URL` and the embedded cluster.
public enum DatabaseProvisioner {
    /// Reaches the configured database, starting the embedded cluster when none is configured.
    public static func provision(config: AppConfig, searchPath: String?, logger: Logger) async throws -> ProvisionedDatabase {
        if let endpoint = config.database {
            logger.info("using external PostgreSQL", metadata: ["database": "\(endpoint.redactedDescription)"])
            return ProvisionedDatabase(endpoint: endpoint, embedded: nil, isNewCluster: false)
        }
        let embedded = EmbeddedPostgres(
            options: .init(dataDirectory: config.dataDirectory, searchPath: searchPath), logger: logger)
        let cluster = try await embedded.start()
        return ProvisionedDatabase(endpoint: cluster.endpoint, embedded: embedded, isNewCluster: cluster.isNew)
    }

    /// Brings the schema up to date as the configuration allows, and seeds an empty embedded database.
    ///
    /// The embedded cluster is Seguia's own, so it is always migrated; an external database is
    /// migrated only when asked (`--migrate`), otherwise pending migrations stop the start.
    public static func prepareSchema(
        _ database: ProvisionedDatabase, config: AppConfig, logger: Logger
    ) async throws {
        let migrator = try Migrator.bundled()
        try await withPostgresClient(database.endpoint, logger: logger) { client in
            if database.embedded == nil && !config.migrateOnStart {
                let pending = try await migrator.pendingVersions(client: client, logger: logger)
                guard pending.isEmpty else { throw MigrationError.pending(pending) }
                return
            }
            try await migrator.migrate(client: client, logger: logger)
            if database.embedded != nil, try await isUnseeded(client: client, logger: logger) {
                try await Seeder().seed(client: client, logger: logger)
            }
        }
    }

    /// An embedded database is seeded on its first start only, so that data removed later stays removed.
    private static func isUnseeded(client: PostgresClient, logger: Logger) async throws -> Bool {
        let rows = try await client.query("SELECT NOT EXISTS (SELECT 1 FROM territories)", logger: logger)
        for try await empty in rows.decode(Bool.self) { return empty }
        return true
    }
}
