import Foundation
import Logging
import PostgresNIO
import SeguiaCore

/// Reads stored documents, as their audience may see them: anonymous visitors the public ones,
/// people signed in (and tokens) also those for partners and their own organisation's private
/// ones, administrators everything.
public struct DocumentRepository: Sendable {
    public let database: Database

    public init(database: Database) {
        self.database = database
    }

    /// A document by id, if the audience may see it.
    public func find(_ id: Int64, audience: PracticeAudience, language: Language = .fr, logger: Logger) async throws -> StoredDocument {
        try await database.withReadConnection("documents.find") { connection in
            let found = try await Self.load(audience: audience, language: language, connection: connection, logger: logger) { sql in
                sql.append("d.document_id = ?", id)
                Self.appendVisibility(audience, to: &sql)
            }
            guard let document = found.first else { throw AppError.notFound(resource: "document", identifier: String(id)) }
            return document
        }
    }

    /// What a download of a document needs, in one statement: its blob, size, name, type,
    /// hash and confidentiality; for a document the audience may see.
    public struct File: Sendable, Equatable {
        public var blobID: Int64
        public var byteCount: Int64
        public var fileName: String
        public var mediaType: String
        public var sha256: String
        public var confidentiality: Confidentiality
    }

    public func file(of id: Int64, audience: PracticeAudience, logger: Logger) async throws -> File {
        try await database.withConnection("documents.file") { connection in
            var sql = SQLBuilder()
            sql.append(
                """
                SELECT d.blob_id, b.byte_count, d.file_name, d.media_type, encode(b.sha256, 'hex'), d.confidentiality
                FROM documents d JOIN document_blobs b ON b.blob_id = d.blob_id
                LEFT JOIN organisations o ON o.organisation_id = d.organisation_id WHERE d.document_id = ?
                """, id)
            Self.appendVisibility(audience, to: &sql)
            for try await (blobID, count, name, type, sha256, confidentiality) in try await connection.run(sql.query, logger: logger).decode(
                (Int64, Int64, String, String, String, String).self)
            {
                return File(
                    blobID: blobID, byteCount: count, fileName: name, mediaType: type, sha256: sha256,
                    confidentiality: try StoreError.decodeEnum(Confidentiality.self, confidentiality, column: "documents.confidentiality"))
            }
            throw AppError.notFound(resource: "document", identifier: String(id))
        }
    }

    /// Calls `body` with each chunk of a blob, in order, a few chunks per query so that no
    /// connection is held while the client reads.
    public func streamBlob(_ blobID: Int64, logger: Logger, _ body: (ByteBuffer) async throws -> Void) async throws {
        var next = 0
        while true {
            let chunks = try await database.withConnection("documents.chunks") { connection in
                let rows = try await connection.run(
                    """
                    SELECT chunk_number, bytes FROM document_blob_chunks
                    WHERE blob_id = \(blobID) AND chunk_number >= \(next) ORDER BY chunk_number LIMIT 4
                    """, logger: logger)
                var found: [(Int, ByteBuffer)] = []
                for try await row in rows.decode((Int, ByteBuffer).self) { found.append(row) }
                return found
            }
            guard !chunks.isEmpty else { return }
            for (number, bytes) in chunks {
                try await body(bytes)
                next = number + 1
            }
        }
    }

