import Foundation
import SeguiaCore

/// `word/document.xml`: paragraphs, lists, tables and note references, in document order.
final class WordBody: XMLEventHandler {
    private struct Paragraph {
        var style: String?
        var numbered = false
        var outlineLevel: Int?
        var text = RunText()
        var notes: [String] = []
    }

    private let styles: [String: WordStyles.Resolved]
    private let notes: WordNotes
    private var collector = OutlineCollector()
    var blocks: [DocumentOutline.Block] { collector.blocks }

    /// Open paragraphs; more than one inside text boxes.
    private var paragraphs: [Paragraph] = []
    private var inParagraphProperties = false
    private var inRunProperties = false
    private var runBold: Bool?
    private var inText = false
    /// Depth inside a part whose text is not the document's: deleted text, field codes, fallback copies, old properties.
    private var skipped = SkippedElements(["delText", "instrText", "Fallback", "moveFrom", "pPrChange", "rPrChange", "delInstrText"])
    private var noteNumbers: [String: Int] = [:]

    init(styles: [String: WordStyles.Resolved], notes: WordNotes) {
        self.styles = styles
        self.notes = notes
    }

    static func isOn(_ value: String?) -> Bool {
        guard let value else { return true }
        return !["0", "false", "off", "none"].contains(value.lowercased())
    }

    func start(_ name: String, namespace: String?, attributes: [String: String]) {
        if skipped.enter(name) { return }
        switch name {
        case "p": paragraphs.append(Paragraph())
        case "pPr": inParagraphProperties = true
        case "rPr": inRunProperties = true
        case "pStyle": if inParagraphProperties, !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].style = attributes["val"] }
        case "numId":
            if inParagraphProperties, !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].numbered = attributes["val"] != "0" }
        case "outlineLvl":
            if inParagraphProperties, !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].outlineLevel = attributes["val"].flatMap(Int.init) }
        case "r": runBold = nil
        case "b": if inRunProperties, !inParagraphProperties { runBold = Self.isOn(attributes["val"]) }
        case "t": inText = true
        case "tab", "ptab": append(" ")
        case "noBreakHyphen": append("-")
        case "br", "cr": if !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].text.lineBreak() }
        case "footnoteReference", "endnoteReference":
            guard let id = attributes["id"], !paragraphs.isEmpty else { return }
            let key = WordNotes.key(name == "footnoteReference" ? .footnote : .endnote, id)
            let number = noteNumbers[key] ?? (noteNumbers.count + 1)
            noteNumbers[key] = number
            append("[\(number)]")
            paragraphs[paragraphs.count - 1].notes.append(key)
        case "commentReference":
            if let id = attributes["id"], !paragraphs.isEmpty { paragraphs[paragraphs.count - 1].notes.append(WordNotes.key(.comment, id)) }
        case "tbl": collector.startTable()
        case "tr": collector.startRow()
        case "tc": collector.startCell()
        default: break
        }
    }

    func end(_ name: String, namespace: String?) {
        if skipped.leave() { return }
        switch name {
        case "pPr": inParagraphProperties = false
        case "rPr": inRunProperties = false
        case "t": inText = false
        case "p": if let paragraph = paragraphs.popLast() { finish(paragraph) }
        case "tc": collector.endCell()
        case "tr": collector.endRow()
        case "tbl": collector.endTable()
        default: break
        }
    }

    func text(_ text: String) {
        if inText, !skipped.isSkipping { append(text) }
    }

    private func append(_ piece: String) {
        guard !paragraphs.isEmpty else { return }
        let index = paragraphs.count - 1
        let styleBold = styles[paragraphs[index].style ?? "Normal"]?.bold ?? false
        paragraphs[index].text.append(piece, bold: runBold ?? styleBold)
    }

    private func finish(_ paragraph: Paragraph) {
        let style = styles[paragraph.style ?? "Normal"] ?? WordStyles.Resolved()
        if style.isTableOfContents { return }
        let kind: OutlineCollector.Kind
        if let level = paragraph.outlineLevel.flatMap({ $0 < 9 ? $0 + 1 : nil }) ?? style.headingLevel {
            kind = .heading(level)
        } else if style.isQuote {
            kind = .quote
        } else if paragraph.numbered || style.isList {
            kind = .item
        } else {
            kind = .paragraph
        }
        collector.paragraph(paragraph.text, kind: kind, notes: paragraph.notes.compactMap(noteText))
    }

    /// A note as it is kept: footnotes and endnotes with their number, comments with their author.
    private func noteText(_ key: String) -> String? {
        guard let text = notes.texts[key], !text.isEmpty else { return nil }
        if let number = noteNumbers[key] { return "[\(number)] \(text)" }
        let author = notes.authors[key].map { " (\($0))" } ?? ""
        return "[comment\(author)] \(text)"
    }
}
