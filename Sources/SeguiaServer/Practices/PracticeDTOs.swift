import Foundation
import Hummingbird
import SeguiaCore
import SeguiaStore

/// A period as answered, and as sent (where `precision` is read from how the bounds are written).
struct PeriodDTO: Codable, Sendable, Equatable {
    /// As precise as known: `2012`, `2019-03` or `2019-03-14`.
    var start: String?
    var end: String?
    var precision: String?
    /// The words a document stated the period in, for an imported draft.
    var text: String?

    init(_ period: DatePeriod) {
        start = period.startText
        end = period.endText
        precision = period.precision.rawValue
    }

    /// A period read from a document: its bounds as whole days, beside the words they come from.
    init(stated period: DatePeriod, text: String) {
        start = period.start
        end = period.end
        precision = period.precision.rawValue
        self.text = text
    }
}

struct PracticeListItemDTO: Codable, Sendable {
    var id: Int64
    var slug: String
    var title: String
    var summary: String?
    var language: String
    var status: String
    var confidentiality: String
    var organisation: String?
    var period: PeriodDTO
    var territories: [String]
    var themes: [String]
    var snippet: String?
    var score: Float?

    init(_ practice: PracticeSummary, searching: Bool) {
        id = practice.id
        slug = practice.slug
        title = practice.title
        summary = practice.summary
        language = practice.language.rawValue
        status = practice.status.rawValue
        confidentiality = practice.confidentiality.rawValue
        organisation = practice.organisation
        period = PeriodDTO(practice.period)
        territories = practice.territories
        themes = practice.themes
        snippet = practice.snippet
        score = searching ? practice.rank : nil
    }
}

struct PracticePageDTO: ResponseEncodable {
    var items: [PracticeListItemDTO]
    var total: Int
    var totalIsExact: Bool
    var facets: [String: [FacetCount]]
    var facetsAreExact: Bool
    var next: String?

    init(_ page: PracticePage, searching: Bool) {
        items = page.items.map { PracticeListItemDTO($0, searching: searching) }
        total = page.total
        totalIsExact = page.totalIsExact
        facets = page.facets
        facetsAreExact = page.facetsAreExact
        next = page.next?.token
    }

    enum CodingKeys: String, CodingKey {
        case items, total, facets, next
        case totalIsExact = "total_is_exact"
        case facetsAreExact = "facets_are_exact"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(total, forKey: .total)
        try container.encode(totalIsExact, forKey: .totalIsExact)
        try container.encode(facets, forKey: .facets)
        try container.encode(facetsAreExact, forKey: .facetsAreExact)
        try container.encode(next, forKey: .next)
    }
}

struct NamedLinkDTO: Codable, Sendable, Equatable {
    var code: String
    var name: String?
    var role: String?
}

struct SectionDTO: Codable, Sendable {
    struct Translation: Codable, Sendable {
        var text: String
        var items: [String]
        var quotes: [Quote]
        var translationStatus: String
        /// The section's heading in this language.
        var title: String?

        enum CodingKeys: String, CodingKey {
            case text, items, quotes, title
            case translationStatus = "translation_status"
        }
    }

    var position: Int
    var key: String
    var title: String?
    /// The language of `text`, `items` and `quotes`: the practice's own when the section has it.
    var language: String?
    var text: String
    var items: [String]
    var quotes: [Quote]
    var translationStatus: String?
    /// The section in the other languages it exists in.
    var translations: [String: Translation]

    enum CodingKeys: String, CodingKey {
        case position, key, title, language, text, items, quotes, translations
        case translationStatus = "translation_status"
    }

    init(position: Int, section: PracticeContent.Section, practiceLanguage: Language) {
        self.position = position
        key = section.key.rawValue
        title = section.title
        let main = section.texts[practiceLanguage.rawValue].map { (practiceLanguage.rawValue, $0) } ?? section.texts.sorted { $0.key < $1.key }.first
        language = main?.0
        text = main?.1.text ?? ""
        items = main?.1.items ?? []
        quotes = main?.1.quotes ?? []
        translationStatus = main?.1.translationStatus.rawValue
        translations = section.texts.filter { $0.key != main?.0 }.mapValues {
            Translation(text: $0.text, items: $0.items, quotes: $0.quotes, translationStatus: $0.translationStatus.rawValue, title: $0.title)
        }
    }
}

struct PracticeDetailDTO: ResponseEncodable {
    var id: Int64
    var slug: String
    var title: String
    var summary: String?
    var language: String
    var status: String
    var confidentiality: String
    var organisation: NamedLinkDTO?
    var period: PeriodDTO
    var source: String?
    var territories: [NamedLinkDTO]
    var organisations: [NamedLinkDTO]
    var themes: [String]
    var sections: [SectionDTO]
    /// Title and summary in other languages than the sheet's.
    var translations: [String: PracticeContent.Translation]
    var revision: Int
    var createdAt: String
    var updatedAt: String
    var createdBy: String
    var updatedBy: String
    /// On a published sheet, the next version being written or reviewed (for the people who work on sheets).
    var pendingDraft: PendingDraftDTO?
    /// True when this is the pending draft itself, not the published sheet.
    var isPendingDraft: Bool?

