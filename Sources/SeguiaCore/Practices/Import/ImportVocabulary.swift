import Foundation

/// The words the importer reads documents with: part headings, metadata labels, summary
/// headings, quote verbs. Kept in `Resources/vocabulary/{fr,en,ar}.txt`, one file per language
/// that anyone can extend (the file's own header says how).
public struct ImportVocabulary: Sendable {
    /// What a vocabulary phrase names.
    public enum Meaning: Hashable, Sendable {
        case section(SectionKey)
        case summary
        case metadata(MetadataKey)
        case documentLabel
        case deployedBy
        case quoteVerb
        case leadingWord
    }

    /// One phrase of a file, where it was written.
    public struct Entry: Sendable, Equatable {
        public var phrase: String
        public var meaning: Meaning
        public var language: Language
        public var line: Int
    }

    public private(set) var entries: [Entry] = []
    /// Phrases as normalised word lists, longest first, with what they name, by their first word.
    private var headings: [String: [([String], Meaning)]] = [:]
    private var leadingWords: Set<String> = []
    private var labels: [String: Meaning] = [:]
    private var quoteVerbs: [[String]] = []

    /// The vocabulary shipped with Seguia.
    public static let standard: ImportVocabulary = {
        var entries: [Entry] = []
        for language in Language.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "txt", subdirectory: "vocabulary"),
                let text = try? String(contentsOf: url, encoding: .utf8)
            else {
                preconditionFailure("the import vocabulary vocabulary/\(language.rawValue).txt is missing from the resources")
            }
            do {
                entries += try parse(text, language: language)
            } catch {
                preconditionFailure("vocabulary/\(language.rawValue).txt: \(error)")
            }
        }
        return ImportVocabulary(entries: entries)
    }()

    public init(entries: [Entry]) {
        self.entries = entries
        for entry in entries where entry.meaning == .leadingWord {
            leadingWords.formUnion(Self.words(entry.phrase))
        }
        for entry in entries {
            let words = Self.words(entry.phrase)
            guard !words.isEmpty else { continue }
            switch entry.meaning {
            case .leadingWord: continue
            case .quoteVerb: quoteVerbs.append(words)
            case .metadata: labels[words.joined(separator: " ")] = entry.meaning
            case .documentLabel, .deployedBy, .section, .summary:
                // Phrases lose leading words and numbering as headings do, so both compare alike.
                let heading = headingWords(entry.phrase)
                if let first = heading.first { headings[first, default: []].append((heading, entry.meaning)) }
                if labels[words.joined(separator: " ")] == nil { labels[words.joined(separator: " ")] = entry.meaning }
            }
        }
        for key in headings.keys { headings[key]?.sort { $0.0.count > $1.0.count } }
        quoteVerbs.sort { $0.count > $1.count }
    }

    /// A file's entries: `[key]` lines open a block, other non-blank lines not starting with `#` are phrases.
    public static func parse(_ text: String, language: Language) throws -> [Entry] {
        var entries: [Entry] = []
        var meaning: Meaning?
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                let key = String(line.dropFirst().dropLast())
                guard let parsed = Meaning(key: key) else { throw VocabularyError(line: index + 1, message: "unknown key [\(key)]") }
                meaning = parsed
                continue
            }
            guard let meaning else { throw VocabularyError(line: index + 1, message: "a phrase before any [key]") }
            entries.append(Entry(phrase: line, meaning: meaning, language: language, line: index + 1))
        }
        return entries
    }

    /// What a heading names: the longest phrase its words start with, after leading words and numbering.
    public func meaning(ofHeading heading: String) -> Meaning? {
        let words = headingWords(heading)
        guard let first = words.first, words.count <= 12 else { return nil }
        return headings[first]?.first { words.starts(with: $0.0) }?.1
    }

    /// The part a heading names, or `nil`.
    public func sectionKey(forHeading heading: String) -> SectionKey? {
        if case .section(let key) = meaning(ofHeading: heading) { return key }
        return nil
    }

    /// Whether the whole heading is one phrase of the vocabulary, not just starts with one.
    public func isExactPhrase(_ heading: String) -> Bool {
        let words = headingWords(heading)
        guard let first = words.first else { return false }
        return headings[first]?.contains { $0.0 == words } == true
    }

    /// The meaning of a `label:` written before a value ("Source", "Auteur", "Pratique déployée par").
    public func meaning(ofLabel label: String) -> Meaning? {
        labels[Self.words(label).joined(separator: " ")]
    }

    /// The phrases of `meaning` as written in the files, longest first.
    public func phrases(_ meaning: Meaning) -> [String] {
        entries.filter { $0.meaning == meaning }.map(\.phrase).sorted { $0.count > $1.count }
    }

    /// The metadata key a label names ("Source", "Auteur", "url"), if any.
    public func metadataKey(forLabel label: String) -> MetadataKey? {
        if case .metadata(let key) = meaning(ofLabel: label) { return key }
        return MetadataKey(rawValue: label.lowercased())
    }

    /// The length in words of the quote verb `words` start with ("a déclaré", "said"), if any.
    func quoteVerbLength(_ words: [String]) -> Int? {
        quoteVerbs.first { words.starts(with: $0) }?.count
    }

    func headingWords(_ heading: String) -> [String] {
        var words = Self.words(heading)
        while let first = words.first, leadingWords.contains(first) || Self.isNumbering(first) {
            words.removeFirst()
        }
        return words
    }

    /// Roman numerals, digits and single letters that number a heading ("II", "3", "b").
    private static func isNumbering(_ word: String) -> Bool {
        if word.allSatisfy(\.isNumber) { return true }
        if word.count == 1, word.first?.isASCII == true { return true }
        return word.count <= 4 && word.allSatisfy { "ivxl".contains($0) }
    }

    /// Normalised words: `TextMatcher.normalise`d, French elisions and the Arabic article dropped.
    static func words(_ text: String) -> [String] {
        TextMatcher.normalise(text).split(separator: " ").compactMap { word -> String? in
            if ["l", "d", "qu", "s"].contains(word) { return nil }
            if word.hasPrefix("ال"), word.count > 3 { return String(word.dropFirst(2)) }
            return String(word)
        }
    }
}

/// A mistake in a vocabulary file.
public struct VocabularyError: Error, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

extension ImportVocabulary.Meaning {
    init?(key: String) {
        if key.hasPrefix("section:") {
            guard let section = SectionKey(rawValue: String(key.dropFirst("section:".count))), section != .other else { return nil }
            self = .section(section)
        } else if key.hasPrefix("metadata:") {
            guard let metadata = MetadataKey(rawValue: String(key.dropFirst("metadata:".count))) else { return nil }
            self = .metadata(metadata)
        } else {
            switch key {
            case "summary": self = .summary
            case "document_label": self = .documentLabel
            case "deployed_by": self = .deployedBy
            case "quote_verb": self = .quoteVerb
            case "leading_word": self = .leadingWord
            default: return nil
            }
        }
    }
}
