import Foundation
import SeguiaCore

/// Reads an OpenDocument text (.odt) into a `DocumentOutline`: `text:h` and heading or title
/// styles are headings, list items are items, table rows are rows, footnotes and annotations
/// are notes after their paragraph, `meta.xml` gives the metadata. Tracked deletions and tables
/// of contents are left out.
public enum OpenDocumentReader {
    static let kind = "OpenDocument text"
    static let mediaType = "application/vnd.oasis.opendocument.text"

    public static func outline(_ data: Data) throws -> DocumentOutline {
        try outline(OfficeArchive(data, kind: kind))
    }

    static func outline(_ archive: OfficeArchive) throws -> DocumentOutline {
        guard let content = try archive.part("content.xml", kind: kind) else {
            throw DocumentReadError.unreadable("the \(kind) has no content.xml")
        }
        let styles = OpenDocumentStyles()
        if let data = try archive.part("styles.xml", kind: kind) { try XMLEvents.read(data, into: styles, kind: kind) }
        // Automatic styles of content.xml come first in it: the same reader gathers them as it goes.
        let body = OpenDocumentBody(styles: styles)
        try XMLEvents.read(content, into: body, kind: kind)
        var metadata: [DocumentOutline.MetadataField] = []
        if let meta = try archive.part("meta.xml", kind: kind) {
            let properties = CoreProperties()
            try XMLEvents.read(meta, into: properties, kind: kind)
            metadata = properties.fields
        }
        return DocumentOutline(blocks: body.blocks, metadata: metadata)
    }
}

/// Paragraph and text styles: parent, display name, outline level, boldness.
class OpenDocumentStyles: XMLEventHandler {
    struct Style {
        var parent: String?
        var displayName: String?
        var outlineLevel: Int?
        var bold: Bool?
    }

    private(set) var styles: [String: Style] = [:]
    private var current: String?

    func start(_ name: String, namespace: String?, attributes: [String: String]) {
        switch name {
        case "style":
            guard let styleName = attributes["name"] else { return }
            current = styleName
            styles[styleName] = Style(
                parent: attributes["parent-style-name"], displayName: attributes["display-name"],
                outlineLevel: attributes["default-outline-level"].flatMap(Int.init))
        case "text-properties":
            if let current, let weight = attributes["font-weight"] { styles[current]?.bold = weight == "bold" || (Int(weight) ?? 400) >= 600 }
        default: break
        }
    }

    func end(_ name: String, namespace: String?) {
        if name == "style" { current = nil }
    }

    func text(_ text: String) {}

    /// The style and its parents, nearest first.
    func chain(_ name: String?) -> [(String, Style)] {
        var chain: [(String, Style)] = []
        var next = name
        while let key = next, let style = styles[key], chain.count < 20 {
            chain.append((key, style))
            next = style.parent
        }
        return chain
    }

    func headingLevel(_ name: String?) -> Int? {
        for (key, style) in chain(name) {
            if let level = StyleNames.headingLevel(style.displayName ?? key) ?? StyleNames.headingLevel(key) { return level }
            if let level = style.outlineLevel { return level }
        }
        return nil
    }

    func matches(_ name: String?, _ rule: (String) -> Bool) -> Bool {
        chain(name).contains { key, style in rule(key.replacingOccurrences(of: "_20_", with: " ")) || style.displayName.map(rule) == true }
    }

    func isBold(_ name: String?) -> Bool {
        chain(name).lazy.compactMap(\.1.bold).first ?? false
    }
}

/// `content.xml`'s body, with its automatic styles read first.
final class OpenDocumentBody: OpenDocumentStyles {
    private struct Paragraph {
        var style: String?
        var headingLevel: Int?
        var text = RunText()
        var notes: [String] = []
    }

    private let named: OpenDocumentStyles
    private(set) var blocks: [DocumentOutline.Block] = []
    private var paragraphs: [Paragraph] = []
    private var spanStyles: [String?] = []
    private var listDepth = 0
    private var tableDepth = 0
    private var row: [String] = []
    private var cell: [String] = []
    private var rowNotes: [String] = []
    private var skipping = 0
    /// Inside a footnote or an annotation: its text goes to `note`, not to the paragraph.
    private var note: (citation: String, text: [String], annotation: Bool, inCitation: Bool)?
    private var noteText = RunText()
    private var inAnnotationCreator = false
    private var annotationCreator = ""

    private static let skippedElements: Set<String> = ["tracked-changes", "table-of-content", "illustration-index", "alphabetical-index", "bibliography"]

    init(styles: OpenDocumentStyles) {
        named = styles
    }

