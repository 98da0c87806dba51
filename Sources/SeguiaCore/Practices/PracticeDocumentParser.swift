import Foundation

/// A capitalisation sheet read from a document, before anyone reviews it.
public struct ImportedPractice: Equatable, Sendable {
    public var title: String?
    /// The first paragraph under « Chapeau », "Summary"…, else the first substantial paragraph before the first part.
    public var summary: String?
    /// The name written after "Pratique déployée par" / "Practice deployed by", if any.
    public var deployedBy: String?
    /// Every part of the document in order, each with its heading as written.
    public var sections: [PracticeSection]
    /// Front matter, leading `label: value` lines and document properties.
    public var metadata: [DocumentOutline.MetadataField]
    /// The period the document states (metadata, calendar, title, summary, opening text), if any.
    public var period: StatedPeriod?
    /// Labels read as structure and not kept as text (« Source », « Résumé », « Fiche de capitalisation »).
    public var labels: [String]

    public init(
        title: String? = nil, summary: String? = nil, deployedBy: String? = nil, sections: [PracticeSection] = [],
        metadata: [DocumentOutline.MetadataField] = [], period: StatedPeriod? = nil, labels: [String] = []
    ) {
        self.title = title
        self.summary = summary
        self.deployedBy = deployedBy
        self.sections = sections
        self.metadata = metadata
        self.period = period
        self.labels = labels
    }

    /// The first metadata value given for `key`.
    public func metadata(_ key: MetadataKey) -> String? {
        metadata.first { $0.key == key }?.value
    }
}

/// Turns a document into the parts of a sheet.
///
/// A heading is what the document marks as one (Markdown `#`, a heading style), or a short line
/// opening a block — no final sentence punctuation, not a bullet, not a `label : value` line —
/// with text under it, with or without a blank line between. Headings the vocabulary knows get
/// their part's key; others start `other` sections that keep their title. Bullets become items,
/// paragraphs made only of quoted testimonies become quotes with who speaks. The title, summary
/// and "deployed by" are taken out of the text, so nothing is written twice.
public enum PracticeDocumentParser {
    public static func parse(_ document: String, vocabulary: ImportVocabulary = .standard) -> ImportedPractice {
        parse(PlainTextReader.outline(document, vocabulary: vocabulary), vocabulary: vocabulary)
    }

    public static func parse(_ outline: DocumentOutline, vocabulary: ImportVocabulary = .standard) -> ImportedPractice {
        let marked = outline.blocks.filter { if case .heading(let level, _) = $0 { level >= 1 } else { false } }.count
        var builder = OutlineBuilder(vocabulary: vocabulary, metadata: outline.metadata, marksHeadings: marked >= 2)
        for (index, block) in outline.blocks.enumerated() {
            builder.consume(block, next: index + 1 < outline.blocks.count ? outline.blocks[index + 1] : nil)
        }
        return builder.finish()
    }

    /// The part a heading names, or `nil` when it names none.
    public static func sectionKey(forHeading heading: String) -> SectionKey? {
        ImportVocabulary.standard.sectionKey(forHeading: heading)
    }
}

/// Rules on single lines: what may be a heading, a title, a label.
enum LineShape {
    /// Longest unrecognised heading, in words and characters (bold lines may be longer).
    static let headingWords = 9
    static let headingCharacters = 80

    static func wordCount(_ line: String) -> Int {
        line.split(whereSeparator: { $0 == " " }).count
    }

    /// Short, not a sentence, not a bullet, not a quotation, not a link.
    static func mayBeHeading(_ line: String) -> Bool {
        guard line.count <= 150, let first = line.first, let last = line.last, PlainTextReader.listItem(line) == nil,
            !PlainTextReader.isURL(line)
        else { return false }
        if "«“\"„‹([{'’".contains(first) { return false }
        // A line opening on a vowel mark is the broken-off end of a word (PDF text of Arabic).
        if line.unicodeScalars.first?.properties.generalCategory == .nonspacingMark { return false }
        if first.isLetter, first.isLowercase { return false }
        return !".;,!،؛…".contains(last) && !(last == ":" && line.count < 2)
    }

    static func endsWithColon(_ line: String) -> Bool {
        line.hasSuffix(":")
    }

    static func startsLowercase(_ line: String) -> Bool {
        guard let first = line.first(where: { $0.isLetter || $0.isNumber }) else { return false }
        return first.isLetter && first.isLowercase
    }

    /// Ends like a sentence.
    static func endsSentence(_ line: String) -> Bool {
        guard let last = line.last else { return false }
        return ".!?…;:»\"”)".contains(last) || "؟.".contains(last)
    }
}
