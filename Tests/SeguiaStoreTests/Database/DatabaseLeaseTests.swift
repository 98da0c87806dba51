import Foundation
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct DatabaseLeaseTests {
    /// With every connection held, the next lease fails after the deadline instead of waiting
    /// for as long as the holder takes (PostgresClient alone waits for ever).
    @Test func aLeaseNotGrantedInTimeIsUnavailableNotAHang() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, maximumConnections: 1, logger: testLogger) { client in
                let patient = Database(client: client, maximumConnections: 1, leaseTimeout: testLeaseTimeout)
                let database = Database(client: client, maximumConnections: 1, leaseTimeout: .milliseconds(300))
                let (held, holding) = AsyncStream<Void>.makeStream()
                let holder = Task {
                    try await patient.withConnection("test.hold") { connection in
                        holding.yield()
                        try await connection.run("SELECT pg_sleep(6)", logger: testLogger)
                    }
                }
                for await _ in held { break }
                let started = ContinuousClock.now
                await #expect(throws: DatabaseUnavailable.self) {
                    try await database.withConnection("test.wait") { connection in
                        try await connection.run("SELECT 1", logger: testLogger)
                    }
                }
                // Refused on its 300 ms deadline, long before the holder lets go (6 s): the bound
                // only tells the two apart, with room for a busy machine.
                #expect(ContinuousClock.now - started < .seconds(4))
                try await holder.value
                // Once the holder is done the pool serves again.
                let answer = try await patient.withConnection("test.after") { connection in
                    try await connection.run("SELECT 41 + 1", logger: testLogger).decode(Int.self).reduce(0) { $1 }
                }
                #expect(answer == 42)
            }
        }
    }

    /// A page past the end counted its total on a second pooled connection while holding the
    /// first: with one connection per request in flight, that waited on itself.
    @Test func aPagePastTheEndNeedsOneConnection() async throws {
        try await withTestDatabase { endpoint in
            try await withPostgresClient(endpoint, maximumConnections: 1, logger: testLogger) { client in
                let database = Database(client: client, maximumConnections: 1, leaseTimeout: .seconds(5))
                var filter = ValueRepository.Filter()
                filter.offset = 1_000_000
                let (values, total) = try await ValueRepository(database: database, indicators: IndicatorRepository(database: database)).page(filter, logger: testLogger)
                #expect(values.isEmpty)
                #expect(total > 0)
            }
        }
    }
}
