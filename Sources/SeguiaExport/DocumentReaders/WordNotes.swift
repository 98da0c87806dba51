import Foundation
import SeguiaCore

/// `footnotes.xml`, `endnotes.xml`, `comments.xml`: the text of each note by kind and id.
final class WordNotes: XMLEventHandler {
    enum Kind: String { case footnote, endnote, comment }

    private(set) var texts: [String: String] = [:]
    private(set) var authors: [String: String] = [:]
    private var current: (Kind, String)?
    private var paragraphs: [String] = []
    private var paragraph = RunText()
    private var inText = false
    private var skipped = SkippedElements(["delText", "instrText", "delInstrText"])

    static func key(_ kind: Kind, _ id: String) -> String { "\(kind.rawValue):\(id)" }

    func start(_ name: String, namespace: String?, attributes: [String: String]) {
        if skipped.enter(name) { return }
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
        if skipped.leave() { return }
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
        if inText, !skipped.isSkipping, current != nil { paragraph.append(text, bold: false) }
    }
}
