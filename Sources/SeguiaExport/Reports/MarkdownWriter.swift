import Foundation
import SeguiaCore

/// Writes a report as Markdown: title, notes, pipe tables (sources as `[n]`), then the sources.
public struct MarkdownWriter: Sendable {
    public init() {}

    public func write(_ document: ReportDocument) -> String {
        let text = ReportText(document.language)
        var out = "# \(escape(document.title))\n\n"
        if !document.subtitle.isEmpty { out += "\(escape(document.subtitle))\n\n" }
        for note in document.notes { out += "> \(escape(note))\n\n" }
        for table in document.tables {
            if document.tables.count > 1 { out += "## \(escape(table.name))\n\n" }
            out += "| " + table.columns.map(escape).joined(separator: " | ") + " |\n"
            out += "|" + table.columns.map { _ in " --- " }.joined(separator: "|") + "|\n"
            for row in table.rows {
                out += "| " + row.map(cell).joined(separator: " | ") + " |\n"
            }
            out += "\n"
        }
        if !document.sources.isEmpty {
            out += "## \(text["sources"])\n\n"
            for (index, source) in document.sources.enumerated() { out += "\(index + 1). \(escape(source))\n" }
        }
        return out
    }

    private func cell(_ cell: ReportTable.Cell) -> String {
        switch cell {
        case .text(let text), .code(let text): escape(text)
        case .number(let value, let decimals): ReportNumber.format(value, decimals: decimals)
        case .source(let index): "[\(index)]"
        case .empty: ""
        }
    }

    private func escape(_ text: String) -> String { MarkdownText.escaped(text) }
}
