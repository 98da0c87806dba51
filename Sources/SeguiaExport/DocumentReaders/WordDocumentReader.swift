import Foundation
import SeguiaCore

/// Reads a Word (.docx, WordprocessingML) document into a `DocumentOutline`.
///
/// Paragraph styles decide headings (Title, Heading 1–9 and their translations, or the outline
/// level a style or paragraph sets), numbered and list paragraphs become items, table rows
/// become rows, footnotes, endnotes and comments are kept as notes after the paragraph that
/// refers to them, the core properties become metadata. Deleted tracked changes, field codes,
/// tables of contents and the fallback copies of drawings are left out.
public enum WordDocumentReader {
    static let kind = "Word document"

    public static func outline(_ data: Data) throws -> DocumentOutline {
        let archive = try OfficeArchive(data, kind: kind)
        return try outline(archive)
    }

    static func outline(_ archive: OfficeArchive) throws -> DocumentOutline {
        let mainPath = try mainDocumentPath(archive)
        guard let document = try archive.part(mainPath, kind: kind) else {
            throw DocumentReadError.unreadable("the \(kind) has no main part (\(mainPath))")
        }
        let folder = mainPath.split(separator: "/").dropLast().joined(separator: "/")
        func sibling(_ name: String) -> String { folder.isEmpty ? name : folder + "/" + name }

        let styles = WordStyles()
        if let data = try archive.part(sibling("styles.xml"), kind: kind) { try XMLEvents.read(data, into: styles, kind: kind) }
        let notes = WordNotes()
        for name in ["footnotes.xml", "endnotes.xml", "comments.xml"] {
            if let data = try archive.part(sibling(name), kind: kind) { try XMLEvents.read(data, into: notes, kind: kind) }
        }
        let body = WordBody(styles: styles.resolved(), notes: notes)
        try XMLEvents.read(document, into: body, kind: kind)
        var metadata: [DocumentOutline.MetadataField] = []
        if let core = try archive.part("docProps/core.xml", kind: kind) {
            let properties = CoreProperties()
            try XMLEvents.read(core, into: properties, kind: kind)
            metadata = properties.fields
        }
        return DocumentOutline(blocks: body.blocks, metadata: metadata)
    }

    /// The main part named by the package relationships (usually `word/document.xml`).
    private static func mainDocumentPath(_ archive: OfficeArchive) throws -> String {
        if let relationships = try archive.part("_rels/.rels", kind: kind) {
            let reader = PackageRelationships()
            try XMLEvents.read(relationships, into: reader, kind: kind)
            if let target = reader.officeDocument {
                return target.hasPrefix("/") ? String(target.dropFirst()) : target
            }
        }
        return "word/document.xml"
    }
}

/// `_rels/.rels`: the target of the officeDocument relationship.
final class PackageRelationships: XMLEventHandler {
    var officeDocument: String?

    func start(_ name: String, namespace: String?, attributes: [String: String]) {
        if name == "Relationship", attributes["Type"]?.hasSuffix("/officeDocument") == true, officeDocument == nil {
            officeDocument = attributes["Target"]
        }
    }

    func end(_ name: String, namespace: String?) {}
    func text(_ text: String) {}
}

/// `styles.xml`: each paragraph style's name, parent, outline level, numbering and boldness.
final class WordStyles: XMLEventHandler {
    struct Style {
        var name: String?
        var basedOn: String?
        var outlineLevel: Int?
        var numbered = false
        var bold: Bool?
    }

    /// What a paragraph of a style is, with its parents' settings applied.
    struct Resolved {
        var headingLevel: Int?
        var isQuote = false
        var isList = false
        var isTableOfContents = false
        var bold = false
    }

    private var styles: [String: Style] = [:]
    private var current: String?
    private var inParagraphProperties = false
    private var inRunProperties = false

    func start(_ name: String, namespace: String?, attributes: [String: String]) {
        switch name {
        case "style":
            current = attributes["type"] == "paragraph" || attributes["type"] == nil ? attributes["styleId"] : nil
            if let current { styles[current] = Style() }
        case "name": if let current { styles[current]?.name = attributes["val"] }
        case "basedOn": if let current { styles[current]?.basedOn = attributes["val"] }
        case "pPr": inParagraphProperties = true
        case "rPr": inRunProperties = true
        case "outlineLvl": if let current, inParagraphProperties { styles[current]?.outlineLevel = attributes["val"].flatMap(Int.init) }
        case "numPr": if let current, inParagraphProperties { styles[current]?.numbered = true }
        case "b": if let current, inRunProperties, !inParagraphProperties { styles[current]?.bold = WordBody.isOn(attributes["val"]) }
        default: break
        }
    }

