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
