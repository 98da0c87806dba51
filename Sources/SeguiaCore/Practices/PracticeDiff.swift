/// What changed between two revisions of a sheet, word by word, field by field: only what
/// differs, each section matched to its counterpart by key, each language on its own.
public enum PracticeDiff {
    public struct Change: Sendable, Equatable {
        /// `title`, `summary`, `translations.en.title`, `sections.levers.title`, `sections.levers.fr`…
        public var field: String
        public var section: SectionKey?
        public var language: String?
        public var segments: [WordDiff.Segment]
    }

    public static func changes(from old: PracticeContent, to new: PracticeContent) -> [Change] {
        var changes: [Change] = []
        func compare(_ field: String, _ before: String?, _ after: String?, section: SectionKey? = nil, language: String? = nil) {
            let (before, after) = (before ?? "", after ?? "")
            guard before != after else { return }
            changes.append(Change(field: field, section: section, language: language, segments: WordDiff.diff(before, after)))
        }
        compare("title", old.title, new.title)
        compare("summary", old.summary, new.summary)
        for code in Set(old.translations.keys).union(new.translations.keys).sorted() {
            compare("translations.\(code).title", old.translations[code]?.title, new.translations[code]?.title, language: code)
            compare("translations.\(code).summary", old.translations[code]?.summary, new.translations[code]?.summary, language: code)
        }
        compare("status", old.status.rawValue, new.status.rawValue)
        compare("confidentiality", old.confidentiality.rawValue, new.confidentiality.rawValue)
        compare("organisation", old.organisation, new.organisation)
        compare("period", old.period.spanText, new.period.spanText)
        compare("source", old.source, new.source)
        compare("territories", links(old.territories.map { ($0.code, $0.role.rawValue) }), links(new.territories.map { ($0.code, $0.role.rawValue) }))
        compare("organisations", links(old.organisations.map { ($0.code, $0.role) }), links(new.organisations.map { ($0.code, $0.role) }))
        compare("themes", old.themes.joined(separator: ", "), new.themes.joined(separator: ", "))

        let before = keyed(old.sections)
        let after = keyed(new.sections)
        var order = after.map(\.name)
        for entry in before where !order.contains(entry.name) { order.append(entry.name) }
        for name in order {
            let was = before.first { $0.name == name }?.section
            let now = after.first { $0.name == name }?.section
            let key = (now ?? was)?.key
            compare("sections.\(name).title", was?.title, now?.title, section: key)
            let languages = Set((was?.texts.keys).map(Array.init) ?? []).union((now?.texts.keys).map(Array.init) ?? []).sorted()
            for language in languages {
                compare("sections.\(name).\(language).title", was?.texts[language]?.title, now?.texts[language]?.title, section: key, language: language)
                compare("sections.\(name).\(language)", was?.texts[language].map(text), now?.texts[language].map(text), section: key, language: language)
            }
        }
        return changes
    }

    /// A section's text as read: paragraphs, then its items and quotes one a line.
    static func text(_ section: PracticeContent.SectionText) -> String {
        var lines = [section.text]
        lines += section.items.map { "• " + $0 }
        lines += section.quotes.map { quote in "« \(quote.text) »" + (quote.speaker.map { " — " + $0 } ?? "") }
        return lines.filter { !$0.isEmpty }.joined(separator: "\n")
    }

    private static func links(_ links: [(String, String?)]) -> String {
        links.map { code, role in role.map { "\(code) (\($0))" } ?? code }.joined(separator: ", ")
    }

    /// Sections named by key, a second section of the same key as `key#2`.
    private static func keyed(_ sections: [PracticeContent.Section]) -> [(name: String, section: PracticeContent.Section)] {
        var seen: [SectionKey: Int] = [:]
        return sections.map { section in
            seen[section.key, default: 0] += 1
            let count = seen[section.key] ?? 1
            return (count == 1 ? section.key.rawValue : "\(section.key.rawValue)#\(count)", section)
        }
    }
}