    func end(_ name: String, namespace: String?) {
        switch name {
        case "style": current = nil
        case "pPr": inParagraphProperties = false
        case "rPr": inRunProperties = false
        default: break
        }
    }

    func text(_ text: String) {}

    func resolved() -> [String: Resolved] {
        var result: [String: Resolved] = [:]
        for id in styles.keys {
            var chain: [Style] = []
            var next: String? = id
            while let key = next, let style = styles[key], chain.count < 20 {
                chain.append(style)
                next = style.basedOn
            }
            var resolved = Resolved()
            let names = chain.compactMap(\.name) + [id]
            let own = chain.first?.name ?? id
            resolved.headingLevel = StyleNames.headingLevel(own) ?? StyleNames.headingLevel(id)
            if resolved.headingLevel == nil, let level = chain.lazy.compactMap(\.outlineLevel).first, level < 9 {
                resolved.headingLevel = level + 1
            }
            if resolved.headingLevel == nil { resolved.headingLevel = names.lazy.compactMap(StyleNames.headingLevel).first }
            resolved.isQuote = names.contains(where: StyleNames.isQuote)
            resolved.isList = chain.contains(where: \.numbered) || names.contains(where: StyleNames.isList)
            resolved.isTableOfContents = names.contains(where: StyleNames.isTableOfContents)
            resolved.bold = chain.lazy.compactMap(\.bold).first ?? false
            result[id] = resolved
        }
        return result
    }
}

/// `footnotes.xml`, `endnotes.xml`, `comments.xml`: the text of each note by kind and id.
final class WordNotes: XMLEventHandler {
    enum Kind: String { case footnote, endnote, comment }

    private(set) var texts: [String: String] = [:]
    private(set) var authors: [String: String] = [:]
    private var current: (Kind, String)?
    private var paragraphs: [String] = []
    private var paragraph = RunText()
    private var inText = false
    private var skipping = 0

    static func key(_ kind: Kind, _ id: String) -> String { "\(kind.rawValue):\(id)" }

    func start(_ name: String, namespace: String?, attributes: [String: String]) {
        if skipping > 0 || name == "delText" || name == "instrText" {
            skipping += 1
            return
        }
        switch name {
        case "footnote", "endnote", "comment":
            let kind = Kind(rawValue: name)!
            // Separators are the line above the notes, not a note.
            guard attributes["type"] == nil || attributes["type"] == "normal", let id = attributes["id"] else { return }
            current = (kind, id)
            if kind == .comment, let author = attributes["author"] { authors[Self.key(kind, id)] = author }
            paragraphs = []
        case "p": paragraph = RunText()
        case "t": inText = true
        case "tab": paragraph.append(" ", bold: false)
        case "br", "cr": paragraph.lineBreak()
        default: break
        }
    }

    func end(_ name: String, namespace: String?) {
        if skipping > 0 {
            skipping -= 1
            return
        }
        switch name {
        case "t": inText = false
        case "p": if !paragraph.singleLine.isEmpty { paragraphs.append(paragraph.singleLine) }
        case "footnote", "endnote", "comment":
            if let (kind, id) = current { texts[Self.key(kind, id)] = paragraphs.joined(separator: " ") }
            current = nil
        default: break
        }
    }

    func text(_ text: String) {
        if inText, skipping == 0, current != nil { paragraph.append(text, bold: false) }
    }
}

/// `docProps/core.xml`: title, subject, description, creator and creation date.
final class CoreProperties: XMLEventHandler {
    private(set) var fields: [DocumentOutline.MetadataField] = []
    private var current: (String, MetadataKey)?
    private var value = ""
    private static let keys: [String: MetadataKey] = [
        "title": .title, "subject": .subject, "description": .description, "creator": .author, "initial-creator": .author,
        "created": .date, "creation-date": .date,
    ]

    func start(_ name: String, namespace: String?, attributes: [String: String]) {
        if let key = Self.keys[name] {
            current = (name, key)
            value = ""
        }
    }

    func end(_ name: String, namespace: String?) {
        guard let (label, key) = current, label == name else { return }
        var text = value.trimmingCharacters(in: .whitespacesAndNewlines)
        // Dates are kept to the day: "2024-03-05T10:00:00Z" → "2024-03-05".
        if key == .date, text.count > 10, text.dropFirst(4).first == "-" { text = String(text.prefix(10)) }
        let duplicate = fields.contains { $0.key == key && $0.value == text }
        if !text.isEmpty, !duplicate { fields.append(.init(label: label, key: key, value: text)) }
        current = nil
    }

    func text(_ text: String) {
        if current != nil { value += text }
    }
}
