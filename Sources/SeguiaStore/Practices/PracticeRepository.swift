import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Reads stored practices.
public struct PracticeRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A practice by numeric id or slug, if the audience may see it, with the names of what it
    /// links to in `language` (French where a name has no translation), and its pending draft
    /// for the people who work on sheets.
    public func find(_ identifier: String, audience: PracticeAudience, language: Language = .fr, logger: Logger) async throws -> StoredPractice {
        try await database.withReadConnection("practices.find") { connection in
            var sql = SQLBuilder()
            sql.append(
                """
                SELECT p.practice_id, p.revision, practice_snapshot(p.practice_id)::text, p.created_at, p.updated_at, p.created_by, p.updated_by,
                       d.content::text, d.started_from, d.started_at, d.started_by, d.updated_at, d.updated_by
                FROM practices p
                LEFT JOIN practice_drafts d ON d.practice_id = p.practice_id
                """)
            Self.appendDraftVisibility(audience, to: &sql)
            sql.append(" WHERE")
            Self.appendIdentifier(identifier, to: &sql)
            Self.appendVisibility(audience, to: &sql)
            let rows = try await connection.run(sql.query, logger: logger)
            for try await (id, revision, snapshot, createdAt, updatedAt, createdBy, updatedBy, json, from, startedAt, startedBy, at, by) in rows.decode(
                (Int64, Int, String, Date, Date, String, String, String?, Int?, Date?, String?, Date?, String?).self)
            {
                let decoder = JSONDecoder()
                let content = try decoder.decode(PracticeContent.self, from: Data(snapshot.utf8))
                var pending: PendingDraft?
                if let json, let from, let startedAt, let startedBy, let at, let by {
                    pending = PendingDraft(
                        content: try decoder.decode(PracticeContent.self, from: Data(json.utf8)), startedFrom: from, startedAt: startedAt,
                        startedBy: startedBy, updatedAt: at, updatedBy: by)
                }
                let names = try await Self.names(of: [content] + (pending.map { [$0.content] } ?? []), language: language, connection: connection, logger: logger)
                return StoredPractice(
                    id: id, revision: revision, content: content, createdAt: createdAt, updatedAt: updatedAt, createdBy: createdBy,
                    updatedBy: updatedBy, names: names, pendingDraft: pending)
            }
            throw AppError.notFound(resource: "practice", identifier: identifier)
        }
    }

    /// Who may read a pending draft: the people who may read the sheet, provided the draft does
    /// not make it private to another organisation; never anonymous visitors.
    static func appendDraftVisibility(_ audience: PracticeAudience, to sql: inout SQLBuilder) {
        switch audience {
        case .anonymous:
            sql.append(" AND false")
        case .member(let organisation):
            sql.append(
                " AND (d.content ->> 'confidentiality' <> 'private' OR d.content ->> 'organisation' = ?)", organisation ?? "")
        case .administrator:
            break
        }
    }

    /// What an audience may read; the same rule as the search's.
    static func appendVisibility(_ audience: PracticeAudience, to sql: inout SQLBuilder) {
        switch audience {
        case .anonymous:
            sql.append(" AND p.status = 'published' AND p.confidentiality = 'public'")
        case .member(let organisation):
            sql.append(
                " AND (p.confidentiality <> 'private' OR p.organisation_id = (SELECT organisation_id FROM organisations WHERE code = ?))",
                organisation ?? "")
        case .administrator:
            break
        }
    }

    /// Territories and organisations by code, themes by `theme:` and their key.
    private static func names(of contents: [PracticeContent], language: Language, connection: PostgresConnection, logger: Logger) async throws -> [String: String] {
        let territories = contents.flatMap { $0.territories.map(\.code) }
        let organisations = contents.flatMap { $0.organisations.map(\.code) + ($0.organisation.map { [$0] } ?? []) }
        let themes = contents.flatMap(\.themes)
        let rows = try await connection.run(
            """
            SELECT code, localized_name(\(language.rawValue), name_fr, name_en, name_ar) FROM territories WHERE code = ANY(\(territories))
            UNION ALL
            SELECT code, localized_name(\(language.rawValue), name_fr, name_en, name_ar) FROM organisations WHERE code = ANY(\(organisations))
            UNION ALL
            SELECT 'theme:' || theme_key, localized_name(\(language.rawValue), name_fr, name_en, name_ar) FROM themes WHERE theme_key = ANY(\(themes))
            """, logger: logger)
        var names: [String: String] = [:]
        for try await (code, name) in rows.decode((String, String).self) { names[code] = name }
        return names
    }
}
