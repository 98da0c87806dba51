import Foundation
import SeguiaCore

/// The blocks of an office document, gathered from its paragraphs and tables in order: a
/// paragraph inside a table is text of its cell, and notes follow their paragraph or row.
struct OutlineCollector {
    enum Kind {
        case heading(Int), quote, item, paragraph
    }

    private(set) var blocks: [DocumentOutline.Block] = []
    private(set) var tableDepth = 0
    private var row: [String] = []
    private var cell: [String] = []
    private var rowNotes: [String] = []

    mutating func startTable() { tableDepth += 1 }
    mutating func endTable() { tableDepth -= 1 }
    mutating func startRow() { if tableDepth == 1 { row = [] } }
    mutating func startCell() { if tableDepth == 1 { cell = [] } }
    mutating func endCell() { if tableDepth == 1 { row.append(cell.joined(separator: " ")) } }

    mutating func endRow() {
        guard tableDepth == 1 else { return }
        if row.contains(where: { !$0.isEmpty }) { blocks.append(.row(row)) }
        blocks += rowNotes.map { .note($0) }
        rowNotes = []
    }

    /// A finished paragraph of `kind`, with the texts of the notes it calls.
    mutating func paragraph(_ text: RunText, kind: Kind, notes: [String]) {
        if tableDepth > 0 {
            let line = text.singleLine
            if !line.isEmpty { cell.append(line) }
            rowNotes += notes
            return
        }
        let lines = text.lines
        if !lines.isEmpty {
            switch kind {
            case .heading(let level):
                // A note's call is kept in running text, not in a heading, whose note follows it anyway.
                blocks.append(.heading(level: level, text: lines.joined(separator: " ").replacing(#/\s*\[\d+\]/#, with: "")))
            case .quote: blocks.append(.quote(lines: lines))
            case .item: blocks.append(.item(lines.joined(separator: " ")))
            case .paragraph: blocks.append(.paragraph(lines: lines, emphasised: text.allBold && text.hasVisibleText))
            }
        }
        blocks += notes.map { .note($0) }
    }
}
