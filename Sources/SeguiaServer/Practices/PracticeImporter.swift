import Foundation
import Logging
import SeguiaCore
import SeguiaStore

/// Turns a document into a draft practice, with the territories, organisations and themes it
/// mentions proposed as links; the HTTP import and `seguia import practice` share it.
public struct PracticeImporter: Sendable {
    let vocabulary: VocabularyRepository
    let repository: PracticeRepository
    let writer: PracticeWriter
    let reader: PracticeDocumentReader

    public init(database: Database, reader: PracticeDocumentReader = PracticeDocumentReader()) {
        self.init(
            vocabulary: VocabularyRepository(database: database), repository: PracticeRepository(database: database),
            writer: PracticeWriter(database: database), reader: reader)
    }

    init(vocabulary: VocabularyRepository, repository: PracticeRepository, writer: PracticeWriter, reader: PracticeDocumentReader) {
        self.vocabulary = vocabulary
        self.repository = repository
        self.writer = writer
        self.reader = reader
    }

    /// The draft as JSON (the body `POST /api/v1/practices/import` answers), and the id when saved.
    public func importDocument(
        _ bytes: [UInt8], mediaType: String? = nil, charset: String? = nil, savingAs author: Identity?, logger: Logger
    ) async throws -> (json: Data, id: Int64?) {
        let draft = try await draft(bytes, mediaType: mediaType, charset: charset, savingAs: author, logger: logger)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try encoder.encode(draft), draft.id)
    }

    /// A document read and made into a draft, not saved: what the import wizard shows to correct.
    struct Prepared: Sendable {
        var format: DocumentFormat
        var imported: ImportedPractice
        var draft: PracticeDraft
        var proposals: PracticeDraft.Proposals
        /// French names of the codes proposed.
        var names: [String: String]
    }

    func prepare(_ bytes: [UInt8], mediaType: String?, charset: String?, logger: Logger) async throws -> Prepared {
        let (format, outline) = try await reader.read(bytes, mediaType: mediaType, charset: charset)
        let imported = PracticeDocumentParser.parse(outline)
        // Normalised once, searched for every kind of name.
        let words = TextMatcher.words(Self.plainText(of: outline))
        let vocabulary = try await vocabulary.load(logger: logger)
        let deployingOrganisation = imported.deployedBy.flatMap { TextMatcher.matches(vocabulary.organisations, in: $0).first?.code }
        let proposals = PracticeDraft.Proposals(
            territories: TextMatcher.matches(vocabulary.territories, inWords: words),
            organisations: TextMatcher.matches(vocabulary.organisations, inWords: words),
            themes: TextMatcher.matches(vocabulary.themes, inWords: words), deployingOrganisation: deployingOrganisation)
        let language = PracticeDraft.declaredLanguage(imported.metadata(.language)) ?? TextMatcher.guessLanguage(words: words)
        let prepared = PracticeDraft(imported, language: language, proposals: proposals)
        return Prepared(format: format, imported: imported, draft: prepared, proposals: proposals, names: vocabulary.names)
    }

    func draft(_ bytes: [UInt8], mediaType: String?, charset: String?, savingAs author: Identity?, logger: Logger) async throws -> ImportDraftDTO {
        let prepared = try await prepare(bytes, mediaType: mediaType, charset: charset, logger: logger)
        var draft = ImportDraftDTO(
            format: prepared.format, imported: prepared.imported, draft: prepared.draft, proposals: prepared.proposals, names: prepared.names)
        guard let author else { return draft }
        draft.id = try await writer.create(Self.naming(author, in: prepared.draft.content), derivingSlug: true, by: author, logger: logger)
        return draft
    }

    /// The content with the importer's organisation among its organisations when the document
    /// named another as its owner: whoever brings a sheet in keeps the right to write it.
    static func naming(_ author: Identity, in content: PracticeContent) -> PracticeContent {
        guard let own = author.organisation, let owner = content.organisation, owner != own,
            !content.organisations.contains(where: { $0.code == own })
        else { return content }
        var named = content
        named.organisations.append(.init(code: own, role: nil))
        return named
    }

    /// Every word of the outline, for finding names in it.
    static func plainText(of outline: DocumentOutline) -> String {
        var pieces = outline.metadata.map(\.value)
        for block in outline.blocks {
            switch block {
            case .heading(_, let text), .item(let text), .note(let text): pieces.append(text)
            case .paragraph(let lines, _), .quote(let lines): pieces += lines
            case .row(let cells): pieces += cells
            }
        }
        return pieces.joined(separator: "\n")
    }
}
