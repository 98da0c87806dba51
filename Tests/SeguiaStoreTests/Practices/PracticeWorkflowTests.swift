import Foundation
import PostgresNIO
import SeguiaCore
import SeguiaStore
import SeguiaTestSupport
import Testing

/// draft → submitted (with a message) → published by someone else, or returned with reasons;
/// every step in the history and in the notifications of those it concerns.
@Suite struct PracticeWorkflowTests {
    struct People {
        var author: Identity
        var reviewer: Identity
        var publisher: Identity
        var otherReviewer: Identity
    }

    private func withPeople(_ body: @Sendable @escaping (Database, PracticeWriter, People) async throws -> Void) async throws {
        try await withTestPool { database in
            let accounts = AccountRepository(database: database, bcryptCost: 4)
            func person(_ email: String, _ role: Role, _ organisation: String) async throws -> Identity {
                try await accounts.create(
                    AccountInput(email: email, name: email.split(separator: "@")[0].capitalized, organisation: organisation, role: role),
                    password: "une longue phrase de passe", logger: testLogger
                ).identity()
            }
            let people = People(
                author: try await person("amal@example.org", .contributor, "EXPERTS-SOLIDAIRES"),
                reviewer: try await person("rita@example.org", .reviewer, "OCCITANIE-COOPERATION"),
                publisher: try await person("paul@example.org", .publisher, "OCCITANIE-COOPERATION"),
                otherReviewer: try await person("omar@example.org", .reviewer, "EXPERTS-SOLIDAIRES"))
            try await body(database, PracticeWriter(database: database), people)
        }
    }

    private func move(
        _ writer: PracticeWriter, _ id: Int64, from revision: Int, to status: PracticeStatus, by person: Identity, message: String? = nil
    ) async throws -> Int {
        try await writer.change(id: id, expectedRevision: revision, by: person, message: message, logger: testLogger) { current in
            var next = current
            next.status = status
            return (next, "status")
        }
    }

    private func rows(_ database: Database, _ sql: String) async throws -> [String] {
        try await database.withConnection("test") { connection in
            try await connection.run(PostgresQuery(unsafeSQL: sql), logger: testLogger).decode(String.self).reduce(into: []) { $0.append($1) }
        }
    }

    @Test func aSheetIsSubmittedReturnedWithReasonsAndPublishedBySomeoneElse() async throws {
        try await withPeople { database, writer, people in
            var content = PracticeContent(slug: "comite-tubas", title: "Comité de Tubas")
            content.organisation = "OCCITANIE-COOPERATION"
            let id = try await writer.create(content, by: people.author, logger: testLogger)

            await #expect(throws: AppError.invalid(field: "message", reason: "say what the reviewers should look at when submitting a sheet")) {
                _ = try await move(writer, id, from: 1, to: .inReview, by: people.author, message: "  ")
            }
            var revision = try await move(writer, id, from: 1, to: .inReview, by: people.author, message: "Relire les chiffres")
            // The owner's reviewer and publisher are told; not another organisation's reviewer, not the author.
            #expect(try await rows(database, "SELECT u.email FROM notifications n JOIN users u USING (user_id) ORDER BY u.email")
                == ["paul@example.org", "rita@example.org"])

            // Returning needs a reviewer of the owner, and reasons.
            await #expect(throws: AppError.self) {
                _ = try await move(writer, id, from: revision, to: .draft, by: people.otherReviewer, message: "Non")
            }
            await #expect(throws: AppError.invalid(field: "message", reason: "give the reasons for returning the sheet to its authors")) {
                _ = try await move(writer, id, from: revision, to: .draft, by: people.reviewer)
            }
            revision = try await move(writer, id, from: revision, to: .draft, by: people.reviewer, message: "La source manque")
            #expect(try await rows(database, "SELECT workflow_step || ':' || coalesce(message, '') FROM notifications n JOIN users u USING (user_id) WHERE u.email = 'amal@example.org'")
                == ["returned:La source manque"])

            revision = try await move(writer, id, from: revision, to: .inReview, by: people.author, message: "Source ajoutée")
            // Whoever submitted does not publish: here the publisher submits, so another must publish.
            revision = try await move(writer, id, from: revision, to: .draft, by: people.author)
            revision = try await move(writer, id, from: revision, to: .inReview, by: people.publisher, message: "Je relis moi-même")
            await #expect(throws: AppError.forbidden("Whoever submitted a sheet does not publish it too: another publisher or an administrator does.")) {
                _ = try await move(writer, id, from: revision, to: .published, by: people.publisher)
            }
            let admin = Identity(tokenID: 9, name: "admin", role: .admin, organisation: nil)
            revision = try await move(writer, id, from: revision, to: .published, by: admin)

            #expect(try await rows(database, "SELECT workflow_step || ':' || author FROM practice_revisions WHERE practice_id = \(id) ORDER BY revision")
                == ["created:Amal", "submitted:Amal", "returned:Rita", "submitted:Amal", "returned:Amal", "submitted:Paul", "published:admin"])
            #expect(try await rows(database, "SELECT count(*)::text FROM practice_revisions WHERE author_user_id IS NOT NULL") == ["6"])
        }
    }
}
