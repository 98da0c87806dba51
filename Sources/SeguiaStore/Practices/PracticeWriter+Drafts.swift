import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// The pending draft of a published sheet. Changing a published sheet's content does not touch
/// what readers see: the first change starts a draft from the published text, the next ones
/// continue it, and it goes through review like any draft. Publishing it writes it over the
/// published sheet; discarding it leaves the sheet as it was. A change of status or of
/// confidentiality alone applies to the published sheet itself (withdrawing, archiving, hiding).
extension PracticeWriter {
    enum EditTarget: Equatable {
        /// The practices row and its tables: what readers see.
        case sheet
        case pendingDraft
    }

    /// Where a change goes, what it moves from (for the rules) and what it makes.
    struct Edit {
        var target: EditTarget
        var base: PracticeContent
        var content: PracticeContent
    }

    static func edit(live: PracticeContent, draft: PracticeContent?, proposed: PracticeContent) throws -> Edit {
        if let draft {
            switch proposed.status {
            case .published: return Edit(target: .sheet, base: draft, content: proposed)
            case .draft, .inReview: return Edit(target: .pendingDraft, base: draft, content: proposed)
            case .archived:
                throw AppError.conflict(
                    "This sheet has a new version in preparation: publish it or discard it before archiving the sheet.")
            }
        }
        guard live.status == .published else { return Edit(target: .sheet, base: live, content: proposed) }
        let touched = proposed.changes(from: live).fields.filter { $0 != "status" && $0 != "confidentiality" }
        guard !touched.isEmpty else { return Edit(target: .sheet, base: live, content: proposed) }
        if proposed.status == .archived {
            throw AppError.invalid(field: "status", reason: "archive a published sheet or change its content, not both at once")
        }
        var base = live
        base.status = .draft
        var content = proposed
        content.status = proposed.status == .inReview ? .inReview : .draft
        return Edit(target: .pendingDraft, base: base, content: content)
    }

    /// Drops the pending draft of practice `id`, provided the practice is still at
    /// `expectedRevision`; the published sheet stays as it is. Whoever may write the sheet may
    /// discard its draft. Returns the new revision number.
    public func discardPendingDraft(id: Int64, expectedRevision: Int, by author: Identity, message: String? = nil, logger: Logger) async throws -> Int {
        try await inTransaction("practices.discard_draft", logger: logger) { connection in
            let live = try await Self.lockCurrent(id, expectedRevision: expectedRevision, connection: connection, logger: logger)
            guard let draft = try await Self.pendingDraft(of: id, connection: connection, logger: logger) else {
                throw AppError.notFound(resource: "pending draft of practice", identifier: String(id))
            }
            try PracticeStewardship.checkWriting(draft, by: author)
            try PracticeWorkflow.check(.discarded, message: message, owner: live.organisation, submitter: nil, by: author)
            try await Self.dropPendingDraft(of: id, connection: connection, logger: logger)
            let next = expectedRevision + 1
            try await Self.recordRevision(
                of: id, number: next, author: author, summary: "discarded the new version", changes: live.changes(from: draft),
                step: .discarded, message: message?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty, connection: connection, logger: logger)
            return next
        }
    }

    static func pendingDraft(of id: Int64, connection: PostgresConnection, logger: Logger) async throws -> PracticeContent? {
        let rows = try await connection.run("SELECT content::text FROM practice_drafts WHERE practice_id = \(id)", logger: logger)
        for try await snapshot in rows.decode(String.self) {
            return try JSONDecoder().decode(PracticeContent.self, from: Data(snapshot.utf8))
        }
        return nil
    }

    static func storePendingDraft(
        _ content: PracticeContent, of id: Int64, startedFrom revision: Int, by author: Identity, connection: PostgresConnection, logger: Logger
    ) async throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let json = String(decoding: try encoder.encode(content), as: UTF8.self)
        try await connection.run(
            """
            INSERT INTO practice_drafts (practice_id, content, started_from, started_by, updated_by)
            VALUES (\(id), \(json)::jsonb, \(revision), \(author.name), \(author.name))
            ON CONFLICT (practice_id) DO UPDATE SET content = EXCLUDED.content, updated_at = now(), updated_by = EXCLUDED.updated_by
            """, logger: logger)
    }

    static func dropPendingDraft(of id: Int64, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run("DELETE FROM practice_drafts WHERE practice_id = \(id)", logger: logger)
    }

    /// A draft may rename its sheet; the name must still be free when the draft is written, not
    /// only when it is published.
    static func requireFreeSlug(_ slug: String, for id: Int64, connection: PostgresConnection, logger: Logger) async throws {
        let rows = try await connection.run("SELECT 1 FROM practices WHERE slug = \(slug) AND practice_id <> \(id)", logger: logger)
        for try await _ in rows.decode(Int.self) {
            throw AppError.conflict("Another practice already has this slug: choose another one, or leave it out to have one made from the title.")
        }
    }
}
