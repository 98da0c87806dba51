import Foundation

/// Reads plain text and Markdown into a `DocumentOutline`: front matter and leading
/// `label: value` lines as metadata; `#` and underlined headings; lists, block quotes, tables;
/// everything else as paragraphs of lines, left for the parser to find headings in.
public enum PlainTextReader {
    public static func outline(_ document: String, vocabulary: ImportVocabulary = .standard) -> DocumentOutline {
        let raw = document.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
            .replacingOccurrences(of: "\u{FEFF}", with: "").replacingOccurrences(of: "\u{000C}", with: "\n\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        var lines = raw.map { String($0).trimmingCharacters(in: .whitespaces) }
        var outline = DocumentOutline()
        outline.metadata = frontMatter(&lines, vocabulary: vocabulary) + leadingFields(&lines, vocabulary: vocabulary)
        // Indentation only tells whether a line goes on with the list item above it.
        let indented = raw.suffix(lines.count).map { $0.first?.isWhitespace == true }
        outline.blocks = blocks(lines, indented: indented, vocabulary: vocabulary)
        return outline
    }

    /// YAML front matter between `---` lines: `key: value` and `- item` lines under a key.
    private static func frontMatter(_ lines: inout [String], vocabulary: ImportVocabulary) -> [DocumentOutline.MetadataField] {
        guard let start = lines.firstIndex(where: { !$0.isEmpty }), lines[start] == "---",
            let end = lines[(start + 1)...].firstIndex(where: { $0 == "---" || $0 == "..." })
        else { return [] }
        var fields: [DocumentOutline.MetadataField] = []
        for line in lines[(start + 1)..<end] where !line.isEmpty && !line.hasPrefix("#") {
            if line.hasPrefix("- "), !fields.isEmpty {
                let item = unquoted(String(line.dropFirst(2)))
                let last = fields.count - 1
                fields[last].value = fields[last].value.isEmpty ? item : fields[last].value + ", " + item
            } else if let colon = line.firstIndex(of: ":") {
                let label = line[..<colon].trimmingCharacters(in: .whitespaces)
                let value = unquoted(line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
                fields.append(.init(label: label, key: vocabulary.metadataKey(forLabel: label), value: value))
            }
        }
        lines.removeSubrange(0...end)
        return fields.filter { !$0.value.isEmpty }
    }

    /// `Source : …`, `Auteur : …`, a lone URL: the lines at the head of the document the vocabulary names as metadata.
    private static func leadingFields(_ lines: inout [String], vocabulary: ImportVocabulary) -> [DocumentOutline.MetadataField] {
        var fields: [DocumentOutline.MetadataField] = []
        var index = 0
        while index < lines.count {
            let line = InlineMarkup.plainText(lines[index])
            if line.isEmpty {
                index += 1
                continue
            }
            if isURL(line) {
                fields.append(.init(label: "url", key: .url, value: line))
            } else if let (label, value) = labelled(line), let key = vocabulary.metadataKey(forLabel: label) {
                fields.append(.init(label: label, key: key, value: value))
            } else {
                break
            }
            index += 1
        }
        lines.removeFirst(index)
        return fields
    }

    /// `label : value` with a label of at most six words.
    static func labelled(_ line: String) -> (String, String)? {
        guard let colon = line.firstIndex(of: ":") else { return nil }
        let label = line[..<colon].trimmingCharacters(in: .whitespaces)
        let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        // "https://…" is a value, not the label "https".
        guard !label.isEmpty, !value.hasPrefix("//"), label.split(separator: " ").count <= 6 else { return nil }
        return (label, value)
    }

    static func isURL(_ line: String) -> Bool {
        (line.hasPrefix("http://") || line.hasPrefix("https://") || line.hasPrefix("www.")) && !line.contains(" ")
    }

    private static func unquoted(_ value: String) -> String {
        if value.count >= 2, let first = value.first, first == value.last, first == "\"" || first == "'" {
            return String(value.dropFirst().dropLast())
        }
        return value
    }

    private static func blocks(_ lines: [String], indented: [Bool], vocabulary: ImportVocabulary) -> [DocumentOutline.Block] {
        var blocks: [DocumentOutline.Block] = []
        var paragraph: [String] = []
        var paragraphEmphasised = false
        var quote: [String] = []
        var itemIsOpen = false
        var index = 0

        func flush() {
            if !paragraph.isEmpty {
                let (lines, wrapped) = unwrappedEmphasis(paragraph)
                blocks.append(.paragraph(lines: lines.map(InlineMarkup.plainText), emphasised: paragraphEmphasised || wrapped))
            }
            if !quote.isEmpty { blocks.append(.quote(lines: quote)) }
            paragraph = []
            quote = []
            paragraphEmphasised = false
        }

        while index < lines.count {
            let line = lines[index]
            defer { index += 1 }
            if line.isEmpty {
                flush()
                itemIsOpen = false
                continue
            }
            if line.hasPrefix("```") || line.hasPrefix("~~~") {
                // Fenced text is kept as it is written, line by line.
                flush()
                var fenced: [String] = []
                while index + 1 < lines.count, !lines[index + 1].hasPrefix(String(line.prefix(3))) {
                    index += 1
                    if !lines[index].isEmpty { fenced.append(lines[index]) }
                }
                index += 1
                if !fenced.isEmpty { blocks.append(.paragraph(lines: fenced, emphasised: false)) }
                continue
            }
            if let (level, text) = hashHeading(line) {
                flush()
                itemIsOpen = false
                blocks.append(.heading(level: level, text: InlineMarkup.plainText(text)))
                continue
            }
            if isRule(line) {
                // A line of === or --- under a single line of text underlines it as a heading.
                if paragraph.count == 1, quote.isEmpty, line.first == "=" || line.first == "-" {
                    let text = InlineMarkup.plainText(paragraph[0])
                    paragraph = []
                    paragraphEmphasised = false
                    blocks.append(.heading(level: line.first == "=" ? 1 : 2, text: text))
                } else {
                    flush()
                }
                itemIsOpen = false
                continue
            }
            if line.hasPrefix(">") {
                if !paragraph.isEmpty { flush() }
                itemIsOpen = false
                let text = InlineMarkup.plainText(String(line.drop(while: { $0 == ">" || $0 == " " })))
                if !text.isEmpty { quote.append(text) }
                continue
            }
            if !quote.isEmpty { flush() }
            if let cells = tableCells(line) {
                flush()
                itemIsOpen = false
                if !cells.allSatisfy(isAlignmentCell) { blocks.append(.row(cells.map(InlineMarkup.plainText))) }
                continue
            }
            if let item = listItem(line) {
                flush()
                blocks.append(.item(item))
                itemIsOpen = true
                continue
            }
            // A line goes on with the item above when indented, in lower case, or when the item's last
            // line ran to the wrapping width without ending its sentence (text out of a PDF).
            if itemIsOpen, case .item(let text) = blocks.last,
                indented[index] || LineShape.startsLowercase(line) || wrapsOn(lines[index - 1], into: line, vocabulary: vocabulary)
            {
                blocks[blocks.count - 1] = .item(text + " " + InlineMarkup.plainText(line))
                continue
            }
            if paragraph.isEmpty { paragraphEmphasised = InlineMarkup.isAllBold(line) }
            paragraph.append(line)
            itemIsOpen = false
        }
        flush()
        return blocks.filter { block in
            if case .paragraph(let lines, _) = block { return !lines.allSatisfy(\.isEmpty) }
            return true
        }
    }

    /// A paragraph whose first line opens and last line closes one emphasis span, without the markers.
    private static func unwrappedEmphasis(_ lines: [String]) -> ([String], Bool) {
        guard lines.count > 1, let first = lines.first, let last = lines.last else { return (lines, false) }
        for marker in ["***", "**", "__", "*", "_"] where first.hasPrefix(marker) && last.hasSuffix(marker) {
            let inner = lines.joined(separator: "\n").dropFirst(marker.count).dropLast(marker.count)
            guard !inner.contains(marker), let opening = inner.first, !opening.isWhitespace else { continue }
            return (inner.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), marker.count >= 2)
        }
        return (lines, false)
    }

    /// Whether `line` is the rest of a sentence that `previous` broke at the wrapping width.
    private static func wrapsOn(_ previous: String, into line: String, vocabulary: ImportVocabulary) -> Bool {
        previous.count >= 60 && !LineShape.endsSentence(previous) && line.count >= 3
            && vocabulary.meaning(ofHeading: line) == nil
    }

    private static func hashHeading(_ line: String) -> (Int, String)? {
        let hashes = line.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(hashes), line.dropFirst(hashes).first == " " else { return nil }
        let title = line.dropFirst(hashes).trimmingCharacters(in: .whitespaces)
        let withoutClosing = title.replacing(#/\s+#+$/#, with: "")
        return withoutClosing.isEmpty ? nil : (hashes, withoutClosing)
    }

    /// `---`, `***`, `___` or `===`, three or more, alone on the line.
    private static func isRule(_ line: String) -> Bool {
        let compact = line.filter { $0 != " " }
        guard compact.count >= 3, let first = compact.first, "-*_=".contains(first) else { return false }
        return compact.allSatisfy { $0 == first }
    }

    private static func tableCells(_ line: String) -> [String]? {
        guard line.hasPrefix("|"), line.count > 2, line.dropFirst().contains("|") else { return nil }
        var inner = Substring(line.dropFirst())
        if inner.hasSuffix("|") { inner = inner.dropLast() }
        return inner.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    private static func isAlignmentCell(_ cell: String) -> Bool {
        !cell.isEmpty && cell.allSatisfy { "-:".contains($0) } && cell.contains("-")
    }

    /// The text of a bullet or numbered line; numbered items keep their number, part of their text and order.
    static func listItem(_ line: String) -> String? {
        var rest = Substring(line)
        var isItem = false
        // Symbol-font bullets come out of PDFs as private-use characters.
        func isBullet(_ character: Character) -> Bool {
            "▶►•◦▪‣–-*+·●○■□✓✔➢➤→".contains(character)
                || character.unicodeScalars.first.map { (0xE000...0xF8FF).contains($0.value) } == true
        }
        while let first = rest.first, isBullet(first), rest.dropFirst().first == " " {
            rest = rest.dropFirst(2).drop(while: { $0 == " " })
            isItem = true
        }
        if !isItem {
            let digits = rest.prefix(while: \.isNumber)
            let letter = rest.first.map { $0.isLetter && $0.isLowercase && $0.isASCII } == true ? 1 : 0
            let markerLength = digits.isEmpty ? letter : digits.count
            if (1...3).contains(markerLength), let marker = rest.dropFirst(markerLength).first, ".)".contains(marker),
                rest.dropFirst(markerLength + 1).first == " ", digits.isEmpty ? marker == ")" : true
            {
                isItem = true
            }
        }
        guard isItem, !rest.isEmpty else { return nil }
        return InlineMarkup.plainText(String(rest))
    }
}
