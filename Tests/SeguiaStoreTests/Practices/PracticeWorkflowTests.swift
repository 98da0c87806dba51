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
            content.organisations = [.init(code: "EXPERTS-SOLIDAIRES", role: "rédaction")]
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

    /// A published sheet: written by the author (NGO, named among its organisations), reviewed and published.
    private func publishedSheet(_ writer: PracticeWriter, _ people: People) async throws -> (Int64, Int) {
        var content = PracticeContent(slug: "reuse-tubas", title: "Réutilisation à Tubas", summary: "Les eaux usées traitées irriguent.")
        content.organisation = "OCCITANIE-COOPERATION"
        content.organisations = [.init(code: "EXPERTS-SOLIDAIRES", role: "rédaction")]
        let id = try await writer.create(content, by: people.author, logger: testLogger)
        var revision = try await move(writer, id, from: 1, to: .inReview, by: people.author, message: "À relire")
        revision = try await move(writer, id, from: revision, to: .published, by: people.publisher)
        return (id, revision)
    }

    private func edit(_ writer: PracticeWriter, _ id: Int64, from revision: Int, by person: Identity, summary: String) async throws -> Int {
        try await writer.change(id: id, expectedRevision: revision, by: person, logger: testLogger) { current in
            var next = current
            next.summary = summary
            return (next, "changed summary")
        }
    }

    @Test func editingAPublishedSheetMakesADraftReadersDoNotSeeUntilItIsPublished() async throws {
        try await withPeople { database, writer, people in
            let (id, published) = try await publishedSheet(writer, people)
            let repository = PracticeRepository(database: database)
            var revision = try await edit(writer, id, from: published, by: people.author, summary: "Les eaux usées traitées irriguent 40 ha de luzerne.")
            // Readers see the published text; the people who work on sheets see the draft beside it.
            let anonymous = try await repository.find(String(id), audience: .anonymous, logger: testLogger)
            #expect(anonymous.content.summary == "Les eaux usées traitées irriguent.")
            #expect(anonymous.content.status == .published)
            #expect(anonymous.pendingDraft == nil)
            let member = try await repository.find(String(id), audience: .member(organisation: "EXPERTS-SOLIDAIRES"), logger: testLogger)
            #expect(member.content.summary == "Les eaux usées traitées irriguent.")
            #expect(member.pendingDraft?.content.summary == "Les eaux usées traitées irriguent 40 ha de luzerne.")
            #expect(member.pendingDraft?.content.status == .draft)
            #expect(member.pendingDraft?.startedFrom == published)
            #expect(member.revision == revision)
            #expect(try await PracticeSearch(database: database).search(PracticeQuery(text: "luzerne"), audience: .anonymous, logger: testLogger).total == 0)

            // A second edit continues the same draft; publishing it straight from draft is refused.
            revision = try await edit(writer, id, from: revision, by: people.author, summary: "Les eaux usées traitées irriguent 42 ha de luzerne.")
            await #expect(throws: AppError.self) { _ = try await move(writer, id, from: revision, to: .published, by: people.publisher) }
            revision = try await move(writer, id, from: revision, to: .inReview, by: people.author, message: "Surface mise à jour")
            #expect(try await repository.find(String(id), audience: .anonymous, logger: testLogger).content.status == .published)
            // Archiving waits for the draft to be published or discarded.
            await #expect(throws: AppError.self) { _ = try await move(writer, id, from: revision, to: .archived, by: people.publisher) }
            revision = try await move(writer, id, from: revision, to: .published, by: people.publisher)

            let after = try await repository.find(String(id), audience: .anonymous, logger: testLogger)
            #expect(after.content.summary == "Les eaux usées traitées irriguent 42 ha de luzerne.")
            #expect(after.content.status == .published)
            #expect(try await repository.find(String(id), audience: .administrator, logger: testLogger).pendingDraft == nil)
            #expect(try await rows(database, "SELECT workflow_step || ':' || of_pending_draft || ':' || (content ->> 'status') FROM practice_revisions WHERE practice_id = \(id) AND revision > \(published) ORDER BY revision")
                == ["edited:true:draft", "edited:true:draft", "submitted:true:in_review", "published:false:published"])
            // The anonymous history shows the two publications only.
            #expect(try await repository.revisions(of: String(id), audience: .anonymous, logger: testLogger).1.map(\.number) == [published, revision])
        }
    }

    @Test func aDraftIsDiscardedAndOnlyTheSheetsOrganisationsWriteIt() async throws {
        try await withPeople { database, writer, people in
            let (id, published) = try await publishedSheet(writer, people)
            let outsider = Identity(tokenID: 7, name: "outsider", role: .publisher, organisation: "CARI")
            await #expect(throws: AppError.self) { _ = try await edit(writer, id, from: published, by: outsider, summary: "Autre") }
            var revision = try await edit(writer, id, from: published, by: people.reviewer, summary: "Brouillon à jeter")
            await #expect(throws: AppError.self) {
                _ = try await writer.discardPendingDraft(id: id, expectedRevision: revision, by: outsider, logger: testLogger)
            }
            revision = try await writer.discardPendingDraft(id: id, expectedRevision: revision, by: people.author, logger: testLogger)
            let repository = PracticeRepository(database: database)
            let stored = try await repository.find(String(id), audience: .administrator, logger: testLogger)
            #expect(stored.pendingDraft == nil)
            #expect(stored.content.summary == "Les eaux usées traitées irriguent.")
            #expect(stored.revision == revision)
            await #expect(throws: AppError.self) {
                _ = try await writer.discardPendingDraft(id: id, expectedRevision: revision, by: people.author, logger: testLogger)
            }
            // A change of status alone still applies to the published sheet: the owner's publisher archives it.
            revision = try await move(writer, id, from: revision, to: .archived, by: people.publisher)
            #expect(try await repository.find(String(id), audience: .administrator, logger: testLogger).content.status == .archived)
        }
    }
}
