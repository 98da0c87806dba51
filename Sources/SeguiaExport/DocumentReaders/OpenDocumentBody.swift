import Foundation
import SeguiaCore

/// `content.xml`'s body, with its automatic styles read first.
final class OpenDocumentBody: OpenDocumentStyles {
    private struct Paragraph {
        var style: String?
        var headingLevel: Int?
        var text = RunText()
        var notes: [String] = []
    }

    private let named: OpenDocumentStyles
    private var collector = OutlineCollector()
    var blocks: [DocumentOutline.Block] { collector.blocks }
    private var paragraphs: [Paragraph] = []
    private var spanStyles: [String?] = []
    private var listDepth = 0
    private var skipped = SkippedElements(["tracked-changes", "table-of-content", "illustration-index", "alphabetical-index", "bibliography"])
    /// Inside a footnote or an annotation: its text goes to `note`, not to the paragraph.
    private var note: (citation: String, text: [String], annotation: Bool, inCitation: Bool)?
    private var noteText = RunText()
    private var inAnnotationCreator = false
    private var annotationCreator = ""

    init(styles: OpenDocumentStyles) {
        named = styles
    }

    override func start(_ name: String, namespace: String?, attributes: [String: String]) {
        if skipped.enter(name) { return }
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
        case "table": collector.startTable()
        case "table-row": collector.startRow()
        case "table-cell": collector.startCell()
        default: break
        }
    }

    override func end(_ name: String, namespace: String?) {
        if skipped.leave() { return }
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
        case "table-cell": collector.endCell()
        case "table-row": collector.endRow()
        case "table": collector.endTable()
        default: break
        }
    }

    override func text(_ text: String) {
        guard !skipped.isSkipping else { return }
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
        let kind: OutlineCollector.Kind
        if let level = paragraph.headingLevel ?? style.level {
            kind = .heading(level)
        } else if listDepth > 0 {
            kind = .item
        } else if style.quote {
            kind = .quote
        } else {
            kind = .paragraph
        }
        collector.paragraph(paragraph.text, kind: kind, notes: paragraph.notes)
    }
}
