/// A document reduced to what the sheet parser reads: blocks of text in order, and its metadata.
///
/// Every reader (plain text and Markdown, Word, OpenDocument, PDF) produces one, so the same
/// structure rules apply to every format.
public struct DocumentOutline: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        /// A heading the document itself marks (Markdown `#`, a heading style); level 0 is a title style.
        case heading(level: Int, text: String)
        /// Lines of running text with no blank line between them; `emphasised` when its first line is all bold.
        case paragraph(lines: [String], emphasised: Bool)
        /// A list item.
        case item(String)
        /// A block quotation (Markdown `>`, a quotation style), line by line.
        case quote(lines: [String])
        /// One row of a table, cell by cell.
        case row([String])
        /// A footnote or a comment, with its marker, placed after the paragraph that refers to it.
        case note(String)
    }

    /// A `label: value` of the document's head, front matter or properties.
    public struct MetadataField: Sendable, Equatable, Codable {
        /// The label as written ("Source", "auteur", "dc:creator").
        public var label: String
        /// What the label means, when the vocabulary knows it.
        public var key: MetadataKey?
        public var value: String

        public init(label: String, key: MetadataKey?, value: String) {
            self.label = label
            self.key = key
            self.value = value
        }
    }

    public var blocks: [Block]
    public var metadata: [MetadataField]

    public init(blocks: [Block] = [], metadata: [MetadataField] = []) {
        self.blocks = blocks
        self.metadata = metadata
    }

    /// The first value given for `key`.
    public func metadata(_ key: MetadataKey) -> String? {
        metadata.first { $0.key == key }?.value
    }
}
