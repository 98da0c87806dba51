import Foundation
import SeguiaCore

/// Writes a practice sheet as Markdown: title, summary, facts, then every section with its
/// notice, paragraphs, items and quotes. What the author wrote is escaped, so that their
/// asterisks, brackets and leading `#` stay text.
public struct PracticeMarkdownWriter: Sendable {
    public init() {}

    public func write(_ sheet: PracticeSheet, quoteBy: (String) -> String) -> String {
        var out = "# \(MarkdownText.escaped(sheet.title))\n\n"
        if let summary = sheet.summary { out += MarkdownText.block(summary) + "\n\n" }
        for fact in sheet.facts {
            out += "- **\(MarkdownText.escaped(fact.label))** : \(fact.values.map(MarkdownText.escaped).joined(separator: ", "))\n"
        }
        out += "\n"
        for section in sheet.sections {
            out += "## \(MarkdownText.escaped(section.heading))\n\n"
            if let notice = section.notice { out += "*\(MarkdownText.escaped(notice))*\n\n" }
            for paragraph in section.paragraphs { out += MarkdownText.block(paragraph) + "\n\n" }
            for item in section.items { out += "- \(MarkdownText.escaped(item))\n" }
            if !section.items.isEmpty { out += "\n" }
            for quote in section.quotes {
                out += "> « \(MarkdownText.escaped(quote.text)) »\n"
                if let speaker = quote.speaker { out += ">\n> \(MarkdownText.escaped(quoteBy(speaker)))\n" }
                out += "\n"
            }
        }
        return out
    }
}

/// Markdown escaping of text a person wrote.
public enum MarkdownText {
    /// One line: every character Markdown gives a meaning to is escaped; line breaks become `<br>`.
    public static func escaped(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "|", "\\", "*", "_", "`", "<", ">", "[", "]", "#": escaped += "\\\(character)"
            case "\n", "\r\n", "\r": escaped += "<br>"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A paragraph: its lines kept, each escaped, and a line that would start a list (`- `,
    /// `+ `, `1. `) kept as text.
    public static func block(_ text: String) -> String {
        text.components(separatedBy: .newlines).map { line in
            var line = escaped(line)
            if line.hasPrefix("- ") || line.hasPrefix("+ ") { line = "\\" + line }
            if let dot = line.firstIndex(of: "."), line[..<dot].allSatisfy(\.isNumber), !line[..<dot].isEmpty {
                line.insert("\\", at: dot)
            }
            return line
        }.joined(separator: "\n")
    }
}
