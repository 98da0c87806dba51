import Foundation

/// Everything an editor writes in a practice: what `PUT` replaces and what a revision keeps.
///
/// Its JSON form is the one the database's `practice_snapshot()` produces, so a stored
/// revision decodes to it directly.
public struct PracticeContent: Codable, Sendable, Equatable {
    public struct TerritoryLink: Codable, Sendable, Equatable {
        public var code: String
        public var role: TerritoryRole

        public init(code: String, role: TerritoryRole) {
            self.code = code
            self.role = role
        }
    }

    public struct OrganisationLink: Codable, Sendable, Equatable {
        public var code: String
        public var role: String?

        public init(code: String, role: String? = nil) {
            self.code = code
            self.role = role
        }
    }

    /// A section's content in one language.
    public struct SectionText: Codable, Sendable, Equatable {
        public var text: String
        public var items: [String]
        public var quotes: [Quote]
        public var translationStatus: TranslationStatus
        /// The section's heading in this language, for a translation (the original's is the section's `title`).
        public var title: String?

        public init(
            text: String = "", items: [String] = [], quotes: [Quote] = [], translationStatus: TranslationStatus = .original, title: String? = nil
        ) {
            self.text = text
            self.items = items
            self.quotes = quotes
            self.translationStatus = translationStatus
            self.title = title
        }

        enum CodingKeys: String, CodingKey {
            case text, items, quotes, title
            case translationStatus = "translation_status"
        }
    }

    /// The sheet's title and summary in another language than its own.
    public struct Translation: Codable, Sendable, Equatable {
        public var title: String?
        public var summary: String?
        public var translationStatus: TranslationStatus

        public init(title: String? = nil, summary: String? = nil, translationStatus: TranslationStatus = .machine) {
            self.title = title
            self.summary = summary
            self.translationStatus = translationStatus
        }

        enum CodingKeys: String, CodingKey {
            case title, summary
            case translationStatus = "translation_status"
        }
    }

    public struct Section: Codable, Sendable, Equatable {
        public var key: SectionKey
        public var title: String?
        /// Keyed by language code (`fr`, `en`, `ar`).
        public var texts: [String: SectionText]

        public init(key: SectionKey, title: String? = nil, texts: [String: SectionText]) {
            self.key = key
            self.title = title
            self.texts = texts
        }
    }

    public var slug: String
    public var title: String
    public var summary: String?
    public var language: Language
    /// Code of the deploying organisation.
    public var organisation: String?
    public var period: DatePeriod
    public var status: PracticeStatus
    public var confidentiality: Confidentiality
    public var source: String?
    public var territories: [TerritoryLink]
    public var organisations: [OrganisationLink]
    public var themes: [String]
    public var sections: [Section]
    /// Title and summary in other languages, keyed by language code.
    public var translations: [String: Translation] = [:]

    public init(
        slug: String, title: String, summary: String? = nil, language: Language = .fr, organisation: String? = nil,
        period: DatePeriod = DatePeriod(), status: PracticeStatus = .draft, confidentiality: Confidentiality = .public, source: String? = nil,
        territories: [TerritoryLink] = [], organisations: [OrganisationLink] = [], themes: [String] = [], sections: [Section] = []
    ) {
        self.slug = slug
        self.title = title
        self.summary = summary
        self.language = language
        self.organisation = organisation
        self.period = period
        self.status = status
        self.confidentiality = confidentiality
        self.source = source
        self.territories = territories
        self.organisations = organisations
        self.themes = themes
        self.sections = sections
    }

    enum CodingKeys: String, CodingKey {
        case slug, title, summary, language, organisation, period, status, confidentiality, source, territories, organisations, themes
        case sections, translations
    }

    /// Revisions kept before translations existed have none: read as none.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        slug = try container.decode(String.self, forKey: .slug)
        title = try container.decode(String.self, forKey: .title)
        summary = try container.decodeIfPresent(String.self, forKey: .summary)
        language = try container.decode(Language.self, forKey: .language)
        organisation = try container.decodeIfPresent(String.self, forKey: .organisation)
        period = try container.decode(DatePeriod.self, forKey: .period)
        status = try container.decode(PracticeStatus.self, forKey: .status)
        confidentiality = try container.decode(Confidentiality.self, forKey: .confidentiality)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        territories = try container.decode([TerritoryLink].self, forKey: .territories)
        organisations = try container.decode([OrganisationLink].self, forKey: .organisations)
        themes = try container.decode([String].self, forKey: .themes)
        sections = try container.decode([Section].self, forKey: .sections)
        translations = try container.decodeIfPresent([String: Translation].self, forKey: .translations) ?? [:]
    }
}

/// How a section text came to be in its language.
public enum TranslationStatus: String, Codable, Sendable, CaseIterable {
    case original, machine, reviewed
}

/// A stored practice: its content and the bookkeeping around it.
public struct StoredPractice: Sendable, Equatable {
    public var id: Int64
    public var revision: Int
    public var content: PracticeContent
    public var createdAt: Date
    public var updatedAt: Date
    public var createdBy: String
    public var updatedBy: String
    /// Names of the territories and organisations the content (and its pending draft) links to, by code.
    public var names: [String: String]
    /// The next version of a published sheet, being written or reviewed; nil when there is none
    /// or the reader may not see it.
    public var pendingDraft: PendingDraft?

    public init(
        id: Int64, revision: Int, content: PracticeContent, createdAt: Date, updatedAt: Date, createdBy: String, updatedBy: String,
        names: [String: String], pendingDraft: PendingDraft? = nil
    ) {
        self.id = id
        self.revision = revision
        self.content = content
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.names = names
        self.pendingDraft = pendingDraft
    }

    /// The entity tag of this revision, for `If-Match`. Changes of the pending draft are
    /// revisions of the practice too, so one tag guards both.
    public var entityTag: String { "\"\(id)-\(revision)\"" }

    /// What a change starts from: the pending draft when there is one, else the sheet itself.
    public var editable: PracticeContent { pendingDraft?.content ?? content }

    /// The pending draft as a practice of its own (same id and revision), for showing or serving it.
    public var draftView: StoredPractice? {
        guard let pendingDraft else { return nil }
        return StoredPractice(
            id: id, revision: revision, content: pendingDraft.content, createdAt: pendingDraft.startedAt, updatedAt: pendingDraft.updatedAt,
            createdBy: pendingDraft.startedBy, updatedBy: pendingDraft.updatedBy, names: names)
    }
}

/// The next version of a published sheet: written and reviewed while readers keep seeing the
/// published one, which it replaces once published.
public struct PendingDraft: Sendable, Equatable {
    /// Its whole content; the status is `draft` or `inReview`.
    public var content: PracticeContent
    /// The revision of the published sheet it was started from.
    public var startedFrom: Int
    public var startedAt: Date
    public var startedBy: String
    public var updatedAt: Date
    public var updatedBy: String

    public init(content: PracticeContent, startedFrom: Int, startedAt: Date, startedBy: String, updatedAt: Date, updatedBy: String) {
        self.content = content
        self.startedFrom = startedFrom
        self.startedAt = startedAt
        self.startedBy = startedBy
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
    }
}
