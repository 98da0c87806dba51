import Foundation
import Logging
import PostgresNIO
import SeguiaStore

/// Runs `body` against a fresh database cloned from the migrated and seeded template, dropped afterwards.
public func withTestDatabase<Result: Sendable>(
    _ body: (DatabaseEndpoint) async throws -> Result
) async throws -> Result {
    try await withScratchDatabase(template: TestDatabaseServer.templateName, body)
}

/// Runs `body` against a fresh database with no schema at all, dropped afterwards.
public func withEmptyTestDatabase<Result: Sendable>(
    _ body: (DatabaseEndpoint) async throws -> Result
) async throws -> Result {
    try await withScratchDatabase(template: "template0", body)
}

/// Runs `body` with a client on a fresh template-cloned database.
public func withTestClient<Result: Sendable>(
    _ body: (PostgresClient) async throws -> Result
) async throws -> Result {
    try await withTestDatabase { endpoint in
        try await withPostgresClient(endpoint, logger: testLogger, body)
    }
}

public let testLogger: Logger = {
    var logger = Logger(label: "seguia.tests")
    logger.logLevel = .warning
    return logger
}()

private func withScratchDatabase<Result: Sendable>(
    template: String,
    _ body: (DatabaseEndpoint) async throws -> Result
) async throws -> Result {
    let maintenance = try await TestDatabaseServer.shared.maintenanceEndpoint()
    // Built from a UUID, never from input: safe to write into the statement.
    let name = "test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
    do {
        try await withPostgresClient(maintenance, logger: testLogger) { client in
            try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name) TEMPLATE \(template)"), logger: testLogger)
        }
    } catch {
        throw TestSetupError("could not create a test database from \(template): \(String(reflecting: error))")
    }
    let result: Result
    do {
        result = try await body(maintenance.with(database: name))
    } catch {
        try? await dropDatabase(name, maintenance: maintenance)
        throw error
    }
    try await dropDatabase(name, maintenance: maintenance)
    return result
}

private func dropDatabase(_ name: String, maintenance: DatabaseEndpoint) async throws {
    try await withPostgresClient(maintenance, logger: testLogger) { client in
        try await client.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(name) WITH (FORCE)"), logger: testLogger)
    }
}

/// Tests run many at once on two cores: a lease may wait longer than the server's few seconds
/// without anything being wrong. Tests of the lease deadline itself set their own.
public let testLeaseTimeout: Duration = .seconds(60)

/// Runs `body` with the pool of a fresh database, as repositories take it.
public func withTestPool<Result: Sendable>(maximumConnections: Int = 4, _ body: (Database) async throws -> Result) async throws -> Result {
    try await withTestClient { client in
        try await body(Database(client: client, maximumConnections: maximumConnections, leaseTimeout: testLeaseTimeout))
    }
}
