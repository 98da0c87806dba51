/// What a comparison shows, kept under a name to be rendered again with current data.
public struct ReportDefinition: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable, Codable {
        case indicators, practices
    }

    public var kind: Kind
    public var territories: [String]
    public var indicators: [String]
    public var themes: [String]
    public var fromYear: Int?
    public var toYear: Int?
    public var disaggregation: String
    public var layout: ComparisonLayout

    public init(
        kind: Kind, territories: [String], indicators: [String] = [], themes: [String] = [], fromYear: Int? = nil, toYear: Int? = nil,
        disaggregation: String = "total", layout: ComparisonLayout = .latest
    ) {
        self.kind = kind
        self.territories = territories
        self.indicators = indicators
        self.themes = themes
        self.fromYear = fromYear
        self.toYear = toYear
        self.disaggregation = disaggregation
        self.layout = layout
    }
}

public struct SavedReport: Sendable, Equatable {
    public var slug: String
    public var name: String
    public var definition: ReportDefinition
    public var createdBy: String

    public init(slug: String, name: String, definition: ReportDefinition, createdBy: String) {
        self.slug = slug
        self.name = name
        self.definition = definition
        self.createdBy = createdBy
    }
}
