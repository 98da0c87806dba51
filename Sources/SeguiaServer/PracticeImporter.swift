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

    public init(database: Database) {
        self.init(
            vocabulary: VocabularyRepository(database: database), repository: PracticeRepository(database: database),
            writer: PracticeWriter(database: database))
    }

    init(vocabulary: VocabularyRepository, repository: PracticeRepository, writer: PracticeWriter) {
        self.vocabulary = vocabulary
        self.repository = repository
        self.writer = writer
    }

    /// The draft as JSON (the body `POST /api/v1/practices/import` answers), and the id when saved.
    public func importDocument(_ document: String, savingAs author: Identity?, logger: Logger) async throws -> (json: Data, id: Int64?) {
        let draft = try await draft(document, savingAs: author, logger: logger)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return (try encoder.encode(draft), draft.id)
    }

    func draft(_ document: String, savingAs author: Identity?, logger: Logger) async throws -> ImportDraftDTO {
        let imported = PracticeDocumentParser.parse(document)
        let vocabulary = try await vocabulary.load(logger: logger)
        func proposals(_ entries: [TextMatcher.Entry]) -> [ImportDraftDTO.Proposal] {
            TextMatcher.matches(entries, in: document).map { .init(code: $0.code, name: vocabulary.names[$0.code], mentions: $0.mentions) }
        }
        let deployedBy = imported.deployedBy.map { text in
            ImportDraftDTO.DeployedBy(text: text, organisation: TextMatcher.matches(vocabulary.organisations, in: text).first?.code)
        }
        let language = TextMatcher.guessLanguage(document)
        var draft = ImportDraftDTO(
            title: imported.title, summary: imported.summary, language: language.rawValue,
            deployedBy: deployedBy,
            sections: imported.sections.map { .init(key: $0.key.rawValue, title: $0.title, text: $0.text, items: $0.items, quotes: $0.quotes) },
            proposed: [
                "territories": proposals(vocabulary.territories), "organisations": proposals(vocabulary.organisations),
                "themes": proposals(vocabulary.themes),
            ])
        guard let author else { return draft }
        // Saved as a draft for review: proposals stay proposals; only the deploying organisation the text names is linked.
        let title = imported.title ?? "Pratique importée"
        let content = PracticeContent(
            slug: try await repository.availableSlug(Slug.from(title), logger: logger), title: title, summary: imported.summary,
            language: language, organisation: deployedBy?.organisation, status: .draft,
            sections: imported.sections.map { section in
                PracticeContent.Section(
                    key: section.key, title: section.title,
                    texts: [language.rawValue: .init(text: section.text, items: section.items, quotes: section.quotes)])
            })
        draft.id = try await writer.create(content, by: author, logger: logger)
        return draft
    }
}