    /// Documents matching `query`, newest first (best first when searching words), with how
    /// many of each kind the search holds whatever kinds are chosen.
    public func search(_ query: DocumentQuery, audience: PracticeAudience, language: Language = .fr, logger: Logger) async throws -> DocumentPage {
        try await database.withReadConnection("documents.search") { connection in
            func appendFilter(_ sql: inout SQLBuilder) {
                sql.append("true")
                Self.appendVisibility(audience, to: &sql)
                if let text = query.text { sql.append(" AND d.search_vector @@ seguia_search_query(?)", text) }
                if let language = query.language { sql.append(" AND d.language = ?", language.rawValue) }
                if let practice = query.practice {
                    sql.append(
                        " AND EXISTS (SELECT 1 FROM document_links l JOIN practices p ON p.practice_id = l.practice_id WHERE l.document_id = d.document_id AND p.slug = ?)",
                        practice)
                }
                if let agreement = query.agreement {
                    sql.append(
                        " AND EXISTS (SELECT 1 FROM document_links l JOIN agreements a ON a.agreement_id = l.agreement_id WHERE l.document_id = d.document_id AND a.code = ?)",
                        agreement)
                }
                if let organisation = query.organisation {
                    sql.append(
                        """
                         AND (o.code = ? OR EXISTS (SELECT 1 FROM document_links l JOIN organisations lo ON lo.organisation_id = l.organisation_id
                                                    WHERE l.document_id = d.document_id AND lo.code = ?))
                        """, organisation, organisation)
                }
                if let territory = query.territory {
                    sql.append(
                        " AND EXISTS (SELECT 1 FROM document_links l JOIN territories t ON t.territory_id = l.territory_id WHERE l.document_id = d.document_id AND t.code = ?)",
                        territory)
                }
            }
            var counts = SQLBuilder("SELECT d.kind, count(*)::int FROM documents d LEFT JOIN organisations o ON o.organisation_id = d.organisation_id WHERE ")
            appendFilter(&counts)
            counts.append(" GROUP BY d.kind")
            var kindCounts: [DocumentKind: Int] = [:]
            for try await (kind, count) in try await connection.run(counts.query, logger: logger).decode((String, Int).self) {
                if let kind = DocumentKind(rawValue: kind) { kindCounts[kind] = count }
            }
            let total = query.kinds.isEmpty ? kindCounts.values.reduce(0, +) : query.kinds.reduce(0) { $0 + (kindCounts[$1] ?? 0) }
            let items = try await Self.load(audience: audience, language: language, connection: connection, logger: logger) { sql in
                appendFilter(&sql)
                if !query.kinds.isEmpty { sql.append(" AND d.kind = ANY(?)", query.kinds.map(\.rawValue)) }
                if let text = query.text {
                    sql.append(" ORDER BY ts_rank(d.search_vector, seguia_search_query(?)) DESC, d.document_id DESC", text)
                } else {
                    sql.append(" ORDER BY d.document_date DESC NULLS LAST, d.document_id DESC")
                }
                sql.append(" LIMIT ? OFFSET ?", query.limit, query.offset)
            }
            var snippets: [Int64: String] = [:]
            if let text = query.text, !items.isEmpty {
                let rows = try await connection.run(
                    """
                    SELECT d.document_id,
                           ts_headline(seguia_search_config(coalesce(d.language, 'fr')), left(coalesce(d.extracted_text, ''), 100000),
                                       seguia_search_query(\(text)),
                                       'StartSel=' || chr(2) || ', StopSel=' || chr(3) || ', MaxFragments=2, MaxWords=25, MinWords=8, FragmentDelimiter=" … "')
                    FROM documents d WHERE d.document_id = ANY(\(items.map(\.id))) AND d.extracted_text IS NOT NULL
                    """, logger: logger)
                for try await (id, headline) in rows.decode((Int64, String).self) {
                    snippets[id] = SearchSnippet.html(headline)
                }
            }
            return DocumentPage(total: total, items: items, snippets: snippets, kindCounts: kindCounts)
        }
    }

    /// What an audience may read of documents.
    static func appendVisibility(_ audience: PracticeAudience, to sql: inout SQLBuilder) {
        switch audience {
        case .anonymous:
            sql.append(" AND d.confidentiality = 'public'")
        case .member(let organisation):
            sql.append(" AND (d.confidentiality <> 'private' OR o.code = ?)", organisation ?? "")
        case .administrator:
            break
        }
    }

