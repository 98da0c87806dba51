import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Adds, changes and removes documents, each in one transaction: the file's bytes, its
/// metadata and its links are written together or not at all.
public struct DocumentWriter: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// What was added: the new document, and whether its file was stored already (by another document).
    public struct Added: Sendable, Equatable {
        public var id: Int64
        public var fileExisted: Bool
    }

    /// Adds a document for `file`, already identified as `type` and hashed; `text` is what was
    /// read of it, for the search.
    public func add(
        _ metadata: DocumentMetadata, file: FileSlice, sha256: [UInt8], fileName: String, type: DocumentFileType, text: String?, by author: Identity,
        logger: Logger
    ) async throws -> Added {
        try DocumentStewardship.checkAdding(by: author)
        var metadata = metadata
        if metadata.organisation == nil { metadata.organisation = author.organisation }
        if author.role != .admin, metadata.organisation != author.organisation {
            throw AppError.forbidden("A document is added as one's own organisation's (\(author.organisation ?? "none")).")
        }
        metadata = metadata.normalised
        var issues = metadata.issues()
        if metadata.confidentiality == .private, metadata.organisation == nil {
            issues.append(FieldIssue(field: "confidentiality", reason: "a private document is read by its organisation only, and this one has none: choose partners or public"))
        }
        if !issues.isEmpty { throw AppError.invalid(issues) }
        let resolved = metadata
        return try await database.withTransaction("documents.add", logger: logger) { connection in
            try await Self.checkReferences(resolved, audience: author.audience, except: nil, connection: connection, logger: logger)
            let blob = try await DocumentBlobStore.store(file, sha256: sha256, connection: connection, logger: logger)
            let rows = try await connection.run(
                """
                INSERT INTO documents (blob_id, title, file_name, media_type, kind, language, document_date, confidentiality, organisation_id,
                                       translation_of, tags, extracted_text, search_vector, created_by, created_by_user_id, updated_by)
                VALUES (\(blob.id), \(resolved.title), \(Self.safeFileName(fileName, type: type)),
                        \(type.mediaType), \(resolved.kind.rawValue), \(resolved.language?.rawValue), \(resolved.date)::date,
                        \(resolved.confidentiality.rawValue), (SELECT organisation_id FROM organisations WHERE code = \(resolved.organisation)),
                        \(resolved.translationOf), \(resolved.tags), \(text),
                        document_search_vector(\(resolved.title), \(resolved.tags), \(text), \(resolved.language?.rawValue)),
                        \(author.name), \(author.userID), \(author.name))
                RETURNING document_id
                """, logger: logger)
            var id: Int64 = 0
            for try await value in rows.decode(Int64.self) { id = value }
            try await Self.writeLinks(resolved.links, of: id, connection: connection, logger: logger)
            return Added(id: id, fileExisted: blob.existed)
        }
    }

    /// Changes the metadata of document `id`, provided it is still at `expectedVersion`; the
    /// file stays. Returns the new version.
    public func change(
        id: Int64, expectedVersion: Int, by author: Identity, logger: Logger, _ change: @Sendable (DocumentMetadata) throws -> DocumentMetadata
    ) async throws -> Int {
        try await database.withTransaction("documents.change", logger: logger) { connection in
            let current = try await Self.lock(id, expectedVersion: expectedVersion, audience: author.audience, connection: connection, logger: logger)
            try DocumentStewardship.checkChanging(current, by: author)
            let next = try change(current).normalised
            if next.organisation != current.organisation, author.role != .admin {
                throw AppError.forbidden("Only administrators hand a document to another organisation.")
            }
            var issues = next.issues()
            if next.confidentiality == .private, next.organisation == nil {
                issues.append(FieldIssue(field: "confidentiality", reason: "a private document is read by its organisation only, and this one has none: choose partners or public"))
            }
            if !issues.isEmpty { throw AppError.invalid(issues) }
            guard next != current else { return expectedVersion }
            try await Self.checkReferences(next, audience: author.audience, except: id, connection: connection, logger: logger)
            try await connection.run(
                """
                UPDATE documents SET title = \(next.title), kind = \(next.kind.rawValue), language = \(next.language?.rawValue),
                    document_date = \(next.date)::date, confidentiality = \(next.confidentiality.rawValue),
                    organisation_id = (SELECT organisation_id FROM organisations WHERE code = \(next.organisation)),
                    translation_of = \(next.translationOf), tags = \(next.tags),
                    search_vector = document_search_vector(\(next.title), \(next.tags), extracted_text, \(next.language?.rawValue)),
                    version = version + 1, updated_at = now(), updated_by = \(author.name)
                WHERE document_id = \(id)
                """, logger: logger)
            try await connection.run("DELETE FROM document_links WHERE document_id = \(id)", logger: logger)
            try await Self.writeLinks(next.links, of: id, connection: connection, logger: logger)
            return expectedVersion + 1
        }
    }

    /// Removes document `id` (its file too, when no other document shares it); its translations stay, unlinked.
    public func remove(id: Int64, expectedVersion: Int, by author: Identity, logger: Logger) async throws {
        try await database.withTransaction("documents.remove", logger: logger) { connection in
            let current = try await Self.lock(id, expectedVersion: expectedVersion, audience: author.audience, connection: connection, logger: logger)
            try DocumentStewardship.checkChanging(current, by: author)
            let rows = try await connection.run("DELETE FROM documents WHERE document_id = \(id) RETURNING blob_id", logger: logger)
            for try await blob in rows.decode(Int64.self) {
                try await DocumentBlobStore.dropIfUnused(blob, connection: connection, logger: logger)
            }
        }
    }

    /// The documents whose file has this SHA-256 (a file brought in twice), whoever may see them.
    public func documents(withSHA256 sha256: [UInt8], logger: Logger) async throws -> [Int64] {
        try await database.withConnection("documents.by_hash") { connection in
            let rows = try await connection.run(
                "SELECT d.document_id FROM documents d JOIN document_blobs b ON b.blob_id = d.blob_id WHERE b.sha256 = \(ByteBuffer(bytes: sha256)) ORDER BY 1",
                logger: logger)
            var ids: [Int64] = []
            for try await id in rows.decode(Int64.self) { ids.append(id) }
            return ids
        }
    }

    /// A file's name as it is kept and offered for download: no folders, no control characters,
    /// with the extension its bytes were found to have.
    static func safeFileName(_ name: String, type: DocumentFileType) -> String {
        let base = (name.replacingOccurrences(of: "\\", with: "/") as NSString).lastPathComponent
        var cleaned = String(base.unicodeScalars.filter { !CharacterSet.controlCharacters.contains($0) && $0 != "/" })
            .trimmingCharacters(in: .whitespaces)
        if cleaned.isEmpty || cleaned.hasPrefix(".") { cleaned = "document" + cleaned }
        if (cleaned as NSString).pathExtension.lowercased() != type.fileExtension { cleaned += "." + type.fileExtension }
        return String(cleaned.suffix(255))
    }

    private static func lock(
        _ id: Int64, expectedVersion: Int, audience: PracticeAudience, connection: PostgresConnection, logger: Logger
    ) async throws -> DocumentMetadata {
        var sql = SQLBuilder()
        sql.append("SELECT d.version FROM documents d LEFT JOIN organisations o ON o.organisation_id = d.organisation_id WHERE d.document_id = ?", id)
        DocumentRepository.appendVisibility(audience, to: &sql)
        sql.append(" FOR UPDATE OF d")
        var version: Int?
        for try await value in try await connection.run(sql.query, logger: logger).decode(Int.self) { version = value }
        guard let version else { throw AppError.notFound(resource: "document", identifier: String(id)) }
        guard version == expectedVersion else {
            throw AppError.preconditionFailed(
                "The document is at version \(version), not \(expectedVersion): someone changed it since you read it. Read it again and redo your change.")
        }
        let found = try await DocumentRepository.load(audience: .administrator, language: .fr, connection: connection, logger: logger) { sql in
            sql.append("d.document_id = ?", id)
        }
        guard let document = found.first else { throw AppError.notFound(resource: "document", identifier: String(id)) }
        return document.metadata
    }

    /// Every code the metadata names that does not exist (or that the author may not see), reported together.
    private static func checkReferences(
        _ metadata: DocumentMetadata, audience: PracticeAudience, except id: Int64?, connection: PostgresConnection, logger: Logger
    ) async throws {
        var issues: [FieldIssue] = []
        let links = metadata.links
        let organisations = links.organisations + (metadata.organisation.map { [$0] } ?? [])
        var sql = SQLBuilder()
        sql.append(
            """
            SELECT 'practice', code FROM unnest(?::text[]) AS code WHERE code NOT IN (SELECT slug FROM practices)
            UNION ALL
            SELECT 'agreement', code FROM unnest(?::text[]) AS code WHERE code NOT IN (SELECT code FROM agreements UNION ALL SELECT agreement_id::text FROM agreements)
            UNION ALL
            SELECT 'organisation', code FROM unnest(?::text[]) AS code WHERE code NOT IN (SELECT code FROM organisations)
            UNION ALL
            SELECT 'territory', code FROM unnest(?::text[]) AS code WHERE code NOT IN (SELECT code FROM territories)
            """, links.practices, links.agreements, organisations, links.territories)
        for try await (kind, code) in try await connection.run(sql.query, logger: logger).decode((String, String).self) {
            issues.append(FieldIssue(field: kind, reason: "'\(code)' is not a known \(kind)"))
        }
        if let original = metadata.translationOf {
            if original == id {
                issues.append(FieldIssue(field: "translation_of", reason: "a document does not translate itself"))
            } else {
                var check = SQLBuilder()
                check.append("SELECT 1 FROM documents d LEFT JOIN organisations o ON o.organisation_id = d.organisation_id WHERE d.document_id = ?", original)
                DocumentRepository.appendVisibility(audience, to: &check)
                var found = false
                for try await _ in try await connection.run(check.query, logger: logger).decode(Int.self) { found = true }
                if !found { issues.append(FieldIssue(field: "translation_of", reason: "no document has the identifier '\(original)'")) }
            }
        }
        if !issues.isEmpty { throw AppError.invalid(issues) }
    }

    private static func writeLinks(_ links: DocumentLinks, of id: Int64, connection: PostgresConnection, logger: Logger) async throws {
        try await connection.run(
            """
            INSERT INTO document_links (document_id, practice_id)
            SELECT \(id), practice_id FROM practices WHERE slug = ANY(\(links.practices))
            """, logger: logger)
        try await connection.run(
            "INSERT INTO document_links (document_id, agreement_id) SELECT \(id), agreement_id FROM agreements WHERE code = ANY(\(links.agreements)) OR agreement_id::text = ANY(\(links.agreements))",
            logger: logger)
        try await connection.run(
            "INSERT INTO document_links (document_id, organisation_id) SELECT \(id), organisation_id FROM organisations WHERE code = ANY(\(links.organisations))",
            logger: logger)
        try await connection.run(
            "INSERT INTO document_links (document_id, territory_id) SELECT \(id), territory_id FROM territories WHERE code = ANY(\(links.territories))",
            logger: logger)
    }
}
