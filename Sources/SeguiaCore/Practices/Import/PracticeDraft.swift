import Foundation

/// An imported document made into the content of a draft practice, with what the importer
/// could not fit said as warnings: saving a draft never fails on what the importer guessed.
public struct PracticeDraft: Sendable, Equatable {
    /// Something the importer guessed or changed, for the editor to check: the field and what of it.
    public typealias Warning = FieldIssue

    /// Codes the importer found named in the document, most mentioned first.
    public struct Proposals: Sendable, Equatable {
        public var territories: [TextMatcher.Match]
        public var organisations: [TextMatcher.Match]
        public var themes: [TextMatcher.Match]
        /// The organisation named after "Pratique déployée par", when the directory knows it.
        public var deployingOrganisation: String?

        public init(
            territories: [TextMatcher.Match] = [], organisations: [TextMatcher.Match] = [], themes: [TextMatcher.Match] = [],
            deployingOrganisation: String? = nil
        ) {
            self.territories = territories
            self.organisations = organisations
            self.themes = themes
            self.deployingOrganisation = deployingOrganisation
        }
    }

    public static let maximumTitleLength = 300
    /// Title used when the document gives none at all.
    public static let untitled = "Pratique importée"

    public var content: PracticeContent
    public var warnings: [Warning]

    public init(_ imported: ImportedPractice, language: Language, proposals: Proposals) {
        var warnings: [Warning] = []
        let title = Self.title(of: imported, warnings: &warnings)
        content = PracticeContent(
            slug: Slug.from(title), title: title, summary: imported.summary, language: language,
            organisation: proposals.deployingOrganisation, period: imported.period?.period ?? DatePeriod(),
            status: .draft, source: Self.source(imported.metadata),
            territories: proposals.territories.map { PracticeContent.TerritoryLink(code: $0.code, role: .partner) },
            organisations: proposals.organisations.map { PracticeContent.OrganisationLink(code: $0.code) },
            themes: proposals.themes.map(\.code),
            sections: imported.sections.map { section in
                PracticeContent.Section(
                    key: section.key, title: section.title,
                    texts: [language.rawValue: .init(text: section.text, items: section.items, quotes: section.quotes)])
            })
        if let deployedBy = imported.deployedBy, proposals.deployingOrganisation == nil {
            warnings.append(Warning(field: "organisation", reason: "« \(deployedBy) » deploys the practice, but no organisation of the directory has that name: choose one"))
        }
        for territory in proposals.territories where territory.mentions == 1 {
            warnings.append(Warning(field: "territories", reason: "\(territory.code) is named only once in the document: check that the practice concerns it"))
        }
        if let period = imported.period {
            warnings.append(Warning(field: "period", reason: "read from « \(period.text) »: check it is the practice's own period"))
        }
        self.warnings = warnings
    }

    /// The document's title, or its first sentence, cut to the limit at a word.
    private static func title(of imported: ImportedPractice, warnings: inout [Warning]) -> String {
        var title = imported.title?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        if title.isEmpty {
            let opening = imported.summary ?? imported.sections.lazy.map(\.text).first { !$0.isEmpty } ?? ""
            let sentence = opening.split(whereSeparator: { ".!?؟\n".contains($0) }).first.map(String.init) ?? ""
            title = cut(sentence.trimmingCharacters(in: .whitespaces), to: 120)
            if title.isEmpty {
                warnings.append(Warning(field: "title", reason: "the document has no title: « \(untitled) » was set"))
                return untitled
            }
            warnings.append(Warning(field: "title", reason: "the document has no title: its first sentence was taken"))
            return title
        }
        if title.unicodeScalars.count > maximumTitleLength {
            warnings.append(Warning(
                field: "title",
                reason: "the title found was \(title.unicodeScalars.count) characters long; it was cut to \(maximumTitleLength)"))
            title = cut(title, to: maximumTitleLength)
        }
        return title
    }

    /// At most `limit` code points (what PostgreSQL's `length` counts: an Arabic letter and its
    /// vowel marks are several), ending at a word with an ellipsis when cut.
    static func cut(_ text: String, to limit: Int) -> String {
        guard text.unicodeScalars.count > limit else { return text }
        var scalars = 0
        let head = text.prefix { character in
            scalars += character.unicodeScalars.count
            return scalars <= limit - 1
        }
        let atWord = head.lastIndex(of: " ").map { head[..<$0] } ?? head
        return atWord.trimmingCharacters(in: CharacterSet(charactersIn: " ,;:–—-")) + "…"
    }

    /// Who wrote it, where it was published, when, its address and note, as one citation.
    static func source(_ metadata: [DocumentOutline.MetadataField]) -> String? {
        var parts: [String] = []
        for key in [MetadataKey.author, .source, .date, .url, .note] {
            for field in metadata where field.key == key {
                let value = field.value.trimmingCharacters(in: .whitespaces)
                if !value.isEmpty, !parts.contains(where: { $0.contains(value) }) { parts.append(value) }
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " — ")
    }

    /// The language a document declares ("fr", "Français", "English", "العربية"), if it is one of Seguia's.
    public static func declaredLanguage(_ value: String?) -> Language? {
        guard let value else { return nil }
        // The article is dropped from Arabic words: « العربية » is looked up as « عربيه ».
        let word = ImportVocabulary.words(value).first ?? ""
        let names: [String: Language] = [
            "fr": .fr, "fra": .fr, "fre": .fr, "francais": .fr, "french": .fr, "فرنسيه": .fr,
            "en": .en, "eng": .en, "anglais": .en, "english": .en, "انجليزيه": .en, "انكليزيه": .en,
            "ar": .ar, "ara": .ar, "arabe": .ar, "arabic": .ar, "عربيه": .ar,
        ]
        return names[word] ?? names[String(word.prefix(2))]
    }
}
