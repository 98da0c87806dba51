import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Meetings, and the activity of an agreement or a practice: its documents, its meetings and
/// (for a practice) its revisions, newest first, as the audience may see them.
public struct ActivityRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Records a meeting (contributors); returns its id.
    public func addMeeting(_ meeting: MeetingInput, by author: Identity, logger: Logger) async throws -> Int64 {
        try DocumentStewardship.checkAdding(by: author)
        var issues = meeting.issues()
        if meeting.confidentiality == .private, author.organisation == nil {
            issues.append(FieldIssue(field: "confidentiality", reason: "a private meeting is its organisation's, and there is none: choose partners or public"))
        }
        if !issues.isEmpty { throw AppError.invalid(issues) }
        let (agreement, practice): (String?, String?) =
            switch meeting.subject {
            case .agreement(let code): (code, nil)
            case .practice(let slug): (nil, slug)
            }
        return try await database.withTransaction("meetings.add", logger: logger) { connection in
            if let minutes = meeting.minutes {
                var check = SQLBuilder()
                check.append("SELECT 1 FROM documents d LEFT JOIN organisations o ON o.organisation_id = d.organisation_id WHERE d.document_id = ?", minutes)
                DocumentRepository.appendVisibility(author.audience, to: &check)
                var found = false
                for try await _ in try await connection.run(check.query, logger: logger).decode(Int.self) { found = true }
                if !found { throw AppError.invalid(field: "minutes", reason: "no document has the identifier '\(minutes)'") }
            }
            let rows = try await connection.run(
                """
                INSERT INTO meetings (agreement_id, practice_id, held_on, title, place, minutes_document_id, confidentiality, organisation_id, created_by)
                SELECT (SELECT agreement_id FROM agreements WHERE code = \(agreement)), (SELECT practice_id FROM practices WHERE slug = \(practice)),
                       \(meeting.heldOn)::date, \(meeting.title.trimmingCharacters(in: .whitespacesAndNewlines)), \(meeting.place), \(meeting.minutes),
                       \(meeting.confidentiality.rawValue), (SELECT organisation_id FROM organisations WHERE code = \(author.organisation)), \(author.name)
                WHERE EXISTS (SELECT 1 FROM agreements WHERE code = \(agreement)) OR EXISTS (SELECT 1 FROM practices WHERE slug = \(practice))
                RETURNING meeting_id
                """, logger: logger)
            for try await id in rows.decode(Int64.self) { return id }
            throw AppError.invalid(field: agreement != nil ? "agreement" : "practice", reason: "'\(agreement ?? practice ?? "")' names nothing known")
        }
    }

    /// The activity of `subject`, newest first, at most `limit` entries.
    public func timeline(_ subject: ActivitySubject, audience: PracticeAudience, limit: Int = 200, logger: Logger) async throws -> [ActivityEntry] {
        try await database.withReadConnection("activity.timeline") { connection in
            var sql = SQLBuilder()
            let documentLink: String
            let meetingSubject: String
            let code: String
            switch subject {
            case .agreement(let value):
                code = value
                documentLink = "JOIN document_links l ON l.document_id = d.document_id JOIN agreements s ON s.agreement_id = l.agreement_id AND s.code = ?"
                meetingSubject = "JOIN agreements s ON s.agreement_id = m.agreement_id AND s.code = ?"
            case .practice(let value):
                code = value
                documentLink = "JOIN document_links l ON l.document_id = d.document_id JOIN practices s ON s.practice_id = l.practice_id AND s.slug = ?"
                meetingSubject = "JOIN practices s ON s.practice_id = m.practice_id AND s.slug = ?"
            }
            sql.append(
                """
                SELECT 'document', coalesce(d.document_date, d.created_at::date)::text, d.title, d.kind, d.document_id, d.language, NULL::int, d.created_by,
                       d.created_at
                FROM documents d LEFT JOIN organisations o ON o.organisation_id = d.organisation_id
                """)
            sql.append(" " + documentLink + " WHERE true", code)
            DocumentRepository.appendVisibility(audience, to: &sql)
            sql.append(
                """
                 UNION ALL
                SELECT 'meeting', m.held_on::text, m.title, m.place, d.document_id, d.language, NULL::int, m.created_by, m.created_at
                FROM meetings m LEFT JOIN organisations mo ON mo.organisation_id = m.organisation_id
                """)
            sql.append(" " + meetingSubject, code)
            // The minutes only when the reader may read them too.
            sql.append(" LEFT JOIN (documents d LEFT JOIN organisations o ON o.organisation_id = d.organisation_id) ON d.document_id = m.minutes_document_id")
            DocumentRepository.appendVisibility(audience, to: &sql)
            sql.append(" WHERE true")
            switch audience {
            case .anonymous: sql.append(" AND m.confidentiality = 'public'")
            case .member(let organisation): sql.append(" AND (m.confidentiality <> 'private' OR mo.code = ?)", organisation ?? "")
            case .administrator: break
            }
            if case .practice(let slug) = subject {
                sql.append(
                    """
                     UNION ALL
                    SELECT 'revision', r.created_at::date::text, r.change_summary, r.workflow_step, NULL::bigint, NULL::text, r.revision, r.author, r.created_at
                    FROM practice_revisions r JOIN practices p ON p.practice_id = r.practice_id AND p.slug = ?
                    LEFT JOIN organisations o ON o.organisation_id = p.organisation_id
                    WHERE true
                    """, slug)
                PracticeRepository.appendVisibility(audience, to: &sql)
                if case .anonymous = audience {
                    sql.append(" AND r.content ->> 'status' = 'published' AND r.content ->> 'confidentiality' = 'public'")
                }
            }
            sql.append(" ORDER BY 2 DESC, 9 DESC LIMIT ?", limit)
            var entries: [ActivityEntry] = []
            for try await (kind, day, title, detail, documentID, language, revision, by, _) in try await connection.run(sql.query, logger: logger).decode(
                (String, String, String, String?, Int64?, String?, Int?, String, Date).self)
            {
                guard let kind = ActivityEntry.Kind(rawValue: kind) else { continue }
                entries.append(
                    ActivityEntry(
                        kind: kind, day: day, title: title, detail: detail, documentID: documentID, documentLanguage: language.flatMap(Language.init(rawValue:)),
                        revision: revision, by: by))
            }
            return entries
        }
    }
}
