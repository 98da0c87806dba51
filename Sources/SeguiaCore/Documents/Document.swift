import Foundation

/// What is written about a project document: everything but its bytes.
public struct DocumentMetadata: Sendable, Equatable, Codable {
    public var title: String
    public var kind: DocumentKind
    public var language: Language?
    /// The day the document is of (a meeting's, a mission's), `YYYY-MM-DD`.
    public var date: String?
    public var confidentiality: Confidentiality
    /// The organisation it belongs to, by code.
    public var organisation: String?
    /// The document this one translates.
    public var translationOf: Int64?
    /// Free words, such as the folders of a shared drive it came from.
    public var tags: [String]
    public var links: DocumentLinks

    public init(
        title: String, kind: DocumentKind = .other, language: Language? = nil, date: String? = nil, confidentiality: Confidentiality = .partners,
        organisation: String? = nil, translationOf: Int64? = nil, tags: [String] = [], links: DocumentLinks = DocumentLinks()
    ) {
        self.title = title
        self.kind = kind
        self.language = language
        self.date = date
        self.confidentiality = confidentiality
        self.organisation = organisation
        self.translationOf = translationOf
        self.tags = tags
        self.links = links
    }

    public static let maximumTags = 20

    /// The same with its title and tags trimmed, and each tag and link named once, in order.
    public var normalised: DocumentMetadata {
        func once(_ values: [String]) -> [String] {
            var seen: Set<String> = []
            return values.filter { seen.insert($0).inserted }
        }
        var copy = self
        copy.title = title.trimmingCharacters(in: .whitespacesAndNewlines)
        copy.tags = once(tags.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) })
        copy.links = DocumentLinks(
            practices: once(links.practices), agreements: once(links.agreements), organisations: once(links.organisations),
            territories: once(links.territories))
        return copy
    }

    /// Every problem of the metadata, each naming its field.
    public func issues() -> [FieldIssue] {
        var problems: [FieldIssue] = []
        let trimmed = title.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { problems.append(FieldIssue(field: "title", reason: "must not be empty")) }
        if title.count > 300 { problems.append(FieldIssue(field: "title", reason: "must be at most 300 characters")) }
        if let date, !Self.isDay(date) { problems.append(FieldIssue(field: "date", reason: "must be a day written YYYY-MM-DD")) }
        if tags.count > Self.maximumTags { problems.append(FieldIssue(field: "tags", reason: "at most \(Self.maximumTags)")) }
        if tags.contains(where: { $0.trimmingCharacters(in: .whitespaces).isEmpty || $0.count > 120 }) {
            problems.append(FieldIssue(field: "tags", reason: "each must be 1 to 120 characters"))
        }
        return problems
    }

    /// A day written `YYYY-MM-DD` that exists, between 1800 and 2200.
    static func isDay(_ text: String) -> Bool {
        guard DatePrecision.parseDay(text) != nil, let year = Int(text.prefix(4)) else { return false }
        return (1800...2200).contains(year)
    }
}

/// What a document is about: practices by slug, agreements by code, organisations and territories by code.
public struct DocumentLinks: Sendable, Equatable, Codable {
    public var practices: [String]
    public var agreements: [String]
    public var organisations: [String]
    public var territories: [String]

    public init(practices: [String] = [], agreements: [String] = [], organisations: [String] = [], territories: [String] = []) {
        self.practices = practices
        self.agreements = agreements
        self.organisations = organisations
        self.territories = territories
    }

    public var isEmpty: Bool { practices.isEmpty && agreements.isEmpty && organisations.isEmpty && territories.isEmpty }
}

/// A stored document: its metadata, its file's facts and its bookkeeping.
public struct StoredDocument: Sendable, Equatable {
    public var id: Int64
    public var version: Int
    public var metadata: DocumentMetadata
    public var fileName: String
    public var mediaType: String
    public var byteCount: Int64
    /// The file's SHA-256, in hexadecimal.
    public var sha256: String
    public var createdAt: Date
    public var createdBy: String
    public var updatedAt: Date
    public var updatedBy: String
    /// The documents that translate this one, with their languages.
    public var translations: [Translation]
    /// Names of what the links and the organisation name, by code (`practice:slug` for practices' titles).
    public var names: [String: String]

    public struct Translation: Sendable, Equatable {
        public var id: Int64
        public var title: String
        public var language: Language?

        public init(id: Int64, title: String, language: Language?) {
            self.id = id
            self.title = title
            self.language = language
        }
    }

    public init(
        id: Int64, version: Int, metadata: DocumentMetadata, fileName: String, mediaType: String, byteCount: Int64, sha256: String,
        createdAt: Date, createdBy: String, updatedAt: Date, updatedBy: String, translations: [Translation] = [], names: [String: String] = [:]
    ) {
        self.id = id
        self.version = version
        self.metadata = metadata
        self.fileName = fileName
        self.mediaType = mediaType
        self.byteCount = byteCount
        self.sha256 = sha256
        self.createdAt = createdAt
        self.createdBy = createdBy
        self.updatedAt = updatedAt
        self.updatedBy = updatedBy
        self.translations = translations
        self.names = names
    }

    public var entityTag: String { "\"d\(id)-\(version)\"" }
}

/// A search of documents: words, kinds, language, what they are linked to; paged by offset.
public struct DocumentQuery: Sendable, Equatable {
    public var text: String?
    public var kinds: [DocumentKind]
    public var language: Language?
    public var practice: String?
    public var agreement: String?
    public var organisation: String?
    public var territory: String?
    public var limit: Int
    public var offset: Int

    public static let maximumLimit = 100

    public init(
        text: String? = nil, kinds: [DocumentKind] = [], language: Language? = nil, practice: String? = nil, agreement: String? = nil,
        organisation: String? = nil, territory: String? = nil, limit: Int = 20, offset: Int = 0
    ) {
        self.text = text
        self.kinds = kinds
        self.language = language
        self.practice = practice
        self.agreement = agreement
        self.organisation = organisation
        self.territory = territory
        self.limit = limit
        self.offset = offset
    }
}

/// A page of documents found, with how many of each kind the search holds.
public struct DocumentPage: Sendable, Equatable {
    public var total: Int
    public var items: [StoredDocument]
    /// Snippets of the matched text, by document id, marked with `<mark>` and escaped.
    public var snippets: [Int64: String]
    public var kindCounts: [DocumentKind: Int]

    public init(total: Int, items: [StoredDocument], snippets: [Int64: String] = [:], kindCounts: [DocumentKind: Int] = [:]) {
        self.total = total
        self.items = items
        self.snippets = snippets
        self.kindCounts = kindCounts
    }
}
