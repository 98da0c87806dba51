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

        public init(text: String = "", items: [String] = [], quotes: [Quote] = [], translationStatus: TranslationStatus = .original) {
            self.text = text
            self.items = items
            self.quotes = quotes
            self.translationStatus = translationStatus
        }

        enum CodingKeys: String, CodingKey {
            case text, items, quotes
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
    /// Names of the territories and organisations the content links to, by code.
    public var names: [String: String]

    public init(
        id: Int64, revision: Int, content: PracticeContent, createdAt: Date, updatedAt: Date, createdBy: String, updatedBy: String,
        names: [String: String]
    ) {
        self.id = id
        self.revision = revision
        self.content = content
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.updatedBy = updatedBy
        self.names = names
    }

    /// The entity tag of this revision, for `If-Match`.
    public var entityTag: String { "\"\(id)-\(revision)\"" }
}