    enum CodingKeys: String, CodingKey {
        case id, slug, title, summary, language, status, confidentiality, organisation, period, source, territories, organisations
        case themes, sections, translations, revision
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case createdBy = "created_by"
        case updatedBy = "updated_by"
        case pendingDraft = "pending_draft"
        case isPendingDraft = "is_pending_draft"
    }

    /// The pending draft of `practice`, as a practice of its own.
    init?(pendingDraftOf practice: StoredPractice) {
        guard let draft = practice.draftView else { return nil }
        self.init(draft)
        isPendingDraft = true
    }

    init(_ practice: StoredPractice) {
        let content = practice.content
        id = practice.id
        slug = content.slug
        title = content.title
        summary = content.summary
        language = content.language.rawValue
        status = content.status.rawValue
        confidentiality = content.confidentiality.rawValue
        organisation = content.organisation.map { NamedLinkDTO(code: $0, name: practice.names[$0], role: nil) }
        period = PeriodDTO(content.period)
        source = content.source
        territories = content.territories.map { NamedLinkDTO(code: $0.code, name: practice.names[$0.code], role: $0.role.rawValue) }
        organisations = content.organisations.map { NamedLinkDTO(code: $0.code, name: practice.names[$0.code], role: $0.role) }
        themes = content.themes
        sections = content.sections.enumerated().map { SectionDTO(position: $0.offset + 1, section: $0.element, practiceLanguage: content.language) }
        translations = content.translations
        revision = practice.revision
        let formatter = ISO8601DateFormatter()
        createdAt = formatter.string(from: practice.createdAt)
        updatedAt = formatter.string(from: practice.updatedAt)
        createdBy = practice.createdBy
        updatedBy = practice.updatedBy
        pendingDraft = practice.pendingDraft.map { PendingDraftDTO($0, practice: practice) }
    }
}

struct PendingDraftDTO: Codable, Sendable {
    var status: String
    var startedFrom: Int
    var startedAt: String
    var startedBy: String
    var updatedAt: String
    var updatedBy: String
    var href: String

    enum CodingKeys: String, CodingKey {
        case status, href
        case startedFrom = "started_from"
        case startedAt = "started_at"
        case startedBy = "started_by"
        case updatedAt = "updated_at"
        case updatedBy = "updated_by"
    }

    init(_ draft: PendingDraft, practice: StoredPractice) {
        let formatter = ISO8601DateFormatter()
        status = draft.content.status.rawValue
        startedFrom = draft.startedFrom
        startedAt = formatter.string(from: draft.startedAt)
        startedBy = draft.startedBy
        updatedAt = formatter.string(from: draft.updatedAt)
        updatedBy = draft.updatedBy
        href = "/api/v1/practices/\(practice.id)/draft"
    }
}

struct ImportDraftDTO: ResponseEncodable {
    struct Proposal: Codable, Sendable {
        var code: String
        var name: String?
        var mentions: Int
    }

    struct DraftSection: Codable, Sendable {
        var key: String
        var title: String?
        var text: String
        var items: [String]
        var quotes: [Quote]
    }

    struct DeployedBy: Codable, Sendable {
        var text: String
        var organisation: String?
    }

    /// Set once the draft is saved (`?save=true`).
    var id: Int64?
    /// The format read from the bytes: text, markdown, docx, odt or pdf.
    var format: String
    var title: String
    var summary: String?
    var language: String
    var source: String?
    var period: PeriodDTO?
    var deployedBy: DeployedBy?
    var metadata: [DocumentOutline.MetadataField]
    var sections: [DraftSection]
    var proposed: [String: [Proposal]]
    /// What the importer guessed or had to change, for the editor to check.
    var warnings: [PracticeDraft.Warning]

    enum CodingKeys: String, CodingKey {
        case id, format, title, summary, language, source, period, metadata, sections, proposed, warnings
        case deployedBy = "deployed_by"
    }

    init(format: DocumentFormat, imported: ImportedPractice, draft: PracticeDraft, proposals: PracticeDraft.Proposals, names: [String: String]) {
        func list(_ matches: [TextMatcher.Match]) -> [Proposal] {
            matches.map { Proposal(code: $0.code, name: names[$0.code], mentions: $0.mentions) }
        }
        self.format = format.rawValue
        title = draft.content.title
        summary = draft.content.summary
        language = draft.content.language.rawValue
        source = draft.content.source
        period = imported.period.map { PeriodDTO(stated: $0.period, text: $0.text) }
        deployedBy = imported.deployedBy.map { DeployedBy(text: $0, organisation: proposals.deployingOrganisation) }
        metadata = imported.metadata
        sections = imported.sections.map { .init(key: $0.key.rawValue, title: $0.title, text: $0.text, items: $0.items, quotes: $0.quotes) }
        proposed = ["territories": list(proposals.territories), "organisations": list(proposals.organisations), "themes": list(proposals.themes)]
        warnings = draft.warnings
    }
}
