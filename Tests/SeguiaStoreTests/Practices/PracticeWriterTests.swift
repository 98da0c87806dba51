import Foundation
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

@Suite struct PracticeWriterTests {
    let author = Identity(tokenID: 1, name: "ngo", role: .publisher, organisation: nil)

    /// Saved at the same moment, sheets of one title each get a slug of their own; a slug asked
    /// for by name that is taken is a 409 that names the slug, not the schema's constraint.
    @Test func sheetsOfOneTitleSavedTogetherGetSlugsOfTheirOwn() async throws {
        try await withTestClient { client in
            let database = Database(client: client, maximumConnections: 4, leaseTimeout: testLeaseTimeout)
            let writer = PracticeWriter(database: database)
            let content = PracticeContent(slug: "reunion-de-bassin", title: "Réunion de bassin")
            let ids = try await withThrowingTaskGroup(of: Int64.self) { group in
                for _ in 0..<8 {
                    group.addTask { try await writer.create(content, derivingSlug: true, by: author, logger: testLogger) }
                }
                return try await group.reduce(into: [Int64]()) { $0.append($1) }
            }
            let slugs = try await database.withConnection("test") { connection in
                let rows = try await connection.query("SELECT slug FROM practices WHERE practice_id = ANY(\(ids))", logger: testLogger)
                return try await rows.decode(String.self).reduce(into: Set<String>()) { $0.insert($1) }
            }
            #expect(slugs == Set(["reunion-de-bassin"] + (2...8).map { "reunion-de-bassin-\($0)" }))
            await #expect(throws: AppError.conflict(
                "Another practice already has this slug: choose another one, or leave it out to have one made from the title.")
            ) {
                try await writer.create(content, by: author, logger: testLogger)
            }
        }
    }
}