    override func start(_ name: String, namespace: String?, attributes: [String: String]) {
        if skipping > 0 || Self.skippedElements.contains(name) {
            skipping += 1
            return
        }
        super.start(name, namespace: namespace, attributes: attributes)
        switch name {
        case "note":
            note = (citation: "", text: [], annotation: false, inCitation: false)
        case "note-citation":
            note?.inCitation = true
        case "annotation":
            note = (citation: "", text: [], annotation: true, inCitation: false)
            annotationCreator = ""
        case "creator" where note?.annotation == true:
            inAnnotationCreator = true
        case "p", "h":
            if note != nil {
                noteText = RunText()
                return
            }
            var paragraph = Paragraph(style: attributes["style-name"])
            if name == "h" { paragraph.headingLevel = attributes["outline-level"].flatMap(Int.init) ?? 1 }
            paragraphs.append(paragraph)
        case "span": spanStyles.append(attributes["style-name"])
        case "s": append(String(repeating: " ", count: max(1, attributes["c"].flatMap(Int.init) ?? 1)))
        case "tab": append(" ")
        case "line-break": if note == nil, !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].text.lineBreak() }
        case "list": listDepth += 1
        case "table": tableDepth += 1
        case "table-row": if tableDepth == 1 { row = [] }
        case "table-cell": if tableDepth == 1 { cell = [] }
        default: break
        }
    }

    override func end(_ name: String, namespace: String?) {
        if skipping > 0 {
            skipping -= 1
            return
        }
        super.end(name, namespace: namespace)
        switch name {
        case "note-citation": note?.inCitation = false
        case "creator": inAnnotationCreator = false
        case "note", "annotation":
            guard let finished = note else { return }
            note = nil
            let body = finished.text.joined(separator: " ")
            guard !body.isEmpty, !paragraphs.isEmpty else { return }
            let marker = finished.annotation ? "[comment\(annotationCreator.isEmpty ? "" : " (\(annotationCreator))")]" : "[\(finished.citation)]"
            if !finished.annotation { append(marker) }
            paragraphs[paragraphs.count - 1].notes.append("\(marker) \(body)")
        case "p", "h":
            if note != nil {
                if !noteText.singleLine.isEmpty { note?.text.append(noteText.singleLine) }
                return
            }
            if let paragraph = paragraphs.popLast() { finish(paragraph) }
        case "span": _ = spanStyles.popLast()
        case "list": listDepth -= 1
        case "table-cell": if tableDepth == 1 { row.append(cell.joined(separator: " ")) }
        case "table-row":
            if tableDepth == 1 {
                if row.contains(where: { !$0.isEmpty }) { blocks.append(.row(row)) }
                blocks += rowNotes.map { .note($0) }
                rowNotes = []
            }
        case "table": tableDepth -= 1
        default: break
        }
    }

    override func text(_ text: String) {
        guard skipping == 0 else { return }
        if inAnnotationCreator {
            annotationCreator += text
        } else if let current = note {
            if current.inCitation { note?.citation += text } else if !current.annotation || !inAnnotationCreator { noteText.append(text, bold: false) }
        } else {
            append(text)
        }
    }

    private func isBold(paragraphStyle: String?) -> Bool {
        if let span = spanStyles.last(where: { $0 != nil }) ?? nil, let bold = boldSetting(span) { return bold }
        return boldSetting(paragraphStyle) ?? false
    }

    private func boldSetting(_ style: String?) -> Bool? {
        if let own = chain(style).lazy.compactMap(\.1.bold).first { return own }
        // An automatic style's parent is a named style of styles.xml.
        let parent = chain(style).last?.1.parent ?? style
        return named.chain(parent).lazy.compactMap(\.1.bold).first
    }

    private func append(_ piece: String) {
        guard note == nil, !paragraphs.isEmpty else { return }
        let index = paragraphs.count - 1
        paragraphs[index].text.append(piece, bold: isBold(paragraphStyle: paragraphs[index].style))
    }

    /// A style's parents across both files: automatic styles here, named ones in styles.xml.
    private func resolvedNames(_ style: String?) -> (level: Int?, quote: Bool, contents: Bool) {
        let automatic = chain(style)
        let namedStart = automatic.last?.1.parent ?? style
        let level = headingLevel(style) ?? named.headingLevel(namedStart)
        let quote = matches(style, StyleNames.isQuote) || named.matches(namedStart, StyleNames.isQuote)
        let contents = matches(style, StyleNames.isTableOfContents) || named.matches(namedStart, StyleNames.isTableOfContents)
        return (level, quote, contents)
    }

    private func finish(_ paragraph: Paragraph) {
        let style = resolvedNames(paragraph.style)
        if style.contents { return }
        if tableDepth > 0 {
            let text = paragraph.text.singleLine
            if !text.isEmpty { cell.append(text) }
            rowNotes += paragraph.notes
            return
        }
        let lines = paragraph.text.lines
        if !lines.isEmpty {
            if let level = paragraph.headingLevel ?? style.level {
                blocks.append(.heading(level: level, text: lines.joined(separator: " ").replacing(#/\s*\[\d+\]/#, with: "")))
            } else if listDepth > 0 {
                blocks.append(.item(lines.joined(separator: " ")))
            } else if style.quote {
                blocks.append(.quote(lines: lines))
            } else {
                blocks.append(.paragraph(lines: lines, emphasised: paragraph.text.allBold && paragraph.text.hasVisibleText))
            }
        }
        blocks += paragraph.notes.map { .note($0) }
    }
}
