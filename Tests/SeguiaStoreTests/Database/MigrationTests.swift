import Foundation
import PostgresNIO
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct MigrationLoadingTests {
    private func directory(with files: [String: String]) throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("migrations-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for (name, text) in files {
            try text.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        return directory
    }

    @Test func ordersByVersionNotByListing() throws {
        let dir = try directory(with: ["0010_later.sql": "SELECT 10", "0002_second.sql": "SELECT 2", "0001_first.sql": "SELECT 1"])
        let migrations = try Migration.load(from: dir)
        #expect(migrations.map(\.version) == [1, 2, 10])
        #expect(migrations.map(\.name) == ["first", "second", "later"])
    }

    @Test func rejectsBadNamesAndDuplicateVersions() throws {
        let badName = try directory(with: ["1_short.sql": "SELECT 1"])
        #expect(throws: MigrationError.badFileName("1_short.sql")) { try Migration.load(from: badName) }
        let duplicate = try directory(with: ["0001_a.sql": "SELECT 1", "0001_b.sql": "SELECT 2"])
        #expect(throws: MigrationError.duplicateVersion(1)) { try Migration.load(from: duplicate) }
    }

    @Test func checksumFollowsTheText() {
        let original = Migration(version: 1, name: "a", sql: "SELECT 1")
        var edited = original
        edited.sql = "SELECT 2"
        #expect(original.checksum != edited.checksum)
        #expect(original.checksum.count == 64)
    }
}

@Suite struct MigratorTests {
    private func tables(_ client: PostgresClient) async throws -> Set<String> {
        let rows = try await client.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public'", logger: testLogger)
        var names: Set<String> = []
        for try await name in rows.decode(String.self) { names.insert(name) }
        return names
    }

    @Test func appliesPendingInOrderOnceAndRecordsThem() async throws {
        try await withEmptyTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                // setup
                let migrator = Migrator(migrations: [
                    Migration(version: 1, name: "create", sql: "CREATE TABLE things (id int PRIMARY KEY);"),
                    Migration(version: 2, name: "fill", sql: "INSERT INTO things VALUES (1); INSERT INTO things VALUES (2);"),
                ])
                // MUT
                let first = try await migrator.migrate(client: client, logger: testLogger)
                let second = try await migrator.migrate(client: client, logger: testLogger)
                // validation
                #expect(first.map(\.version) == [1, 2])
                #expect(second.isEmpty)
                let rows = try await client.query("SELECT version, checksum FROM schema_migrations ORDER BY version", logger: testLogger)
                var recorded: [(Int, String)] = []
                for try await row in rows.decode((Int, String).self) { recorded.append(row) }
                #expect(recorded.map(\.0) == [1, 2])
                #expect(recorded.map(\.1) == migrator.migrations.map(\.checksum))
                let count = try await client.query("SELECT count(*) FROM things", logger: testLogger)
                for try await value in count.decode(Int.self) { #expect(value == 2) }
            }
        }
    }

    @Test func refusesAnAppliedMigrationThatChanged() async throws {
        try await withEmptyTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                try await Migrator(migrations: [Migration(version: 1, name: "create", sql: "CREATE TABLE a (x int)")])
                    .migrate(client: client, logger: testLogger)
                let edited = Migrator(migrations: [
                    Migration(version: 1, name: "create", sql: "CREATE TABLE a (x bigint)"),
                    Migration(version: 2, name: "more", sql: "CREATE TABLE b (x int)"),
                ])
                await #expect(throws: MigrationError.checksumMismatch(version: 1, name: "create")) {
                    try await edited.migrate(client: client, logger: testLogger)
                }
                #expect(try await tables(client).contains("b") == false)
            }
        }
    }

    @Test func aFailingMigrationLeavesNoTrace() async throws {
        try await withEmptyTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let migrator = Migrator(migrations: [
                    Migration(version: 1, name: "good", sql: "CREATE TABLE good (x int)"),
                    Migration(version: 2, name: "bad", sql: "CREATE TABLE half (x int); SELECT * FROM missing_table;"),
                ])
                await #expect {
                    try await migrator.migrate(client: client, logger: testLogger)
                } throws: { error in
                    guard case .failed(let version, _, let statement, _) = error as? MigrationError else { return false }
                    return version == 2 && statement == 2
                }
                let names = try await tables(client)
                #expect(names.contains("good"))
                #expect(!names.contains("half"))
                #expect(try await migrator.pendingVersions(client: client, logger: testLogger) == [2])
            }
        }
    }

    @Test func refusesADatabaseNewerThanTheBuild() async throws {
        try await withEmptyTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                try await Migrator(migrations: [
                    Migration(version: 1, name: "a", sql: "SELECT 1"), Migration(version: 2, name: "b", sql: "SELECT 2"),
                ]).migrate(client: client, logger: testLogger)
                let older = Migrator(migrations: [Migration(version: 1, name: "a", sql: "SELECT 1")])
                await #expect(throws: MigrationError.unknownAppliedVersion(2)) {
                    try await older.pendingVersions(client: client, logger: testLogger)
                }
            }
        }
    }

    @Test func shippedMigrationsAndSeedApplyToAnEmptyDatabaseAndSeedIsIdempotent() async throws {
        try await withEmptyTestDatabase { endpoint in
            try await withPostgresClient(endpoint, logger: testLogger) { client in
                let applied = try await Migrator.bundled().migrate(client: client, logger: testLogger)
                #expect(applied.count == (try Migrator.bundled().migrations.count))
                func counts() async throws -> [Int] {
                    let rows = try await client.query(
                        """
                        SELECT (SELECT count(*) FROM territories)::int, (SELECT count(*) FROM organisations)::int,
                               (SELECT count(*) FROM agreements)::int, (SELECT count(*) FROM agreement_parties)::int
                        """, logger: testLogger)
                    for try await (a, b, c, d) in rows.decode((Int, Int, Int, Int).self) { return [a, b, c, d] }
                    return []
                }
                try await Seeder().seed(client: client, logger: testLogger)
                let once = try await counts()
                try await Seeder().seed(client: client, logger: testLogger)
                #expect(try await counts() == once)
                #expect(once[0] >= 16 && once[1] >= 16 && once[2] >= 7)
            }
        }
    }
}
