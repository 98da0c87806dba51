import Foundation
import PostgresNIO
import SeguiaServer
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct DatabaseProvisionerTests {
    @Test func anExternalDatabaseWithPendingMigrationsIsRefusedUnlessAskedToMigrate() async throws {
        try await withEmptyTestDatabase { endpoint in
            let external = ProvisionedDatabase(endpoint: endpoint, embedded: nil, isNewCluster: false)
            let cautious = AppConfig(dataDirectory: URL(fileURLWithPath: "/unused"), database: endpoint)
            await #expect {
                try await DatabaseProvisioner.prepareSchema(external, config: cautious, logger: testLogger)
            } throws: { error in
                guard case .pending(let versions) = error as? MigrationError else { return false }
                return versions == (try? Migrator.bundled().migrations.map(\.version))
            }

            var willing = cautious
            willing.migrateOnStart = true
            try await DatabaseProvisioner.prepareSchema(external, config: willing, logger: testLogger)
            try await DatabaseProvisioner.prepareSchema(external, config: cautious, logger: testLogger)
            // An external database is migrated but never seeded behind its owner's back.
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let rows = try await client.query("SELECT count(*)::int FROM territories", logger: testLogger)
                for try await count in rows.decode(Int.self) { #expect(count == 0) }
            }
        }
    }
}
