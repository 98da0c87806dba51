import Foundation

/// Filters, search and page of `GET /api/v1/practices`.
public struct PracticeQuery: Sendable, Equatable {
    public var text: String?
    /// Territory codes, any of which (their descendants included) a practice must have; empty: no filter.
    /// Within one facet values are alternatives (MA or PS); facets combine (MA or PS, and reuse).
    public var territories: [String] = []
    public var themes: [String] = []
    public var organisations: [String] = []
    public var status: PracticeStatus?
    public var languages: [Language] = []
    /// Practices whose period overlaps these years; a practice without a period matches no year filter.
    public var fromYear: Int?
    public var toYear: Int?
    public var limit: Int
    public var cursor: PracticeCursor?
    /// The language of the facets' labels (names of territories, themes, organisations).
    public var labelLanguage: Language = .fr
    /// Whether to count the facets; a list that shows none (a home page, a territory's
    /// practices) asks only for the page and the total.
    public var countsFacets = true
    /// Whether the page's titles come in `labelLanguage` where a sheet has that translation (the
    /// pages), or always as written (the API, whose clients read translations themselves).
    public var translatesTitles = false

    public static let defaultLimit = 20
    public static let maximumLimit = 100
    /// Most values one facet may hold at once.
    public static let maximumValuesPerFacet = 20

    public init(
        text: String? = nil, territory: String? = nil, theme: String? = nil, organisation: String? = nil,
        status: PracticeStatus? = nil, language: Language? = nil, fromYear: Int? = nil, toYear: Int? = nil,
        limit: Int = PracticeQuery.defaultLimit, cursor: PracticeCursor? = nil
    ) {
        self.text = text
        self.territories = territory.map { [$0] } ?? []
        self.themes = theme.map { [$0] } ?? []
        self.organisations = organisation.map { [$0] } ?? []
        self.status = status
        self.languages = language.map { [$0] } ?? []
        self.fromYear = fromYear
        self.toYear = toYear
        self.limit = limit
        self.cursor = cursor
    }
}

/// Where the next page starts: after this rank and id, in the order rank desc, id desc, with
/// `shown` results before it (how deep the ranking must go).
public struct PracticeCursor: Sendable, Equatable {
    public var rank: Float
    public var id: Int64
    public var shown: Int

    public init(rank: Float, id: Int64, shown: Int = 0) {
        self.rank = rank
        self.id = id
        self.shown = shown
    }

    /// An opaque token for clients.
    public var token: String {
        Base64URL.encode("\(rank.bitPattern):\(id):\(shown)")
    }

    public init?(token: String) {
        guard let text = Base64URL.decode(token) else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 2 || parts.count == 3, let bits = UInt32(parts[0]), let id = Int64(parts[1]) else { return nil }
        let shown = parts.count == 3 ? Int(parts[2]) : 0
        guard let shown, shown >= 0 else { return nil }
        self.init(rank: Float(bitPattern: bits), id: id, shown: min(shown, PracticePage.exactCountBound))
    }
}