    /// The documents `condition` selects (it appends a WHERE clause on `d` and `o`, with its
    /// ORDER and LIMIT), with their links, translations and names, in three statements.
    static func load(
        audience: PracticeAudience, language: Language, connection: PostgresConnection, logger: Logger, _ condition: (inout SQLBuilder) -> Void
    ) async throws -> [StoredDocument] {
        var sql = SQLBuilder(
            """
            SELECT d.document_id, d.version, d.title, d.kind, d.language, d.document_date::text, d.confidentiality, o.code, d.translation_of,
                   d.tags, d.file_name, d.media_type, b.byte_count, encode(b.sha256, 'hex'), d.created_at, d.created_by, d.updated_at, d.updated_by
            FROM documents d
            JOIN document_blobs b ON b.blob_id = d.blob_id
            LEFT JOIN organisations o ON o.organisation_id = d.organisation_id
            WHERE
            """)
        sql.append(" ")
        condition(&sql)
        var documents: [StoredDocument] = []
        for try await row in try await connection.run(sql.query, logger: logger).decode(
            (Int64, Int, String, String, String?, String?, String, String?, Int64?, [String], String, String, Int64, String, Date, String, Date, String).self)
        {
            let (id, version, title, kind, language, date, confidentiality, organisation, translationOf, tags, fileName, mediaType, byteCount, sha256, createdAt, createdBy, updatedAt, updatedBy) = row
            let metadata = DocumentMetadata(
                title: title, kind: try StoreError.decodeEnum(DocumentKind.self, kind, column: "documents.kind"),
                language: language.flatMap(Language.init(rawValue:)), date: date,
                confidentiality: try StoreError.decodeEnum(Confidentiality.self, confidentiality, column: "documents.confidentiality"),
                organisation: organisation, translationOf: translationOf, tags: tags)
            documents.append(
                StoredDocument(
                    id: id, version: version, metadata: metadata, fileName: fileName, mediaType: mediaType, byteCount: byteCount, sha256: sha256,
                    createdAt: createdAt, createdBy: createdBy, updatedAt: updatedAt, updatedBy: updatedBy))
        }
        guard !documents.isEmpty else { return [] }
        let ids = documents.map(\.id)
        var index: [Int64: Int] = [:]
        for (position, document) in documents.enumerated() { index[document.id] = position }
        // Links, each with the name of what it names in the reader's language.
        let links = try await connection.run(
            """
            SELECT l.document_id, 'practice', p.slug, coalesce(pt.title, p.title)
            FROM document_links l JOIN practices p ON p.practice_id = l.practice_id
            LEFT JOIN practice_translations pt ON pt.practice_id = p.practice_id AND pt.language = \(language.rawValue) AND pt.title IS NOT NULL
            WHERE l.document_id = ANY(\(ids))
            UNION ALL
            SELECT l.document_id, 'agreement', a.code, localized_name(\(language.rawValue), a.title_fr, a.title_en, a.title_ar)
            FROM document_links l JOIN agreements a ON a.agreement_id = l.agreement_id WHERE l.document_id = ANY(\(ids))
            UNION ALL
            SELECT l.document_id, 'organisation', o.code, localized_name(\(language.rawValue), o.name_fr, o.name_en, o.name_ar)
            FROM document_links l JOIN organisations o ON o.organisation_id = l.organisation_id WHERE l.document_id = ANY(\(ids))
            UNION ALL
            SELECT l.document_id, 'territory', t.code, localized_name(\(language.rawValue), t.name_fr, t.name_en, t.name_ar)
            FROM document_links l JOIN territories t ON t.territory_id = l.territory_id WHERE l.document_id = ANY(\(ids))
            UNION ALL
            SELECT d.document_id, 'owner', o.code, localized_name(\(language.rawValue), o.name_fr, o.name_en, o.name_ar)
            FROM documents d JOIN organisations o ON o.organisation_id = d.organisation_id WHERE d.document_id = ANY(\(ids))
            ORDER BY 1, 2, 3
            """, logger: logger)
        for try await (documentID, kind, code, name) in links.decode((Int64, String, String, String).self) {
            guard let position = index[documentID] else { continue }
            switch kind {
            case "practice":
                documents[position].metadata.links.practices.append(code)
                documents[position].names["practice:\(code)"] = name
            case "agreement":
                documents[position].metadata.links.agreements.append(code)
                documents[position].names["agreement:\(code)"] = name
            case "organisation":
                documents[position].metadata.links.organisations.append(code)
                documents[position].names[code] = name
            case "territory":
                documents[position].metadata.links.territories.append(code)
                documents[position].names[code] = name
            default:
                documents[position].names[code] = name
            }
        }
        // The translations the audience may see.
        var translations = SQLBuilder()
        translations.append(
            """
            SELECT d.translation_of, d.document_id, d.title, d.language FROM documents d
            LEFT JOIN organisations o ON o.organisation_id = d.organisation_id WHERE d.translation_of = ANY(?)
            """, ids)
        appendVisibility(audience, to: &translations)
        translations.append(" ORDER BY d.language, d.document_id")
        for try await (original, id, title, language) in try await connection.run(translations.query, logger: logger).decode((Int64, Int64, String, String?).self) {
            guard let position = index[original] else { continue }
            documents[position].translations.append(StoredDocument.Translation(id: id, title: title, language: language.flatMap(Language.init(rawValue:))))
        }
        return documents
    }
}
