import ArgumentParser
import Foundation
import Logging
import SeguiaServer
import SeguiaStore

struct Seed: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Load the reference data of seed/ (idempotent).")

    @OptionGroup var common: CommonOptions

    func run() async throws {
        let config = try common.resolve()
        let logger = Logger(label: "seguia")
        try await runReportingErrors {
            try await withProvisionedDatabase(config: config, logger: logger) { endpoint in
                try await withPostgresClient(endpoint, logger: logger) { client in
                    let pending = try await Migrator.bundled().pendingVersions(client: client, logger: logger)
                    guard pending.isEmpty else { throw MigrationError.pending(pending) }
                    let files = try await Seeder().seed(client: client, logger: logger)
                    print("seeded: " + files.joined(separator: ", "))
                }
            }
        }
    }
}

/// Runs `body` on the configured database: the running server's cluster, or one started for this command and stopped after.
func withProvisionedDatabase(config: AppConfig, logger: Logger, _ body: (DatabaseEndpoint) async throws -> Void) async throws {
    try await withProvisionedDatabase(config: config, logger: logger) { (database: ProvisionedDatabase) in try await body(database.endpoint) }
}

func withProvisionedDatabase(config: AppConfig, logger: Logger, _ body: (ProvisionedDatabase) async throws -> Void) async throws {
    let database = try await DatabaseProvisioner.provision(
        config: config, searchPath: ProcessInfo.processInfo.environment["PATH"], logger: logger)
    do {
        try await body(database)
    } catch {
        try? await database.release()
        throw error
    }
    try await database.release()
}
