/// The stable keys of the parts of a capitalisation sheet, in their usual order.
public enum SectionKey: String, CaseIterable, Sendable, Codable {
    case contextNeed = "context_need"
    case interest
    case targets
    case objectives
    case approach
    case results
    case calendar
    case resources
    case actors
    case tools
    case levers
    case limits
    case lessons
    case recommendations
    case perspectives
    case quotes
    /// Anything not recognised, kept in document order.
    case other
}

/// A testimony quoted in a sheet, with who speaks when the sheet says so ("collectivité").
public struct Quote: Equatable, Sendable, Codable {
    public var text: String
    public var speaker: String?

    public init(text: String, speaker: String? = nil) {
        self.text = text
        self.speaker = speaker
    }
}

/// One part of a sheet: its key, its heading as written, its running text, list items and quotes.
public struct PracticeSection: Equatable, Sendable, Codable {
    public var key: SectionKey
    public var title: String?
    public var text: String
    public var items: [String]
    public var quotes: [Quote]

    public init(key: SectionKey, title: String? = nil, text: String = "", items: [String] = [], quotes: [Quote] = []) {
        self.key = key
        self.title = title
        self.text = text
        self.items = items
        self.quotes = quotes
    }

    public var isEmpty: Bool { text.isEmpty && items.isEmpty && quotes.isEmpty }
}

/// Where a practice stands in its editorial life.
public enum PracticeStatus: String, CaseIterable, Sendable, Codable {
    case draft
    case inReview = "in_review"
    case published
    case archived
}

/// Who may read a practice.
public enum Confidentiality: String, CaseIterable, Sendable, Codable {
    case `public`
    case partners
    case `private`
}

/// What a territory is to a practice.
public enum TerritoryRole: String, CaseIterable, Sendable, Codable {
    case lead, partner, beneficiary
}
