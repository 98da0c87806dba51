import Foundation

/// A practice as a reader gets it in one language: headings, notices and texts already chosen
/// (the translation where there is one, the original said so where not). What the page and
/// the Markdown download both show.
public struct PracticeSheet: Sendable, Equatable {
    public struct Fact: Sendable, Equatable {
        /// What the fact is (`territories`, `period`…), whatever its label's language.
        public var key: String
        public var label: String
        public var values: [String]

        public init(key: String = "", label: String, values: [String]) {
            self.key = key
            self.label = label
            self.values = values
        }
    }

    public struct Section: Sendable, Equatable {
        public var key: SectionKey
        public var heading: String
        /// The language of the heading, and of the text.
        public var headingLanguage: Language
        public var language: Language
        /// « Translation not available — original text in French. », or the translation's status.
        public var notice: String?
        public var paragraphs: [String]
        public var items: [String]
        public var quotes: [Quote]

        public init(
            key: SectionKey, heading: String, headingLanguage: Language, language: Language, notice: String?, paragraphs: [String], items: [String],
            quotes: [Quote]
        ) {
            self.key = key
            self.heading = heading
            self.headingLanguage = headingLanguage
            self.language = language
            self.notice = notice
            self.paragraphs = paragraphs
            self.items = items
            self.quotes = quotes
        }
    }

    public var title: String
    public var summary: String?
    public var language: Language
    public var facts: [Fact]
    public var sections: [Section]

    public init(title: String, summary: String?, language: Language, facts: [Fact], sections: [Section]) {
        self.title = title
        self.summary = summary
        self.language = language
        self.facts = facts
        self.sections = sections
    }
}
