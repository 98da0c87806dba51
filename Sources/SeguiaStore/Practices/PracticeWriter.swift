import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Creates and changes practices. Every write is one transaction that also records a revision;
/// a change based on a stale revision is refused, never merged over the newer one.
public struct PracticeWriter: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// Stores a new practice as revision 1 and returns its id. With `derivingSlug`, the content's
    /// slug is a base: the first of `base`, `base-2`, `base-3`… not taken is chosen in the same
    /// transaction, so two sheets of the same title saved at once get two slugs, not a conflict.
    public func create(_ content: PracticeContent, derivingSlug: Bool = false, by author: Identity, logger: Logger) async throws -> Int64 {
        try await inTransaction("practices.create", logger: logger) { connection in
            var content = content
            if derivingSlug {
                content.slug = try await Self.availableSlug(content.slug, connection: connection, logger: logger)
            }
            // What is wrong with the content first: a code misspelt is not a question of rights.
            try await Self.check(content, connection: connection, logger: logger)
            try PracticeStewardship.check(from: nil, to: content, by: author)
            let rows = try await connection.run(
                """
                INSERT INTO practices (slug, title, created_by, updated_by, language)
                VALUES (\(content.slug), \(content.title), \(author.name), \(author.name), \(content.language.rawValue))
                RETURNING practice_id
                """, logger: logger)
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            try await Self.write(content, into: id, connection: connection, logger: logger)
            try await Self.recordRevision(
                of: id, number: 1, author: author, summary: "created", changes: ([], []), step: .created, message: nil,
                connection: connection, logger: logger)
            return id
        }
    }

    /// Changes practice `id`, provided it is still at `expectedRevision`: `change` gets what is
    /// being edited (the pending draft of a published sheet when it has one, else the sheet, locked
    /// until the end of the transaction) and returns the new content with a summary of the change.
    /// A change of status is a step of the workflow (`PracticeWorkflow`): `message` goes with it
    /// into the history and to the people it concerns. Changing a published sheet's content starts
    /// its pending draft instead (see `PracticeWriter+Drafts`). Returns the new revision number.
    public func change(
        id: Int64, expectedRevision: Int, by author: Identity, message: String? = nil, logger: Logger,
        _ change: @Sendable (PracticeContent) throws -> (PracticeContent, String)
    ) async throws -> Int {
        try await inTransaction("practices.change", logger: logger) { connection in
            let live = try await Self.lockCurrent(id, expectedRevision: expectedRevision, connection: connection, logger: logger)
            let draft = try await Self.pendingDraft(of: id, connection: connection, logger: logger)
            let (proposed, summary) = try change(draft ?? live)
            let edit = try Self.edit(live: live, draft: draft, proposed: proposed)
            guard edit.base.status.canMove(to: edit.content.status) else {
                throw AppError.invalid(field: "status", reason: "cannot move from \(edit.base.status.rawValue) to \(edit.content.status.rawValue)")
            }
            let step = PracticeWorkflow.step(from: edit.base.status, to: edit.content.status)
            let changes = edit.content.changes(from: draft ?? live)
            guard !changes.fields.isEmpty else { return expectedRevision }
            if [.created, .edited, .submitted].contains(step) || changes.fields.contains(where: { $0 != "status" }) {
                try PracticeStewardship.checkWriting(edit.base, by: author)
            }
            try PracticeStewardship.check(from: edit.base, to: edit.content, by: author)
            let submitter = edit.base.status == .inReview ? try await Self.submitter(of: id, connection: connection, logger: logger) : nil
            try PracticeWorkflow.check(step, message: message, owner: edit.base.organisation, submitter: submitter, by: author)
            try await Self.check(edit.content, connection: connection, logger: logger)
            if edit.target == .pendingDraft, edit.content.slug != live.slug {
                try await Self.requireFreeSlug(edit.content.slug, for: id, connection: connection, logger: logger)
            }
            let next = expectedRevision + 1
            let kept = message?.trimmingCharacters(in: .whitespacesAndNewlines).nilIfEmpty
            switch edit.target {
            case .sheet:
                try await Self.write(edit.content, into: id, connection: connection, logger: logger)
                if draft != nil { try await Self.dropPendingDraft(of: id, connection: connection, logger: logger) }
            case .pendingDraft:
                try await Self.storePendingDraft(
                    edit.content, of: id, startedFrom: expectedRevision, by: author, connection: connection, logger: logger)
            }
            try await Self.recordRevision(
                of: id, number: next, author: author, summary: summary, changes: changes, step: step, message: kept,
                ofPendingDraft: edit.target == .pendingDraft, connection: connection, logger: logger)
            try await Self.notify(
                step, practice: id, revision: next, owner: edit.base.organisation, submitter: submitter, author: author, message: kept,
                connection: connection, logger: logger)
            return next
        }
    }

    func inTransaction<Result: Sendable>(
        _ operation: String, logger: Logger, _ body: (PostgresConnection) async throws -> Result
    ) async throws -> Result {
        do {
            return try await database.withTransaction(operation, logger: logger, body)
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" && error.serverInfo?[.constraintName] == "uq_practices_slug" {
            throw AppError.conflict("Another practice already has this slug: choose another one, or leave it out to have one made from the title.")
        }
    }

    /// A slug not yet taken: `base`, else `base-2`, `base-3`… Creations of the same base wait for
    /// each other on a transaction lock, so the second sees the first one's slug.
    private static func availableSlug(_ base: String, connection: PostgresConnection, logger: Logger) async throws -> String {
        try await connection.run("SELECT pg_advisory_xact_lock(hashtext(\("practices.slug:" + base)))", logger: logger)
        let rows = try await connection.run(
            "SELECT slug FROM practices WHERE slug = \(base) OR slug LIKE \(base + "-%")", logger: logger)
        var taken: Set<String> = []
        for try await slug in rows.decode(String.self) { taken.insert(slug) }
        var candidate = base
        var suffix = 2
        while taken.contains(candidate) {
            candidate = "\(base)-\(suffix)"
            suffix += 1
        }
        return candidate
    }

    /// Every problem of the content, its own and those of the codes it names, reported together.
    private static func check(_ content: PracticeContent, connection: PostgresConnection, logger: Logger) async throws {
        let issues = content.issues() + (try await unknownReferences(content, connection: connection, logger: logger))
        if !issues.isEmpty { throw AppError.invalid(issues) }
    }

    static func lockCurrent(
        _ id: Int64, expectedRevision: Int, connection: PostgresConnection, logger: Logger
    ) async throws -> PracticeContent {
        let rows = try await connection.run(
            "SELECT revision, practice_snapshot(practice_id)::text FROM practices WHERE practice_id = \(id) FOR UPDATE", logger: logger)
        for try await (revision, snapshot) in rows.decode((Int, String).self) {
            guard revision == expectedRevision else {
                throw AppError.preconditionFailed(
                    "The practice is at revision \(revision), not \(expectedRevision): someone changed it since you read it. Read it again and redo your change.")
            }
            return try JSONDecoder().decode(PracticeContent.self, from: Data(snapshot.utf8))
        }
        throw AppError.notFound(resource: "practice", identifier: String(id))
    }

    /// The codes the content names that do not exist, found in one query.
    private static func unknownReferences(_ content: PracticeContent, connection: PostgresConnection, logger: Logger) async throws -> [FieldIssue] {
        let territories = content.territories.map(\.code)
        let organisations = content.organisations.map(\.code) + (content.organisation.map { [$0] } ?? [])
        let rows = try await connection.run(
            """
            SELECT 'territories', code FROM unnest(\(territories)::text[]) AS code WHERE code NOT IN (SELECT code FROM territories)
            UNION ALL
            SELECT 'organisations', code FROM unnest(\(organisations)::text[]) AS code WHERE code NOT IN (SELECT code FROM organisations)
            UNION ALL
            SELECT 'themes', key FROM unnest(\(content.themes)::text[]) AS key WHERE key NOT IN (SELECT theme_key FROM themes)
            """, logger: logger)
        var issues: [FieldIssue] = []
        for try await (field, code) in rows.decode((String, String).self) {
            let name = field == "organisations" && code == content.organisation && !content.organisations.contains { $0.code == code }
                ? "organisation" : field
            issues.append(FieldIssue(field: name, reason: "'\(code)' is not a known \(name.hasSuffix("s") ? String(name.dropLast()) : name)"))
        }
        return issues
    }

    /// Writes every field, link and section of `content` over what practice `id` had.
    private static func write(_ content: PracticeContent, into id: Int64, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run(
            """
            UPDATE practices SET
                slug = \(content.slug), title = \(content.title), summary = \(content.summary), language = \(content.language.rawValue),
                organisation_id = (SELECT organisation_id FROM organisations WHERE code = \(content.organisation)),
                period_start = \(content.period.start)::date, period_end = \(content.period.end)::date,
                period_precision = \(content.period.precision.rawValue), status = \(content.status.rawValue),
                confidentiality = \(content.confidentiality.rawValue), source = \(content.source)
            WHERE practice_id = \(id)
            """, logger: logger)
        for table in ["practice_territories", "practice_organisations", "practice_themes", "practice_sections", "practice_translations"] {
            try await connection.run(PostgresQuery(unsafeSQL: "DELETE FROM \(table) WHERE practice_id = $1", binds: bindings(id)), logger: logger)
        }
        for link in content.territories {
            try await connection.run(
                """
                INSERT INTO practice_territories (practice_id, territory_id, territory_role)
                SELECT \(id), territory_id, \(link.role.rawValue) FROM territories WHERE code = \(link.code)
                """, logger: logger)
        }
        for (position, link) in content.organisations.enumerated() {
            try await connection.run(
                """
                INSERT INTO practice_organisations (practice_id, organisation_id, organisation_role, position)
                SELECT \(id), organisation_id, \(link.role), \(position + 1) FROM organisations WHERE code = \(link.code)
                """, logger: logger)
        }
        try await connection.run(
            """
            INSERT INTO practice_themes (practice_id, theme_id)
            SELECT \(id), theme_id FROM themes WHERE theme_key = ANY(\(content.themes))
            """, logger: logger)
        // Sections and their texts in one statement each, so that the database refreshes the
        // search document once for them rather than once per section.
        struct SectionRow: Encodable {
            var position: Int
            var key: String
            var title: String?
        }
        struct TextRow: Encodable {
            var position: Int
            var language: String
            var body: String
            var items: [String]
            var quotes: [Quote]
            var status: String
            var title: String?
        }
        struct TranslationRow: Encodable {
            var language: String
            var title: String?
            var summary: String?
            var status: String
        }
        let sections = content.sections.enumerated().map { SectionRow(position: $0.offset + 1, key: $0.element.key.rawValue, title: $0.element.title) }
        let texts = content.sections.enumerated().flatMap { position, section in
            section.texts.sorted(by: { $0.key < $1.key }).map {
                TextRow(position: position + 1, language: $0.key, body: $0.value.text, items: $0.value.items, quotes: $0.value.quotes,
                        status: $0.value.translationStatus.rawValue, title: $0.value.title)
            }
        }
        let encoder = JSONEncoder()
        try await connection.run(
            """
            INSERT INTO practice_sections (practice_id, position, section_key, title)
            SELECT \(id), row.position, row.key, row.title
            FROM jsonb_to_recordset(\(String(decoding: try encoder.encode(sections), as: UTF8.self))::jsonb) AS row(position int, key text, title text)
            """, logger: logger)
        try await connection.run(
            """
            INSERT INTO practice_section_texts (practice_section_id, language, body, items, quotes, translation_status, title)
            SELECT s.practice_section_id, row.language, row.body, row.items, row.quotes, row.status, row.title
            FROM jsonb_to_recordset(\(String(decoding: try encoder.encode(texts), as: UTF8.self))::jsonb)
                 AS row(position int, language text, body text, items jsonb, quotes jsonb, status text, title text)
            JOIN practice_sections s ON s.practice_id = \(id) AND s.position = row.position
            """, logger: logger)
        let translations = content.translations.sorted(by: { $0.key < $1.key }).map {
            TranslationRow(language: $0.key, title: $0.value.title, summary: $0.value.summary, status: $0.value.translationStatus.rawValue)
        }
        if !translations.isEmpty {
            try await connection.run(
                """
                INSERT INTO practice_translations (practice_id, language, title, summary, translation_status)
                SELECT \(id), row.language, row.title, row.summary, row.status
                FROM jsonb_to_recordset(\(String(decoding: try encoder.encode(translations), as: UTF8.self))::jsonb)
                     AS row(language text, title text, summary text, status text)
                """, logger: logger)
        }
    }

    private static func bindings(_ id: Int64) -> PostgresBindings {
        var bindings = PostgresBindings()
        bindings.append(id)
        return bindings
    }

    /// Records revision `number`: the sheet as it now is, or its pending draft. A revision of the
    /// pending draft moves the practice's revision (one tag guards both) but not the date the
    /// published sheet last changed.
    static func recordRevision(
        of id: Int64, number: Int, author: Identity, summary: String, changes: (fields: [String], sections: [String]), step: WorkflowStep,
        message: String?, ofPendingDraft: Bool = false, connection: PostgresConnection, logger: Logger
    ) async throws {
        if ofPendingDraft {
            try await connection.run("UPDATE practices SET revision = \(number) WHERE practice_id = \(id)", logger: logger)
        } else {
            try await connection.run(
                """
                UPDATE practices SET revision = \(number), updated_at = now(), updated_by = \(author.name) WHERE practice_id = \(id)
                """, logger: logger)
        }
        try await connection.run(
            """
            INSERT INTO practice_revisions (practice_id, revision, author, change_summary, changed_fields, changed_sections, content,
                                            workflow_step, message, author_user_id, of_pending_draft)
            VALUES (\(id), \(number), \(author.name), \(summary), \(changes.fields), \(changes.sections),
                    CASE WHEN \(ofPendingDraft) THEN (SELECT content FROM practice_drafts WHERE practice_id = \(id)) ELSE practice_snapshot(\(id)) END,
                    \(step.rawValue), \(message), \(author.userID), \(ofPendingDraft))
            """, logger: logger)
    }
}
