import Foundation
import Logging
import PostgresNIO
import SeguiaEmbeddedPostgres
import SeguiaStore

/// The PostgreSQL server the tests of this process use, started once.
///
/// With `TEST_DATABASE_URL` set it is that server (the URL's user must be allowed to create
/// databases); otherwise a throwaway cluster is started in a temporary directory with the same
/// launcher as the embedded default, and stops by itself when the test process exits.
/// A template database, migrated and seeded once, is cloned for every test.
public actor TestDatabaseServer {
    public static let shared = TestDatabaseServer()

    public static let templateName = "seguia_template"

    private var preparation: Task<DatabaseEndpoint, any Error>?
    let logger = Logger(label: "seguia.tests")

    /// An endpoint on the server's maintenance database, once the template is ready.
    public func maintenanceEndpoint() async throws -> DatabaseEndpoint {
        if let preparation { return try await preparation.value }
        let task = Task {
            do {
                return try await Self.prepare(logger: logger)
            } catch let error as TestSetupError {
                throw error
            } catch {
                // PSQLError hides its text unless reflected.
                throw TestSetupError("preparing the template database failed: \(String(reflecting: error))")
            }
        }
        preparation = task
        return try await task.value
    }

    private static func prepare(logger: Logger) async throws -> DatabaseEndpoint {
        let maintenance = try await startServer(logger: logger)
        try await prepareTemplate(on: maintenance, logger: logger)
        return maintenance
    }

    /// Creates (again) the migrated and seeded template on the server of `maintenance`.
    static func prepareTemplate(on maintenance: DatabaseEndpoint, logger: Logger) async throws {
        try await withPostgresClient(maintenance, logger: logger) { client in
            // A template left by an earlier run on the same server is protected against drops: unprotect it first.
            let rows = try await client.query("SELECT 1 FROM pg_database WHERE datname = \(templateName)", logger: logger)
            var exists = false
            for try await _ in rows { exists = true }
            if exists {
                try await client.query(PostgresQuery(unsafeSQL: "ALTER DATABASE \(templateName) WITH IS_TEMPLATE false"), logger: logger)
                try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE \(templateName) WITH (FORCE)"), logger: logger)
            }
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(templateName) TEMPLATE template0"), logger: logger)
        }
        try await withPostgresClient(maintenance.with(database: templateName), logger: logger) { client in
            try await Migrator.bundled().migrate(client: client, logger: logger)
            try await Seeder().seed(client: client, logger: logger)
        }
        // CREATE DATABASE … TEMPLATE fails while anyone is connected to the template: close it for good,
        // including a pool connection that may still be closing.
        try await withPostgresClient(maintenance, logger: logger) { client in
            try await client.query(
                PostgresQuery(unsafeSQL: "ALTER DATABASE \(templateName) WITH ALLOW_CONNECTIONS false IS_TEMPLATE true"), logger: logger)
            try await client.query(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = \(templateName)", logger: logger)
        }
    }

    private static func startServer(logger: Logger) async throws -> DatabaseEndpoint {
        let environment = ProcessInfo.processInfo.environment
        if let url = environment["TEST_DATABASE_URL"], !url.isEmpty {
            switch DatabaseEndpoint.parse(url: url) {
            case .success(let endpoint): return endpoint.with(database: "postgres")
            case .failure(let error): throw TestSetupError("TEST_DATABASE_URL is invalid: \(error)")
            }
        }
        return try await startThrowawayCluster(maximumConnections: 400, logger: logger)
    }

    /// A cluster in a temporary directory, gone with the test process.
    static func startThrowawayCluster(maximumConnections: Int, logger: Logger) async throws -> DatabaseEndpoint {
        let environment = ProcessInfo.processInfo.environment
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("seguia-tests-\(UUID().uuidString.prefix(8))")
        let embedded = EmbeddedPostgres(
            options: .init(
                dataDirectory: directory, searchPath: environment["PATH"], durable: false, stopsWithProcess: true,
                // Tests run in parallel, each with its own database and pool.
                removesDataWithProcess: true, maximumConnections: maximumConnections),
            logger: logger)
        do {
            return try await embedded.start().endpoint.with(database: "postgres")
        } catch {
            throw TestSetupError(
                """
                The tests need PostgreSQL 15+ server programs (initdb, pg_ctl, postgres) to start a throwaway cluster,
                or TEST_DATABASE_URL=postgres://user:password@host:port/postgres pointing at a server where the user may
                create databases. Install them with `apt-get install postgresql postgresql-contrib` (or `bash .ci/run`).
                Cause: \(error)
                """)
        }
    }
}

/// Why the test database could not be set up; says how to fix it.
public struct TestSetupError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
