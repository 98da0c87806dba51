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
    private(set) var blocks: [DocumentOutline.Block] = []

    /// Open paragraphs; more than one inside text boxes.
    private var paragraphs: [Paragraph] = []
    private var inParagraphProperties = false
    private var inRunProperties = false
    private var runBold: Bool?
    private var inText = false
    /// Depth inside a part whose text is not the document's: deleted text, field codes, fallback copies, old properties.
    private var skipping = 0
    private var tableDepth = 0
    private var row: [String] = []
    private var cell: [String] = []
    private var rowNotes: [String] = []
    private var noteNumbers: [String: Int] = [:]

    private static let skippedElements: Set<String> = ["delText", "instrText", "Fallback", "moveFrom", "pPrChange", "rPrChange", "delInstrText"]

    init(styles: [String: WordStyles.Resolved], notes: WordNotes) {
        self.styles = styles
        self.notes = notes
    }

    static func isOn(_ value: String?) -> Bool {
        guard let value else { return true }
        return !["0", "false", "off", "none"].contains(value.lowercased())
    }

    func start(_ name: String, namespace: String?, attributes: [String: String]) {
        if skipping > 0 || Self.skippedElements.contains(name) {
            skipping += 1
            return
        }
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
        case "tbl":
            tableDepth += 1
        case "tr": if tableDepth == 1 { row = [] }
        case "tc": if tableDepth == 1 { cell = [] }
        default: break
        }
    }

    func end(_ name: String, namespace: String?) {
        if skipping > 0 {
            skipping -= 1
            return
        }
        switch name {
        case "pPr": inParagraphProperties = false
        case "rPr": inRunProperties = false
        case "t": inText = false
        case "p": if let paragraph = paragraphs.popLast() { finish(paragraph) }
        case "tc": if tableDepth == 1 { row.append(cell.joined(separator: " ")) }
        case "tr":
            if tableDepth == 1 {
                if row.contains(where: { !$0.isEmpty }) { blocks.append(.row(row)) }
                emitNotes(rowNotes)
                rowNotes = []
            }
        case "tbl": tableDepth -= 1
        default: break
        }
    }

    func text(_ text: String) {
        if inText, skipping == 0 { append(text) }
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
        if tableDepth > 0 {
            let text = paragraph.text.singleLine
            if !text.isEmpty { cell.append(text) }
            rowNotes += paragraph.notes
            return
        }
        let lines = paragraph.text.lines
        if !lines.isEmpty {
            let level = paragraph.outlineLevel.flatMap { $0 < 9 ? $0 + 1 : nil } ?? style.headingLevel
            if let level {
                let text = lines.joined(separator: " ").replacing(#/\s*\[\d+\]/#, with: "")
                blocks.append(.heading(level: level, text: text))
            } else if style.isQuote {
                blocks.append(.quote(lines: lines))
            } else if paragraph.numbered || style.isList {
                blocks.append(.item(lines.joined(separator: " ")))
            } else {
                blocks.append(.paragraph(lines: lines, emphasised: paragraph.text.allBold && paragraph.text.hasVisibleText))
            }
        }
        emitNotes(paragraph.notes)
    }

    private func emitNotes(_ keys: [String]) {
        for key in keys {
            guard let text = notes.texts[key], !text.isEmpty else { continue }
            if let number = noteNumbers[key] {
                blocks.append(.note("[\(number)] \(text)"))
            } else {
                let author = notes.authors[key].map { " (\($0))" } ?? ""
                blocks.append(.note("[comment\(author)] \(text)"))
            }
        }
    }
}
