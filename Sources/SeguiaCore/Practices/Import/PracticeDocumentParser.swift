import Foundation

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
