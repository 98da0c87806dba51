import ArgumentParser
import Foundation
import Logging
import SeguiaServer
import SeguiaStore

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply pending migrations of sql/ to the database.")

    @OptionGroup var common: CommonOptions

    @Flag(help: "Only list pending migrations; change nothing.")
    var dryRun = false

    func run() async throws {
        let config = try common.resolve()
        let logger = Logger(label: "seguia")
        try await runReportingErrors {
            try await withProvisionedDatabase(config: config, logger: logger) { endpoint in
                let migrator = try Migrator.bundled()
                try await withPostgresClient(endpoint, logger: logger) { client in
                    if dryRun {
                        let pending = try await migrator.pendingVersions(client: client, logger: logger)
                        print(pending.isEmpty ? "no pending migration" : "pending: " + pending.map(String.init).joined(separator: ", "))
                    } else {
                        let applied = try await migrator.migrate(client: client, logger: logger)
                        print(applied.isEmpty ? "schema is up to date" : "applied: " + applied.map { "\($0.version)_\($0.name)" }.joined(separator: ", "))
                    }
                }
            }
        }
    }
}
