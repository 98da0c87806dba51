import Foundation
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct TokenRepositoryTests {
    /// Reading with a token once wrote last_used_at on every request: a write per read.
    @Test func aTokenIsMarkedUsedAtMostOnceAMinute() async throws {
        try await withTestPool { database in
            let tokens = TokenRepository(database: database)
            let secret = try await tokens.create(name: "lecteur", role: .reader, organisation: nil, logger: testLogger)
            func lastUsed() async throws -> String {
                try await database.withConnection("test") { connection in
                    try await connection.run("SELECT coalesce(last_used_at::text, '') FROM api_tokens WHERE name = 'lecteur'", logger: testLogger)
                        .decode(String.self).reduce("") { $1 }
                }
            }
            _ = try await tokens.identity(forSecret: secret, logger: testLogger)
            let first = try await lastUsed()
            #expect(!first.isEmpty)
            try await Task.sleep(for: .milliseconds(20))
            _ = try await tokens.identity(forSecret: secret, logger: testLogger)
            #expect(try await lastUsed() == first)
        }
    }
}
