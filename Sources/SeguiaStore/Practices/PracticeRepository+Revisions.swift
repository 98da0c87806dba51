import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// One recorded change of a practice.
public struct PracticeRevision: Sendable, Equatable {
    public var number: Int
    public var createdAt: Date
    public var author: String
    public var summary: String
    public var changedFields: [String]
    public var changedSections: [String]
    /// The editorial step this revision was, and what was said with it.
    public var step: WorkflowStep
    public var message: String?
    /// The account that made it, when a person did (not a token of the command line).
    public var authorUserID: Int64?
    /// Whether the sheet was published and public at this revision: what anyone may read of its history.
    public var wasPublic: Bool = false
    /// Whether this revision is of the pending draft of a published sheet, not of the sheet readers see.
    public var ofPendingDraft: Bool = false
}

extension PracticeRepository {
    /// Every revision of a practice the audience may see, oldest first. Anyone sees the
    /// revisions at which the sheet was published and public; what it was before it was
    /// published, or between two publications, is for the people who work on it.
    public func revisions(of identifier: String, audience: PracticeAudience, logger: Logger) async throws -> (Int64, [PracticeRevision]) {
        let id = try await resolve(identifier, audience: audience, logger: logger)
        return (id, Self.visible(try await revisions(of: id, logger: logger), to: audience))
    }

    /// The revisions of a practice already read (and so already checked against its audience).
    public func revisions(of practice: StoredPractice, audience: PracticeAudience, logger: Logger) async throws -> [PracticeRevision] {
        Self.visible(try await revisions(of: practice.id, logger: logger), to: audience)
    }

    private static func visible(_ revisions: [PracticeRevision], to audience: PracticeAudience) -> [PracticeRevision] {
        guard case .anonymous = audience else { return revisions }
        return revisions.filter(\.wasPublic)
    }

    private func revisions(of id: Int64, logger: Logger) async throws -> [PracticeRevision] {
        try await database.withReadConnection("practices.revisions") { connection in
            let rows = try await connection.run(
                """
                SELECT revision, created_at, author, change_summary, changed_fields, changed_sections, workflow_step, message, author_user_id,
                       content ->> 'status' = 'published' AND content ->> 'confidentiality' = 'public', of_pending_draft
                FROM practice_revisions WHERE practice_id = \(id) ORDER BY revision
                """, logger: logger)
            var revisions: [PracticeRevision] = []
            for try await (number, createdAt, author, summary, fields, sections, step, message, authorUserID, wasPublic, ofPendingDraft) in rows.decode(
                (Int, Date, String, String, [String], [String], String, String?, Int64?, Bool?, Bool).self)
            {
                revisions.append(
                    PracticeRevision(
                        number: number, createdAt: createdAt, author: author, summary: summary, changedFields: fields, changedSections: sections,
                        step: try StoreError.decodeEnum(WorkflowStep.self, step, column: "practice_revisions.workflow_step"), message: message,
                        authorUserID: authorUserID, wasPublic: wasPublic ?? false, ofPendingDraft: ofPendingDraft))
            }
            return revisions
        }
    }

    /// The content of a practice as it was at revision `number`.
    public func content(of identifier: String, atRevision number: Int, audience: PracticeAudience, logger: Logger) async throws -> PracticeContent {
        try await content(of: try await resolve(identifier, audience: audience, logger: logger), atRevision: number, audience: audience, logger: logger)
    }

    /// The same, for a practice already read (and so already checked against its audience).
    public func content(of practice: StoredPractice, atRevision number: Int, audience: PracticeAudience, logger: Logger) async throws -> PracticeContent {
        try await content(of: practice.id, atRevision: number, audience: audience, logger: logger)
    }

    private func content(of id: Int64, atRevision number: Int, audience: PracticeAudience, logger: Logger) async throws -> PracticeContent {
        try await database.withReadConnection("practices.revision") { connection in
            var sql = SQLBuilder("SELECT content::text FROM practice_revisions WHERE")
            sql.append(" practice_id = ? AND revision = ?", id, number)
            if case .anonymous = audience { sql.append(" AND content ->> 'status' = 'published' AND content ->> 'confidentiality' = 'public'") }
            let rows = try await connection.run(sql.query, logger: logger)
            for try await snapshot in rows.decode(String.self) {
                return try JSONDecoder().decode(PracticeContent.self, from: Data(snapshot.utf8))
            }
            throw AppError.notFound(resource: "revision of this practice", identifier: String(number))
        }
    }

    /// The practice an identifier names: digits alone are its id, anything else its slug (never both,
    /// so that the slug « 2024 » cannot reach practice 2024).
    static func appendIdentifier(_ identifier: String, to sql: inout SQLBuilder) {
        if Slug.isNumericIdentifier(identifier), let id = Int64(identifier) {
            sql.append(" p.practice_id = ?", id)
        } else {
            sql.append(" p.slug = ?", identifier)
        }
    }

    /// The id of a practice the audience may see, by id or slug.
    public func resolve(_ identifier: String, audience: PracticeAudience, logger: Logger) async throws -> Int64 {
        try await database.withReadConnection("practices.resolve") { connection in
            var sql = SQLBuilder()
            sql.append("SELECT p.practice_id FROM practices p WHERE")
            Self.appendIdentifier(identifier, to: &sql)
            Self.appendVisibility(audience, to: &sql)
            let rows = try await connection.run(sql.query, logger: logger)
            for try await id in rows.decode(Int64.self) { return id }
            throw AppError.notFound(resource: "practice", identifier: identifier)
        }
    }
}
