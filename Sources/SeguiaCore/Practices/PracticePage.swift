import Foundation

/// One practice in a list of results.
public struct PracticeSummary: Sendable, Equatable {
    public var id: Int64
    public var slug: String
    public var title: String
    public var summary: String?
    public var language: Language
    public var status: PracticeStatus
    public var confidentiality: Confidentiality
    public var organisation: String?
    public var period: DatePeriod
    public var territories: [String]
    public var themes: [String]
    /// An extract around the matched words, `<mark>`ed; only when searching. Taken from the
    /// title and summary when they hold every searched word, from the whole sheet otherwise.
    public var snippet: String?
    public var rank: Float

    public init(
        id: Int64, slug: String, title: String, summary: String?, language: Language, status: PracticeStatus,
        confidentiality: Confidentiality, organisation: String?, period: DatePeriod, territories: [String], themes: [String],
        snippet: String?, rank: Float
    ) {
        self.id = id
        self.slug = slug
        self.title = title
        self.summary = summary
        self.language = language
        self.status = status
        self.confidentiality = confidentiality
        self.organisation = organisation
        self.period = period
        self.territories = territories
        self.themes = themes
        self.snippet = snippet
        self.rank = rank
    }
}

/// How many matching practices fall under one value of a facet.
public struct FacetCount: Sendable, Equatable, Codable {
    public var key: String
    public var label: String
    public var count: Int

    public init(key: String, label: String, count: Int) {
        self.key = key
        self.label = label
        self.count = count
    }
}

/// A page of results with the counts of the result set.
///
/// Counting stops past `PracticePage.exactCountBound` matches, so that a broad search costs
/// what a narrow one does: beyond it `total` is that bound and `totalIsExact` false ("more
/// than 10,000"), and the facets are counted over the first matches read, so each count is a
/// lower bound (`facetsAreExact` false).
public struct PracticePage: Sendable, Equatable {
    public var items: [PracticeSummary]
    public var total: Int
    public var totalIsExact: Bool
    public var facets: [String: [FacetCount]]
    public var facetsAreExact: Bool
    public var next: PracticeCursor?

    /// Up to this many matches are counted exactly.
    public static let exactCountBound = 10_000

    public init(
        items: [PracticeSummary], total: Int, totalIsExact: Bool = true, facets: [String: [FacetCount]], facetsAreExact: Bool = true,
        next: PracticeCursor?
    ) {
        self.items = items
        self.total = total
        self.totalIsExact = totalIsExact
        self.facets = facets
        self.facetsAreExact = facetsAreExact
        self.next = next
    }
}
